"""CSV and XLSX outputs: findings and summary sheets, BOM for Excel, no formula injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from perfcheck.model import CATEGORIES, SEVERITIES, Document, FileResult, Finding, Span
from perfcheck.output import csvout, xlsx
from perfcheck.output._common import neutralise

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

HOSTILE = ['=HYPERLINK("http://e.vil","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"]


def _results():
    document = Document("a.txt", ("第一行", "2023年支出44.13万元"))
    findings = [
        Finding("a.txt", "PC101", "totals", "error", "合计不符", Span(2, 5, 12), "2023年支出44.13万元", "第2行"),
        Finding("a.txt", "PC401", "missing-section", "error", "缺少“改进措施”部分"),
        Finding("a.txt", "PC601", "unsupported-claim", "warning", "评价无依据", Span(1, 0, 3), "第一行"),
    ]
    findings += [Finding("a.txt", "PC901", "template-residue", "info", text, Span(1, 0, 1), text) for text in HOSTILE]
    good = FileResult("a.txt", document, tuple(findings), "department")
    bad = FileResult("=bad.docx", None, (Finding("=bad.docx", "input-error", "input-error", "error",
                                                  "Word文件已损坏（不是有效的 .docx 压缩包）"),))
    return [good, bad]


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("正常文本", "正常文本"), ("1=1", "1=1"), (5, 5), (None, None),
])
def test_neutralise(text, safe):
    assert neutralise(text) == safe


def test_csv_has_bom_headers_and_one_row_per_finding():
    out = io.StringIO()
    writer = csvout.Writer(out, lang="zh")
    for result in _results():
        writer.add(result)
    writer.close()
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["文件", "行", "列", "严重程度", "类别", "规则", "问题说明", "原文摘录", "位置"]
    assert len(rows) == 1 + len(_results()[0].findings) + 1
    assert rows[1] == ["a.txt", "2", "6", "error", "totals", "PC101", "合计不符", "2023年支出44.13万元", "第2行"]
    assert rows[2][1:3] == ["", ""]  # a whole-document finding has no line
    assert rows[-1][0] == "'=bad.docx" and rows[-1][4] == "input-error"


def test_csv_cells_cannot_start_a_formula():
    out = io.StringIO()
    writer = csvout.Writer(out, lang="en")
    for result in _results():
        writer.add(result)
    writer.close()
    rows = list(csv.reader(io.StringIO(out.getvalue()[1:])))
    assert rows[0][0] == "path"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), row
    messages = [row[6] for row in rows[1:]]
    assert "'" + HOSTILE[0] in messages  # the text is kept, only defused


def _workbook(results, lang="zh"):
    openpyxl = pytest.importorskip("openpyxl")
    out = io.BytesIO()
    writer = xlsx.Writer(out, lang=lang)
    assert writer.binary
    for result in results:
        writer.add(result)
    writer.close()
    out.seek(0)
    return openpyxl.load_workbook(out)


def test_xlsx_has_findings_and_summary_sheets():
    book = _workbook(_results())
    assert book.sheetnames == ["问题清单", "汇总"]
    findings = list(book["问题清单"].iter_rows(values_only=True))
    assert findings[0][:3] == ("文件", "行", "列")
    assert findings[1] == ("a.txt", 2, 6, "error", "totals", "PC101", "合计不符", "2023年支出44.13万元", "第2行")
    assert len(findings) == 1 + 10 + 1
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert len(summary) == 1 + 2 + 1  # header, two reports, the total
    header = summary[0]
    good = dict(zip(header, summary[1]))
    assert good["文件"] == "a.txt" and good["报告类型"] == "department" and good["问题总数"] == 10
    assert good["合计数"] == 1 and good["模板残留"] == len(HOSTILE) and good["错误"] == 2
    bad = dict(zip(header, summary[2]))
    assert bad["问题总数"] == 0 and "损坏" in bad["无法读取原因"]
    assert summary[3][0].startswith("合计") and summary[3][2] == 10


def test_xlsx_cells_are_text_never_formulas():
    book = _workbook(_results(), lang="en")
    assert book.sheetnames == ["findings", "summary"]
    for row in book["findings"].iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert len(book["summary"]["A"]) == 4
    header = [cell.value for cell in book["summary"][1]]
    assert header == ["path", "kind", "findings", *CATEGORIES, *SEVERITIES, "input-error"]


def test_xlsx_survives_control_characters_and_huge_cells():
    document = Document("c.txt", ("x",))
    text = "控制\x01\x02字符" + "长" * 40000
    result = FileResult("c.txt", document, (Finding("c.txt", "PC901", "template-residue", "info", text),))
    book = _workbook([result])
    message = book["问题清单"].cell(row=2, column=7).value
    assert message.startswith("控制") and "\x01" not in message and len(message) <= 32767


def test_xlsx_of_the_corpus_opens():
    if not CORPUS.is_dir():
        pytest.skip("corpus not found")
    from perfcheck.engine import lint

    paths = sorted(str(p) for p in CORPUS.glob("dev0*.txt"))[:4] + [str(CORPUS / "dev07_xianyiyuan.docx")]
    book = _workbook(list(lint(paths, jobs=1)))
    assert book["汇总"].max_row == len(paths) + 2


def test_xlsx_sheets_have_filters_and_frozen_headers():
    book = _workbook(_results())
    assert book["问题清单"].auto_filter.ref == "A1:I12"  # header + 11 findings
    assert book["汇总"].auto_filter.ref.startswith("A1:") and book["汇总"].freeze_panes == "A2"
