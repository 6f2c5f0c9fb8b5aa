"""Helpers the text kinds share: cached pack patterns, and whole-text matching.

Running a pattern once over the whole text and mapping each match back to
its line is many times cheaper than calling it line by line.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Iterator

from ..model import Report
from ..saferegex import SafePattern, compile_pattern


@lru_cache(maxsize=512)
def cached_pattern(pattern: str) -> SafePattern:
    """A pattern from a ``table`` param, compiled once per process."""
    return compile_pattern(pattern)


class TextIndex:
    """The report's normalised lines joined by newlines, with line starts for mapping back."""

    __slots__ = ("text", "starts")

    def __init__(self, report: Report):
        self.text = "\n".join(report.lines)
        starts = [0]
        for line in report.lines:
            starts.append(starts[-1] + len(line) + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """(1-based line, 0-based column) of a text offset."""
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]

    def matches(self, pattern: SafePattern) -> Iterator[tuple[int, int, int]]:
        """(line, start, end) of each match, cut at the end of the line it starts on."""
        for match in pattern.finditer(self.text):
            start, end = match.span()
            if end <= start:
                continue
            line, column = self.position(start)
            line_end = self.starts[line] - 1
            yield line, column, min(end, line_end) - self.starts[line - 1]


_INDEX_CACHE: dict[int, tuple[Report, TextIndex]] = {}


def text_index(report: Report) -> TextIndex:
    """The report's TextIndex, built once per report (several rules read it)."""
    key = id(report)
    cached = _INDEX_CACHE.get(key)
    if cached is not None and cached[0] is report:
        return cached[1]
    index = TextIndex(report)
    if len(_INDEX_CACHE) > 8:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[key] = (report, index)
    return index
