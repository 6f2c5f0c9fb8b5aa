"""The HTML review page: escaped report text, marks in place, no network, works in Chromium."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfcheck.model import Document, FileResult, Finding, Origin, Span
from perfcheck.output.html import Writer

CHROMIUM = shutil.which("chromium") or (shutil.which("/usr/bin/chromium"))

SCRIPT_ATTACK = "<script>window.__pwned=1;document.title='pwned'</script>"
IMG_ATTACK = "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\">"
ATTR_ATTACK = "\"'><svg onload=alert(1)>"
LINES = (
    "某局2023年度部门整体支出绩效自评报告",
    "2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。",
    f"备注：{SCRIPT_ATTACK}{IMG_ATTACK}",
    f"一级指标\t分值\t得分{ATTR_ATTACK}",
    "群众满意度高，成效显著。",
)


def _results():
    total = LINES[1].index("44.13万元")
    attack = LINES[2].index("<script>")
    findings = (
        Finding("a/报告.txt", "PC101", "totals", "error", "支出44.13万元，所列各项之和为44.59万元",
                Span(2, total, total + 7), "44.13万元", "第2段"),
        Finding("a/报告.txt", "PC102", "consistency", "warning", "同一金额前后不一", Span(2, total + 2, total + 12)),
        Finding("a/报告.txt", "PC901", "template-residue", "info", f"模板残留：{SCRIPT_ATTACK}",
                Span(3, 3, 2, end_line=5), LINES[2]),
        Finding("a/报告.txt", "PC902", "template-residue", "warning", IMG_ATTACK, Span(3, attack, len(LINES[2]))),
        Finding("a/报告.txt", "PC401", "missing-section", "error", "报告缺少“改进措施”部分"),
        Finding("a/报告.txt", "PC601", "unsupported-claim", "warning", "评价无依据", Span(5, 0, 6)),
    )
    document = Document("a/报告.txt", LINES, tuple(Origin("paragraph", f"第{i}段") for i in range(1, 6)))
    good = FileResult("a/报告.txt", document, findings, "department")
    bad = FileResult(f"b/{IMG_ATTACK}.pdf", None, (Finding("b/x.pdf", "input-error", "input-error", "error",
                                                           "PDF为扫描件，无文字层，无法检查"),))
    clean = FileResult("c/clean.txt", Document("c/clean.txt", ("干净的报告。",)), (), "project")
    return [good, bad, clean]


RULES = {"PC101": SimpleNamespace(id="PC101", summary="合计数与分项之和不符", summary_en="Totals",
                                  explanation="说明</script><script>window.__pwned=3</script>",
                                  explanation_en="", category="totals", severity="error")}


def _page(results=None, lang="zh") -> str:
    out = io.StringIO()
    writer = Writer(out, lang=lang, rules=RULES)
    for result in results if results is not None else _results():
        writer.add(result)
    writer.close()
    return out.getvalue()


def test_report_text_is_escaped_everywhere():
    page = _page()
    assert SCRIPT_ATTACK not in page and "<img" not in page and "<svg" not in page
    assert "&lt;script&gt;window.__pwned=1" in page
    assert "&lt;img src=x onerror=" in page
    # only the page's own script runs, and it carries the nonce the CSP names
    scripts = re.findall(r"<script(?![^>]*application/json)[^>]*>", page)
    nonce = re.search(r"script-src 'nonce-([^']+)'", page).group(1)
    assert scripts == [f'<script nonce="{nonce}">']
    # rule text cannot close the JSON data block
    assert "</script><script>window.__pwned=3" not in page
    assert "\\u003c/script\\u003e" in page


def test_page_loads_nothing_from_the_network():
    page = _page()
    assert not re.search(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(", page)
    assert "default-src 'none'" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(href.startswith("#") for href in hrefs)


def test_findings_are_marked_in_place():
    page = _page()
    # the totals finding and the overlapping consistency one share the segment ".13万元"
    assert '<mark class="on sev-error" tabindex="0" data-f="r1-f0">44</mark>' in page
    assert '<mark class="on sev-error" tabindex="0" data-f="r1-f0 r1-f1">.13万元</mark>' in page
    assert '<mark class="on sev-warning" tabindex="0" data-f="r1-f1">，其中基本</mark>' in page
    # a span over three lines marks all three
    for line in (3, 4, 5):
        row = re.search(rf'<li data-line="{line}" id="r1-L{line}"[^>]*>.*?</li>', page).group(0)
        assert "r1-f2" in row
    assert '<li id="r1-f4" tabindex="0" data-line=""' in page  # whole-document finding listed
    assert "第2段" in page and "PDF为扫描件" in page
    assert '<section class="report unreadable" id="r2">' in page


def test_english_page_and_empty_batch():
    page = _page(lang="en")
    assert '<html lang="en">' in page and "Whole-document findings" in page
    empty = _page(results=[])
    assert "0 reports" not in empty and "0 份报告" in empty


_PROBE = """
<script nonce="{nonce}">
(function(){{
  var result = {{}};
  var first = document.querySelector('mark.on');
  result.marks = document.querySelectorAll('mark.on').length;
  first.click();
  var detail = document.getElementById('detail');
  result.detailShown = !detail.hidden;
  result.detailText = detail.textContent;
  var item = document.getElementById('r1-f3');
  item.click();
  var target = document.querySelector('mark[data-f~="r1-f3"]');
  result.markActive = target.classList.contains('active');
  result.reportsListed = document.querySelectorAll('table.index tbody tr').length;
  var box = document.querySelector('input[data-filter="cat"][value="totals"]');
  box.click();
  result.totalsHidden = document.getElementById('r1-f0').hidden;
  result.sharedMarkStillOn = document.querySelector('mark[data-f="r1-f0 r1-f1"]').classList.contains('on');
  result.onlyTotalsMarkOff = !document.querySelector('mark[data-f="r1-f0"]').classList.contains('on');
  document.getElementById('only-findings').click();
  result.cleanHidden = document.getElementById('r3').hidden;
  result.title = document.title;
  result.pwned = window.__pwned === undefined ? null : window.__pwned;
  result.images = document.querySelectorAll('img, svg').length;
  result.resources = performance.getEntriesByType('resource').map(function(e){{ return e.name; }});
  var pre = document.createElement('pre'); pre.id = 'probe-result';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
}})();
</script>
"""


def _run_in_chromium(page: str, tmp_path: Path, probe: str) -> dict:
    """Load ``page`` with ``probe`` (a script run after the page's own) in headless Chromium; the
    probe's JSON result, read back from the dumped DOM."""
    nonce = re.search(r"script-src 'nonce-([^']+)'", page).group(1)
    page = page.replace("</body>", probe.format(nonce=nonce) + "</body>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir()
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--virtual-time-budget=3000", "--dump-dom", path.as_uri()]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=90)
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', completed.stdout, re.DOTALL)
    assert found, completed.stderr[-2000:]
    import html

    return json.loads(html.unescape(found.group(1)))


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM, reason="chromium not installed")
def test_page_works_in_headless_chromium(tmp_path):
    result = _run_in_chromium(_page(), tmp_path, _PROBE)
    assert result["marks"] >= 5
    assert result["detailShown"] and "合计数与分项之和不符" in result["detailText"]
    assert "说明</script>" in result["detailText"]  # the explanation shows as text
    assert result["markActive"], "clicking a finding shows its place"
    assert result["reportsListed"] == 3
    assert result["totalsHidden"] and result["sharedMarkStillOn"] and result["onlyTotalsMarkOff"]
    assert result["cleanHidden"]
    assert result["title"] != "pwned" and result["pwned"] is None and result["images"] == 0
    assert result["resources"] == []


# --------------------------------------------------------------------------
# Property: whatever a report holds, it comes back as text, never as markup


_PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2", "h3", "div", "p",
              "ul", "ol", "li", "span", "mark", "small", "header", "fieldset", "legend", "button", "label",
              "input", "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "a", "aside", "script"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.lines: dict[str, list[str]] = {}
        self._in: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        if tag == "span" and attrs.get("class") == "tx":
            self._in, self._depth = str(len(self.lines) + 1), 1
            self.lines[self._in] = []
        elif self._in is not None:
            self._depth += 1

    def handle_endtag(self, tag):
        if self._in is not None:
            self._depth -= 1
            if self._depth == 0:
                self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self.lines[self._in].append(data)


_TEXT = st.text(alphabet=st.sampled_from(list("<>&\"'/=` \t预算支出44.13万元script img onerror svg!-[]")), max_size=60)


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(_TEXT.filter(lambda t: t.strip()), min_size=1, max_size=4), data=st.data())
def test_any_report_text_comes_back_as_text(lines, data):
    findings = []
    for number, line in enumerate(lines, 1):
        if len(line) >= 2:
            start = data.draw(st.integers(0, len(line) - 1))
            end = data.draw(st.integers(start, len(line)))
            findings.append(Finding("p.txt", "PC1", "totals", "warning", line, Span(number, start, end), line))
    document = Document("p.txt", tuple(lines))
    page = _page([FileResult("p.txt", document, tuple(findings), "department")])
    collector = _Collector()
    collector.feed(page)
    assert collector.tags <= _PAGE_TAGS
    shown = ["".join(parts).replace("\t│", "\t") for parts in collector.lines.values()]
    assert shown == list(lines)


_CORPUS_PROBE = """
<script nonce="{nonce}">
(function(){{
  var result = {{}};
  result.reports = document.querySelectorAll('section.report').length;
  result.listed = document.querySelectorAll('table.index tbody tr').length;
  result.marks = document.querySelectorAll('mark.on').length;
  var item = document.querySelector('ul.findings li[data-line]:not([data-line=""])');
  item.click();
  var mark = document.querySelector('mark[data-f~="' + item.id + '"]');
  result.markActive = !!mark && mark.classList.contains('active');
  result.detailShown = !document.getElementById('detail').hidden;
  result.resources = performance.getEntriesByType('resource').map(function(e){{ return e.name; }});
  var pre = document.createElement('pre'); pre.id = 'probe-result';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
}})();
</script>
"""

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM or not (CORPUS / "dev07_xianyiyuan.docx").is_file(),
                    reason="chromium or the corpus not available")
def test_corpus_page_from_the_cli_works_in_chromium(tmp_path):
    import sys

    out = tmp_path / "out.html"
    files = [str(CORPUS / f"dev07_xianyiyuan.{suffix}") for suffix in ("txt", "docx", "pdf")]
    subprocess.run([sys.executable, "-m", "perfcheck", "lint", "-q", "--format", "html", "-o", str(out), *files],
                   capture_output=True, timeout=120)
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.IGNORECASE)
    result = _run_in_chromium(page, tmp_path, _CORPUS_PROBE)
    assert result["reports"] == result["listed"] == 3
    assert result["marks"] > 0 and result["markActive"] and result["detailShown"]
    assert result["resources"] == []
