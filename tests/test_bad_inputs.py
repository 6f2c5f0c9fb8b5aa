"""Bad input at the readers: every refusal is an InputError with a clear Chinese message (and English).

test_hostile_inputs.py runs a matrix of bad files through the whole
pipeline; this file pins down what the readers say about each, and that a
folder of one good report and one of each bad file lints to the good
report's findings plus one input error per bad file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fixtures.pdfmaker import make_pdf, text_lines

from perfcheck.readers import InputError, read, read_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GOOD = ("某区档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本馆核定事业编制12名。\n"
        "二、预算收支情况\n2023年支出230.15万元，其中基本支出180.15万元，项目支出50.00万元。\n"
        "三、绩效情况\n全年接收进馆档案1.2万卷。\n四、存在的问题\n一是数字化进度偏慢。\n"
        "五、改进措施\n一是加快档案数字化。\n")


def _docx_bytes(body: str = "<w:p><w:r><w:t>正文</w:t></w:r></w:p>", **members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>'
                         + " " * (30 * 1024 * 1024) + "</w:body></w:document>")
    return buffer.getvalue()


def _many_members() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index in range(6000):
            archive.writestr(f"junk/{index}.xml", b"")
    return buffer.getvalue()


def _lying_sizes() -> bytes:
    """A zip whose directory claims document.xml is 100 bytes while it inflates to 5 MB."""
    data = bytearray(_docx_bytes("<w:p><w:r><w:t>" + "正" * (5 * 1024 * 1024 // 3) + "</w:t></w:r></w:p>"))
    real = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").file_size
    # patch the uncompressed size in the local header and in the central directory
    size = real.to_bytes(4, "little")
    return bytes(data).replace(size, (100).to_bytes(4, "little"))


def _ole(*, encrypted: bool) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    stream = ("EncryptionInfo" if encrypted else "WordDocument").encode("utf-16-le")
    return head + stream + b"\x00" * 1024


CASES = {
    # name: (file name, bytes, a word the Chinese message must hold)
    "empty": ("empty.txt", b"", "为空"),
    "blank": ("blank.txt", b" \r\n\t\n", "为空"),
    "utf16-blank": ("blank16.txt", "\ufeff  \n".encode("utf-16"), "为空"),
    "binary": ("binary.txt", bytes(range(256)) * 64, "不是文本"),
    "nul": ("nul.txt", GOOD.encode("utf-8").replace("。".encode("utf-8"), b"\x00", 3), "空字符"),
    "bad-utf8-bom": ("bom.txt", b"\xef\xbb\xbf" + "正文".encode("utf-8") + b"\xff\xfe\xfd", "编码"),
    "docx-not-zip": ("plain.docx", GOOD.encode("utf-8"), "损坏"),
    "docx-truncated": ("cut.docx", _docx_bytes()[:120], "损坏"),
    "docx-encrypted": ("locked.docx", _ole(encrypted=True), "加密"),
    "doc-renamed": ("old.docx", _ole(encrypted=False), ".doc"),
    "docx-is-pdf": ("pdf.docx", b"%PDF-1.4\n" + b"0" * 100, "PDF"),
    "docx-no-body": ("nobody.docx", _docx_bytes().replace(b"word/document.xml", b"word/documenX.xml"), "document.xml"),
    "docx-bad-xml": ("badxml.docx", _docx_bytes("<w:p><w:r>"), "XML"),
    "docx-zip-bomb": ("bomb.docx", _zip_bomb(), "压缩炸弹"),
    "docx-many-members": ("many.docx", _many_members(), "条目过多"),
    "docx-lying-sizes": ("liar.docx", _lying_sizes(), "解压"),
    "docx-no-text": ("notext.docx", _docx_bytes("<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"), "没有文字"),
    "pdf-not-pdf": ("words.pdf", GOOD.encode("utf-8"), "不是有效的PDF"),
    "pdf-damaged": ("damaged.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n", "损坏"),
    "pdf-scan": ("scan.pdf", make_pdf([([], [(40, 40, 550, 800)])]), "扫描件，无文字层，无法检查"),
    "pdf-encrypted": ("locked.pdf", make_pdf([(text_lines(["机密"]), [])], encrypt=True), "加密"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_an_input_error_with_a_chinese_message(name, tmp_path):
    filename, data, word = CASES[name]
    path = tmp_path / filename
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read(str(path))
    error = caught.value
    assert word in error.message, error.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)
    assert error.message_en and error.message_en != error.message


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(GOOD.encode("utf-8") * 100)
    with pytest.raises(InputError, match="文件过大"):
        read(str(path), max_bytes=1000)
    assert read(str(path), max_bytes=10_000_000).lines[0].startswith("某区档案馆")


@pytest.mark.parametrize("name, message", [("report.doc", "另存为 .docx"), ("report.xls", "不支持的文件类型"),
                                           ("noext", "无扩展名")])
def test_unsupported_formats(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(GOOD.encode("utf-8"))
    with pytest.raises(InputError, match=message):
        read(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        read(str(tmp_path / "absent.txt"))


def test_utf16_without_bom_and_gb18030_are_read(tmp_path):
    assert read_bytes(GOOD.encode("utf-16-le"), "a.txt").lines[0].startswith("某区档案馆")
    assert read_bytes(GOOD.encode("gb18030"), "b.txt").encoding == "gb18030"


def test_deeply_nested_xml_is_refused_not_crashed():
    depth = 50_000
    body = "<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth
    with pytest.raises(InputError):
        read_bytes(_docx_bytes(body), "deep.docx")


def test_a_folder_of_bad_files_gives_the_good_findings_plus_one_input_error_each(tmp_path):
    from perfcheck.engine import lint

    folder = tmp_path / "batch"
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    alone = [f.to_json() for result in lint([str(good)], jobs=1) for f in result.findings]
    picked = ["empty", "binary", "nul", "docx-not-zip", "docx-encrypted", "docx-zip-bomb", "pdf-scan",
              "pdf-encrypted", "pdf-damaged"]
    for name in picked:
        filename, data, _ = CASES[name]
        (folder / f"{name}-{filename}").write_bytes(data)
    results = list(lint([str(folder)], jobs=1))
    assert len(results) == len(picked) + 1
    by_path = {Path(result.path).name: result for result in results}
    assert [f.to_json() for f in by_path["good.txt"].findings] == alone
    for name in picked:
        result = by_path[f"{name}-{CASES[name][0]}"]
        assert [f.category for f in result.findings] == ["input-error"], (name, result.findings)
        assert result.document is None


def test_word_lock_file_is_named_as_such(tmp_path):
    path = tmp_path / "~$报告.docx"
    path.write_bytes(b"\x05Owner" + b"\x00" * 156)
    with pytest.raises(InputError, match="临时锁定文件"):
        read(str(path))
