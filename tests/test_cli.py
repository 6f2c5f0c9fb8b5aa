"""The command line: output contract, exit codes, errors, selection, explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfcheck.output.text import display_width

PACK = '''extends = []
[[rule]]
id = "BX001"
kind = "phrases"
category = "template-residue"
severity = "warning"
summary = "模板残留"
summary_en = "Template residue"
message = "出现模板用语“{match}”"
message_en = "template wording left in: {match}"
explanation = "删除模板中的说明文字。"
[rule.params]
words = ["格式参考如下"]
[[rule.examples]]
text = "格式参考如下："
fires = true
[[rule.examples]]
text = "项目实施情况如下："
fires = false
'''

GOOD = "一、基本情况\n本单位共有编制2人。\n二、项目情况\n分别描述，格式参考如下：\n"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "perfcheck.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_json_output_follows_the_contract(workdir, run_cli):
    result = run_cli("lint", "--format", "json", workdir / "good.txt")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)
    assert set(finding) >= {"path", "rule", "category", "severity", "message", "line", "column",
                            "end_line", "end_column", "excerpt"}
    assert finding["line"] == 4 and finding["column"] == 6 and finding["end_column"] == 12
    assert finding["excerpt"] == "格式参考如下"
    assert finding["message"] == "出现模板用语“格式参考如下”"


def test_english_catalogue(workdir, run_cli):
    result = run_cli("lint", "--format", "json", "--lang", "en", workdir / "good.txt")
    assert json.loads(result.stdout)[0]["message"] == "template wording left in: 格式参考如下"


def test_binary_file_is_one_input_error_and_the_batch_goes_on(workdir, run_cli):
    (workdir / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = run_cli("lint", "--format", "json", workdir)
    assert result.exit_code == 2
    findings = json.loads(result.stdout)
    errors = [f for f in findings if f["category"] == "input-error"]
    assert len(errors) == 1 and errors[0]["path"].endswith("bad.txt") and errors[0]["line"] is None
    assert any(f["path"].endswith("good.txt") and f["rule"] == "BX001" for f in findings)


def test_exit_codes(workdir, run_cli):
    good = workdir / "good.txt"
    assert run_cli("lint", good).exit_code == 1
    assert run_cli("lint", "--exit-zero", good).exit_code == 0
    assert run_cli("lint", "--fail-on", "error", good).exit_code == 0
    assert run_cli("lint", "--ignore", "template-residue", good).exit_code == 0
    assert run_cli("lint", "--select", "BX", good).exit_code == 1
    assert run_cli("lint", workdir / "missing.txt").exit_code == 2


@pytest.mark.parametrize("change, fragment", [
    (('kind = "phrases"', 'kind = "bogus"'), "unknown kind 'bogus'"),
    (('words = ["格式参考如下"]', 'words = 3'), "param 'words' must be a list of strings"),
    (('words = ["格式参考如下"]', 'patterns = ["[未闭合"]'), "invalid regular expression"),
])
def test_bad_pack_is_one_line_with_file_and_rule(workdir, run_cli, change, fragment):
    config = workdir / "perfcheck.toml"
    config.write_text(PACK.replace(*change), encoding="utf-8")
    result = run_cli("lint", workdir / "good.txt")
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert str(config) in message and "BX001" in message and fragment in message


def test_text_output_has_caret_under_the_span(workdir, run_cli):
    result = run_cli("lint", "--no-color", workdir / "good.txt")
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if "BX001" in line)
    assert lines[head].startswith(f"{workdir / 'good.txt'}:4:6: 警告 BX001")
    source, carets = lines[head + 1], lines[head + 2]
    assert source.endswith("分别描述，格式参考如下：")
    prefix = source.index("|") + 2
    assert display_width(source[prefix:prefix + 5]) == 10  # 分别描述，
    assert carets.index("^") == prefix + 10 and carets.count("^") == 12


def test_statistics_and_summary(workdir, run_cli):
    result = run_cli("lint", "--statistics", workdir)
    assert "BX001" in result.stdout and "共检查报告 1 份" in result.stdout


def test_rules_and_explain(workdir, run_cli, monkeypatch):
    monkeypatch.chdir(workdir)
    listing = run_cli("rules", "--format", "json")
    (rule,) = json.loads(listing.stdout)
    assert rule["id"] == "BX001" and rule["origin"]["id"].endswith("perfcheck.toml")
    text = run_cli("explain", "BX001").stdout
    assert "删除模板中的说明文字" in text and "格式参考如下" in text
    assert run_cli("explain", "NOPE").exit_code == 2


def test_test_rules_reports_misses_and_false_alarms(workdir, run_cli):
    labelled = workdir / "labelled"
    labelled.mkdir()
    (labelled / "r.txt").write_text(GOOD, encoding="utf-8")
    (labelled / "r.expected.toml").write_text(
        'report = "r.txt"\n[[defect]]\ncategory = "template-residue"\nevidence = "格式参考如下"\n', encoding="utf-8")
    result = run_cli("test-rules", "--config", workdir / "perfcheck.toml", labelled)
    assert result.exit_code == 0, result.stdout
    assert "template-residue" in result.stdout
    (labelled / "r.expected.toml").write_text('report = "r.txt"\n', encoding="utf-8")
    result = run_cli("test-rules", "--config", workdir / "perfcheck.toml", labelled)
    assert result.exit_code == 1 and "false" in result.stdout


def test_parse_prints_the_model(workdir, run_cli):
    result = run_cli("parse", "--format", "json", workdir / "good.txt")
    data = json.loads(result.stdout)
    assert data["line_count"] == 4 and data["lines"][3]["text"] == "分别描述，格式参考如下："


def test_per_path_ignores(workdir, run_cli):
    (workdir / "perfcheck.toml").write_text(PACK.replace(
        "extends = []\n", 'extends = []\n[per-path-ignores]\n"old/*.txt" = ["template-residue"]\n'), encoding="utf-8")
    (workdir / "old").mkdir()
    (workdir / "old" / "a.txt").write_text(GOOD, encoding="utf-8")
    findings = json.loads(run_cli("lint", "--format", "json", workdir).stdout)
    assert {Path(f["path"]).name for f in findings} == {"good.txt"}


def test_long_paragraph_is_cut_around_the_span(tmp_path, run_cli):
    (tmp_path / "perfcheck.toml").write_text(PACK, encoding="utf-8")
    long_line = "甲" * 200 + "格式参考如下" + "乙" * 200
    (tmp_path / "r.txt").write_text(long_line + "\n", encoding="utf-8")
    out = run_cli("lint", "--no-color", tmp_path / "r.txt").stdout.splitlines()
    source, carets = out[1], out[2]
    assert "…" in source and len(source) < 100
    column = display_width(source[: source.index("格")])
    assert display_width(carets[: carets.index("^")]) == column


def test_a_missing_file_is_one_input_error(tmp_path, run_cli):
    result = run_cli("lint", "--format", "json", tmp_path / "nope.txt")
    (finding,) = json.loads(result.stdout)
    assert result.exit_code == 2 and finding["category"] == "input-error" and finding["message"] == "文件不存在"
