"""TAB-separated rows grouped into tables, with 绩效自评表 columns recognised.

A run of consecutive lines holding a TAB is one block; inside a block a row
that names two or more known columns and holds no figure (``一级指标	二级指标
…``, ``项目资金（万元）	年初预算数 …``) starts a new table, so a 自评表
with a funds part and an indicator part gives two tables.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Cell, Row, Span, Table

#: header words -> column role, most specific first (执行率得分 is a score, not a rate)
ROLE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("score", r"得分"),
        ("weight", r"分值|权重"),
        ("reason", r"原因|说明|改进措施"),
        ("rate", r"执行率|完成率"),
        ("level1", r"一级指标"),
        ("level2", r"二级指标"),
        ("level3", r"三级指标|指标名称"),
        ("nature", r"指标性质|计算符号"),
        ("unit", r"度量单位|计量单位"),
        ("initial_budget", r"年初预算"),
        ("full_budget", r"全年预算|调整后预算|调整预算|全年（调整）预算|全年\(调整\)预算"),
        ("executed", r"执行数|全年执行|实际支出|决算数"),
        ("actual", r"实际完成值|完成值|全年完成|实际完成"),
        ("target", r"指标值|目标值"),
    )
)

_DIGIT = re.compile(r"\d")


def _roles(cells: tuple[Cell, ...]) -> dict:
    columns: dict = {}
    for index, cell in enumerate(cells):
        text = cell.text.strip()
        if not text:
            continue
        for role, pattern in ROLE_PATTERNS:
            if pattern.search(text):
                columns.setdefault(role, index)
                break
    return columns


def _row(line: str, number: int) -> Row:
    cells = []
    start = 0
    for part in line.split("\t"):
        cells.append(Cell(part, Span(number, start, start + len(part))))
        start += len(part) + 1
    return Row(tuple(cells), number)


def is_header(row: Row) -> bool:
    """A row that names two or more known columns and holds no figure."""
    if any(_DIGIT.search(cell.text) for cell in row.cells):
        return False
    return len(_roles(row.cells)) >= 2


def table_lines(tables: tuple[Table, ...]) -> set[int]:
    """The line numbers that belong to tables (never prose, never headings)."""
    found: set[int] = set()
    for table in tables:
        first, last = table.lines
        found.update(range(first, last + 1))
    return found


def find_tables(lines: tuple[str, ...]) -> tuple[Table, ...]:
    """Every table of the document, in order."""
    tables: list[Table] = []
    block: list[Row] = []
    block_caption = ""
    for index, line in enumerate(lines + ("",)):
        if "\t" in line:
            if not block:
                block_caption = _caption(lines, index)
            block.append(_row(line, index + 1))
            continue
        if block:
            tables.extend(_split(block, block_caption))
            block = []
    return tuple(tables)


def _caption(lines: tuple[str, ...], index: int) -> str:
    if index == 0:
        return ""
    before = lines[index - 1].strip()
    if before and len(before) <= 60 and "表" in before and "\t" not in before:
        return before
    return ""


def _split(block: list[Row], caption: str) -> list[Table]:
    tables: list[Table] = []
    current: Optional[list[Row]] = None
    for row in block:
        if is_header(row) or current is None:
            if current:
                tables.append(_table(current, caption if not tables else ""))
            current = [row]
        else:
            current.append(row)
    if current:
        tables.append(_table(current, caption if not tables else ""))
    return tables


def _table(rows: list[Row], caption: str) -> Table:
    header = rows[0]
    return Table(header, tuple(rows[1:]), _roles(header.cells) if is_header(header) else {}, caption)


def carried_labels(table: Table, role: str) -> list[str]:
    """The label of ``role`` (level1 / level2) for every row, blank cells carried down."""
    column = table.columns.get(role)
    labels: list[str] = []
    last = ""
    for row in table.rows:
        cell = row.cell(column)
        text = cell.text.strip() if cell else ""
        if text:
            last = text
        labels.append(last)
    return labels


_TOTAL_ROW = re.compile(r"^(?:总分|总计|合计|小计|总额|得分合计)")


def is_total_row(row: Row) -> bool:
    """A 合计 / 总分 / 小计 row: the first non-empty cell says so."""
    for cell in row.cells:
        text = cell.text.strip()
        if text:
            return bool(_TOTAL_ROW.match(text))
    return False
