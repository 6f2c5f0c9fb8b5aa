"""Compiler-style text: ``path:line:col: severity RULE message``, the line, a caret line.

Carets are aligned for CJK text: a wide character (Han, full-width
punctuation) takes two terminal columns.
"""

from __future__ import annotations

import unicodedata

from ..model import FileResult, Finding

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: characters of context shown on each side of a span in a long paragraph
CONTEXT = 30


def _window(source: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line cut to the span and some context, marked with …; the span's new columns."""
    left = max(0, start - CONTEXT)
    right = min(len(source), end + CONTEXT)
    if left == 0 and right == len(source):
        return source, start, end
    head = "…" if left else ""
    tail = "…" if right < len(source) else ""
    return head + source[left:right] + tail, start - left + len(head), end - left + len(head)


class Writer:
    binary = False

    def __init__(self, out, lang: str = "zh", rules=None, color: bool = False):
        self.out, self.lang, self.color = out, lang, color

    def _style(self, text: str, **kwargs) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, **kwargs)

    def add(self, result: FileResult) -> None:
        lines = result.document.lines if result.document else ()
        for finding in result.findings:
            self.out.write(self.format(finding, lines) + "\n")

    def format(self, finding: Finding, lines) -> str:
        span = finding.span
        where = f"{finding.path}:{span.line}:{span.start + 1}" if span else finding.path
        severity = finding.severity if self.lang == "en" else _SEVERITY_ZH.get(finding.severity, finding.severity)
        head = (f"{self._style(where, bold=True)}: "
                f"{self._style(severity, fg=_COLORS.get(finding.severity), bold=True)} "
                f"{self._style(finding.rule, dim=True)} {finding.message}")
        if finding.location:
            head += f"（{finding.location}）" if self.lang != "en" else f" ({finding.location})"
        if not span or not (1 <= span.line <= len(lines)):
            return head
        source = lines[span.line - 1].replace("\t", " ")
        gutter = f"{span.line:>5} | "
        start = min(span.start, len(source))
        end = len(source) if span.end_line is not None else min(max(span.end, start + 1), len(source))
        source, start, end = _window(source, start, end)
        pad = " " * display_width(source[:start])
        carets = "^" * max(1, display_width(source[start:end]))
        return (f"{head}\n{gutter}{source}\n" + " " * (len(gutter) - 2) + "| "
                + pad + self._style(carets, fg=_COLORS.get(finding.severity)))

    def close(self) -> None:
        pass
