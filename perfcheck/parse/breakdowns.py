"""Totals and their parts: 其中 / 包括 lines, 合计 rows, identities."""

from __future__ import annotations

from ..model import Breakdown, Table


def find_breakdowns(lines: tuple[str, ...], figures, tables: tuple[Table, ...]) -> tuple[Breakdown, ...]:
    return ()  # STUB: numeric helper
