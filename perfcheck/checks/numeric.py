"""Numeric kinds: totals, consistency, arithmetic."""

from __future__ import annotations

from . import Hit, Param, kind  # noqa: F401
