"""arithmetic: stated rates and scores against their own figures.

Prose rates (this module): 执行率 (executed ÷ budget; a project's spending
from its list when only the budget is on the line), growth (增长/下降 against
较上年的 X, and its direction), changes in percentage points, shares (占 Y 的
p%, or of the whole a 其中 splits), 节约率, rates of two counts (计划48处，
实际完成45处，完成率…), satisfaction rates against their survey counts, and
"为年度目标 X 的 p%" (the target from the 自评表 when the prose gives none).
Scores, grades and the 自评表 are judged in ``numeric_scores``;
``check_arithmetic`` runs both.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from .. import format as fmt
from ..model import UNIT_FACTORS, Amount, Count, Percent, Report, Span
from ..parse.breakdowns import COMPARISON
from ..parse.numbers import ARABIC, parse_arabic
from ..parse.structure import numbering_of
from . import Hit
from . import numeric_intervals as iv
from .numeric_base import (
    Figure, Line, _cell, _column, _exact_rate, _hit, _number, _outside_brackets, _rate_hit, _rate_holds, _shared, _show,
    prose_lines,
)
from .numeric_lists import counted_lists
from .numeric_statements import _NAME_NOISE, _in_goals, _is_target, report_year
from .numeric_scores import (
    _STATED_GRADE, _funds_table, _indicator_table, _proportional_rows, _prose_grades, _prose_rate_scores,
    _prose_score_sums, _prose_scores_over, _qualitative_rows, _scored_rows, _share_column, stated_bands,
    stated_proportional_rule,
)


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


def _growth_rates(line: Line, params, prior_year: re.Pattern = _PRIOR) -> Iterable[Hit]:
    """``prior_year``: what names last year (上年, or 2022年 in a 2023 report)."""
    for percent in line.percents:
        if not _GROWTH.search(percent.label) or "百分点" in line.text[percent.span.end:percent.span.end + 4]:
            continue
        for figures in (line.amounts, line.counts):
            before = line.before(figures, percent.span.start)
            priors = [f for f in before if prior_year.search(f.label)]
            if not priors:
                continue
            prior = priors[-1]
            current = [f for f in before if f is not prior and not COMPARISON.search(f.label)
                       and not prior_year.search(f.label) and _same_kind(f, prior)]
            deltas = [f for f in before if f.span.start > prior.span.start and re.search("增加|减少|下降|增长", f.label)
                      and _same_kind(f, prior)]
            if not current and not deltas:
                # 全年接待4.82万人次。上年接待4.5万人次，同比增长…: this year's figure closes the sentence before
                start = line.sentence_start(percent.span.start)
                previous = line.before(figures, start - 1) if start > 0 else []
                current = [f for f in previous[-1:] if not COMPARISON.search(f.label) and not prior_year.search(f.label)
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


_PER_HEAD = re.compile(r"(?:人均|户均|每人|每户|平均每人|平均每户)(?:获得|发放|补助|补贴|救助)?[^，,；;。\d]{0,6}$")
_APPROXIMATE = re.compile(r"约|近|左右|余|多|以上|以下|超过|不足")
_HEADS = ("人", "名", "户", "人次", "户次")


def _per_head(line: Line) -> Iterable[Hit]:
    """62名…共获得救助金18.60万元，人均3,000元: the sum over the heads counted, when the sentence
    states exactly one sum and one count of people or households before it, none of them approximate."""
    text = line.text
    if not ("均" in text or "每人" in text or "每户" in text):
        return
    for figure in line.amounts:
        start = line.sentence_start(figure.span.start)
        if not _PER_HEAD.search(text, start, figure.span.start) or _APPROXIMATE.search(text, figure.span.start - 3, figure.span.start):
            continue
        sums = [a for a in line.before(line.amounts, figure.span.start) if not COMPARISON.search(a.label)]
        heads = [c for c in line.before(line.counts, figure.span.start) if c.measure in _HEADS and not COMPARISON.search(c.label)]
        if len(sums) != 1 or len(heads) != 1:
            continue
        total, count = sums[0], heads[0]
        after = text[count.span.end:count.span.end + 2] + text[total.span.end:total.span.end + 2]
        if _APPROXIMATE.search(after) or _APPROXIMATE.search(text, count.span.start - 2, count.span.start):
            continue
        quotient = iv.quotient(iv.of_amount(total), iv.of_count(count), Decimal(1) / UNIT_FACTORS[figure.unit])
        if quotient is None or iv.rounds_to(quotient, figure.value, figure.decimals):
            continue
        value = total.yuan / count.value / UNIT_FACTORS[figure.unit]
        shown = max(figure.decimals, 2)
        yield _hit(figure.span, "人均数", fmt.amount(figure), fmt.number(value, shown) + figure.unit,
                   f"{_show(total)} ÷ {_show(count)}", fmt.number(abs(value - figure.value), shown) + figure.unit)


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
        if not (_TARGET_OF.search(target.label) or target.label.startswith("占")):
            continue  # 为年度目标X的p% / 占全年预算X的p%: the figure before 的 is the base
        # the achieved figure is this year's: a prior year's base or a change (比上年的1,085件,
        # 增加151件) is no numerator
        # nor is the base itself stated earlier (梳理事项1,412项，其中…1,286项，占事项总数1,412项的…)
        earlier = [f for f in line.before(figures, target.span.start)
                   if _same_kind(f, target) and not COMPARISON.search(f.label) and not _PRIOR.search(f.label)]
        if any(_rate_holds(iv.of_figure(f), iv.of_figure(target), percent) for f in earlier):
            continue
        earlier = [f for f in earlier if iv.value_of(f) != iv.value_of(target)]
        if not earlier:
            continue
        if len({iv.value_of(f) for f in earlier}) > 1:
            continue  # several candidate numerators, none fits: no telling which was meant
        done = earlier[-1]
        what = f"{target.label}的比重" if target.label.startswith("占") else "完成目标的比例"
        yield _rate_hit(percent, what, _exact_rate(iv.value_of(done), iv.value_of(target)),
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


class ProseTargets:
    """Targets stated in the prose (吸纳脱贫人口就业不少于180人 in the goals), by the
    quantity's name and measure, for "吸纳脱贫人口就业204人，完成目标的118.3%" later.
    A name with two different targets is no target (no telling which was meant)."""

    def __init__(self, report: Report):
        self.by_name: dict[tuple[str, str], list] = {}
        for figure in report.counts:  # money targets come in other units (万元 against 元): not here
            if not (_is_target(report, figure) or _in_goals(report, figure)):
                continue
            name = _target_name(figure.label)
            if len(name) >= 4:
                self.by_name.setdefault((name, _unit_of(figure)), []).append(figure)

    def target_of(self, figure: Figure) -> Optional[Figure]:
        found = self.by_name.get((_target_name(figure.label), _unit_of(figure)), ())
        earlier = [t for t in found if (t.span.line, t.span.start) < (figure.span.line, figure.span.start)]
        return earlier[0] if earlier and len({iv.value_of(t) for t in earlier}) == 1 else None


_TARGET_LEAD = re.compile(r"^(?:力争|确保|计划|预计|年度目标为?|目标为?)+")


_TARGET_WORDS = re.compile(r"(?:不低于|不少于|不高于|不超过|达到|达|为|控制在|力争|以上)+$")


def _target_name(label: str) -> str:
    """The quantity's own name: no target words after it, no 全年/完成 … before it."""
    return _NAME_NOISE.sub("", _TARGET_LEAD.sub("", _TARGET_WORDS.sub("", label.strip())))


def _unit_of(figure: Figure) -> str:
    return figure.unit if isinstance(figure, Amount) else getattr(figure, "measure", "")


def _of_plan_in_table(line: Line, targets: TargetsByActual, prose: Optional[ProseTargets] = None) -> Iterable[Hit]:
    if not targets.rows and not (prose and prose.by_name):
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
        source = "（自评表年度指标值）"
        if target is None and prose is not None:
            stated = prose.target_of(done)
            if stated is not None and isinstance(done, Count):
                target, source = (stated.value, iv.decimals_of(stated.value)), f"（第{stated.span.line}行目标）"
        if target is None:
            continue
        target_iv = iv.of_number(target[0], target[1], exact_integers=isinstance(done, Count))
        if _rate_holds(iv.of_figure(done), target_iv, percent):
            continue
        unit = done.unit if isinstance(done, Amount) else done.measure
        yield _rate_hit(percent, "完成计划的比例", _exact_rate(done.value, target[0]),
                        f"{_show(done)} ÷ {fmt.number(target[0], target[1])}{unit}{source}")


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


#: how many lines back the whole of a rate may stand (the paragraph before: 受理… then 办结…)
_WHOLE_REACH = 3
#: the noun a rate's count and its whole share (办结信访事项 ↔ 受理信访事项), at most this long
_NOUN = 4
_ONE_CLAUSE_BREAK = re.compile(r"^[^，,；;。：:]*[，,][^，,；;。：:]*$")


def _family(measure: str) -> str:
    return measure[:-1] if len(measure) == 2 and measure.endswith("次") else measure  # 件次 counts 件


def _rates_of_a_whole_before(lines: dict, prior_year: re.Pattern) -> Iterable[Hit]:
    """全年受理信访事项1,286件次。… 按期办结信访事项1,241件，按期办结率97.50%: a rate whose count
    stands alone in its statement, over the whole of the same noun stated just before it."""
    earlier: list[Count] = []  # counts of the last lines, in order
    for number in sorted(lines):
        line = lines[number]
        earlier = [c for c in earlier if c.span.line >= number - _WHOLE_REACH]
        for percent in line.percents:
            stem = percent.label[:-1] if percent.label.endswith("率") else ""
            before = line.before(line.counts, percent.span.start)
            if len(stem) < 2 or len(before) != 1 or line.before(line.amounts, percent.span.start):
                continue
            count = before[0]
            if not _ONE_CLAUSE_BREAK.match(line.text[count.span.end:percent.span.start]):
                continue  # the count in the clause just before the rate
            at = count.label.find(stem)
            noun = count.label[at + len(stem):][-_NOUN:] if at >= 0 else ""
            if len(noun) < 2:
                continue
            wholes = [c for c in earlier + [c for c in line.counts if c.span.start < line.sentence_start(count.span.start)]
                      if c.label.endswith(noun) and _family(c.measure) == _family(count.measure)
                      and c.value > count.value and not COMPARISON.search(c.label) and not prior_year.search(c.label)]
            if not wholes:
                continue
            whole = wholes[-1]
            if _rate_holds(iv.of_figure(count), iv.of_figure(whole), percent):
                continue
            yield _rate_hit(percent, percent.label, _exact_rate(iv.value_of(count), iv.value_of(whole)),
                            f"{_show(count)} ÷ {_show(whole)}")
        earlier.extend(line.counts)


def _close(between: str) -> bool:
    return len(re.findall("[，,、]", between)) <= 1 and not re.search("[；;。：:]", between)


# --------------------------------------------------------------------------
# grades


# --------------------------------------------------------------------------
# tables


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
    prose_targets = ProseTargets(report)
    year = report_year(report)
    prior_year = re.compile(_PRIOR.pattern + (f"|{year - 1}年" if year else ""))
    for number in sorted(lines):
        line = lines[number]
        if line.amounts and line.counts:
            yield from _per_head(line)
        if line.percents:
            yield from _execution_rates(line, params, spending)
            yield from _growth_rates(line, params, prior_year)
            yield from _point_changes(line)
            yield from _shares(line, labels)
            yield from _shares_of_the_whole(line)
            yield from _savings(line)
            yield from _of_target(line)
            yield from _pair_rates(line, params)
            yield from _of_plan_in_table(line, targets, prose_targets)
            yield from _survey_rates(line, params)
            yield from _prose_rate_scores(line, params)
    for number, text in enumerate(report.lines, 1):
        if "\t" not in text and "分" in text:
            yield from _prose_score_sums(lines.get(number) or Line(number, text))
            yield from _prose_scores_over(lines.get(number) or Line(number, text))
        if "\t" not in text and "分" in text and _STATED_GRADE.search(text):
            yield from _prose_grades(lines.get(number) or Line(number, text), params)
    yield from _rates_of_a_whole_before(lines, prior_year)
    proportional = bool(report.tables) and stated_proportional_rule(report, params["proportional_rule"])
    bands = stated_bands(report) if report.tables else {}
    previous: list = []
    last_line = -1
    for table in report.tables:
        if proportional:
            yield from _proportional_rows(table, params)
        yield from _qualitative_rows(table, bands)
        first_line, end_line = table.lines
        if first_line != last_line + 1:
            previous = []
        yield from _indicator_table(table, params, tuple(previous))
        yield from _funds_table(table, params)
        yield from _share_column(table)
        previous.extend(_scored_rows(table))
        last_line = end_line
