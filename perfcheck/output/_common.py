"""What the tabular and page outputs share: names of categories and severities,
one row per finding, one row per report, and neutralising spreadsheet formulas."""

from __future__ import annotations

import re
from collections import Counter

from ..model import CATEGORIES, INPUT_ERROR, SEVERITIES, FileResult, Finding

CATEGORY_NAMES = {
    "totals": ("合计数", "Totals"),
    "consistency": ("前后一致", "Consistency"),
    "arithmetic": ("计算", "Arithmetic"),
    "missing-section": ("缺少内容", "Missing section"),
    "structure": ("结构编号", "Structure"),
    "unsupported-claim": ("无据评价", "Unsupported claim"),
    "measure-coverage": ("措施对应", "Measure coverage"),
    "indicator": ("绩效指标", "Indicator"),
    "template-residue": ("模板残留", "Template residue"),
    INPUT_ERROR: ("无法读取", "Input error"),
}

SEVERITY_NAMES = {"error": ("错误", "Error"), "warning": ("警告", "Warning"), "info": ("提示", "Info")}


def category_name(category: str, lang: str) -> str:
    names = CATEGORY_NAMES.get(category)
    return (names[1] if lang == "en" else names[0]) if names else category


def severity_name(severity: str, lang: str) -> str:
    names = SEVERITY_NAMES.get(severity)
    return (names[1] if lang == "en" else names[0]) if names else severity


# A spreadsheet treats a cell starting with one of these as a formula (or, for
# TAB and CR, as the start of one once pasted): a report author could smuggle
# =HYPERLINK(...) or DDE payloads to the reviewer who opens the file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    """``value`` made safe for a spreadsheet cell: text that could start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


FINDING_COLUMNS = ("path", "line", "column", "severity", "category", "rule", "message", "excerpt", "location")
FINDING_HEADERS = {
    "zh": ("文件", "行", "列", "严重程度", "类别", "规则", "问题说明", "原文摘录", "位置"),
    "en": FINDING_COLUMNS,
}


def finding_row(finding: Finding) -> list:
    """One finding as the values of FINDING_COLUMNS (codes, not translations: they sort and filter)."""
    span = finding.span
    return [finding.path, span.line if span else None, span.start + 1 if span else None,
            finding.severity, finding.category, finding.rule, finding.message,
            finding.excerpt, finding.location]


SUMMARY_COLUMNS = (("path", "kind", "findings") + CATEGORIES + SEVERITIES + ("input-error",))


def summary_headers(lang: str) -> tuple[str, ...]:
    if lang == "en":
        return SUMMARY_COLUMNS
    return (("文件", "报告类型", "问题总数") + tuple(category_name(c, "zh") for c in CATEGORIES)
            + tuple(severity_name(s, "zh") for s in SEVERITIES) + ("无法读取原因",))


def summary_row(result: FileResult) -> list:
    """One report: its kind, counts per category and severity, and why it could not be read."""
    checked = [f for f in result.findings if f.category != INPUT_ERROR]
    by_category = Counter(f.category for f in checked)
    by_severity = Counter(f.severity for f in checked)
    errors = "；".join(f.message for f in result.findings if f.category == INPUT_ERROR)
    return ([result.path, result.kind, len(checked)] + [by_category[c] for c in CATEGORIES]
            + [by_severity[s] for s in SEVERITIES] + [errors])


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Control characters that XML 1.0 (xlsx, html) cannot hold."""
    return _CONTROL.sub("\ufffd", text)
