"""Hostile inputs: each bad file gives findings or exactly one input error, quickly, and the batch goes on.

The readers' own tests (test_text_reader, test_readers_docx, test_readers_pdf)
check each reader's refusals one by one.  This file takes the view of a
bureau linting a folder of strangers' files: every file of the bad-input
matrix goes through the whole pipeline (read, parse, every rule of the
default pack), within a time bound, and a batch that holds all of them
still reports on the good files beside them, in bounded memory.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from conftest import assert_span_inside

from perfcheck.engine import RULE_ERROR, Linter, Options
from perfcheck.model import INPUT_ERROR, FileResult
from perfcheck.readers import DEFAULT_MAX_BYTES, InputError, read

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

GOOD = """桐江区档案馆2023年度部门整体支出绩效自评报告
一、部门基本情况
本馆核定事业编制12名，实有在编人员11人。
二、预算收支情况
2023年预算收入236.40万元，其中年初预算210.00万元，调整追加26.40万元。
2023年支出230.15万元，其中基本支出180.15万元，项目支出50.00万元。
三、绩效情况
全年接收进馆档案1.2万卷，数字化档案46万页，群众满意度显著提升。
四、存在的问题
一是档案数字化进度偏慢。
五、改进措施
一是加快档案数字化，年底前完成馆藏档案数字化。
联系人：XX，联系电话：XXXXXXXX。
"""


# --------------------------------------------------------------------------
# the bad-input matrix: name -> builder writing the file into a folder


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _docx(path: Path, document_xml: str, **members: bytes) -> Path:
    """A minimal Word package around ``document_xml``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        archive.writestr("word/document.xml", document_xml)
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return path


def _body(inner: str) -> str:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def empty(folder: Path) -> Path:
    return _write(folder / "empty.txt", b"")


def binary(folder: Path) -> Path:
    return _write(folder / "binary.txt", random.Random(7).randbytes(64 * 1024))


def nul_bytes(folder: Path) -> Path:
    text = GOOD.encode("utf-8")
    return _write(folder / "nul-bytes.txt", b"\x00".join(text[i:i + 40] for i in range(0, len(text), 40)))


def huge(folder: Path) -> Path:
    """50 MB of report text: must be refused by the size limit, not read."""
    block = (GOOD * 200).encode("utf-8")
    path = folder / "huge.txt"
    with open(path, "wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    return path


def mixed_encodings(folder: Path) -> Path:
    """A file pasted together from a UTF-8 and a GB18030 file."""
    half = len(GOOD) // 2
    return _write(folder / "mixed-encodings.txt", GOOD[:half].encode("utf-8") + GOOD[half:].encode("gb18030"))


def latin1_mojibake(folder: Path) -> Path:
    """Bytes that decode as nothing sensible: Latin-1 accents between Chinese."""
    return _write(folder / "latin1.txt", GOOD.encode("utf-8")[:60] + "Résumé été à côté".encode("latin-1") * 40)


def control_characters(folder: Path) -> Path:
    """Form feeds, vertical tabs, lone CRs, U+2028/U+0085 line separators and a BOM mid-text."""
    lines = GOOD.splitlines()
    lines[2] = "\x0c" + lines[2] + "\x0b\x1c"
    lines[4] = lines[4].replace("，", "\u2028，", 1)
    lines[5] = lines[5].replace("，", "\u0085", 1) + "\r" + "\ufeff尾注"
    return _write(folder / "controls.txt", "\n".join(lines).encode("utf-8"))


def not_a_docx(folder: Path) -> Path:
    return _write(folder / "text-named.docx", GOOD.encode("utf-8"))


def deep_xml_docx(folder: Path) -> Path:
    """100,000 nested elements: more than an XML parser should build."""
    depth = 100_000
    inner = "<w:sdt><w:sdtContent>" * depth + _paragraph("正文") + "</w:sdtContent></w:sdt>" * depth
    return _docx(folder / "deep-xml.docx", _body(inner))


def nested_tables_docx(folder: Path) -> Path:
    """Tables inside table cells, 80 deep: the reader's recursion, not the XML parser's, is tried."""
    inner = _paragraph("一、基本情况")
    for _ in range(80):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc><w:tc>{_paragraph('1万元')}</w:tc></w:tr></w:tbl>"
    return _docx(folder / "nested-tables.docx", _body(inner + _paragraph("二、收支情况")))


def zip_bomb_docx(folder: Path) -> Path:
    """A 24 MB document.xml squeezed into about 24 KB (ratio 1000: real bombs reach 1000+)."""
    padding = " " * (24 * 1024 * 1024)
    return _docx(folder / "zip-bomb.docx", _body(_paragraph("一、基本情况") + padding + _paragraph("正文")))


def lying_zip_docx(folder: Path) -> Path:
    """A zip whose directory says document.xml is 200 bytes while it inflates to 4 MB."""
    path = _docx(folder / "lying-zip.docx", _body(_paragraph("正文" + "，" * 1_400_000)))
    data = bytearray(path.read_bytes())
    real = (1_400_000 * 3 + len(_body(_paragraph("正文")))).to_bytes(4, "little")
    # patch the uncompressed size in the local header and the central directory of document.xml
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[at + offset:at + offset + 4] = (200).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    assert real  # the real size is far above the forged one
    return _write(path, bytes(data))


def pdf_without_text(folder: Path) -> Path:
    """A one-page PDF that only draws a line (a scan would carry an image instead)."""
    stream = b"0 0 m 300 400 l S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return _write(folder / "no-text.pdf", bytes(out))


def garbage_pdf(folder: Path) -> Path:
    return _write(folder / "garbage.pdf", b"%PDF-1.7\n" + random.Random(3).randbytes(20_000))


def dangling_link(folder: Path) -> Path:
    path = folder / "dangling.txt"
    os.symlink(folder / "gone-away.txt", path)
    return path


def unsupported_suffix(folder: Path) -> Path:
    return _write(folder / "old-word.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


MATRIX: dict[str, Callable[[Path], Path]] = {
    "empty": empty,
    "binary": binary,
    "nul-bytes": nul_bytes,
    "huge": huge,
    "mixed-encodings": mixed_encodings,
    "latin1": latin1_mojibake,
    "controls": control_characters,
    "not-a-docx": not_a_docx,
    "deep-xml": deep_xml_docx,
    "nested-tables": nested_tables_docx,
    "zip-bomb": zip_bomb_docx,
    "lying-zip": lying_zip_docx,
    "no-text-pdf": pdf_without_text,
    "garbage-pdf": garbage_pdf,
    "dangling-link": dangling_link,
    "doc": unsupported_suffix,
}
#: these must be refused, whatever else a reader learns to accept
MUST_REFUSE = {"empty", "binary", "huge", "not-a-docx", "deep-xml", "zip-bomb", "no-text-pdf", "garbage-pdf",
               "dangling-link", "doc"}
#: seconds one file may take, generous for a loaded 2-core CI (a report takes a few ms)
TIME_LIMIT = 5.0
#: seconds for one line of 1 MB (about 1 s of linear work here, 8x for a loaded CI)
LONG_LINE_LIMIT = 8


def assert_well_formed(result: FileResult) -> None:
    """Findings with spans inside the document and no rule errors, or exactly one input error."""
    errors = [f for f in result.findings if f.category == INPUT_ERROR]
    if errors:
        assert len(result.findings) == 1, [f.message for f in result.findings]
        assert errors[0].message and errors[0].span is None
        return
    assert result.document is not None
    assert not [f.message for f in result.findings if f.category == RULE_ERROR]
    lines = result.document.lines
    for finding in result.findings:
        if finding.span is not None:
            assert_span_inside(finding.span, lines, finding)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Options())


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_bad_input_gives_findings_or_one_input_error(name, tmp_path, linter):
    path = MATRIX[name](tmp_path)
    start = time.perf_counter()
    result = linter.lint_file(str(path))
    seconds = time.perf_counter() - start
    assert seconds < TIME_LIMIT, f"{name} took {seconds:.1f} s"
    assert_well_formed(result)
    if name in MUST_REFUSE:
        assert [f.category for f in result.findings] == [INPUT_ERROR], name


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, linter):
    path = huge(tmp_path)
    start = time.perf_counter()
    (finding,) = linter.lint_file(str(path)).findings
    assert finding.category == INPUT_ERROR and "过大" in finding.message
    assert time.perf_counter() - start < 0.5


def test_the_size_limit_is_configurable(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(GOOD * 50, encoding="utf-8")  # about 30 KB
    refused = Linter(Options(max_bytes=10_000)).lint_file(str(path))
    assert [f.category for f in refused.findings] == [INPUT_ERROR]
    (tmp_path / "perfcheck.toml").write_text("[settings]\nmax-file-size = 0.01\n", encoding="utf-8")
    from_config = Linter(Options()).lint_file(str(path))
    assert [f.category for f in from_config.findings] == [INPUT_ERROR]
    with pytest.raises(InputError):
        read(str(path), max_bytes=10_000)
    assert read(str(path), max_bytes=DEFAULT_MAX_BYTES).lines


def test_one_line_of_a_megabyte(tmp_path):
    """A conversion that lost every line break: one line of 1 MB of report text.

    That is a hundred reports' worth of text, linted in about a second when
    every step is linear in the line; a step quadratic in the figures of one
    line takes minutes.  It runs in a subprocess so a hang costs CI only the
    time limit.
    """
    corpus = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus").glob("*.txt"))
    flat = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in corpus[:4]) or GOOD.replace("\n", "")
    text = (flat * (1_000_000 // len(flat.encode("utf-8")) + 1)).encode("utf-8")[:1_000_000]
    path = _write(tmp_path / "one-line.txt", text.decode("utf-8", "ignore").encode("utf-8"))
    try:
        run = subprocess.run([sys.executable, "-m", "perfcheck", "lint", "--format", "json", "-q", str(path)],
                             capture_output=True, text=True, timeout=LONG_LINE_LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"one line of 1 MB was not linted within {LONG_LINE_LIMIT} s: a step is not linear "
                    "in the length of a line (see benchmarks/bench.py --profile)")
    findings = json.loads(run.stdout)
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert not [f for f in findings if f["category"] in (INPUT_ERROR, RULE_ERROR)]
    assert all(f["line"] in (None, 1) for f in findings)


@pytest.mark.parametrize("jobs", ["1", "2"])  # worker processes are the CLI's default on 2 cores
def test_a_batch_of_bad_files_goes_on_in_bounded_memory(tmp_path, jobs):
    """The CLI over the whole matrix and good reports: every file is reported, exit 2."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for build in MATRIX.values():
        build(folder)
    good = ["a-good.txt", "z-good.txt"] + [f"m{i:02d}-good.txt" for i in range(14)]  # enough for workers
    for name in good:
        (folder / name).write_text(GOOD, encoding="utf-8")
    wrapper = ("import resource, subprocess, sys\n"
               "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
               "sys.stderr.buffer.write(r.stderr)\n"
               "sys.stdout.buffer.write(r.stdout)\n"
               "sys.stderr.write('\\nMAXRSS %d RC %d' % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
               " r.returncode))\n")
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "perfcheck", "lint",
                          "--format", "json", "-q", "-j", jobs, str(folder)],
                         capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - start
    tail = run.stderr.rsplit("MAXRSS", 1)[1].split()
    peak_mb, code = int(tail[0]) / 1024, int(tail[2])
    findings = json.loads(run.stdout)
    by_path: dict[str, list[dict]] = {}
    for finding in findings:
        by_path.setdefault(os.path.basename(finding["path"]), []).append(finding)
    assert code == 2, run.stderr[-2000:]
    assert seconds < 60
    assert peak_mb < 300, f"peak {peak_mb:.0f} MB"
    for name in good:
        assert by_path.get(name) and not any(f["category"] in (INPUT_ERROR, RULE_ERROR) for f in by_path[name])
    for path in folder.iterdir():
        if path.name.endswith("-good.txt") or path.suffix not in (".txt", ".docx", ".pdf", ".md"):
            continue  # a folder walk skips unsupported suffixes such as .doc
        got = by_path.get(path.name, [])
        errors = [f for f in got if f["category"] == INPUT_ERROR]
        assert got, f"{path.name}: nothing reported"
        assert not errors or len(got) == 1, f"{path.name}: {got}"
        assert not [f for f in got if f["category"] == RULE_ERROR], f"{path.name}: {got}"


CRASHING_WORKER = r"""
import json, os, sys, time
from pathlib import Path
import perfcheck.engine as engine
folder = Path(sys.argv[1])
for i in range(24):
    (folder / f"r{i:02d}.txt").write_text("一、基本情况\n本单位共有编制2人。\n", encoding="utf-8")
original = engine.Linter.lint_file
def lint_file(self, path):
    if path.endswith("r07.txt"):
        os._exit(3)  # what a C extension crashing on a hostile file, or the OOM killer, does
    return original(self, path)
engine.Linter.lint_file = lint_file  # forked workers inherit it
results = {}
for result in engine.lint([str(folder)], jobs=2):
    results[os.path.basename(result.path)] = [f.category for f in result.findings]
    if len(results) < 5:
        time.sleep(0.4)  # a slow writer: the worker dies while the first results are written out
print(json.dumps(results))
"""


def test_a_file_that_kills_its_worker_does_not_stop_the_batch(tmp_path):
    try:
        run = subprocess.run([sys.executable, "-c", CRASHING_WORKER, str(tmp_path)], capture_output=True,
                             text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the batch hung after a worker process died")
    assert run.returncode == 0, run.stderr[-1500:]
    results = json.loads(run.stdout)
    assert len(results) == 24
    assert results["r07.txt"] == [INPUT_ERROR]
    assert all(INPUT_ERROR not in categories for name, categories in results.items() if name != "r07.txt")
