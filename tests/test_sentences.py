"""Sentences: split at 。！？； and line ends, spans point at the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from perfcheck.parse.sentences import split_sentences


@pytest.mark.parametrize("line, expected", [
    ("活动得到一致好评。群众满意度达96.5%。", ["活动得到一致好评。", "群众满意度达96.5%。"]),
    ("一是制度不健全;二是落实不到位；", ["一是制度不健全;", "二是落实不到位；"]),
    ("他说：“很好。”随后离开", ["他说：“很好。”", "随后离开"]),
    ("  没有句号的一行  ", ["没有句号的一行"]),
    ("真的吗？是的！", ["真的吗？", "是的！"]),
])
def test_split(line, expected):
    assert [s.text for s in split_sentences((line,), ())] == expected


def test_table_rows_hold_no_sentences():
    lines = ("总体情况良好。", "产出指标\t数量\t10", "末句。")
    found = split_sentences(lines, ())
    assert [s.span.line for s in found] == [1, 3]
    assert [s.index for s in found] == [0, 1]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙。！？；;，, 1%\t”", max_size=25), max_size=8))
def test_spans_point_at_the_text(lines):
    for sentence in split_sentences(tuple(lines), ()):
        line = lines[sentence.span.line - 1]
        assert line[sentence.span.start:sentence.span.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
