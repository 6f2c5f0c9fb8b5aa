"""indicator: performance must be shown with quantitative indicators.

Three faults, one kind:

* a project, or a funded goal (a numbered item of the outputs part that
  accounts for money the report lists, or a sub-project a line lists by
  name: 共实施三个子项目：甲、乙、丙), described with no quantitative
  output or outcome figure — a count of things delivered or people
  served, a rate that is not a budget rate — in its own text, in the goal
  that reports on it, or on another line of the performance part or a
  table row that names it (a count in the basic part, 基金监管股等4个股室,
  or a target, is no result); marked on its description.  A project the
  parser did not list but a line or a table lists with its money (共5个
  项目：甲经费412.80万元；…, 项目名称 | 全年预算 | 实际支出) is marked on
  the item reporting on it when that gives no figure, or on the list when
  the performance part never speaks of it;
* an indicator-table row with no target value or no actual value;
* a row whose actual falls short of its target (or exceeds it beyond the
  pack's threshold, 130% by default) with no reason in its reason cell
  and none in the prose.
"""

from __future__ import annotations

import math
from bisect import bisect_left
import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from attrs import frozen

from . import Hit, Param, kind
from ..model import Project, Report, Row, Section, Span, Table
from ..parse.lists import NOTHING
from .text_common import text_index

PARAMS = {
    "budget_rate": Param("regex", r"执行率|预算|支出|资金|经费|占|比重|结余|结转|节约|拨付|到位",
                         "label of a rate that measures spending, not delivery"),
    "performance_headings": Param("regex", r"产出|履职(?:目标)?(?:完成)?情况|(?:工作)?任务完成",
                                  "title of a part whose numbered items are goals (outputs)"),
    "performance_part": Param("regex", r"绩效|产出|履职|完成情况|效益|成效|实施情况",
                              "title of the performance part and its sub-parts, where projects are reported on"),
    "part_exclude": Param("regex", r"问题|措施|建议|经验|做法|自评表|结果(?:拟)?(?:应用|运用)|公开|基本情况|概况|目标$|管理工作",
                          "titles that look like the performance part but are not"),
    "goal_exclude": Param("regex", r"经验|做法|问题|措施|建议|预算管理|自评|结论|满意度|效益|效果",
                          "title of a sub-part whose items are not goals"),
    "name_suffix": Param("regex", r"专项资金|专项经费|工作经费|建设经费|经费|专项|资金|项目|补贴|费用|补助",
                         "words of a project's name that do not tell projects apart"),
    "name_overlap": Param("decimal", "0.35", "share of a name's character pairs (rarer pairs weigh more) a line must hold to name it"),
    "spoken_overlap": Param("decimal", "0.25", "share of a listed project's name the performance part must hold for it to be "
                            "taken as spoken of in other words (海外联谊 → 海外侨团来访); a project named nowhere there is marked"),
    "title_inside": Param("decimal", "0.8", "share of a goal title's character pairs a project's name must hold"),
    "min_name_chars": Param("int", 3, "names shorter than this are looked for only where listed"),
    "check_goals": Param("bool", True, "require a figure in each funded goal of the outputs part"),
    "check_projects": Param("bool", True, "require a figure for each project"),
    "sub_project_list": Param("regex", None, "words introducing a list of the project's parts by name (共实施三个子项目：)"),
    "project_list": Param("regex", None, "a line listing the projects with their money (共5个项目：甲经费412.80万元；…)"),
    "not_projects": Param("regex", None, "labels of money on such a line that are budget categories, not projects"),
    "check_rows": Param("bool", True, "check indicator-table rows"),
    "over_ratio": Param("decimal", "1.3", "actual / target at or above which a reason is needed"),
    "reverse": Param("regex", r"≤|<|不高于|不超过|以内|以下|低于", "target wording of a lower-is-better indicator"),
    "reverse_names": Param("regex", r"成本|费用|发生率|事故|投诉|受害率|成灾率|死亡|时长|时限|周期|差错|超支|返工|能耗",
                           "indicator (or 二级) names where lower is better when no sign is written"),
    "reason_words": Param("regex", r"原因|由于|因为|受.{0,12}影响|主要是|系|导致|未能|延期|推迟",
                          "words that state a reason in prose"),
    "quantities": Param("regex", None, "a figure of things delivered the parser's counts may miss (1.2万吨, 4.82万人次, 35公里)"),
    "skip_rows": Param("regex", r"^(?:总分|合计|总计|小计)", "rows that are totals, not indicators"),
    "quantitative_kinds": Param("regex", None, "二级/一级指标 of rows that must be measured by a figure (数量, 质量, 效益 …)"),
    "qualitative": Param("regex", None, "a row declared qualitative (定性) or judged by attainment (达成年度指标)"),
    "vague_change": Param("regex", None, "a change stated without its size (有所提升, 明显改善): a row so worded is unquantified"),
}

_HIGHER_SIGN = re.compile(r"≥|>|不低于|不少于|以上|达到")
_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_DATE_LIKE = re.compile(r"\d{1,4}\s*[年月日]|\d{1,2}:\d{2}")
_QUOTES = re.compile(r"[“”\"‘’「」《》\s]")


@kind("indicator", params=PARAMS)
def indicator(report: Report, params) -> "list[Hit]":
    hits: list[Hit] = []
    if params["check_rows"]:
        for table in report.tables:
            hits.extend(_table_rows(report, table, params))
    quantified = _quantified_lines(report, params)
    figure_lines = sorted(quantified)
    parts = _performance_parts(report, params)
    if not parts:
        return hits  # no performance part at all: missing-section's finding, not one per project
    goals = _goals(report, params) if params["check_goals"] else []
    reports_on = _report_items(report, parts)
    title_cores = [_core_name(item.title, params) for item in reports_on]
    titles = _GramIndex(title_cores)
    rarity = _Rarity(report)
    performance_lines = _lines_of(parts)
    in_performance = set(performance_lines)
    clauses = _Clauses(report, {line: figures for line, figures in quantified.items() if line in in_performance})
    reported: set[int] = set()  # goals that report on a listed project
    if params["check_projects"]:
        listed = _listed_projects(report, params, rarity)
        names = _Names((*report.projects, *(project for project, _ in listed)), params, rarity)
        for project in report.projects:
            first, last = _project_lines(report, project)
            found = names.evidence(project.name, report, reports_on, title_cores, titles, clauses, figure_lines)
            reported.update(found.goals)
            if _has_figure(figure_lines, first, last) or found.goal_figure or found.row \
                    or found.outside(first, last):
                continue
            hits.append(Hit(Span(*_description_line(report, first, last, project.span.line)),
                            {"name": project.name[:30]}, "project"))
        # a project known only from a list line: marked on the item that reports on it
        # without a figure, or on the list when the performance part never speaks of it
        performance_text = "\n".join(report.lines[line - 1] for line in performance_lines)
        for project, own_figure in listed:
            if own_figure:
                continue
            found = names.evidence(project.name, report, reports_on, title_cores, titles, clauses, figure_lines)
            if found.goal_figure or found.row or found.outside(project.span.line, project.span.line):
                continue
            if found.goals:
                # the item that reports on it gives no figure: mark that description
                reported.update(found.goals)
                first, last = next((g.extent for g in reports_on if g.line == found.goals[0]),
                                   (found.goals[0], found.goals[0]))
                hits.append(Hit(Span(*_description_line(report, first, last, found.goals[0])),
                                {"name": project.name[:30]}, "project"))
                continue
            core = _core_name(project.name, params)
            if _share(performance_text, core, params, rarity) >= float(params["spoken_overlap"]) \
                    or any(core[i:i + 3] in performance_text for i in range(len(core) - 2)):
                continue  # spoken of in words the matching cannot tie to it: give it the benefit
            hits.append(Hit(project.span, {"name": project.name[:30]}, "project"))
    if params["check_goals"]:
        funded = _funded_labels(report) + _named_sub_projects(report, params)
        seen: dict[str, tuple[bool, "_Evidence"]] = {}  # a goal title recurs in a long report
        for goal in goals:
            if goal.line in reported or _has_figure(figure_lines, *goal.extent):
                continue
            core = _core_name(goal.title, params)
            if core not in seen:
                is_funded = any(_mentions(label, core, params, rarity) for label in funded)
                seen[core] = (is_funded, _evidence_for(report, core, clauses, params, rarity))
            is_funded, found = seen[core]
            if not is_funded:
                continue  # only goals that account for money are held to a figure here
            if found.row or found.outside(*goal.extent):
                continue
            hits.append(Hit(Span(*_description_line(report, goal.extent[0], goal.extent[1], goal.line)),
                            {"name": (goal.title or goal.number)[:30]}, "goal"))
    return hits


# -- projects and goals ---------------------------------------------------

def _quantified_lines(report: Report, params) -> dict[int, list[tuple[int, int]]]:
    """Line -> columns of its counts and delivery rates (not money, not budget rates)."""
    found: dict[int, list[tuple[int, int]]] = {}
    for count in report.counts:
        found.setdefault(count.span.line, []).append((count.span.start, count.span.end))
    quantities = params["quantities"]
    if quantities is not None:
        for line, start, end in text_index(report).matches(quantities):
            found.setdefault(line, []).append((start, end))
    budget_rate = params["budget_rate"]
    for percent in report.percents:
        line = report.lines[percent.span.line - 1]
        label = percent.label or line[max(0, percent.span.start - 12):percent.span.start]
        if budget_rate is None or not budget_rate.search(label):
            found.setdefault(percent.span.line, []).append((percent.span.start, percent.span.end))
    return found


_SEGMENT = re.compile(r"[^；;。]+")
_LABEL_LEAD = re.compile(r"^(?:[\d.．、，,：:（）()一二三四五六七八九十]|其中|包括|分别为|分别是|具体为"
                         r"|项目支出(?:为|包括|有|主要为|主要是))+")


def _listed_projects(report: Report, params, rarity) -> list[tuple[Project, bool]]:
    """Projects named only on a line that lists them with their money (the project
    parser may not take such a list), each with whether its own part of the line
    gives a figure of result.  A name close to a parsed project's is left to it."""
    listing, exclude, suffix = params["project_list"], params["not_projects"], params["name_suffix"]
    if listing is None or suffix is None:
        return []
    known = [_core_name(project.name, params) for project in report.projects]
    quantities = params["quantities"]
    by_line: dict[int, list] = {}
    for amount in report.amounts:
        by_line.setdefault(amount.span.line, []).append(amount)
    found: list[tuple[Project, bool]] = []
    for number, amounts in sorted(by_line.items()):
        line = report.lines[number - 1]
        if len(amounts) < 2 or "\t" in line or not listing.search(line):
            continue
        candidates = []
        listed = 0
        for amount in amounts:
            name = _LABEL_LEAD.sub("", _whole_label(line, amount))
            if len(name) < 4 or (exclude is not None and exclude.search(name)):
                continue
            listed += 1
            tail = None
            for match in suffix.finditer(name):
                if match.end() == len(name) and match.start() > 0:
                    tail = match
            if tail is None:
                continue  # named like a project (…经费, …项目) to be held to one
            if any(_share(name, core, params, rarity) >= float(params["name_overlap"]) for core in known):
                continue
            candidates.append((name, amount))
        if listed < 2:
            continue  # one funded label on a line is a figure in a sentence, not a list of projects
        for name, amount in candidates:
            segment = next((m for m in _SEGMENT.finditer(line) if m.start() <= amount.span.start < m.end()), None)
            start, end = (segment.start(), segment.end()) if segment is not None else (amount.span.start, amount.span.end)
            text = line[start:end]
            label_start = text.find(name)
            if label_start >= 0:
                start += label_start
            own = quantities is not None and quantities.search(line[amount.span.end:end]) is not None
            found.append((Project(name, Span(number, start, end)), own))
    found.extend(_table_projects(report, params, known, rarity))
    return found


_ITEM_START = re.compile(r"[，,；;：:、。\t]")


def _whole_label(line: str, amount) -> str:
    """The list item's whole name before its money: the parsed label may stop at a
    quote (“一网通办”平台运维经费 → 平台运维经费), losing the words that tell it apart."""
    label = amount.label.strip()
    before = line[:amount.span.start]
    cut = max((m.end() for m in _ITEM_START.finditer(before)), default=0)
    item = before[cut:].strip()
    return item if label and item.endswith(label) and len(item) - len(label) <= 12 else label


_PROJECT_COLUMN = re.compile(r"^(?:项目名称|项目|项目名)$")
_MONEY_ROLES = ("initial_budget", "full_budget", "executed")


def _table_projects(report: Report, params, known: list[str], rarity) -> list[tuple[Project, bool]]:
    """Projects listed as rows of a table of money (项目名称 | 全年预算 | 实际支出 | 执行率)."""
    exclude, skip = params["not_projects"], params["skip_rows"]
    found: list[tuple[Project, bool]] = []
    for table in report.tables:
        first = table.header.cells[0].text.strip() if table.header.cells else ""
        if not _PROJECT_COLUMN.match(first) or not any(role in table.columns for role in _MONEY_ROLES):
            continue
        for row in table.rows:
            cell = row.cell(0)
            name = _QUOTES.sub("", cell.text) if cell is not None else ""
            if len(name) < 4 or (skip is not None and skip.search(name)) or (exclude is not None and exclude.search(name)):
                continue
            if any(_share(name, core, params, rarity) >= float(params["name_overlap"]) for core in known):
                continue
            found.append((Project(name, Span(row.line, cell.span.start, cell.span.end)), False))
    return found


def _lines_of(parts: list[Section]) -> list[int]:
    """The lines of the performance part, each once, in order (nested parts merged first)."""
    lines: list[int] = []
    reach = 0
    for first, last in sorted(part.extent for part in parts):
        lines.extend(range(max(first, reach + 1), last + 1))
        reach = max(reach, last)
    return lines


def _project_lines(report: Report, project) -> tuple[int, int]:
    """The lines describing a project: its paragraph, or the text below an introducing line."""
    line = project.span.line
    first, last = project.body if project.body != (0, 0) else (line, line)
    text = report.lines[line - 1].strip()
    if len(text) > 40 and not text.endswith(("：", ":")):
        return line, line  # a paragraph of a list: the lines after it are about other things
    return min(first, line), max(last, line)


def _has_figure(figure_lines: list[int], first: int, last: int) -> bool:
    """Whether a line of first..last holds a figure (``figure_lines`` sorted)."""
    index = bisect_left(figure_lines, first)
    return index < len(figure_lines) and figure_lines[index] <= last


def _core_name(name: str, params) -> str:
    """A name without quotes and the trailing words every fund name carries (经费, 专项 …)."""
    core = _QUOTES.sub("", name)
    suffix = params["name_suffix"]
    while suffix is not None and core:
        match = suffix.search(core)
        tail = None
        for match in suffix.finditer(core):
            if match.end() == len(core) and match.start() > 0:
                tail = match
        if tail is None:
            break
        core = core[:tail.start()]
    return core


_JOINERS = re.compile(r"[及和与、暨（）()]")


class _Rarity:
    """How rare each character pair is in this report: the report's own field
    (食品安全, 安全生产) is everywhere and tells one project from another little.
    Counted on demand, only for the pairs of the names looked up."""

    __slots__ = ("text", "weights")

    def __init__(self, report: Report):
        self.text = "\n".join(report.lines)
        self.weights: dict[str, float] = {}

    def weight(self, gram: str) -> float:
        found = self.weights.get(gram)
        if found is None:
            found = self.weights[gram] = 1.0 / (1.0 + math.log(1 + self.text.count(gram)))
        return found


def _share(text: str, core: str, params, rarity: Optional[_Rarity] = None) -> float:
    """How much of ``core`` ``text`` names: the (rarity-weighted) share of the character
    pairs of the best-held of the name's parts (儿童之家建设及关爱留守儿童 has two)."""
    best = 0.0
    weight = rarity.weight if rarity is not None else (lambda gram: 1.0)
    for part in _JOINERS.split(core):
        if len(part) < params["min_name_chars"]:
            continue
        grams = {part[i:i + 2] for i in range(len(part) - 1)}
        total = sum(weight(g) for g in grams)
        if total:
            best = max(best, sum(weight(g) for g in grams if g in text) / total)
    return best


def _mentions(text: str, core: str, params, rarity: Optional[_Rarity] = None) -> bool:
    """Whether ``text`` names what ``core`` names (see :func:`_share`)."""
    return _share(text, core, params, rarity) >= float(params["name_overlap"])


@frozen
class _Evidence:
    """Where a name is reported with a figure: goals, clause lines, indicator rows."""

    goals: tuple[int, ...] = ()  # lines of the goals that report on it
    goal_figure: bool = False  # one of those goals gives a figure
    first_line: int = 0  # first and last line of a figure-bearing clause naming it
    last_line: int = 0
    row: bool = False  # an indicator row names it

    def outside(self, first: int, last: int) -> bool:
        """Whether a clause naming it lies outside lines first..last."""
        return self.first_line > 0 and (self.first_line < first or self.last_line > last)


def _evidence_for(report: Report, core: str, clauses, params, rarity, about=None, goals=()) -> _Evidence:
    """Figure-bearing clauses and indicator rows that name ``core`` (``about`` decides, when given)."""
    def names_it(text: str) -> bool:
        return about(text) if about is not None else _mentions(text, core, params, rarity)

    lines = [clauses.lines[i] for i in clauses.candidates(core) if names_it(clauses.texts[i])]
    row = any(names_it("".join(c.text for c in row.cells[:4]))
              for table in report.tables if "target" in table.columns for row in table.rows)
    return _Evidence(tuple(g.line for g in goals), False, min(lines, default=0), max(lines, default=0), row)


class _Names:
    """The report's projects, to tell which one a goal or a clause is about.

    A text that names several projects (食品安全监管 shares 食品安全 with two)
    speaks of the one it names best, not of all of them.  A long report
    lists the same names again and again: each distinct name is scored once
    against each text, and each text's best score is kept.
    """

    __slots__ = ("names", "numbers", "cores", "params", "rarity", "index", "best", "found")

    def __init__(self, projects, params, rarity):
        self.names = list(dict.fromkeys(p.name for p in projects))
        self.numbers = {name: number for number, name in enumerate(self.names)}
        self.cores = [_core_name(name, params) for name in self.names]
        self.params = params
        self.rarity = rarity
        self.index = _GramIndex(self.cores)
        self.best: dict[tuple[str, Optional[str]], float] = {}
        self.found: dict[str, _Evidence] = {}

    def score(self, number: int, text: str, title_core: Optional[str] = None) -> float:
        found = _share(text, self.cores[number], self.params, self.rarity)
        if title_core is not None and _contained(title_core, self.names[number], self.params):
            found = max(found, 1.0)
        return found

    def is_best(self, number: int, text: str, title_core: Optional[str] = None) -> bool:
        mine = self.score(number, text, title_core)
        if mine < float(self.params["name_overlap"]):
            return False
        key = (text, title_core)
        best = self.best.get(key)
        if best is None:
            candidates = set(self.index.candidates(text))
            if title_core is not None:
                candidates.update(self.index.candidates(title_core))
            best = self.best[key] = max((self.score(other, text, title_core) for other in candidates),
                                        default=0.0)
        return mine >= best

    def evidence(self, name: str, report: Report, items, item_cores, titles, clauses, figure_lines) -> _Evidence:
        """Where the project called ``name`` is reported on (computed once per name)."""
        found = self.found.get(name)
        if found is None:
            number = self.numbers[name]
            goals = [items[i] for i in titles.candidates(name)
                     if self.is_best(number, items[i].title, item_cores[i])]
            found = _evidence_for(report, self.cores[number], clauses, self.params, self.rarity,
                                  lambda text: self.is_best(number, text), goals)
            found = _Evidence(found.goals, any(_has_figure(figure_lines, *g.extent) for g in goals),
                              found.first_line, found.last_line, found.row)
            self.found[name] = found
        return found


def _contained(title: str, name: str, params) -> bool:
    """Whether a goal's title (重点项目建设) is nearly all inside a project's name
    (重点项目建设服务保障经费): the goal reports on that project."""
    grams = {title[i:i + 2] for i in range(len(title) - 1)}
    if len(title) < params["min_name_chars"] or not grams:
        return False
    return sum(1 for g in grams if g in name) / len(grams) >= float(params["title_inside"])


_CLAUSE = re.compile(r"[^；;。！？!?]+")


class _GramIndex:
    """Texts indexed by their character pairs: which texts share a pair with a name."""

    __slots__ = ("by_gram",)

    def __init__(self, texts: list[str]):
        self.by_gram: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            for gram in {text[i:i + 2] for i in range(len(text) - 1)}:
                self.by_gram.setdefault(gram, []).append(index)

    def candidates(self, name: str) -> list[int]:
        found: set[int] = set()
        for i in range(len(name) - 1):
            found.update(self.by_gram.get(name[i:i + 2], ()))
        return sorted(found)


class _Clauses:
    """The sentences of the performance part that hold a figure.

    The figure must sit in the same sentence as a name: a sentence that
    spends a fund and counts what it bought (下拨救助资金312.65万元，救助受灾
    群众1.2万人次) reports on it.  Only the performance part is searched: a
    list in the basic part (内设科室6个：…社会事务科…) or a stated target
    says nothing of results.  A long text gets an index by character pair,
    so a lookup costs the sentences that share a pair with the name, not
    the whole text.
    """

    __slots__ = ("texts", "lines", "index")

    #: below this many clauses a plain scan is cheaper than building the index
    INDEX_FROM = 400

    def __init__(self, report: Report, quantified):
        self.texts: list[str] = []
        self.lines: list[int] = []
        self.index: Optional[_GramIndex] = None
        for number, figures in sorted(quantified.items()):
            line = report.lines[number - 1]
            starts = sorted(start for start, _ in figures)
            for clause in _CLAUSE.finditer(line):
                first = bisect_left(starts, clause.start())
                if first < len(starts) and starts[first] < clause.end():
                    self.texts.append(clause.group())
                    self.lines.append(number)

    def candidates(self, core: str):
        if len(self.texts) < self.INDEX_FROM:
            return range(len(self.texts))
        if self.index is None:
            self.index = _GramIndex(self.texts)
        return self.index.candidates(core)


_LIST_ITEM = re.compile(r"[^、，,；;]+")


def _named_sub_projects(report: Report, params) -> list[str]:
    """Names a line lists as the project's parts (共实施三个子项目：甲、乙、丙。): each is
    held to a figure like a funded item, though the list gives no money."""
    listing = params["sub_project_list"]
    if listing is None:
        return []
    names = []
    for line, start, end in text_index(report).matches(listing):
        text = report.lines[line - 1]
        stop = next((i for i in range(end, len(text)) if text[i] in "。；;"), len(text))
        names.extend(m.group().strip() for m in _LIST_ITEM.finditer(text, end, stop))
    return [name for name in names if len(name) >= params["min_name_chars"]]


def _funded_labels(report: Report) -> list[str]:
    """What the report spends money on: the labels of its amounts and breakdown parts."""
    labels = [amount.label for amount in report.amounts if amount.label]
    for breakdown in report.breakdowns:
        labels.extend(part.label for part in breakdown.parts if part.label)
    return labels


def _description_line(report: Report, first: int, last: int, fallback: int) -> tuple[int, int, int]:
    """The line that describes the item: the first prose line of its range."""
    for number in range(first, last + 1):
        text = report.lines[number - 1]
        stripped = text.strip()
        if "\t" in text or not stripped:
            continue
        if number == first and len(stripped) <= 40 and not stripped.endswith("。"):
            continue  # a short heading: the description is below it
        if stripped.endswith(("：", ":")) and number < last:
            continue  # an introduction ("项目实施及绩效情况如下：")
        if len(stripped) > 40 or stripped.endswith("。"):
            start = len(text) - len(text.lstrip())
            return number, start, len(text.rstrip())
    text = report.lines[fallback - 1]
    start = len(text) - len(text.lstrip())
    return fallback, start, len(text.rstrip())


def _is_heading(report: Report, section: Section) -> bool:
    text = report.lines[section.line - 1].strip()
    return len(text) <= 40 and not text.endswith("。")


def _performance_parts(report: Report, params) -> list[Section]:
    """Headings of the performance part (资金使用及绩效情况, 履职产出情况 …)."""
    heads, exclude = params["performance_part"], params["part_exclude"]
    return [s for s in report.headings
            if s.number and heads is not None and heads.search(s.title) and _is_heading(report, s)
            and not (exclude is not None and exclude.search(s.title))]


def _report_items(report: Report, parts: list[Section]) -> list[Section]:
    """Numbered items inside the performance part: where projects are reported on."""
    items = []
    seen = set()
    for part in parts:
        for child in part.children:
            for item in (child, *child.children):
                if item.number and item.line not in seen:
                    seen.add(item.line)
                    items.append(item)
    return items


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
        if not target and not actual:
            continue  # a grade or note row (自评等级 … 优), not an indicator
        if not target or NOTHING.match(target) or target in ("—", "-", "/"):
            hits.append(Hit(span, args, "no-target"))
            continue
        if not actual or actual in ("—", "-", "/"):
            hits.append(Hit(span, args, "no-actual"))
            continue
        nature = _cell_text(row, columns.get("nature")) if "nature" in columns else ""
        if _unquantified(row, columns, nature, target, actual, params):
            hits.append(Hit(span, args, "unquantified"))
            continue
        kind_of_row = _cell_text(row, columns.get("level2")) + name
        deviation = _deviation(nature + target, actual, params, kind_of_row)
        if deviation is None:
            continue
        reason = _cell_text(row, columns.get("reason")) if "reason" in columns else ""
        if reason and not NOTHING.match(reason) and reason not in ("—", "-", "/"):
            continue
        if _explained_in_prose(report, name, params):
            continue
        hits.append(Hit(span, {**args, "deviation": deviation}, "no-reason"))
    return hits


_DIGIT = re.compile(r"\d")


def _unquantified(row: Row, columns, nature: str, target: str, actual: str, params) -> bool:
    """A row of a quantitative kind (数量/质量/效益 …) whose target and actual are both
    words with no figure and state a change without its size (有所提升 → 明显提升):
    nothing measures it.  A row declared
    定性, or judged by attainment (达成年度指标), is qualitative by design."""
    kinds, qualitative, vague = params["quantitative_kinds"], params["qualitative"], params["vague_change"]
    if kinds is None or vague is None or _DIGIT.search(target) or _DIGIT.search(actual):
        return False
    if not (vague.search(target) or vague.search(actual)):
        return False  # 及时 → 及时, 合格 → 合格: a yes/no standard met, not a size left out
    if qualitative is not None and any(qualitative.search(cell) for cell in (nature, target, actual)):
        return False
    level = " ".join(_cell_text(row, columns.get(role)) for role in ("level2", "level1") if role in columns)
    return bool(level) and kinds.search(level) is not None


def _row_span(row: Row, cell) -> Span:
    if cell is not None:
        return Span(row.line, cell.span.start, max(cell.span.end, cell.span.start))
    first = row.cells[0].span if row.cells else Span(row.line, 0, 0)
    return Span(row.line, first.start, first.end)


def _deviation(target: str, actual: str, params, kind_of_row: str = "") -> Optional[str]:
    """'shortfall' or 'over' when the actual misses or overshoots the target, else None.

    Lower is better when the target says so (≤, 不高于) or, with no sign
    written, when the indicator is a cost, a time limit or a rate of harm
    (the pack's ``reverse_names``)."""
    goal = _number(target)
    done = _number(actual)
    if goal is None or done is None:
        return None
    reverse = params["reverse"] is not None and params["reverse"].search(target)
    if not reverse and params["reverse_names"] is not None and not _HIGHER_SIGN.search(target):
        reverse = params["reverse_names"].search(kind_of_row)
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
