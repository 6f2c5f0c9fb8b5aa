"""Text kinds: sections, structure, claims, coverage, indicators, residue.

Each family lives in its own module; importing them here registers their
kinds with the registry when the built-in kinds are loaded.
"""

from __future__ import annotations

from . import text_claims, text_coverage, text_indicators, text_parts, text_numbering, text_residue, text_targets, text_units  # noqa: F401
