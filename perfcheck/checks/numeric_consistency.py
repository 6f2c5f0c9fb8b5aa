"""consistency: one quantity stated twice with different values, identities
across statements, and a stated count against the items listed.

Restated figures (two statements agree when their rounding intervals meet;
the later one is marked):
- the year's quantities named by the rule (本年收入, 本年支出, 基本支出,
  项目支出, 结转结余 …), the parts of the year's 其中 included;
- a project's figures (list items, a 项目支出 list, a table of projects);
- a project report's own funds (年初预算, 预算, 资金总额, 总投资);
- the prose against the 自评表: an indicator row of the same name (or named
  by its head and its sentence), the funds row, the 预算执行率 row, rows of an
  income or spending table; a project report's execution rate restated;
- a count of the same thing stated twice (年末在编职工42人 … 全院在编职工45人).
Identities: 年初结转结余 + 本年收入 = 本年支出 + 年末结转结余 when all four are
stated.  Counts and lists: N个：A、B…, items one a line, units listed before
their count, a list of projects' spending against 项目支出.  Figures of
another year or of a point of the year (截至9月底) are never the year's.
A needed figure that is missing makes the check silent.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import Iterable, Optional, Sequence, Union

from .. import format as fmt
from ..model import UNIT_FACTORS, Amount, Count, Percent, Report, Span
from ..parse.breakdowns import COMPARISON
from ..parse.clauses import end_after, start_before
from . import Hit
from . import numeric_intervals as iv
from .numeric_arithmetic import _cell, _number, _outside_brackets, _shared
from .numeric_lists import counted_lists

Figure = Union[Amount, Count, Percent]


def _meet(a: iv.Interval, b: iv.Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _show(figure: Figure) -> str:
    if isinstance(figure, Amount):
        return fmt.amount(figure)
    if isinstance(figure, Count):
        if figure.text and not figure.text[0].isdigit() or "万" in figure.text or "亿" in figure.text:
            return figure.text  # 4.82万人次, 三个: as written
        return fmt.number(figure.value, iv.decimals_of(figure.value)) + figure.measure
    return fmt.percent(figure.value, figure.decimals)


def _restated(name: str, first: Figure, later: Figure) -> Hit:
    diff = ""
    if isinstance(first, Amount) and isinstance(later, Amount):
        decimals = max(first.decimals, fmt.decimals_in(later, first.unit)) if later.unit != first.unit else max(first.decimals, later.decimals)
        diff = fmt.money(abs(first.yuan - later.yuan), first.unit, decimals)
    elif isinstance(first, Percent) and isinstance(later, Percent):
        diff = fmt.number(abs(first.value - later.value), max(first.decimals, later.decimals)) + "个百分点"
    elif isinstance(first, Count) and isinstance(later, Count):
        diff = fmt.number(abs(first.value - later.value), 0) + later.measure
    return Hit(later.span, {"name": name, "first": _show(first), "first_line": str(first.span.line),
                            "later": _show(later), "diff": diff}, variant="default")


# --------------------------------------------------------------------------
# document-level quantities


def _label_year(label: str) -> Optional[int]:
    found = _YEAR.match(label)
    return int(found.group(1)) if found else None


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
        name = next((subject[k:] for k in range(len(subject) - 3) if subject[k:] in stated), None)
        name = name or shortened.get(subject)
        if name is None:
            continue
        first = stated[name].get(measure)
        if first is None or first.span.line >= amount.span.line:
            continue
        if not _meet(iv.of_amount(first), iv.of_amount(amount)):
            yield _restated(f"{name}{measure}", first, amount)


# --------------------------------------------------------------------------
# prose against the 自评表

_TARGET_MARK = re.compile(r"不低于|不少于|不高于|不超过|低于|高于|超过|控制在|力争|目标|计划|预计|≥|≤")
_TARGET_AFTER = re.compile(r"^(?:以上|以内|以下|及以上)")
_NAME_NOISE = re.compile(r"^(?:\d{4}年度?|全年|本年|年度|全县|全区|全市|全镇|累计|共|完成|实现|实施|新增)+|(?:达到|达|为|保持|不低于|不少于|不高于|不超过|控制在)+$")


def _is_target(report: Report, figure: Figure) -> bool:
    line = report.lines[figure.span.line - 1]
    before = line[max(0, figure.span.start - 6):figure.span.start]
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
    prose: list[Figure] = [f for f in (*report.percents, *report.counts, *report.amounts)
                           if f.span.line not in table_lines and not _operand(report, f) and f.label and not COMPARISON.search(f.label)
                           and _this_year_statement(report, f, year)]
    # a table speaks with the prose around it, up to the tables before and after it (a long
    # report with a table per project compares each table with its own text: linear)
    starts = [table.header.line for table in tables]
    gaps: list[list] = [[] for _ in range(len(tables) + 1)]
    for figure in prose:
        gaps[bisect_right(starts, figure.span.line)].append(figure)
    indexes = [_bigram_index(gap) for gap in gaps]
    for number, table in enumerate(tables):
        around = (indexes[number], indexes[number + 1])
        for hit in _table_against(report, table, around, min_shared, generic):
            yield hit


def _table_against(report: Report, table, around: tuple, min_shared: int, generic: re.Pattern) -> Iterable[Hit]:
    for name, values in _table_rows(report, [table]):
        candidates = []
        core = _NAME_TAIL.sub("", _NAME_NOISE.sub("", name))
        by_head = [f for index in around for f in _sharing(index, core[-_HEAD_MIN:], _HEAD_MIN)
                   if _named_by_context(report, name, f, generic)]
        head_ids = {id(f) for f in by_head}
        shared = [f for index in around for f in _sharing(index, core, min_shared)]
        for figure in _merge_by_place(shared, by_head):
            is_percent = isinstance(figure, Percent)
            role = "target" if _is_target(report, figure) else "actual"
            if role not in values:
                continue
            value, decimals, unit, span = values[role]
            if is_percent != unit.startswith("%"):
                continue
            if isinstance(figure, Count) and not unit.startswith(figure.measure):
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
_FUNDS_TABLE_TOTAL = re.compile(r"^(?:年度)?资金总额|^合计|^总计")


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


# --------------------------------------------------------------------------
# a table of income or spending (收入项目 | 金额) against the same items in the prose

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
        column = _single_money_column(table)
        if column is None:
            continue
        title = table.caption + " " + " ".join(c.text for c in table.header.cells)
        unit = next((u for u in ("亿元", "万元", "千元", "元") if u in title), None)
        if unit is None:
            continue  # figures in no stated unit: not comparable with the prose
        subject = "本年收入" if "收入" in table.caption else "本年支出" if "支出" in table.caption else None
        for row in table.rows:
            parsed = _number(_cell(row, column))
            if parsed is None:
                continue
            label = _ROW_PREFIX.sub("", _cell(row, 0))
            if re.match(r"^(?:合计|总计)", label):
                stated = quantities.get(subject, []) if subject else []
            else:
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


# --------------------------------------------------------------------------
# a count stated twice (年末在编职工42人 … 全院在编职工45人中)

#: words in front of a count that set its scope or time, not what is counted
_COUNT_SCOPE = re.compile(r"^(?:\d{4}年(?:度|末|底)?|全年|本年度?|年度|当年|年末|年底|截至年末|现有|实有|目前|"
                          r"全院|全局|全所|全馆|全校|全站|全队|全中心|全单位|本单位|本院|本局|单位|我单位|我局|我院|全体|"
                          r"全县|全区|全市|全镇|全乡|"
                          r"共计|共有|共|累计|合计|总计|完成|开展|实施|组织|举办|办理|共完成)+")
_STOCK = re.compile(r"年末|年底|现有|实有|目前")
_FLOW = re.compile(r"全年|本年|年度|当年|\d{4}年(?!末|底)")
_SAME_MEASURE = {"名": "人"}


def _count_core(label: str) -> tuple[str, bool, Optional[str]]:
    """(what is counted, whether a scope or time word stood in front, stock | flow | None)."""
    scope = _COUNT_SCOPE.match(label)
    words = scope.group() if scope else ""
    time = "stock" if _STOCK.search(words) else "flow" if _FLOW.search(words) else None
    return label[len(words):], bool(words), time


_GOALS = re.compile(r"目标(?:为|是|[:：])|计划|任务(?:为|是|[:：])|内容(?:包括|为|是|[:：])|预计|力争|拟")


def _in_goals(report: Report, figure: Figure) -> bool:
    """A figure of a sentence that sets goals (绩效目标为：新建…3,000亩；…)."""
    line = report.lines[figure.span.line - 1]
    start = start_before(line, figure.span.start, "。！？")
    return bool(_GOALS.search(line, start, figure.span.start))


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
        if len(core) < 2 or count.value != int(count.value) or _NAME_NOISE.sub("", core) != core:
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
        after = _AFTER_COUNT.match(line, count.span.end).group().removeprefix("中")
        measure = (_SAME_MEASURE.get(count.measure, count.measure), after)
        specific = scoped and count.measure not in generic_measures
        # the first earlier statement of the same thing: the same words; or, both with a scope
        # word (全年, 年末, 全院 …: a whole, not one occasion), the same name, or with a specific
        # measure one name ending the other (全年抽检 for 全年完成…抽检)
        keys = [("label", measure, count.label)]
        if scoped:
            keys.append(("scoped", measure, core))
        if specific:
            keys += [("suffix", measure, core)] + [("scoped", measure, core[k:]) for k in range(1, len(core) - 1)]
        earlier = _first_compatible((entry for key in keys for entry in _found(index, key)), count, time)
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


_STAFF = re.compile(r"人员$")


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


# --------------------------------------------------------------------------
# a count and its list

_LIST_AFTER = re.compile(r"\s*(?:[，,]\s*(?:分别为|分别是|分别位于|分别设在|具体为|包括|即|为|是)[：:]?|[：:])\s*")
_ITEM_STOP = re.compile(r"[。；;，,（(]")


def _count_lists(report: Report, measures: set) -> Iterable[Hit]:
    for count in report.counts:
        if measures and count.measure not in measures:
            continue
        line = report.lines[count.span.line - 1]
        intro = _LIST_AFTER.match(line, count.span.end)
        if not intro:
            continue
        stop = _ITEM_STOP.search(line, intro.end())
        body = line[intro.end(): stop.start() if stop else len(line)]
        if not body or re.search(r"等|\d", body):
            continue
        items = [item for item in body.split("、") if item.strip()]
        if len(items) < 2 and int(count.value) != 1:
            continue
        if int(count.value) == len(items):
            continue
        last = items[-1] if items else ""
        if re.search("[和及与]", last) and int(count.value) == len(items) + 1:
            continue
        yield Hit(count.span, {"name": count.label or "所列项目", "count": _show(count), "listed": str(len(items)),
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
        yield Hit(count.span, {"name": count.label or "所列单位", "count": _show(count), "listed": str(len(items)),
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
    yield from _score_statements(report)
