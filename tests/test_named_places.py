"""foreign-unit finds 两字地名+级别+单位名 by hand, not with a per-report regex: same spans as the regex."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from perfcheck.checks.text_units import _HAN, _named_places

CHARS = "县市区遂昌松阳残联合会卫局a1，-"
names = st.lists(st.text(CHARS, min_size=1, max_size=3), min_size=1, max_size=2)


@settings(max_examples=200, deadline=None)
@given(names=names, levels=st.text("省市州县区-^]", min_size=1, max_size=4),
       pieces=st.lists(st.sampled_from(["遂昌县", "阳县", "县", "市", "松", "，", "a", "残联"]), max_size=8),
       extra=st.integers(0, 7))
def test_same_spans_as_the_regex(names, levels, pieces, extra):
    line = "".join(piece if i % 3 else piece + names[(i + extra) % len(names)] for i, piece in enumerate(pieces))
    regex = re.compile(f"(?P<place>[{_HAN}]{{2}}[{re.escape(levels)}])(?:" + "|".join(map(re.escape, names)) + ")")
    assert _named_places(line, names, levels) == [m.span() for m in regex.finditer(line)]
