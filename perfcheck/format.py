"""Figures rendered for messages, in the report's own unit and precision."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .model import UNIT_FACTORS, Amount


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """四舍五入 to ``decimals`` places (never banker's rounding)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Decimal, decimals: int) -> str:
    """``Decimal('2368.954'), 2`` -> ``'2,368.95'``."""
    fixed = round_half_up(value, decimals)
    return f"{fixed:,.{decimals}f}"


def in_unit(yuan: Decimal, unit: str) -> Decimal:
    return yuan / UNIT_FACTORS[unit]


def money(yuan: Decimal, unit: str, decimals: int) -> str:
    """A sum in 元 shown in ``unit`` with ``decimals`` places: ``44.59万元``."""
    return number(in_unit(yuan, unit), decimals) + unit


def amount(a: Amount) -> str:
    """An amount as the report wrote it (normalised): ``44.13万元``."""
    return number(a.value, a.decimals) + a.unit


def decimals_in(a: Amount, unit: str) -> int:
    """Fewest decimals that show ``a`` exactly in ``unit`` (2,167,300.00元 in 万元 -> 2)."""
    if a.unit == unit:
        return a.decimals
    exponent = in_unit(a.yuan, unit).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else a.decimals


def part_in(a: Amount, unit: str, decimals: int) -> str:
    """A part shown as a bare number in the total's unit when it fits, else as written."""
    if a.unit == unit:
        return number(a.value, a.decimals)
    value = in_unit(a.yuan, unit)
    if round_half_up(value, decimals) == value:
        return number(value, decimals)
    return amount(a)


def percent(value: Decimal, decimals: int) -> str:
    return number(value, decimals) + "%"
