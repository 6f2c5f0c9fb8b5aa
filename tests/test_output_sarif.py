"""SARIF output: valid against the official 2.1.0 schema whatever the text holds; columns in code points."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfcheck.model import Document, FileResult, Finding, Span
from perfcheck.output.sarif import Writer, artifact_uri

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

LINES = ("某局2023年度部门整体支出绩效自评报告",
         "2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。",
         '<script>alert("x")</script> =HYPERLINK("http://e.vil") \x07 \\ "引号"')


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("SARIF schema not found")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _results():
    good = Document("reports/某局 报告.txt", LINES)
    start = LINES[1].index("44.13万元")
    findings = (
        Finding("reports/某局 报告.txt", "PC101", "totals", "error", "支出44.13万元，所列各项之和为44.59万元",
                Span(2, start, start + 7), "2023年支出44.13万元", "第2行", {"sum": "44.59万元"}),
        Finding("reports/某局 报告.txt", "PC401", "missing-section", "error", "报告缺少“改进措施”部分"),
        Finding("reports/某局 报告.txt", "PC999", "template-residue", "info", LINES[2],
                Span(3, 0, 5, end_line=3), LINES[2]),
        Finding("reports/某局 报告.txt", "PC501", "structure", "warning", "跨行", Span(1, 3, 2, end_line=2)),
    )
    bad = FileResult("reports/坏.pdf", None, (Finding("reports/坏.pdf", "input-error", "input-error", "error",
                                                       "PDF文件已加密（需要密码），无法读取"),))
    return [FileResult(good.path, good, findings, "department"), bad]


RULES = {
    "PC101": SimpleNamespace(id="PC101", summary="合计数与分项之和不符", summary_en="A total differs",
                             explanation="说明", explanation_en="explained", category="totals", severity="error"),
    "PC401": SimpleNamespace(id="PC401", summary="缺少必备部分", category="missing-section", severity="error"),
}


def _sarif(results, rules=RULES, lang="zh") -> dict:
    out = io.StringIO()
    writer = Writer(out, lang=lang, rules=rules)
    for result in results:
        writer.add(result)
    writer.close()
    return json.loads(out.getvalue())


def test_sarif_validates_against_the_schema():
    validator = _validator()
    document = _sarif(_results())
    errors = sorted(validator.iter_errors(document), key=lambda e: e.path)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert document["version"] == "2.1.0"


def test_sarif_without_rule_metadata_still_validates():
    validator = _validator()
    document = _sarif(_results(), rules=None, lang="en")
    assert not list(validator.iter_errors(document))
    ids = [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == ["PC101", "PC401", "PC999", "PC501", "input-error"]


def test_sarif_regions_count_han_characters_as_one_column():
    run = _sarif(_results())["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    line = LINES[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "44.13万元"
    assert run["results"][0]["level"] == "error"
    assert run["results"][0]["properties"]["category"] == "totals"
    assert run["results"][0]["locations"][0]["logicalLocations"][0]["name"] == "第2行"


def test_sarif_rules_and_results_agree():
    run = _sarif(_results())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert rules[0]["shortDescription"]["text"] == "合计数与分项之和不符"
    assert rules[0]["fullDescription"]["text"] == "说明"
    # a whole-document finding has no region, an info finding is a note
    assert "region" not in run["results"][1]["locations"][0]["physicalLocation"]
    assert run["results"][2]["level"] == "note"


def test_sarif_input_error_is_a_result_and_a_notification():
    run = _sarif(_results())["runs"][0]
    errors = [r for r in run["results"] if r["ruleId"] == "input-error"]
    assert len(errors) == 1 and "加密" in errors[0]["message"]["text"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and run["invocations"][0]["executionSuccessful"] is False


def test_sarif_keeps_untrusted_text_intact():
    run = _sarif(_results())["runs"][0]
    assert run["results"][2]["message"]["text"] == LINES[2]


def test_artifact_uris_are_percent_encoded():
    assert artifact_uri("reports/某局 报告.txt") == "reports/%E6%9F%90%E5%B1%80%20%E6%8A%A5%E5%91%8A.txt"
    assert artifact_uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"


def test_sarif_of_a_real_lint_validates():
    validator = _validator()
    if not CORPUS.is_dir():
        pytest.skip("corpus not found")
    from perfcheck.engine import lint
    from perfcheck.ruleset import load_rules

    rules = {rule.id: rule for rule in load_rules().rules}
    paths = [str(CORPUS / "dev07_xianyiyuan.txt"), str(CORPUS / "dev07_xianyiyuan.docx")]
    document = _sarif(list(lint(paths, jobs=1)), rules=rules)
    assert not list(validator.iter_errors(document))
    assert len(document["runs"][0]["artifacts"]) == 2


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=80), path=st.text(min_size=1, max_size=20))
def test_any_text_keeps_sarif_valid_json(text, path):
    finding = Finding(path, "PC1", "totals", "error", text, Span(1, 0, len(text)), text, text)
    document = _sarif([FileResult(path, Document(path, (text,)), (finding,))], rules=None)
    result = document["runs"][0]["results"][0]
    assert result["message"]["text"] == (text or "PC1")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region.get("snippet", {}).get("text", "") == text
