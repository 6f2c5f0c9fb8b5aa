"""Quality on labelled reports: precision and recall per category, as score.py measures them.

The shared corpus carries the issue's targets (numeric categories precision
>= 0.95 and recall >= 0.90; text categories >= 0.90 and >= 0.85; overall
F1 >= 0.92; nothing above info on a clean report).  The project's own
labelled reports (tests/labelled) guard the checks against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcheck.engine import Linter, Options
from perfcheck.labels import Score, load_labels, score_report

NUMERIC = ("totals", "consistency", "arithmetic")
TEXT = ("missing-section", "structure", "unsupported-claim", "measure-coverage", "indicator",
        "template-residue")
LABELLED = Path(__file__).parent / "labelled"


def score(folder: Path) -> tuple[Score, list[str]]:
    linter = Linter(Options())
    result, noisy_clean = Score(), []
    for report, defects in load_labels(folder).items():
        findings = list(linter.lint_file(str(report)).findings)
        score_report(report.name, defects, findings, result)
        if not defects and any(f.severity != "info" for f in findings):
            noisy_clean.append(report.name)
    return result, noisy_clean


def f1(rows: dict) -> float:
    tp = sum(r["tp"] for r in rows.values())
    fp = sum(r["fp"] for r in rows.values())
    fn = sum(r["fn"] for r in rows.values())
    return 2 * tp / (2 * tp + fp + fn)


def test_shared_corpus_meets_the_issue_targets(corpus):
    result, noisy_clean = score(corpus)
    rows = result.rows()
    report = result.table() + "\n" + "\n".join(result.misses + result.alarms)
    for category in NUMERIC:
        assert rows[category]["precision"] >= 0.95 and rows[category]["recall"] >= 0.90, report
    for category in TEXT:
        assert rows[category]["precision"] >= 0.90 and rows[category]["recall"] >= 0.85, report
    assert f1(rows) >= 0.92, report
    assert noisy_clean == []


def test_own_labelled_reports_do_not_regress():
    if not LABELLED.is_dir():
        pytest.skip("no tests/labelled")
    result, noisy_clean = score(LABELLED)
    rows = result.rows()
    report = result.table() + "\n" + "\n".join(result.misses + result.alarms)
    for category, row in rows.items():
        assert row["precision"] >= 0.85 and row["recall"] >= 0.80, report
    assert f1(rows) >= 0.92, report
    assert noisy_clean == []
