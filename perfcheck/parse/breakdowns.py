"""Totals and their parts: 其中 / 包括 / 具体为 clauses, bracketed splits,
budget adjustments and 合计 rows of tables.

The scope of a 其中 is read the way a reviewer reads it: the total is the
last figure before the marker that is not a comparison (较上年…增加 is no
total); its parts are the figures after it up to the end of the sentence,
minus those that a nested 其中 / 具体为 / bracket claims.  When the text
allows more than one reading (parts separated by ；, the last part in the
next sentence, another figure before the marker as the total) the reading
whose parts add up is taken: only a breakdown that fits no reading is a
fault.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from typing import Iterable, Optional, Sequence

from ..model import Amount, Breakdown, Part, Row, Span, Table
from .clauses import end_after, start_before
from .numbers import NUMBER_IN_CELL, parse_arabic
from .tables import is_total_row

#: words that open a list of parts
_MARKER = re.compile(r"其中[：:]?|包括[：:]?|具体为[：:]?|具体包括[：:]?|明细为[：:]?|分别为[：:]"
                     r"|(?:资金)?来源(?:为|是|包括)?[：:]|构成(?:为|是|如下)?[：:]"
                     r"|共[\d一二三四五六七八九十]+(?:个|项)(?:项目|子项目)?[，,]?[：:]")
#: a figure that compares with another year or says a change is no total and no part
COMPARISON = re.compile(r"较|上年|同比|比去年|增加|减少|增长|下降|增幅|降幅|增减|提高|降低")
#: words that make a list of parts partial
_PARTIAL_START = re.compile(r"^(?:主要|部分|重点|大部分|多数|仅|含)")
_SENTENCE_END = "。！？!?"


def _column(amount: Amount) -> int:
    return amount.span.start


def _in(amounts: Sequence[Amount], low: int, high: int) -> Sequence[Amount]:
    """The amounts (in column order) starting at columns low..high-1, found by bisection."""
    return amounts[bisect_left(amounts, low, key=_column):bisect_left(amounts, high, key=_column)]


def holds(total: Amount, parts: Sequence[Amount], subtract: Sequence[bool] = ()) -> bool:
    """Σ parts equals the total within the rounding of every figure read at the
    total's precision (a figure written as 0 is exactly zero)."""
    allowance = total.half_unit_yuan
    half = allowance
    computed = Decimal(0)
    for index, part in enumerate(parts):
        sign = -1 if index < len(subtract) and subtract[index] else 1
        computed += sign * part.yuan
        if not part.is_zero:
            allowance += half
    if total.is_zero:
        allowance -= half
    return abs(computed - total.yuan) <= allowance


@lru_cache(maxsize=256)
def _depths(line: str) -> tuple[int, ...]:
    """Bracket depth at each column (（ and ( open, ） and ) close)."""
    depth = 0
    out = []
    for ch in line:
        if ch in "）)":
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in "（(":
            depth += 1
    return tuple(out)


@lru_cache(maxsize=256)
def _sentences(line: str) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    for index, ch in enumerate(line):
        if ch in _SENTENCE_END:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(line):
        spans.append((start, len(line)))
    return tuple(spans)


def _is_comparison(amount: Amount) -> bool:
    return bool(COMPARISON.search(amount.label))


#: a ceiling or a floor (控制在年初预算15.00万元以内) and money not spent (未支出的146.54万元)
#: are said of the total, not parts of it
_BOUND_BEFORE = re.compile(r"(?:控制在|不超过|不高于|不低于|不少于|低于|高于|少于|多于)[^，,；;。]{0,8}$")
_BOUND_AFTER = re.compile(r"^(?:以内|以下|以上|之内|范围内)")
_UNSPENT = re.compile(r"^(?:未|尚未|仍未|剩余)")


def _not_a_part(line: str, amount: Amount) -> bool:
    if _UNSPENT.search(amount.label) or _BOUND_AFTER.match(line, amount.span.end):
        return True
    clause_start = start_before(line, amount.span.start, "，,；;。：:")
    return bool(_BOUND_BEFORE.search(line[clause_start:amount.span.start]))


def _partial(line: str, region_start: int, parts: list[Amount]) -> bool:
    head = line[region_start:parts[0].span.start] if parts else ""
    if _PARTIAL_START.search(head.strip("：: ")):
        return True
    for part in parts:
        after = line[part.span.end:part.span.end + 3]
        if after.startswith("等") or after.startswith("左右"):
            return True
    if parts:
        # "…，其余用于日常运转": the rest named with no figure
        end = end_after(line, parts[-1].span.end, _SENTENCE_END)
        if _REST_UNSTATED.search(line, parts[-1].span.end, end) and not _HAS_DIGIT.search(line, parts[-1].span.end, end):
            return True
    return False


_REST_UNSTATED = re.compile(r"[，,；;]\s*(?:其余|剩余|余下|另有|此外|其他)")
_HAS_DIGIT = re.compile(r"\d")


def _choose(total_candidates: list[Amount], readings: list[list[Amount]]) -> tuple[Amount, list[Amount]]:
    """The first (total, parts) reading that adds up; else the default one."""
    for parts in readings:
        for total in total_candidates:
            if len(parts) >= 2 and holds(total, parts):
                return total, parts
    return total_candidates[0], readings[0]


def _line_breakdowns(line: str, amounts: list[Amount]) -> Iterable[Breakdown]:
    if not amounts:
        return
    depth = _depths(line)
    sentences = _sentences(line)

    sentence_starts = [start for start, _ in sentences]

    def sentence_of(column: int) -> int:
        return max(0, min(bisect_right(sentence_starts, column) - 1, len(sentences) - 1))

    # bracketed splits right after a figure: 财政拨款收入2,305.63万元（一般…2,185.63万元，政府性基金…120.00万元）
    claimed: set[int] = set()
    for index, amount in enumerate(amounts):
        end = amount.span.end
        if end < len(line) and line[end] in "（(":
            close = _closing(line, end)
            inner = [a for a in _in(amounts, end + 1, close) if depth[a.span.start] == depth[end] + 1]
            inner = [a for a in inner if not _is_comparison(a)]
            if not inner:
                continue
            claimed.update(id(a) for a in inner)
            opening = line[end + 1:inner[0].span.start]
            exhaustive = len(inner) >= 2 and not _partial(line, end + 1, inner) and not opening.startswith("含")
            yield Breakdown(amount, tuple(Part(a.label, a) for a in inner), exhaustive, "bracket")

    markers = [m for m in _MARKER.finditer(line) if depth[m.start()] == 0]
    for position, marker in enumerate(markers):
        s_index = sentence_of(marker.start())
        s_start, s_end = sentences[s_index]
        before = [a for a in _in(amounts, s_start, marker.start()) if depth[a.span.start] == 0
                  and not _is_comparison(a)]
        if not before and not line[s_start:marker.start()].strip(" ，,"):
            # 其中 opens its sentence: the total closes the previous one
            if s_index > 0:
                p_start, p_end = sentences[s_index - 1]
                before = [a for a in _in(amounts, p_start, p_end) if depth[a.span.start] == 0
                          and not _is_comparison(a)]
        if not before:
            continue
        nested = position > 0 and sentence_of(markers[position - 1].start()) == s_index
        # inside a list whose items are split by ； (共4个项目：…；… / 按支出功能分类，…；…) a 其中
        # speaks for its own item only
        in_list = bool(_LIST_INTRO.search(line[s_start:before[-1].span.start])) if before else False
        region_end = s_end
        if nested or in_list:
            semicolon = line.find("；", marker.end(), s_end)
            if semicolon != -1:
                region_end = semicolon
        if position + 1 < len(markers) and markers[position + 1].start() < region_end:
            # a later marker opens its own list; its figures are not ours when nested inside ours
            pass
        inner_claims = _nested_claims(line, islice(markers, position + 1, None), amounts, depth, region_end, sentences, sentence_of)
        region_end = _listy_end(line, marker.end(), region_end, amounts)
        region_end = _before_a_rate(line, marker.end(), region_end)
        parts = [a for a in _in(amounts, marker.end(), region_end) if depth[a.span.start] == 0
                 and id(a) not in inner_claims and not _is_comparison(a) and not _not_a_part(line, a)]
        if not parts:
            continue
        readings = [parts]
        semicolon = line.find("；", marker.end(), region_end)
        if semicolon != -1:
            readings.append([a for a in parts if a.span.start < semicolon])
        if s_index + 1 < len(sentences):
            n_start, n_end = sentences[s_index + 1]
            following = [a for a in _in(amounts, n_start, n_end) if depth[a.span.start] == 0
                         and not _is_comparison(a) and not _not_a_part(line, a)]
            for count in range(1, len(following) + 1):
                readings.append(parts + following[:count])
        totals = list(reversed(before))
        split = list(_by_kind(totals, parts))
        if split:
            # 预算200，实际支出190。其中：A预算120，实际支出115；B预算80，实际支出70: two parallel sums
            for total, chosen in split:
                yield Breakdown(total, tuple(Part(a.label, a) for a in chosen),
                                not _partial(line, marker.end(), chosen), "qizhong")
            continue
        total, chosen = _choose(totals, readings)
        exhaustive = len(chosen) >= 2 and not _partial(line, marker.end(), chosen)
        yield Breakdown(total, tuple(Part(a.label, a) for a in chosen), exhaustive, "qizhong")


#: what a figure is: a budget or a spending (a 其中 may list both for each part)
_KINDS = (("budget", re.compile(r"预算|安排|下达|计划")), ("spending", re.compile(r"支出|执行数|执行金额|使用|拨付")))


def _kind_of(label: str) -> Optional[str]:
    for name, pattern in _KINDS:
        if pattern.search(label):
            return name
    return None


def _other_kind(total: Amount, parts: list[Amount]) -> bool:
    """Every part is money of another kind than the total (budgets listed under a spending)."""
    kind = _kind_of(total.label)
    kinds = {_kind_of(a.label) for a in parts}
    return kind is not None and None not in kinds and kind not in kinds


def _by_kind(totals: list[Amount], parts: list[Amount]) -> Iterable[tuple[Amount, list[Amount]]]:
    """Parts of two kinds, each kind twice or more, each with a total of its kind: one sum per kind."""
    kinds = [_kind_of(a.label) for a in parts]
    if None in kinds or len(set(kinds)) < 2:
        return
    for kind in dict.fromkeys(kinds):
        same = [a for a, k in zip(parts, kinds) if k == kind]
        total = next((a for a in totals if _kind_of(a.label) == kind), None)
        if total is None or len(same) < 2:
            return
    for kind in dict.fromkeys(kinds):
        yield (next(a for a in totals if _kind_of(a.label) == kind), [a for a, k in zip(parts, kinds) if k == kind])


_LIST_INTRO = re.compile(r"[：:]|按.{0,12}分类")
_CLAUSE_PUNCT = re.compile(r"[，,、：:]")


def _listy_end(line: str, start: int, end: int, amounts: list[Amount]) -> int:
    """Where a list of parts stops: a clause after ； continues it only when it
    is a bare item (公务接待费4.12万元), not a new statement (争取…项目14个、额度…)."""
    semicolon = line.find("；", start, end)
    while semicolon != -1:
        following = _in(amounts, semicolon + 1, end)
        if not following:
            return end
        clause = line[semicolon + 1:following[0].span.start]
        if _CLAUSE_PUNCT.search(clause):
            return semicolon
        semicolon = line.find("；", semicolon + 1, end)
    return end


_PERCENT_SIGN = re.compile(r"\d\s?[%‰]")
_PART_RATE = re.compile(r"占|比重|比例|较|同比|比上年|增长|下降|增加|减少|提高|降低|增幅|降幅")


def _before_a_rate(line: str, start: int, end: int) -> int:
    """A list of parts ends where the sentence turns to a rate of the whole (…，预算执行率94.47%，
    结余47.54万元…); a share or a change of one part (占40%, 较上年增长5%) stays inside it."""
    for match in _PERCENT_SIGN.finditer(line, start, end):
        clause_start = max(line.rfind(ch, start, match.start()) for ch in "，,；;（(") + 1
        if clause_start <= start or _PART_RATE.search(line, clause_start, match.start()):
            continue
        if _depths(line)[match.start()] > 0:
            continue  # a rate in brackets speaks of the part before it
        return clause_start - 1
    return end


def _nested_claims(line, later_markers, amounts, depth, region_end, sentences, sentence_of) -> set[int]:
    """Figures that a later marker inside our region lists (they are sub-parts, not ours)."""
    claims: set[int] = set()
    for marker in later_markers:
        if marker.start() >= region_end:
            break
        s_index = sentence_of(marker.start())
        s_end = sentences[s_index][1]
        stop = line.find("；", marker.end(), s_end)
        stop = s_end if stop == -1 else stop
        for amount in _in(amounts, marker.end(), stop):
            if depth[amount.span.start] == 0:
                claims.add(id(amount))
    return claims


def _closing(line: str, open_at: int) -> int:
    depth = 0
    for index in range(open_at, len(line)):
        if line[index] in "（(":
            depth += 1
        elif line[index] in "）)":
            depth -= 1
            if depth == 0:
                return index
    return len(line)


# --------------------------------------------------------------------------
# 全年预算 = 年初预算 + 调增 − 调减

_INITIAL = re.compile(r"年初预算")
_FULL = re.compile(r"全年预算|调整后预算|预算调整数|调整后的预算")
_ADD = re.compile(r"调增|追加")
_CUT = re.compile(r"调减|核减")


def _adjustments(line: str, amounts: list[Amount]) -> Iterable[Breakdown]:
    for s_start, s_end in _sentences(line):
        here = list(_in(amounts, s_start, s_end))
        initial = next((a for a in here if _INITIAL.search(a.label) and not _FULL.search(a.label)), None)
        full = next((a for a in here if _FULL.search(a.label)), None)
        if initial is None or full is None or full.span.start < initial.span.start:
            continue
        changes = [a for a in here if initial.span.start < a.span.start < full.span.start
                   and (_ADD.search(a.label) or _CUT.search(a.label)) and not COMPARISON.search(a.label.replace("增加", ""))]
        if not changes:
            continue
        parts = [initial] + changes
        subtract = [False] + [bool(_CUT.search(a.label)) for a in changes]
        yield Breakdown(full, tuple(Part(a.label, a) for a in parts), True, "budget-adjustment", tuple(subtract))


# --------------------------------------------------------------------------
# tables: a 合计/总额 row with 其中 rows under it, or a 合计 row closing a list

_MONEY_UNIT = re.compile(r"亿元|万元|千元|元")


def _table_unit(table: Table) -> str:
    text = table.caption + " " + " ".join(cell.text for cell in table.header.cells)
    found = _MONEY_UNIT.search(text)
    return found.group() if found else "元"


def _cell_amount(row: Row, column: int, unit: str) -> Optional[Amount]:
    cell = row.cell(column)
    if cell is None:
        return None
    match = NUMBER_IN_CELL.match(cell.text)
    if not match or (match.group(2) and match.group(2) in "%‰"):
        return None
    value, decimals = parse_arabic(match.group(1))
    cell_unit = match.group(2) or unit
    label = row.cells[0].text.strip() if row.cells else ""
    return Amount(value, cell_unit, decimals, Span(cell.span.line, cell.span.start, cell.span.end), cell.text.strip(), label)


def _money_columns(table: Table) -> list[int]:
    roles = table.columns
    if "score" in roles and ("level1" in roles or "level3" in roles):
        return []  # an indicator table: its 总分 row is arithmetic, not a sum of money
    columns = [index for role, index in roles.items() if role in ("initial_budget", "full_budget", "executed")]
    if not columns:
        width = len(table.header.cells)
        columns = list(range(1, width))
    return sorted(columns)


_SUBTOTAL = re.compile(r"^(?:小计|小\s*计)")


def _is_subtotal(row: Row, first_money: int) -> bool:
    """A 小计 row: one of its label cells (those before its first figure) says so, whatever
    the first cell holds (群众文化活动 | 小计 | 60.00)."""
    for cell in row.cells:
        text = cell.text.strip()
        if NUMBER_IN_CELL.match(text):
            return False
        if _SUBTOTAL.match(text):
            return True
    return False


def _is_grand_total(row: Row, first_money: int) -> bool:
    first = row.cells[0].text.strip() if row.cells else ""
    if _is_subtotal(row, first_money):
        return False
    return is_total_row(row) or "总额" in first or "合计" in first or "总计" in first


def _starts_qizhong(row: Row) -> bool:
    return bool(row.cells) and row.cells[0].text.strip().startswith("其中")


def _column_breakdowns(total_row: Row, parts_rows: Sequence[Row], columns: list[int], unit: str) -> Iterable[Breakdown]:
    for column in columns:
        total = _cell_amount(total_row, column, unit)
        parts = [a for a in (_cell_amount(r, column, unit) for r in parts_rows) if a is not None]
        if total is None or len(parts) < 2:
            continue
        yield Breakdown(total, tuple(Part(a.label, a) for a in parts), True, "table")


_TOTAL_HEADER = re.compile(r"^(?:合计|小计|总计|总额|合计数)(?:[（(].{0,6}[)）])?$")


def _column_totals(table: Table, unit: str) -> Iterable[Breakdown]:
    """A 合计 column: each row's figure there adds up the money columns left of it."""
    header = [cell.text.strip() for cell in table.header.cells]
    total_column = next((i for i, text in enumerate(header) if i > 0 and _TOTAL_HEADER.match(text)), None)
    if total_column is None or total_column < 3:
        return
    part_columns = list(range(1, total_column))
    for row in table.rows:
        if is_total_row(row):
            continue  # the 合计 row's corner is judged down its column; a slip elsewhere shows there
        total = _cell_amount(row, total_column, unit)
        parts = [_cell_amount(row, c, unit) for c in part_columns]
        filled = [(c, a) for c, a in zip(part_columns, parts) if a is not None]
        # every part column holds money (a label column in between would not parse)
        if total is None or len(filled) < 2 or len(filled) != len(part_columns) - _label_columns(row, part_columns):
            continue
        yield Breakdown(total, tuple(Part(header[c], a) for c, a in filled), True, "table-column")


def _label_columns(row: Row, columns: list[int]) -> int:
    """Leading columns of ``row`` that hold words, not figures (项目类别 | 项目名称 | …)."""
    count = 0
    for column in columns:
        cell = row.cell(column)
        if cell is None or NUMBER_IN_CELL.match(cell.text) or not cell.text.strip():
            break
        count += 1
    return count


def _table_breakdowns(table: Table) -> Iterable[Breakdown]:
    columns = _money_columns(table)
    if not columns:
        return
    yield from _column_totals(table, _table_unit(table))
    unit = _table_unit(table)
    first_money = min(columns)
    rows = list(table.rows)
    group_start = 0  # first item row of the current 小计 group
    for index, row in enumerate(rows):
        if _is_subtotal(row, first_money):
            # a 小计 adds up the item rows since the previous 小计 (or the table's start)
            items = [r for r in rows[group_start:index] if not _starts_qizhong(r) and not _is_subtotal(r, first_money)]
            yield from _column_breakdowns(row, items, columns, unit)
            group_start = index + 1
            continue
        if not _is_grand_total(row, first_money):
            continue
        below = []
        for follower in rows[index + 1:]:
            if not any(_cell_amount(follower, c, unit) for c in columns):
                break
            if is_total_row(follower):
                break
            below.append(follower)
        if below and _starts_qizhong(below[0]):
            parts_rows = below
        elif index == 0 and len(below) >= 2 and len(below) == len(rows) - 1:
            parts_rows = below  # the 合计 row first, its parts below it to the table's end
        elif index > 0 and index == len(rows) - 1 or (index > 0 and not below):
            parts_rows = [r for r in rows[:index] if not _starts_qizhong(r)]
            subtotals = [r for r in parts_rows if _is_subtotal(r, first_money)]
            if subtotals:
                # with 小计 rows, the 合计 adds up the 小计 rows and the items outside any group
                last_subtotal = parts_rows.index(subtotals[-1])
                parts_rows = subtotals + parts_rows[last_subtotal + 1:]
        else:
            continue
        yield from _column_breakdowns(row, parts_rows, columns, unit)
        group_start = index + 1


# --------------------------------------------------------------------------
# A、B，合计C: the total after its parts

_SUM_AFTER = re.compile(r"(?:合计|共计|总计|累计|总额)(?:为|达)?$")
_SUM_WORDS = re.compile(r"(?:以上|上述|共|各项|[两二三四五六七八九十\d]+项(?:资金|经费|支出)?)?")


def _sums_after(line: str, amounts: list[Amount]) -> Iterable[Breakdown]:
    depth = _depths(line)
    for s_start, s_end in _sentences(line):
        here = [a for a in _in(amounts, s_start, s_end) if depth[a.span.start] == 0]
        for index, total in enumerate(here):
            clause_start = max(line.rfind(ch, s_start, total.span.start) for ch in "，,；;：:、") + 1
            clause = _SUM_AFTER.sub("", line[max(s_start, clause_start):total.span.start])
            if index < 2 or clause == line[max(s_start, clause_start):total.span.start] or not _SUM_WORDS.fullmatch(clause):
                continue  # "仪器2台合计288.88万元" sums its own item, not the list
            before = [a for a in here[:index] if not _is_comparison(a)]
            if len(before) < 2:
                continue
            # the parts are the figures after the last list opening (：) before the total
            opening = line.rfind("：", s_start, total.span.start)
            if opening != -1:
                before = [a for a in before if a.span.start > opening] or before
            readings = [before[-count:] for count in range(len(before), 1, -1)]
            chosen = next((parts for parts in readings if holds(total, parts)), before)
            yield Breakdown(total, tuple(Part(a.label, a) for a in chosen), len(chosen) >= 2, "sum-after")


# --------------------------------------------------------------------------
# identities stated without 其中: 基本支出 = 人员经费 + 公用经费; “三公”经费 = its three items

IDENTITIES = (
    (re.compile(r"基本支出$"), (re.compile(r"^人员经费$"), re.compile(r"^公用经费$"))),
    (re.compile(r"三公[”\"]?经费(?:实际)?(?:支出)?(?:合计|总额)?(?:为|共)?$"),
     (re.compile(r"因公出国（境）费|因公出国\(境\)费|因公出国费"), re.compile(r"公务用车购置及运行(?:维护)?费"),
      re.compile(r"公务接待费"))),
)


def _identities(line: str, amounts: list[Amount], covered: set[int]) -> Iterable[Breakdown]:
    depth = _depths(line)
    top = [a for a in amounts if depth[a.span.start] == 0 and not _is_comparison(a)]
    for total_pattern, part_patterns in IDENTITIES:
        for index, total in enumerate(top):
            # the words right before the figure, quotes included (“三公”经费支出)
            named = line[max(0, total.span.start - len(total.label) - 4):total.span.start]
            if id(total) in covered or not total_pattern.search(named):
                continue
            later = top[index + 1:]
            parts = []
            for pattern in part_patterns:
                found = next((a for a in later if pattern.search(a.label)), None)
                if found is None:
                    break
                parts.append(found)
            if len(parts) == len(part_patterns):
                yield Breakdown(total, tuple(Part(a.label, a) for a in parts), True, "identity")
            break


# --------------------------------------------------------------------------
# 支出X万元，其中： followed by one part a line (1．… / （1）… / 一是…)

_OPENS_LIST = re.compile(r"(?:其中|包括|具体为|具体如下|明细如下|分别为)[：:]?\s*$")
_ITEM_LINE = re.compile(r"^\s*(?:\d{1,2}\s*[．.、]|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十][）)]|[①-⑳]|[一二三四五六七八九十]是|[-•·])")


def _listed_on_lines(lines, by_line: dict, table_lines: set) -> Iterable[Breakdown]:
    for number, amounts in by_line.items():
        line = lines[number - 1]
        if number in table_lines or not _OPENS_LIST.search(line):
            continue
        depth = _depths(line)
        totals = [a for a in amounts if depth[a.span.start] == 0 and not _is_comparison(a)]
        if not totals:
            continue
        head = totals[-1].label[-2:]
        parts = []
        following = number + 1
        while following <= len(lines) and _ITEM_LINE.match(lines[following - 1]):
            here = [a for a in by_line.get(following, ()) if not _is_comparison(a)]
            if not here:
                break  # the list ends at a line with no figure (the next heading)
            if len(here) > 1:
                # 全年预算…，实际支出…: the part is the figure of the total's kind (支出 for 项目支出)
                here = [a for a in here if a.label.endswith(head)]
            if len(here) != 1:
                parts = []  # no telling which figure is the part
                break
            parts.append(here[0])
            following += 1
        if not parts:
            continue
        total, chosen = _choose(list(reversed(totals)), [parts])
        exhaustive = len(chosen) >= 2 and not any(lines[p.span.line - 1][p.span.end:p.span.end + 1] == "等" for p in chosen)
        yield Breakdown(total, tuple(Part(a.label, a) for a in chosen), exhaustive, "qizhong-lines")


# --------------------------------------------------------------------------
# 1．甲…100万元； 2．乙…50万元； 以上合计150万元: the sum on the line after the items

_SUM_LINE = re.compile(r"^\s*(?:以上|上述)(?:[\d一二三四五六七八九十两]+(?:项|个))?(?:资金|经费|支出|项目)?(?:合计|共计|总计|累计)(?:为|达)?\s*$")


def _sums_below(lines, by_line: dict, table_lines: set) -> Iterable[Breakdown]:
    for number, amounts in by_line.items():
        if number in table_lines or len(amounts) != 1 or number < 3:
            continue
        line = lines[number - 1]
        total = amounts[0]
        if not _SUM_LINE.match(line[:total.span.start]):
            continue
        parts = []
        above = number - 1
        while above >= 1 and _ITEM_LINE.match(lines[above - 1]) and above not in table_lines:
            here = [a for a in by_line.get(above, ()) if not _is_comparison(a)]
            if not here:
                break  # the item run starts below a line with no figure (its heading)
            if len(here) > 1:
                parts = []
                break  # no telling which figure of the item is summed
            parts.append(here[0])
            above -= 1
        parts.reverse()
        if len(parts) >= 2:
            exhaustive = not any(lines[p.span.line - 1][p.span.end:p.span.end + 1] == "等" for p in parts)
            yield Breakdown(total, tuple(Part(a.label, a) for a in parts), exhaustive, "sum-below")


# --------------------------------------------------------------------------
# 基本支出中，人员经费…，公用经费…: the parts in a sentence of their own, the total
# stated just before (same line or the line before) under the name the sentence opens with

#: how many sentences back a named list looks for its total
_NAMED_REACH = 4
_SUM_WORD_BEFORE = re.compile(r"(?:合计|共计|总计|小计)(?:为|达)?\s*$")
_NAMED_OPENING = re.compile(r"(?:在|从)?(?P<name>[^\d，,。；;：:、（）()“”\s]{2,16}?)(?:中|包括|构成为|组成为)[，,：:]?")
_NOT_A_NAME = re.compile(r"其$|过程$|工作$|实施$|执行$|当$|期间$")


def _named_total(name: str, candidates: Sequence[Amount]) -> Optional[Amount]:
    """The last amount whose label is ``name`` (or ends with it after a year or scope word)."""
    for amount in reversed(candidates):
        label = amount.label
        if label == name or (label.endswith(name) and len(name) >= 4):
            return amount
    return None


def _named_lists(lines, by_line: dict, table_lines: set) -> Iterable[Breakdown]:
    for number, amounts in by_line.items():
        if number in table_lines or len(amounts) < 2:
            continue
        line = lines[number - 1]
        depth = _depths(line)
        sentences = _sentences(line)
        for s_index, (s_start, s_end) in enumerate(sentences):
            opening = _NAMED_OPENING.match(line, s_start)
            if not opening or _NOT_A_NAME.search(opening["name"]):
                continue
            parts = [a for a in _in(amounts, opening.end(), s_end) if depth[a.span.start] == 0]
            nested = _MARKER.search(line, opening.end(), s_end)
            if nested:
                parts = [a for a in parts if a.span.start < nested.start()]
            parts = [a for a in parts if not _is_comparison(a) and not _not_a_part(line, a)]
            if len(parts) < 2 or any(_SUM_WORD_BEFORE.search(line, max(0, a.span.start - 8), a.span.start) for a in parts):
                continue  # …，合计X: the sentence states its own sum, judged as such
            # the total stands in the sentences just before (its paragraph), or on the line before
            back = sentences[max(0, s_index - _NAMED_REACH)][0]
            earlier = [a for a in _in(amounts, back, s_start) if depth[a.span.start] == 0 and not _is_comparison(a)]
            if s_index <= _NAMED_REACH and number - 1 not in table_lines:
                earlier = [a for a in by_line.get(number - 1, ()) if not _is_comparison(a)] + earlier
            total = _named_total(opening["name"], earlier)
            if total is None or _other_kind(total, parts):
                continue
            exhaustive = not _partial(line, opening.end(), parts)
            yield Breakdown(total, tuple(Part(a.label, a) for a in parts), exhaustive, "named")


# --------------------------------------------------------------------------
# 收入X万元，由A…、B…构成 / 支出X万元。按经济分类，A…，B…: lists with no 其中

_COMPOSED = re.compile(r"(?P<lead>[，,]?\s*(?P<partial>主要)?由)(?P<body>[^。；;！？]{2,400}?)(?:构成|组成)")
_BY_CLASS = re.compile(r"按(?:支出|收入)?(?:功能|经济|资金来源|支出功能|支出经济|用途|性质)?(?:分类|科目|划分)(?:看|来看|统计)?[，,：:]")
_CLASS_KIND = re.compile(r"(支出|收入)")


def _composed_of(line: str, amounts: list[Amount]) -> Iterable[Breakdown]:
    depth = _depths(line)
    for match in _COMPOSED.finditer(line):
        index = bisect_left(amounts, match.start(), key=_column)
        before = [a for a in amounts[max(0, index - 1):index] if a.span.end <= match.start() and depth[a.span.start] == 0]
        if not before or line[before[-1].span.end:match.start("lead")].strip("，, ") or _is_comparison(before[-1]):
            continue  # the total stands right before 由
        parts = [a for a in _in(amounts, match.start("body"), match.end("body")) if depth[a.span.start] == 0
                 and not _is_comparison(a) and not _not_a_part(line, a)]
        if len(parts) < 2:
            continue
        exhaustive = not match["partial"] and not _partial(line, match.start("body"), parts)
        yield Breakdown(before[-1], tuple(Part(a.label, a) for a in parts), exhaustive, "composed")


def _after_marker(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Column ranges that a 其中 / 包括 … inside start..end lists (up to its ； or the end)."""
    ranges = []
    for marker in _MARKER.finditer(line, start, end):
        stop = line.find("；", marker.end(), end)
        ranges.append((marker.start(), end if stop == -1 else stop))
    return ranges


def _inside_any(column: int, ranges: list[tuple[int, int]]) -> bool:
    return any(low <= column < high for low, high in ranges)


def _class_lists(lines, by_line: dict, table_lines: set) -> Iterable[Breakdown]:
    """A sentence opening with 按…分类 lists the parts of the 支出 / 收入 stated before it
    (same line or the line before): the figure of that kind that the parts add up to, else
    the first one, never a part of another list."""
    for number, amounts in by_line.items():
        if number in table_lines or len(amounts) < 2:
            continue
        line = lines[number - 1]
        depth = _depths(line)
        for s_start, s_end in _sentences(line):
            opening = _BY_CLASS.search(line, s_start, s_end)
            if not opening or line[s_start:opening.start()].strip() and line[opening.start() - 1] not in "，,":
                continue  # 按…分类 opens the sentence or a clause of it
            nested = _after_marker(line, opening.end(), s_end)
            parts = [a for a in _in(amounts, opening.end(), s_end) if depth[a.span.start] == 0
                     and not _is_comparison(a) and not _not_a_part(line, a) and not _inside_any(a.span.start, nested)]
            if len(parts) < 2:
                continue
            kinds = [k for a in parts for k in _CLASS_KIND.findall(a.label)]
            if not kinds:
                continue
            kind = max(set(kinds), key=kinds.count)
            candidates = []
            if number - 1 not in table_lines and number > 1:
                candidates += _headline_figures(lines[number - 2], by_line.get(number - 1, []), len(lines[number - 2]))
            candidates += _headline_figures(line, amounts, opening.start())
            candidates = [a for a in candidates if a.label.endswith(kind)]
            if not candidates:
                continue
            total = next((a for a in reversed(candidates) if holds(a, parts)), candidates[0])
            yield Breakdown(total, tuple(Part(a.label, a) for a in parts), not _partial(line, opening.end(), parts),
                            "by-class")


def _headline_figures(line: str, amounts: Sequence[Amount], end: int) -> list[Amount]:
    """Figures of the few sentences before column ``end`` that are no part of a list (not after
    其中 / 按…分类 in their sentence)."""
    depth = _depths(line)
    found = []
    sentences = _sentences(line)
    last = bisect_right([start for start, _ in sentences], end - 1) if end > 0 else 0
    for s_start, s_end in sentences[max(0, last - _NAMED_REACH):last]:
        listed = _after_marker(line, s_start, s_end)
        opening = _BY_CLASS.search(line, s_start, s_end)
        if opening:
            listed.append((opening.start(), s_end))
        found += [a for a in _in(amounts, s_start, min(s_end, end)) if depth[a.span.start] == 0
                  and not _is_comparison(a) and not _inside_any(a.span.start, listed)]
    return found


def find_breakdowns(lines: tuple[str, ...], figures, tables: tuple[Table, ...]) -> tuple[Breakdown, ...]:
    """Every total with its parts, prose first then tables, in document order."""
    by_line: dict[int, list[Amount]] = {}
    for amount in figures.amounts:
        by_line.setdefault(amount.span.line, []).append(amount)
    table_lines = {row.line for table in tables for row in (table.header, *table.rows)}
    found: list[Breakdown] = []
    for number, amounts in by_line.items():
        if number in table_lines or len(amounts) < 2 and not _MARKER.search(lines[number - 1]):
            continue
        line = lines[number - 1]
        here = list(_line_breakdowns(line, amounts))
        covered = {id(b.total) for b in here if b.exhaustive}
        here.extend(_sums_after(line, amounts))
        here.extend(_identities(line, amounts, covered))
        here.extend(_adjustments(line, amounts))
        here.extend(_composed_of(line, amounts))
        found.extend(here)
    found.extend(_listed_on_lines(lines, by_line, table_lines))
    found.extend(_named_lists(lines, by_line, table_lines))
    found.extend(_sums_below(lines, by_line, table_lines))
    found.extend(_class_lists(lines, by_line, table_lines))
    for table in tables:
        found.extend(_table_breakdowns(table))
    found.sort(key=lambda b: (b.total.span.line, b.total.span.start))
    return tuple(found)
