"""Problem and improvement-measure items.

The problems part is the section titled like 存在的问题; the measures part
the one titled like 改进措施 / 有关建议 / 整改措施.  Templates merge them
in several ways, all handled here:

* one heading (问题及改进措施) with two sub-headings, one for each;
* one heading whose items each state a problem and then its own measure
  (``（一）…不够及时。改进措施：…``);
* one paragraph ``存在问题：一是…二是…。改进措施：一是…``.

Inside a part, the items are its numbered sub-sections (first level only),
else lines or clauses introduced by 一是/二是… or ①②…, else its paragraphs.
A numbered paragraph whose title is only a part's name (2．存在的问题。①…
②…) holds that part on its own line.  A report with no measures part may write each
measure into its problem (…不够细化。下一步，我局将逐项设置指标。): the item
splits into the two.  A form may hold them in rows (存在的问题\t…；…); those
rows count when no part gives them.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..model import ListItem, Section, Span

#: 问题 names the part only at the end of a title or before a joiner (存在的问题及原因);
#: 群众反映问题办结率 or 突出问题专项整治 are about something else
PROBLEM_TITLE = re.compile(r"问题(?=[及和与、（(]|$)|存在(?:的)?(?:主要)?问题|不足(?:之处)?(?=[及和与、（(]|$)")
MEASURE_TITLE = re.compile(
    r"措施|建议|整改(?:措施|情况|方向|计划|意见)|改进|对策|下一?步(?:工作)?(?:计划|打算|安排|举措|思路)"
    r"|今后(?:工作)?(?:打算|安排|计划)|努力方向|工作打算")
#: a heading that only names the lessons, not problems (主要经验及做法)
NOT_A_PART = re.compile(r"^(?:主要)?经验")
#: where a merged item or paragraph turns from the problem to its measure
MEASURE_MARKER = re.compile(r"(?:改进|整改|下一步)?(?:措施|建议|对策)(?:及建议)?[:：]")
#: a problem item that goes on to say what will be done about it (下一步，我局将…)
INLINE_MEASURE = re.compile(
    r"(?:改进|整改|下一步)?(?:措施|建议|对策)(?:及建议)?[:：]"
    r"|(?<=[。；;])\s*(?:下一步|今后|针对(?:上述|以上|此|这一)?问题)[^。；;]{0,12}?(?:将|要|拟|计划)")
#: a paragraph that opens on what will be done
LEADING_MEASURE = re.compile(
    r"\s*(?:(?:下一步|今后|针对(?:上述|以上|这些|存在的)?问题)[^。；;]{0,12}?(?:将|要|拟|计划|采取)"
    r"|(?:改进|整改)(?:措施|建议)|(?:措施|建议)(?:如下|是|[:：]))")
PROBLEM_MARKER = re.compile(r"(?:存在的?|主要)?问题(?:及原因)?[:：]")
ORDINAL_CLAUSE = re.compile(r"(?:^|(?<=[。；;，,：:\s]))([一二三四五六七八九十]是|[①②③④⑤⑥⑦⑧⑨⑩])")
#: the whole title of a numbered paragraph that is itself a part (2．存在的问题。①…②…)
PARAGRAPH_PROBLEMS = re.compile(r"^(?:存在的?(?:主要)?问题|主要问题|问题|不足之处|问题和不足|不足和问题)(?:及(?:其)?原因)?$")
PARAGRAPH_MEASURES = re.compile(
    r"^(?:(?:下一步)?(?:改进|整改)(?:措施|建议|意见|方向)|(?:有关|相关|工作)?建议|对策(?:建议)?"
    r"|下一步(?:工作)?(?:计划|打算|措施|安排))$")
#: a body that says there is nothing (无, 暂无, 无其他需要说明的情况) or leaves it out (（略）)
NOTHING = re.compile(r"^[\s。.]*(?:无|暂无|没有|不涉及|无[^。，]{0,12}情况|[（(]?略[)）]?|此处略)[\s。.]*$")
#: a heading line longer than this past its title is a numbered paragraph
HEADING_MAX_CHARS = 40


def find_problems_and_measures(lines, headings) -> tuple[tuple[ListItem, ...], tuple[ListItem, ...]]:
    """The items of the problems part and of the measures part, in order."""
    problem_part, measure_part, merged = _find_parts(lines, headings)
    problems: list[ListItem] = []
    measures: list[ListItem] = []
    if merged is not None:
        _split_merged(lines, merged, problems, measures)
    if problem_part is not None and not problems:
        problems.extend(_items(lines, problem_part))
    if measure_part is not None and not measures:
        measures.extend(_items(lines, measure_part))
    if not problems or not measures:
        row_problems, row_measures = _table_row_items(lines)
        problems = problems or row_problems
        measures = measures or row_measures
    if problems and not measures and problem_part is not None and _section_items(problem_part):
        measures.extend(_trailing_measures(lines, problem_part, _section_items(problem_part)))
    if problems and not measures:
        problems, measures = _inline_measures(lines, problems)
    return _numbered(problems), _numbered(measures)


_SEGMENT = re.compile(r"[^；;]+[；;]?")


def _table_row_items(lines) -> tuple[list[ListItem], list[ListItem]]:
    """Problems and measures written in a form's rows (存在的问题\t一是…；二是…): the
    cells after the label, split at 一是/① or else at semicolons."""
    problems: list[ListItem] = []
    measures: list[ListItem] = []
    for index, line in enumerate(lines):
        if "\t" not in line:
            continue
        label, _, rest = line.partition("\t")
        label = label.strip()
        if PARAGRAPH_PROBLEMS.match(label):
            target = problems
        elif PARAGRAPH_MEASURES.match(label) or label in ("改进措施", "整改措施"):
            target = measures
        else:
            continue
        start = len(label) + (len(line) - len(line.lstrip())) + 1
        end = len(line.rstrip())
        while start < end and line[start] in " \t":
            start += 1
        if start >= end or NOTHING.match(line[start:end]):
            continue
        clauses = _ordinal_clauses(index + 1, line, start, end)
        if clauses:
            target.extend(clauses)
            continue
        for piece in _SEGMENT.finditer(line, start, end):
            text = piece.group().strip(" \t")
            if len(text) >= 4:
                offset = line.index(text, piece.start())
                target.append(ListItem(text, Span(index + 1, offset, offset + len(text))))
    return problems, measures


def _trailing_measures(lines, part: Section, children: list[Section]) -> list[ListItem]:
    """A paragraph after the numbered problems that turns to what will be done
    (下一步，我局将…): its 一是 clauses, or the paragraph, are measures."""
    found: list[ListItem] = []
    numbered = {child.line for child in children}
    for number in range(children[0].line + 1, part.extent[1] + 1):
        text = lines[number - 1]
        if number in numbered or "\t" in text or not LEADING_MEASURE.match(text):
            continue
        clauses = _ordinal_clauses(number, text)
        if clauses:
            found.extend(clauses)
            continue
        stripped = text.strip()
        start = text.index(stripped)
        found.append(ListItem(stripped, Span(number, start, start + len(stripped))))
    return found


def _inline_measures(lines, problems: list[ListItem]) -> tuple[list[ListItem], list[ListItem]]:
    """Problems that carry their own measure (…不够细化。下一步，我局将逐项设置指标。)
    when the report has no measures part: each splits into the problem and its measure."""
    kept: list[ListItem] = []
    measures: list[ListItem] = []
    for item in problems:
        line = lines[item.span.line - 1]
        text_start = line.find(item.text, item.span.start)
        marker = INLINE_MEASURE.search(item.text)
        if text_start < 0 or marker is None or marker.start() < 4:
            kept.append(item)
            continue
        cut = marker.start()
        problem_text = item.text[:cut].rstrip()
        kept.append(ListItem(problem_text, Span(item.span.line, item.span.start, text_start + len(problem_text)),
                             item.marker))
        measures.append(ListItem(item.text[marker.end():].strip() or item.text[cut:],
                                 Span(item.span.line, text_start + cut, item.span.end), item.marker))
    return kept, measures


def _numbered(items: list[ListItem]) -> tuple[ListItem, ...]:
    return tuple(ListItem(item.text, item.span, item.marker, index) for index, item in enumerate(items))


def is_heading_line(lines, section: Section) -> bool:
    """A short heading, as opposed to a numbered paragraph that opens with a title."""
    text = lines[section.line - 1].strip()
    return len(text) <= HEADING_MAX_CHARS and not text.endswith("。")


def _kind_of(lines, section: Section) -> Optional[str]:
    """problem | measure | merged | None, from a heading's title."""
    if not is_heading_line(lines, section):
        return _paragraph_kind(section)
    title = section.title
    if NOT_A_PART.search(title) and not PROBLEM_TITLE.search(title):
        return None
    has_problem = bool(PROBLEM_TITLE.search(title))
    has_measure = bool(MEASURE_TITLE.search(title))
    if has_problem and has_measure:
        return "merged"
    if has_problem:
        return "problem"
    if has_measure:
        return "measure"
    return None


def _paragraph_kind(section: Section) -> Optional[str]:
    """A numbered paragraph whose title is nothing but a part's name holds that part inline."""
    if not section.number:
        return None
    title = section.title.strip()
    if PARAGRAPH_PROBLEMS.match(title):
        return "problem"
    if PARAGRAPH_MEASURES.match(title):
        return "measure"
    return None


def _find_parts(lines, headings):
    problem_part = measure_part = merged = None
    for section in headings:
        kind = _kind_of(lines, section)
        if kind == "merged":
            if merged is None and problem_part is None:
                merged = section
        elif kind == "problem" and (problem_part is None or _inside(section, problem_part)):
            problem_part = section  # the innermost: 五、经验及问题 -> （二）存在的问题
        elif kind == "measure" and (measure_part is None or _inside(section, measure_part)):
            if problem_part is None or section.line > problem_part.line:
                measure_part = section
    if merged is not None:
        # sub-headings of the merged part name the two halves
        inner = [s for s in headings if merged.extent[0] < s.line <= merged.extent[1]]
        inner_problem = next((s for s in inner if _kind_of(lines, s) == "problem"), None)
        inner_measure = next((s for s in inner if _kind_of(lines, s) == "measure"), None)
        if inner_problem is not None or inner_measure is not None:
            problem_part = inner_problem or problem_part
            measure_part = inner_measure or measure_part
            merged = None
        elif problem_part is not None and measure_part is not None:
            merged = None
    return problem_part, measure_part, merged


def _inside(section: Section, outer: Section) -> bool:
    return outer.extent[0] < section.line <= outer.extent[1]


def _section_items(section: Section) -> list[Section]:
    return [child for child in section.children if child.number]


def _items(lines, section: Section) -> list[ListItem]:
    """The first-level items of one part."""
    children = _section_items(section)
    if children:
        return [_item_from_section(lines, child) for child in children]
    if not is_heading_line(lines, section):
        return _inline_items(lines, section)
    return list(_body_items(lines, section.line + 1, section.extent[1]))


def _inline_items(lines, section: Section) -> list[ListItem]:
    """The items of a part written in one numbered paragraph: its ①…②… or 一是… clauses
    after the title, else the rest of the paragraph as one item."""
    text = lines[section.line - 1]
    start = text.find(section.title, section.span.start) + len(section.title)
    while start < len(text) and text[start] in "。：: \u3000":
        start += 1
    clauses = _ordinal_clauses(section.line, text, start)
    if clauses:
        return clauses
    end = len(text.rstrip())
    if start >= end or NOTHING.match(text[start:end]):
        return []
    return [ListItem(text[start:end], Span(section.line, start, end))]


def _item_from_section(lines, section: Section) -> ListItem:
    line = lines[section.line - 1]
    start = section.span.start + len(section.number)
    while start < len(line) and line[start].isspace():
        start += 1
    end = len(line.rstrip())
    return ListItem(line[start:end], Span(section.line, start, end), section.number)


def _body_items(lines, first: int, last: int) -> Iterable[ListItem]:
    """Items written as 一是… lines / clauses, or else as plain paragraphs."""
    body = [(n, lines[n - 1]) for n in range(first, last + 1) if lines[n - 1].strip()]
    body = [(n, text) for n, text in body if "\t" not in text]
    if not body or all(NOTHING.match(text) for _, text in body):
        return []
    clauses = [item for n, text in body for item in _ordinal_clauses(n, text)]
    if clauses:
        return clauses
    items = []
    for n, text in body:
        stripped = text.strip()
        if stripped.endswith(("：", ":")) or NOTHING.match(stripped):
            continue  # an introduction ("存在以下问题：")
        start = len(text) - len(text.lstrip())
        items.append(ListItem(stripped, Span(n, start, start + len(stripped))))
    return items


def _ordinal_clauses(number: int, text: str, start: int = 0, end: Optional[int] = None) -> list[ListItem]:
    """一是…二是… within ``text[start:end]``, each clause an item."""
    end = len(text.rstrip()) if end is None else end
    marks = [m for m in ORDINAL_CLAUSE.finditer(text, start, end)]
    if not marks:
        return []
    items = []
    for position, mark in enumerate(marks):
        clause_end = marks[position + 1].start(1) if position + 1 < len(marks) else end
        segment_end = clause_end
        while segment_end > mark.start(1) and text[segment_end - 1].isspace():
            segment_end -= 1
        items.append(ListItem(text[mark.end(1):segment_end], Span(number, mark.start(1), segment_end),
                              mark.group(1)))
    return items


def _split_merged(lines, merged: Section, problems: list[ListItem], measures: list[ListItem]) -> None:
    """Problems and measures from one merged part."""
    children = _section_items(merged)
    if children:
        for child in children:
            item = _item_from_section(lines, child)
            line = lines[child.line - 1]
            marker = MEASURE_MARKER.search(line, item.span.start)
            if marker is None:
                problems.append(item)
                continue
            cut = marker.start()
            while cut > item.span.start and line[cut - 1].isspace():
                cut -= 1
            problems.append(ListItem(line[item.span.start:cut], Span(child.line, item.span.start, cut), item.marker))
            measures.append(ListItem(line[marker.end():item.span.end],
                                     Span(child.line, marker.start(), item.span.end), item.marker))
        measures.extend(_trailing_measures(lines, merged, children))
        return
    # paragraphs: 存在问题：一是…。改进措施：一是…
    target = problems
    for number in range(merged.line + 1, merged.extent[1] + 1):
        text = lines[number - 1]
        if not text.strip() or "\t" in text:
            continue
        position = 0
        problem_mark = PROBLEM_MARKER.match(text.strip())
        if problem_mark:
            target = problems
            if NOTHING.match(text.strip()[problem_mark.end():]):
                continue  # 存在的问题：无。 states no problem, it is none
        marker = MEASURE_MARKER.search(text)
        if marker is not None:
            before = _ordinal_clauses(number, text, 0, marker.start())
            target.extend(before)
            target = measures
            position = marker.end()
        clauses = _ordinal_clauses(number, text, position)
        if clauses:
            target.extend(clauses)
        elif position < len(text.rstrip()) and not NOTHING.match(text[position:]):
            stripped = text[position:].strip()
            if stripped and not stripped.endswith(("：", ":")):
                start = text.index(stripped, position)
                target.append(ListItem(stripped, Span(number, start, start + len(stripped))))
