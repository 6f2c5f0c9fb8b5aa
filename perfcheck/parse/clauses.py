"""Where the sentence or clause holding a column starts, found by bisection.

``max(line.rfind(ch, 0, column) for ch in "。！？")`` scans back to the line's
start for every stop character the line lacks: on a long line (a PDF that
lost its line breaks) that is quadratic.  The stop positions of a line are
found once (a regex scan) and searched in O(log n).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

SENTENCE_STOPS = "。！？；;"


@lru_cache(maxsize=64)
def _stop_pattern(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]")


@lru_cache(maxsize=4096)
def _stops(line: str, chars: str) -> tuple[int, ...]:
    return tuple(match.start() for match in _stop_pattern(chars).finditer(line))


@lru_cache(maxsize=64)
def _key(chars: str) -> str:
    """One cache entry per set of stop characters, whatever their order."""
    return "".join(sorted(set(chars)))


def start_before(line: str, column: int, chars: str = SENTENCE_STOPS) -> int:
    """The column after the last of ``chars`` before ``column`` (0 when there is none)."""
    stops = _stops(line, _key(chars))
    index = bisect_left(stops, column)
    return stops[index - 1] + 1 if index else 0


def end_after(line: str, column: int, chars: str = SENTENCE_STOPS) -> int:
    """The column of the first of ``chars`` at or after ``column`` (the line's length when none)."""
    stops = _stops(line, _key(chars))
    index = bisect_left(stops, column)
    return stops[index] if index < len(stops) else len(line)
