"""Hostile rule packs: a bureau's pack can slow one rule down, never hang a batch or run code.

Regular expressions from packs run with a time limit (``perfcheck.saferegex``):
a pattern that backtracks exponentially becomes one rule error naming the
rule, per report, and the other rules and reports go on.  Loading a pack
only reads data: a value that looks like Python, a shell command or a
template expression stays text.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfcheck.engine import RULE_ERROR, render_message, run_rule
from perfcheck.parse import parse_document
from perfcheck.readers import read_text
from perfcheck.ruleset import PackError, load_rules

REPORT = """一、基本情况
本单位格式参考如下：共有编制12人。
二、收支情况
{evil}
三、存在的问题
一是制度不健全。
"""

#: patterns the ``regex`` engine cannot guard against: exponential backtracking on a run of 'a'
CATASTROPHIC = [r"(a|aa)+$", r"(.*){1,32000}[bc]"]
EVIL_LINE = "a" * 40 + "!"


def rule(rule_id: str, params: str) -> str:
    return f'''
[[rule]]
id = "{rule_id}"
kind = "phrases"
category = "template-residue"
severity = "warning"
summary = "house rule {rule_id}"
message = "出现“{{match}}”"
[rule.params]
{params}
'''


def write_pack(folder: Path, body: str, timeout: float = 0.05) -> Path:
    path = folder / "perfcheck.toml"
    path.write_text(f"extends = []\n[settings]\nregex-timeout = {timeout}\n{body}", encoding="utf-8")
    return path


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def parsed(text: str):
    return parse_document(read_text(text, "r.txt"))


# --------------------------------------------------------------------------
# time limits


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_catastrophic_pattern_is_one_rule_error(tmp_path, pattern):
    config = write_pack(tmp_path, rule("HX001", f"patterns = {toml_list([pattern])}"))
    (house,) = load_rules(config).rules
    report = parsed(REPORT.format(evil=EVIL_LINE + "\n" + EVIL_LINE))
    start = time.perf_counter()
    findings = run_rule(report, house)
    assert time.perf_counter() - start < 2.0
    assert [(f.rule, f.category) for f in findings] == [("HX001", RULE_ERROR)]
    assert "HX001" in findings[0].message


def test_the_classic_nested_quantifier_cannot_hang(tmp_path):
    """``(a+)+$``: the regex engine guards it, or the time limit stops it; either way quickly."""
    config = write_pack(tmp_path, rule("HX001", 'patterns = ["(a+)+$"]'))
    (house,) = load_rules(config).rules
    start = time.perf_counter()
    findings = run_rule(parsed(REPORT.format(evil=EVIL_LINE * 20)), house)
    assert time.perf_counter() - start < 2.0
    errors = [f for f in findings if f.category == RULE_ERROR]
    assert not errors or [f.rule for f in findings] == ["HX001"]


def test_a_batch_goes_on_past_a_hanging_rule(tmp_path):
    """Through the CLI: each report gets one rule error, the other rule still fires, exit 2, quickly."""
    body = rule("HX001", f"patterns = {toml_list(CATASTROPHIC[:1])}") + rule("HX002", 'words = ["格式参考如下"]')
    config = write_pack(tmp_path, body)
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(3):
        (reports / f"r{i}.txt").write_text(REPORT.format(evil=EVIL_LINE), encoding="utf-8")
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "perfcheck", "lint", "--format", "json", "-q", "-j", "1",
                          "--config", str(config), str(reports)], capture_output=True, text=True, timeout=60)
    seconds = time.perf_counter() - start
    findings = json.loads(run.stdout)
    assert run.returncode == 2, run.stderr
    assert seconds < 15
    for i in range(3):
        mine = [(f["rule"], f["category"]) for f in findings if f["path"].endswith(f"r{i}.txt")]
        assert sorted(mine) == [("HX001", RULE_ERROR), ("HX002", "template-residue")], mine
    assert all("HX001" in f["message"] for f in findings if f["category"] == RULE_ERROR)


def test_the_time_limit_is_configurable(tmp_path):
    config = write_pack(tmp_path, rule("HX001", f"patterns = {toml_list(CATASTROPHIC[:1])}"), timeout=0.5)
    (house,) = load_rules(config).rules
    assert house.params["patterns"][0].timeout == 0.5


# --------------------------------------------------------------------------
# loading never runs code


LOOKS_LIKE_CODE = [
    "__import__('os').system('touch PWNED')",
    "$(touch PWNED)",
    "`touch PWNED`",
    "${HOME}",
    "{{7*7}}",
    "!!python/object/apply:os.system ['touch PWNED']",
    "exec(open('evil.py').read())",
]


def test_values_that_look_like_code_are_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil.py").write_text("open('PWNED', 'w').write('ran')\n", encoding="utf-8")
    words = toml_list(LOOKS_LIKE_CODE)
    body = rule("HX001", f"words = {words}").replace('summary = "house rule HX001"',
                                                     'summary = "__import__(\'os\').getcwd()"')
    body = body.replace('[rule.params]', 'explanation = """!!python/object/apply:os.system [\'touch PWNED\']"""\n'
                                         '[rule.params]')
    config = write_pack(tmp_path, body)
    modules = set(sys.modules)
    (house,) = load_rules(config).rules
    new = {m for m in set(sys.modules) - modules if not m.startswith("perfcheck")}
    assert not new, f"loading a pack imported {sorted(new)}"
    assert house.summary == "__import__('os').getcwd()"
    assert house.params["words"] == tuple(LOOKS_LIKE_CODE)
    findings = run_rule(parsed("\n".join(LOOKS_LIKE_CODE) + "\n"), house)
    assert [f.evidence.get("match") for f in findings] == LOOKS_LIKE_CODE
    assert [f.message for f in findings] == [f"出现“{w}”" for w in LOOKS_LIKE_CODE]
    assert not (tmp_path / "PWNED").exists()


def test_extends_reads_toml_and_imports_nothing(tmp_path):
    (tmp_path / "evil.py").write_text("open('PWNED', 'w').write('ran')\n", encoding="utf-8")
    for ref in ("os", "perfcheck.cli", "evil.py", str(tmp_path / "evil.py")):
        config = tmp_path / "perfcheck.toml"
        config.write_text(f"extends = [{json.dumps(ref)}]\n", encoding="utf-8")
        with pytest.raises(PackError):
            load_rules(config)
    assert not (tmp_path / "PWNED").exists()
    config.write_text('extends = []\n' + rule("HX001", 'words = ["x"]').replace('kind = "phrases"',
                                                                                 'kind = "os:system"'))
    with pytest.raises(PackError, match="unknown kind"):
        load_rules(config)


@pytest.mark.parametrize("template", ["{match.__class__.__mro__}", "{match.__class__.__init__.__doc__}",
                                      "{match[0]}"])
def test_message_fields_cannot_reach_into_objects(tmp_path, template):
    """``{match.__class__}`` or ``{match[0]}`` in a message is refused or left as text, never evaluated.

    A format field with attributes or indexes walks from a message argument
    into Python objects (``__init__.__globals__`` reaches module globals,
    and from there ``os.environ``); a pack is data, so a message may only
    name its arguments.
    """
    body = rule("HX001", 'words = ["格式参考如下"]').replace('message = "出现“{match}”"', f'message = "{template}"')
    config = write_pack(tmp_path, body)
    try:
        (house,) = load_rules(config).rules
    except PackError as exc:
        assert "HX001" in str(exc)
        return
    (finding,) = run_rule(parsed(REPORT.format(evil="")), house)
    evaluated = template.format(match="格式参考如下")
    assert finding.message != evaluated, f"{template} was evaluated: {finding.message}"


@pytest.mark.parametrize("nesting", ["x = " + "[" * 100_000 + "]" * 100_000,
                                     "x = " + "{a=" * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_toml_is_a_pack_error(tmp_path, nesting):
    config = tmp_path / "perfcheck.toml"
    config.write_text(nesting + "\n", encoding="utf-8")
    with pytest.raises(PackError):
        load_rules(config)


def test_an_absurd_pattern_is_a_pack_error_naming_the_rule(tmp_path):
    config = write_pack(tmp_path, rule("HX001", f'patterns = ["{"(" * 5000 + ")" * 5000}"]'))
    with pytest.raises(PackError, match="HX001"):
        load_rules(config)
