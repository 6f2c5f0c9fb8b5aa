"""totals: a stated total against the sum of its stated parts.

Modes (per rule):
- ``interval`` (default, XBRL Calculations 1.1 style): the sum holds when it
  is within half a unit of the total's last printed decimal for every
  figure in the sum, the total included; a figure written as 0 is exact.
- ``exact``: the sum must equal the total exactly (in 元).
- ``absolute``: within ``tolerance`` 元.
- ``relative``: within ``tolerance`` × total.

Parts well short of their total read as a partial list unless they say they
are the whole (a remainder item, a complete set).  Counts split by 其中 into
the parts of one classification are judged here too (exact integers).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import Iterable, Sequence

from .. import format as fmt
from ..model import Amount, Breakdown, Count, Report
from ..parse.breakdowns import COMPARISON
from ..parse.clauses import end_after, start_before
from . import Hit
from . import numeric_intervals as iv


def signed_sum(breakdown: Breakdown) -> Decimal:
    total = Decimal(0)
    for index, part in enumerate(breakdown.parts):
        negative = index < len(breakdown.subtract) and breakdown.subtract[index]
        total += -part.amount.yuan if negative else part.amount.yuan
    return total


def allowance(total: Amount, parts: Iterable[Amount]) -> Decimal:
    """Half a unit of the total's last decimal for each non-zero figure, the total included."""
    half = total.half_unit_yuan
    count = sum(1 for part in parts if not part.is_zero) + (0 if total.is_zero else 1)
    return half * count


def sum_holds(breakdown: Breakdown, mode: str, tolerance: Decimal) -> bool:
    computed = signed_sum(breakdown)
    difference = abs(computed - breakdown.total.yuan)
    if mode == "exact":
        return difference == 0
    if mode == "absolute":
        return difference <= tolerance
    if mode == "relative":
        return difference <= tolerance * abs(breakdown.total.yuan)
    return difference <= allowance(breakdown.total, (p.amount for p in breakdown.parts))


def looks_partial(breakdown: Breakdown, shortfall: Decimal, remainder=None, complete_sets: Sequence[str] = ()) -> bool:
    """Parts that cover well under the total read as an incomplete list, not a sum.

    A wrong total is off by a slip (a digit, a forgotten item); a 其中 that
    names two of many items leaves most of the total uncovered.  Parts that
    say they are the whole (a last item 其他…, or a set the rule names as
    complete: 基本支出 + 项目支出) claim the total however large the gap.
    """
    if shortfall <= 0 or breakdown.source == "budget-adjustment" or breakdown.total.yuan <= 0:
        return False
    covered = signed_sum(breakdown) / breakdown.total.yuan
    if covered >= 1 - shortfall:
        return False
    labels = [part.label for part in breakdown.parts]
    if remainder is not None and remainder.search(labels[-1]):
        return False
    return not any(all(any(label.endswith(word) for label in labels) for word in named.split("+"))
                   for named in complete_sets)


def listed_later(breakdown: Breakdown, spending) -> bool:
    """项目支出X on one line, the projects listed on the lines after it with no sum of their own:
    the list restates the total (an identity across statements, judged by consistency)."""
    return (spending is not None and bool(spending.search(breakdown.total.label))
            and all(part.amount.span.line > breakdown.total.span.line for part in breakdown.parts))


def wrong_sum(breakdown: Breakdown, mode: str, tolerance: Decimal, shortfall: Decimal,
              remainder=None, complete_sets: Sequence[str] = ()) -> bool:
    """A total claim whose parts do not add up to it."""
    return (breakdown.exhaustive and len(breakdown.parts) >= 2 and not sum_holds(breakdown, mode, tolerance)
            and not looks_partial(breakdown, shortfall, remainder, complete_sets))


def check_totals(report: Report, params) -> Iterable[Hit]:
    mode = params.get("mode", "interval")
    tolerance = Decimal(str(params.get("tolerance", 0)))
    shortfall = Decimal(str(params.get("partial_shortfall", "0.25")))
    sources = set(params.get("sources") or ())
    remainder = params.get("remainder_part")
    complete_sets = params.get("complete_sets") or ()
    spending_lists = params.get("listed_later")
    marked: set[tuple[int, int]] = set()
    for breakdown in report.breakdowns:
        if sources and breakdown.source not in sources:
            continue
        if not wrong_sum(breakdown, mode, tolerance, shortfall, remainder, complete_sets):
            continue
        if listed_later(breakdown, spending_lists):
            continue
        total = breakdown.total
        key = (total.span.line, total.span.start)
        if key in marked:
            continue
        marked.add(key)
        yield Hit(total.span, totals_args(breakdown), variant="adjustment" if breakdown.source == "budget-adjustment" else "default")
    if params.get("counts", True):
        yield from _count_sums(report, shortfall)


# --------------------------------------------------------------------------
# counts with 其中: 在院68人，其中生活全自理42人、半护理17人、全护理12人

_QIZHONG = re.compile(r"其中[：:]?")


def _column(figure) -> int:
    return figure.span.start
_COUNT_PARTIAL = re.compile(r"主要|部分|等|其余|另有|以上")
_SAME_PEOPLE = {"名": "人"}
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


def _count_sums(report: Report, shortfall: Decimal) -> Iterable[Hit]:
    """A count split by 其中 into parts of one classification (their names end alike: 全自理,
    半护理, 全护理) must add up.  Parts of other dimensions (其中党员…、女性…) overlap, and a
    few parts well short of the total are a partial list: neither is judged."""
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    by_line: dict[int, list] = {}
    for figure in (*report.counts, *report.amounts, *report.percents):
        if figure.span.line not in table_lines:
            by_line.setdefault(figure.span.line, []).append(figure)
    for number, figures in by_line.items():
        line = report.lines[number - 1]
        if "其中" not in line or not any(isinstance(f, Count) for f in figures):
            continue
        figures.sort(key=lambda f: f.span.start)
        for marker in _QIZHONG.finditer(line):
            start = start_before(line, marker.start(), "。！？；")
            end = end_after(line, marker.end(), "。！？；")
            low, mid, after_start, high = (bisect_left(figures, column, key=_column)
                                           for column in (start, marker.start(), marker.end(), end))
            before, after = figures[low:mid], figures[after_start:high]
            if not before or not isinstance(before[-1], Count) or len(after) < 2:
                continue
            total = before[-1]
            after = _listed_run(line, after, _SAME_PEOPLE.get(total.measure, total.measure))
            if len(after) < 2:
                continue  # money, rates or other things counted: not a split of this count
            labels = [f.label for f in after]
            if any(not label for label in labels) or len({label[-1] for label in labels}) != 1:
                continue  # not one classification
            if _COUNT_PARTIAL.search(line, marker.end(), end) or COMPARISON.search(total.label):
                continue
            parts_sum = sum(iv.of_count(f)[0] for f in after), sum(iv.of_count(f)[1] for f in after)
            low, high = iv.of_count(total)
            if parts_sum[0] <= high and low <= parts_sum[1]:
                continue
            computed = sum(f.value for f in after)
            if computed < total.value * (1 - shortfall):
                continue
            shown = lambda value: fmt.number(value, 0) + total.measure  # noqa: E731
            yield Hit(total.span, {"label": total.label, "total": shown(total.value), "sum": shown(computed),
                                   "parts": " + ".join(fmt.number(f.value, 0) for f in after),
                                   "diff": shown(abs(computed - total.value)), "labels": "、".join(labels)})


def _separator(line: str, left, right) -> str:
    return "clause" if _CLAUSE_BREAK.search(line, left.span.end, right.span.start) else "list"


def _listed_run(line: str, after: list, measure: str) -> list:
    """The parts of one list: the figures joined by the separator that joins the first two.

    The list ends where the separator changes (…、高中生574人，住校生612人: a new clause counts
    along another dimension) or, between clauses, at the first figure that is not this count;
    a figure of another kind joined by 、 (来信286件、来访226批次) means the list is not one count.
    """
    def same_count(figure) -> bool:
        return isinstance(figure, Count) and _SAME_PEOPLE.get(figure.measure, figure.measure) == measure

    if len(after) < 2 or not same_count(after[0]) or not same_count(after[1]):
        return []
    joint = _separator(line, after[0], after[1])
    run = after[:2]
    for figure in after[2:]:
        if _separator(line, run[-1], figure) != joint:
            break
        if not same_count(figure):
            # 、 binds parts of one list; a clause (，按时办结率100%) may go on to another figure
            return run if joint == "clause" else []
        run.append(figure)
    return run


def totals_args(breakdown: Breakdown) -> dict:
    total = breakdown.total
    unit = total.unit
    decimals = max([total.decimals] + [fmt.decimals_in(p.amount, unit) for p in breakdown.parts])
    computed = signed_sum(breakdown)
    pieces = []
    for index, part in enumerate(breakdown.parts):
        negative = index < len(breakdown.subtract) and breakdown.subtract[index]
        shown = fmt.part_in(part.amount, unit, decimals)
        pieces.append(("− " if negative else "+ ") + shown if index else shown)
    return {
        "label": total.label or "合计",
        "total": fmt.amount(total),
        "sum": fmt.money(computed, unit, decimals),
        "parts": " ".join(pieces),
        "diff": fmt.money(abs(computed - total.yuan), unit, decimals),
        "labels": "、".join(p.label for p in breakdown.parts if p.label),
    }
