"""What a statement of a figure says besides its value, for the consistency checks.

Whether it speaks of the report's year (not another year's, not a point of
the year such as 截至9月底), whether it is a target or a goal rather than a
result, and how two statements of one quantity are compared (their rounding
intervals meet) and reported (on the later one).
"""

from __future__ import annotations

import re
from typing import Optional

from .. import format as fmt
from ..model import Amount, Count, Percent, Report
from ..parse.clauses import start_before
from . import Hit
from . import numeric_intervals as iv
from .numeric_base import Figure, _show




def _meet(a: iv.Interval, b: iv.Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _restated(name: str, first: Figure, later: Figure) -> Hit:
    diff = ""
    if isinstance(first, Amount) and isinstance(later, Amount):
        decimals = max(first.decimals, fmt.decimals_in(later, first.unit)) if later.unit != first.unit else max(first.decimals, later.decimals)
        diff = fmt.money(abs(first.yuan - later.yuan), first.unit, decimals)
    elif isinstance(first, Percent) and isinstance(later, Percent):
        diff = fmt.number(abs(first.value - later.value), max(first.decimals, later.decimals)) + "个百分点"
    elif isinstance(first, Count) and isinstance(later, Count):
        shown = max(iv.decimals_of(first.value), iv.decimals_of(later.value), 0)
        diff = fmt.number(abs(first.value - later.value), shown) + later.measure
    return Hit(later.span, {"name": name, "first": _show(first), "first_line": str(first.span.line),
                            "later": _show(later), "diff": diff}, variant="default")


def _label_year(label: str) -> Optional[int]:
    found = _YEAR.match(label)
    return int(found.group(1)) if found else None


_TARGET_MARK = re.compile(r"不低于|不少于|不高于|不超过|低于|高于|超过|控制在|力争|目标|计划|预计|≥|≤")


_TARGET_AFTER = re.compile(r"^(?:以上|以内|以下|及以上)")


_NAME_NOISE = re.compile(r"^(?:\d{4}年度?|全年|本年|年度|全县|全区|全市|全镇|累计|共|完成|实现|实施|新增)+|(?:达到|达|为|保持|不低于|不少于|不高于|不超过|控制在)+$")


def _is_target(report: Report, figure: Figure) -> bool:
    """A target, not a result: 不低于/目标… in its label or just before it in its own clause
    (均达到目标；带动136名… is a result), or 以上/以内 after it."""
    line = report.lines[figure.span.line - 1]
    clause = start_before(line, figure.span.start, "，,；;。：:")
    before = line[max(clause, figure.span.start - 6):figure.span.start]
    after = line[figure.span.end:figure.span.end + 3]
    return bool(_TARGET_MARK.search(figure.label) or _TARGET_MARK.search(before) or _TARGET_AFTER.match(after))


_YEAR = re.compile(r"(\d{4})年")


_OTHER_TIME = re.compile(r"上年|去年|年初的|以前|历年|\d{4}年[至到\-—~～]\d{4}年|[三五十]年(?:行动|规划|计划)")


_CHANGE_BEFORE = re.compile(r"(?:由|从|(?<!达)到|至|较|比)$")


def report_year(report: Report) -> Optional[int]:
    """The year the report accounts for: the parser's, else the first year of its title lines."""
    if report.year:
        return report.year
    for line in report.lines[:4]:
        found = _YEAR.search(line)
        if found:
            return int(found.group(1))
    return None


def _this_year_statement(report: Report, figure: Figure, year: Optional[int]) -> bool:
    """A figure about the report's year: not a prior year's, a multi-year plan's, or a change's start."""
    line = report.lines[figure.span.line - 1]
    start = start_before(line, figure.span.start, "。！？；;")
    prefix = line[start:figure.span.start]
    if _OTHER_TIME.search(prefix) or _CHANGE_BEFORE.search(line[max(0, figure.span.start - 3):figure.span.start].rstrip("的")):
        return False
    years = [int(y) for y in _YEAR.findall(prefix)]
    return not (year and years and years[-1] != year)


#: a point of the year: 截至9月底, 上半年, 一季度 (截至12月31日 is the year's end, not a point)
_PART_OF_YEAR = re.compile(r"(?:截至|截止)(?:\d{4}年)?(?!12月)\d{1,2}月|(?<!1)\d月(?:底|末)|(?<!\d)1[01]月(?:底|末)"
                           r"|上半年|下半年|前三季度|[一二三四1-4]季度|前\d{1,2}个月")


def _point_of_year(report: Report, figure: Figure) -> bool:
    """A figure at a point of the year (截至9月底, 上半年 …), not the year's."""
    line = report.lines[figure.span.line - 1]
    start = start_before(line, figure.span.start, "。！？；")
    return bool(_PART_OF_YEAR.search(line, start, figure.span.start))


def _the_years(report: Report, figure: Figure, year: Optional[int]) -> bool:
    """A statement of the report's year: no other year's, no point of the year."""
    if _point_of_year(report, figure) or not _this_year_statement(report, figure, year):
        return False
    return not year or _label_year(figure.label) in (None, year)


_GOALS = re.compile(r"目标(?:为|是|[:：])|计划|任务(?:为|是|[:：])|内容(?:包括|为|是|[:：])|预计|力争|拟")


def _in_goals(report: Report, figure: Figure) -> bool:
    """A figure of a sentence that sets goals (绩效目标为：新建…3,000亩；…)."""
    line = report.lines[figure.span.line - 1]
    start = start_before(line, figure.span.start, "。！？")
    return bool(_GOALS.search(line, start, figure.span.start))
