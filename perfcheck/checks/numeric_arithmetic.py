"""arithmetic: stated rates and scores against their own figures.

Prose: 执行率 (executed ÷ budget; a project's spending from its list when
only the budget is on the line), growth (增长/下降 against 较上年的 X, and
its direction), changes in percentage points, shares (占 Y 的 p%, or of the
whole a 其中 splits), 节约率, rates of two counts (计划48处，实际完成45处，
完成率…), satisfaction rates against their survey counts, "为年度目标 X 的
p%" (the target from the 自评表 when the prose gives none), and scores
(执行率得分 against its weight, a total against the scores listed, a score
above its weight).  Tables (绩效自评表): 得分 > 分值, the 执行率 row's score,
reverse (≤) indicators met but not given full marks, the report's own
proportional rule, 总分 ≠ Σ 得分, and the funds part's 执行率.  Grades
(优/良/中/差) against the score and the bands the report states (or the
rule's defaults).

A rate is judged with interval arithmetic (see ``numeric_intervals``): it
holds when some values within the rounding of its figures give it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import Iterable, Optional, Sequence, Union

from .. import format as fmt
from ..model import Amount, Count, Percent, Report, Row, Span, Table
from ..parse.breakdowns import COMPARISON
from ..parse.breakdowns import _depths as bracket_depths
from ..parse.clauses import end_after, start_before
from ..parse.numbers import ARABIC, parse_arabic
from ..parse.structure import numbering_of
from ..parse.tables import is_total_row
from . import Hit
from . import numeric_intervals as iv
from .numeric_lists import counted_lists

Figure = Union[Amount, Count, Percent]
HUNDRED = Decimal(100)

_SENTENCE_END = "。！？!?"


class Line:
    """The figures of one prose line, in column order."""

    __slots__ = ("number", "text", "amounts", "percents", "counts")

    def __init__(self, number: int, text: str):
        self.number = number
        self.text = text
        self.amounts: list[Amount] = []
        self.percents: list[Percent] = []
        self.counts: list[Count] = []

    def sentence_start(self, column: int) -> int:
        return start_before(self.text, column, _SENTENCE_END)

    def before(self, figures: Sequence, column: int) -> list:
        """Figures of the sentence holding ``column`` that come before it (``figures``
        in column order, as the parser gives them)."""
        start = self.sentence_start(column)
        return list(figures[bisect_left(figures, start, key=_column):bisect_left(figures, column, key=_column)])


def prose_lines(report: Report) -> dict[int, Line]:
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    lines: dict[int, Line] = {}

    def line(number: int) -> Optional[Line]:
        if number in table_lines:
            return None
        if number not in lines:
            lines[number] = Line(number, report.lines[number - 1])
        return lines[number]

    for amount in report.amounts:
        target = line(amount.span.line)
        if target is not None:
            target.amounts.append(amount)
    for percent in report.percents:
        target = line(percent.span.line)
        if target is not None:
            target.percents.append(percent)
    for count in report.counts:
        target = line(count.span.line)
        if target is not None:
            target.counts.append(count)
    return lines


def _outside_brackets(text: str, column: int) -> bool:
    return bracket_depths(text)[column] == 0 if column < len(text) else True


def _column(figure) -> int:
    return figure.span.start


def _hit(span: Span, what: str, stated: str, computed: str, figures: str, diff: str, variant: str = "default") -> Hit:
    return Hit(span, {"what": what, "stated": stated, "computed": computed, "figures": figures, "diff": diff}, variant=variant)


def _rate_hit(percent: Percent, what: str, value: Decimal, figures: str) -> Hit:
    decimals = max(percent.decimals, 2)
    return _hit(percent.span, what, fmt.percent(percent.value, percent.decimals), fmt.percent(value, decimals), figures,
                fmt.number(abs(value - percent.value), decimals) + "个百分点")


def _show(figure: Figure) -> str:
    if isinstance(figure, Amount):
        return fmt.amount(figure)
    if isinstance(figure, Count):
        if figure.text and not figure.text[0].isdigit() or "万" in figure.text or "亿" in figure.text:
            return figure.text  # 4.82万人次, 三个: as written
        return fmt.number(figure.value, iv.decimals_of(figure.value)) + figure.measure
    return fmt.percent(figure.value, figure.decimals)


def _rate_holds(numerator: iv.Interval, denominator: iv.Interval, percent: Percent) -> bool:
    computed = iv.quotient(numerator, denominator)
    return computed is None or iv.rounds_to(computed, percent.value, percent.decimals)


def _exact_rate(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * HUNDRED if denominator else Decimal(0)


# --------------------------------------------------------------------------
# prose rates


def _execution_rates(line: Line, params, spent_elsewhere: "ProjectSpending") -> Iterable[Hit]:
    rate_label = params["execution_rate_label"]
    executed_label = params["executed_label"]
    full_label = params["full_budget_label"]
    initial_label = params["initial_budget_label"]
    for percent in line.percents:
        if not rate_label.search(percent.label):
            continue
        amounts = [a for a in line.before(line.amounts, percent.span.start)
                   if not COMPARISON.search(a.label) and _outside_brackets(line.text, a.span.start)]
        executed = [a for a in amounts if executed_label.search(a.label) and not re.search("预算|结余|节约", a.label)]
        if executed:
            actual = executed[-1]
            budgets = [a for a in amounts if a.span.start < actual.span.start]
        else:
            # "2.B项目全年预算150.00万元，执行率97.03%": B's spending is stated in a list of projects
            named = [a for a in amounts if full_label.search(a.label) or initial_label.search(a.label)]
            actual = spent_elsewhere.find(named[-1], full_label, initial_label) if len(named) == 1 else None
            if actual is None:
                continue
            budgets = named
        full = [a for a in budgets if full_label.search(a.label)]
        initial = [a for a in budgets if initial_label.search(a.label)]
        if full:
            budget_iv = iv.of_amount(full[-1])
            shown = [full[-1]]
            budget_value = full[-1].yuan
        elif initial:
            budget_iv = iv.of_amount(initial[-1])
            budget_value = initial[-1].yuan
            shown = [initial[-1]]
            for change in budgets:
                if change.span.start <= initial[-1].span.start:
                    continue
                if re.search("调增|追加", change.label):
                    budget_iv = (budget_iv[0] + iv.of_amount(change)[0], budget_iv[1] + iv.of_amount(change)[1])
                    budget_value += change.yuan
                    shown.append(change)
                elif re.search("调减", change.label):
                    budget_iv = (budget_iv[0] - iv.of_amount(change)[1], budget_iv[1] - iv.of_amount(change)[0])
                    budget_value -= change.yuan
                    shown.append(change)
        else:
            continue
        if _rate_holds(iv.of_amount(actual), budget_iv, percent):
            continue
        figures = f"{_show(actual)} ÷ " + " ± ".join(_show(b) for b in shown)
        yield _rate_hit(percent, percent.label or "执行率", _exact_rate(actual.yuan, budget_value), figures)


_GROWTH = re.compile(r"^(?:同比|分别|共|累计)?(?:增长|下降|增幅|降幅|减少|提高|降低|上升|减幅)(?:率)?$")
_PRIOR = re.compile(r"上年|去年|上一年")


class ProjectSpending:
    """Each listed project's spending by name (from a count's list of projects), for an
    execution rate stated on another line with only the project's budget."""

    def __init__(self, report: Report):
        self.by_name: dict[str, Amount] = {}
        for listed in counted_lists(report, set()):
            if not listed.projects:
                continue
            for item in listed.items:
                spent = item.spending
                if listed.budgets and not item.says_spent:
                    continue  # money under 安排/预算 is spending only where the item says so
                if spent is not None and len(item.name) >= 4:
                    self.by_name.setdefault(_PROJECT_SUFFIX.sub("", item.name), spent)

    def find(self, budget: Amount, *budget_labels: re.Pattern) -> Optional[Amount]:
        if not self.by_name:
            return None
        name = budget.label
        for pattern in budget_labels:
            found = pattern.search(name)
            if found:
                name = name[:found.start()]
                break
        numbering = numbering_of(name)
        name = _PROJECT_SUFFIX.sub("", name[numbering.end:] if numbering else name).strip("“”\" ")
        spent = self.by_name.get(name)
        if spent is None or spent.span.line == budget.span.line or spent.yuan == budget.yuan:
            return None  # a list of budgets, not of spending
        return spent


_PROJECT_SUFFIX = re.compile(r"(?:项目)?(?:的)?$")


def _growth_rates(line: Line, params) -> Iterable[Hit]:
    for percent in line.percents:
        if not _GROWTH.search(percent.label) or "百分点" in line.text[percent.span.end:percent.span.end + 4]:
            continue
        for figures in (line.amounts, line.counts):
            before = line.before(figures, percent.span.start)
            priors = [f for f in before if _PRIOR.search(f.label)]
            if not priors:
                continue
            prior = priors[-1]
            current = [f for f in before if f is not prior and not COMPARISON.search(f.label)
                       and not _PRIOR.search(f.label) and _same_kind(f, prior)]
            deltas = [f for f in before if f.span.start > prior.span.start and re.search("增加|减少|下降|增长", f.label)
                      and _same_kind(f, prior)]
            candidates = []
            if deltas:
                candidates.append((iv.of_figure(deltas[-1]), iv.value_of(deltas[-1]), deltas[-1]))
            if current:
                change = iv.difference(iv.of_figure(current[-1]), iv.of_figure(prior))
                if change[0] < 0 < change[1] or change[1] <= 0:
                    change = (abs(change[1]) if change[1] <= 0 else Decimal(0), abs(change[0]))
                    change = (min(change), max(change))
                candidates.append((change, abs(iv.value_of(current[-1]) - iv.value_of(prior)), current[-1]))
            if not candidates:
                continue
            if current:
                wrong_way = _wrong_direction(percent, current[-1], prior)
                if wrong_way is not None:
                    yield wrong_way
                    break
            base = iv.of_figure(prior)
            if any(_rate_holds(c[0], base, percent) for c in candidates):
                break
            delta_iv, delta_value, used = candidates[0]
            if deltas and used is deltas[-1]:
                shown = _show(used)
            elif iv.value_of(used) >= iv.value_of(prior):
                shown = f"({_show(used)} − {_show(prior)})"
            else:
                shown = f"({_show(prior)} − {_show(used)})"
            yield _rate_hit(percent, percent.label, _exact_rate(delta_value, iv.value_of(prior)), f"{shown} ÷ {_show(prior)}")
            break


_UP = re.compile(r"增长|增幅|提高|上升|增加")
_DOWN = re.compile(r"下降|降幅|减少|降低|减幅")


def _wrong_direction(percent: Percent, current: Figure, prior: Figure) -> Optional[Hit]:
    """增长 p% where this year's figure is below last year's (or 下降 above), beyond rounding."""
    change = iv.difference(iv.of_figure(current), iv.of_figure(prior))
    up, down = _UP.search(percent.label), _DOWN.search(percent.label)
    if up and not down and change[1] < 0:
        actual = "下降"
    elif down and not up and change[0] > 0:
        actual = "增长"
    else:
        return None
    value = _exact_rate(abs(iv.value_of(current) - iv.value_of(prior)), iv.value_of(prior))
    return _hit(percent.span, percent.label, fmt.percent(percent.value, percent.decimals),
                actual + fmt.percent(value, max(percent.decimals, 2)),
                f"本年{_show(current)}，上年{_show(prior)}", "", variant="direction")


_POINTS_CHANGE = re.compile(r"(?P<word>提高|上升|增加|增长|下降|降低|减少)(?:了)?\s*(?P<pp>" + ARABIC + r")\s*个百分点")


def _point_changes(line: Line) -> Iterable[Hit]:
    """满意度92.4%，较上年的90.8%提高2.1个百分点: the points are the difference of the two rates."""
    for match in _POINTS_CHANGE.finditer(line.text):
        rates = line.before(line.percents, match.start())
        priors = [p for p in rates if _PRIOR.search(p.label)]
        if not priors:
            continue
        prior = priors[-1]
        current = [p for p in rates if p is not prior and not _PRIOR.search(p.label) and not COMPARISON.search(p.label)]
        if not current:
            continue
        now = current[-1]
        points, decimals = parse_arabic(match["pp"])
        change = iv.difference(iv.of_number(now.value, now.decimals), iv.of_number(prior.value, prior.decimals))
        up = match["word"] in ("提高", "上升", "增加", "增长")
        signed = (change[0], change[1]) if up else (-change[1], -change[0])
        if iv.rounds_to(signed, points, decimals):
            continue
        value = (now.value - prior.value) if up else (prior.value - now.value)
        shown = max(decimals, now.decimals, prior.decimals)
        yield _hit(Span(line.number, match.start("pp"), match.end()), f"{now.label or '比率'}{match['word']}",
                   fmt.number(points, decimals) + "个百分点", fmt.number(value, shown) + "个百分点",
                   f"{fmt.percent(now.value, now.decimals)} − {fmt.percent(prior.value, prior.decimals)}",
                   fmt.number(abs(value - points), shown) + "个百分点")


def _same_kind(a: Figure, b: Figure) -> bool:
    if isinstance(a, Amount) and isinstance(b, Amount):
        return True
    if isinstance(a, Count) and isinstance(b, Count):
        return a.measure == b.measure
    return False


_SHARE = re.compile(r"占(?P<den>[^，。；,;%占]{1,24}?)(?:的)?(?:比重|比例)?(?:为|达|约)?$")
_LABEL_PREFIX = re.compile(r"^(?:\d{4}年度?|本年度?|全年|当年|全部|全县|全区|全市|部门)+")


def _core(label: str) -> str:
    return _LABEL_PREFIX.sub("", label)


class LabelIndex:
    """Amounts by the ends of their labels (基本支出 finds 2023年基本支出), for 占…的 lookups."""

    def __init__(self, amounts: Sequence[Amount]):
        self.by_key: dict[str, list[Amount]] = {}
        for amount in amounts:
            if COMPARISON.search(amount.label):
                continue
            core = _core(amount.label)
            keys = {core} | {amount.label[i:] for i in range(len(amount.label) - 3)}
            for key in keys:
                if key:
                    self.by_key.setdefault(key, []).append(amount)

    def last_before(self, name: str, before: Span) -> Optional[Amount]:
        core = _core(name)
        if len(core) < 2:
            return None
        found = None
        for amount in self.by_key.get(core, ()):
            if (amount.span.line, amount.span.start) >= (before.line, before.start):
                break
            if _core(amount.label) == core or (amount.label.endswith(core) and len(core) >= 4):
                found = amount
        return found


def _shares(line: Line, labels: "LabelIndex") -> Iterable[Hit]:
    for percent in line.percents:
        start = line.sentence_start(percent.span.start)
        head = line.text[start:percent.span.start]
        match = _SHARE.search(head)
        if not match:
            continue
        denominator = labels.last_before(match["den"], percent.span)
        if denominator is None or denominator.is_zero:
            continue
        occupy = start + match.start()
        subject = line.text[line.sentence_start(occupy):occupy]
        clause = re.split(r"[，,；;：:]", subject)[-1].strip()
        numerator = None
        if clause and not re.search(r"\d", clause):
            numerator = labels.last_before(clause, percent.span)
        else:
            before = [a for a in line.amounts if start <= a.span.start < occupy and not COMPARISON.search(a.label)]
            numerator = before[-1] if before else None
        if numerator is None or numerator is denominator:
            continue
        if _rate_holds(iv.of_amount(numerator), iv.of_amount(denominator), percent):
            continue
        yield _rate_hit(percent, f"{numerator.label}占{denominator.label}的比重", _exact_rate(numerator.yuan, denominator.yuan),
                        f"{_show(numerator)} ÷ {_show(denominator)}")


_BARE_SHARE = re.compile(r"[，,（(]\s*(?:占比|占)(?:为|达)?\s*$")
_SHARE_OF_NAMED = re.compile(r"[，,（(]\s*占(?P<den>[^，。；,;%占]{1,24}?)(?:的)?(?:比重|比例)?(?:为|达|约)?\s*$")


def _shares_of_the_whole(line: Line) -> Iterable[Hit]:
    """X，其中A…，占p%: a part's share of the whole the 其中 splits (money or counts), when the
    share names no other base (占58.82%) or names the whole itself (占在职人员的38.9%)."""
    text = line.text
    if "其中" not in text:
        return
    figures = sorted([*line.amounts, *line.counts], key=_column)
    for percent in line.percents:
        start = line.sentence_start(percent.span.start)
        marker = text.rfind("其中", start, percent.span.start)
        if marker == -1:
            continue
        head = text[start:percent.span.start]
        named = _SHARE_OF_NAMED.search(head)
        if not (_BARE_SHARE.search(head) or named):
            continue
        low, mid, high = (bisect_left(figures, column, key=_column) for column in (start, marker, percent.span.start))
        wholes = [f for f in figures[low:mid] if not COMPARISON.search(f.label)]
        parts = [f for f in figures[mid:high] if not COMPARISON.search(f.label)]
        if not wholes or not parts:
            continue
        whole, part = wholes[-1], parts[-1]
        if not _same_kind(whole, part) or _CLAUSE_STOP.search(text, part.span.end, percent.span.start):
            continue
        if named and not (named["den"] in whole.label or whole.label.endswith(_core(named["den"]))):
            continue  # another base, judged by the named-share check when it can find it
        if _rate_holds(iv.of_figure(part), iv.of_figure(whole), percent):
            continue
        yield _rate_hit(percent, f"{part.label or '其中'}所占比重", _exact_rate(iv.value_of(part), iv.value_of(whole)),
                        f"{_show(part)} ÷ {_show(whole)}")


_CLAUSE_STOP = re.compile(r"[；;。：:]")


def _savings(line: Line) -> Iterable[Hit]:
    for percent in line.percents:
        if not re.search(r"节约率$|节支率$|节约比例$", percent.label):
            continue
        amounts = line.before(line.amounts, percent.span.start)
        budgets = [a for a in amounts if "预算" in a.label]
        saved = [a for a in amounts if re.search("节约|节支", a.label)]
        actual = [a for a in amounts if re.search("实际|合同|成交|中标", a.label)]
        if not budgets:
            continue
        budget = budgets[-1]
        candidates = []
        if saved:
            candidates.append((iv.of_amount(saved[-1]), saved[-1].yuan, _show(saved[-1])))
        if actual:
            change = iv.difference(iv.of_amount(budget), iv.of_amount(actual[-1]))
            candidates.append((change, budget.yuan - actual[-1].yuan, f"({_show(budget)} − {_show(actual[-1])})"))
        if not candidates:
            continue
        if any(_rate_holds(c[0], iv.of_amount(budget), percent) for c in candidates):
            continue
        _, value, shown = candidates[0]
        yield _rate_hit(percent, percent.label, _exact_rate(value, budget.yuan), f"{shown} ÷ {_show(budget)}")


_TARGET_OF = re.compile(r"(?:目标|计划|任务)[^，。；,;]{0,6}$")


def _of_target(line: Line) -> Iterable[Hit]:
    """完成年度目标4,000人次的105.4%: the figure before ÷ the target."""
    figures = sorted(line.amounts + line.counts, key=lambda f: f.span.start)
    for percent in line.percents:
        if line.text[percent.span.start - 1:percent.span.start] != "的":
            continue
        before = [f for f in figures if f.span.end == percent.span.start - 1]
        if not before:
            continue
        target = before[0]
        if not _TARGET_OF.search(target.label):
            continue
        # the achieved figure is this year's: a prior year's base or a change (比上年的1,085件,
        # 增加151件) is no numerator
        earlier = [f for f in line.before(figures, target.span.start)
                   if _same_kind(f, target) and not COMPARISON.search(f.label) and not _PRIOR.search(f.label)]
        if not earlier:
            continue
        if any(_rate_holds(iv.of_figure(f), iv.of_figure(target), percent) for f in earlier):
            continue
        if len({iv.value_of(f) for f in earlier}) > 1:
            continue  # several candidate numerators, none fits: no telling which was meant
        done = earlier[-1]
        yield _rate_hit(percent, "完成目标的比例", _exact_rate(iv.value_of(done), iv.value_of(target)),
                        f"{_show(done)} ÷ {_show(target)}")


_OF_PLAN = re.compile(r"(?:为|占|达到|达|完成)(?:了)?(?:年度|全年|年初)?(?:计划|目标|任务)(?:任务|数|值|量)?的$")
_TARGET_SIGN = re.compile(r"^\s*(?:≥|>|＞|不低于|不少于|=)")


class TargetsByActual:
    """自评表 rows by their actual value (12,180亩 -> the row's target ≥12,500亩), for
    "完成12,180亩，为计划任务的98.4%" whose plan is stated only in the table."""

    def __init__(self, report: Report):
        self.rows: dict[tuple[Decimal, str], list[tuple[str, Decimal, int]]] = {}
        for table in report.tables:
            columns = table.columns
            if "target" not in columns or "actual" not in columns:
                continue
            for row in table.rows:
                actual = _number(_cell(row, columns["actual"]))
                target_text = _cell(row, columns["target"])
                target = _number(_TARGET_SIGN.sub("", target_text))
                if actual is None or target is None or not actual[2] or target[2] != actual[2] or target[0] == 0:
                    continue
                name = _cell(row, columns.get("level3"))
                self.rows.setdefault((actual[0], actual[2]), []).append((name, target[0], target[1]))

    def target_of(self, figure: Figure) -> Optional[tuple[Decimal, int]]:
        unit = figure.unit if isinstance(figure, Amount) else getattr(figure, "measure", "")
        found = [row for row in self.rows.get((figure.value, unit), ()) if _shared(row[0], figure.label) >= 2]
        return (found[0][1], found[0][2]) if len(found) == 1 else None


def _of_plan_in_table(line: Line, targets: TargetsByActual) -> Iterable[Hit]:
    if not targets.rows:
        return
    figures = sorted(line.amounts + line.counts, key=lambda f: f.span.start)
    for percent in line.percents:
        start = line.sentence_start(percent.span.start)
        if not _OF_PLAN.search(line.text, start, percent.span.start):
            continue
        before = [f for f in line.before(figures, percent.span.start)
                  if not COMPARISON.search(f.label) and not _PRIOR.search(f.label)]
        if not before or _CLAUSE_BREAK.search(line.text, before[-1].span.end, percent.span.start):
            continue
        done = before[-1]
        if _TARGET_OF.search(done.label):
            continue  # the figure is the plan itself (完成年度目标4,000人次的…): judged by _of_target
        target = targets.target_of(done)
        if target is None:
            continue
        target_iv = iv.of_number(target[0], target[1], exact_integers=isinstance(done, Count))
        if _rate_holds(iv.of_figure(done), target_iv, percent):
            continue
        unit = done.unit if isinstance(done, Amount) else done.measure
        yield _rate_hit(percent, "完成计划的比例", _exact_rate(done.value, target[0]),
                        f"{_show(done)} ÷ {fmt.number(target[0], target[1])}{unit}（自评表年度指标值）")


_CLAUSE_BREAK = re.compile(r"[；;。：:]")


def _survey_rates(line: Line, params) -> Iterable[Hit]:
    """满意度 p% against its own survey counts: the satisfied ÷ the valid (or returned, or sent)
    questionnaires before them; holds when any of those bases gives p."""
    for percent in line.percents:
        if not params["survey_rate_label"].search(percent.label):
            continue
        counts = [c for c in line.before(line.counts, percent.span.start) if not COMPARISON.search(c.label)]
        satisfied = [c for c in counts if "满意" in c.label and "不满意" not in c.label]
        if not satisfied:
            continue
        first = satisfied[0]
        bases = [c for c in counts if c.span.start < first.span.start and "满意" not in c.label
                 and c.measure == first.measure and c.value >= first.value]
        if not bases:
            continue
        # the satisfied may be one grade or several added up (非常满意 + 满意 + 基本满意);
        # the unsatisfied, when stated, leave the rest
        numerators = [iv.of_figure(c) for c in satisfied]
        running = iv.of_figure(satisfied[0])
        for count in satisfied[1:]:
            step = iv.of_figure(count)
            running = (running[0] + step[0], running[1] + step[1])
            numerators.append(running)
        unsatisfied = [c for c in counts if "不满意" in c.label and c.measure == first.measure]
        for base in bases:
            for count in unsatisfied:
                numerators.append(iv.difference(iv.of_figure(base), iv.of_figure(count)))
        if any(_rate_holds(n, iv.of_figure(base), percent) for n in numerators for base in bases):
            continue
        base = bases[-1]
        yield _rate_hit(percent, percent.label, _exact_rate(iv.value_of(first), iv.value_of(base)),
                        f"{_show(first)} ÷ {_show(base)}")


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


def _pair_rates(line: Line, params) -> Iterable[Hit]:
    """计划48处，实际完成45处，完成率97.5%: the later count over the earlier one."""
    plan_words = params["plan_words"]
    done_words = params["done_words"]
    skip = params["pair_rate_skip"]
    for percent in line.percents:
        label = percent.label
        if not label.endswith("率") or skip.search(label):
            continue
        figures = sorted(line.before(line.counts, percent.span.start) + line.before(line.amounts, percent.span.start),
                         key=lambda f: f.span.start)
        if len(figures) < 2:
            continue
        first, second = figures[-2], figures[-1]
        if not _same_kind(first, second) or COMPARISON.search(first.label) or COMPARISON.search(second.label):
            continue
        # the three figures must sit in neighbouring clauses of one statement
        if not (_close(line.text[first.span.end:second.span.start]) and _close(line.text[second.span.end:percent.span.start])):
            continue
        stem = label[:-1]
        related = _shared(stem, second.label) >= 3 or (plan_words.search(first.label) and done_words.search(second.label))
        if not related:
            continue
        a, b = iv.of_figure(first), iv.of_figure(second)
        if _rate_holds(b, a, percent) or _rate_holds(a, b, percent):
            continue
        pool = [f for f in figures if _same_kind(f, first)]
        if any(_rate_holds(iv.of_figure(x), iv.of_figure(y), percent) for x in pool for y in pool if x is not y):
            continue
        yield _rate_hit(percent, label, _exact_rate(iv.value_of(second), iv.value_of(first)),
                        f"{_show(second)} ÷ {_show(first)}")


def _close(between: str) -> bool:
    return len(re.findall("[，,、]", between)) <= 1 and not re.search("[；;。：:]", between)


def _shared(a: str, b: str) -> int:
    """Length of the longest common substring of two short labels."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# --------------------------------------------------------------------------
# grades


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


# --------------------------------------------------------------------------
# tables

_CELL_NUMBER = re.compile(r"^\s*(?P<sign>[≥≤<>=＞＜]|不低于|不少于|不高于|不超过)?\s*(?P<num>" + ARABIC + r")\s*(?P<unit>[^\d\s]*)\s*$")
_REVERSE_WORDS = re.compile(r"^\s*(?:≤|<|＜|不高于|不超过|低于)|以内|以下")


def _number(cell_text: str) -> Optional[tuple[Decimal, int, str]]:
    match = _CELL_NUMBER.match(cell_text or "")
    if not match:
        return None
    value, decimals = parse_arabic(match["num"])
    return value, decimals, match["unit"] or ""


def _cell(row: Row, column: Optional[int]) -> str:
    cell = row.cell(column)
    return cell.text.strip() if cell else ""


def _cell_span(row: Row, column: Optional[int]) -> Span:
    cell = row.cell(column)
    if cell is None:
        return Span(row.line, 0, sum(len(c.text) + 1 for c in row.cells) - 1)
    return cell.span


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
            allowance = iv.half_unit(stated[1]) * (1 + sum(1 for r in data_rows if r[3] != 0))
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


# --------------------------------------------------------------------------


def check_arithmetic(report: Report, params) -> Iterable[Hit]:
    # one stated figure judged by two readings (a named share and a share of the 其中 whole)
    # is reported once
    seen: set = set()
    for hit in _all_hits(report, params):
        if hit.span is None or hit.span not in seen:
            if hit.span is not None:
                seen.add(hit.span)
            yield hit


def _all_hits(report: Report, params) -> Iterable[Hit]:
    lines = prose_lines(report)
    labels = LabelIndex(report.amounts)
    spending = ProjectSpending(report)
    targets = TargetsByActual(report)
    for number in sorted(lines):
        line = lines[number]
        if line.percents:
            yield from _execution_rates(line, params, spending)
            yield from _growth_rates(line, params)
            yield from _point_changes(line)
            yield from _shares(line, labels)
            yield from _shares_of_the_whole(line)
            yield from _savings(line)
            yield from _of_target(line)
            yield from _pair_rates(line, params)
            yield from _of_plan_in_table(line, targets)
            yield from _survey_rates(line, params)
            yield from _prose_rate_scores(line, params)
    for number, text in enumerate(report.lines, 1):
        if "\t" not in text and "分" in text:
            yield from _prose_score_sums(lines.get(number) or Line(number, text))
            yield from _prose_scores_over(lines.get(number) or Line(number, text))
        if "\t" not in text and "分" in text and _STATED_GRADE.search(text):
            yield from _prose_grades(lines.get(number) or Line(number, text), params)
    proportional = bool(report.tables) and stated_proportional_rule(report, params["proportional_rule"])
    previous: list = []
    last_line = -1
    for table in report.tables:
        if proportional:
            yield from _proportional_rows(table, params)
        first_line, end_line = table.lines
        if first_line != last_line + 1:
            previous = []
        yield from _indicator_table(table, params, tuple(previous))
        yield from _funds_table(table, params)
        previous.extend(_scored_rows(table))
        last_line = end_line
