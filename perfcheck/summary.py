"""Counting findings over a batch, for the closing summary and --statistics."""

from __future__ import annotations

from collections import Counter

from .model import CATEGORIES, INPUT_ERROR, FileResult

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


class Tally:
    def __init__(self) -> None:
        self.reports = 0
        self.unreadable = 0
        self.by_severity: Counter = Counter()
        self.by_category: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.rule_titles: dict[str, str] = {}
        self.errors_by_report: Counter = Counter()

    def add(self, result: FileResult) -> None:
        self.reports += 1
        if any(f.category == INPUT_ERROR for f in result.findings):
            self.unreadable += 1
        for finding in result.findings:
            self.by_severity[finding.severity] += 1
            self.by_category[finding.category] += 1
            self.by_rule[finding.rule] += 1
            if finding.severity == "error":
                self.errors_by_report[result.path] += 1

    def worst(self, at_or_above: str) -> bool:
        """Whether any finding is at or above ``at_or_above`` severity."""
        order = ("error", "warning", "info")
        return any(self.by_severity[s] for s in order[: order.index(at_or_above) + 1])

    def summary(self, lang: str = "zh", top: int = 5) -> str:
        total = sum(self.by_severity.values())
        cats = [c for c in (*CATEGORIES, INPUT_ERROR, "rule-error") if self.by_category[c]]
        if lang == "en":
            lines = [f"{self.reports} report(s) checked, {self.unreadable} unreadable; {total} finding(s): "
                     + ", ".join(f"{self.by_severity[s]} {s}" for s in ("error", "warning", "info"))]
            if cats:
                lines.append("by category: " + ", ".join(f"{c} {self.by_category[c]}" for c in cats))
            if self.errors_by_report:
                lines.append("most errors: " + "; ".join(
                    f"{p} ({n})" for p, n in self.errors_by_report.most_common(top)))
        else:
            lines = [f"共检查报告 {self.reports} 份（无法读取 {self.unreadable} 份），发现问题 {total} 条："
                     + "，".join(f"{_SEVERITY_ZH[s]} {self.by_severity[s]}" for s in ("error", "warning", "info"))]
            if cats:
                lines.append("按类别：" + "，".join(f"{c} {self.by_category[c]}" for c in cats))
            if self.errors_by_report:
                lines.append("错误最多的报告：" + "；".join(
                    f"{p}（{n}）" for p, n in self.errors_by_report.most_common(top)))
        return "\n".join(lines)

    def statistics(self, titles: dict[str, str]) -> str:
        rows = [f"{n:6d}  {rule:<12} {titles.get(rule, '')}" for rule, n in self.by_rule.most_common()]
        return "\n".join(rows)
