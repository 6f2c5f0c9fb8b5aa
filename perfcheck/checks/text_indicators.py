"""indicator: performance must be shown with quantitative indicators.

Three faults, one kind:

* a project, or a goal (a numbered item of the performance part), whose
  description holds no quantitative output or outcome figure — a count
  of things delivered or people served, a rate that is not a budget rate,
  a time — but only money spent or words (marked on its description);
* an indicator-table row with no target value or no actual value;
* a row whose actual falls short of its target (or exceeds it beyond the
  pack's threshold, 130% by default) with no reason in its reason cell
  and none in the prose.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from . import Hit, Param, kind
from ..model import Report, Row, Section, Span, Table
from ..parse.lists import NOTHING

PARAMS = {
    "budget_rate": Param("regex", r"执行率|预算|支出|资金|经费|占|比重|结余|结转|节约|拨付|到位",
                         "label of a rate that measures spending, not delivery"),
    "performance_headings": Param("regex", r"产出|履职|绩效(?:目标)?(?:完成|实现)|(?:目标|指标)完成|实施(?:及|和)?绩效|效益",
                                  "title of a part whose numbered items are goals"),
    "goal_exclude": Param("regex", r"经验|做法|问题|措施|建议|预算管理|资金|自评表|满意度",
                          "title of a sub-part whose items are not goals"),
    "check_goals": Param("bool", True, "require a figure in each numbered goal of the performance part"),
    "check_projects": Param("bool", True, "require a figure in each project's description"),
    "check_rows": Param("bool", True, "check indicator-table rows"),
    "over_ratio": Param("decimal", "1.3", "actual / target at or above which a reason is needed"),
    "reverse": Param("regex", r"≤|<|不高于|不超过|以内|以下|低于", "target wording of a lower-is-better indicator"),
    "reason_words": Param("regex", r"原因|由于|因为|受.{0,12}影响|主要是|系|导致|未能|延期|推迟",
                          "words that state a reason in prose"),
    "skip_rows": Param("regex", r"^(?:总分|合计|总计|小计)", "rows that are totals, not indicators"),
}

_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_DATE_LIKE = re.compile(r"\d{1,4}\s*[年月日]|\d{1,2}:\d{2}")


@kind("indicator", params=PARAMS)
def indicator(report: Report, params) -> "list[Hit]":
    hits: list[Hit] = []
    if params["check_rows"]:
        for table in report.tables:
            hits.extend(_table_rows(report, table, params))
    described: set[int] = set()
    if params["check_projects"]:
        for project in report.projects:
            first, last = project.body if project.body != (0, 0) else (project.span.line, project.span.line)
            described.update(range(first, last + 1))
            if not _quantified(report, first, last, params):
                hits.append(Hit(Span(*_description_line(report, first, last, project.span.line)),
                                {"name": project.name[:30]}, "project"))
    if params["check_goals"]:
        for goal in _goals(report, params):
            first, last = goal.extent
            if first in described or _quantified(report, first, last, params):
                continue
            hits.append(Hit(Span(*_description_line(report, first, last, first)),
                            {"name": (goal.title or goal.number)[:30]}, "goal"))
    return hits


# -- projects and goals ---------------------------------------------------

def _quantified(report: Report, first: int, last: int, params) -> bool:
    """Whether lines first..last hold a count or a delivery rate (not money, not a budget rate)."""
    for count in report.counts:
        if first <= count.span.line <= last:
            return True
    budget_rate = params["budget_rate"]
    for percent in report.percents:
        if first <= percent.span.line <= last:
            label = percent.label or report.lines[percent.span.line - 1][max(0, percent.span.start - 12):percent.span.start]
            if budget_rate is None or not budget_rate.search(label):
                return True
    for table in report.tables:  # a project with its own indicator rows is quantified there
        if first <= table.header.line <= last and "target" in table.columns:
            return True
    return False


def _description_line(report: Report, first: int, last: int, fallback: int) -> tuple[int, int, int]:
    """The line that describes the item: the first prose line of its range."""
    for number in range(first, last + 1):
        text = report.lines[number - 1]
        stripped = text.strip()
        if "\t" in text or not stripped:
            continue
        if number == first and len(stripped) <= 40 and not stripped.endswith("。"):
            continue  # a short heading: the description is below it
        if len(stripped) > 40 or stripped.endswith("。"):
            start = len(text) - len(text.lstrip())
            return number, start, len(text.rstrip())
    text = report.lines[fallback - 1]
    start = len(text) - len(text.lstrip())
    return fallback, start, len(text.rstrip())


def _goals(report: Report, params) -> list[Section]:
    """Numbered items directly under a performance heading (履职产出情况 …)."""
    heads = params["performance_headings"]
    exclude = params["goal_exclude"]
    goals = []
    for section in report.headings:
        if heads is None or not section.number or not heads.search(section.title):
            continue
        if exclude is not None and exclude.search(section.title):
            continue
        text = report.lines[section.line - 1].strip()
        if len(text) > 40:
            continue  # a numbered paragraph, not a part's heading
        items = [child for child in section.children if child.number]
        if len(items) < 2:
            continue
        for item in items:
            if exclude is not None and exclude.search(item.title):
                continue
            if any(_inside(item, other) for other in goals):
                continue
            goals.append(item)
    return goals


def _inside(inner: Section, outer: Section) -> bool:
    return outer.extent[0] <= inner.line <= outer.extent[1]


# -- indicator tables -----------------------------------------------------

def _cell_text(row: Row, index: Optional[int]) -> str:
    cell = row.cell(index)
    return cell.text.strip() if cell is not None else ""


def _row_name(table: Table, row: Row) -> str:
    for role in ("level3", "level2", "level1"):
        text = _cell_text(row, table.columns.get(role))
        if text:
            return text
    return next((c.text.strip() for c in row.cells if c.text.strip()), "")


def _number(text: str) -> Optional[Decimal]:
    if not text or _DATE_LIKE.search(text):
        return None
    match = _NUMBER.search(text)
    if match is None:
        return None
    try:
        return Decimal(match.group().replace(",", ""))
    except InvalidOperation:
        return None


def _table_rows(report: Report, table: Table, params) -> list[Hit]:
    columns = table.columns
    if "target" not in columns or "actual" not in columns:
        return []
    skip = params["skip_rows"]
    hits = []
    for row in table.rows:
        name = _row_name(table, row)
        if not name or (skip is not None and skip.search(name)):
            continue
        if not any(c.text.strip() for c in row.cells[1:]):
            continue  # a sub-heading row
        target_cell = row.cell(columns["target"])
        actual_cell = row.cell(columns["actual"])
        target = _cell_text(row, columns["target"])
        actual = _cell_text(row, columns["actual"])
        span = _row_span(row, target_cell or actual_cell)
        args = {"name": name[:30], "target": target, "actual": actual}
        if not target or NOTHING.match(target) or target in ("—", "-", "/"):
            hits.append(Hit(span, args, "no-target"))
            continue
        if not actual or actual in ("—", "-", "/"):
            hits.append(Hit(span, args, "no-actual"))
            continue
        deviation = _deviation(target, actual, params)
        if deviation is None:
            continue
        reason = _cell_text(row, columns.get("reason")) if "reason" in columns else ""
        if reason and not NOTHING.match(reason) and reason not in ("—", "-", "/"):
            continue
        if _explained_in_prose(report, name, params):
            continue
        hits.append(Hit(span, {**args, "deviation": deviation}, "no-reason"))
    return hits


def _row_span(row: Row, cell) -> Span:
    if cell is not None:
        return Span(row.line, cell.span.start, max(cell.span.end, cell.span.start))
    first = row.cells[0].span if row.cells else Span(row.line, 0, 0)
    return Span(row.line, first.start, first.end)


def _deviation(target: str, actual: str, params) -> Optional[str]:
    """'shortfall' or 'over' when the actual misses or overshoots the target, else None."""
    goal = _number(target)
    done = _number(actual)
    if goal is None or done is None:
        return None
    reverse = params["reverse"] is not None and params["reverse"].search(target)
    if reverse:
        return "shortfall" if done > goal else None
    if done < goal:
        return "shortfall"
    if goal > 0 and done >= goal * params["over_ratio"]:
        return "over"
    return None


def _explained_in_prose(report: Report, name: str, params) -> bool:
    """A sentence that names the indicator and gives a reason."""
    reason = params["reason_words"]
    if reason is None:
        return False
    core = name.strip()[:8]
    grams = {core[i:i + 2] for i in range(len(core) - 1)}
    if not grams:
        return False
    for sentence in report.sentences:
        text = sentence.text
        if not reason.search(text):
            continue
        shared = sum(1 for g in grams if g in text)
        if shared / len(grams) >= 0.75:
            return True
    return False
