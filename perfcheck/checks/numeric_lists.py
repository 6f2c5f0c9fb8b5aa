"""Stated counts and the items listed after them.

``实施项目3个，具体为：`` followed by ①…④ on the next lines, or ``全年实施4个项目：
A236.80万元、B142.55万元…`` on the same line: a count, the items it
introduces, and each item's money (its spending where the item states
several figures).  Consistency compares the count with the items and the
items' spending with the 项目支出 stated before; arithmetic takes a
project's spending from here when its execution rate is stated elsewhere.

Item lines are the consecutive lines after the intro that carry the same
outline numbering (①, 1．, （1） …) counting up from 1.  When a line of
that numbering continues the run after a paragraph in between, the items
are headings with bodies, and the list is not read (no guessing).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from attrs import frozen

from ..model import Amount, Count, Report
from ..parse.breakdowns import COMPARISON, _depths
from ..parse.clauses import end_after, start_before
from ..parse.structure import numbering_of

#: what may stand between a count and the colon that opens its list
_INTRO = re.compile(r"\s*(?:(?:个|项)?(?:子)?(?:项目|工作|方面|任务|类|部分))?"
                    r"\s*(?:[，,]?\s*(?:具体为|具体是|具体包括|分别为|分别是|包括|如下|即))?\s*[：:]")
#: a count that introduces projects (their spending adds up to 项目支出)
_PROJECT_WORD = re.compile(r"项目")
_EXECUTED = re.compile(r"实际支出|执行数|全年支出|实际使用|支出$")
_BUDGET = re.compile(r"预算|计划|安排|下达")
_SENTENCE_END = "。！？!?"
#: how far after a run of items a continuation is looked for (a heading list with bodies)
_LOOKAHEAD = 40


@frozen(slots=True)
class Item:
    name: str
    line: int
    amounts: tuple[Amount, ...] = ()

    @property
    def spending(self) -> Optional[Amount]:
        """The item's own money: its only figure, or the one labelled as spending."""
        plain = [a for a in self.amounts if not COMPARISON.search(a.label)]
        if len(plain) == 1 and not _BUDGET.search(plain[0].label):
            return plain[0]
        spent = [a for a in plain if _EXECUTED.search(a.label) and not _BUDGET.search(a.label)]
        return spent[0] if len(spent) == 1 else None

    @property
    def says_spent(self) -> bool:
        """The item's money is labelled as spending (实际支出…), not just named."""
        spent = self.spending
        return spent is not None and bool(_EXECUTED.search(spent.label))


@frozen(slots=True)
class CountedList:
    count: Count
    items: tuple[Item, ...]
    projects: bool  # the count says the items are projects
    same_line: bool
    budgets: bool = False  # the intro says the items' money is budgeted (安排4个项目：…), not spent


def _by_line(figures) -> dict[int, list]:
    found: dict[int, list] = {}
    for figure in figures:
        found.setdefault(figure.span.line, []).append(figure)
    return found


def _same_line_items(line: str, number: int, start: int, amounts: list[Amount]) -> list[Item]:
    """Items after the colon up to the sentence end: split at ；, else one item per figure."""
    end = end_after(line, start, _SENTENCE_END)
    depth = _depths(line)
    here = [a for a in amounts if start <= a.span.start < end and depth[a.span.start] == 0]
    if not here:
        return []
    if "；" in line[start:end] or ";" in line[start:end]:
        items = []
        segment_start = start
        for piece in re.split(r"[；;]", line[start:end]):
            segment_end = segment_start + len(piece)
            money = tuple(a for a in here if segment_start <= a.span.start < segment_end)
            if piece.strip():
                items.append(Item(_item_name(piece), number, money))
            segment_start = segment_end + 1
        # a closing remark after the items (…；项目均按期完成): no money where every item had some
        while len(items) > 2 and not items[-1].amounts and all(item.amounts for item in items[:-1]):
            items.pop()
        return items
    if any(_BUDGET.search(a.label) or _EXECUTED.search(a.label) or not a.label for a in here):
        return []  # several figures per item without ； between items: no telling the items apart
    return [Item(a.label, number, (a,)) for a in here]


_NAME_STOP = re.compile(r"[，,。；;：:\d]|全年预算|年初预算|预算|实际支出|支出")
_ORDINAL_CLAUSE = re.compile(r"^\s*[一二三四五六七八九十]+是")


def _item_name(text: str) -> str:
    """The words an item opens with, up to its first figure or punctuation."""
    numbering = numbering_of(text)
    body = text[numbering.end:] if numbering else _ORDINAL_CLAUSE.sub("", text).lstrip()
    stop = _NAME_STOP.search(body)
    return (body[:stop.start()] if stop else body).strip("“”\" ")


def _following_items(report: Report, number: int, amounts_by_line: dict) -> Optional[list[Item]]:
    """Item lines right after ``number``; None when the list is not a plain run of items."""
    lines = report.lines
    first = numbering_of(lines[number]) if number < len(lines) else None
    if first is None or first.ordinal != 1:
        return None
    items = []
    index = number  # 0-based index of the line after the intro
    while index < len(lines):
        numbering = numbering_of(lines[index])
        if numbering is None or numbering.style != first.style or numbering.ordinal != len(items) + 1:
            break
        items.append(Item(_item_name(lines[index]), index + 1, tuple(amounts_by_line.get(index + 1, ()))))
        index += 1
    # the same numbering going on after a paragraph: headings with bodies, not a list
    for later in lines[index:index + _LOOKAHEAD]:
        numbering = numbering_of(later)
        if numbering is not None and numbering.style == first.style and numbering.ordinal == len(items) + 1:
            return None
    return items


def counted_lists(report: Report, measures: set) -> Iterable[CountedList]:
    """Every count that opens a list (``N个…：``), with the items it introduces."""
    amounts_by_line = _by_line(report.amounts)
    table_lines = {row.line for table in report.tables for row in (table.header, *table.rows)}
    for count in report.counts:
        if count.span.line in table_lines or (measures and count.measure not in measures):
            continue
        line = report.lines[count.span.line - 1]
        intro = _INTRO.match(line, count.span.end)
        if not intro or COMPARISON.search(count.label):
            continue
        words = count.label + line[count.span.end:intro.end()]
        projects = bool(_PROJECT_WORD.search(words))
        sentence = start_before(line, count.span.start, "。；;！？")
        budgets = bool(_BUDGET.search(line[sentence:intro.end()]))
        if line[intro.end():].strip():
            items = _same_line_items(line, count.span.line, intro.end(), amounts_by_line.get(count.span.line, []))
            same_line = True
        else:
            items = _following_items(report, count.span.line, amounts_by_line)
            same_line = False
        if items:
            yield CountedList(count, tuple(items), projects, same_line, budgets)
