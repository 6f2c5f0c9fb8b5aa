"""Money, rates and counts as written."""

from __future__ import annotations

from attrs import frozen

from ..model import Amount, Count, Percent


@frozen(slots=True)
class Figures:
    amounts: tuple[Amount, ...] = ()
    percents: tuple[Percent, ...] = ()
    counts: tuple[Count, ...] = ()


def find_figures(lines: tuple[str, ...]) -> Figures:
    return Figures()  # STUB: numeric helper
