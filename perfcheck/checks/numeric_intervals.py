"""Interval arithmetic over figures as printed.

A printed figure stands for every value that rounds to it: 44.13 means
[44.125, 44.135).  A stated rate follows from its figures when some values
inside their intervals give a quotient that rounds half up (四舍五入) to
the rate as printed.  A figure written as 0, and a whole count, is exact.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional, Union

from ..model import Amount, Count, Percent

Interval = tuple[Decimal, Decimal]


def half_unit(decimals: int) -> Decimal:
    return Decimal(5).scaleb(-decimals - 1)


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def of_amount(amount: Amount) -> Interval:
    if amount.is_zero:
        return (Decimal(0), Decimal(0))
    half = amount.half_unit_yuan
    return (amount.yuan - half, amount.yuan + half)


def of_count(count: Count) -> Interval:
    exponent = count.value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        # 4.82万人次 (48,200 to the nearest hundred): ±50
        half = Decimal(5).scaleb(exponent - 1)
        return (count.value - half, count.value + half)
    decimals = decimals_of(count.value)
    if decimals == 0:
        return (count.value, count.value)
    half = half_unit(decimals)
    return (count.value - half, count.value + half)


def of_number(value: Decimal, decimals: Optional[int] = None, exact_integers: bool = False) -> Interval:
    if decimals is None:
        decimals = decimals_of(value)
    if value == 0 or (exact_integers and decimals == 0):
        return (value, value)
    half = half_unit(decimals)
    return (value - half, value + half)


def of_figure(figure: Union[Amount, Count, Percent]) -> Interval:
    if isinstance(figure, Amount):
        return of_amount(figure)
    if isinstance(figure, Count):
        return of_count(figure)
    return of_number(figure.value, figure.decimals)


def value_of(figure: Union[Amount, Count, Percent]) -> Decimal:
    return figure.yuan if isinstance(figure, Amount) else figure.value


def quotient(numerator: Interval, denominator: Interval, scale: Decimal = Decimal(100)) -> Optional[Interval]:
    """The range of numerator / denominator × scale (positive figures only)."""
    if denominator[0] <= 0 or numerator[0] < 0:
        return None
    return (numerator[0] / denominator[1] * scale, numerator[1] / denominator[0] * scale)


def rounds_to(computed: Interval, stated: Decimal, decimals: int) -> bool:
    """Some value in ``computed`` rounds half up to ``stated`` at ``decimals`` places."""
    half = half_unit(decimals)
    low, high = stated - half, stated + half
    return computed[0] < high and computed[1] >= low


def difference(a: Interval, b: Interval) -> Interval:
    return (a[0] - b[1], a[1] - b[0])
