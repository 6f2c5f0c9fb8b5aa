"""Rendering table rows as TAB-separated lines, shared by the Word and PDF readers.

A table in Word or PDF is a grid: every row has as many cells as the widest
row, and a row that holds only a label and a value (``自评等级 | 优``) is
padded with empty cells (or one merged cell).  A text report writes such a
row short, and a grid row with a value missing at its end keeps its empty
cell (``… | 10 | 8 |``, the missing reason).  :func:`trim_rows` tells the two
apart so that a Word or PDF table renders like the same table typed as text.
"""

from __future__ import annotations


def clean_cell(text: str) -> str:
    """Cell text on one line: TABs and line breaks would split the row."""
    return " ".join(text.replace("\t", " ").split())


def _content_width(cells: list[str]) -> int:
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width


def trim_rows(rows: list[list[str]]) -> list[list[str]]:
    """Drop the padding cells at the end of short rows.

    A row keeps its trailing empty cells up to the width of the nearest full
    row above it (a row with text in its last cell) when it fills more than
    half of that width: those are real empty cells of the grid.  Otherwise
    the trailing empty cells are padding and go.
    """
    trimmed: list[list[str]] = []
    grid_width = 0  # width of the nearest full row so far
    for cells in rows:
        width = _content_width(cells)
        if width == len(cells) and width:
            grid_width = width
            trimmed.append(list(cells))
            continue
        keep = width
        if grid_width and width * 2 > grid_width:
            keep = min(grid_width, len(cells))
        trimmed.append(list(cells[:keep]))
    return trimmed


def render_row(cells: list[str]) -> str:
    return "\t".join(cells)
