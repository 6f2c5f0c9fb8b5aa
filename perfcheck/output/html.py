"""One self-contained HTML page for a batch: reports, their text with findings
marked in place, explanations on click, filters by category and severity.

Report text comes from strangers, so:

- every piece of it is HTML-escaped, attributes included;
- the page's own script carries a random nonce and a Content-Security-Policy
  forbids every other script, inline handler, and any network load
  (``default-src 'none'``), so even a missed escape could not run or fetch;
- the script only ever sets ``textContent``, never ``innerHTML``;
- data for the script (rule explanations) sits in a JSON block with ``<``,
  ``>`` and ``&`` escaped, so it cannot close its ``<script>`` element.

The page streams: each report is written when it is added; the summary, the
report index and the filters (which need the totals) are written at the end
and shown first by CSS order.
"""

from __future__ import annotations

import html
import json
import secrets
from collections import Counter

from ..model import CATEGORIES, INPUT_ERROR, SEVERITIES, FileResult, Finding
from ._common import category_name, severity_name, strip_controls

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

_TEXT = {
    "zh": {
        "title": "预算绩效自评报告检查结果", "reports": "份报告", "findings": "个问题", "report": "报告",
        "kind": "类型", "total": "问题", "unreadable": "无法读取", "category": "类别", "severity": "严重程度",
        "document": "全文问题（无具体位置）", "line": "行", "rule": "规则", "location": "位置",
        "show": "在原文中定位", "close": "关闭", "all": "全部", "none": "全不选", "only_findings": "只看有问题的报告",
        "index": "报告列表", "no_findings": "未发现问题", "filters": "筛选", "excerpt": "原文",
        "department": "部门整体", "project": "项目支出", "explanation": "说明",
    },
    "en": {
        "title": "Budget performance report check", "reports": "reports", "findings": "findings",
        "report": "Report", "kind": "Kind", "total": "Findings", "unreadable": "Unreadable",
        "category": "Category", "severity": "Severity", "document": "Whole-document findings",
        "line": "line", "rule": "Rule", "location": "Location", "show": "Show in text", "close": "Close",
        "all": "All", "none": "None", "only_findings": "Only reports with findings", "index": "Reports",
        "no_findings": "No findings", "filters": "Filters", "excerpt": "Text", "department": "department",
        "project": "project", "explanation": "Explanation",
    },
}

_CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--bg:#fafafa;--line:#e0e0e0}
*{box-sizing:border-box}
body{margin:0;font:14px/1.6 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:#212121;
background:var(--bg);display:flex;flex-direction:column}
#top{order:-1;background:#fff;border-bottom:1px solid var(--line);padding:12px 20px}
#top h1{font-size:20px;margin:0 0 6px}
main{padding:0 20px 40px}
.filters{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0}
.filters fieldset{border:1px solid var(--line);border-radius:6px;padding:4px 10px}
.filters label{margin-right:10px;white-space:nowrap;cursor:pointer}
table.index{border-collapse:collapse;width:100%;margin-top:8px;font-size:13px}
table.index th,table.index td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left}
table.index .n{text-align:right;font-variant-numeric:tabular-nums}
.report{background:#fff;border:1px solid var(--line);border-radius:8px;margin:18px 0;padding:10px 16px}
.report h2{font-size:16px;margin:4px 0;word-break:break-all}
.report .meta{color:#616161;font-size:13px}
.input-error{color:var(--err);font-weight:bold}
ol.lines{list-style:none;margin:8px 0;padding:0;font-size:14px}
ol.lines li{display:flex;gap:8px;border-left:3px solid transparent;padding:1px 4px}
ol.lines li.hit{border-left-color:#ffb300}
ol.lines li.flash{background:#fff8e1}
.ln{color:#9e9e9e;min-width:3.5em;text-align:right;user-select:none;font-variant-numeric:tabular-nums}
.origin{color:#9e9e9e;min-width:6em;font-size:12px;user-select:none}
.tx{white-space:pre-wrap;word-break:break-all;flex:1}
.tab{color:#bdbdbd}
mark{background:none;color:inherit}
mark.on{cursor:pointer;border-bottom:2px solid;border-radius:2px}
mark.on.sev-error{background:#ffebee;border-color:var(--err)}
mark.on.sev-warning{background:#fff3e0;border-color:var(--warn)}
mark.on.sev-info{background:#e3f2fd;border-color:var(--info)}
mark.on.active{outline:2px solid #424242}
ul.findings{list-style:none;padding:0;margin:6px 0}
ul.findings li{padding:3px 6px;border-radius:4px;cursor:pointer}
ul.findings li:hover,ul.findings li.active{background:#f5f5f5}
ul.findings li[hidden]{display:none}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;color:#fff;margin-right:4px}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}.badge.sev-info{background:var(--info)}
.badge.cat{background:#757575}
.rule{font-family:monospace;color:#616161;margin-right:4px}
#detail{position:fixed;right:16px;bottom:16px;max-width:520px;max-height:60vh;overflow:auto;background:#fff;
border:1px solid #9e9e9e;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.2);padding:10px 14px;z-index:10}
#detail h3{margin:0 0 6px;font-size:15px}
#detail .item{border-top:1px solid var(--line);padding:6px 0}
#detail .expl{white-space:pre-wrap;color:#424242;font-size:13px}
#detail button{float:right}
.report[hidden]{display:none}
"""

_SCRIPT = r"""
(function(){
'use strict';
var rules = JSON.parse(document.getElementById('pc-rules').textContent || '{}');
var T = JSON.parse(document.getElementById('pc-text').textContent || '{}');
var detail = document.getElementById('detail');
var body = document.getElementById('detail-body');
function checked(name){
  var out = {};
  document.querySelectorAll('input[data-filter="' + name + '"]').forEach(function(box){ out[box.value] = box.checked; });
  return out;
}
function visible(item, cats, sevs){ return cats[item.dataset.cat] !== false && sevs[item.dataset.sev] !== false; }
function applyFilters(){
  var cats = checked('cat'), sevs = checked('sev');
  var onlyFindings = document.getElementById('only-findings').checked;
  document.querySelectorAll('section.report').forEach(function(section){
    var shown = 0;
    section.querySelectorAll('ul.findings li').forEach(function(item){
      var on = visible(item, cats, sevs); item.hidden = !on; if (on) shown++;
    });
    section.querySelectorAll('mark').forEach(function(mark){
      var on = mark.dataset.f.split(' ').some(function(id){
        var item = document.getElementById(id); return item && !item.hidden; });
      mark.classList.toggle('on', on);
    });
    section.hidden = onlyFindings && shown === 0 && !section.classList.contains('unreadable');
    var row = document.getElementById('idx-' + section.id);
    if (row) row.hidden = section.hidden;
  });
}
function el(tag, cls, text){ var node = document.createElement(tag); if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text; return node; }
function show(ids, anchor){
  document.querySelectorAll('.active').forEach(function(node){ node.classList.remove('active'); });
  body.textContent = '';
  ids.forEach(function(id){
    var item = document.getElementById(id); if (!item) return;
    item.classList.add('active');
    var box = el('div', 'item');
    var head = el('div');
    head.appendChild(el('span', 'badge sev-' + item.dataset.sev, item.dataset.sevName));
    head.appendChild(el('span', 'badge cat', item.dataset.catName));
    head.appendChild(el('span', 'rule', item.dataset.rule));
    box.appendChild(head);
    box.appendChild(el('div', 'msg', item.dataset.message));
    if (item.dataset.where) box.appendChild(el('div', 'where', item.dataset.where));
    var rule = rules[item.dataset.rule];
    if (rule) {
      if (rule.summary) box.appendChild(el('div', 'summary', rule.summary));
      if (rule.explanation) box.appendChild(el('div', 'expl', rule.explanation));
    }
    body.appendChild(box);
  });
  if (anchor) anchor.classList.add('active');
  detail.hidden = false;
  detail.dataset.shown = ids.join(' ');
}
function reveal(item){
  var line = item.dataset.line, report = item.closest('section.report');
  if (!line || !report) return null;
  var row = report.querySelector('ol.lines > li[data-line="' + line + '"]');
  if (!row) return null;
  row.scrollIntoView({block: 'center'});
  row.classList.add('flash');
  setTimeout(function(){ row.classList.remove('flash'); }, 1500);
  return row.querySelector('mark[data-f~="' + item.id + '"]');
}
document.addEventListener('click', function(event){
  var mark = event.target.closest('mark.on');
  if (mark) { show(mark.dataset.f.split(' ').filter(function(id){
      var item = document.getElementById(id); return item && !item.hidden; }), mark); return; }
  var item = event.target.closest('ul.findings li');
  if (item) { var target = reveal(item); show([item.id], target); return; }
  if (event.target.id === 'detail-close') { detail.hidden = true; }
});
document.addEventListener('keydown', function(event){
  if (event.key === 'Escape') detail.hidden = true;
  if (event.key === 'Enter' && event.target.matches('mark.on, ul.findings li')) event.target.click();
});
document.querySelectorAll('input[data-filter], #only-findings').forEach(function(box){
  box.addEventListener('change', applyFilters); });
document.querySelectorAll('button[data-all]').forEach(function(button){
  button.addEventListener('click', function(){
    document.querySelectorAll('input[data-filter="' + button.dataset.all + '"]').forEach(function(box){
      box.checked = button.dataset.value === '1'; });
    applyFilters();
  });
});
applyFilters();
})();
"""


def _e(text) -> str:
    """Escape for HTML text and attribute values, after removing what HTML cannot hold."""
    return html.escape(strip_controls(str(text)), quote=True)


def _json_for_script(value) -> str:
    """JSON that cannot end its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Writer:
    binary = False

    def __init__(self, out, lang: str = "zh", rules=None, **_ignored):
        self.out = out
        self.lang = "en" if lang == "en" else "zh"
        self.t = _TEXT[self.lang]
        self.rules = rules or {}
        self.nonce = secrets.token_urlsafe(18)
        self.index: list[tuple[str, FileResult, Counter]] = []
        self.by_category: Counter = Counter()
        self.by_severity: Counter = Counter()
        self.seen_rules: set[str] = set()
        self.finding_total = 0
        csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{self.nonce}'; "
               "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'")
        out.write(
            "<!DOCTYPE html>\n"
            f'<html lang="{"en" if self.lang == "en" else "zh-CN"}"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(self.t['title'])}</title>\n<style>{_CSS}</style></head>\n"
            '<body>\n<main id="reports">\n')

    # -- one report -----------------------------------------------------------

    def add(self, result: FileResult) -> None:
        number = len(self.index) + 1
        rid = f"r{number}"
        findings = list(result.findings)
        counts = Counter(f.severity for f in findings if f.category != INPUT_ERROR)
        self.index.append((rid, result, counts))
        for finding in findings:
            self.by_category[finding.category] += 1
            self.by_severity[finding.severity] += 1
            self.seen_rules.add(finding.rule)
        self.finding_total += sum(1 for f in findings if f.category != INPUT_ERROR)
        ids = {id(f): f"{rid}-f{i}" for i, f in enumerate(findings)}
        unreadable = [f for f in findings if f.category == INPUT_ERROR]
        parts = [f'<section class="report{" unreadable" if unreadable else ""}" id="{rid}">',
                 f"<h2>{_e(result.path)}</h2>"]
        meta = []
        if result.kind:
            meta.append(self.t.get(result.kind, result.kind))
        if result.document is not None:
            meta.append(f"{len(result.document.lines)} {self.t['line']}")
        meta.append(" · ".join(f"{severity_name(s, self.lang)} {counts[s]}" for s in SEVERITIES if counts[s])
                    or self.t["no_findings"])
        parts.append(f'<div class="meta">{_e(" · ".join(meta))}</div>')
        for finding in unreadable:
            parts.append(f'<p class="input-error">{_e(self.t["unreadable"])}：{_e(finding.message)}</p>')
        listed = [f for f in findings if f.category != INPUT_ERROR]
        if listed:
            parts.append('<ul class="findings">')
            parts.extend(self._finding_item(f, ids[id(f)], result) for f in listed)
            parts.append("</ul>")
        if result.document is not None:
            parts.append(self._lines(rid, result, listed, ids))
        parts.append("</section>\n")
        self.out.write("\n".join(parts))

    def _where(self, finding: Finding, result: FileResult) -> str:
        where = []
        if finding.span is not None:
            where.append(f"{self.t['line']} {finding.span.line}" if self.lang == "en"
                         else f"第{finding.span.line}行")
        if finding.location:
            where.append(finding.location)
        elif finding.span is not None and result.document is not None:
            origin = result.document.origin(finding.span.line)
            if origin.label:
                where.append(origin.label)
        if finding.span is None:
            where.append(self.t["document"])
        return " · ".join(where)

    def _finding_item(self, finding: Finding, fid: str, result: FileResult) -> str:
        line = finding.span.line if finding.span else ""
        where = self._where(finding, result)
        sev, cat = finding.severity, finding.category
        return (f'<li id="{fid}" tabindex="0" data-line="{line}" data-sev="{_e(sev)}" data-cat="{_e(cat)}" '
                f'data-rule="{_e(finding.rule)}" data-message="{_e(finding.message)}" data-where="{_e(where)}" '
                f'data-sev-name="{_e(severity_name(sev, self.lang))}" '
                f'data-cat-name="{_e(category_name(cat, self.lang))}">'
                f'<span class="badge sev-{_e(sev)}">{_e(severity_name(sev, self.lang))}</span>'
                f'<span class="badge cat">{_e(category_name(cat, self.lang))}</span>'
                f'<span class="rule">{_e(finding.rule)}</span>{_e(finding.message)}'
                f' <small>{_e(where)}</small></li>')

    def _lines(self, rid: str, result: FileResult, findings: list[Finding], ids: dict) -> str:
        document = result.document
        # line -> [(start, end, finding id, severity)]
        marks: dict[int, list[tuple[int, int, str, str]]] = {}
        count = len(document.lines)
        for finding in findings:
            span = finding.span
            if span is None or not 1 <= span.line <= count:
                continue
            for line in range(span.line, min(max(span.last_line, span.line), count) + 1):
                text_len = len(document.lines[line - 1])
                start = span.start if line == span.line else 0
                end = span.end if line == span.last_line else text_len
                start = min(max(start, 0), text_len)
                end = min(max(end, start), text_len)
                if end == start and text_len:  # an empty span still gets a visible mark
                    start, end = min(start, text_len - 1), min(start, text_len - 1) + 1
                if end > start:
                    marks.setdefault(line, []).append((start, end, ids[id(finding)], finding.severity))
        rows = ['<ol class="lines">']
        for number, text in enumerate(document.lines, 1):
            origin = document.origin(number)
            on_line = marks.get(number)
            hit = ' class="hit"' if on_line else ""
            rows.append(f'<li data-line="{number}" id="{rid}-L{number}"{hit}>'
                        f'<span class="ln">{number}</span>'
                        + (f'<span class="origin">{_e(origin.label)}</span>' if origin.label else "")
                        + f'<span class="tx">{self._marked(text, on_line) if on_line else _plain(text)}</span></li>')
        rows.append("</ol>")
        return "\n".join(rows)

    @staticmethod
    def _marked(text: str, marks: list[tuple[int, int, str, str]]) -> str:
        """``text`` with <mark> around the covered segments; overlapping findings share a mark."""
        cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
        out = []
        for start, end in zip(cuts, cuts[1:]):
            segment = _plain(text[start:end])
            covering = [m for m in marks if m[0] <= start and end <= m[1]]
            if not covering:
                out.append(segment)
                continue
            worst = min(covering, key=lambda m: _SEVERITY_RANK.get(m[3], 3))[3]
            fids = " ".join(dict.fromkeys(m[2] for m in covering))
            out.append(f'<mark class="on sev-{_e(worst)}" tabindex="0" data-f="{fids}">{segment}</mark>')
        return "".join(out)

    # -- the end: summary, filters, index, script ----------------------------------

    def close(self) -> None:
        t = self.t
        out = self.out
        out.write("</main>\n")
        reports = len(self.index)
        out.write('<header id="top">\n')
        out.write(f"<h1>{_e(t['title'])}</h1>\n")
        unreadable = self.by_category.get(INPUT_ERROR, 0)
        summary = f"{reports} {t['reports']} · {self.finding_total} {t['findings']}"
        if unreadable:
            summary += f" · {t['unreadable']} {unreadable}"
        out.write(f'<p class="summary">{_e(summary)}</p>\n<div class="filters">\n')
        for name, values, label, namer in (
                ("cat", [c for c in CATEGORIES], t["category"], category_name),
                ("sev", list(SEVERITIES), t["severity"], severity_name)):
            out.write(f"<fieldset><legend>{_e(label)} "
                      f'<button type="button" data-all="{name}" data-value="1">{_e(t["all"])}</button> '
                      f'<button type="button" data-all="{name}" data-value="0">{_e(t["none"])}</button>'
                      "</legend>")
            counter = self.by_category if name == "cat" else self.by_severity
            for value in values:
                out.write(f'<label><input type="checkbox" data-filter="{name}" value="{_e(value)}" checked> '
                          f"{_e(namer(value, self.lang))} ({counter.get(value, 0)})</label>")
            out.write("</fieldset>\n")
        out.write(f'<label><input type="checkbox" id="only-findings"> {_e(t["only_findings"])}</label>\n</div>\n')
        # A long batch starts with the index folded, so the first report is in view.
        fold = " open" if reports <= 30 else ""
        out.write(f'<details{fold}><summary>{_e(t["index"])} ({reports})</summary><table class="index"><thead><tr>'
                  f"<th>{_e(t['report'])}</th><th>{_e(t['kind'])}</th>"
                  + "".join(f'<th class="n">{_e(severity_name(s, self.lang))}</th>' for s in SEVERITIES)
                  + f"<th>{_e(t['unreadable'])}</th></tr></thead><tbody>\n")
        for rid, result, counts in self.index:
            errors = "；".join(f.message for f in result.findings if f.category == INPUT_ERROR)
            out.write(f'<tr id="idx-{rid}"><td><a href="#{rid}">{_e(result.path)}</a></td>'
                      f"<td>{_e(t.get(result.kind, result.kind))}</td>"
                      + "".join(f'<td class="n">{counts[s]}</td>' for s in SEVERITIES)
                      + f'<td class="input-error">{_e(errors)}</td></tr>\n')
        out.write("</tbody></table></details>\n</header>\n")
        out.write(f'<aside id="detail" hidden><button type="button" id="detail-close">{_e(t["close"])}</button>'
                  '<h3>' + _e(t["explanation"]) + '</h3><div id="detail-body"></div></aside>\n')
        rules = {}
        for rule_id in sorted(self.seen_rules):
            rule = self.rules.get(rule_id)
            if rule is None:
                continue
            en = self.lang == "en"
            rules[rule_id] = {
                "summary": (getattr(rule, "summary_en", "") if en else "") or getattr(rule, "summary", ""),
                "explanation": ((getattr(rule, "explanation_en", "") if en else "")
                                or getattr(rule, "explanation", "")).strip(),
            }
        out.write(f'<script type="application/json" id="pc-rules">{_json_for_script(rules)}</script>\n')
        out.write(f'<script type="application/json" id="pc-text">{_json_for_script(t)}</script>\n')
        out.write(f'<script nonce="{self.nonce}">{_SCRIPT}</script>\n</body></html>\n')
        out.flush()


def _plain(text: str) -> str:
    """Escaped text with TABs (table cells) shown as a visible separator."""
    return '<span class="tab">\t│</span>'.join(_e(part) for part in text.split("\t"))
