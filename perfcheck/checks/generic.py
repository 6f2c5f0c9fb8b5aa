"""Generic kinds a bureau can use for house rules without writing Python.

``phrases`` (like Vale's *existence*): every occurrence of listed words or
patterns is marked.  A bureau bans a wording, or requires none of a
template's leftovers, with a list in TOML.
"""

from __future__ import annotations

from . import Hit, Param, kind
from ..model import Report, Span


@kind("phrases", params={
    "words": Param("list", [], "literal words or phrases to mark"),
    "patterns": Param("regex-list", [], "regular expressions to mark (run with a time limit)"),
    "skip_tables": Param("bool", False, "do not look inside table rows"),
})
def phrases(report: Report, params) -> "list[Hit]":
    """Mark each occurrence of ``words`` or ``patterns``; the message gets ``{match}``."""
    words = params["words"] or ()
    patterns = params["patterns"] or ()
    hits = []
    for number, line in enumerate(report.lines, 1):
        if params["skip_tables"] and "\t" in line:
            continue
        for word in words:
            start = line.find(word)
            while start >= 0:
                hits.append(Hit(Span(number, start, start + len(word)), {"match": word}))
                start = line.find(word, start + len(word))
        for pattern in patterns:
            for match in pattern.finditer(line):
                if match.end() > match.start():
                    hits.append(Hit(Span(number, match.start(), match.end()), {"match": match.group()}))
    return hits
