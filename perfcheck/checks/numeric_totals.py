"""totals: a stated total against the sum of its stated parts.

Modes (per rule):
- ``interval`` (default, XBRL Calculations 1.1 style): the sum holds when it
  is within half a unit of the total's last printed decimal for every
  figure in the sum, the total included; a figure written as 0 is exact.
- ``exact``: the sum must equal the total exactly (in 元).
- ``absolute``: within ``tolerance`` 元.
- ``relative``: within ``tolerance`` × total.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Sequence

from .. import format as fmt
from ..model import Amount, Breakdown, Report
from . import Hit


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


def check_totals(report: Report, params) -> Iterable[Hit]:
    mode = params.get("mode", "interval")
    tolerance = Decimal(str(params.get("tolerance", 0)))
    shortfall = Decimal(str(params.get("partial_shortfall", "0.25")))
    sources = set(params.get("sources") or ())
    remainder = params.get("remainder_part")
    complete_sets = params.get("complete_sets") or ()
    marked: set[tuple[int, int]] = set()
    for breakdown in report.breakdowns:
        if not breakdown.exhaustive or len(breakdown.parts) < 2:
            continue
        if sources and breakdown.source not in sources:
            continue
        if sum_holds(breakdown, mode, tolerance) or looks_partial(breakdown, shortfall, remainder, complete_sets):
            continue
        total = breakdown.total
        key = (total.span.line, total.span.start)
        if key in marked:
            continue
        marked.add(key)
        yield Hit(total.span, totals_args(breakdown), variant="adjustment" if breakdown.source == "budget-adjustment" else "default")


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
