"""Cells of a spreadsheet embedded in a Word file (a pasted Excel table), as displayed.

A bureau's 绩效自评表 is often an Excel sheet pasted into the report as an
object: Word shows it, but its text is not in document.xml.  Here the first
sheet's cached values are rendered the way Excel displays them (number
formats: decimals, thousands separators, percentages), so ``1280`` in a cell
formatted ``#,##0.00`` reads ``1,280.00`` as in the report.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from . import open_zip
from ._table import clean_cell

#: an embedded sheet is a table in a report, not a database
MAX_ROWS = 500
MAX_COLUMNS = 60

_DECIMALS = re.compile(r"0\.(0+)")


def display(value, number_format: str = "General") -> str:
    """``value`` as Excel shows it under ``number_format`` (the common formats)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (_dt.datetime, _dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    if not isinstance(value, (int, float, Decimal)):
        return str(value)
    fmt = (number_format or "General").split(";")[0]
    number = Decimal(str(value))
    percent = "%" in fmt
    if percent:
        number *= 100
    match = _DECIMALS.search(fmt)
    if match:
        decimals = len(match.group(1))
    elif "0" in fmt or "#" in fmt:
        decimals = 0
    else:  # General: up to 11 significant digits, as Excel shows (97.32, 1280, 0.3)
        text = format(float(value), ".11g")
        return text if "e" not in text else format(number, "f")
    number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}" if "," in fmt else f"{number:.{decimals}f}"
    return text + ("%" if percent else "")


def sheet_rows(data: bytes) -> list[list[str]]:
    """The non-empty rows of the first sheet of an .xlsx file (checked for zip bombs first)."""
    open_zip(data, "Excel")
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return []
        rows: list[list[str]] = []
        columns = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=columns):
            cells = [clean_cell(display(cell.value, getattr(cell, "number_format", "General")))
                     if cell is not None and hasattr(cell, "value") else "" for cell in row]
            if any(cells):
                rows.append(cells)
        # Columns empty in every row (formatting beyond the table) are not part of it.
        used = max((max((i + 1 for i, cell in enumerate(row) if cell), default=0) for row in rows), default=0)
        return [row[:used] for row in rows]
    finally:
        book.close()
