"""Every rule of every shipped pack carries examples, and they behave as declared."""

from __future__ import annotations

import pytest

from perfcheck.engine import example_failures
from perfcheck.ruleset import builtin_packs, load_rules


def shipped_rules():
    seen = {}
    for pack in builtin_packs():
        for rule in load_rules(packs=[pack]).rules:
            seen.setdefault(rule.id, rule)
    return list(seen.values())


@pytest.mark.parametrize("rule", shipped_rules(), ids=lambda r: r.id)
def test_rule_examples_behave(rule):
    assert example_failures(rule) == []


def test_a_rule_without_examples_fails(tmp_path):
    config = tmp_path / "p.toml"
    config.write_text('extends = []\n[[rule]]\nid="X1"\nkind="phrases"\ncategory="structure"\n'
                      'severity="info"\nsummary="s"\nmessage="m"\n', encoding="utf-8")
    (rule,) = load_rules(config).rules
    assert example_failures(rule)
