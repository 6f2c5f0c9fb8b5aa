"""Rule packs: loading, layering, and loud, precise errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfcheck.ruleset import PackError, load_rules, find_config
from perfcheck.saferegex import SafePattern

RULE = '''
[[rule]]
id = "BX001"
kind = "phrases"
category = "template-residue"
severity = "warning"
summary = "禁用词"
message = "出现禁用词“{match}”"
[rule.params]
words = ["某某"]
[[rule.examples]]
text = "某某单位"
fires = true
[[rule.examples]]
text = "本单位"
fires = false
'''


def write(tmp_path: Path, text: str, name: str = "perfcheck.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_pack_loads_and_every_rule_is_valid():
    rules = load_rules()
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids))
    for rule in rules.rules:
        assert rule.summary and rule.message


def test_config_extends_default_by_itself(tmp_path):
    config = write(tmp_path, RULE)
    default_ids = {r.id for r in load_rules().rules}
    ids = {r.id for r in load_rules(config).rules}
    assert ids == default_ids | {"BX001"}


def test_explicit_empty_extends_gives_only_own_rules(tmp_path):
    config = write(tmp_path, "extends = []\n" + RULE)
    assert [r.id for r in load_rules(config).rules] == ["BX001"]


def test_override_severity_params_and_extend_lists(tmp_path):
    base = write(tmp_path, "extends = []\n" + RULE, "base.toml")
    config = write(tmp_path, f'''
extends = ["{base.name}"]
[rules.BX001]
severity = "error"
message = "不得使用“{{match}}”"
[rules.BX001.extend]
words = ["XX"]
''')
    rule = load_rules(config).get("BX001")
    assert rule.severity == "error"
    assert rule.params["words"] == ("某某", "XX")
    assert rule.origin["severity"] == str(config)
    assert rule.origin["kind"] == str(base)
    assert rule.template("default", "zh") == "不得使用“{match}”"


def test_disable_by_id_prefix_and_category(tmp_path):
    config = write(tmp_path, 'extends = []\ndisable = ["template-residue"]\n' + RULE)
    assert load_rules(config).rules == ()
    config = write(tmp_path, 'extends = []\ndisable = ["BX"]\n' + RULE)
    assert load_rules(config).rules == ()


def test_select_and_ignore(tmp_path):
    config = write(tmp_path, "extends = []\n" + RULE)
    assert load_rules(config, select=["BX001"]).rules
    assert not load_rules(config, ignore=["template-residue"]).rules


def test_regex_param_is_compiled_with_time_limit(tmp_path):
    config = write(tmp_path, "extends = []\n" + RULE.replace('words = ["某某"]', 'patterns = ["某+"]'))
    (pattern,) = load_rules(config).get("BX001").params["patterns"]
    assert isinstance(pattern, SafePattern)




@pytest.mark.parametrize("text, fragment", [
    (RULE.replace('kind = "phrases"', 'kind = "no-such-kind"'), "unknown kind 'no-such-kind'"),
    (RULE.replace('words = ["某某"]', 'wordz = ["某某"]'), "unknown param(s) wordz"),
    (RULE.replace('words = ["某某"]', 'words = "某某"'), "param 'words' must be a list of strings"),
    (RULE.replace('words = ["某某"]', 'patterns = ["(未闭合"]'), "invalid regular expression"),
    (RULE.replace('category = "template-residue"', 'category = "style"'), "unknown category 'style'"),
    (RULE.replace('severity = "warning"', 'severity = "fatal"'), "unknown severity 'fatal'"),
    (RULE + RULE, "duplicate id"),
    (RULE + 'disable = ["BX001"]\n', "unknown key(s) disable"),
    (RULE + '\n[rules.NOPE]\nseverity = "info"\n', "overrides a rule that no pack defines"),
    ('extends = ["nonexistent-pack"]\n', "no built-in pack"),
    ('extends = ["missing.toml"]\n', "does not exist"),
    ("[[rule]\nid=", "TOML syntax error"),
    (RULE.replace('summary = "禁用词"', 'summary = "禁用词"\nsumary = "x"'), "unknown key(s) sumary"),
])
def test_bad_pack_names_file_and_rule(tmp_path, text, fragment):
    config = write(tmp_path, "extends = []\n" + text if not text.startswith("extends") else text)
    with pytest.raises(PackError) as caught:
        load_rules(config)
    message = str(caught.value)
    assert fragment in message
    assert str(config) in message
    assert "\n" not in message
    if "[[rule]]" in text and "TOML" not in fragment and "extends" not in text:
        assert "BX001" in message or "NOPE" in message


def test_extends_cycle_is_reported(tmp_path):
    write(tmp_path, 'extends = ["b.toml"]\n', "a.toml")
    write(tmp_path, 'extends = ["a.toml"]\n', "b.toml")
    with pytest.raises(PackError, match="cycle"):
        load_rules(tmp_path / "a.toml")


def test_settings_are_validated(tmp_path):
    config = write(tmp_path, "[settings]\nregex-timeout = -1\n")
    with pytest.raises(PackError, match="regex-timeout"):
        load_rules(config)


def test_config_discovery_walks_upward(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    config = write(tmp_path, RULE)
    assert find_config(str(tmp_path / "a" / "b")) == config
    pyproject = tmp_path / "a" / "pyproject.toml"
    pyproject.write_text("[tool.perfcheck]\ndisable = ['BX001']\n", encoding="utf-8")
    assert find_config(str(tmp_path / "a" / "b")) == pyproject


def test_pyproject_tool_table_is_a_pack(tmp_path):
    pyproject = write(tmp_path, "[tool.perfcheck]\n" + 'disable = ["ALL"]\n', "pyproject.toml")
    assert load_rules(pyproject).rules == ()


def test_decimal_param_conversion():
    from perfcheck.ruleset import convert_param

    assert convert_param(0.1, "decimal", "t", "f", "R", 1) == Decimal("0.1")
    with pytest.raises(PackError):
        convert_param(True, "int", "t", "f", "R", 1)


def test_a_pack_reached_twice_is_loaded_once(tmp_path):
    write(tmp_path, "extends = []\n" + RULE, "base.toml")
    write(tmp_path, 'extends = ["base.toml"]\n', "left.toml")
    write(tmp_path, 'extends = ["base.toml"]\n', "right.toml")
    config = write(tmp_path, 'extends = ["left.toml", "right.toml"]\n')
    assert [r.id for r in load_rules(config).rules] == ["BX001"]


def test_bureau_pack_and_example_config_load():
    rules = load_rules(Path(__file__).resolve().parents[1] / "examples" / "perfcheck.toml")
    assert rules.get("ZS901") is not None and rules.get("PC101") is not None
    assert rules.get("PC401").params["parts"]["conclusion"]["required"] is True


def test_bad_regex_inside_a_table_param_fails_at_load(tmp_path):
    config = write(tmp_path, '[rules.PC401.extend.parts.other]\nrequired = true\nheadings = "(未闭合"\n')
    with pytest.raises(PackError) as caught:
        load_rules(config)
    assert "PC401" in str(caught.value) and "other.headings" in str(caught.value)
