"""missing-section: each required part of a report, found by heading or by content.

A pack declares the parts as concepts (``parts`` table): a name, the
heading words that announce it, optionally words that show its content
where a template merges it into another part, the report kinds that need
it, and whether the parsed problem / measure items stand for it.  A part
whose heading is there but whose text is empty or only 无/暂无 is missing
too, unless its content is found elsewhere — or the part sets
``may_say_none`` (其他需要说明的情况: 无 is an answer there).  Parts with
``required = false`` are declared for packs that switch them on.
"""

from __future__ import annotations

import re
from typing import Optional

from . import Hit, Param, kind, regex_fields
from ..model import Report, Section
from ..parse.lists import NOTHING
from .text_common import cached_pattern

#: a heading line longer than this is a numbered paragraph, not a part's heading
HEADING_MAX_CHARS = 40


@kind("missing-section", params={
    "parts": Param("table", {}, "concept -> {name, name_en, headings, content, exclude, kinds, items, "
                                "required, may_say_none}",
                   validate=regex_fields("headings", "content", "exclude")),
    "max_heading_level": Param("int", 3, "deepest heading level that can announce a part"),
})
def missing_section(report: Report, params) -> "list[Hit]":
    """A whole-document finding for each required part that is absent or empty."""
    hits = []
    parts = params["parts"] or {}
    max_level = params["max_heading_level"]
    for key, part in parts.items():
        if not part.get("required", True):
            continue  # declared for packs that require it
        kinds = part.get("kinds") or ["department", "project"]
        if report.kind not in kinds:
            continue
        state = _state(report, part, max_level)
        if state is None:
            continue
        variant, section = state
        args = {"part": part.get("name", key), "part_en": part.get("name_en", key)}
        if section is not None:
            args["line"] = str(section.line)
            args["heading"] = (section.number + section.title)[:30]
        hits.append(Hit(None, args, variant))
    return hits


def _compiled(part: dict, key: str):
    pattern = part.get(key)
    return cached_pattern(pattern) if pattern else None


def _state(report: Report, part: dict, max_level: int) -> Optional[tuple[str, Optional[Section]]]:
    """None when the part is present; else ("default", None) or ("empty", its heading)."""
    items = part.get("items")
    if items == "problems" and report.problems:
        return None
    if items == "measures" and report.measures:
        return None
    headings = _compiled(part, "headings")
    exclude = _compiled(part, "exclude")
    empty_heading = None
    if headings is not None:
        matching = [section for section in report.headings
                    if section.level <= max_level and _is_heading(report, section)
                    and headings.search(section.title)
                    and not (exclude and exclude.search(section.title))]
        # only a listed part (problems, measures) has no other content when its label says 无;
        # 效益情况：无 under a performance part with outputs leaves the part present
        said_none = _says_none(report, matching, headings, exclude) \
            if items and not part.get("may_say_none", False) else None
        if said_none is not None:
            return ("empty", said_none)
        for section in _innermost(report, matching):
            if _has_text(report, section, part.get("may_say_none", False)):
                return None
            empty_heading = empty_heading or section
    content = _compiled(part, "content")
    if content is not None and _content_found(report, content):
        return None
    if items and not headings:
        return ("default", None)
    return ("empty", empty_heading) if empty_heading is not None else ("default", None)


_LABEL_LINE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]?\s*)?([^：:，。；]{2,20})[：:](.*)$")


def _says_none(report: Report, sections: "list[Section]", headings, exclude) -> Optional[Section]:
    """The section whose text labels the part and answers 无 (存在的问题：无。) under a
    merged heading: the label is the part's own heading, written inline."""
    for section in sections:
        first, last = section.extent
        for number in range(first + 1, last + 1):
            found = _LABEL_LINE.match(report.lines[number - 1])
            if found is None or not headings.search(found.group(1)):
                continue
            if exclude is not None and exclude.search(found.group(1)):
                continue
            if NOTHING.match(found.group(2)):
                return section
    return None


def _innermost(report: Report, sections: "list[Section]") -> "list[Section]":
    """The sections holding no other match: under a merged heading (问题及改进措施)
    the part's own sub-heading (（1）存在的问题) decides whether it has content.
    A heading with text of its own before that sub-heading keeps its say."""
    result = []
    for section in sections:
        first, last = section.extent
        inner = min((other.line for other in sections if other is not section and first < other.line <= last),
                    default=None)
        if inner is None or any(report.lines[n - 1].strip() for n in range(first + 1, inner)):
            result.append(section)
    return result


def _is_heading(report: Report, section: Section) -> bool:
    text = report.lines[section.line - 1].strip()
    return len(text) <= HEADING_MAX_CHARS and not text.endswith("。")


def _has_text(report: Report, section: Section, may_say_none: bool = False) -> bool:
    """Whether anything but 无/暂无 lies under the heading (its subsections included);
    with ``may_say_none`` (a part where 无 is an answer, 其他需要说明的情况), anything at all."""
    first, last = section.extent
    line = report.lines[first - 1]
    rest = line[section.span.start + len(section.number):].strip()[len(section.title):].strip(" ：:。")
    chunks = [rest] if rest else []
    chunks.extend(report.lines[n - 1].strip() for n in range(first + 1, last + 1))
    chunks = [c for c in chunks if c]
    if may_say_none:
        return bool(chunks)
    return bool(chunks) and not all(NOTHING.match(c) for c in chunks)


_LIST_LINES = ("problems", "measures")


def _content_found(report: Report, content) -> bool:
    """Content words outside the problems and measures (which talk about every part)."""
    skip = {item.span.line for name in _LIST_LINES for item in getattr(report, name)}
    for number, line in enumerate(report.lines, 1):
        if number in skip or not line.strip():
            continue
        if content.search(line):
            return True
    return False
