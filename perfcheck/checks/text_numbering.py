"""structure: heading numbering judged among siblings.

Siblings are the numbered sections of one level under one parent (the
parser builds that tree from the numbering as written).  Among them a
number may be out of sequence (skipped, repeated, going back) or written
in a style the others do not use (``5、`` among 一、二、三、四、).  Two
groups under different parents may use different styles (（一） under 三、,
（1） under 四、); that is the template's choice, not a fault.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from . import Hit, Param, kind
from ..model import Report, Section
from ..parse.structure import CIRCLED


@kind("structure", params={
    "check_first": Param("bool", True, "a group whose first number is not 1 is a skip"),
    "check_style": Param("bool", True, "mark a sibling whose numbering style differs from the others'"),
    "min_group": Param("int", 2, "smallest group of siblings judged for style"),
    "check_punctuation": Param("bool", True, "mark a sibling whose number is punctuated unlike the others' (二. among 一、三、)"),
})
def numbering(report: Report, params) -> "list[Hit]":
    """Out-of-sequence, repeated, skipped or mixed-style numbers among siblings."""
    hits: list[Hit] = []
    for group in _sibling_groups(report.sections):
        numbered = [s for s in group if s.number]
        if not numbered:
            continue
        hits.extend(_sequence(numbered, params["check_first"]))
        if params["check_style"] and len(numbered) >= params["min_group"]:
            mixed = list(_style(numbered))
            hits.extend(mixed)
            if not mixed and params["check_punctuation"]:
                hits.extend(_punctuation(report, numbered))
    hits.sort(key=lambda hit: hit.span.line)
    return hits


def _sibling_groups(top: Iterable[Section]) -> Iterable[list[Section]]:
    pending = [list(top)]
    while pending:
        group = pending.pop()
        yield group
        for section in group:
            if section.children:
                pending.append(list(section.children))


def _sequence(siblings: list[Section], check_first: bool) -> Iterable[Hit]:
    """Each number against what may follow: the previous + 1, its position, or the last good + 1.

    Accepting any of the three keeps one slip from marking every later
    heading (一、二、三、二、四、 marks only the second 二、).
    """
    previous = last_good = 0
    for position, section in enumerate(siblings, 1):
        ordinal = section.ordinal
        if position == 1:
            if check_first and ordinal != 1:
                yield _hit(section, "first", expected=_render(section, 1))
            previous = last_good = ordinal
            continue
        if ordinal in (previous + 1, position, last_good + 1):
            previous = last_good = ordinal
            continue
        expected = _render(section, previous + 1)
        if ordinal == previous:
            yield _hit(section, "repeat", expected=expected)
        elif ordinal < previous:
            yield _hit(section, "order", expected=expected)
        else:
            yield _hit(section, "skip", expected=expected)
            last_good = ordinal
        previous = ordinal


def _style(siblings: list[Section]) -> Iterable[Hit]:
    counts = Counter(s.style for s in siblings)
    (usual, usual_count), = counts.most_common(1)
    if usual_count * 2 <= len(siblings):
        usual = siblings[0].style  # no majority: the group's first number sets its style
    example = next(s for s in siblings if s.style == usual)
    for section in siblings:
        if section.style != usual:
            yield _hit(section, "style", expected=_render(example, section.ordinal),
                       sibling=example.number)


_DIGITS = re.compile(r"[0-9０-９零一二三四五六七八九十" + CIRCLED + r"]+")


def _written(report: Report, section: Section) -> str:
    """The number as the report wrote it (full-width marks kept)."""
    line = report.line_text(section.line)
    return line[section.span.start:section.span.start + len(section.number)] or section.number


def _punctuation(report: Report, siblings: list[Section]) -> Iterable[Hit]:
    """One style family, punctuated two ways (一、二.三、 or （一）（二)（三）): the minority is marked."""
    shapes = [_DIGITS.sub("N", _written(report, s)) for s in siblings]
    counts = Counter(shapes)
    if len(counts) < 2:
        return
    (usual, usual_count), = counts.most_common(1)
    if usual_count * 2 <= len(siblings):
        return  # no majority: nothing to tell which is the slip
    example = next(s for s, shape in zip(siblings, shapes) if shape == usual)
    written = _written(report, example)
    for section, shape in zip(siblings, shapes):
        if shape != usual:
            own = _DIGITS.search(_written(report, section))
            expected = _DIGITS.sub(own.group(), written, count=1) if own else written
            yield _hit(section, "style", expected=expected, sibling=written)


_CN = "零一二三四五六七八九十"


def _render(like: Section, ordinal: int) -> str:
    """``ordinal`` written in ``like``'s style: （三）, 3．, 四、."""
    number = like.number
    if like.style == "circled":
        return CIRCLED[ordinal - 1] if 0 < ordinal <= len(CIRCLED) else str(ordinal)
    if like.style == "decimal":
        return number.rsplit(".", 1)[0] + "." + str(ordinal)
    digits = "".join(ch for ch in number if ch.isdigit())
    if digits:
        return number.replace(digits, str(ordinal), 1)
    cn = "".join(ch for ch in number if ch in _CN)
    if cn and ordinal > 0:
        return number.replace(cn, _chinese(ordinal), 1)
    return str(ordinal)


def _chinese(value: int) -> str:
    if value <= 10:
        return _CN[value]
    tens, ones = divmod(value, 10)
    return (_CN[tens] if tens > 1 else "") + "十" + (_CN[ones] if ones else "")


def _hit(section: Section, variant: str, **args) -> Hit:
    return Hit(section.span, {"number": section.number, "title": section.title[:30], **args}, variant)
