"""The library API: check, lint, ordering across worker processes, rule errors."""

from __future__ import annotations

import perfcheck
from perfcheck.checks import KINDS, Kind
from perfcheck.engine import RULE_ERROR, lint, run_rule
from perfcheck.ruleset import Rule


def test_lint_order_is_the_same_with_workers(corpus):
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    one = [(r.path, [f.to_json() for f in r.findings]) for r in lint(files, jobs=1)]
    two = [(r.path, [f.to_json() for f in r.findings]) for r in lint(files, jobs=2)]
    assert [p for p, _ in one] == files
    assert one == two


def test_check_default_rules_on_text():
    report = perfcheck.parse("一、基本情况\n本单位共有编制2人。\n")
    findings = perfcheck.check(report)
    assert all(isinstance(f, perfcheck.Finding) for f in findings)


def test_a_crashing_kind_is_one_rule_error_not_a_lost_batch():
    def broken(report, params):
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    KINDS["test-broken"] = Kind("test-broken", broken, {})
    try:
        rule = Rule(id="T1", kind="test-broken", category="totals", severity="error", summary="s", message="m")
        (finding,) = run_rule(perfcheck.parse("文本\n"), rule)
        assert finding.category == RULE_ERROR and "T1" in finding.message and "ZeroDivisionError" in finding.message
    finally:
        del KINDS["test-broken"]


def test_folder_walk_skips_notes_and_lock_files(tmp_path):
    from perfcheck.engine import iter_files

    for name in ("a.txt", "README.md", "~$a.docx", ".hidden.txt", "b.md", "c.pdf", "d.doc"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.rsplit("/", 1)[1] for p in iter_files([str(tmp_path)])] == ["a.txt", "b.md", "c.pdf"]
    assert iter_files([str(tmp_path / "README.md")]) == [str(tmp_path / "README.md")]
