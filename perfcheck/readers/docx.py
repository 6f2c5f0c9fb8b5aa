"""Word (.docx): paragraphs and table rows in document order.

Reads the package with zipfile + lxml directly (python-docx hides the things
we need: automatic numbering, text boxes, merged cells, headers).  The
rendering is one line per paragraph and one TAB-separated line per table
row, as a report typed into a .txt file would be:

- automatic numbering (``一、`` from a numbered Heading 1 style) is written
  out, because the parser finds headings by their numbers;
- a horizontally merged cell gives its text once, followed by empty cells,
  so the columns stay aligned with the header; a vertically merged cell
  repeats its text in every row it spans (each row of an indicator table
  stands alone in a text report too);
- text boxes, and Excel tables pasted as embedded objects, follow the
  paragraph that anchors them; headers, footers, footnotes and endnotes come
  after the body, so nothing is lost silently;
- what Word neither shows nor prints is left out: tracked deletions, hidden
  text, field codes, ruby annotations; so is a table of contents, which
  repeats every heading.

Each line's Origin says where it came from: ``第N段`` (N counts the
paragraphs with text, outside tables) or ``表K 第R行``, and carries the
heading level of the paragraph's style.  The XML is parsed without entity
expansion or network access; the zip was checked for bombs before.
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from ..model import Document, Origin
from . import InputError, open_zip, read_member
from ._table import clean_cell, render_row, trim_rows

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W = "{%s}" % W_NS

_P, _TBL, _TR, _TC, _T, _SDT = W + "p", W + "tbl", W + "tr", W + "tc", W + "t", W + "sdt"
_R = W + "r"
_TXBX = W + "txbxContent"
_MC_ALT = "{%s}AlternateContent" % MC_NS
_MC_CHOICE = "{%s}Choice" % MC_NS
_MC_FALLBACK = "{%s}Fallback" % MC_NS
_MATH_T = "{%s}t" % M_NS
_VAL = W + "val"

# Untrusted XML: no entities, no network, no huge trees.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True, load_dtd=False)

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
# A table of contents repeats every heading with a page number: not report text.
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d$|^toc heading$|^目录标题$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^[\s\-—–_·•]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?|Page\s*\d+(?:\s*of\s*\d+)?)[\s\-—–_·•]*$",
                          re.IGNORECASE)


# "Strict Open XML" (a Save As choice in Word) names the same elements in other namespaces.
_STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", M_NS.encode()),
)


def _parse_xml(content: bytes, name: str):
    if b"purl.oclc.org/ooxml" in content[:4096]:
        for strict, transitional in _STRICT_NAMESPACES:
            content = content.replace(strict, transitional)
    try:
        return etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"Word文件已损坏（{name} 不是有效的XML）",
                         f"the Word file is damaged ({name} is not valid XML: {exc})") from None


# --------------------------------------------------------------------------
# Automatic numbering

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese_number(n: int) -> str:
    """一 … 九十九 as written in headings (十, 十一, 二十); larger ones digit by digit."""
    if n <= 0:
        return "零"
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return "".join(_CN_DIGITS[int(d)] for d in str(n))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def format_number(value: int, fmt: str) -> str:
    """One level's counter in a Word numFmt."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese_number(value)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt in ("ideographTraditional",) and 1 <= value <= 10:
        return _TIANGAN[value - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    return str(value)


class _Level:
    __slots__ = ("start", "fmt", "text", "suffix")

    def __init__(self, start: int, fmt: str, text: str, suffix: str):
        self.start, self.fmt, self.text, self.suffix = start, fmt, text, suffix


class Numbering:
    """numbering.xml: the levels of each list and the running counters.

    Word counts per abstract list: two numIds over one abstractNum continue
    each other's numbering, unless a numId restarts a level (startOverride).
    """

    def __init__(self, root=None):
        self.levels: dict[str, dict[int, _Level]] = {}  # numId -> ilvl -> level
        self.abstract_of: dict[str, str] = {}  # numId -> abstractNumId
        self.restarts: dict[str, dict[int, int]] = {}  # numId -> ilvl -> start
        self.counters: dict[str, list] = {}  # abstractNumId -> counter per level (None: not started)
        self.started: set[str] = set()
        if root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterfind(W + "abstractNum"):
            abstract[node.get(W + "abstractNumId", "")] = {
                _int(lvl.get(W + "ilvl", "0")): self._level(lvl) for lvl in node.iterfind(W + "lvl")}
        for num in root.iterfind(W + "num"):
            num_id = num.get(W + "numId", "")
            ref = num.find(W + "abstractNumId")
            abstract_id = ref.get(_VAL, "") if ref is not None else ""
            levels = dict(abstract.get(abstract_id, {}))
            restarts: dict[int, int] = {}
            for override in num.iterfind(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl", "0"))
                lvl = override.find(W + "lvl")
                start = override.find(W + "startOverride")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                    restarts[ilvl] = levels[ilvl].start
                elif start is not None:
                    restarts[ilvl] = _int(start.get(_VAL, "1"), 1)
            self.levels[num_id] = levels
            self.abstract_of[num_id] = abstract_id
            self.restarts[num_id] = restarts

    @staticmethod
    def _level(lvl) -> _Level:
        def val(tag: str, default: str) -> str:
            node = lvl.find(W + tag)
            return node.get(_VAL, default) if node is not None else default

        try:
            start = int(val("start", "1"))
        except ValueError:
            start = 1
        return _Level(start, val("numFmt", "decimal"), val("lvlText", ""), val("suff", "tab"))

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of list ``num_id`` at level ``ilvl`` (``一、``), '' for bullets."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < 10:
            return ""
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level_index, start in self.restarts.get(num_id, {}).items():
                if 0 <= level_index < 10:
                    counters[level_index] = start - 1
        level = levels[ilvl]
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        def expand(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            if index not in levels:
                return ""
            value = counters[index] if counters[index] is not None else levels[index].start
            return format_number(value, levels[index].fmt)

        text = re.sub(r"%(\d)", expand, level.text)
        if not text:
            return ""
        # Word puts a TAB after the number by default; a TAB would make the
        # line a table row, so write nothing after CJK punctuation, else a space.
        if level.suffix == "nothing" or text[-1] in "、．.）)】〕:：":
            return text
        return text + " "


# --------------------------------------------------------------------------
# Styles: heading levels and numbering inherited through basedOn


class Styles:
    def __init__(self, root=None):
        self.based_on: dict[str, str] = {}
        self.heading: dict[str, int] = {}
        self.toc: set[str] = set()
        self.numbering: dict[str, tuple[str, int]] = {}
        if root is None:
            return
        for style in root.iterfind(W + "style"):
            if style.get(W + "type", "paragraph") != "paragraph":
                continue
            style_id = style.get(W + "styleId", "")
            name_node = style.find(W + "name")
            name = name_node.get(_VAL, "") if name_node is not None else ""
            based = style.find(W + "basedOn")
            if based is not None:
                self.based_on[style_id] = based.get(_VAL, "")
            if _TOC_STYLE.match(name.strip()) or _TOC_STYLE.match(style_id):
                self.toc.add(style_id)
            match = _HEADING_STYLE.match(name.strip()) or _HEADING_STYLE.match(style_id)
            ppr = style.find(W + "pPr")
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            if match:
                self.heading[style_id] = int(match.group(1))
            elif outline is not None and outline.get(_VAL, "9").isdigit() and int(outline.get(_VAL)) < 9:
                self.heading[style_id] = int(outline.get(_VAL)) + 1
            num = _num_pr(ppr)
            if num is not None:
                self.numbering[style_id] = num

    def _chain(self, style_id: str):
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            yield style_id
            style_id = self.based_on.get(style_id, "")

    def heading_level(self, style_id: str) -> int:
        for sid in self._chain(style_id):
            if sid in self.heading:
                return self.heading[sid]
        return 0

    def num(self, style_id: str) -> tuple[str, int] | None:
        for sid in self._chain(style_id):
            if sid in self.numbering:
                return self.numbering[sid]
        return None


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(W + "numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    level = ilvl.get(_VAL, "0") if ilvl is not None else "0"
    return (num_id.get(_VAL, "") if num_id is not None else "", int(level) if level.isdigit() else 0)


# --------------------------------------------------------------------------
# The walk over the document


class _Renderer:
    """Collects (text, origin) lines while walking body-like XML (body, cells, text boxes)."""

    def __init__(self, styles: Styles, numbering: Numbering, embedded=None):
        self.styles = styles
        self.numbering = numbering
        self.embedded = embedded  # rId -> rows of an embedded spreadsheet, or None
        self.lines: list[str] = []
        self.origins: list[Origin] = []
        self.paragraphs = 0
        self.tables = 0

    # -- paragraphs ---------------------------------------------------------

    def paragraph_text(self, p, boxes: list | None) -> list[str]:
        """The text of paragraph ``p`` split at manual line breaks; text boxes go to ``boxes``."""
        parts: list[str] = []
        ppr = p.find(W + "pPr")
        style = ""
        if ppr is not None:
            pstyle = ppr.find(W + "pStyle")
            style = pstyle.get(_VAL, "") if pstyle is not None else ""
        num = _num_pr(ppr) or self.styles.num(style)
        if num is not None and num[0] not in ("", "0"):
            parts.append(self.numbering.label(*num))
        self._inline(p, parts, boxes)
        return "".join(parts).split("\n")

    def _inline(self, node, parts: list[str], boxes: list | None) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _T or tag == _MATH_T:
                parts.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") != "page" and child.get(W + "type") != "column":
                    parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag in (W + "delText", W + "instrText", W + "del", W + "pPr", W + "rPr", W + "moveFrom",
                         W + "rt"):  # deletions, field codes, properties, ruby (pinyin) annotations
                continue
            elif tag == _R and _hidden(child):
                continue  # hidden text (w:vanish) is neither shown nor printed
            elif tag == _TXBX:
                if boxes is not None:
                    boxes.append(child)
            elif tag == W + "object":
                if boxes is not None:
                    rid = _embedded_id(child)
                    if rid:
                        boxes.append(rid)  # an embedded object (a pasted Excel table)
                self._inline(child, parts, boxes)
            elif tag == _MC_ALT:
                choice = child.find(_MC_CHOICE)  # the fallback repeats it (VML)
                if choice is not None:
                    self._inline(choice, parts, boxes)
                else:
                    fallback = child.find(_MC_FALLBACK)
                    if fallback is not None:
                        self._inline(fallback, parts, boxes)
            elif tag == _P:  # a paragraph nested in inline content (rare)
                parts.append("".join(self.paragraph_text(child, boxes)))
            else:
                self._inline(child, parts, boxes)

    def _emit(self, text: str, origin: Origin) -> None:
        self.lines.append(text)
        self.origins.append(origin)

    def paragraph(self, p, suffix: str = "") -> None:
        ppr = p.find(W + "pPr")
        pstyle = ppr.find(W + "pStyle") if ppr is not None else None
        if pstyle is not None and pstyle.get(_VAL, "") in self.styles.toc:
            return  # a table-of-contents entry
        boxes: list = []
        pieces = [piece.strip() for piece in self.paragraph_text(p, boxes)]
        pieces = [piece for piece in pieces if piece]
        if pieces:
            self.paragraphs += 1
            level = self.styles.heading_level(pstyle.get(_VAL, "") if pstyle is not None else "")
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            if outline is not None and outline.get(_VAL, "9").isdigit() and int(outline.get(_VAL)) < 9:
                level = int(outline.get(_VAL)) + 1
            origin = Origin("paragraph", f"第{self.paragraphs}段{suffix}", level)
            for piece in pieces:
                self._emit(piece.replace("\t", " "), origin)
        for box in boxes:
            if isinstance(box, str):
                rows = self.embedded(box) if self.embedded else None
                if rows:
                    self.table_rows(rows, "（嵌入表格）")
            else:
                self.blocks(box, "（文本框）")

    # -- tables ---------------------------------------------------------------

    def cell_text(self, tc) -> str:
        """All text of a cell on one line (paragraphs and nested tables joined by spaces)."""
        pieces: list[str] = []
        for node in tc.iter(_P):
            if any(ancestor.tag == _MC_FALLBACK for ancestor in node.iterancestors()):
                continue  # the fallback repeats the choice (VML text boxes)
            pieces.extend(self.paragraph_text(node, None))
        return clean_cell(" ".join(piece for piece in pieces if piece.strip()))

    def table(self, tbl, suffix: str = "") -> None:
        self.tables += 1
        number = self.tables
        rows: list[list[str]] = []
        above: dict[int, str] = {}  # grid column -> text of the cell there in the previous row
        for tr in _children(tbl, _TR):
            cells: list[str] = []
            trpr = tr.find(W + "trPr")
            before = _int_val(trpr, "gridBefore")
            cells.extend([""] * before)
            current: dict[int, str] = {}
            for tc in _children(tr, _TC):
                tcpr = tc.find(W + "tcPr")
                span = max(1, _int_val(tcpr, "gridSpan", 1))
                column = len(cells)
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                if vmerge is not None and vmerge.get(_VAL, "continue") == "continue":
                    text = above.get(column, "")
                else:
                    text = self.cell_text(tc)
                cells.append(text)
                cells.extend([""] * (span - 1))
                current[column] = text
            above = current
            rows.append(cells)
        self.table_rows(rows, suffix, number)
        # Text boxes anchored inside cells are rare; their text is already in the cell.

    def table_rows(self, rows: list[list[str]], suffix: str = "", number: int | None = None) -> None:
        """Emit a table's rows (a new table number unless given), short rows trimmed."""
        if number is None:
            self.tables += 1
            number = self.tables
        width = max((len(cells) for cells in rows), default=0)
        rows = trim_rows([cells + [""] * (width - len(cells)) for cells in rows])
        for index, cells in enumerate(rows, 1):
            if any(cells):
                self._emit(render_row(cells), Origin("table-row", f"表{number} 第{index}行{suffix}"))

    # -- containers -------------------------------------------------------------

    def blocks(self, container, suffix: str = "") -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, suffix)
            elif tag == _TBL:
                self.table(child, suffix)
            elif tag == _SDT:
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                if gallery is None or "Contents" not in gallery.get(_VAL, ""):  # skip a table of contents
                    self.blocks(child, suffix)
            elif tag in (W + "customXml", W + "sdtContent", W + "ins", W + "smartTag"):
                self.blocks(child, suffix)
            elif tag == _MC_ALT:
                choice = child.find(_MC_CHOICE)
                if choice is not None:
                    self.blocks(choice, suffix)


_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _embedded_id(obj) -> str:
    """The relationship id of the data an OLE object embeds (o:OLEObject r:id)."""
    for node in obj.iter():
        if isinstance(node.tag, str) and node.tag.endswith("}OLEObject") and node.get("Type", "Embed") == "Embed":
            return node.get(_REL_ID, "")
    return ""


def _hidden(run) -> bool:
    props = run.find(W + "rPr")
    if props is None:
        return False
    vanish = props.find(W + "vanish")
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


def _children(node, tag: str):
    """Direct children ``tag`` of ``node``, looking through content controls and custom XML."""
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, W + "sdtContent", W + "customXml"):
            yield from _children(child, tag)


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


def _int_val(props, tag: str, default: int = 0) -> int:
    if props is None:
        return default
    node = props.find(W + tag)
    if node is None:
        return default
    try:
        return int(node.get(_VAL, str(default)))
    except ValueError:
        return default


# --------------------------------------------------------------------------
# The package


def _relationships(archive, part: str) -> dict[str, tuple[str, str]]:
    """rId -> (type suffix, target part path) for ``part``."""
    folder, name = posixpath.split(part)
    content = read_member(archive, posixpath.join(folder, "_rels", name + ".rels"))
    if content is None:
        return {}
    rels = {}
    for rel in _parse_xml(content, "rels").iterfind("{%s}Relationship" % REL_NS):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        rels[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return rels


def _main_part(archive) -> str:
    for kind, path in _relationships(archive, "").values():
        if kind == "officeDocument":
            return path
    return "word/document.xml"


def read(data: bytes, path: str) -> Document:
    archive = open_zip(data, "Word")
    main = _main_part(archive)
    content = read_member(archive, main)
    if content is None:
        raise InputError("不是有效的Word文件（缺少正文 document.xml）",
                         "not a valid Word file (no document.xml)")
    root = _parse_xml(content, main)
    body = root.find(W + "body")
    if body is None:
        raise InputError("Word文件没有正文", "the Word file has no body")
    rels = _relationships(archive, main)
    parts_by_kind: dict[str, list[str]] = {}
    for kind, target in rels.values():
        parts_by_kind.setdefault(kind, []).append(target)

    def load(kind: str):
        for target in parts_by_kind.get(kind, ()):
            xml = read_member(archive, target)
            if xml is not None:
                return _parse_xml(xml, target)
        return None

    def embedded(rid: str):
        kind, target = rels.get(rid, ("", ""))
        if kind != "package" or not target.lower().endswith((".xlsx", ".xlsm")):
            return None  # an old binary object (.xls, .bin): not readable here
        content = read_member(archive, target)
        if content is None:
            return None
        from ._xlsx import sheet_rows

        try:
            return sheet_rows(content)
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - a broken embedded sheet should not lose the report
            return None

    renderer = _Renderer(Styles(load("styles")), Numbering(load("numbering")), embedded)
    renderer.blocks(body)
    _append_margins(archive, renderer, parts_by_kind)
    if not any(line.strip() for line in renderer.lines):
        raise InputError("Word文件没有文字内容", "the Word file contains no text")
    return Document(path=path, lines=tuple(renderer.lines), origins=tuple(renderer.origins),
                    format="docx", encoding="utf-8")


def _append_margins(archive, renderer: _Renderer, parts_by_kind: dict[str, list[str]]) -> None:
    """Headers, footers, footnotes and endnotes, after the body: never lost, never in the way.

    Text repeated across header parts (first page, even pages …) is written
    once; bare page numbers are left out.
    """
    seen: set[str] = set()
    for kind, label in (("header", "页眉"), ("footer", "页脚")):
        for target in sorted(parts_by_kind.get(kind, ())):
            xml = read_member(archive, target)
            if xml is None:
                continue
            part = _Renderer(renderer.styles, Numbering())
            part.blocks(_parse_xml(xml, target))
            for line in part.lines:
                text = line.strip()
                if not text or text in seen or _PAGE_NUMBER.match(text):
                    continue
                seen.add(text)
                renderer._emit(line, Origin(kind, label))
    for kind, label, tag in (("footnotes", "脚注", "footnote"), ("endnotes", "尾注", "endnote")):
        for target in parts_by_kind.get(kind, ()):
            xml = read_member(archive, target)
            if xml is None:
                continue
            for note in _parse_xml(xml, target).iterfind(W + tag):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                part = _Renderer(renderer.styles, Numbering())
                part.blocks(note)
                for line in part.lines:
                    if line.strip():
                        renderer._emit(line, Origin(tag, f"{label}{note.get(W + 'id', '')}"))
