"""Projects and their budget figures.

A project is a line that names one and states its money: either a list
item (``1．重大项目谋划及前期工作经费，全年预算350.00万元，实际支出…``) or a
``项目“文联专项”年初预算…`` sentence.  The words before the first figure
name it; labels of the figures say which is the 年初预算, an adjustment
(调增 / 追加 / 调减), the 全年预算, the 实际支出 and the stated 执行率.
A project's body runs to the line before the next project or heading.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Adjustment, Amount, Percent, Project, Span

_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}\s*[．.、]|[（(]\d{1,2}[）)]|[①-⑳])\s*")
_QUOTED = re.compile(r"项目[“\"「](?P<name>[^”\"」]{1,60})[”\"」]")
_INITIAL = re.compile(r"年初预算")
_FULL = re.compile(r"全年预算|调整后预算|预算调整数|全年\(调整\)预算|全年（调整）预算")
_ADD = re.compile(r"调增|追加")
_CUT = re.compile(r"调减")
_ACTUAL = re.compile(r"实际支出|执行数|全年支出|实际使用|支出$")
_RATE = re.compile(r"执行率")
_NAME_END = re.compile(r"[，,。；;：:]|年初预算|全年预算|预算|实际支出")
_NAME_TRIM = re.compile(r"(?:项目)?(?:的)?$")


def _name(line: str, first_figure: int) -> Optional[str]:
    quoted = _QUOTED.search(line, 0, first_figure + 1)
    if quoted:
        rest = line[quoted.start() + 2:first_figure]
        end = _NAME_END.search(rest)
        name = (rest[: end.start()] if end else rest).strip()
        if name.startswith("“") and name.endswith("”") and name.count("“") == 1:
            name = name[1:-1]
        return name or quoted["name"].strip()
    marker = _LIST_MARKER.match(line)
    if not marker:
        return None
    rest = line[marker.end():first_figure]
    end = _NAME_END.search(rest)
    name = rest[: end.start()] if end else rest
    if end and end.group() == "。":
        return None  # "1．预算执行。…" is a titled paragraph, not a project item
    name = name.strip().strip("“”\"")
    name = _NAME_TRIM.sub("", name) if name.endswith("项目") and len(name) > 4 else name
    return name or None


def _project(line: str, number: int, amounts: list[Amount], percents: list[Percent]) -> Optional[Project]:
    if len(amounts) < 2:
        return None
    initial = full = actual = None
    adjustments = []
    for amount in amounts:
        label = amount.label
        if _FULL.search(label):
            full = full or amount
        elif _INITIAL.search(label):
            initial = initial or amount
        elif _CUT.search(label):
            adjustments.append(Adjustment(-1, amount, _CUT.search(label).group()))
        elif _ADD.search(label) and "较" not in label:
            adjustments.append(Adjustment(1, amount, _ADD.search(label).group()))
        elif _ACTUAL.search(label) and actual is None:
            actual = amount
    if actual is None or (initial is None and full is None):
        return None
    first = min(a.span.start for a in amounts)
    name = _name(line, first)
    if not name:
        return None
    rate = next((p for p in percents if _RATE.search(p.label)), None)
    return Project(name, Span(number, 0, len(line)), initial, tuple(adjustments), full, actual, rate, (number, number))


def find_projects(lines, headings, figures, tables) -> tuple[Project, ...]:
    """Every project whose money the report states, in document order."""
    amounts_by_line: dict[int, list[Amount]] = {}
    for amount in figures.amounts:
        amounts_by_line.setdefault(amount.span.line, []).append(amount)
    percents_by_line: dict[int, list[Percent]] = {}
    for percent in figures.percents:
        percents_by_line.setdefault(percent.span.line, []).append(percent)
    table_lines = {row.line for table in tables for row in (table.header, *table.rows)}
    found: list[Project] = []
    for number in sorted(amounts_by_line):
        if number in table_lines:
            continue
        line = lines[number - 1]
        if not (_LIST_MARKER.match(line) or _QUOTED.search(line)):
            continue
        project = _project(line, number, amounts_by_line[number], percents_by_line.get(number, []))
        if project is not None:
            found.append(project)
    numbered = sorted(section.line for section in headings or () if section.number)
    result = []
    for index, project in enumerate(found):
        start = project.span.line
        if index + 1 < len(found):
            stop = found[index + 1].span.line - 1
        else:
            later = [line for line in numbered if line > start]
            stop = later[0] - 1 if later else start + _trailing_body(lines, start)
        result.append(_with_body(project, (start, max(start, stop))))
    return tuple(result)


def _trailing_body(lines, start: int) -> int:
    """Without headings, the last project owns the lines up to the next list item."""
    extra = 0
    for line in lines[start:]:
        if _LIST_MARKER.match(line) or not line.strip():
            break
        extra += 1
    return extra


def _with_body(project: Project, body: tuple[int, int]) -> Project:
    return Project(project.name, project.span, project.initial_budget, project.adjustments,
                   project.full_budget, project.actual, project.stated_rate, body)
