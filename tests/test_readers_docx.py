"""The Word reader: corpus twins render like their .txt; numbering, merges, text boxes, headers."""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import txt_lines

from perfcheck.readers import InputError, read
from perfcheck.readers._table import trim_rows
from perfcheck.readers.docx import format_number

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TWINS = sorted(p.stem for p in CORPUS.glob("*.docx")) if CORPUS.is_dir() else []

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.skipif(not TWINS, reason="corpus not found")
@pytest.mark.parametrize("stem", TWINS)
def test_docx_twin_renders_like_its_txt(stem):
    document = read(str(CORPUS / f"{stem}.docx"))
    expected = txt_lines(stem)
    diff = list(difflib.unified_diff(expected, list(document.lines), lineterm="", n=0))
    assert not diff, "\n".join(diff[:20])
    assert document.format == "docx"
    assert len(document.origins) == len(document.lines)


@pytest.mark.skipif(not TWINS, reason="corpus not found")
def test_docx_origins_name_paragraphs_and_table_rows():
    document = read(str(CORPUS / "dev07_xianyiyuan.docx"))
    origins = document.origins
    assert origins[0].label == "第1段"
    assert origins[1].heading == 1 and document.lines[1] == "一、项目概况"
    assert origins[2].heading == 2
    rows = [(line, o) for line, o in zip(document.lines, origins) if o.kind == "table-row"]
    assert rows[0][1].label == "表1 第1行" and rows[0][0].startswith("一级指标\t")
    assert rows[2][1].label == "表1 第3行"
    # paragraphs after the table keep counting paragraphs, not rows
    after = [o for o in origins[origins.index(rows[-1][1]) + 1:]]
    assert after[0].kind == "paragraph"
    number = int(after[0].label[1:-1])
    assert number == sum(1 for o in origins[: origins.index(after[0]) + 1] if o.kind == "paragraph")


# --------------------------------------------------------------------------
# Hand-built packages for what the corpus does not show

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def make_docx(path: Path, body: str, *, styles: str = "", numbering: str = "", header: str = "",
              footer: str = "") -> Path:
    rels = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    parts = {}
    for rid, (kind, name, xml, root) in enumerate(
            [("styles", "styles.xml", styles, "styles"), ("numbering", "numbering.xml", numbering, "numbering"),
             ("header", "header1.xml", header, "hdr"), ("footer", "footer1.xml", footer, "ftr")], 1):
        if xml:
            rels.append(f'<Relationship Id="rId{rid}" Type="http://schemas.openxmlformats.org/officeDocument/'
                        f'2006/relationships/{kind}" Target="{name}"/>')
            parts[f"word/{name}"] = f'<w:{root} xmlns:w="{W_NS}">{xml}</w:{root}>'
    rels.append("</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", "".join(rels))
        archive.writestr("word/document.xml",
                         f'<w:document xmlns:w="{W_NS}" '
                         'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                         f"<w:body>{body}</w:body></w:document>")
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return path


def p(text: str, style: str = "", extra: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>' if style or extra else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


_STYLES = """
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
  <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 3"/></w:style>
"""

_NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
"""


def test_automatic_numbering_is_written_out(tmp_path):
    body = (p("基本情况", "Heading1") + p("单位职能", "Heading2") + p("正文。")
            + p("人员情况", "Heading2") + p("预算执行", "Heading1") + p("收入", "Heading2")
            + p("第一项", extra='<w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>')
            + p("要点", extra='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>')
            + p("小标题", "a3"))
    document = read(str(make_docx(tmp_path / "n.docx", body, styles=_STYLES, numbering=_NUMBERING)))
    assert document.lines == ("一、基本情况", "（一）单位职能", "正文。", "（二）人员情况",
                              "二、预算执行", "（一）收入", "1.第一项", "要点", "小标题")
    assert [o.heading for o in document.origins] == [1, 2, 0, 2, 1, 2, 0, 0, 3]


@pytest.mark.parametrize("value, fmt, text", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (21, "chineseCountingThousand", "二十一"), (3, "decimalEnclosedCircle", "③"),
    (4, "upperRoman", "IV"), (28, "lowerLetter", "ab"), (7, "decimal", "7"),
])
def test_number_formats(value, fmt, text):
    assert format_number(value, fmt) == text


def test_merged_cells_keep_columns_aligned(tmp_path):
    header = "<w:tr>" + "".join(tc(t) for t in ("一级指标", "三级指标", "分值", "得分", "偏差原因")) + "</w:tr>"
    first = ("<w:tr>" + tc("产出指标", '<w:vMerge w:val="restart"/>') + tc("数量") + tc("10") + tc("9")
             + tc("场地受限") + "</w:tr>")
    second = "<w:tr>" + tc("", "<w:vMerge/>") + tc("质量") + tc("10") + tc("10") + tc("") + "</w:tr>"
    total = "<w:tr>" + tc("总分", '<w:gridSpan w:val="2"/>') + tc("20") + tc("19") + tc("") + "</w:tr>"
    grade = "<w:tr>" + tc("自评等级") + tc("优", '<w:gridSpan w:val="4"/>') + "</w:tr>"
    body = p("表1 自评表") + f"<w:tbl>{header}{first}{second}{total}{grade}</w:tbl>" + p("其后一段。")
    document = read(str(make_docx(tmp_path / "t.docx", body)))
    assert document.lines == (
        "表1 自评表",
        "一级指标\t三级指标\t分值\t得分\t偏差原因",
        "产出指标\t数量\t10\t9\t场地受限",
        "产出指标\t质量\t10\t10\t",      # vertical merge repeats; the missing reason stays a cell
        "总分\t\t20\t19\t",              # horizontal merge: text once, columns aligned
        "自评等级\t优",                    # a label/value row is not padded
        "其后一段。",
    )
    assert [o.label for o in document.origins] == ["第1段", "表1 第1行", "表1 第2行", "表1 第3行",
                                                    "表1 第4行", "表1 第5行", "第2段"]


def test_text_boxes_headers_and_footers_are_not_lost(tmp_path):
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
           + p("文本框里的说明") + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
           "<w:txbxContent>" + p("文本框里的说明") + "</w:txbxContent></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>")
    body = f"<w:p><w:r><w:t>锚定段落</w:t></w:r>{box}</w:p>" + p("正文")
    document = read(str(make_docx(tmp_path / "b.docx", body, header=p("XX县财政局（页眉）"),
                                  footer=p("第 3 页"))))
    assert document.lines == ("锚定段落", "文本框里的说明", "正文", "XX县财政局（页眉）")
    assert document.origins[1].label == "第2段（文本框）"
    assert document.origins[3].kind == "header"


def test_breaks_tabs_and_tracked_deletions(tmp_path):
    body = ('<w:p><w:r><w:t>一、概况</w:t><w:br/><w:t>二、收支</w:t><w:tab/><w:t>情况</w:t></w:r>'
            '<w:del><w:r><w:delText>已删除</w:delText></w:r></w:del>'
            '<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>')
    document = read(str(make_docx(tmp_path / "r.docx", body)))
    assert document.lines == ("一、概况", "二、收支 情况")  # no TAB in prose: it would make a table row


def test_empty_docx_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="没有文字"):
        read(str(make_docx(tmp_path / "e.docx", "<w:p/>")))


def test_bad_xml_is_an_input_error(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>unclosed")
    with pytest.raises(InputError, match="损坏"):
        read(str(path))


def test_entities_are_not_expanded(tmp_path):
    """A billion-laughs style document must not be expanded (no entity resolution)."""
    path = tmp_path / "lol.docx"
    xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "AAAAAAAAAA">'
           '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>正文&b;</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    try:
        document = read(str(path))
    except InputError:
        return
    assert "AAAAAAAAAA" not in document.text


@pytest.mark.skipif(not TWINS, reason="corpus not found")
def test_docx_twins_get_the_findings_of_their_txt():
    from perfcheck.engine import lint

    for stem in TWINS:
        results = {Path(r.path).suffix: r for r in lint([str(CORPUS / f"{stem}.txt"), str(CORPUS / f"{stem}.docx")],
                                                        jobs=1)}
        txt, docx = results[".txt"], results[".docx"]
        assert [(f.rule, f.line, f.message) for f in docx.findings] == \
            [(f.rule, f.line, f.message) for f in txt.findings], stem
        located = [f for f in docx.findings if f.span is not None]
        assert all(f.location for f in located), "a Word finding says 第N段 / 表K 第R行"


def test_table_of_contents_is_left_out(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>')
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
           "<w:sdtContent>" + p("目录") + p("一、基本情况 1") + "</w:sdtContent></w:sdt>")
    body = toc + p("二、收支情况 2", "TOC1") + p("一、基本情况", "Heading1") + p("正文。")
    document = read(str(make_docx(tmp_path / "toc.docx", body, styles=styles)))
    assert document.lines == ("一、基本情况", "正文。")
    assert document.origins[0].label == "第1段"


def test_lists_over_one_abstract_list_continue_unless_restarted(tmp_path):
    numbering = _NUMBERING + """
<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"""

    def item(text, num):
        return p(text, extra=f'<w:numPr><w:ilvl w:val="2"/><w:numId w:val="{num}"/></w:numPr>')

    body = item("甲", 1) + item("乙", 3) + p("中间一段") + item("丙", 4) + item("丁", 4)
    document = read(str(make_docx(tmp_path / "l.docx", body, numbering=numbering)))
    assert document.lines == ("1.甲", "2.乙", "中间一段", "1.丙", "2.丁")


def test_hidden_text_is_left_out(tmp_path):
    body = ('<w:p><w:r><w:t>看得见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>【请填写】</w:t></w:r>'
            '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>也看得见</w:t></w:r></w:p>')
    assert read(str(make_docx(tmp_path / "h.docx", body))).lines == ("看得见也看得见",)


def test_strict_open_xml_is_read(tmp_path):
    path = make_docx(tmp_path / "s.docx", p("一、基本情况") + p("正文。"))
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(strict, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info).replace(W_NS.encode(),
                                                      b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    assert read(str(strict)).lines == ("一、基本情况", "正文。")


# --------------------------------------------------------------------------
# Properties


_CELL = st.sampled_from(["", "", "产出指标", "10", "≥90%", "无"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=8), min_size=1, max_size=8))
def test_trim_rows_only_drops_trailing_empty_cells(rows):
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    trimmed = trim_rows(padded)
    assert len(trimmed) == len(padded)
    for before, after in zip(padded, trimmed):
        assert before[:len(after)] == after                      # a prefix: columns never move
        assert not any(before[len(after):])                       # only empty cells go


_PARAGRAPH = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_any_paragraph_text_survives_the_round_trip(tmp_path_factory, texts):
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in texts)
    expected = tuple(" ".join(text.replace("\t", " ").split("\n")).strip() for text in texts)
    expected = tuple(text for text in expected if text)
    path = make_docx(tmp_path_factory.mktemp("docx") / "r.docx", body)
    if not expected:
        with pytest.raises(InputError):
            read(str(path))
        return
    assert read(str(path)).lines == expected


def test_excel_table_pasted_as_an_object_is_read_as_displayed(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目", "预算数", "执行数", "执行率"])
    sheet.append(["设备购置", 1280, 1245.68, 0.9732])
    sheet.append(["合计", 1280, 1245.68, None])
    for row in sheet.iter_rows(min_row=2):
        row[1].number_format = row[2].number_format = "#,##0.00"
        row[3].number_format = "0.00%"
    buffer = io.BytesIO()
    book.save(buffer)
    path = make_docx(tmp_path / "e.docx", "")
    embedded = tmp_path / "embedded.docx"
    obj = ('<w:p><w:r><w:t>资金情况如下：</w:t></w:r><w:r><w:object><o:OLEObject '
           'xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'Type="Embed" ProgID="Excel.Sheet.12" r:id="rId9"/></w:object></w:r></w:p>')
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(embedded, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + obj.encode() + p("其后正文。").encode())
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/package" '
                                    b'Target="embeddings/Microsoft_Excel_Worksheet.xlsx"/></Relationships>')
            new.writestr(info, data)
        new.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", buffer.getvalue())
    document = read(str(embedded))
    assert document.lines == ("资金情况如下：", "项目\t预算数\t执行数\t执行率", "设备购置\t1,280.00\t1,245.68\t97.32%",
                              "合计\t1,280.00\t1,245.68\t", "其后正文。")
    assert document.origins[1].label == "表1 第1行（嵌入表格）"


@pytest.mark.parametrize("value, fmt, shown", [
    (1280, "#,##0.00", "1,280.00"), (97.32, "General", "97.32"), (1280.0, "General", "1280"),
    (0.1 + 0.2, "General", "0.3"), (0.9732, "0.00%", "97.32%"), (12456800, "#,##0", "12,456,800"),
    (1245.675, "0.00", "1245.68"), ("无", "General", "无"), (None, "General", ""),
])
def test_spreadsheet_values_display_as_excel_shows_them(value, fmt, shown):
    from perfcheck.readers._xlsx import display

    assert display(value, fmt) == shown
