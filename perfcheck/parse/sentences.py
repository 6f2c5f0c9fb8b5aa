"""Prose split into sentences."""

from __future__ import annotations

from ..model import Sentence, Table


def split_sentences(lines: tuple[str, ...], tables: tuple[Table, ...]) -> tuple[Sentence, ...]:
    return ()  # STUB: text helper
