"""Text kinds: sections, structure, claims, coverage, indicators, residue."""

from __future__ import annotations

from . import Hit, Param, kind  # noqa: F401
