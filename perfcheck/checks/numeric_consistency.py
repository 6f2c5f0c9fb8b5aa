"""consistency: one quantity stated twice with different values, identities
across statements, and a stated count against the items listed.

This module judges the year's quantities named by the rule (本年收入, 本年支出,
基本支出, 项目支出, 结转结余 …, the parts of the year's 其中 included), the
carry-over identity 年初结转结余 + 本年收入 = 本年支出 + 年末结转结余 (when all
four are stated), this year's quantities labelled with another year, a
project's figures stated twice (list items, a 项目支出 list, a table of
projects), a project report's own funds (年初预算, 预算, 资金总额, 总投资), one
rate restated in the prose, and the conclusion's score against the 自评表;
``numeric_table_prose`` compares the prose with the tables and
``numeric_counts`` the counts and lists (see ``check_consistency``).  Two
statements agree when their rounding intervals meet; the later one is
marked.  Figures of another year or of a point of the year (截至9月底) are
never the year's.  A needed figure that is missing makes the check silent.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional

from .. import format as fmt
from ..model import UNIT_FACTORS, Amount, Report, Span
from ..parse.breakdowns import COMPARISON
from ..parse.clauses import end_after, start_before
from . import Hit
from . import numeric_intervals as iv
from .numeric_base import _cell, _number, _shared
from .numeric_totals import listed_later, totals_args, wrong_sum
from .numeric_counts import _count_lists, _items_before, _listed_items, _project_lists, _restated_counts
from .numeric_statements import (
    _NAME_NOISE, _YEAR, _is_target, _label_year, _meet, _point_of_year, _restated, _this_year_statement, report_year,
)
from .numeric_table_prose import (
    _FUNDS_TABLE_TOTAL, _bigram_index, _execution_rates_restated, _funds_vs_prose, _money_tables_vs_prose,
    _prose_vs_table, _rate_rows, _sharing,
)


# --------------------------------------------------------------------------
# document-level quantities


_OPENING = re.compile(r"上年结转(?:和)?结余")
_SENTENCE_YEAR = re.compile(r"\d{4}年度?|本年度?|全年")


def _quantities(report: Report, patterns: dict) -> dict[str, list[Amount]]:
    year = report_year(report)
    inside_projects = set()
    for project in report.projects:
        inside_projects.update(range(project.body[0], project.body[1] + 1))
    found: dict[str, list[Amount]] = {}
    previous = None  # (line, sentence start) of the last figure taken as a quantity
    for amount in report.amounts:
        # 上年结转结余 is this year's opening balance, not a comparison with last year
        if amount.span.line in inside_projects or not amount.label or COMPARISON.search(_OPENING.sub("", amount.label)):
            continue
        if _point_of_year(report, amount):
            continue  # 截至6月底… is not the year's figure
        labelled_year = _label_year(amount.label)
        if year and labelled_year and labelled_year != year:
            continue  # another year's figure (2022年支出 …) is not this year's quantity
        label = amount.label
        line = report.lines[amount.span.line - 1]
        start = start_before(line, amount.span.start, "。；;！？")
        if not any(pattern.search(label) for pattern in patterns.values()) and previous == (amount.span.line, start):
            # 2023年度收入总计…，支出总计…: after a year's quantity, the sentence's year word
            # speaks for the next bare figure too
            opening = _SENTENCE_YEAR.match(line, start)
            if opening and len(label) <= 4 and not _SENTENCE_YEAR.match(label):
                label = opening.group() + label
        previous = None
        for name, pattern in patterns.items():
            if pattern.search(label):
                found.setdefault(name, []).append(amount)
                previous = (amount.span.line, start)
                break
    # the parts of a document quantity are the year's too: 本年支出X，其中…项目支出Y is the
    # year's 项目支出 though its own label names no year
    taken = {id(a) for amounts in found.values() for a in amounts}
    for breakdown in report.breakdowns:
        total = breakdown.total
        if not breakdown.exhaustive or id(total) not in taken or total.span.line in inside_projects:
            continue
        for part in breakdown.parts:
            if id(part.amount) in taken or COMPARISON.search(part.label):
                continue
            for name, pattern in patterns.items():
                if pattern.search("本年" + part.label):
                    found.setdefault(name, []).append(part.amount)
                    taken.add(id(part.amount))
                    break
    for amounts in found.values():
        amounts.sort(key=lambda a: (a.span.line, a.span.start))
    return found


def _document_quantities(quantities: dict[str, list[Amount]]) -> Iterable[Hit]:
    for name, amounts in quantities.items():
        first = amounts[0]
        for later in amounts[1:]:
            if later.span.line == first.span.line:
                continue
            if not _meet(iv.of_amount(first), iv.of_amount(later)):
                yield _restated(name, first, later)
                break


def _carry_over(quantities: dict[str, list[Amount]], names: dict) -> Iterable[Hit]:
    try:
        opening = quantities[names["opening"]][0]
        income = quantities[names["income"]][0]
        spending = quantities[names["spending"]][0]
        closing = quantities[names["closing"]][0]
    except (KeyError, IndexError):
        return
    left = (iv.of_amount(opening)[0] + iv.of_amount(income)[0], iv.of_amount(opening)[1] + iv.of_amount(income)[1])
    right = (iv.of_amount(spending)[0] + iv.of_amount(closing)[0], iv.of_amount(spending)[1] + iv.of_amount(closing)[1])
    if _meet(left, right):
        return
    last = max((opening, income, spending, closing), key=lambda a: (a.span.line, a.span.start))
    unit = closing.unit
    decimals = max(a.decimals for a in (opening, income, spending, closing) if a.unit == unit) if any(
        a.unit == unit for a in (opening, income, spending, closing)) else closing.decimals
    expected_closing = opening.yuan + income.yuan - spending.yuan
    yield Hit(last.span, {
        "opening": fmt.amount(opening), "income": fmt.amount(income), "spending": fmt.amount(spending),
        "closing": fmt.amount(closing), "expected": fmt.money(expected_closing, unit, decimals),
        "diff": fmt.money(abs(expected_closing - closing.yuan), unit, decimals),
    }, variant="carryover")


_OTHER_YEAR_CONTEXT = re.compile(r"上年|去年|较|同比|比|增长|下降|增加|减少|以前|以来|至|到|年末|年初")


def _wrong_years(report: Report, patterns: dict, stated: dict) -> Iterable[Hit]:
    """This year's quantity labelled with another year (2022年支出… in a 2023 report),
    in a sentence that compares nothing and names no other year."""
    year = report_year(report)
    if not year:
        return
    for amount in report.amounts:
        labelled_year = _label_year(amount.label)
        if not labelled_year or labelled_year == year or abs(labelled_year - year) > 1:
            continue
        names = [name for name, pattern in patterns.items() if pattern.search(amount.label)]
        if not names or any(name in stated for name in names):
            continue  # this year's figure is stated too: the other year's is a fact of its own
        line = report.lines[amount.span.line - 1]
        start = start_before(line, amount.span.start, "。！？；")
        end = end_after(line, amount.span.end, "。！？；")
        sentence = line[start:end]
        if _OTHER_YEAR_CONTEXT.search(sentence) or set(_YEAR.findall(sentence)) != {str(labelled_year)}:
            continue
        label_start = amount.span.start - len(amount.label)
        yield Hit(Span(amount.span.line, max(0, label_start), amount.span.end),
                  {"name": amount.label, "stated_year": str(labelled_year), "year": str(year), "figure": fmt.amount(amount)},
                  variant="year")


# --------------------------------------------------------------------------
# projects stated twice

_MEASURES = (
    ("全年预算", re.compile(r"(?:全年预算|调整后预算|预算调整数)$")),
    ("年初预算", re.compile(r"年初预算$")),
    ("实际支出", re.compile(r"(?:实际支出|全年支出|执行数|支出)$")),
)


def _measure(label: str) -> Optional[tuple[str, str]]:
    for name, pattern in _MEASURES:
        match = pattern.search(label)
        if match:
            return name, label[: match.start()]
    return None


_PROJECT_TAIL = re.compile(r"(?:项目)?(?:的)?$")
_TABLE_MEASURES = (("全年预算", "full_budget"), ("年初预算", "initial_budget"), ("实际支出", "executed"))


def _table_projects(report: Report):
    """Rows of a table of projects (项目名称 | 全年预算 | 实际支出 …): name -> its figures."""
    for table in report.tables:
        columns = table.columns
        if "executed" not in columns or "score" in columns or not re.search("项目", _cell(table.header, 0)):
            continue
        title = table.caption + " " + " ".join(c.text for c in table.header.cells)
        unit = next((u for u in ("亿元", "万元", "千元", "元") if u in title), None)
        if unit is None:
            continue  # figures in no stated unit: not comparable with the prose
        for row in table.rows:
            name = _PROJECT_TAIL.sub("", _cell(row, 0))
            if len(name) < 4 or _FUNDS_TABLE_TOTAL.search(name) or name.startswith("其中"):
                continue
            figures = {}
            for measure, role in _TABLE_MEASURES:
                column = columns.get(role)
                parsed = _number(_cell(row, column)) if column is not None else None
                if parsed is not None and (parsed[2] or unit) in UNIT_FACTORS:
                    cell = row.cell(column)
                    figures[measure] = Amount(parsed[0], parsed[2] or unit, parsed[1], cell.span, cell.text.strip(), name)
            if figures:
                yield name, figures


def _projects(report: Report) -> Iterable[Hit]:
    stated: dict[str, dict[str, Amount]] = {}
    for project in report.projects:
        figures = stated.setdefault(project.name, {})
        for name, amount in (("全年预算", project.full_budget), ("年初预算", project.initial_budget), ("实际支出", project.actual)):
            if amount is not None:
                figures.setdefault(name, amount)
    for name, figures in _table_projects(report):
        for measure, amount in figures.items():
            stated.setdefault(name, {}).setdefault(measure, amount)
    for breakdown in report.breakdowns:
        if breakdown.total.label.endswith("项目支出") and breakdown.source in ("qizhong", "named"):
            for part in breakdown.parts:
                name = _PROJECT_TAIL.sub("", part.label)
                if len(name) >= 4:
                    stated.setdefault(name, {}).setdefault("实际支出", part.amount)
    if not stated:
        return
    # a later mention names the project in full (…就业补助资金项目全年预算) or drops at most
    # two leading characters of its name; dictionaries keep the lookup linear
    shortened: dict[str, str] = {}
    for name in stated:
        for cut in range(0, 3):
            if len(name) - cut >= 4:
                shortened.setdefault(name[cut:], name)
    last_subject = (0, -1, "")  # (line, sentence start, subject) of the last figure that named one
    for amount in report.amounts:
        found = _measure(amount.label)
        if found is None:
            continue
        measure, subject = found
        subject = re.sub(r"(?:项目)?(?:的)?$", "", subject)
        line = report.lines[amount.span.line - 1]
        sentence = start_before(line, amount.span.start, "。；;！？")
        if not subject and last_subject[:2] == (amount.span.line, sentence):
            subject = last_subject[2]  # …项目全年预算150.00万元，实际支出145.25万元: the same project
        elif subject:
            last_subject = (amount.span.line, sentence, subject)
        if len(subject) < 4 or COMPARISON.search(subject):
            continue
        name = _project_named(subject, stated, shortened)
        if name is None:
            continue
        first = stated[name].get(measure)
        if first is None or first.span.line >= amount.span.line:
            continue
        if not _meet(iv.of_amount(first), iv.of_amount(amount)):
            yield _restated(f"{name}{measure}", first, amount)
    # a project's execution rate restated (…项目预算执行率为69.60% against its list item's 96.60%)
    rates = {project.name: project.stated_rate for project in report.projects if project.stated_rate is not None}
    if not rates:
        return
    year = report_year(report)
    for percent in report.percents:
        found = _PROJECT_RATE.search(percent.label)
        if found is None or _point_of_year(report, percent) or not _this_year_statement(report, percent, year):
            continue
        subject = _PROJECT_TAIL.sub("", percent.label[:found.start()])
        name = _project_named(subject, rates, shortened) if len(subject) >= 4 else None
        first = rates.get(name) if name else None
        if first is None or first.span.line >= percent.span.line:
            continue
        if not _meet(iv.of_figure(first), iv.of_figure(percent)):
            yield _restated(f"{name}执行率", first, percent)


_PROJECT_RATE = re.compile(r"(?:的)?(?:预算|资金)?执行率(?:为|达到|达)?$")


def _project_named(subject: str, stated: dict, shortened: dict) -> Optional[str]:
    """The project a subject names: in full at its end, or with at most two leading characters dropped."""
    name = next((subject[k:] for k in range(len(subject) - 3) if subject[k:] in stated), None)
    name = name or shortened.get(subject)
    return name if name in stated else None


# --------------------------------------------------------------------------
# prose against the 自评表


def _prose_percents(report: Report, min_shared: int, generic: re.Pattern) -> Iterable[Hit]:
    """One rate stated twice in the prose (优良天数比例 92.6% … 91.8%)."""
    year = report_year(report)
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    eligible = []
    for percent in report.percents:
        if percent.span.line in table_lines or not percent.label or COMPARISON.search(percent.label):
            continue
        if _is_target(report, percent) or generic.search(percent.label) or not _this_year_statement(report, percent, year):
            continue
        if len(_NAME_NOISE.sub("", percent.label)) >= min_shared:
            eligible.append(percent)
    index = _bigram_index(eligible)
    for percent in eligible:
        label = _NAME_NOISE.sub("", percent.label)
        for earlier in _sharing(index, label, min_shared):
            if (earlier.span.line, earlier.span.start) >= (percent.span.line, percent.span.start):
                break
            if earlier.span.line == percent.span.line:
                continue
            earlier_label = _NAME_NOISE.sub("", earlier.label)
            shared = _shared(earlier_label, label)
            if shared < min_shared or shared * 5 < min(len(earlier_label), len(label)) * 4:
                continue
            if not _meet(iv.of_figure(earlier), iv.of_figure(percent)):
                yield _restated(label, earlier, percent)
            break


# --------------------------------------------------------------------------
# a project report's own funds: 年初预算, 预算, 年度资金总额, 总投资 stated in several places

_ADJUSTED = re.compile(r"调增|调减|追加|调整|核减|增补")


def _funds_qualifier(label: str) -> str:
    if "年初" in label:
        return "initial"
    if re.search("全年|调整后", label):
        return "full"
    if re.search("总投资|总预算", label):
        return "total"
    return "plain"


def _funds_statements(report: Report, pattern: re.Pattern) -> list[tuple[str, Amount]]:
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    year = report_year(report)
    found = [(_funds_qualifier(a.label), a) for a in report.amounts
             if a.span.line not in table_lines and pattern.search(a.label) and not COMPARISON.search(a.label)
             and not _point_of_year(report, a) and _this_year_statement(report, a, year)
             and (not year or _label_year(a.label) in (None, year))]
    for table in report.tables:
        for role in ("initial_budget", "full_budget"):
            column = table.columns.get(role)
            if column is None:
                continue
            unit = next((u for u in ("亿元", "万元", "千元", "元") if u in table.caption + _cell(table.header, column)
                         + _cell(table.header, 0)), "")
            for row in table.rows:
                parsed = _number(_cell(row, column))
                if parsed is None or not _FUNDS_TABLE_TOTAL.search(_cell(row, 0)):
                    continue
                cell = row.cell(column)
                value, decimals, cell_unit = parsed
                cell_unit = cell_unit if cell_unit in UNIT_FACTORS else unit
                if cell_unit not in UNIT_FACTORS:
                    continue  # in no stated unit
                amount = Amount(value, cell_unit, decimals, cell.span, cell.text.strip(), _cell(row, 0))
                found.append(("initial" if role == "initial_budget" else "full", amount))
    found.sort(key=lambda pair: (pair[1].span.line, pair[1].span.start))
    return found


def _project_funds(report: Report, pattern: re.Pattern, ratio: Decimal) -> Iterable[Hit]:
    """The project's budget stated with two values: with no adjustment mentioned, 年初预算 and
    预算 are one figure; a total investment is never below one year's funds.  Across names
    only a near miss (within ``ratio``) is taken for one figure mistyped."""
    if report.kind != "project":
        return
    statements = _funds_statements(report, pattern)
    adjusted = any(_ADJUSTED.search(line) for line in report.lines)
    for index, (qualifier, later) in enumerate(statements):
        for first_qualifier, first in statements[:index]:
            if first.span.line == later.span.line or _meet(iv.of_amount(first), iv.of_amount(later)):
                continue
            if qualifier == first_qualifier:
                conflict = True
            elif "total" in (qualifier, first_qualifier):
                total, annual = (later, first) if qualifier == "total" else (first, later)
                conflict = total.yuan < annual.yuan and abs(later.yuan - first.yuan) <= ratio * max(first.yuan, later.yuan)
            else:
                conflict = not adjusted and abs(later.yuan - first.yuan) <= ratio * max(first.yuan, later.yuan)
            if conflict:
                yield _restated(later.label or "项目资金", first, later)
                return


# --------------------------------------------------------------------------
# the 自评表's funds row (年度资金总额: 年初预算数, 全年预算数, 全年执行数, 执行率) against the prose


# --------------------------------------------------------------------------
# a table of income or spending (收入项目 | 金额) against the same items in the prose


# --------------------------------------------------------------------------
# a count stated twice (年末在编职工42人 … 全院在编职工45人中)


# --------------------------------------------------------------------------
# a count and its list


_SCORE_STATEMENT = re.compile(r"(?:自评|综合|评价)[^。；]{0,12}?(?:总分|得分|评分)(?:为|是|：|:)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")


def _score_statements(report: Report) -> Iterable[Hit]:
    """The total score in the conclusion against the 自评表's 总分 row."""
    from ..parse.tables import is_total_row

    table_scores = []
    for table in report.tables:
        column = table.columns.get("score")
        if column is None or "weight" not in table.columns:
            continue
        for row in table.rows:
            if is_total_row(row):
                parsed = _number(_cell(row, column))
                if parsed is not None:
                    table_scores.append((parsed, row.cell(column).span))
    if len(table_scores) != 1:
        return
    (value, decimals, _), span = table_scores[0]
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    for number, text in enumerate(report.lines, 1):
        if number in table_lines or "分" not in text:
            continue
        for match in _SCORE_STATEMENT.finditer(text):
            stated = Decimal(match["score"])
            stated_decimals = iv.decimals_of(stated)
            if _meet(iv.of_number(stated, stated_decimals), iv.of_number(value, decimals)):
                continue
            start, end = match.span("score")
            prose_span = Span(number, start, end + 1)
            table_shown = fmt.number(value, decimals) + "分"
            prose_shown = match["score"] + "分"
            if number < span.line:
                args = {"name": "自评总分", "first": prose_shown, "first_line": str(number), "later": table_shown}
                mark = span
            else:
                args = {"name": "自评总分", "first": table_shown, "first_line": str(span.line), "later": prose_shown}
                mark = prose_span
            yield Hit(mark, args | {"diff": fmt.number(abs(stated - value), max(decimals, stated_decimals)) + "分"})


# --------------------------------------------------------------------------


def _spending_listed_later(report: Report, spending: re.Pattern) -> Iterable[Hit]:
    """项目支出X on one line, its projects listed on the lines after it (项目支出包括：A…，B…):
    the list restates the total, so a wrong sum is marked on the list, the later statement."""
    for breakdown in report.breakdowns:
        if not (listed_later(breakdown, spending) and wrong_sum(breakdown, "interval", Decimal(0), _PARTIAL_SHORTFALL)):
            continue
        args = totals_args(breakdown)
        first, last = breakdown.parts[0].amount.span, breakdown.parts[-1].amount.span
        mark = Span(first.line, first.start, last.end) if last.line == first.line and last.end > first.start else first
        yield Hit(mark, args | {"first_line": str(breakdown.total.span.line), "count": str(len(breakdown.parts))},
                  variant="project_sum")


#: parts covering less than 75% of the total are a partial list (as the totals rule's default)
_PARTIAL_SHORTFALL = Decimal("0.25")


def check_consistency(report: Report, params) -> Iterable[Hit]:
    # one statement found by two mechanisms (项目总预算 as a document quantity and as the
    # project's funds; a count by the older and the newer list check) is reported once
    seen: set[tuple[str, int]] = set()
    for hit in _all_hits(report, params):
        key = (hit.variant, hit.span.line if hit.span else 0)
        if key not in seen:
            seen.add(key)
            yield hit


def _all_hits(report: Report, params) -> Iterable[Hit]:
    patterns = params["quantities"]
    quantities = _quantities(report, patterns)
    yield from _document_quantities(quantities)
    yield from _carry_over(quantities, params["carry_over"])
    if params.get("check_year", True):
        yield from _wrong_years(report, patterns, quantities)
    yield from _projects(report)
    yield from _prose_vs_table(report, int(params["min_shared"]), params["generic_rates"])
    yield from _prose_percents(report, int(params["min_shared"]), params["generic_rates"])
    yield from _project_funds(report, params["project_funds"], Decimal(str(params.get("near_miss", "0.2"))))
    yield from _funds_vs_prose(report)
    yield from _rate_rows(report)
    yield from _execution_rates_restated(report)
    yield from _money_tables_vs_prose(report, quantities)
    if params.get("restated_counts", True):
        yield from _restated_counts(report, set(params.get("generic_measures") or ()))
    measures = set(params.get("list_measures") or ())
    yield from _count_lists(report, measures)
    yield from _items_before(report)
    yield from _project_lists(report)
    yield from _listed_items(report, measures, params["project_spending"])
    yield from _spending_listed_later(report, params["project_spending"])
    yield from _score_statements(report)
