"""Excel workbook: a findings sheet (one row per finding) and a summary sheet
(one row per report: kind, counts per category and per severity, input error).

Sheet names are 问题清单 / 汇总 (``findings`` / ``summary`` with ``lang="en"``).
Written in openpyxl's write-only mode so that a batch of thousands of reports
streams instead of building the workbook in memory.  Text cells are
neutralised against formula injection and cleaned of characters XML cannot hold.
"""

from __future__ import annotations

from ..model import CATEGORIES, SEVERITIES, FileResult
from ._common import (FINDING_HEADERS, finding_row, neutralise, strip_controls, summary_headers,
                      summary_row)

_MAX_CELL = 32767  # Excel's limit on the characters of one cell

SHEET_NAMES = {"zh": ("问题清单", "汇总"), "en": ("findings", "summary")}


def _cell(value):
    if isinstance(value, str):
        return neutralise(strip_controls(value)[:_MAX_CELL])
    return value


class Writer:
    binary = True

    def __init__(self, out, lang: str = "zh", rules=None, **_ignored):
        from openpyxl import Workbook
        from openpyxl.styles import Font

        self.out = out
        self.lang = "en" if lang == "en" else "zh"
        self.book = Workbook(write_only=True)
        findings_name, summary_name = SHEET_NAMES[self.lang]
        self.findings = self.book.create_sheet(findings_name)
        self.summary = self.book.create_sheet(summary_name)
        self.totals = [0] * (1 + len(CATEGORIES) + len(SEVERITIES))
        self.reports = 0
        self.finding_rows = 0
        self._bold = Font(bold=True)
        for sheet, headers, widths in (
                (self.findings, FINDING_HEADERS[self.lang], (40, 7, 6, 10, 18, 10, 70, 50, 16)),
                (self.summary, summary_headers(self.lang), (40, 12) + (10,) * 13 + (40,))):
            for index, width in enumerate(widths):
                sheet.column_dimensions[_column_letter(index)].width = width
            sheet.freeze_panes = "A2"
            sheet.append([self._header(text) for text in headers])

    def _header(self, text: str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.findings, value=text)
        cell.font = self._bold
        return cell

    def add(self, result: FileResult) -> None:
        for finding in result.findings:
            self.findings.append([_cell(value) for value in finding_row(finding)])
            self.finding_rows += 1
        row = summary_row(result)
        self.summary.append([_cell(value) for value in row])
        self.reports += 1
        for index, value in enumerate(row[2:2 + len(self.totals)]):
            self.totals[index] += value

    def close(self) -> None:
        label = f"合计（{self.reports} 份报告）" if self.lang == "zh" else f"total ({self.reports} reports)"
        self.summary.append([label, ""] + self.totals + [""])
        # Filter buttons on the header rows: how reviewers sort and pick in Excel.
        self.findings.auto_filter.ref = f"A1:{_column_letter(len(FINDING_HEADERS['en']) - 1)}{self.finding_rows + 1}"
        self.summary.auto_filter.ref = f"A1:{_column_letter(len(summary_headers('en')) - 1)}{self.reports + 1}"
        self.book.save(self.out)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
