"""The PDF reader: corpus twins render like their .txt; furniture, wrapping, tables, scans."""

from __future__ import annotations

import difflib
import functools
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fixtures.pdfmaker import make_pdf, text_lines

from conftest import txt_lines

from perfcheck.readers import InputError, read

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TWINS = sorted(p.stem for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.lru_cache(maxsize=None)
def _twin(stem: str):
    """Each corpus PDF read once for all the tests that need it."""
    return read(str(CORPUS / f"{stem}.pdf"))


@pytest.mark.skipif(not TWINS, reason="corpus not found")
@pytest.mark.parametrize("stem", TWINS)
def test_pdf_twin_renders_like_its_txt(stem):
    """Wrapped lines re-joined, tables as TAB rows (split rows mended): the .txt again."""
    document = _twin(stem)
    expected = txt_lines(stem)
    diff = list(difflib.unified_diff(expected, list(document.lines), lineterm="", n=0))
    assert not diff, "\n".join(line[:120] for line in diff[:20])
    assert document.format == "pdf"
    assert all(origin.kind == "pdf" for origin in document.origins)


@pytest.mark.skipif(not TWINS, reason="corpus not found")
def test_pdf_origins_name_page_and_line():
    document = read(str(CORPUS / "dev07_xianyiyuan.pdf"))
    labels = [origin.label for origin in document.origins]
    assert labels[0] == "第1页 第1行"
    assert labels[1] == "第1页 第3行"  # the title took two printed lines
    header_row = document.lines.index(next(line for line in document.lines if line.startswith("一级指标\t")))
    assert labels[header_row] == "第2页 表1 第1行"
    # the table goes on on page 3 and keeps its number and row count
    assert any(label.startswith("第3页 表1 第") for label in labels)


def _page(lines, header=None, footer=None, top=80):
    texts = text_lines(lines, top=top)
    if header:
        texts.append((200, 30, 9, header))
    if footer:
        texts.append((290, 800, 9, footer))
    return (texts, [])


def test_running_headers_and_page_numbers_are_dropped(tmp_path):
    header = "江北区民政局2023年度部门整体支出绩效自评报告"
    bodies = [f"（{n}）第{n}页正文，共有{n}项内容。" for n in (1, 2, 3, 4)]
    pages = [_page([bodies[0]], header=header, footer="- 1 -"),
             _page([bodies[1]], header=header, footer="2"),
             _page([bodies[2]], header=header, footer="江北区民政局 第 3 页"),
             _page([bodies[3]], header=header, footer="第 4 页 共 4 页")]
    path = tmp_path / "h.pdf"
    path.write_bytes(make_pdf(pages))
    document = read(str(path))
    assert document.lines == tuple(bodies)
    assert [o.label for o in document.origins] == [f"第{n}页 第1行" for n in (1, 2, 3, 4)]


def test_wrapped_lines_join_and_paragraphs_stay_apart(tmp_path):
    full = "一" * 37  # reaches the right edge of the text column
    lines = ["一、基本情况", full, "二三四五。", "另起一段。", full, "（一）小标题", "2023年收入44.13", "万元。"]
    texts = text_lines(lines)
    # the number before 万元 stopped short only because "44.13万" may not break:
    # put the line end where the unit would not fit
    path = tmp_path / "w.pdf"
    path.write_bytes(make_pdf([(texts, [])]))
    document = read(str(path))
    assert document.lines[0] == "一、基本情况"
    assert document.lines[1] == full + "二三四五。"
    assert document.lines[2] == "另起一段。"          # the previous line ended well before the edge
    assert document.lines[3] == full                   # the next line starts a heading
    assert document.lines[4] == "（一）小标题"
    assert document.origins[2].label == "第1页 第4行"


def test_number_and_its_unit_do_not_break(tmp_path):
    """A line that stops 30 pt short of the edge before "1.3万元" was wrapped: "1.3" alone
    (18 pt) would have fitted, "1.3万" (30 pt) would not, and Chinese line breaking keeps them together."""
    first = "一" * 34
    full = "二、" + "一" * 35  # a line elsewhere shows where the right edge is
    texts = [(78, 80, 12, first), (72, 96, 12, "1.3万元。"), (72, 200, 12, full)]
    path = tmp_path / "n.pdf"
    path.write_bytes(make_pdf([(texts, [])]))
    document = read(str(path))
    assert document.lines == (first + "1.3万元。", full)


def _grid(x_edges, y_edges):
    rects = []
    for top, bottom in zip(y_edges, y_edges[1:]):
        for left, right in zip(x_edges, x_edges[1:]):
            rects.append((left, top, right, bottom))
    return rects


def test_ruled_table_becomes_tab_rows(tmp_path):
    xs = [72, 172, 272, 372]
    ys = [200, 220, 240, 260]
    cells = [["一级指标", "分值", "得分"], ["产出指标", "10", "9"], ["总分", "10", "9"]]
    texts = [(x + 4, y + 4, 10, text) for row, y in zip(cells, ys) for text, x in zip(row, xs)]
    texts += text_lines(["表1 绩效自评表"], top=180)
    path = tmp_path / "t.pdf"
    path.write_bytes(make_pdf([(texts, _grid(xs, ys))]))
    document = read(str(path))
    assert document.lines == ("表1 绩效自评表", "一级指标\t分值\t得分", "产出指标\t10\t9", "总分\t10\t9")
    assert document.origins[1].label == "第1页 表1 第1行"


def test_scanned_pdf_without_text_is_an_input_error(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([([], [(50, 50, 500, 700)])]))  # a page with only a drawing
    with pytest.raises(InputError, match="扫描件，无文字层，无法检查"):
        read(str(path))


def test_encrypted_pdf_is_an_input_error(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([(text_lines(["机密"]), [])], encrypt=True))
    with pytest.raises(InputError, match="加密"):
        read(str(path))


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj garbage", b"not a pdf at all, just words"])
def test_damaged_pdf_is_an_input_error(tmp_path, data):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read(str(path))
    assert "PDF" in caught.value.message and caught.value.message_en


@pytest.mark.skipif(not TWINS, reason="corpus not found")
def test_truncated_pdf_is_an_input_error(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((CORPUS / f"{TWINS[0]}.pdf").read_bytes()[:20000])
    with pytest.raises(InputError, match="损坏"):
        read(str(path))


def test_glyphs_without_unicode_are_an_input_error(tmp_path, monkeypatch):
    """A font with no Unicode map gives "(cid:123)" text: refused when most of the text is such."""
    from perfcheck.readers import pdf as reader

    path = tmp_path / "cid.pdf"
    path.write_bytes(make_pdf([(text_lines(["正文一", "正文二"]), [])]))
    original = reader._page_items

    def garbled(page, number, counter):
        items = original(page, number, counter)
        for item in items:
            item.text = "(cid:1234)(cid:88)" + item.text[:1]
        return items

    monkeypatch.setattr(reader, "_page_items", garbled)
    with pytest.raises(InputError, match="无法识别"):
        read(str(path))


@pytest.mark.skipif(not TWINS, reason="corpus not found")
def test_pdf_twins_get_the_findings_of_their_txt():
    from collections import Counter

    from perfcheck.engine import check
    from perfcheck.parse import parse_document
    from perfcheck.ruleset import load_rules

    rules = load_rules()
    for stem in TWINS:
        txt, pdf = (Counter(f.category for f in check(parse_document(document), rules))
                    for document in (read(str(CORPUS / f"{stem}.txt")), _twin(stem)))
        assert pdf == txt, stem


# --------------------------------------------------------------------------
# Fresh PDFs printed by LibreOffice (when installed): other fonts, running headers, page numbers

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_HEADER_XML = (f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
               "<w:r><w:t>芷阳县交通运输局绩效自评报告</w:t></w:r></w:p></w:hdr>")
_FOOTER_XML = (f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
               '<w:r><w:t xml:space="preserve">- </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
               '</w:fldSimple><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p></w:ftr>')


def _with_header_and_footer(source: Path, target: Path, indent: bool = False) -> None:
    """A copy of a Word file with a running header and a page-number footer on every page
    (and, with ``indent``, body paragraphs justified with a two-character first-line indent)."""
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                if "xmlns:r=" not in text[:3000]:
                    text = text.replace("<w:document ", f'<w:document xmlns:r="{rel_ns}" ', 1)
                refs = ('<w:headerReference w:type="default" r:id="rIdPcH"/>'
                        '<w:footerReference w:type="default" r:id="rIdPcF"/>')
                head, tail = text.rsplit("<w:sectPr", 1)
                tail = tail.split(">", 1)
                text = head + "<w:sectPr" + tail[0] + ">" + refs + tail[1]
                if indent:
                    text = text.replace("<w:p><w:r>", '<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/>'
                                        '<w:jc w:val="both"/></w:pPr><w:r>')
                data = text.encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>",
                                    f'<Relationship Id="rIdPcH" Type="{rel_ns}/header" Target="pc_header.xml"/>'
                                    f'<Relationship Id="rIdPcF" Type="{rel_ns}/footer" Target="pc_footer.xml"/>'
                                    "</Relationships>".encode())
            elif info.filename == "[Content_Types].xml":
                base = "application/vnd.openxmlformats-officedocument.wordprocessingml"
                data = data.replace(b"</Types>",
                                    f'<Override PartName="/word/pc_header.xml" ContentType="{base}.header+xml"/>'
                                    f'<Override PartName="/word/pc_footer.xml" ContentType="{base}.footer+xml"/>'
                                    "</Types>".encode())
            new.writestr(info, data)
        new.writestr("word/pc_header.xml", _HEADER_XML)
        new.writestr("word/pc_footer.xml", _FOOTER_XML)


def _print_to_pdf(docx: Path, folder: Path) -> Path:
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], capture_output=True, timeout=180, check=True)
    return folder / (docx.stem + ".pdf")


@pytest.mark.slow
@pytest.mark.skipif(not SOFFICE or not TWINS, reason="LibreOffice or the corpus not available")
@pytest.mark.parametrize("indent", [False, True], ids=["flush", "indented"])
def test_freshly_printed_pdf_with_headers_and_page_numbers_reads_like_the_txt(tmp_path, indent):
    stem = "dev24_zhixiao" if indent and "dev24_zhixiao" in TWINS else \
        "dev17_jiaotongju" if "dev17_jiaotongju" in TWINS else TWINS[0]
    docx = tmp_path / f"{stem}.docx"
    _with_header_and_footer(CORPUS / f"{stem}.docx", docx, indent=indent)
    expected = txt_lines(stem)
    # the Word reader keeps the header text (after the body) but not the page number
    assert list(read(str(docx)).lines) == expected + ["芷阳县交通运输局绩效自评报告"]
    pdf = _print_to_pdf(docx, tmp_path)
    document = read(str(pdf))
    diff = list(difflib.unified_diff(expected, list(document.lines), lineterm="", n=0))
    assert not diff, "\n".join(line[:120] for line in diff[:20])


def test_table_of_contents_entries_are_left_out(tmp_path):
    texts = text_lines(["目录", "一、基本情况……………………1", "二、收支情况 .......... 2", "一、基本情况", "正文。"])
    path = tmp_path / "toc.pdf"
    path.write_bytes(make_pdf([(texts, [])]))
    assert read(str(path)).lines == ("目录", "一、基本情况", "正文。")


def test_table_running_over_a_page_break_stays_one_table(tmp_path):
    """Page 2 repeats the header row (Word's "repeat as header row") and finishes a split row."""
    xs = [72, 172, 272, 372]
    header = ["一级指标", "偏差原因", "得分"]

    def table(rows, top):
        ys = [top + 20 * i for i in range(len(rows) + 1)]
        texts = [(x + 4, y + 4, 10, text) for row, y in zip(rows, ys) for text, x in zip(row, xs) if text]
        return texts, _grid(xs, ys)

    first_texts, first_rects = table([header, ["产出指标", "无", "10"], ["效益指标", "受场地", "8"]], 700)
    second_texts, second_rects = table([header, ["", "限制", ""], ["满意度指标", "无", "10"]], 72)
    first_texts += text_lines(["表1 自评表"], top=680)
    second_texts += text_lines(["其后正文。"], top=200)
    path = tmp_path / "split.pdf"
    path.write_bytes(make_pdf([(first_texts, first_rects), (second_texts, second_rects)]))
    document = read(str(path))
    assert document.lines == ("表1 自评表", "一级指标\t偏差原因\t得分", "产出指标\t无\t10", "效益指标\t受场地限制\t8",
                              "满意度指标\t无\t10", "其后正文。")
    assert document.origins[4].label == "第2页 表1 第4行"


def test_first_line_indent_starts_a_paragraph(tmp_path):
    """Justified text with two-character first-line indents: a paragraph whose last line happens to
    fill the line still ends there, while a hanging indent continues its item."""
    full, indented = "一" * 37, "二" * 35
    lines = [(96, indented), (72, full), (72, full),      # paragraph 1 ends on a full line
             (96, indented), (72, "三三三。"),              # paragraph 2
             (72, "（一）" + "四" * 34), (108, "五五五。")]  # a hanging indent continues the item
    texts = [(x, 80 + 16 * i, 12, text) for i, (x, text) in enumerate(lines)]
    path = tmp_path / "indent.pdf"
    path.write_bytes(make_pdf([(texts, [])]))
    assert read(str(path)).lines == (indented + full + full, indented + "三三三。", "（一）" + "四" * 34 + "五五五。")


def test_columns_without_rules_become_tab_rows_and_double_printed_bold_reads_once(tmp_path):
    texts = [(72, 80, 12, "一、基本情况"), (72.3, 80, 12, "一、基本情况"),   # bold by printing twice
             (72, 100, 12, "项目"), (200, 100, 12, "金额"), (300, 100, 12, "占比"),
             (72, 116, 12, "基本支出"), (200, 116, 12, "35.90"), (300, 116, 12, "81%"),
             (72, 140, 12, "正文 2023 year")]
    path = tmp_path / "cols.pdf"
    path.write_bytes(make_pdf([(texts, [])]))
    assert read(str(path)).lines == ("一、基本情况", "项目\t金额\t占比", "基本支出\t35.90\t81%", "正文 2023 year")


def test_a_landscape_page_does_not_widen_the_portrait_pages(tmp_path):
    full = "一" * 37
    portrait = (text_lines([full, "二二二。"]), [])
    path = tmp_path / "mixed.pdf"
    data = make_pdf([portrait, (text_lines(["三" * 55]), [])])
    # make the second page landscape: 842 x 595
    landscape = data.replace(b"/MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7",
                             b"/MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >> >> /Contents 7")
    assert landscape != data
    path.write_bytes(landscape)
    assert read(str(path)).lines[0] == full + "二二二。"


def test_title_repeated_as_running_header_is_kept_on_page_one(tmp_path):
    title = "江北区民政局2023年度部门整体支出绩效自评报告"
    first = ([(72, 60, 18, title)] + text_lines(["（一）第一页正文。"], top=100), [])
    pages = [first] + [_page([f"（{n}）第{n}页正文。"], header=title) for n in (2, 3)]
    path = tmp_path / "t.pdf"
    path.write_bytes(make_pdf(pages))
    assert read(str(path)).lines == (title, "（一）第一页正文。", "（2）第2页正文。", "（3）第3页正文。")


def test_vertically_merged_cell_repeats_and_horizontal_merge_keeps_columns(tmp_path):
    xs, ys = [72, 172, 272, 372], [200, 220, 240, 260, 280]
    rects = [(72, 200, 172, 220), (172, 200, 272, 220), (272, 200, 372, 220),   # header
             (72, 220, 172, 260),                                                # 产出指标 over two rows
             (172, 220, 272, 240), (272, 220, 372, 240),
             (172, 240, 272, 260), (272, 240, 372, 260),
             (72, 260, 272, 280), (272, 260, 372, 280)]                          # 总分 over two columns
    cells = [(72, 200, "一级指标"), (172, 200, "三级指标"), (272, 200, "得分"),
             (72, 230, "产出指标"), (172, 220, "数量"), (272, 220, "9"),
             (172, 240, "质量"), (272, 240, "10"), (72, 260, "总分"), (272, 260, "19")]
    texts = [(x + 4, y + 4, 10, text) for x, y, text in cells] + text_lines(["表1"], top=180)
    path = tmp_path / "merged.pdf"
    path.write_bytes(make_pdf([(texts, rects)]))
    assert read(str(path)).lines == ("表1", "一级指标\t三级指标\t得分", "产出指标\t数量\t9", "产出指标\t质量\t10",
                                     "总分\t\t19")
