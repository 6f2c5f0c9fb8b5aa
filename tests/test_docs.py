"""The rule reference in docs/ is generated from the packs and kept current."""

from __future__ import annotations

from pathlib import Path

from perfcheck.reference import markdown
from perfcheck.ruleset import load_rules

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rule_reference_is_up_to_date():
    expected = markdown(load_rules())
    assert DOC.read_text(encoding="utf-8") == expected, \
        "regenerate: perfcheck rules --format markdown > docs/rules.md"
