"""TAB-separated rows grouped into tables, with 绩效自评表 columns recognised."""

from __future__ import annotations

from ..model import Table


def find_tables(lines: tuple[str, ...]) -> tuple[Table, ...]:
    return ()  # STUB: numeric helper
