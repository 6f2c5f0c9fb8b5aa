"""What the arithmetic and consistency checks read: a prose line's figures,
a table cell's number, and how a recomputed rate or score is reported.

A rate is judged with interval arithmetic (see ``numeric_intervals``): it
holds when some values within the rounding of its figures give it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import Optional, Sequence, Union

from .. import format as fmt
from ..model import Amount, Count, Percent, Report, Row, Span
from ..parse.breakdowns import _depths as bracket_depths
from ..parse.clauses import start_before
from ..parse.numbers import ARABIC, parse_arabic
from . import Hit
from . import numeric_intervals as iv


Figure = Union[Amount, Count, Percent]


HUNDRED = Decimal(100)


_SENTENCE_END = "。！？!?"


class Line:
    """The figures of one prose line, in column order."""

    __slots__ = ("number", "text", "amounts", "percents", "counts")

    def __init__(self, number: int, text: str):
        self.number = number
        self.text = text
        self.amounts: list[Amount] = []
        self.percents: list[Percent] = []
        self.counts: list[Count] = []

    def sentence_start(self, column: int) -> int:
        return start_before(self.text, column, _SENTENCE_END)

    def before(self, figures: Sequence, column: int) -> list:
        """Figures of the sentence holding ``column`` that come before it (``figures``
        in column order, as the parser gives them)."""
        start = self.sentence_start(column)
        return list(figures[bisect_left(figures, start, key=_column):bisect_left(figures, column, key=_column)])


def prose_lines(report: Report) -> dict[int, Line]:
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    lines: dict[int, Line] = {}

    def line(number: int) -> Optional[Line]:
        if number in table_lines:
            return None
        if number not in lines:
            lines[number] = Line(number, report.lines[number - 1])
        return lines[number]

    for amount in report.amounts:
        target = line(amount.span.line)
        if target is not None:
            target.amounts.append(amount)
    for percent in report.percents:
        target = line(percent.span.line)
        if target is not None:
            target.percents.append(percent)
    for count in report.counts:
        target = line(count.span.line)
        if target is not None:
            target.counts.append(count)
    return lines


def _outside_brackets(text: str, column: int) -> bool:
    return bracket_depths(text)[column] == 0 if column < len(text) else True


def _column(figure) -> int:
    return figure.span.start


def _hit(span: Span, what: str, stated: str, computed: str, figures: str, diff: str, variant: str = "default") -> Hit:
    return Hit(span, {"what": what, "stated": stated, "computed": computed, "figures": figures, "diff": diff}, variant=variant)


def _rate_hit(percent: Percent, what: str, value: Decimal, figures: str) -> Hit:
    decimals = max(percent.decimals, 2)
    return _hit(percent.span, what, fmt.percent(percent.value, percent.decimals), fmt.percent(value, decimals), figures,
                fmt.number(abs(value - percent.value), decimals) + "个百分点")


def _show(figure: Figure) -> str:
    if isinstance(figure, Amount):
        return fmt.amount(figure)
    if isinstance(figure, Count):
        if figure.text and not figure.text[0].isdigit() or "万" in figure.text or "亿" in figure.text:
            return figure.text  # 4.82万人次, 三个: as written
        return fmt.number(figure.value, iv.decimals_of(figure.value)) + figure.measure
    return fmt.percent(figure.value, figure.decimals)


def _rate_holds(numerator: iv.Interval, denominator: iv.Interval, percent: Percent) -> bool:
    computed = iv.quotient(numerator, denominator)
    return computed is None or iv.rounds_to(computed, percent.value, percent.decimals)


def _exact_rate(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * HUNDRED if denominator else Decimal(0)


def _shared(a: str, b: str) -> int:
    """Length of the longest common substring of two short labels."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


_CELL_NUMBER = re.compile(r"^\s*(?P<sign>[≥≤<>=＞＜]|不低于|不少于|不高于|不超过)?\s*(?P<num>" + ARABIC + r")\s*(?P<unit>[^\d\s]*)\s*$")


_REVERSE_WORDS = re.compile(r"^\s*(?:≤|<|＜|不高于|不超过|低于)|以内|以下")


def _number(cell_text: str) -> Optional[tuple[Decimal, int, str]]:
    match = _CELL_NUMBER.match(cell_text or "")
    if not match:
        return None
    value, decimals = parse_arabic(match["num"])
    return value, decimals, match["unit"] or ""


def _cell(row: Row, column: Optional[int]) -> str:
    cell = row.cell(column)
    return cell.text.strip() if cell else ""


def _cell_span(row: Row, column: Optional[int]) -> Span:
    cell = row.cell(column)
    if cell is None:
        return Span(row.line, 0, sum(len(c.text) + 1 for c in row.cells) - 1)
    return cell.span
