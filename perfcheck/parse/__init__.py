"""Parser: Document -> Report.

Each submodule models one kind of fact; this module only wires them in a
fixed order (later steps may read what earlier ones found).  Everything
works on the normalised lines (see ``normalize``), whose columns equal the
original text's, so spans point at what the user wrote.
"""

from __future__ import annotations

import os
from typing import Union

from ..model import Document, Report
from .normalize import normalize


def parse_document(document: Document) -> Report:
    from . import amounts, breakdowns, identity, lists, projects, sentences, structure, tables

    lines = tuple(normalize(line) for line in document.lines)
    found_tables = tables.find_tables(lines)
    sections, headings = structure.find_sections(lines, found_tables)
    found_sentences = sentences.split_sentences(lines, found_tables)
    figures = amounts.find_figures(lines)
    found_breakdowns = breakdowns.find_breakdowns(lines, figures, found_tables)
    found_projects = projects.find_projects(lines, headings, figures, found_tables)
    problems, measures = lists.find_problems_and_measures(lines, headings)
    ident = identity.identify(lines, headings, found_tables, found_projects)
    return Report(
        document=document,
        lines=lines,
        kind=ident.kind,
        title=ident.title,
        unit=ident.unit,
        year=ident.year,
        sections=sections,
        headings=headings,
        sentences=found_sentences,
        amounts=figures.amounts,
        percents=figures.percents,
        counts=figures.counts,
        breakdowns=found_breakdowns,
        projects=found_projects,
        tables=found_tables,
        problems=problems,
        measures=measures,
    )


def parse(source: Union[str, os.PathLike, Document]) -> Report:
    """Parse a report from a Document, a file path, or the text itself.

    A string that names an existing file is read as a file; any other
    string is taken as the report's text.
    """
    from ..readers import read, read_text

    if isinstance(source, Document):
        return parse_document(source)
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096 and os.path.isfile(source)
    ):
        return parse_document(read(os.fspath(source)))
    return parse_document(read_text(str(source)))


class _CallableModule(type(os)):
    """Importing this subpackage binds ``perfcheck.parse`` to the module,
    shadowing the API function of the same name; a callable module keeps
    ``perfcheck.parse(path)`` working either way."""

    def __call__(self, source: Union[str, os.PathLike, Document]) -> Report:
        return parse(source)


import sys as _sys  # noqa: E402

_sys.modules[__name__].__class__ = _CallableModule
