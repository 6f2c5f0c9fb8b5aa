"""PDF with a text layer: page-aware lines, wrapped lines re-joined, tables as TAB rows.

A PDF knows glyphs and positions, not paragraphs.  This reader rebuilds what
the author typed:

- ruled tables (pdfplumber's line finder) become TAB-separated rows; a table
  that runs on over a page break stays one table (a repeated header row is
  skipped, a row the break split in two is mended); a wide gap inside a
  printed line (tab stops, a table without rules) becomes a TAB;
- running headers and footers (the same text at the top or bottom of most
  pages), page numbers and table-of-contents lines are dropped;
- a printed line is joined to the next when the next line's first
  unbreakable unit (by Chinese line-breaking rules) would not have fitted at
  its end, unless the next line starts a heading or list item or is set in
  by a first-line indent;
- blanks: where the page has space glyphs only they count, so the gaps that
  justification and Chinese/Latin autospacing open are not taken for blanks;
- glyphs printed twice to fake bold are read once.

A PDF with no text at all is a scan, one whose fonts map to no Unicode is
unreadable, one with a password is encrypted: each is an InputError that says so.
"""

from __future__ import annotations

import logging
import re
from io import BytesIO

from ..model import Document, Origin
from . import InputError
from ._table import clean_cell, render_row, trim_rows

# pdfminer warns on stderr about every odd font; a damaged file is reported as an InputError instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

#: pages above which a PDF is refused (a report has tens, not thousands)
MAX_PAGES = 1000

# Blanks.  Word and LibreOffice write a blank as a space glyph, and widen the
# gaps of a justified line and between Chinese and Latin text (autospacing)
# without one: on a page that has space glyphs, only they (and gaps of
# several characters) are blanks.  Other producers position words without
# glyphs: there a gap of a third of an em between Latin letters or digits is
# a blank, while a gap next to a Chinese character is a blank only when wide.
_GLYPH_MODE = {"keep_blank_chars": True, "x_tolerance_ratio": 3.0}
_GAP_MODE = {"x_tolerance_ratio": 0.26}
# A gap this many ems wide inside a printed line separates columns.
_COLUMN_GAP = 2.5
# In a cell (narrow, often justified) only space glyphs are blanks.
_GLYPH_MODE_CELLS = {"keep_blank_chars": True, "x_tolerance": 10_000}
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_GAP_AT_CJK = re.compile(rf"(?<=[{_CJK}]) (?=\S)|(?<=\S) (?=[{_CJK}])")
_BLANKS = re.compile(r"\s+")


def _tidy(text: str, glyph_mode: bool) -> str:
    text = _BLANKS.sub(" ", text).strip()
    return text if glyph_mode else _GAP_AT_CJK.sub("", text)


# A line starting one of these begins a new paragraph: a heading or a list item.
_STARTS_BLOCK = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:\.\d+)*[、．.](?!\d)"
    r"|[①-⑳]|第[一二三四五六七八九十\d]+[部章节条]|表\s*\d+|图\s*\d+|注[:：]|附[件表录]"
    r"|[一二三四五六七八九十]是|[•●◆■□▪-]\s)")
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–_·•]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|[Pp]age\s*\d+(?:\s*of\s*\d+)?)[\s\-—–_·•]*$")
_NAMED_PAGE_NUMBER = re.compile(r"(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|[Pp]age\s*\d+(?:\s*of\s*\d+)?"
                                r"|[-—–]\s*\d+\s*[-—–])\s*$")  # a footer ending in its page number
# A page number inside a running header or footer (江北区民政局　第 3 页).
_INLINE_PAGE_NUMBER = re.compile(r"第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]"
                                 r"|\d+\s*/\s*\d+|[Pp]age\s*\d+(?:\s*of\s*\d+)?|(?:^|(?<=\s))\d{1,4}(?=\s|$)")
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
# A table-of-contents entry: a heading, dot leaders, a page number.
_TOC_ENTRY = re.compile(r"(?:[.．·…_]\s*){4,}\d{1,4}\s*$")


class _Line:
    """A printed text line, or a table row, on a page."""

    __slots__ = ("text", "page", "top", "bottom", "x0", "x1", "size", "first_token", "row", "table", "indented")

    def __init__(self, text, page, top, bottom, x0=0.0, x1=0.0, size=0.0, first_token=0.0,
                 row=None, table=None):
        self.text, self.page, self.top, self.bottom = text, page, top, bottom
        self.x0, self.x1, self.size, self.first_token = x0, x1, size, first_token
        self.row, self.table = row, table  # table rows: cells, and a table id
        self.indented = False  # starts a paragraph by its first-line indent


_OPENING = set("（《〔【「『([{<")
_CLOSING = set("，。、；：？！）》」』】〕%‰,.;:)!?]}>")
# Quotation marks and the middle dot bind on both sides (no line break next to them).
_GLUE = set("“”‘’\"'·•/～~")


def _is_word_char(char: dict) -> bool:
    text = char["text"]
    return text.isascii() and (text.isalnum() or text in ".,%-+/:_")


def _atom_end(chars: list[dict], i: int) -> int:
    """Index after the atom starting at ``i``: a run of Latin letters and digits, or one character."""
    if _is_word_char(chars[i]):
        j = i + 1
        while j < len(chars) and _is_word_char(chars[j]) and chars[j]["x0"] - chars[j - 1]["x1"] < chars[j]["size"] * 0.26:
            j += 1
        return j
    return i + 1


def _first_token_width(chars: list[dict]) -> float:
    """Width of the line's first unbreakable unit, as Chinese line breaking sees it.

    A unit is a Latin word or number, or one Chinese character, extended by
    the closing punctuation that may not start a line (``里，``), by what an
    opening bracket, a quotation mark or a middle dot holds on to (``“优”``,
    ``·年``), by a number right after a closing mark (``，2023``) and by the
    character after a leading number (``1.3万``): what Word and LibreOffice
    do not break.
    """
    if not chars:
        return 0.0
    end = _atom_end(chars, 0)
    while end < len(chars):
        before, text = chars[end - 1]["text"], chars[end]["text"]
        if (text in _CLOSING or text in _GLUE or text in _OPENING or before in _OPENING
                or before in _GLUE):
            end = _atom_end(chars, end)
        elif before in _CLOSING and _is_word_char(chars[end]):
            end = _atom_end(chars, end)  # ，2023
        elif _is_word_char(chars[end - 1]) and not _is_word_char(chars[end]) and end == _atom_end(chars, 0):
            end = _atom_end(chars, end)  # a number keeps its unit: 1.3万
        else:
            break
    return chars[end - 1]["x1"] - chars[0]["x0"]


def _cell_text(text: str | None, glyph_mode: bool) -> str:
    if not text:
        return ""
    # A narrow cell wraps anywhere, inside numbers and words alike: join with nothing.
    return clean_cell(_tidy("".join(part.strip() for part in text.split("\n")), glyph_mode))


def _open(data: bytes):
    if b"%PDF" not in data[:1024]:
        raise InputError("不是有效的PDF文件（缺少PDF文件头），文件可能已损坏或扩展名有误",
                         "not a valid PDF (no %PDF header): damaged or misnamed")
    import pdfplumber

    try:
        pdf = pdfplumber.open(BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds
        # pdfplumber wraps pdfminer's exception in its args.
        names = " ".join(type(error).__name__ for error in (exc, exc.__cause__, *exc.args)
                         if isinstance(error, BaseException))
        if "Password" in names or "Encrypt" in names:
            raise InputError("PDF文件已加密（需要密码），无法读取，请去除密码后再检查",
                             "the PDF is encrypted (password required)") from None
        raise InputError("PDF文件已损坏，无法读取", f"the PDF is damaged ({type(exc).__name__})") from None
    if len(pages) > MAX_PAGES:
        pdf.close()
        raise InputError(f"PDF页数过多（{len(pages)} 页，上限 {MAX_PAGES} 页）",
                         f"too many pages ({len(pages)}, limit {MAX_PAGES})")
    return pdf


# --------------------------------------------------------------------------
# One page


def _table_rows(table, page_number: int, table_id: int, glyph_mode: bool) -> list[_Line]:
    """Rows of a ruled table; a cell a vertical merge covers repeats the text above."""
    raw = table.extract(**(_GLYPH_MODE_CELLS if glyph_mode else _GAP_MODE))
    rows: list[list[str]] = []
    tops = [min((c[1] for c in row.cells if c), default=0.0) for row in table.rows]
    bottoms = [max((c[3] for c in row.cells if c), default=0.0) for row in table.rows]
    for r, cells in enumerate(raw):
        out = []
        for c, text in enumerate(cells):
            if text is None and r > 0 and c < len(raw[r - 1]) and _covers_from_above(table, r, c):
                out.append(rows[r - 1][c] if c < len(rows[r - 1]) else "")
            else:
                out.append(_cell_text(text, glyph_mode))
        rows.append(out)
    lines = []
    for r, cells in enumerate(rows):
        lines.append(_Line("", page_number, tops[r] if r < len(tops) else 0.0,
                           bottoms[r] if r < len(bottoms) else 0.0, row=cells, table=table_id))
    return lines


def _covers_from_above(table, r: int, c: int) -> bool:
    """Is grid slot (r, c) inside a cell that starts in an earlier row?"""
    row = table.rows[r]
    previous = table.rows[r - 1]
    if c >= len(previous.cells) or c >= len(row.cells):
        return False
    above = previous.cells[c]
    top = min((cell[1] for cell in row.cells if cell), default=None)
    if above is None:
        return _covers_from_above(table, r - 1, c) if r > 1 else False
    return top is not None and above[3] > top + 1


def _is_cjk(text: str) -> bool:
    return "\u2e80" <= text <= "\u9fff" or "\uf900" <= text <= "\ufaff" or "\uff00" <= text <= "\uffef"


def _line_text(chars: list[dict], glyph_mode: bool) -> str:
    """A printed line's text from its glyphs (in x order).

    A space glyph is a blank; a gap of several characters with no glyph in it
    separates columns (tab stops, a table without rules) and becomes a TAB,
    so the line reads as a table row; without space glyphs, a gap between
    Latin letters or digits is a blank.
    """
    out: list[str] = []
    previous = None
    blank = False
    for char in chars:
        text = char["text"]
        if text.isspace():
            blank = previous is not None
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            em = max(previous["size"], char["size"], 1.0)
            if gap > _COLUMN_GAP * em:
                out.append("\t")
            elif blank:
                out.append(" ")
            elif not glyph_mode and gap > _GAP_MODE["x_tolerance_ratio"] * em \
                    and not (_is_cjk(previous["text"]) or _is_cjk(text)):
                out.append(" ")
        out.append(text)
        previous = char
        blank = False
    return "".join(out)


def _page_items(page, page_number: int, table_counter: list[int]) -> list[_Line]:
    # Word's bold for fonts without a bold face prints each glyph twice, a hair apart.
    page = page.dedupe_chars(tolerance=1)
    glyph_mode = any(char["text"] == " " for char in page.chars)
    tables = page.find_tables() if (page.rects or page.lines or page.curves) else []
    items: list[_Line] = []
    boxes = []
    for table in tables:
        table_counter[0] += 1
        items.extend(_table_rows(table, page_number, table_counter[0], glyph_mode))
        boxes.append(table.bbox)
    if boxes:
        def outside(obj) -> bool:
            cx = (obj["x0"] + obj["x1"]) / 2
            cy = (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

        text_page = page.filter(outside)
    else:
        text_page = page
    options = _GLYPH_MODE if glyph_mode else _GAP_MODE
    for line in text_page.extract_text_lines(return_chars=True, strip=True, **options):
        chars = sorted((c for c in line["chars"] if c["text"].strip()), key=lambda c: c["x0"])
        text = _line_text(sorted(line["chars"], key=lambda c: c["x0"]), glyph_mode)
        if not text or not chars or _TOC_ENTRY.search(text):
            continue
        sizes = sorted(c["size"] for c in chars)
        items.append(_Line(text, page_number, line["top"], line["bottom"], chars[0]["x0"], chars[-1]["x1"],
                           sizes[len(sizes) // 2], _first_token_width(chars)))
    items.sort(key=lambda item: (item.top, item.x0))
    return items


# --------------------------------------------------------------------------
# Across pages


def _furniture(pages: list[list[_Line]], heights: list[float]) -> set[int]:
    """ids of the text lines that are running headers, footers or page numbers."""
    drop: set[int] = set()
    edge_counts: dict[str, int] = {}
    edges: list[tuple[_Line, str]] = []
    for items, height in zip(pages, heights):
        text_lines = [item for item in items if item.row is None]
        candidates = text_lines[:2] + text_lines[-2:]
        for item in {id(c): c for c in candidates}.values():
            in_margin = item.top < height * 0.12 or item.bottom > height * 0.88
            if in_margin and (item is text_lines[0] or item is text_lines[-1]) and (
                    _PAGE_NUMBER.match(item.text) or _NAMED_PAGE_NUMBER.search(item.text)):
                drop.add(id(item))
                continue
            key = _INLINE_PAGE_NUMBER.sub("#", item.text)
            edges.append((item, key))
            edge_counts[key] = edge_counts.get(key, 0) + 1
    if len(pages) >= 2:
        needed = max(2, (len(pages) + 1) // 2)
        # The report's title may repeat as the running header: the title is the larger print.
        smallest: dict[str, float] = {}
        for item, key in edges:
            smallest[key] = min(smallest.get(key, item.size), item.size)
        for item, key in edges:
            if edge_counts[key] >= needed and item.size <= smallest[key] + 0.6 and (
                    item.top < heights[item.page - 1] * 0.12 or item.bottom > heights[item.page - 1] * 0.88):
                drop.add(id(item))
    return drop


def _joins(previous: _Line, line: _Line, right_edge: float) -> bool:
    """Was ``previous`` wrapped onto ``line`` (one paragraph), rather than ended?"""
    if previous.row is not None or line.row is not None:
        return False
    if line.indented or _STARTS_BLOCK.match(line.text) or "\t" in previous.text or "\t" in line.text:
        return False
    if abs(previous.size - line.size) > 0.6:
        return False
    if previous.page == line.page and line.top - previous.bottom > max(previous.size, 1.0) * 1.2:
        return False  # a blank line's worth of space: a new paragraph
    # It was wrapped if the next line's first word would not have fitted.
    room = right_edge - previous.x1
    return line.first_token + line.size * 0.6 > room


def _mark_first_line_indents(text_items: list[_Line], left: float) -> None:
    """Mark lines that start a paragraph by a first-line indent (two characters, as
    Chinese documents set them): indented, while the line after is back at the margin.
    A hanging indent (the next line indented as well) or a title in a larger font is not one."""
    sizes: dict[float, int] = {}
    for item in text_items:
        sizes[round(item.size, 1)] = sizes.get(round(item.size, 1), 0) + 1
    body_size = max(sizes, key=sizes.get) if sizes else 0.0
    for index, item in enumerate(text_items):
        if abs(item.size - body_size) > 0.6 or item.x0 - left < 1.5 * item.size:
            continue
        if index + 1 < len(text_items):  # the last line is left to the width test
            following = text_items[index + 1]
            item.indented = (following.x0 - left < 0.5 * following.size
                             or bool(_STARTS_BLOCK.match(following.text)))


def _join_text(left: str, right: str) -> str:
    """Wrapped lines join with nothing, except Latin words and numbers, which had a blank."""
    if left and right and _ASCII_ALNUM.match(left[-1]) and _ASCII_ALNUM.match(right[0]):
        return left + " " + right
    return left + right


_CANNOT_END = set(".,（(《“‘[")


def _continues_row(last: list[str], first: list[str]) -> bool:
    """Is ``first`` (top of a page) the rest of row ``last`` that a page break split?"""
    if not last or not first or not any(first):
        return False
    filled = sum(1 for cell in first if cell)
    if not first[0] and last[0] and filled * 2 <= len(first):
        return True  # the label finished above; only long cells ran on
    # Only columns that had text above run on, and several short ones had finished …
    runs_on_only = all(not cell or previous for cell, previous in zip(first, last))
    if not runs_on_only or filled * 3 > len(first) * 2:
        return False
    if filled < sum(1 for cell in last if cell):
        return True
    # … or a cell above stops where no text can stop (a number cut after its point).
    return any(previous and cell and previous[-1] in _CANNOT_END for cell, previous in zip(first, last))


_UNMAPPED = re.compile(r"\(cid:\d+\)")


def _check_unmapped_glyphs(pages: list[list[_Line]]) -> None:
    """Glyphs whose font gives no Unicode come out as ``(cid:123)``: mostly those, and the text is lost.

    A few are replaced by U+FFFD in place; a page of them is an input error.
    """
    total = unmapped = 0
    for items in pages:
        for item in items:
            texts = item.row if item.row is not None else [item.text]
            for text in texts:
                total += len(text)
                unmapped += sum(len(m) for m in _UNMAPPED.findall(text))
    if not unmapped:
        return
    if unmapped > total * 0.3:
        raise InputError("PDF的文字无法识别（字体缺少编码映射，复制出来是乱码），无法检查，请提供Word文件或重新导出PDF",
                         "the PDF's text cannot be decoded (fonts without a Unicode mapping)")
    for items in pages:
        for item in items:
            if item.row is not None:
                item.row = [_UNMAPPED.sub("\ufffd", cell) for cell in item.row]
            else:
                item.text = _UNMAPPED.sub("\ufffd", item.text)


def read(data: bytes, path: str) -> Document:
    pdf = _open(data)
    try:
        counter = [0]
        pages = []
        heights = []
        widths = []
        for number, page in enumerate(pdf.pages, 1):
            pages.append(_page_items(page, number, counter))
            heights.append(float(page.height))
            widths.append(float(page.width))
            page.close()  # free the page's cached objects: memory stays flat on long files
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InputError("PDF文件已损坏，无法读取", f"the PDF is damaged ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()

    if not any(item.row is not None or item.text for items in pages for item in items):
        raise InputError("PDF为扫描件，无文字层，无法检查（请提供可复制文字的PDF或Word文件）",
                         "the PDF is a scan with no text layer: nothing to check")
    _check_unmapped_glyphs(pages)
    drop = _furniture(pages, heights)
    items = [item for page in pages for item in page if id(item) not in drop]
    text_items = [item for item in items if item.row is None]
    # The right edge of the text column: where the widest lines end, and no
    # nearer than the left margin mirrored (Word's margins are nearly
    # symmetric), so that a page of short lines is not taken for full ones.
    # Pages of one size share the edge; a landscape page (a wide table) has its own.
    widest: dict[int, float] = {}
    for item in text_items:
        size = round(widths[item.page - 1])
        widest[size] = max(widest.get(size, 0.0), item.x1)
    left = min((item.x0 for item in text_items), default=0.0)
    right_edges = {number: max(widest.get(round(width), 0.0), width - left)
                   for number, width in enumerate(widths, 1)}
    overall = max(widest.values(), default=0.0)
    _mark_first_line_indents(text_items, left)

    lines: list[str] = []
    origins: list[Origin] = []
    line_numbers: dict[int, int] = {}
    tables: dict[int, tuple[int, int]] = {}  # table id -> (table number shown, last row index)
    table_number = 0
    headers: dict[int, list[str]] = {}  # table number -> its first row
    rows_buffer: list[list[str]] = []
    buffer_origins: list[Origin] = []
    previous: _Line | None = None
    open_table: int | None = None  # number of the table being collected
    check_split = False  # is the next row perhaps the rest of one a page break split?

    def flush_table() -> None:
        nonlocal rows_buffer, buffer_origins
        if rows_buffer:
            width = max(len(row) for row in rows_buffer)
            for cells, origin in zip(trim_rows([row + [""] * (width - len(row)) for row in rows_buffer]),
                                     buffer_origins):
                if any(cells):
                    lines.append(render_row(cells))
                    origins.append(origin)
        rows_buffer, buffer_origins = [], []

    for item in items:
        if item.row is not None:
            if item.table not in tables:  # a table (or a piece of one) starts
                continuing = (open_table is not None and previous is not None and previous.row is not None
                              and item.page == previous.page + 1 and len(item.row) == len(previous.row))
                if continuing:
                    tables[item.table] = tables[previous.table]
                    check_split = True
                    if item.row == headers.get(tables[item.table][0]):
                        previous = item  # the header row Word repeats on each page
                        continue
                else:
                    flush_table()
                    table_number += 1
                    tables[item.table] = (table_number, 0)
                    headers[table_number] = item.row
                    open_table = table_number
                    check_split = False
            if check_split:
                check_split = False
                if _continues_row(rows_buffer[-1], item.row):
                    rows_buffer[-1] = [(a + b) for a, b in zip(rows_buffer[-1], item.row)]
                    previous = item
                    continue
            number, row_index = tables[item.table]
            row_index += 1
            tables[item.table] = (number, row_index)
            for other, (n, _) in list(tables.items()):
                if n == number:
                    tables[other] = (number, row_index)
            rows_buffer.append(item.row)
            buffer_origins.append(Origin("pdf", f"第{item.page}页 表{number} 第{row_index}行"))
            previous = item
            continue
        if open_table is not None:
            flush_table()
            open_table = None
        line_numbers[item.page] = line_numbers.get(item.page, 0) + 1
        if previous is not None and previous.row is None and lines and _joins(
                previous, item, right_edges.get(previous.page, overall)):
            lines[-1] = _join_text(lines[-1], item.text)
        else:
            lines.append(item.text)
            origins.append(Origin("pdf", f"第{item.page}页 第{line_numbers[item.page]}行"))
        previous = item
    flush_table()
    if not lines:
        raise InputError("PDF为扫描件，无文字层，无法检查", "the PDF is a scan with no text layer")
    return Document(path=path, lines=tuple(lines), origins=tuple(origins), format="pdf", encoding="utf-8")
