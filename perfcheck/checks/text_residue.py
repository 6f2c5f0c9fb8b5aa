"""template-residue: what a template or a file conversion left in the text.

Instructions to the person filling a form (格式参考如下, （100字以内）),
placeholders (XX, ××, 【待补充】, ``占 %``) and conversion debris
(``[bookmark: _GoBack]``, 错误！未定义书签).  The patterns are pack data;
``exclude`` lists patterns for look-alikes that are real text (X射线) and
is checked against the same stretch of the line.
"""

from __future__ import annotations

from bisect import bisect_left

from . import Hit, Param, kind
from ..model import Report, Span
from .text_common import text_index


@kind("template-residue", params={
    "patterns": Param("regex-list", [], "what to mark, each a regular expression"),
    "exclude": Param("regex-list", [], "look-alikes that are real text; a match overlapping one is dropped"),
    "skip_tables": Param("bool", False, "do not look inside table rows"),
})
def template_residue(report: Report, params) -> "list[Hit]":
    """Mark each stretch of text matching a residue pattern; message gets ``{match}``."""
    patterns = params["patterns"] or ()
    excludes = params["exclude"] or ()
    index = text_index(report)
    found = sorted({m for pattern in patterns for m in index.matches(pattern)},
                   key=lambda m: (m[0], m[1], m[1] - m[2]))
    if not found:
        return []
    excluded: dict[int, list[tuple[int, int]]] = {}
    for pattern in excludes:
        for line, start, end in index.matches(pattern):
            excluded.setdefault(line, []).append((start, end))
    for spans in excluded.values():
        spans.sort()
    hits = []
    taken = (0, -1)  # line and end column of the last kept match
    for line, start, end in found:
        if end <= start or (line == taken[0] and start < taken[1]):
            continue  # the longest of overlapping matches names the residue best
        text = report.lines[line - 1]
        if params["skip_tables"] and "\t" in text:
            continue
        if line in excluded and _overlapping(excluded[line], start, end):
            continue
        taken = (line, end)
        original = report.line_text(line)[start:end] or text[start:end]
        hits.append(Hit(Span(line, start, end), {"match": original.strip()}))
    return hits


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether sorted ``spans`` hold one overlapping [start, end); excludes are short,
    so only the few that start before ``end`` and near ``start`` need a look."""
    index = bisect_left(spans, (end, -1))
    while index > 0:
        index -= 1
        s, e = spans[index]
        if e > start:
            return True
        if s < start - 200:
            return False
    return False
