"""Counting findings over a batch, for the closing summary and --statistics."""

from __future__ import annotations

from collections import Counter

from .model import CATEGORIES, INPUT_ERROR, FileResult

_WORDS = {
    "zh": {"head": "共检查报告 {reports} 份（无法读取 {unreadable} 份），发现问题 {total} 条：",
           "severity": "{name} {n}", "error": "错误", "warning": "警告", "info": "提示", "sep": "，",
           "by_category": "按类别：", "most": "错误最多的报告：", "report": "{path}（{n}）", "list_sep": "；"},
    "en": {"head": "{reports} report(s) checked, {unreadable} unreadable; {total} finding(s): ",
           "severity": "{n} {name}", "error": "error", "warning": "warning", "info": "info", "sep": ", ",
           "by_category": "by category: ", "most": "most errors: ", "report": "{path} ({n})", "list_sep": "; "},
}


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
        words = _WORDS["en" if lang == "en" else "zh"]
        total = sum(self.by_severity.values())
        cats = [c for c in (*CATEGORIES, INPUT_ERROR, "rule-error") if self.by_category[c]]
        lines = [words["head"].format(reports=self.reports, unreadable=self.unreadable, total=total)
                 + words["sep"].join(words["severity"].format(n=self.by_severity[s], name=words[s])
                                     for s in ("error", "warning", "info"))]
        if cats:
            lines.append(words["by_category"] + words["sep"].join(f"{c} {self.by_category[c]}" for c in cats))
        if self.errors_by_report:
            lines.append(words["most"] + words["list_sep"].join(
                words["report"].format(path=p, n=n) for p, n in self.errors_by_report.most_common(top)))
        return "\n".join(lines)

    def statistics(self, titles: dict[str, str]) -> str:
        rows = [f"{n:6d}  {rule:<12} {titles.get(rule, '')}" for rule, n in self.by_rule.most_common()]
        return "\n".join(rows)
