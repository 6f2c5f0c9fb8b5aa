"""Problem and improvement-measure items."""

from __future__ import annotations

from ..model import ListItem


def find_problems_and_measures(lines, headings) -> tuple[tuple[ListItem, ...], tuple[ListItem, ...]]:
    return (), ()  # STUB: text helper
