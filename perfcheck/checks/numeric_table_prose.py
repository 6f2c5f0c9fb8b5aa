"""consistency of the prose with the tables.

- an indicator row (三级指标 | 年度指标值 | 实际完成值) against the prose figure
  of the same name, or of its head named in the same sentence (全年结案率 …
  案件), or money of the same name (成本指标);
- the 自评表's funds row (年度资金总额) and its 预算执行率 row against the
  prose, and a project report's execution rate stated twice;
- a plain money table (收入项目 | 金额) against the prose figures of the same
  names, its 合计 against 本年收入/本年支出.
A table is compared with the prose around it, up to the tables before and
after it, so a long report with a table per project stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from attrs import frozen

from .. import format as fmt
from ..model import UNIT_FACTORS, Amount, Count, Percent, Report, Span
from ..parse.breakdowns import COMPARISON
from ..parse.clauses import start_before
from . import Hit
from . import numeric_intervals as iv
from .numeric_base import _cell, _number, _shared
from .numeric_statements import (
    _NAME_NOISE, _PART_OF_YEAR, Figure, _in_goals, _is_target, _meet, _restated, _show, _the_years,
    _this_year_statement, report_year,
)


_DIFFERENCE = re.compile(r"(?:(?<!不)超过|超出|(?<!不)低于|(?<!不)高于|相差|差|多|少|提前|延长|缩短|延迟)(?:了)?(?:年度)?(?:目标|计划|预期)?(?:值)?$")


_NAME_TAIL = re.compile(r"(?:人数|个数|户数|次数|数量|数)$")


def _same_quantity(name: str, label: str, min_shared: int) -> bool:
    """Two names of one quantity: a long common core, and nothing in the table's
    name (新认定, 有效期内 …) that the prose leaves out."""
    name = _NAME_TAIL.sub("", _NAME_NOISE.sub("", name))
    label = _NAME_NOISE.sub("", label)
    shared = _shared(name, label)
    if shared < min_shared:
        return False
    for i in range(len(name) - shared + 1):
        core = name[i:i + shared]
        if core in label:
            rest = name[:i] + name[i + shared:]
            return all(ch in label for ch in rest)
    return False


def _indicator_tables(report: Report) -> list:
    return [table for table in report.tables
            if "level3" in table.columns and ("target" in table.columns or "actual" in table.columns)]


def _table_rows(report: Report, tables: Optional[list] = None):
    for table in _indicator_tables(report) if tables is None else tables:
        columns = table.columns
        for row in table.rows:
            name = _cell(row, columns.get("level3"))
            if len(name) < 4:
                continue
            unit = _cell(row, columns.get("unit"))
            values = {}
            for role in ("target", "actual"):
                text = _cell(row, columns.get(role))
                parsed = _number(re.sub(r"^\s*(?:≥|≤|>|<|=|不低于|不少于|不高于|不超过)", "", text))
                if parsed is not None:
                    value, decimals, cell_unit = parsed[0], parsed[1], parsed[2] or unit
                    if len(cell_unit) > 1 and cell_unit[0] in "万亿" and not cell_unit.endswith("元"):
                        # 53.8万头只: 538,000 to the nearest thousand (negative decimals keep that)
                        shift = 4 if cell_unit[0] == "万" else 8
                        value, decimals, cell_unit = value.scaleb(shift), decimals - shift, cell_unit[1:]
                    values[role] = (value, decimals, cell_unit, row.cell(columns.get(role)).span)
            if values:
                yield name, values


_FORMULA = re.compile(r"[=＝]")


_OPERATOR_AFTER = re.compile(r"\s*[÷×*/／]")


def _operand(report: Report, figure: Figure) -> bool:
    """A figure inside a formula (单台维护成本＝维护费50.60万元÷126台) is an operand, not the quantity."""
    line = report.lines[figure.span.line - 1]
    return bool(_FORMULA.search(figure.label) or _OPERATOR_AFTER.match(line, figure.span.end))


def _cell_interval(cell: tuple, figure: Figure) -> iv.Interval:
    """A table cell's rounding interval, in 元 when it is compared with money."""
    value, decimals, unit = cell[0], cell[1], cell[2]
    low, high = iv.of_number(value, decimals, exact_integers=isinstance(figure, Count))
    if isinstance(figure, Amount):
        factor = UNIT_FACTORS.get(unit)
        if factor is None:
            return (Decimal(-1), Decimal(-1))  # never meets: not comparable (filtered before)
        return (low * factor, high * factor)
    return (low, high)


def _table_number(value: Decimal, decimals: int) -> str:
    """A table figure as written: 53.8万 for a value kept in units with negative decimals."""
    if decimals >= 0:
        return fmt.number(value, decimals)
    if decimals >= -4:
        return fmt.number(value.scaleb(-4), decimals + 4) + "万"
    return fmt.number(value.scaleb(-8), decimals + 8) + "亿"


def _bigram_index(figures: Sequence) -> dict[str, list]:
    """Two-character pieces of each label -> the figures whose label holds them."""
    index: dict[str, list] = {}
    for figure in figures:
        label = figure.label
        for piece in {label[i:i + 2] for i in range(len(label) - 1)}:
            index.setdefault(piece, []).append(figure)
    return index


def _sharing(index: dict[str, list], name: str, min_shared: int) -> list:
    """Figures whose label shares ``min_shared`` consecutive characters with ``name``,
    found through the label pieces (no scan of every figure), in document order."""
    if len(name) < min_shared:
        return []
    seen: dict[int, object] = {}
    for i in range(len(name) - min_shared + 1):
        pieces = [name[j:j + 2] for j in range(i, i + min_shared - 1)]
        lists = [index.get(piece, ()) for piece in pieces]
        smallest = min(lists, key=len)
        for figure in smallest:
            if name[i:i + min_shared] in figure.label:
                seen.setdefault(id(figure), figure)
    return sorted(seen.values(), key=lambda f: (f.span.line, f.span.start))


_HEAD_MIN = 3


def _named_by_context(report: Report, name: str, figure: Figure, generic: re.Pattern) -> bool:
    """The prose names a rate by its head (全年结案率) and the rest of the row's name (案件)
    earlier in the same sentence: 案件派遣至…，全年结案率96.8% is the row 案件结案率."""
    if not isinstance(figure, Percent):
        return False
    head = _NAME_NOISE.sub("", figure.label)
    core = _NAME_NOISE.sub("", name)
    if len(head) < _HEAD_MIN or not core.endswith(head) or generic.search(head):
        return False
    line = report.lines[figure.span.line - 1]
    start = start_before(line, figure.span.start, "。！？；")
    sentence = line[start:figure.span.start]
    rest = core[:len(core) - len(head)]
    return bool(rest) and rest in sentence


def _prose_vs_table(report: Report, min_shared: int, generic: re.Pattern) -> Iterable[Hit]:
    tables = _indicator_tables(report)
    if not tables:
        return
    year = report_year(report)
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    # cheap tests here; whether a figure speaks of this year is asked of candidates only
    prose: list[Figure] = [f for f in (*report.percents, *report.counts, *report.amounts)
                           if f.label and f.span.line not in table_lines and not COMPARISON.search(f.label)]
    # a table speaks with the prose around it, up to the tables before and after it (a long
    # report with a table per project compares each table with its own text: linear)
    starts = [table.header.line for table in tables]
    gaps: list[list] = [[] for _ in range(len(tables) + 1)]
    for figure in prose:
        gaps[bisect_right(starts, figure.span.line)].append(figure)
    indexes = [_bigram_index(gap) for gap in gaps]
    # counts also by the words around them: 带动136名脱贫劳动力… names the row 带动脱贫劳动力就业人数
    contexts = [_bigram_index([_Context.of(report, f) for f in gap if isinstance(f, Count)]) for gap in gaps]
    for number, table in enumerate(tables):
        around = (indexes[number], indexes[number + 1])
        for hit in _table_against(report, table, around, min_shared, generic, contexts[number:number + 2], year):
            yield hit


#: 名 and 人 count people alike
_PEOPLE = {"名": "人"}
_WORDS_AFTER = re.compile(r"[^，,。；;：:、（）()！？\d]*")
#: the share of a row's name the words around a count must hold to name that row
_CONTEXT_SHARE = Decimal("0.75")


@frozen(slots=True)
class _Context:
    """A count with the words around it (before and after its measure) as its label."""

    label: str
    span: Span
    figure: Count

    @staticmethod
    def of(report: Report, count: Count) -> "_Context":
        line = report.lines[count.span.line - 1]
        return _Context(count.label + _WORDS_AFTER.match(line, count.span.end).group(), count.span, count)


def _named_around(report: Report, name: str, core: str, contexts: Sequence[dict], min_shared: int) -> list[Count]:
    """Counts whose words around them hold most of the row's name in one run, never one part
    of a larger count (其中…) or one item of a list, never a goal."""
    found = []
    for index in contexts:
        for context in _sharing(index, core, min_shared):
            count = context.figure
            if _shared(core, context.label) < _CONTEXT_SHARE * len(core):
                continue
            line = report.lines[count.span.line - 1]
            label_start = count.span.start - len(count.label)
            if line[max(0, label_start - 2):label_start] == "其中" or "、" in (line[label_start - 1:label_start]
                                                                            + line[count.span.end:count.span.end + 1]):
                continue
            if _in_goals(report, count):
                continue
            found.append(count)
    return found


def _table_against(report: Report, table, around: tuple, min_shared: int, generic: re.Pattern,
                   contexts: Sequence[dict] = (), year: Optional[int] = None) -> Iterable[Hit]:
    for name, values in _table_rows(report, [table]):
        candidates = []
        core = _NAME_TAIL.sub("", _NAME_NOISE.sub("", name))
        by_head = [f for index in around for f in _sharing(index, core[-_HEAD_MIN:], _HEAD_MIN)
                   if _named_by_context(report, name, f, generic)]
        by_head += _named_around(report, name, core, contexts, min_shared)
        head_ids = {id(f) for f in by_head}
        shared = [f for index in around for f in _sharing(index, core, min_shared)]
        for figure in _merge_by_place(shared, by_head):
            if _operand(report, figure) or not _this_year_statement(report, figure, year):
                continue
            is_percent = isinstance(figure, Percent)
            role = "target" if _is_target(report, figure) else "actual"
            if role not in values:
                continue
            value, decimals, unit, span = values[role]
            if is_percent != unit.startswith("%"):
                continue
            if isinstance(figure, Count) and not _PEOPLE.get(unit, unit).startswith(_PEOPLE.get(figure.measure, figure.measure)):
                continue
            if isinstance(figure, Amount) and unit not in UNIT_FACTORS:
                continue  # money against a row in another unit (元/平方米, 万人次 …)
            if _DIFFERENCE.search(figure.label) or not (
                    _same_quantity(name, figure.label, min_shared) or id(figure) in head_ids):
                continue
            candidates.append((figure, value, decimals, unit, span, is_percent))
        if not candidates:
            continue
        # per column: the text agrees when any of its mentions equals that column or the other
        # one (the other mentions are then a base value or the other column)
        conflict = None
        for role in ("target", "actual"):
            mentions = [c for c in candidates if c[4] == values[role][3]] if role in values else []
            if mentions and not any(_meet(_cell_interval(v, c[0]), iv.of_figure(c[0]))
                                    for c in mentions for v in values.values()):
                conflict = mentions[0]
                break
        if conflict is None:
            continue
        figure, value, decimals, unit, span, is_percent = conflict
        shown = _table_number(value, decimals) + ("%" if is_percent else unit)
        if figure.span.line < span.line:
            first, first_line, later, later_span = _show(figure), figure.span.line, shown, span
        else:
            first, first_line, later, later_span = shown, span.line, _show(figure), figure.span
        yield Hit(later_span, {"name": name, "first": first, "first_line": str(first_line), "later": later,
                               "diff": ""}, variant="table")


def _merge_by_place(first: list, second: list) -> list:
    merged = {id(f): f for f in (*first, *second)}
    return sorted(merged.values(), key=lambda f: (f.span.line, f.span.start))


_FUNDS_TABLE_TOTAL = re.compile(r"^(?:年度)?资金总额|^合计|^总计")


_FUNDS_ROLES = {
    "initial_budget": re.compile(r"^(?:\d{4}年度?)?(?:部门|项目|本|全年)?(?:部门|项目)?年初预算(?:数|资金)?$"),
    "full_budget": re.compile(r"^(?:\d{4}年度?)?(?:部门|项目|本)?(?:全年|调整后)(?:部门|项目)?预算(?:数|资金)?$"),
    "executed": re.compile(r"^(?:\d{4}年度?)?(?:部门|项目|本|全年)*(?:实际支出|执行数|预算执行数)$"),
}


_FUNDS_RATE = re.compile(r"^(?:\d{4}年度?)?(?:部门|项目|整体|全年|部门整体)*(?:预算)?执行率$")


def _funds_rows(report: Report):
    """(role -> (value, decimals, unit, span)) of each funds table's total row."""
    for table in report.tables:
        columns = table.columns
        if "executed" not in columns or not ("full_budget" in columns or "initial_budget" in columns):
            continue
        unit = next((u for u in ("亿元", "万元", "千元", "元") if u in table.caption + " ".join(c.text for c in table.header.cells)), "")
        for row in table.rows:
            if not _FUNDS_TABLE_TOTAL.search(_cell(row, 0)):
                continue
            values = {}
            for role in ("initial_budget", "full_budget", "executed", "rate"):
                column = columns.get(role)
                parsed = _number(_cell(row, column)) if column is not None else None
                if parsed is not None:
                    values[role] = (parsed[0], parsed[1], parsed[2] or unit, row.cell(column).span)
            yield values
            break


def _funds_vs_prose(report: Report) -> Iterable[Hit]:
    """Once one sum of the funds row is stated alike in the prose (the same entity), every
    other figure of the row stated in the prose must agree with it too."""
    rows = list(_funds_rows(report))
    if len(rows) != 1:
        return  # several funds tables: no telling which one the prose speaks of
    row = rows[0]
    table_lines = {r.line for table in report.tables for r in (table.header, *table.rows)}
    listed = {line for project in report.projects for line in range(project.body[0], project.body[1] + 1)}
    prose: dict[str, list] = {}
    year = report_year(report)
    for amount in report.amounts:
        if amount.span.line in table_lines or amount.span.line in listed or not _the_years(report, amount, year):
            continue
        for role, pattern in _FUNDS_ROLES.items():
            if pattern.search(amount.label):
                prose.setdefault(role, []).append(amount)
    for percent in report.percents:
        if percent.span.line not in table_lines and percent.span.line not in listed and _FUNDS_RATE.search(percent.label) \
                and _the_years(report, percent, year):
            prose.setdefault("rate", []).append(percent)

    def agrees(role: str, figure) -> bool:
        value, decimals, unit, _ = row[role]
        if role == "rate":
            return _meet(iv.of_number(value, decimals), iv.of_figure(figure))
        if unit not in UNIT_FACTORS:
            return True  # a cell in a unit of its own: not comparable as written
        cell = Amount(value, unit, decimals, figure.span)
        return _meet(iv.of_amount(cell), iv.of_amount(figure))

    shared = [role for role in row if prose.get(role)]
    if not any(any(agrees(role, f) for f in prose[role]) for role in shared if role != "rate"):
        return  # no sum stated alike: the table may be another entity's
    for role in shared:
        figures = prose[role]
        if any(agrees(role, f) for f in figures):
            continue
        value, decimals, unit, span = row[role]
        shown = fmt.number(value, decimals) + ("%" if role == "rate" else unit)
        figure = figures[-1]
        name = {"initial_budget": "年初预算数", "full_budget": "全年预算数", "executed": "全年执行数", "rate": "预算执行率"}[role]
        if figure.span.line < span.line:
            args = {"name": name, "first": _show(figure), "first_line": str(figure.span.line), "later": shown}
            mark = span
        else:
            args = {"name": name, "first": shown, "first_line": str(span.line), "later": _show(figure)}
            mark = figure.span
        yield Hit(mark, args | {"diff": ""}, variant="table")


def _rate_rows(report: Report) -> Iterable[Hit]:
    """The 自评表's 预算执行率 row against the rate of its funds row, else against the report's
    own execution rate in the prose (a project report, or a rate named 部门/整体): one figure, one value."""
    found = [(name, values["actual"]) for name, values in _table_rows(report)
             if _FUNDS_RATE.search(_NAME_NOISE.sub("", name)) and "actual" in values and values["actual"][2].startswith("%")]
    if len(found) != 1:
        return
    name, (actual, actual_decimals, _, actual_span) = found[0]
    rows = list(_funds_rows(report))
    if len(rows) != 1 or "rate" not in rows[0]:
        yield from _rate_row_against_prose(report, name, actual, actual_decimals, actual_span)
        return
    value, decimals, _, span = rows[0]["rate"]
    if _meet(iv.of_number(value, decimals), iv.of_number(actual, actual_decimals)):
        return
    first, later = ((span, value, decimals), (actual_span, actual, actual_decimals))
    if actual_span.line < span.line:
        first, later = later, first
    yield Hit(later[0], {"name": name, "first": fmt.percent(first[1], first[2]), "first_line": str(first[0].line),
                         "later": fmt.percent(later[1], later[2]), "diff": ""}, variant="table")


_WHOLE_RATE = re.compile(r"部门|整体")


def _execution_rates_restated(report: Report) -> Iterable[Hit]:
    """The report's own execution rate stated twice in the prose with two values (a project
    report, or a rate named 部门/整体); a rate at a point of the year (截至9月底) is another figure."""
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    listed = {line for project in report.projects for line in range(project.body[0], project.body[1] + 1)}
    year = report_year(report)
    stated = []
    for percent in report.percents:
        if percent.span.line in table_lines or percent.span.line in listed or not _FUNDS_RATE.search(percent.label):
            continue
        if not (report.kind == "project" or _WHOLE_RATE.search(percent.label)):
            continue
        line = report.lines[percent.span.line - 1]
        start = start_before(line, percent.span.start, "。！？；")
        if _PART_OF_YEAR.search(line, start, percent.span.start) or not _this_year_statement(report, percent, year):
            continue
        stated.append(percent)
    for later in stated[1:]:
        if later.span.line != stated[0].span.line and not _meet(iv.of_figure(stated[0]), iv.of_figure(later)):
            yield _restated(later.label, stated[0], later)
            return


def _rate_row_against_prose(report: Report, name: str, value: Decimal, decimals: int, span: Span) -> Iterable[Hit]:
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    listed = {line for project in report.projects for line in range(project.body[0], project.body[1] + 1)}
    stated = [p for p in report.percents if p.span.line not in table_lines and p.span.line not in listed
              and _FUNDS_RATE.search(p.label) and (report.kind == "project" or _WHOLE_RATE.search(p.label))
              and _the_years(report, p, report_year(report))]
    if not stated or any(_meet(iv.of_number(value, decimals), iv.of_figure(p)) for p in stated):
        return
    prose = stated[-1]
    shown = fmt.percent(value, decimals)
    if prose.span.line < span.line:
        args, mark = {"first": _show(prose), "first_line": str(prose.span.line), "later": shown}, span
    else:
        args, mark = {"first": shown, "first_line": str(span.line), "later": _show(prose)}, prose.span
    yield Hit(mark, args | {"name": name, "diff": ""}, variant="table")


_ROW_PREFIX = re.compile(r"^(?:其中[：:]?|[（(]?[一二三四五六七八九十\d]+[)）、.．]?)\s*")


_PROSE_PREFIX = re.compile(r"^(?:\d{4}年度?|本年度?|全年|当年)+")


def _single_money_column(table) -> Optional[int]:
    """The one column of a plain table whose cells are money (not an indicator or funds table)."""
    if table.columns.get("score") is not None or table.columns.get("executed") is not None:
        return None
    numeric: dict[int, int] = {}
    for row in table.rows:
        for index, cell in enumerate(row.cells[1:], 1):
            parsed = _number(cell.text)
            if parsed is not None and parsed[2] in ("", "元", "千元", "万元", "亿元"):
                numeric[index] = numeric.get(index, 0) + 1
    columns = [index for index, hits in numeric.items() if hits * 2 >= len(table.rows)]
    return columns[0] if len(columns) == 1 else None


def _money_column(table) -> Optional[int]:
    """The column a money table states its figures in: its only money column, or (支出项目 |
    预算数 | 决算数) the column of what was spent; never a 自评表 or its funds part."""
    single = _single_money_column(table)
    if single is not None:
        return single
    columns = table.columns
    if "score" in columns:
        return None
    if any(re.search("资金总额", _cell(row, 0)) for row in table.rows):
        return None  # the funds part of a 自评表: compared with the prose on its own
    if "executed" in columns:
        return columns["executed"]
    spent = [index for index, cell in enumerate(table.header.cells) if index and _SPENT_HEADER.search(cell.text)]
    return spent[0] if len(spent) == 1 else None


_SPENT_HEADER = re.compile(r"决算|支出数|实际支出|执行数|实际发生")


def _table_subject(caption: str) -> Optional[str]:
    """The year's quantity a money table's 合计 states, as its caption names it."""
    for words, quantity in (("项目支出", "项目支出"), ("基本支出", "基本支出"), ("收入", "本年收入"), ("支出", "本年支出")):
        if words in caption:
            return quantity
    return None


def _money_tables_vs_prose(report: Report, quantities: dict[str, list[Amount]]) -> Iterable[Hit]:
    year = report_year(report)
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    listed = {line for project in report.projects for line in range(project.body[0], project.body[1] + 1)}
    by_label: dict[str, list[Amount]] = {}
    for amount in report.amounts:
        if amount.span.line in table_lines or amount.span.line in listed or COMPARISON.search(amount.label) \
                or not _the_years(report, amount, year):
            continue
        by_label.setdefault(_PROSE_PREFIX.sub("", amount.label), []).append(amount)
    for table in report.tables:
        column = _money_column(table)
        if column is None:
            continue
        title = table.caption + " " + " ".join(c.text for c in table.header.cells)
        unit = next((u for u in ("亿元", "万元", "千元", "元") if u in title), None)
        if unit is None:
            continue  # figures in no stated unit: not comparable with the prose
        subject = _table_subject(table.caption)
        items = Decimal(0)  # the rows above the 合计, in the table's unit
        for row in table.rows:
            parsed = _number(_cell(row, column))
            if parsed is None:
                continue
            label = _ROW_PREFIX.sub("", _cell(row, 0))
            if re.match(r"^(?:合计|总计)", label):
                if abs(items - parsed[0]) > Decimal(1).scaleb(-parsed[1]) * len(table.rows):
                    continue  # a 合计 that is not its own rows' sum: the totals rule's fault, marked once
                stated = quantities.get(subject, []) if subject else []
            else:
                if not _cell(row, 0).startswith("其中"):
                    items += parsed[0]  # a 其中 row is inside the row above it
                stated = by_label.get(label, []) if len(label) >= 3 else []
            if not stated:
                continue
            cell = row.cell(column)
            figure = Amount(parsed[0], parsed[2] or unit, parsed[1], cell.span, cell.text.strip(), label)
            if any(_meet(iv.of_amount(figure), iv.of_amount(s)) for s in stated):
                continue
            prose = stated[-1]
            first, later = (prose, figure) if prose.span.line < figure.span.line else (figure, prose)
            yield _restated(label if not re.match(r"^(?:合计|总计)", label) else subject, first, later)
            break  # one slip in a table shows in its 合计 too: one mark a table
