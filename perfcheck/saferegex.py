"""Regular expressions from rule packs, run with a time limit.

A bureau's pattern such as ``(a+)+$`` can take exponential time on a
backtracking engine.  The ``regex`` module accepts a ``timeout`` on every
match call and raises ``TimeoutError`` past it; the engine turns that into
one rule error naming the rule instead of a hung batch.
"""

from __future__ import annotations

import regex

#: seconds one match call of a pack pattern may take
DEFAULT_TIMEOUT = 0.25


class SafePattern:
    """A compiled pattern whose every call runs with a time limit."""

    __slots__ = ("pattern", "_compiled", "timeout")

    def __init__(self, pattern: str, timeout: float = DEFAULT_TIMEOUT):
        self.pattern = pattern
        self._compiled = regex.compile(pattern, regex.V0)
        self.timeout = timeout

    # Arguments go by position, in the order regex's own module-level search() and finditer()
    # pass them: parsing a keyword costs ~1 µs a call in its C code, and a report makes ~700.

    def search(self, text: str, pos: int = 0):
        # string, pos, endpos, concurrent, partial, timeout
        return self._compiled.search(text, pos, None, None, False, self.timeout)

    def finditer(self, text: str):
        # string, pos, endpos, overlapped, concurrent, partial, timeout
        return self._compiled.finditer(text, None, None, False, None, False, self.timeout)

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r})"


def compile_pattern(pattern: str, timeout: float = DEFAULT_TIMEOUT) -> SafePattern:
    """Compile ``pattern``; raises ``regex.error`` when it is invalid."""
    return SafePattern(pattern, timeout)
