"""Scoring findings against labelled reports (the corpus label format).

``NAME.expected.toml`` beside ``NAME.txt`` lists the defects a reviewer
would mark; a finding matches a defect of its category within one line of
the first line holding the defect's evidence.  This is how a bureau proves
its pack (``perfcheck test-rules DIR``) and how the default pack is tested.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from attrs import field, frozen

from .model import CATEGORIES, Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@frozen(slots=True)
class Defect:
    category: str
    line: int  # 0: whole document
    note: str = ""


@frozen(slots=True)
class Score:
    tally: dict = field(factory=lambda: defaultdict(Counter))
    misses: list = field(factory=list)
    alarms: list = field(factory=list)

    def rows(self) -> dict[str, dict]:
        out = {}
        for cat in [c for c in CATEGORIES] + sorted(set(self.tally) - set(CATEGORIES)):
            t = self.tally[cat]
            tp, fp, fn = t["tp"], t["fp"], t["fn"]
            out[cat] = {"tp": tp, "fp": fp, "fn": fn,
                        "precision": tp / (tp + fp) if tp + fp else 1.0,
                        "recall": tp / (tp + fn) if tp + fn else 1.0}
        return out

    def table(self) -> str:
        lines = [f"{'category':18} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}"]
        for cat, r in self.rows().items():
            lines.append(f"{cat:18} {r['tp']:4} {r['fp']:4} {r['fn']:4} {r['precision']:6.2f} {r['recall']:6.2f}")
        return "\n".join(lines)


def load_labels(folder: Path) -> dict[Path, list[Defect]]:
    """Each labelled ``.txt`` report in ``folder`` with its defects."""
    labels = {}
    for spec in sorted(folder.glob("*.expected.toml")):
        data = tomllib.loads(spec.read_text(encoding="utf-8"))
        report = folder / data["report"]
        lines = report.read_text(encoding="utf-8").splitlines()
        defects = []
        for d in data.get("defect", []):
            line = 0
            if d.get("evidence"):
                line = next((i for i, text in enumerate(lines, 1) if d["evidence"] in text), -1)
            defects.append(Defect(d["category"], line, d.get("note", "")))
        labels[report] = defects
    return labels


def score_report(name: str, defects: list[Defect], findings: list[Finding], score: Score) -> None:
    """Match one report's (non-info) findings with its defects, adding to ``score``."""
    seen, unmatched = set(), []
    for f in findings:
        key = (f.category, f.line or 0)
        if f.severity != "info" and key not in seen:
            seen.add(key)
            unmatched.append(f)
    for d in defects:
        hit = next((f for f in unmatched if f.category == d.category and (
            abs((f.line or 0) - d.line) <= 1 if d.line else not f.line)), None)
        if hit is None and not d.line:
            hit = next((f for f in unmatched if f.category == d.category), None)
        if hit is not None:
            unmatched.remove(hit)
            score.tally[d.category]["tp"] += 1
        else:
            score.tally[d.category]["fn"] += 1
            score.misses.append(f"{name}:{d.line} {d.category}: {d.note}")
    for f in unmatched:
        score.tally[f.category]["fp"] += 1
        score.alarms.append(f"{name}:{f.line or 0} {f.category} [{f.rule}]: {f.message}")
