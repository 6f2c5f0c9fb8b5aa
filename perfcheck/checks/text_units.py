"""template-residue (copied names): another unit's name left from the report
this one was copied from.

A report by 松阳县残疾人联合会 that says 本报告经遂昌县残疾人联合会理事会
审议 was written over another county's report.  The report's own unit (from
its title) is split into its place (松阳县; 青梧市临川区 has two levels) and
its organisation (残疾人联合会); the same organisation under a named place
that is none of the report's own levels is marked, unless its sentence
speaks of working with or learning from that unit (学习, 交流, 对口 …).
Without a gazetteer a place is two characters before 县/区/市 that are not
grammar: 同意县人民医院 and 项目由县交通运输局 speak of the unit itself.
An upper level's body (青梧市司法局 in a 临川区 report) is one of the own
levels and never marked; a place of another rank (丽水市 for 松阳县) may be
the parent, so only a peer (遂昌县) is.
"""

from __future__ import annotations

import re

from . import Hit, Param, kind
from ..model import Report, Span

PARAMS = {
    "place_levels": Param("str", "省市州盟县区旗", "characters that end a place name (松阳县, 临川区)"),
    "min_organisation": Param("int", 3, "an organisation name shorter than this is too common to judge"),
    "not_place_end": Param("str", "由于在为报达意向对到至将被从给使以的了是归属交请托经和与及或等各全本该届次第级年月日",
                           "a character that, right before 县/区/市, makes a phrase (同意县…, 项目由县…), not a place name"),
    "abbreviations": Param("table", {}, "organisation name -> its short form (残疾人联合会 -> 残联)"),
    "context_exclude": Param("regex", None, "in the sentence: the other unit is named on purpose (学习, 交流, 对口 …)"),
}

_HAN = "\u4e00-\u9fff"


def _split_unit(unit: str, levels: str) -> tuple[list[str], str]:
    """(place levels, organisation) of a unit name: 青梧市临川区司法局 -> (['青梧市', '临川区'], '司法局')."""
    places = []
    position = 0
    pattern = re.compile(f"[{_HAN}]{{2,6}}?[{re.escape(levels)}]")  # 城市管理局 is no place
    while True:
        match = pattern.match(unit, position)
        if match is None or len(unit) - match.end() < 2:
            break
        places.append(match.group())
        position = match.end()
    return places, unit[position:]


_RANKS = ("省", "市州盟", "县区旗")


def _rank(level: str) -> int:
    return next((i for i, chars in enumerate(_RANKS) if level in chars), -1)


@kind("foreign-unit", params=PARAMS)
def foreign_unit(report: Report, params) -> "list[Hit]":
    levels = params["place_levels"] or ""
    if not report.unit or not levels:
        return []
    places, organisation = _split_unit(report.unit, levels)
    if not places or len(organisation) < params["min_organisation"]:
        return []
    own = set(places)
    names = [organisation]
    short = (params["abbreviations"] or {}).get(organisation)
    if isinstance(short, str) and len(short) >= 2:
        names.append(short)
    exclude = params["context_exclude"]
    not_place_end = params["not_place_end"] or ""
    by_line = {}
    for sentence in report.sentences:
        by_line.setdefault(sentence.span.line, []).append(sentence)
    hits = []
    for number, line in enumerate(report.lines, 1):
        if not any(name in line for name in names):
            continue
        for start, end in _named_places(line, names, levels):
            place = line[start:start + 3]
            if place[1] in not_place_end or place[0] in not_place_end or any(ch in levels for ch in place[:2]):
                continue  # grammar (同意县…), or a run of levels (省市县妇联), not a place name
            if any(level.endswith(place) or place.endswith(level) for level in own):
                continue
            if _rank(place[-1]) != _rank(places[-1][-1]):
                continue  # 丽水市 over 松阳县 may be its parent: only a peer is surely another unit
            sentence = next((s for s in by_line.get(number, ()) if s.span.start <= start < s.span.end), None)
            context = sentence.text if sentence is not None else line
            for name in names:
                context = context.replace(name, "")
            if exclude is not None and exclude.search(context):
                continue
            hits.append(Hit(Span(number, start, end), {"match": line[start:end], "unit": report.unit}))
    return hits


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _named_places(line: str, names: list[str], levels: str) -> list[tuple[int, int]]:
    """(start, end) of each 两字地名+级别+name in ``line``, as ``re.finditer`` of
    ``[HAN]{2}[levels](?:name1|name2…)`` would give them (leftmost, the first name
    preferred, not overlapping).  Built by hand: compiling that pattern for each
    report's own names costs ~1.2 ms (the Han range in a character class)."""
    starts = set()
    for name in names:
        found = line.find(name, 3)
        while found >= 0:
            starts.add(found - 3)
            found = line.find(name, found + 1)
    spans = []
    after = 0
    for start in sorted(starts):
        if start < after or not (_is_han(line[start]) and _is_han(line[start + 1]) and line[start + 2] in levels):
            continue
        end = next(start + 3 + len(name) for name in names if line.startswith(name, start + 3))
        spans.append((start, end))
        after = end
    return spans
