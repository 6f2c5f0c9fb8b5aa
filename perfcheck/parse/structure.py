"""Headings and the section tree."""

from __future__ import annotations

from ..model import Section, Table


def find_sections(lines: tuple[str, ...], tables: tuple[Table, ...]) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """(top-level sections, every section in document order)."""
    return (), ()  # STUB: text helper
