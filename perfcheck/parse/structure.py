"""Headings and the section tree.

Every line that starts with an outline number (第一部分, 第一章, 第一节, 一、, （一）, 1.1, 1., 1、,
（1）, ①) is an outline node, whether it is a short heading or a numbered
paragraph ("（一）预算编制精准度有待提高。部分项目…"): a reviewer judges the
numbering of both among their siblings.  Unnumbered title lines (a short
line with no end punctuation followed by prose) take no part in numbering;
a list numbered in a new style right below one (存在的问题 / 1. 2. …,
改进措施 / 1. 2. …) is a group of its own under it.

``body`` and ``extent`` are (first, last) line ranges; a body whose last
line is before its first is empty (a heading followed at once by a
subsection).

Levels follow the nesting of styles as they appear, like Word outline
numbering: a style already open on the path from the root closes back to
that level; a new style opens a level below the current one.  One
exception makes a mistyped number visible: a new style whose number
continues an open level (``5、`` right after ``四、``) is taken as a sibling
there, with a style that differs from its siblings.  A list a colon
introduces (主要职责是：一、…二、…), or a numbered paragraph 1 right under
a sub-heading that has no items yet, is a group of its own below the open
heading even in a style an upper level uses, and where one style is open at
two levels a number goes to the level it continues.
"""

from __future__ import annotations

import re
from typing import Optional

from attrs import frozen

from ..model import Section, Span, Table
from .tables import table_lines

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_ordinal(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (small outline numbers only)."""
    if not text:
        return 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + CN_DIGITS.get(char, 0)
    return value


_CN = "[一二三四五六七八九十]{1,3}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

#: (style, pattern) in the order tried; group "n" is the number as written
NUMBER_STYLES: tuple[tuple[str, re.Pattern], ...] = (
    ("part", re.compile(rf"第(?P<n>{_CN})部分[、.:：\s]*")),
    ("chapter", re.compile(rf"第(?P<n>{_CN})章[、.:：\s]*")),
    ("jie", re.compile(rf"第(?P<n>{_CN})节[、.:：\s]*")),
    # 一、二级医院 names two grades, not part 一
    ("cn-dun", re.compile(rf"(?P<n>{_CN})[、.．](?![是则])(?!{_CN}(?:级|类|等|期|批|档|星|线|产业))\s*")),
    ("paren-cn", re.compile(rf"[（(](?P<n>{_CN})[）)][、.]?\s*")),
    # 1.1 / 2.3 outline numbers, set off by a space (1.5万人次 is a figure)
    ("decimal", re.compile(r"(?P<n>\d{1,2}\.\d{1,2})(?![\d.%])[ \u3000]+"
                           r"(?!(?:万|亿|元|公里|千米|吨|亩|倍|小时|%))")),
    ("paren-arabic", re.compile(r"[（(](?P<n>\d{1,2})[）)][、.]?\s*")),
    # 1、2月份… names two months, not item 1
    ("arabic-dun", re.compile(r"(?P<n>\d{1,2})、(?!\s*\d{1,2}\s*(?:月|季度|日|号|年级))\s*")),
    # 1.5 is a figure, but 1．2024年增聘… is item 1 opening on a year
    ("arabic-dot", re.compile(r"(?P<n>\d{1,2})[.．](?:(?=(?:19|20)\d{2}\s*年)|(?![\d%]))\s*")),
    ("circled", re.compile(rf"(?P<n>[{CIRCLED}])\s*")),
)

#: 第X部分 / 第X章 / 第X节: levels that parent the 一、 groups, never a mistyped 一、
CHAPTER_STYLES = frozenset({"part", "chapter", "jie"})

#: what ends a sentence or a clause: a title line carries none of these at its end
END_PUNCTUATION = "。！？；;：:，,、…"
TITLE_MAX_CHARS = 60
#: a numbered line whose title runs past this without a stop is prose
HEADING_TITLE_MAX = 40
_TITLE_STOP = re.compile(r"[。！？；;：:]")
#: a title holds no sentence or field inside it either ("联系人：张三", "…。”")
_INNER_STOP = re.compile(r"[。！？；;：:，,]")
#: a table-of-contents entry: the title, a leader of dots, a page number
_TOC_ENTRY = re.compile(r"(?:[.…·．]{3,}|\s{2,})\s*\d{1,3}\s*$")


@frozen(slots=True)
class Numbering:
    style: str
    number: str  # as written, including its punctuation (``一、``, ``（1）``)
    ordinal: int
    start: int  # column where the number starts
    end: int  # column where the heading text starts


def numbering_of(line: str) -> Optional[Numbering]:
    """The outline number at the start of ``line`` (after spaces), or None."""
    stripped = line.lstrip(" \u3000")
    offset = len(line) - len(stripped)
    if not stripped:
        return None
    for style, pattern in NUMBER_STYLES:
        match = pattern.match(stripped)
        if match is None:
            continue
        rest = stripped[match.end():]
        if not rest.strip():
            return None  # a bare number is not a heading
        raw = match.group("n")
        if style == "circled":
            ordinal = CIRCLED.index(raw) + 1
        elif style == "decimal":
            ordinal = int(raw.split(".")[1])
        elif raw.isdigit():
            ordinal = int(raw)
        else:
            ordinal = chinese_ordinal(raw)
        if ordinal <= 0:
            return None
        number = match.group(0).rstrip()
        return Numbering(style, number, ordinal, offset, offset + match.end())
    return None


def heading_title(line: str, start: int) -> str:
    """The title of a heading that starts at column ``start``: up to the first stop."""
    text = line[start:].strip()
    stop = _TITLE_STOP.search(text)
    return text[: stop.start()] if stop else text


def is_title_line(line: str) -> bool:
    """A short line without end punctuation: a candidate unnumbered heading."""
    text = line.strip()
    if not text or "\t" in line or len(text) > TITLE_MAX_CHARS:
        return False
    if text[-1] in END_PUNCTUATION or _INNER_STOP.search(text):
        return False
    # needs some Chinese; a line of digits or Latin is a figure, not a title
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _is_paragraph(line: str) -> bool:
    """A numbered line that is a whole paragraph (ends like a sentence), not a heading."""
    return line.rstrip().endswith(("。", "；", ";"))


def _is_prose(line: str) -> bool:
    text = line.strip()
    return bool(text) and "\t" not in line and numbering_of(line) is None and not is_title_line(line)


class _Node:
    __slots__ = ("number", "style", "ordinal", "title", "line", "start", "end", "level", "children",
                 "parent", "numbered", "last")

    def __init__(self, number, style, ordinal, title, line, start, end, numbered):
        self.number = number
        self.style = style
        self.ordinal = ordinal
        self.title = title
        self.line = line
        self.start = start
        self.end = end
        self.numbered = numbered
        self.level = 0
        self.children: list[_Node] = []
        self.parent: Optional[_Node] = None
        self.last = line  # last line of the extent


def find_sections(lines: tuple[str, ...], tables: tuple[Table, ...]) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """(top-level sections, every section in document order)."""
    in_table = table_lines(tables)
    root = _Node("", "root", 0, "", 0, 0, 0, True)
    stack: list[_Node] = [root]  # numbered nodes open from the root down
    nodes: list[_Node] = []
    count = len(lines)
    for index, line in enumerate(lines):
        number = index + 1
        if number in in_table or "\t" in line or not line.strip():
            continue
        if _TOC_ENTRY.search(line):
            continue  # the contents list names the headings; it is not one
        numbering = numbering_of(line)
        if numbering is not None:
            node = _Node(numbering.number, numbering.style, numbering.ordinal,
                         heading_title(line, numbering.end), number, numbering.start,
                         len(line.rstrip()), True)
            parent = _place(stack, node, _introduced(lines, index, in_table) or _opens_list(stack, node, line))
            node.parent = parent
            parent.children.append(node)
            del stack[stack.index(parent) + 1:]
            stack.append(node)
            nodes.append(node)
            continue
        if is_title_line(line) and _followed_by_prose(lines, index, in_table):
            text = line.strip()
            start = len(line) - len(line.lstrip(" \u3000"))
            node = _Node("", "none", 0, text, number, start, start + len(text), False)
            # a title after a numbered paragraph (1.制度不健全。) or after another title's
            # list starts a new part: it belongs to the heading above them
            while len(stack) > 1 and (not stack[-1].numbered or _is_paragraph(lines[stack[-1].line - 1])):
                stack.pop()
            parent = stack[-1]
            node.parent = parent
            parent.children.append(node)
            nodes.append(node)
            if len(stack) > 1:
                stack.append(node)  # a list numbered anew below it is its own group
            # (at the top, a title line is the report's title or a cover line: a leaf)
    _close_extents(root, nodes, count)
    built: dict[int, Section] = {}
    for node in reversed(nodes):
        built[id(node)] = _to_section(node, built)
    headings = tuple(built[id(node)] for node in nodes)
    top = tuple(built[id(node)] for node in root.children)
    return top, headings


def _place(stack: list[_Node], node: _Node, introduced: bool = False) -> _Node:
    """The parent ``node`` belongs under, given the open numbered path."""
    same = [depth for depth in range(len(stack) - 1, 0, -1) if stack[depth].style == node.style]
    if same and introduced and node.ordinal == 1:
        # a list a colon introduces (主要职责是：一、…二、…) is a group of its own
        # below the open heading, even in a style an upper level uses
        return stack[-1]
    if same:
        # a style already open: a sibling at that level; where it is open at two levels
        # (a list inside a part numbered like the parts), the level it continues wins
        for depth in same:
            if stack[depth].ordinal + 1 == node.ordinal:
                return stack[depth - 1]
        return stack[same[0] - 1]
    # a new style whose number continues an open level: a mistyped sibling
    if node.ordinal > 1:
        for depth in range(len(stack) - 1, 0, -1):
            previous = stack[depth]
            if previous.numbered and previous.ordinal + 1 == node.ordinal \
                    and previous.style not in CHAPTER_STYLES:
                return stack[depth - 1]
    return stack[-1]


def _opens_list(stack: list[_Node], node: _Node, line: str) -> bool:
    """A numbered paragraph 1 right under a heading of another style that has no
    items yet (（一）主要职责 / 一、负责全县…工作。) starts a list there."""
    current = stack[-1]
    return (node.ordinal == 1 and _is_paragraph(line) and current.numbered and current is not stack[0]
            and current.style != node.style and not current.children)


def _introduced(lines: tuple[str, ...], index: int, in_table: set[int]) -> bool:
    """Whether the line before ``index`` introduces a list (ends with a colon)."""
    for earlier in range(index - 1, max(-1, index - 3), -1):
        text = lines[earlier].strip()
        if not text or earlier + 1 in in_table:
            continue
        return text.endswith(("：", ":"))
    return False


def _followed_by_prose(lines: tuple[str, ...], index: int, in_table: set[int]) -> bool:
    for later in range(index + 1, min(len(lines), index + 4)):
        if not lines[later].strip():
            continue
        if later + 1 in in_table:
            return False
        following = lines[later]
        if numbering_of(following) is not None:
            # a numbered paragraph (1.制度不健全。) is body text too; a numbered heading is not
            return _is_paragraph(following)
        return _is_prose(following)
    return False


def _close_extents(root: _Node, nodes: list[_Node], count: int) -> None:
    """Each node's extent runs to the line before the next node at its level or above."""
    def walk(node: _Node, end: int) -> None:
        node.last = end
        kids = node.children
        for position, child in enumerate(kids):
            child_end = kids[position + 1].line - 1 if position + 1 < len(kids) else end
            walk(child, child_end)

    for child_index, child in enumerate(root.children):
        end = root.children[child_index + 1].line - 1 if child_index + 1 < len(root.children) else count
        walk(child, end)


def _to_section(node: _Node, built: dict[int, Section]) -> Section:
    children = tuple(built[id(child)] for child in node.children)
    level = 0
    walker = node
    while walker.parent is not None:
        level += 1
        walker = walker.parent
    body_end = node.children[0].line - 1 if node.children else node.last
    return Section(
        number=node.number,
        style=node.style,
        ordinal=node.ordinal,
        level=level,
        title=node.title,
        span=Span(node.line, node.start, node.end),
        body=(node.line + 1, body_end),
        extent=(node.line, node.last),
        children=children,
    )
