"""arithmetic of the tables and of scores: the 绩效自评表, funds and money
tables, and the scores and grades stated in the prose.

Tables: 得分 > 分值, the 执行率 row's score (min(rate, 100%) × 分值), reverse
(≤) indicators met but not given full marks, the report's own proportional
rule and qualitative bands, 总分 ≠ Σ 得分, 一级/二级 分值 ≠ Σ children, the
grade row, the funds part's 执行率, and a 占比 column against the 合计 row.  Prose: a total score against the scores it lists, a score
above its weight, the execution rate's score, and a grade (优/良/中/差)
against the score and the bands the report states (or the rule's defaults).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from .. import format as fmt
from ..model import Percent, Report, Row, Span, Table
from ..parse.clauses import end_after
from ..parse.numbers import ARABIC, parse_arabic
from ..parse.tables import is_total_row
from . import Hit
from . import numeric_intervals as iv
from .numeric_base import (
    _REVERSE_WORDS, _SENTENCE_END, HUNDRED, Line, _cell, _cell_span, _exact_rate, _hit, _number, _rate_hit, _rate_holds,
)


def _points(name: str) -> str:
    return r"(?P<" + name + ">" + ARABIC + r")\s*分"


_TOTAL_SCORE = re.compile(r"(?:总得分|总分|自评得分|综合得分|自评总分|评价得分)(?:为|是|：|:)?\s*" + _points("total")
                          + r"[，,；;：:（(]?\s*(?:其中|包括|分别为)[：:]?")


_PART_SCORE = re.compile(r"(?P<label>[^，,；;。：:、（）()\d]{2,20}?)(?:得分|得)(?:为)?\s*" + _points("points"))


def _prose_score_sums(line: Line) -> Iterable[Hit]:
    """总得分95.75分，其中预算执行得分9.75分，产出指标得分48分…: the parts add up to the total."""
    for match in _TOTAL_SCORE.finditer(line.text):
        end = end_after(line.text, match.end(), _SENTENCE_END)
        parts = [m for m in _PART_SCORE.finditer(line.text, match.end(), end) if "分值" not in m["label"]]
        if len(parts) < 2 or re.search(r"等|主要", line.text[match.end():end]):
            continue
        total, decimals = parse_arabic(match["total"])
        values = [parse_arabic(m["points"]) for m in parts]
        computed = sum(v for v, _ in values)
        allowance = iv.half_unit(decimals) * (1 + sum(1 for v, _ in values if v != 0))
        if abs(computed - total) <= allowance:
            continue
        shown = max([decimals] + [d for _, d in values])
        yield _hit(Span(line.number, match.start("total"), match.end("total") + 1), "总分",
                   fmt.number(total, decimals) + "分", fmt.number(computed, shown) + "分",
                   " + ".join(fmt.number(v, d) for v, d in values), fmt.number(abs(computed - total), shown) + "分",
                   variant="sum")


_SCORE_WITH_WEIGHT = re.compile(r"(?P<label>[^，,；;。：:、（）()\d]{0,20}?)得(?:分)?(?:为)?\s*(?P<score>" + ARABIC + r")\s*分"
                                r"\s*[（(]\s*(?:分值|满分|权重)(?:为)?\s*(?P<weight>" + ARABIC + r")\s*分\s*[）)]")


def _prose_scores_over(line: Line) -> Iterable[Hit]:
    """产出指标得分52分（分值50分）: a score above its weight."""
    for match in _SCORE_WITH_WEIGHT.finditer(line.text):
        score, decimals = parse_arabic(match["score"])
        weight, weight_decimals = parse_arabic(match["weight"])
        if score > weight:
            name = match["label"].strip() or "该项"
            yield Hit(Span(line.number, match.start("score"), match.end("score") + 1),
                      {"name": name, "score": fmt.number(score, decimals), "weight": fmt.number(weight, weight_decimals)},
                      variant="score_over")


_RATE_SCORE = re.compile(r"得分(?:为)?\s*(?P<score>" + ARABIC + r")\s*分")


_WEIGHT = re.compile(r"(?:分值|满分|权重)(?:为)?\s*(?P<weight>" + ARABIC + r")\s*分")


def _prose_rate_scores(line: Line, params) -> Iterable[Hit]:
    """预算执行率95.17%，得分9.25分（分值10分）: the score is min(rate, 100%) × weight."""
    for percent in line.percents:
        if not params["execution_rate_label"].search(percent.label):
            continue
        start = percent.span.end
        end = end_after(line.text, start, "。；;")
        score, weight = _RATE_SCORE.search(line.text, start, end), _WEIGHT.search(line.text, start, end)
        if not score or not weight:
            continue
        points, decimals = parse_arabic(score["score"])
        full, _ = parse_arabic(weight["weight"])
        low, high = iv.of_number(percent.value, percent.decimals)
        expected = (min(low, HUNDRED) / HUNDRED * full, min(high, HUNDRED) / HUNDRED * full)
        if iv.rounds_to(expected, points, decimals):
            continue
        computed = min(percent.value, HUNDRED) / HUNDRED * full
        shown = max(decimals, 2)
        yield _hit(Span(line.number, score.start("score"), score.end()), "执行率得分", fmt.number(points, decimals) + "分",
                   fmt.number(computed, shown) + "分", f"{fmt.percent(percent.value, percent.decimals)} × {weight['weight']}分",
                   fmt.number(abs(computed - points), shown) + "分")


_GRADE_WORDS = "优良中差"


_STATED_GRADE = re.compile(r"(?:(?:等级|评级|评定为|评价为|结果|结论|档次)[为是：:]?|属于|评为|定为)\s*[“\"「]?"
                           r"(?P<grade>[优良中差])(?:秀|好|等)?[”\"」]?(?=[^\u4e00-\u9fa5]|等|级|档|$)")


_SCORE = re.compile(r"(?:得分|总分|评分|分数)(?:为|是|：|:)?\s*(?P<score>" + ARABIC + r")\s*分")


_FLOOR = re.compile(r"(?P<low>" + ARABIC + r")\s*分?(?:（含）|\(含\))?(?:及|或)?以上(?:的)?(?:为|评为|是)?[“\"]?(?P<grade>[优良中差])")


_RANGE = re.compile(r"(?P<low>" + ARABIC + r")\s*分?(?:（含）)?\s*(?:至|到|-|－|~|～|—)\s*(?P<high>" + ARABIC + r")\s*分?(?:（含）)?(?:之间)?(?:的)?(?:为|评为|是)?[“\"]?(?P<grade>[优良中差])")


def grade_floors(text: str, defaults: dict) -> dict:
    """Lower score bound of each grade: stated bands in ``text`` override the defaults."""
    floors = {grade: Decimal(str(value)) for grade, value in defaults.items()}
    for match in _FLOOR.finditer(text):
        floors[match["grade"]] = parse_arabic(match["low"])[0]
    for match in _RANGE.finditer(text):
        floors[match["grade"]] = parse_arabic(match["low"])[0]
    return floors


def expected_grade(score: Decimal, floors: dict) -> Optional[str]:
    for grade, floor in sorted(floors.items(), key=lambda item: -item[1]):
        if score >= floor:
            return grade
    return None


def _prose_grades(line: Line, params) -> Iterable[Hit]:
    """A grade (等级为“优”) against the last score stated before it on its line, by the
    bands its sentence states (else the rule's grade_floors)."""
    text = line.text
    scores = [(m.end(), m["score"]) for m in _SCORE.finditer(text)]
    if not scores:
        return
    ends = [end for end, _ in scores]
    for match in _STATED_GRADE.finditer(text):
        index = bisect_left(ends, match.start() + 1) - 1
        if index < 0:
            continue
        score = parse_arabic(scores[index][1])[0]
        sentence_end = end_after(text, match.end(), _SENTENCE_END)
        floors = grade_floors(text[line.sentence_start(match.start()):sentence_end], params["grade_floors"])
        expected = expected_grade(score, floors)
        if expected is None or expected == match["grade"]:
            continue
        yield Hit(Span(line.number, match.start(), match.end()),
                  {"grade": match["grade"], "score": fmt.number(score, iv.decimals_of(score)), "expected": expected},
                  variant="grade")


def _scored_rows(table: Table) -> list[tuple[Row, Decimal, int, Decimal, int]]:
    """Rows of a table with a 分值/权重 and a 得分 figure (not its 总分 row)."""
    weight_col, score_col = table.columns.get("weight"), table.columns.get("score")
    found = []
    if weight_col is None or score_col is None:
        return found
    for row in table.rows:
        if is_total_row(row):
            continue
        weight, score = _number(_cell(row, weight_col)), _number(_cell(row, score_col))
        if weight is not None and score is not None:
            found.append((row, weight[0], weight[1], score[0], score[1]))
    return found


def _indicator_table(table: Table, params, earlier: Sequence = ()) -> Iterable[Hit]:
    """``earlier``: scored rows of the tables just above in the same block (a
    自评表's funds part), which its 总分 row also counts."""
    columns = table.columns
    weight_col, score_col = columns.get("weight"), columns.get("score")
    if weight_col is None or score_col is None:
        return
    data_rows: list[tuple[Row, Decimal, int, Decimal, int]] = []
    parents: list = []  # (level, index of its first child in data_rows, row, weight, score)
    total_row = None
    for row in table.rows:
        if is_total_row(row):
            total_row = row
            continue
        weight = _number(_cell(row, weight_col))
        score = _number(_cell(row, score_col))
        if weight is None or score is None:
            continue
        level = _parent_level(row, columns)
        if level:
            parents.append((level, len(data_rows), row, weight, score))
            continue
        data_rows.append((row, weight[0], weight[1], score[0], score[1]))
        name = " ".join(_cell(row, columns.get(role)) for role in ("level2", "level3"))
        if score[0] > weight[0]:
            yield Hit(_cell_span(row, score_col), {"name": _cell(row, columns.get("level3")) or name.strip(),
                                                   "score": fmt.number(score[0], score[1]),
                                                   "weight": fmt.number(weight[0], weight[1])}, variant="score_over")
            continue
        actual_text = _cell(row, columns.get("actual"))
        if params["execution_rate_label"].search(name) and actual_text.endswith("%"):
            rate = _number(actual_text)
            if rate is not None:
                low, high = iv.of_number(rate[0], rate[1])
                expected = (min(low, HUNDRED) / HUNDRED * weight[0], min(high, HUNDRED) / HUNDRED * weight[0])
                if not iv.rounds_to(expected, score[0], score[1]):
                    computed = min(rate[0], HUNDRED) / HUNDRED * weight[0]
                    yield _hit(_cell_span(row, score_col), "执行率得分", fmt.number(score[0], score[1]) + "分",
                               fmt.number(computed, max(score[1], 2)) + "分",
                               f"{fmt.percent(rate[0], rate[1])} × {fmt.number(weight[0], weight[1])}",
                               fmt.number(abs(computed - score[0]), max(score[1], 2)) + "分")
                continue
        reverse = _reverse_shortfall(row, columns, weight, score)
        if reverse is not None:
            yield reverse
    yield from _parent_rows(parents, data_rows, weight_col)
    stated_weight = _number(_cell(total_row, weight_col)) if total_row is not None else None
    if earlier and stated_weight is not None and sum(r[1] for r in data_rows) != stated_weight[0] \
            and sum(r[1] for r in (*earlier, *data_rows)) == stated_weight[0]:
        data_rows = [*earlier, *data_rows]
    if total_row is not None and data_rows:
        stated = _number(_cell(total_row, score_col))
        if stated is not None:
            total = sum(r[3] for r in data_rows)
            # the total's own rounding, plus each nonzero part's at the column's precision: a
            # column that shows 18.5 writes 37 for 37.0, so 92 against a stated 93 is no rounding
            column_decimals = max(r[4] for r in data_rows)
            allowance = iv.half_unit(stated[1]) + iv.half_unit(column_decimals) * sum(1 for r in data_rows if r[3] != 0)
            if abs(total - stated[0]) > allowance:
                decimals = max([stated[1]] + [r[4] for r in data_rows])
                yield _hit(_cell_span(total_row, score_col), "总分", fmt.number(stated[0], stated[1]) + "分",
                           fmt.number(total, decimals) + "分",
                           " + ".join(fmt.number(r[3], r[4]) for r in data_rows),
                           fmt.number(abs(total - stated[0]), decimals) + "分", variant="sum")
        stated_weight = _number(_cell(total_row, weight_col))
        top = [p for p in parents if p[0] == min(p[0] for p in parents)] if parents else []
        if stated_weight is not None:
            # with 一级 rows carrying their points, the 总分 row's 分值 adds those up (a wrong
            # leaf is marked once, on its parent)
            total = sum(p[3][0] for p in top) if top and top[0][1] == 0 else sum(r[1] for r in data_rows)
            if total != stated_weight[0] and abs(total - stated_weight[0]) > iv.half_unit(stated_weight[1]) * (1 + len(data_rows)):
                yield _hit(_cell_span(total_row, weight_col), "分值合计", fmt.number(stated_weight[0], stated_weight[1]) + "分",
                           fmt.number(total, stated_weight[1]) + "分",
                           " + ".join(fmt.number(r[1], r[2]) for r in data_rows),
                           fmt.number(abs(total - stated_weight[0]), stated_weight[1]) + "分", variant="sum")
    yield from _parent_weights(table, weight_col)
    yield from _table_grade(table, total_row, score_col, params)


_STATED_POINTS = re.compile(r"[（(]\s*(?P<points>" + ARABIC + r")\s*分\s*[）)]")


def _parent_weights(table: Table, weight_col: int) -> Iterable[Hit]:
    """一级/二级 labels that carry their points (产出指标（50分）) against their rows' 分值."""
    from ..parse.tables import carried_labels

    for role in ("level1", "level2"):
        if role not in table.columns:
            continue
        labels = carried_labels(table, role)
        groups: dict[str, list] = {}
        for row, label in zip(table.rows, labels):
            if label and not is_total_row(row):
                groups.setdefault(label, []).append(row)
        for label, rows in groups.items():
            match = _STATED_POINTS.search(label)
            if not match:
                continue
            stated, decimals = parse_arabic(match["points"])
            weights = [_number(_cell(row, weight_col)) for row in rows]
            weights = [w for w in weights if w is not None]
            if not weights:
                continue
            total = sum(w[0] for w in weights)
            if total == stated:
                continue
            first = rows[0]
            yield _hit(_cell_span(first, table.columns[role]), f"“{label}”分值", fmt.number(stated, decimals) + "分",
                       fmt.number(total, max(w[1] for w in weights)) + "分", " + ".join(fmt.number(w[0], w[1]) for w in weights),
                       fmt.number(abs(total - stated), max([decimals] + [w[1] for w in weights])) + "分", variant="sum")


def _parent_level(row: Row, columns: dict) -> int:
    """1 or 2 for a 一级/二级 row carrying its group's points (no 三级 name); 0 for a leaf."""
    if "level3" not in columns or _cell(row, columns["level3"]):
        return 0
    if "level2" in columns and _cell(row, columns["level2"]):
        return 2
    return 1 if "level1" in columns and _cell(row, columns["level1"]) else 0


def _parent_rows(parents: list, leaves: list, weight_col: int) -> Iterable[Hit]:
    """A 一级/二级 row's 分值 against the leaves under it (up to the next row of its level or above)."""
    for index, (level, first, row, weight, _score) in enumerate(parents):
        last = len(leaves)
        for later_level, later_first, *_ in parents[index + 1:]:
            if later_level <= level:
                last = later_first
                break
        children = leaves[first:last]
        if not children:
            continue
        total = sum(child[1] for child in children)
        if total == weight[0]:
            continue
        decimals = max([weight[1]] + [child[2] for child in children])
        yield _hit(_cell_span(row, weight_col), f"“{_cell(row, 0) or _cell(row, 1)}”分值", fmt.number(weight[0], weight[1]) + "分",
                   fmt.number(total, decimals) + "分", " + ".join(fmt.number(c[1], c[2]) for c in children),
                   fmt.number(abs(total - weight[0]), decimals) + "分", variant="sum")


def _reverse_shortfall(row: Row, columns: dict, weight, score) -> Optional[Hit]:
    """A ≤ indicator whose actual is within the target earns full marks."""
    nature = _cell(row, columns.get("nature"))
    target_text = _cell(row, columns.get("target"))
    reverse = nature in ("≤", "<", "＜") or (not nature and _REVERSE_WORDS.search(target_text))
    if not reverse or score[0] >= weight[0]:
        return None
    actual_text = _cell(row, columns.get("actual"))
    if re.search("[年月日]", target_text + actual_text):
        return None
    target = _number(re.sub(r"^\s*(?:≤|<|＜|不高于|不超过|低于)", "", target_text).replace("以内", "").replace("以下", ""))
    actual = _number(actual_text)
    if target is None or actual is None:
        return None
    if target[2] and actual[2] and target[2] != actual[2]:
        return None  # 1.2万元 against 13,000元: not comparable as written
    if actual[0] > target[0]:
        return None
    return Hit(_cell_span(row, columns.get("score")),
               {"name": _cell(row, columns.get("level3")), "target": target_text, "actual": actual_text,
                "score": fmt.number(score[0], score[1]), "weight": fmt.number(weight[0], weight[1])},
               variant="reverse")


def _table_grade(table: Table, total_row: Optional[Row], score_col: int, params) -> Iterable[Hit]:
    if total_row is None:
        return
    stated = _number(_cell(total_row, score_col))
    if stated is None:
        return
    for row in table.rows:
        first = _cell(row, 0)
        if "等级" not in first or len(row.cells) < 2:
            continue
        grade_text = " ".join(c.text for c in row.cells[1:]).strip()
        if not grade_text or grade_text[0] not in _GRADE_WORDS:
            continue
        floors = grade_floors(grade_text, params["grade_floors"])
        expected = expected_grade(stated[0], floors)
        if expected and expected != grade_text[0]:
            cell = row.cells[1]
            yield Hit(cell.span, {"grade": grade_text[0], "score": fmt.number(stated[0], stated[1]), "expected": expected},
                      variant="grade")


def stated_proportional_rule(report: Report, rule: re.Pattern) -> bool:
    """The report says how a shortfall is scored (按“实际完成值÷指标值×分值”计分)."""
    return any("\t" not in text and rule.search(text) for text in report.lines if "分" in text)


def _proportional_rows(table: Table, params) -> Iterable[Hit]:
    """By the report's own rule, a ≥ indicator short of its target scores actual ÷ target × weight,
    and one that meets it the full weight."""
    columns = table.columns
    weight_col, score_col = columns.get("weight"), columns.get("score")
    if weight_col is None or score_col is None or "target" not in columns or "actual" not in columns:
        return
    for row in table.rows:
        if is_total_row(row):
            continue
        name = _cell(row, columns.get("level3"))
        weight, score = _number(_cell(row, weight_col)), _number(_cell(row, score_col))
        nature = _cell(row, columns.get("nature"))
        target_text = _cell(row, columns["target"])
        if weight is None or score is None or score[0] > weight[0] or params["execution_rate_label"].search(name):
            continue
        if nature in ("≤", "<", "＜", "=") or _REVERSE_WORDS.search(target_text):
            continue
        target = _number(re.sub(r"^\s*(?:≥|>|＞|不低于|不少于)", "", target_text))
        actual = _number(_cell(row, columns["actual"]))
        if target is None or actual is None or target[0] <= 0 or target[2] != actual[2]:
            continue
        # met (or beaten) earns the full weight: min(actual ÷ target, 1) × weight
        low, high = iv.quotient(iv.of_number(actual[0], actual[1]), iv.of_number(target[0], target[1]), weight[0])
        if iv.rounds_to((min(low, weight[0]), min(high, weight[0])), score[0], score[1]):
            continue
        computed = min(actual[0] / target[0], 1) * weight[0]
        decimals = max(score[1], 2)
        yield _hit(_cell_span(row, score_col), f"“{name}”得分", fmt.number(score[0], score[1]) + "分",
                   fmt.number(computed, decimals) + "分",
                   f"{fmt.number(actual[0], actual[1])}{actual[2]} ÷ {fmt.number(target[0], target[1])}{target[2]}"
                   f" × {fmt.number(weight[0], weight[1])}分",
                   fmt.number(abs(computed - score[0]), decimals) + "分")


_BAND = re.compile(r"(?P<grade>部分达成|基本达成|未达成|达成|较好|一般|较差|优秀|良好|优|良|中|差|好)"
                   r"[”\"]?\s*[（(]?\s*(?:得|按|计)?(?:分值的)?\s*(?P<pct>\d{1,3}(?:\.\d+)?)\s*%")


def stated_bands(report: Report) -> dict[str, Decimal]:
    """The share of the weight each qualitative grade earns, when the report states it
    (定性指标按达成（100%）、部分达成（60%）、未达成（0%）计分)."""
    bands: dict[str, Decimal] = {}
    for text in report.lines:
        if "\t" in text or "定性" not in text:
            continue
        for match in _BAND.finditer(text, text.find("定性")):
            bands.setdefault(match["grade"], Decimal(match["pct"]))
    return bands if len(bands) >= 2 else {}


def _qualitative_rows(table: Table, bands: dict[str, Decimal]) -> Iterable[Hit]:
    """A qualitative row whose actual is one of the stated grades earns that share of its weight."""
    columns = table.columns
    weight_col, score_col, actual_col = columns.get("weight"), columns.get("score"), columns.get("actual")
    if not bands or weight_col is None or score_col is None or actual_col is None:
        return
    for row in table.rows:
        grade = _cell(row, actual_col).strip("“”\"")
        if grade not in bands or is_total_row(row):
            continue
        weight, score = _number(_cell(row, weight_col)), _number(_cell(row, score_col))
        if weight is None or score is None:
            continue
        expected = bands[grade] / HUNDRED * weight[0]
        if abs(expected - score[0]) <= iv.half_unit(score[1]):
            continue
        shown = max(score[1], 2 if expected != expected.to_integral_value() else 0)
        yield _hit(_cell_span(row, score_col), f"“{_cell(row, columns.get('level3'))}”得分",
                   fmt.number(score[0], score[1]) + "分", fmt.number(expected, shown) + "分",
                   f"“{grade}” {fmt.number(bands[grade], 0)}% × {fmt.number(weight[0], weight[1])}分",
                   fmt.number(abs(expected - score[0]), shown) + "分")


_SHARE_HEADER = re.compile(r"占比|比重|所占比例|构成比|占总")


def _share_column(table: Table) -> Iterable[Hit]:
    """金额 | 占比 with a 合计 row: each row's share is its amount over the 合计."""
    header = [cell.text.strip() for cell in table.header.cells]
    share_col = next((i for i, text in enumerate(header) if i > 0 and _SHARE_HEADER.search(text)), None)
    if share_col is None or share_col < 2:
        return
    money_col = share_col - 1
    totals = [row for row in table.rows if is_total_row(row)]
    if len(totals) != 1:
        return
    total = _number(_cell(totals[0], money_col))
    if total is None or total[0] <= 0 or total[2] in ("%", "‰"):
        return
    base = iv.of_number(total[0], total[1])
    for row in table.rows:
        if row is totals[0]:
            continue
        share, amount = _number(_cell(row, share_col)), _number(_cell(row, money_col))
        if share is None or amount is None or share[2] not in ("%",) or amount[2] in ("%", "‰"):
            continue
        percent = Percent(share[0], share[1], _cell_span(row, share_col))
        if _rate_holds(iv.of_number(amount[0], amount[1]), base, percent):
            continue
        yield _rate_hit(percent, f"{_cell(row, 0)}占比", _exact_rate(amount[0], total[0]),
                        f"{fmt.number(amount[0], amount[1])} ÷ {fmt.number(total[0], total[1])}（合计）")


def _funds_table(table: Table, params) -> Iterable[Hit]:
    columns = table.columns
    rate_col, executed_col = columns.get("rate"), columns.get("executed")
    budget_col = columns.get("full_budget", columns.get("initial_budget"))
    if rate_col is None or executed_col is None or budget_col is None:
        return
    for row in table.rows:
        rate_text = _cell(row, rate_col)
        if not rate_text.endswith("%"):
            continue
        rate, executed, budget = _number(rate_text), _number(_cell(row, executed_col)), _number(_cell(row, budget_col))
        if rate is None or executed is None or budget is None or budget[0] == 0:
            continue
        percent = Percent(rate[0], rate[1], _cell_span(row, rate_col))
        if _rate_holds(iv.of_number(executed[0], executed[1]), iv.of_number(budget[0], budget[1]), percent):
            continue
        budget_name = _cell(table.header, budget_col) or "预算数"
        yield _rate_hit(percent, "预算执行率", _exact_rate(executed[0], budget[0]),
                        f"{fmt.number(executed[0], executed[1])} ÷ {fmt.number(budget[0], budget[1])}（{budget_name}）")
