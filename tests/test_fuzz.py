"""Fuzzing: hypothesis drives the readers, the parser and every rule of the default pack.

Inputs are arbitrary text, text made of report vocabulary (figures, units,
heading numbers, TAB rows), and corpus reports with random mutations.  For
each: parsing raises nothing, no rule crashes or times out (a rule error
finding), and every span -- of a finding or of a parsed figure, heading or
sentence -- lies inside the document.

The profile is short here (a few seconds); ``benchmarks/bench.py`` runs
it long by setting ``PERFCHECK_FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import os
import zipfile
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_span_inside

from perfcheck.engine import RULE_ERROR, run_rule
from perfcheck.model import Document, Report
from perfcheck.parse import parse_document
from perfcheck.readers import InputError, read_bytes, read_text
from perfcheck.ruleset import load_rules

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else []
CORPUS_DOCX = sorted(CORPUS.glob("*.docx"))[:2] if CORPUS.is_dir() else []

EXAMPLES = int(os.environ.get("PERFCHECK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])

# What reports are made of, so random text reaches deep into the parser.
TOKENS = [
    "一、", "二、", "三、", "十一、", "（一）", "（二）", "（十）", "1.", "2．", "3、", "（1）", "（2）", "①", "②",
    "第一部分", "基本情况", "预算收支情况", "绩效情况", "存在的问题", "改进措施", "其他需要说明的情况",
    "其中", "包括", "合计", "总计", "小计", "收入", "支出", "基本支出", "项目支出", "人员经费", "公用经费",
    "结转结余", "年初预算", "调整追加", "调减", "全年预算", "实际支出", "执行率", "完成率", "得分", "分值",
    "总分", "自评等级", "优", "良", "满意度", "显著", "明显提升", "圆满完成", "一致好评", "一是", "二是",
    "问卷", "调查", "XX", "××", "【请填写】", "项目", "“", "”", "《", "》",
    "万元", "亿元", "元", "%", "％", "‰", "个", "人次", "家", "项", "台（套）", "≥", "≤", "=", "无",
    "0", "1", "9", "12", "100", "2023年", "44.13", "1,872.96", "0.00", "３５．９０", "三百", "一千二百万",
    "。", "，", "；", "：", "、", "（", "）", "(", ")", "\t", "\n", "\n", "\n", " ", "\u3000",
    "\r\n", "\r", "\u2028", "\x0c", "\ufeff", "\x00", "\U0001f600", "\u0301",
]

report_like_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=400).map("".join)
arbitrary_text = st.text(max_size=2000)


@st.composite
def mutated_report(draw) -> str:
    """A corpus report with a few random cuts, copies, insertions, swaps and digit changes."""
    if not CORPUS_TEXTS:
        return draw(report_like_text)
    text = draw(st.sampled_from(CORPUS_TEXTS))
    for _ in range(draw(st.integers(1, 8))):
        size = len(text)
        at = draw(st.integers(0, size))
        span = draw(st.integers(0, 400))
        op = draw(st.sampled_from(["cut", "copy", "insert", "swap", "digit", "truncate", "join"]))
        if op == "cut":
            text = text[:at] + text[at + span:]
        elif op == "copy":
            text = text[:at] + text[at:at + span] * draw(st.integers(2, 4)) + text[at:]
        elif op == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=10))) + text[at:]
        elif op == "swap":
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "digit":
            digits = [k for k in range(at, min(size, at + span)) if text[k].isdigit() or text[k] in ".,"]
            if digits:
                k = draw(st.sampled_from(digits))
                text = text[:k] + draw(st.sampled_from("0123456789.,")) + text[k + 1:]
        elif op == "truncate":
            text = text[:at]
        else:  # a lost line break
            k = text.find("\n", at)
            if k != -1:
                text = text[:k] + text[k + 1:]
    return text


@lru_cache(maxsize=1)
def default_rules():
    return load_rules()


def assert_model_inside(report: Report) -> None:
    lines = report.document.lines
    assert len(report.lines) == len(lines)
    assert all(len(a) == len(b) for a, b in zip(report.lines, lines))
    for element in (*report.amounts, *report.percents, *report.counts, *report.headings, *report.sentences,
                    *report.problems, *report.measures, *report.projects):
        assert_span_inside(element.span, lines, element)
    for breakdown in report.breakdowns:
        assert_span_inside(breakdown.total.span, lines, breakdown)
        for part in breakdown.parts:
            assert_span_inside(part.amount.span, lines, part)


def lint_text(text: str) -> None:
    """Parse ``text`` and run every rule of the default pack on it; fail on any misbehaviour."""
    document = read_text(text, "fuzz.txt")
    report = parse_document(document)
    assert_model_inside(report)
    for rule in default_rules().rules:
        for finding in run_rule(report, rule):
            assert finding.category != RULE_ERROR, finding.message
            if finding.span is not None:
                assert_span_inside(finding.span, document.lines, finding)


@FUZZ
@given(report_like_text)
def test_report_vocabulary(text):
    lint_text(text)


@FUZZ
@given(arbitrary_text)
def test_arbitrary_text(text):
    lint_text(text)


@pytest.mark.skipif(not CORPUS_TEXTS, reason="corpus not found")
@FUZZ
@given(mutated_report())
def test_mutated_corpus_reports(text):
    lint_text(text)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), report_like_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 report_like_text.map(lambda t: t.encode("gb18030", "replace"))),
       st.sampled_from(["r.txt", "r.md"]))
def test_text_reader_takes_any_bytes(data, name):
    """Any bytes give a Document or an InputError, nothing else."""
    try:
        document = read_bytes(data, name)
    except InputError as exc:
        assert exc.message
        return
    assert isinstance(document, Document) and all("\n" not in line for line in document.lines)


@pytest.mark.skipif(not CORPUS_DOCX, reason="corpus .docx not found")
@FUZZ
@given(st.sampled_from(CORPUS_DOCX), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1,
                                              max_size=6))
def test_damaged_word_files(path, flips):
    """A Word file with bytes overwritten, inside the zip or inside its XML, reads or is an InputError."""
    data = bytearray(path.read_bytes())
    if flips[0][1] % 2:  # damage the XML rather than the zip around it
        archive = zipfile.ZipFile(BytesIO(bytes(data)))
        xml = bytearray(archive.read("word/document.xml"))
        for where, value in flips:
            xml[int(where * (len(xml) - 1))] = value
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
            for info in archive.infolist():
                rebuilt.writestr(info.filename, bytes(xml) if info.filename == "word/document.xml"
                                 else archive.read(info.filename))
        data = bytearray(out.getvalue())
    else:
        for where, value in flips:
            data[int(where * (len(data) - 1))] = value
    try:
        document = read_bytes(bytes(data), "r.docx")
    except InputError:
        return
    lint_text("\n".join(document.lines))
