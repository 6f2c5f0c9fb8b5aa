"""indicator (prose targets): each quantitative goal must be answered by a result.

A report states its goals in prose (绩效目标为：门急诊服务4.5万人次以上；
就业率不低于85%；…) or in a table of targets with no actual column, and
reports on them in the performance part.  Two
faults are checked, each goal on its own:

* the goal is reported on — a paragraph of the performance part names it —
  but no figure of result is given there or anywhere else that names it
  (中医馆全年开展针灸、推拿…服务, against 不少于3,000人次): marked on
  that paragraph;
* the result falls short of the target (就业率78.6% against 不低于85%;
  for a lower-is-better target, exceeds it), or a count reaches the pack's
  over_ratio times its target, and neither its paragraph nor
  any sentence naming the indicator gives a reason: marked on the result;
  so is a result stated as a share of its target below 100% (完成年度目标
  的86.5%).  An indicator-table row or a problem item naming the indicator
  takes the shortfall up: the row's reason column judges it there.

A result is tied to a goal only when the words right before its figure
end the goal's name (就业率 ends 参训人员培训后半年内就业率) with the same
kind of figure (a rate with a rate, 人次 with 人次); a goal that joins
several things (争取中央预算内投资和地方政府专项债券项目) is met by a sum
the text may not state, so no shortfall is judged for it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from decimal import Decimal, InvalidOperation
from typing import Optional

from attrs import frozen

from . import Hit, Param, kind
from ..model import Report, Span

PARAMS = {
    "goal_cue": Param("regex", r"目标(?:任务)?(?:为|是|[:：])",
                      "in a line: what follows states the goals"),
    "goal_heading": Param("regex", r"目标$|目标(?:和|及|与)", "title of a part whose lines state goals"),
    "goal_heading_exclude": Param("regex", r"完成|实现|情况|分析|偏差", "titles that report on goals rather than state them"),
    "performance_part": Param("regex", r"绩效|产出|履职|完成情况|效益|成效|实施情况",
                              "title of the performance part, where goals are reported on"),
    "part_exclude": Param("regex", r"问题|措施|建议|经验|做法|自评表|结果(?:拟)?(?:应用|运用)|公开|基本情况|概况|目标$",
                          "titles that look like the performance part but are not"),
    "restates_target": Param("regex", r"目标|计划|预期|任务数|不低于|不少于|不高于|不超过|以上|以内",
                             "in a clause of the performance part: it restates a target, it is no result"),
    "lower_is_better": Param("regex", r"≤|<|＜|不高于|不超过|不大于|以内|以下|(?<!不)低于|控制在",
                             "target wording of a lower-is-better goal"),
    "reason_words": Param("regex", r"原因|由于|因为|受.{0,12}影响|主要是|导致|未能|延期|推迟|因[^，。；]{1,20}(?:未|没有|不|无法|延|推迟|影响|滞后)",
                          "words that state a reason"),
    "strip_words": Param("regex", r"^(?:全年|年度|年内|累计|共|完成|实现|确保|力争|开展|提供|为|对|使)+|(?:的|为|达|达到|是|率为)$",
                         "words at either end of a goal's or result's wording that do not name it"),
    "completion": Param("regex", r"(?:完成|为|达到|达)(?:了)?(?:年度|全年|年初)?(?:目标|计划|任务)(?:任务|数|值|量)?的\s*\d+(?:\.\d+)?\s*%",
                        "a result stated as a share of its target (完成年度目标的86.5%)"),
    "target_signs": Param("regex", r"不低于|不少于|不高于|不超过|以上|以内|不足",
                          "in a clause: it states a target or a problem, not a result"),
    "over_ratio": Param("decimal", "1.3", "result / target of a count at or above which the excess needs a reason too"),
    "min_suffix": Param("int", 3, "characters a result's wording must share with the end of a goal's name"),
    "name_overlap": Param("decimal", "0.6", "share of a goal name's character pairs a paragraph must hold to report on it"),
    "check_results": Param("bool", True, "a goal reported on needs a figure of result"),
    "check_shortfalls": Param("bool", True, "a result short of its target needs a reason"),
}

_MEASURES = ("人次", "户次", "批次", "家次", "场次", "剂次", "架次", "课时", "小时", "公里", "千米", "平方米", "立方米",
             "公顷", "千瓦", "分钟", "个", "人", "名", "户", "家", "件", "项", "场", "次", "台", "套", "辆", "所",
             "处", "份", "条", "篇", "册", "本", "起", "例", "宗", "座", "吨", "亩", "米", "天", "株", "棵", "头", "只",
             "床", "张", "批", "块", "期", "卷", "班", "支", "类", "种", "部", "盏", "栋", "幢", "眼", "口", "艘", "架")
_SIGN_BEFORE = r"不低于|不少于|不高于|不超过|不大于|不小于|高于|低于|超过|达到|达|≥|≤|>|<|＞|＜|控制在"
_FIGURE = re.compile(
    r"(?P<pre>" + _SIGN_BEFORE + r")?\s*(?<![\d.,第])(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>万|亿)?\s*"
    r"(?P<unit>%|‰|" + "|".join(_MEASURES) + r")(?P<post>及以上|以上|以内|以下)?")
# a comma between digits is a thousands separator (3,000人次), not a clause break
_CLAUSE = re.compile(r"(?:[^，,；;。！？!?：:]|(?<=\d),(?=\d))+")
_QUOTES = re.compile(r"[\s“”\"‘’「」《》]")
_JOINED = re.compile(r"[和及与、]|并且")
_SAME_MEASURE = {"名": "人"}
_RATE_UNITS = ("%", "‰")


@frozen
class _Figure:
    value: Decimal
    unit: str
    line: int
    start: int
    end: int
    wording: str  # the words of its clause before the figure (the result's or the goal's name)
    sign: str = ""
    clause: str = ""


def _scaled(match: "re.Match[str]") -> Optional[Decimal]:
    try:
        value = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    scale = match.group("scale")
    if scale == "万":
        value *= 10000
    elif scale == "亿":
        value *= 100000000
    return value


def _unit(match: "re.Match[str]") -> str:
    unit = match.group("unit")
    return _SAME_MEASURE.get(unit, unit)


_MARKS = re.compile(r"[\s“”\"‘’「」《》（）()]")


def _strip(text: str, params) -> str:
    """A goal's or result's wording without quotes, brackets and the pack's empty words."""
    text = _MARKS.sub("", text)
    strip = params["strip_words"]
    if strip is None:
        return text
    for _ in range(3):
        stripped = "".join(piece for piece in _split_keep(text, strip))
        if stripped == text:
            break
        text = stripped
    return text


def _split_keep(text: str, pattern):
    """``text`` without the matches of ``pattern``."""
    last = 0
    for match in pattern.finditer(text):
        yield text[last:match.start()]
        last = match.end()
    yield text[last:]


def _goal_lines(report: Report, params, in_performance: set[int]) -> dict[int, tuple[int, bool]]:
    """Line -> (column where its goals start, whether a cue says so): lines with a goal cue
    (目标为：), and the body of a goals part, whose figures are goals only when signed
    (不少于1,200人, not the background's 全县现有退役军人1.86万人)."""
    found: dict[int, tuple[int, bool]] = {}
    heading, exclude = params["goal_heading"], params["goal_heading_exclude"]
    heading_lines = {section.line for section in report.headings}
    for section in report.headings:
        title = section.title.strip()
        if heading is None or not heading.search(title) or (exclude is not None and exclude.search(title)):
            continue
        if len(report.lines[section.line - 1].strip()) > 40:
            continue  # a numbered paragraph, not a part's heading
        for line in range(section.extent[0] + 1, section.extent[1] + 1):
            if line not in heading_lines:
                found.setdefault(line, (0, False))
    cue = params["goal_cue"]
    if cue is not None:
        for number, line in enumerate(report.lines, 1):
            if "\t" in line:
                continue
            match = cue.search(line)
            if match is not None:
                found[number] = (match.end(), True)
    return {line: place for line, place in found.items()
            if line not in in_performance and "\t" not in report.lines[line - 1]}


def _goals(report: Report, lines: dict[int, tuple[int, bool]], params) -> list[_Figure]:
    goals = []
    for number, (column, cued) in sorted(lines.items()):
        text = report.lines[number - 1]
        for clause in _CLAUSE.finditer(text, column):
            figures = list(_FIGURE.finditer(clause.group()))
            if not figures:
                continue
            signed = [f for f in figures if f.group("pre") or f.group("post")]
            if not signed and not cued:
                continue
            figure = signed[0] if signed else figures[-1]
            value = _scaled(figure)
            if value is None:
                continue
            name = _strip(clause.group()[:figure.start()] + clause.group()[figure.end():], params)
            if len(name) < 2:
                continue
            sign = (figure.group("pre") or "") + (figure.group("post") or "")
            start = clause.start() + figure.start()
            goals.append(_Figure(value, _unit(figure), number, start, clause.start() + figure.end(), name, sign))
    return goals


def _table_goals(report: Report, params) -> list[_Figure]:
    """Goals set out in a table of targets with no actual column (指标 | 年度目标值):
    each row's target, named by its indicator."""
    goals = []
    for table in report.tables:
        columns = table.columns
        if "target" not in columns or "actual" in columns:
            continue
        for row in table.rows:
            target = row.cell(columns["target"])
            name_cell = next((row.cell(columns[role]) for role in ("level3", "level2") if role in columns
                              and row.cell(columns[role]) is not None and row.cell(columns[role]).text.strip()),
                             row.cell(0))
            if target is None or name_cell is None:
                continue
            figure = _FIGURE.search(target.text)
            name = _strip(name_cell.text, params)
            value = _scaled(figure) if figure is not None else None
            if value is None or len(name) < 2:
                continue
            sign = (figure.group("pre") or "") + (figure.group("post") or "")
            start = target.span.start + figure.start()
            goals.append(_Figure(value, _unit(figure), row.line, start, target.span.start + figure.end(), name, sign))
    return goals


def _merged_lines(extents: list[tuple[int, int]]) -> list[int]:
    """The lines of (possibly nested) extents, each once, in order."""
    lines: list[int] = []
    reach = 0
    for first, last in sorted(extents):
        lines.extend(range(max(first, reach + 1), last + 1))
        reach = max(reach, last)
    return lines


def _performance(report: Report, params) -> list[tuple[int, int]]:
    heads, exclude = params["performance_part"], params["part_exclude"]
    extents = []
    for section in report.headings:
        if not section.number or heads is None or not heads.search(section.title):
            continue
        if exclude is not None and exclude.search(section.title):
            continue
        if len(report.lines[section.line - 1].strip()) > 40:
            continue
        extents.append(section.extent)
    return extents


def _results(report: Report, lines: list[int], skip: set[int], params) -> tuple[list[_Figure], set[int]]:
    """Figures of result in the performance part, and the lines that hold any figure."""
    restates = params["restates_target"]
    results: list[_Figure] = []
    figure_lines: set[int] = set()
    for number in lines:
        text = report.lines[number - 1]
        if number in skip or "\t" in text:
            continue
        for clause in _CLAUSE.finditer(text):
            figures = list(_FIGURE.finditer(clause.group()))
            if not figures:
                continue
            figure_lines.add(number)
            if restates is not None and restates.search(clause.group()):
                continue
            if _PART_OF.match(clause.group()):
                continue  # 其中…: a part of a result is not the result
            for figure in figures:
                if _CHANGED_TO.match(clause.group(), figure.end()):
                    continue  # 由70%提高到78.6%: the figure before the change is no result
                value = _scaled(figure)
                if value is None:
                    continue
                wording = _strip(_FROM_TO.sub("", clause.group()[:figure.start()]), params)
                results.append(_Figure(value, _unit(figure), number, clause.start() + figure.start(),
                                       clause.start() + figure.end(), wording, "", clause.group()))
    return results, figure_lines


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _grams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


class _Weights:
    """Rarer character pairs of the report name a thing more surely."""

    __slots__ = ("text", "cache")

    def __init__(self, report: Report):
        self.text = "\n".join(report.lines)
        self.cache: dict[str, float] = {}

    def share(self, name: str, text: str) -> float:
        grams = _grams(name)
        total = held = 0.0
        for gram in grams:
            weight = self.cache.get(gram)
            if weight is None:
                weight = self.cache[gram] = 1.0 / (1.0 + math.log(1 + self.text.count(gram)))
            total += weight
            if gram in text:
                held += weight
        return held / total if total else 0.0


def _matching_result(goal: _Figure, results: list[_Figure], params) -> Optional[_Figure]:
    """The one result whose wording ends the goal's name, with the same kind of figure
    (``results``: those whose wording ends as the goal's name does)."""
    best, best_length, tied = None, 0, False
    for result in results:
        if result.unit != goal.unit:
            continue
        length = _common_suffix(goal.wording, result.wording)
        if length < params["min_suffix"]:
            continue
        if length > best_length:
            best, best_length, tied = result, length, False
        elif length == best_length and best is not None and result.value != best.value:
            tied = True
    return None if tied else best


class _Lookup:
    """What the goals are compared with, indexed so that each distinct goal name costs
    the texts that could match it, not the whole report: results by the last
    characters of their wording, result clauses and performance lines by character pair."""

    def __init__(self, report: Report, results: list[_Figure], lines: list[int], params):
        self.report = report
        self.params = params
        self.suffix = params["min_suffix"]
        self.by_ending: dict[tuple[str, str], list[_Figure]] = {}
        for result in results:
            if len(result.wording) >= self.suffix:
                self.by_ending.setdefault((result.unit, result.wording[-self.suffix:]), []).append(result)
        self.results = results
        self.lines = lines
        self._result_grams: Optional[dict[str, list[int]]] = None  # built when first needed
        self._line_grams: Optional[dict[str, list[int]]] = None
        self.memo: dict[tuple, object] = {}

    #: below this many texts a plain scan is cheaper than an index by character pair
    INDEX_FROM = 400

    def result_candidates(self, name: str):
        if len(self.results) < self.INDEX_FROM:
            return range(len(self.results))
        if self._result_grams is None:
            self._result_grams = _index([r.clause for r in self.results])
        return _candidates(self._result_grams, name)

    def line_candidates(self, name: str):
        if len(self.lines) < self.INDEX_FROM:
            return range(len(self.lines))
        if self._line_grams is None:
            self._line_grams = _index([self.report.lines[n - 1] for n in self.lines])
        return _candidates(self._line_grams, name)

    def result_for(self, goal: _Figure) -> Optional[_Figure]:
        key = ("result", goal.wording, goal.unit)
        if key not in self.memo:
            bucket = self.by_ending.get((goal.unit, goal.wording[-self.suffix:]), []) if self.suffix > 0 else self.results
            self.memo[key] = _matching_result(goal, bucket, self.params)
        return self.memo[key]

    def named_with_figure(self, name: str, weights: "_Weights") -> bool:
        key = ("figure", name)
        if key not in self.memo:
            overlap = float(self.params["name_overlap"])
            self.memo[key] = any(weights.share(name, self.results[i].clause) >= overlap
                                 for i in self.result_candidates(name))
        return self.memo[key]

    def best_line(self, name: str, weights: "_Weights", skip: set[int]) -> Optional[int]:
        key = ("line", name)
        if key not in self.memo:
            best, best_share = None, float(self.params["name_overlap"])
            for i in self.line_candidates(name):
                number = self.lines[i]
                if number in skip or "\t" in self.report.lines[number - 1]:
                    continue
                share = weights.share(name, self.report.lines[number - 1])
                if share >= best_share and (best is None or share > best_share):
                    best, best_share = number, share
            self.memo[key] = best
        return self.memo[key]


def _index(texts: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for position, text in enumerate(texts):
        for gram in _grams(text):
            found.setdefault(gram, []).append(position)
    return found


def _candidates(index: dict[str, list[int]], name: str) -> list[int]:
    """Texts sharing a character pair with ``name``: the rarest pair's texts and the
    others' would be the same set when a text must hold most of the name, so the union
    of all pairs is kept (each pair's list is read once)."""
    found: set[int] = set()
    for gram in _grams(name):
        found.update(index.get(gram, ()))
    return sorted(found)


def _deviation(goal: _Figure, result: _Figure, params) -> Optional[str]:
    """'shortfall' when the result misses the target (exceeds it, for a lower-is-better
    goal), 'over' when it reaches over_ratio times a higher-is-better one, else None."""
    lower = params["lower_is_better"]
    if lower is not None and lower.search(goal.sign):
        return "shortfall" if result.value > goal.value else None
    if result.value < goal.value:
        return "shortfall"
    ratio = params["over_ratio"]
    if ratio is not None and goal.value > 0 and goal.unit not in _RATE_UNITS and result.value >= goal.value * ratio:
        return "over"
    return None


_CHANGE = r"(?:提高|提升|上升|增长|增加|下降|降低|减少|升|降)(?:到|至)"
_CHANGED_TO = re.compile(r"\s*" + _CHANGE)
#: the words of a change before its result (由70%提高到): the result's name is what precedes them
_FROM_TO = re.compile(r"(?:(?:由|从)[^，。；]*?)?" + _CHANGE + r"\s*$")
_PART_OF = re.compile(r"\s*(?:其中|含|包括|内含)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def _completions(report: Report, lines: list[int], skip: set[int], params) -> list[_Figure]:
    """Results stated as a share of their target below 100% (完成年度目标的86.5%),
    each named by the figure clause before it (访问量达到8.65万人次)."""
    completion, signs = params["completion"], params["target_signs"]
    if completion is None:
        return []
    found = []
    for number in lines:
        text = report.lines[number - 1]
        if number in skip or "\t" in text:
            continue
        matches = [m for m in completion.finditer(text)]
        if not matches:
            continue
        clauses = [(c.start(), c.end()) for c in _CLAUSE.finditer(text)]
        for match in matches:
            rate = _PERCENT.search(match.group())
            if rate is None or Decimal(rate.group(1)) >= 100:
                continue
            position = bisect_left(clauses, (match.start() + 1,)) - 1
            if position < 0:
                continue
            first, last = clauses[position]
            words = text[first:last]
            if signs is not None and signs.search(words):
                continue
            own = _strip(text[first:match.start()], params)
            found.append(_Figure(Decimal(rate.group(1)), "%", number, match.start(), min(match.end(), last),
                                 own if len(own) >= 2 else _name_before(text, clauses, position, params), "", words))
    return found


def _name_before(text: str, clauses: list[tuple[int, int]], position: int, params) -> str:
    """The wording of the nearest figure clause before clause ``position`` (访问量达到8.65万人次)."""
    for first, last in reversed(clauses[max(0, position - 4):position]):
        figure = None
        for figure in _FIGURE.finditer(text, first, last):
            pass
        if figure is not None:
            wording = _strip(text[first:figure.start()], params)
            if len(wording) >= 2:
                return wording
    return ""


def _names_it(name: str, text: str, params) -> bool:
    """``text`` names the indicator ``name``: it ends the same way, or holds most of its pairs."""
    if len(name) < 2:
        return False
    if name[-params["min_suffix"]:] in text:
        return True
    grams = _grams(name)
    return bool(grams) and sum(1 for g in grams if g in text) / len(grams) >= float(params["name_overlap"])


_FIRST_BREAK = re.compile(r"[，,。；;！？!?]")


def _says_why(problem: str) -> bool:
    """A problem item that goes on past its headline (…未达目标。展厅上线时间较晚…) gives
    its cause; a bare headline (旅游接待量未达预期。) only repeats the shortfall."""
    stop = _FIRST_BREAK.search(problem)
    return stop is not None and len(problem[stop.end():].strip(" 。；;")) >= 4


def _explained(report: Report, result: _Figure, params) -> bool:
    """A reason in the result's paragraph or in a sentence naming the indicator,
    or the shortfall taken up among the problems with its cause (线上展厅访问量未达
    目标。展厅上线时间较晚…)."""
    reason = params["reason_words"]
    if reason is None:
        return True
    if reason.search(report.lines[result.line - 1]):
        return True
    name = result.wording
    if len(name) < 2:
        return False
    if any(_names_it(name, item.text, params) and _says_why(item.text) for item in report.problems):
        return True
    return any(reason.search(sentence.text) and _names_it(name, sentence.text, params)
               for sentence in report.sentences)


def _row_names(report: Report) -> list[str]:
    """Names of the indicator-table rows: a row's own reason column judges its shortfall."""
    names = []
    for table in report.tables:
        if "target" not in table.columns or "actual" not in table.columns:
            continue  # a table of targets alone judges no result
        for row in table.rows:
            for role in ("level3", "level2"):
                cell = row.cell(table.columns.get(role))
                if cell is not None and cell.text.strip():
                    names.append(_QUOTES.sub("", cell.text))
                    break
    return names


def _in_table(result: _Figure, row_names: list[str], params) -> bool:
    return any(_common_suffix(result.wording, name) >= params["min_suffix"] or _names_it(result.wording, name, params)
               for name in row_names)


def _place(report: Report, headings: dict, line: int) -> tuple[int, int]:
    """The lines that report on a goal named on ``line``: a short heading's section, else the line."""
    section = headings.get(line)
    if section is not None and len(report.lines[line - 1].strip()) <= 40:
        return section.extent  # a short heading: what is under it reports on the goal
    return line, line


@kind("indicator-target", params=PARAMS)
def indicator_target(report: Report, params) -> "list[Hit]":
    performance = _performance(report, params)
    if not performance:
        return []  # no performance part: missing-section's finding
    lines = _merged_lines(performance)
    goal_lines = _goal_lines(report, params, set(lines))
    goals = _goals(report, goal_lines, params) + _table_goals(report, params)
    skip = {item.span.line for item in (*report.problems, *report.measures)} | set(goal_lines)
    results, figure_lines = _results(report, lines, skip, params) if goals else ([], set())
    figures = sorted(figure_lines)
    weights = _Weights(report)
    lookup = _Lookup(report, results, lines, params)
    row_names = _row_names(report)
    explained: dict[str, bool] = {}
    headings = {section.line: section for section in report.headings}
    hits: list[Hit] = []
    marked: set[int] = set()
    for goal in goals:
        result = lookup.result_for(goal)
        target_text = report.lines[goal.line - 1][goal.start:goal.end]
        if result is not None:
            # a result answers the goal; only a shortfall with no reason is a fault
            deviation = _deviation(goal, result, params)
            if not params["check_shortfalls"] or _JOINED.search(goal.wording) or deviation is None \
                    or result.line in marked:
                continue
            if result.wording not in explained:
                explained[result.wording] = _in_table(result, row_names, params) or _explained(report, result, params)
            if explained[result.wording]:
                continue
            marked.add(result.line)
            actual = report.lines[result.line - 1][result.start:result.end]
            hits.append(Hit(Span(result.line, result.start, result.end),
                            {"name": goal.wording[:30], "target": target_text, "actual": actual}, deviation))
            continue
        if not params["check_results"] or lookup.named_with_figure(goal.wording, weights):
            continue  # reported with a figure, perhaps in other words
        if _in_table(goal, row_names, params):
            continue  # an indicator row reports it (its own checks judge the row)
        line = lookup.best_line(goal.wording, weights, skip)
        if line is None or line in marked:
            continue
        first, last = _place(report, headings, line)
        index = bisect_left(figures, first)
        if index < len(figures) and figures[index] <= last:
            continue
        marked.add(line)
        text = report.lines[line - 1]
        start = len(text) - len(text.lstrip())
        hits.append(Hit(Span(line, start, len(text.rstrip())),
                        {"name": goal.wording[:30], "target": target_text}, "no-result"))
    if params["check_shortfalls"]:
        for result in _completions(report, lines, skip, params):
            if result.line in marked:
                continue
            key = result.wording
            if key not in explained:
                explained[key] = _in_table(result, row_names, params) or _explained(report, result, params)
            if explained[key]:
                continue
            marked.add(result.line)
            actual = report.lines[result.line - 1][result.start:result.end]
            hits.append(Hit(Span(result.line, result.start, result.end),
                            {"name": (result.wording or actual)[:30], "actual": actual}, "completion"))
    return hits
