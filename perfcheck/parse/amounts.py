"""Money, rates and counts as written, each with the words that name it.

A figure is money only when a currency unit (元 / 千元 / 万元 / 亿元) follows the
number, so dates (2023年10月31日), 文号 (财预〔2020〕10号), phone numbers,
years, 第3季度 and 10周年 never become money.  Counts need a measure word
(个, 人次, 辆, 台（套）…) and are never ordinals (第3次).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal

from attrs import frozen

from ..model import Amount, Count, Percent, Span
from .clauses import start_before
from .numbers import ARABIC, CN_CHARS, parse_arabic, parse_chinese


@frozen(slots=True)
class Figures:
    amounts: tuple[Amount, ...] = ()
    percents: tuple[Percent, ...] = ()
    counts: tuple[Count, ...] = ()


_CN_RUN = f"[{CN_CHARS}]+"

# "元/平方米" is a unit price, not a sum: it takes no part in totals
# patterns start with a digit (no look-behind in front) so the regex engine can skip to
# digits; the character before a figure is checked in Python (see _glued)
_MONEY = re.compile(rf"(?P<num>{ARABIC})\s?(?P<unit>亿元|万元|千元|元)(?![/／每])")
_MONEY_CN = re.compile(rf"(?P<num>{_CN_RUN})(?P<unit>元)(?![/／每化素论])")
_PERCENT = re.compile(rf"(?P<num>{ARABIC})\s?(?P<unit>%|‰)")

#: measure words of counts, longest first so 人次 wins over 人
MEASURES = (
    "台（套）", "件（套）", "台(套)", "件(套)", "人次", "件次", "批次", "户次", "场次", "点次", "家次", "公里",
    "个", "人", "名", "家", "项", "件", "次", "场", "辆", "台", "套", "所", "处", "份", "条",
    "户", "支", "块", "期", "篇", "间", "座", "本", "册", "部", "张", "批", "起", "例", "位",
    "类", "种", "天", "吨", "亩", "宗", "单", "栋", "幢", "棵", "株", "头", "只", "班", "队",
)
#: a measure word followed by one of these is the start of another word (支出, 项目, 部门 …)
_MEASURE_NOT_FOLLOWED = {
    "支": "出持付撑部", "部": "门署分位署", "家": "庭长属乡", "所": "属在有得以谓", "期": "间末初限望",
    "次": "年日月要", "项": "目", "名": "单称义额", "处": "理置罚于", "条": "件例款", "台": "账",
    "对": "象于", "场": "所地", "本": "级单年部次", "单": "位", "位": "于置", "类": "型似别",
    "个": "月体人", "人": "民员口均大才", "块": "钱", "间": "隔", "班": "子组", "队": "伍员",
    "天": "然气数", "种": "类植", "头": "部", "批": "准复示", "起": "来步草", "件": "数",
    "户": "籍口", "张": "贴",
}
_MEASURE_START = "[" + "".join(sorted({m[0] for m in MEASURES})) + "]"
# the look-ahead on the measure's first character prunes the many numerals of prose (一是, 统一 …)
_MEASURE = r"\s?(?=" + _MEASURE_START + r")(?P<unit>" + "|".join(re.escape(m) for m in MEASURES) + ")"
# 4.82万人次, 1.2万亩: a count in ten thousands (the value keeps the precision as printed)
_COUNT = re.compile(r"(?P<num>" + ARABIC + ")(?P<big>万|亿)?" + _MEASURE)
_COUNT_CN = re.compile(r"(?P<num>" + _CN_RUN + ")" + _MEASURE)
_GLUED_BEFORE = set("0123456789.,第") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _glued(line: str, start: int) -> bool:
    """A number glued to what precedes it (A1, 2.5 inside 12.5, 第3) is no figure of its own."""
    return start > 0 and line[start - 1] in _GLUED_BEFORE

#: characters that end the noun phrase in front of a figure
_LABEL_STOP = set("，。；：、,;:（）()“”\"‘’【】《》\t！？!?")
_LEADING = re.compile(r"^(?:其中|包括|另外|另|以及|及|和|与|含|共有|共|分别为|分别|具体为|依次为|为|是|即)+")
_TRAILING = re.compile(r"(?:为|是|达到|达|约|近|共计|共|计|合计|总计|累计|了|到|有|由|从|则|仅|只|占|超过|不足)+$")


def clean_label(raw: str) -> str:
    """The noun phrase of ``raw`` (the words before a figure): 其中/为/达到 … removed."""
    label = raw.strip()
    previous = None
    while previous != label:
        previous = label
        label = _LEADING.sub("", label).strip()
        label = _TRAILING.sub("", label).strip()
    if label.endswith("预算金额"):
        label = label[:-2]
    return label


_STOP_CLASS = "[" + re.escape("".join(sorted(_LABEL_STOP))) + "]"
#: the last punctuation of a string (greedy ``.*`` then one stop character)
_LAST_STOP = re.compile(r".*" + _STOP_CLASS, re.S)
_HAS_FIGURE = re.compile(r"[\d" + CN_CHARS + "]")


def label_before(line: str, start: int, floor: int = 0) -> str:
    """The words in front of column ``start`` back to the previous punctuation
    (or to ``floor``, the end of the previous figure)."""
    begin = start
    while begin > floor:
        found = _LAST_STOP.match(line, floor, begin)
        if not found:
            begin = floor
            break
        stop = found.end() - 1
        ch = line[stop]
        if ch == "”":
            # a short quoted word inside a name (“三公”经费) is part of it
            opening = line.rfind("“", floor, stop)
            if opening != -1 and 0 < stop - opening <= 4:
                begin = opening
                continue
        elif ch in "）)":
            # a short bracket inside a name (因公出国（境）费, 县（区）配套资金) is part of it
            opening = max(line.rfind("（", floor, stop), line.rfind("(", floor, stop))
            inner = line[opening + 1:stop] if opening != -1 else ""
            if opening != -1 and 0 < len(inner) <= 4 and not any(c.isdigit() or c in _LABEL_STOP for c in inner):
                begin = opening
                continue
        begin = stop + 1
        break
    return clean_label(line[begin:start])


def _inside(taken: bytearray, start: int, end: int) -> bool:
    """Whether columns start..end overlap a figure already found on the line."""
    return any(taken[start:end])


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _labelled(figure, label: str):
    """The figure with its label (a direct constructor call: attrs.evolve costs 3x as much)."""
    if isinstance(figure, Amount):
        return Amount(figure.value, figure.unit, figure.decimals, figure.span, figure.text, label)
    if isinstance(figure, Percent):
        return Percent(figure.value, figure.decimals, figure.span, figure.text, label)
    return Count(figure.value, figure.measure, figure.span, figure.text, label)


def find_figures(lines: tuple[str, ...]) -> Figures:
    """Every amount, percent and count of the document, in reading order."""
    amounts: list[Amount] = []
    percents: list[Percent] = []
    counts: list[Count] = []
    for index, line in enumerate(lines):
        if not line or not _HAS_FIGURE.search(line):
            continue
        number = index + 1
        taken = bytearray(len(line))
        here: list = []
        for match in _MONEY.finditer(line):
            if _glued(line, match.start()):
                continue
            value, decimals = parse_arabic(match["num"])
            here.append(_amount(number, match, value, decimals, match["unit"]))
            _take(taken, *match.span())
        for match in _MONEY_CN.finditer(line):
            amount = _chinese_amount(number, match)
            if amount is not None and not _inside(taken, *match.span()):
                here.append(amount)
                _take(taken, *match.span())
        for match in _PERCENT.finditer(line):
            if _glued(line, match.start()):
                continue
            value, decimals = parse_arabic(match["num"])
            if match["unit"] == "‰":
                value, decimals = value / 10, decimals + 1
            start, end = match.span()
            here.append(Percent(value, decimals, Span(number, start, end), match.group()))
            _take(taken, *match.span())
        for match in (*_COUNT.finditer(line), *_COUNT_CN.finditer(line)):
            if _glued(line, match.start()):
                continue
            count = _count(line, number, match)
            if count is not None and not _inside(taken, *match.span()):
                here.append(count)
        # label each figure, never reaching back over the figure before it
        # (较上年的5.36万元减少0.56万元: 减少)
        here.sort(key=lambda f: f.span.start)
        respective = _respective_labels(line, here) if "分别" in line else {}
        floor = 0
        for figure in here:
            label = respective.get(figure.span.start) or label_before(line, figure.span.start, floor)
            labelled = _labelled(figure, label)
            floor = figure.span.end
            if isinstance(figure, Amount):
                amounts.append(labelled)
            elif isinstance(figure, Percent):
                percents.append(labelled)
            else:
                counts.append(labelled)
    return Figures(tuple(amounts), tuple(percents), tuple(counts))


_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|占)")
_NAME_SPLIT = re.compile(r"、|和|及|与|以及")
_BETWEEN_FIGURES = re.compile(r"^\s*(?:、|和|及|与|，|,)\s*$")


def _respective_labels(line: str, figures: list) -> dict[int, str]:
    """人员经费和公用经费分别为541.30万元、68.95万元: each figure takes its own name, in order."""
    labels: dict[int, str] = {}
    starts = [figure.span.start for figure in figures]
    for match in _RESPECTIVELY.finditer(line):
        start = start_before(line, match.start(), "，,。；;：:")
        names = [clean_label(name) for name in _NAME_SPLIT.split(line[start:match.start()])]
        names = [name for name in names if name]
        run = []
        for figure in figures[bisect_left(starts, match.end()):bisect_left(starts, match.end()) + len(names) + 1]:
            gap = line[(run[-1].span.end if run else match.end()):figure.span.start]
            if run and not _BETWEEN_FIGURES.match(gap) or not run and gap.strip():
                break
            run.append(figure)
        if len(names) >= 2 and len(run) == len(names):
            labels.update((figure.span.start, name) for figure, name in zip(run, names))
    return labels


def _amount(number: int, match: re.Match, value: Decimal, decimals: int, unit: str) -> Amount:
    start, end = match.span()
    return Amount(value, unit, decimals, Span(number, start, end), match.group())


def _chinese_amount(number: int, match: re.Match):
    run = match["num"]
    start = match.start()
    # a numeral glued to a longer Chinese word is no figure (统一元 …): need 2+ characters
    # or a 万/亿 unit
    unit = "元"
    digits = run
    if run[-1] in "万亿" and len(run) > 1:
        unit = run[-1] + "元"
        digits = run[:-1]
    elif len(run) < 2:
        return None
    value = parse_chinese(digits)
    if value is None or value == 0:
        return None
    return Amount(Decimal(value), unit, 0, Span(number, start, match.end()), match.group())


def _count(line: str, number: int, match: re.Match):
    unit = match["unit"]
    end = match.end()
    follow = line[end:end + 1]
    if follow and follow in _MEASURE_NOT_FOLLOWED.get(unit, ""):
        return None
    raw = match["num"]
    start = match.start()
    if raw[0].isdigit():
        value, _ = parse_arabic(raw)
        big = match.groupdict().get("big")
        if big:
            # 4.82万 is 48,200 to the nearest hundred: a positive exponent keeps that precision
            value = value.scaleb(4 if big == "万" else 8)
    else:
        if start > 0 and line[start - 1] in "第每之":
            return None
        parsed = parse_chinese(raw)
        if parsed is None:
            return None
        value = Decimal(parsed)
    if start > 0 and line[start - 1] == "第":
        return None
    return Count(value, unit, Span(number, start, end), match.group())
