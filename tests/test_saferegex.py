"""SafePattern passes regex its arguments by position: they must land where regex expects them."""

from __future__ import annotations

import pytest
import regex

from perfcheck.saferegex import SafePattern

TEXT = "2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元。\n目标：不低于95%。"


@pytest.mark.parametrize("pattern", [r"\d+(?:\.\d+)?万元", r"支出", r"(?P<word>不低于|达到)\s*(\d+)", r"^目标", r"x?"])
def test_same_matches_as_keyword_calls(pattern):
    safe, plain = SafePattern(pattern), regex.compile(pattern, regex.V0)
    for pos in (0, 5, len(TEXT)):
        found, expected = safe.search(TEXT, pos), plain.search(TEXT, pos, timeout=1.0)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
    assert [m.span() for m in safe.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT, timeout=1.0)]


@pytest.mark.parametrize("call", ["search", "finditer"])
def test_the_time_limit_applies(call):
    safe = SafePattern(r"(a|aa)+$", timeout=0.05)
    with pytest.raises(TimeoutError):
        result = getattr(safe, call)("a" * 40 + "!")
        list(result) if call == "finditer" else None
