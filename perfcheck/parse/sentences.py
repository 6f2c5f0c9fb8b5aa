"""Prose split into sentences.

A sentence ends at 。！？；(and ASCII ; ! ?) or at the end of its line;
closing quotes and brackets right after the stop stay with the sentence.
Table rows (TAB-separated lines) hold cells, not prose, and are skipped.
"""

from __future__ import annotations

import re

from ..model import Sentence, Span, Table
from .tables import table_lines

_SENTENCE = re.compile(r"[^。！？；;!?]+(?:[。！？；;!?]+[”’\"』」）)]*)?|[。！？；;!?]+")


def split_sentences(lines: tuple[str, ...], tables: tuple[Table, ...]) -> tuple[Sentence, ...]:
    """Every prose sentence of the document in order, each with its span."""
    in_table = table_lines(tables)
    found: list[Sentence] = []
    for index, line in enumerate(lines):
        number = index + 1
        if number in in_table or "\t" in line:
            continue
        for match in _SENTENCE.finditer(line):
            start, end = match.span()
            # trim surrounding spaces so the span points at the words
            while start < end and line[start].isspace():
                start += 1
            while end > start and line[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            found.append(Sentence(line[start:end], Span(number, start, end), len(found)))
    return tuple(found)
