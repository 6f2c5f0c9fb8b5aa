"""consistency of counts: a count stated twice, and a count against the items listed.

- a count of the same thing stated twice (年末在编职工42人 … 全院在编职工45人中):
  the same words, or both stated as a whole (a scope word), and the words
  after the count agreeing; a 其中 part named otherwise than its whole
  states all of its kind;
- N个：A、B…, items one a line below a count, units listed before their count
  (内设A、B、C3个科室), 共N个项目 with its project lines;
- a list of projects' spending against the 项目支出 stated before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from .. import format as fmt
from ..model import Count, Report
from ..parse.breakdowns import COMPARISON
from ..parse.clauses import start_before
from . import Hit
from . import numeric_intervals as iv
from .numeric_base import _outside_brackets
from .numeric_lists import counted_lists
from .numeric_statements import (
    _NAME_NOISE, _PART_OF_YEAR, _in_goals, _is_target, _meet, _restated, _show, _this_year_statement, report_year,
)


#: words in front of a count that set its scope or time, not what is counted
_COUNT_SCOPE = re.compile(r"^(?:\d{4}年(?:度|末|底)?|全年|本年度?|年度|当年|年末|年底|截至年末|现有|实有|目前|"
                          r"全院|全局|全所|全馆|全校|全站|全队|全中心|全单位|本单位|本院|本局|单位|我单位|我局|我院|全体|"
                          r"全县|全区|全市|全镇|全乡|"
                          r"共计|共有|共|累计|合计|总计|完成|开展|实施|组织|举办|办理|共完成)+")


_STOCK = re.compile(r"年末|年底|现有|实有|目前")


_FLOW = re.compile(r"全年|本年|年度|当年|\d{4}年(?!末|底)")


_SAME_MEASURE = {"名": "人"}


#: the words among those that state a whole (the year's, the unit's), not a local sum (共, 累计)
#: or a verb (完成, 开展)
_WHOLE = re.compile(r"\d{4}年|全|本|年|当年|现有|实有|目前|单位|我")


#: the unit itself as the subject before a scope word (中心现有…, 本院年末…): not what is counted
_UNIT_SUBJECT = re.compile(r"^(?:本|我|该)?(?:中心|单位|院|局|所|站|馆|校|队|部门)(?=现有|实有|目前|年末|年底|全年|共有)")


def _count_core(label: str) -> tuple[str, bool, Optional[str]]:
    """(what is counted, whether a word of the whole stood in front, stock | flow | None)."""
    label = _UNIT_SUBJECT.sub("", label)
    scope = _COUNT_SCOPE.match(label)
    words = scope.group() if scope else ""
    time = "stock" if _STOCK.search(words) else "flow" if _FLOW.search(words) else None
    return label[len(words):], bool(_WHOLE.search(words)), time


_AFTER_COUNT = re.compile(r"[^，,。；;：:、（）()！？\d]*")


def _restated_counts(report: Report, generic_measures: set) -> Iterable[Hit]:
    year = report_year(report)
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    index: dict = {}  # (measure, name) -> {time class: first statement}: lookups stay linear
    reported: set = set()
    counts_by_line: dict[int, list[Count]] = {}
    for count in report.counts:
        counts_by_line.setdefault(count.span.line, []).append(count)
    for count in report.counts:
        if count.span.line in table_lines or not count.label or COMPARISON.search(count.label):
            continue
        core, scoped, time = _count_core(count.label)
        core = _STAFF.sub("员", core)  # 护理人员 = 护理员
        # 在编职工45人中，…: "among the N" speaks of the whole
        scoped = scoped or report.lines[count.span.line - 1][count.span.end:count.span.end + 1] == "中"
        if len(core) < 2 or _NAME_NOISE.sub("", core) != core:
            continue
        line = report.lines[count.span.line - 1]
        label_start = count.span.start - len(count.label)
        if line[label_start - 1:label_start] == "、":
            continue  # one item of a list
        if line[max(0, label_start - 2):label_start] == "其中":
            # 服务人员14名，其中护理人员9名 states all the unit's 护理人员; a part named like the
            # whole (培训学员300人，其中培训学员120人…) is a subset
            whole = _whole_before(report, count, counts_by_line.get(count.span.line, ()))
            if whole is None or _STAFF.sub("员", _count_core(whole.label)[0]) == core:
                continue
            scoped = True
        if _is_target(report, count) or _in_goals(report, count) or not _this_year_statement(report, count, year):
            continue
        if _PART_OF_YEAR.search(line, start_before(line, count.span.start, "。！？；"), count.span.start):
            continue  # 截至6月底累计… is a point of the year, not the year's figure
        # what follows the count names the thing too (按…标准为3,756名在校生 / 为1,432名…学生):
        # two counts are one quantity only when that agrees as well
        after = _AFTER_COUNT.match(line, count.span.end).group()
        after = "" if after.startswith("中") else after  # 1,268件次中有286件…: "among", a new statement
        measure = (_SAME_MEASURE.get(count.measure, count.measure), after)
        specific = scoped and count.measure not in generic_measures
        # the first earlier statement of the same thing: the same words; or, both with a scope
        # word (全年, 年末, 全院 …: a whole, not one occasion), the same name, or with a specific
        # measure one name ending the other (全年抽检 for 全年完成…抽检)
        # (the same words only when they name a thing: 共培训 names a verb, not what was counted)
        keys = [("label", measure, count.label)] if len(core) >= 3 else []
        if scoped and len(core) >= 3:
            keys.append(("scoped", measure, core))
        gapped = _gapped(core) if specific else None
        if specific:
            keys += [("suffix", measure, core)] + [("scoped", measure, core[k:]) for k in range(1, len(core) - 1)]
            if gapped:
                keys.append(("gapped", measure, gapped))
        # a bare verb + noun (清疏管网) is the same count as that verb and noun with words between
        # (清疏雨污水管网); two longer names with other words between are not
        bare = core[:_VERB] + "…" + core[-_VERB:] if specific and len(core) >= 2 * _VERB else None
        candidates = [entry for key in keys for entry in _found(index, key)]
        if bare:
            candidates += [entry for entry in _found(index, ("bare", measure, bare))
                           if len(core) == 2 * _VERB or len(entry[1]) == 2 * _VERB]
        earlier = _first_compatible(candidates, count, time)
        if earlier is not None and not _meet(iv.of_count(earlier[0]), iv.of_count(count)) \
                and (measure, core[-2:]) not in reported:
            reported.add((measure, core[-2:]))
            first, first_core = earlier
            yield _restated(count.label if len(core) <= len(first_core) else first.label, first, count)
        _remember(index, ("label", measure, count.label), time, count, core)
        if scoped:
            _remember(index, ("scoped", measure, core), time, count, core)
            for k in range(1, len(core) - 1):
                _remember(index, ("suffix", measure, core[k:]), time, count, core)
        if gapped and scoped:
            _remember(index, ("gapped", measure, gapped), time, count, core)
        if bare and scoped:
            _remember(index, ("bare", measure, bare), time, count, core)


_STAFF = re.compile(r"人员$")

#: the verb that opens a name and the noun that ends it (受理…信访事项)
_VERB, _NOUN = 2, 4


def _gapped(core: str) -> Optional[str]:
    """A name without the words between its verb and its noun: 全年受理群众信访事项 and
    全年受理信访事项 (with a specific measure, both of the whole year) count one thing."""
    return core[:_VERB] + "…" + core[-_NOUN:] if len(core) >= _VERB + _NOUN else None



def _whole_before(report: Report, part: Count, on_line: Sequence[Count]) -> Optional[Count]:
    """The count a 其中 part belongs to: the last count before 其中 in its sentence."""
    line = report.lines[part.span.line - 1]
    marker = line.rfind("其中", 0, part.span.start)
    start = start_before(line, marker, "。！？；")
    before = [c for c in on_line if start <= c.span.start < marker]
    return before[-1] if before else None


def _found(index: dict, key) -> Iterable:
    return (entry for entry in index.get(key, {}).values())


def _remember(index: dict, key, time: Optional[str], count: Count, core: str) -> None:
    """Keep the first statement of each name per time class (stock, flow, none)."""
    index.setdefault(key, {}).setdefault(time, (count, core))


def _first_compatible(entries: Iterable, later: Count, time: Optional[str]):
    best = None
    for count, core in entries:
        entry_time = _count_core(count.label)[2]
        if count.span.line == later.span.line or (time and entry_time and time != entry_time):
            continue
        if best is None or (count.span.line, count.span.start) < (best[0].span.line, best[0].span.start):
            best = (count, core)
    return best


#: what the count counts may stand before the colon (开展以下3类服务：A、B…)
_LIST_AFTER = re.compile(r"(?:(?P<noun>[\u4e00-\u9fff]{1,4}?)(?:如下)?(?=[：:，,]))?\s*(?:[，,]\s*(?:分别为|分别是|分别位于|分别设在|具体为|包括|即|为|是)[：:]?|[：:])\s*")


_ITEM_STOP = re.compile(r"[。；;，,（(]")


def _count_lists(report: Report, measures: set) -> Iterable[Hit]:
    figure_starts: dict[int, list[int]] = {}
    for figure in (*report.counts, *report.amounts, *report.percents):
        figure_starts.setdefault(figure.span.line, []).append(figure.span.start)
    for count in report.counts:
        if measures and count.measure not in measures:
            continue
        line = report.lines[count.span.line - 1]
        intro = _LIST_AFTER.match(line, count.span.end)
        if not intro:
            continue
        stop = _ITEM_STOP.search(line, intro.end())
        end = stop.start() if stop else len(line)
        body = line[intro.end():end]
        # items that carry figures are not plain names (an age range 0至6岁 is part of one)
        if not body or "等" in body or any(intro.end() <= s < end for s in figure_starts.get(count.span.line, ())):
            continue
        items = [item for item in body.split("、") if item.strip()]
        if len(items) < 2 and int(count.value) != 1:
            continue
        if int(count.value) == len(items):
            continue
        last = items[-1] if items else ""
        if re.search("[和及与]", last) and int(count.value) == len(items) + 1:
            continue
        name = intro.group("noun") or count.label or "所列项目"
        yield Hit(count.span, {"name": name, "count": _show(count), "listed": str(len(items)),
                               "items": "、".join(items)}, variant="count")


#: what the units listed before a count are (内设办公室、业务科、财务审计科3个科室)
_UNIT_NOUNS = re.compile(r"(?:个|家|所|支)?(?:内设)?(?:科室|股室|处室|部门|机构|事业单位|单位|站所|中心|分局|派出机构|股|科|处|室|队|站|所)")


_LIST_VERB = re.compile(r".*?(?:内设|下设|设有|设立|设置|下辖|设|辖|包括|含)")


def _items_before(report: Report) -> Iterable[Hit]:
    """A count of units after the units it counts: 内设A、B、C3个科室."""
    for count in report.counts:
        line = report.lines[count.span.line - 1]
        unit = _UNIT_NOUNS.match(line, count.span.end - len(count.measure))
        if not unit or count.value != int(count.value):
            continue
        start = start_before(line, count.span.start, "，,。；;：:（(")
        verb = _LIST_VERB.match(line, start, count.span.start)
        if not verb:
            continue
        body = line[verb.end():count.span.start]
        if "、" not in body or "等" in body or re.search(r"\d", body):
            continue
        items = [item for item in re.split(r"、|和|及|以及", body) if item.strip()]
        if len(items) < 2 or int(count.value) == len(items):
            continue
        noun = unit.group().lstrip("个家所支") or "所列单位"
        yield Hit(count.span, {"name": noun, "count": _show(count), "listed": str(len(items)),
                               "items": "、".join(items)}, variant="count")


_PROJECT_COUNT = re.compile(r"^(?:个|项)?(?:项目|子项目)")


def _project_lists(report: Report) -> Iterable[Hit]:
    """共N个项目 against the projects listed on the lines after it, and 项目支出 against their sum."""
    by_line = {project.span.line: project for project in report.projects}
    for count in report.counts:
        line = report.lines[count.span.line - 1]
        if not (line[count.span.start - 1:count.span.start] == "共" and _PROJECT_COUNT.match(line[count.span.end - 1:count.span.end + 3])):
            continue
        listed = []
        number = count.span.line + 1
        while number in by_line:
            listed.append(by_line[number])
            number += 1
        if len(listed) < 2:
            continue
        if int(count.value) != len(listed):
            yield Hit(count.span, {"name": "项目", "count": _show(count), "listed": str(len(listed)),
                                   "items": "、".join(p.name for p in listed)}, variant="count")
        totals = [a for a in report.amounts if a.span.line == count.span.line and a.span.start < count.span.start
                  and a.label.endswith("项目支出") and _outside_brackets(line, a.span.start)]
        actuals = [p.actual for p in listed]
        if not totals or any(a is None for a in actuals):
            continue
        total = totals[-1]
        if any(b.exhaustive and b.total.span == total.span for b in report.breakdowns):
            continue  # "具体为：" claims the sum: judged as a total, not twice
        spent = sum(a.yuan for a in actuals)
        allowance = total.half_unit_yuan * (1 + sum(1 for a in actuals if not a.is_zero))
        if abs(spent - total.yuan) <= allowance or spent < total.yuan * Decimal("0.75"):
            continue
        decimals = max([total.decimals] + [fmt.decimals_in(a, total.unit) for a in actuals])
        yield Hit(total.span, {"label": total.label, "total": fmt.amount(total),
                               "sum": fmt.money(spent, total.unit, decimals), "count": str(len(listed)),
                               "diff": fmt.money(abs(spent - total.yuan), total.unit, decimals)},
                  variant="projects")


#: how many 项目支出 statements back a list of projects looks (the last of this year's is the one)
_SPENDING_REACH = 4


def _listed_items(report: Report, measures: set, project_spending: re.Pattern) -> Iterable[Hit]:
    """A count against the items listed after it (on its line with their money, or one a
    line below it), and a list of projects' spending against the 项目支出 stated before."""
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    spending = [a for a in report.amounts if a.span.line not in table_lines and project_spending.search(a.label)
                and not COMPARISON.search(a.label)]
    year = report_year(report)
    for listed in counted_lists(report, measures):
        count, items = listed.count, listed.items
        if int(count.value) != len(items) and count.value == int(count.value):
            yield Hit(count.span, {"name": count.label or "所列项目", "count": _show(count), "listed": str(len(items)),
                                   "items": "、".join(i.name for i in items if i.name)}, variant="count")
            continue
        if not listed.projects or len(items) < 2:
            continue
        spent_each = [item.spending for item in items]
        if any(a is None for a in spent_each) or (listed.budgets and not all(item.says_spent for item in items)):
            continue  # money under 安排/预算 is spending only where the item says so (实际支出…)
        place = bisect_left(spending, (count.span.line, count.span.start), key=lambda a: (a.span.line, a.span.start))
        before = [a for a in spending[max(0, place - _SPENDING_REACH):place] if _this_year_statement(report, a, year)]
        if not before:
            continue
        total = before[-1]
        if total.span.line == count.span.line and any(
                b.exhaustive and b.total.span == total.span for b in report.breakdowns):
            continue  # "项目支出X，共N个项目：…" claims the sum itself: judged as a total
        spent = sum(a.yuan for a in spent_each)
        allowance = total.half_unit_yuan * (1 + sum(1 for a in spent_each if not a.is_zero))
        if abs(spent - total.yuan) <= allowance or spent < total.yuan * Decimal("0.75"):
            continue
        decimals = max([total.decimals] + [fmt.decimals_in(a, total.unit) for a in spent_each])
        same_line = total.span.line == count.span.line
        yield Hit(total.span if same_line else count.span, {"label": total.label, "total": fmt.amount(total), "first_line": str(total.span.line),
                         "sum": fmt.money(spent, total.unit, decimals), "count": str(len(items)),
                         "parts": " + ".join(fmt.part_in(a, total.unit, decimals) for a in spent_each),
                         "diff": fmt.money(abs(spent - total.yuan), total.unit, decimals)},
                  variant="projects" if same_line else "project_sum")
