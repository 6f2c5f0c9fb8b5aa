"""CSV for Excel: one row per finding, UTF-8 with a BOM (else Excel misreads Chinese).

Columns: path, line, column, severity, category, rule, message, excerpt,
location (headers in Chinese unless ``lang="en"``).  Cells that a
spreadsheet would run as a formula are neutralised with a leading '.
"""

from __future__ import annotations

import csv

from ..model import FileResult
from ._common import FINDING_HEADERS, finding_row, neutralise


class Writer:
    binary = False

    def __init__(self, out, lang: str = "zh", rules=None, **_ignored):
        self.out = out
        out.write("\ufeff")
        self.csv = csv.writer(out, lineterminator="\r\n")
        self.csv.writerow(FINDING_HEADERS["en" if lang == "en" else "zh"])

    def add(self, result: FileResult) -> None:
        for finding in result.findings:
            self.csv.writerow([neutralise(value) for value in finding_row(finding)])

    def close(self) -> None:
        self.out.flush()
