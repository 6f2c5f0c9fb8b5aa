"""Sentence and clause bounds found by bisection agree with a plain scan."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfcheck.parse.clauses import end_after, start_before


@pytest.mark.parametrize("line, column, start, end", [
    ("本年支出44.13万元。其中基本支出35.90万元；项目支出8.23万元。", 14, 12, 25),
    ("没有句号的一行", 3, 0, 7),
    ("。开头", 0, 0, 0),
])
def test_bounds(line, column, start, end):
    assert start_before(line, column) == start
    assert end_after(line, column) == end


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="甲乙。；;！？，1", max_size=60), st.data())
def test_bounds_agree_with_a_scan(line, data):
    column = data.draw(st.integers(min_value=0, max_value=len(line)))
    stops = "。！？；;"
    assert start_before(line, column) == max(line.rfind(ch, 0, column) for ch in stops) + 1
    found = [i for i in (line.find(ch, column) for ch in stops) if i != -1]
    assert end_after(line, column) == (min(found) if found else len(line))
