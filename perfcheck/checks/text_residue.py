"""template-residue: what a template or a file conversion left in the text.

Instructions to the person filling a form (格式参考如下, （100字以内）),
placeholders (XX, ××, 【待补充】, ``占 %``) and conversion debris
(``[bookmark: _GoBack]``, 错误！未定义书签).  The patterns are pack data;
``exclude`` lists patterns for look-alikes that are real text (X射线) and
is checked against the same stretch of the line.
"""

from __future__ import annotations

from . import Hit, Param, kind
from ..model import Report, Span


@kind("template-residue", params={
    "patterns": Param("regex-list", [], "what to mark, each a regular expression"),
    "exclude": Param("regex-list", [], "look-alikes that are real text; a match overlapping one is dropped"),
    "skip_tables": Param("bool", False, "do not look inside table rows"),
})
def template_residue(report: Report, params) -> "list[Hit]":
    """Mark each stretch of text matching a residue pattern; message gets ``{match}``."""
    patterns = params["patterns"] or ()
    excludes = params["exclude"] or ()
    hits = []
    for number, line in enumerate(report.lines, 1):
        if not line.strip() or (params["skip_tables"] and "\t" in line):
            continue
        found = [match.span() for pattern in patterns for match in pattern.finditer(line)
                 if match.end() > match.start()]
        # the longest of overlapping matches names the residue best (填报时请删除本注释, not 请删除)
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        taken_end = -1
        for start, end in found:
            if start < taken_end:
                continue
            if any(_overlaps(exclude, line, start, end) for exclude in excludes):
                continue
            taken_end = end
            original = report.line_text(number)[start:end] or line[start:end]
            hits.append(Hit(Span(number, start, end), {"match": original.strip()}))
    return hits


def _overlaps(pattern, line: str, start: int, end: int) -> bool:
    for match in pattern.finditer(line):
        if match.start() < end and start < match.end():
            return True
    return False
