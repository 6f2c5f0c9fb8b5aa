"""unsupported-claim: an evaluative claim of outcome with nothing to back it.

A claim (好评, 显著, 明显提升, 圆满完成 … from the pack's lexicon) needs
support in its own sentence or the next one: a figure of result (a rate, a
count of people served or things delivered), a survey or test, or a named
document.  A record of activity — trainings held, meetings convened,
inspections made — shows effort, not the effect the claim asserts, so a
figure that counts such events is no support.  Claims that are negated
(不明显), planned (力争显著提升) or sit in the problems and measures are
not claims of outcome.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from . import Hit, Param, kind
from ..model import Report, Sentence, Span
from .text_common import text_index

PARAMS = {
    "claims": Param("regex-list", [], "evaluative outcome phrases"),
    "negation": Param("regex", r"(?:不|未|尚未|没有|不够|不太)$", "right before a claim: it is negated"),
    "plan": Param("regex", None, "in the sentence before a claim: a plan or aim, not an outcome"),
    "support": Param("regex-list", [], "what supports a claim: figures, surveys, named documents"),
    "activity": Param("regex-list", [], "figures that record activity (trainings held), not effect"),
    "not_figures": Param("regex", None, "figure-like text that is no figure (dates, years, 文号)"),
    "future": Param("regex", None, "in a clause: it states a plan (计划于…, 将于…), which supports nothing yet"),
    "skip_lists": Param("bool", True, "ignore the problem and measure items"),
}


@kind("unsupported-claim", params=PARAMS)
def unsupported_claim(report: Report, params) -> "list[Hit]":
    """One hit per sentence holding an unsupported claim, on the claim."""
    claims = params["claims"] or ()
    if not claims:
        return []
    skip_lines = set()
    if params["skip_lists"]:
        skip_lines = {item.span.line for item in (*report.problems, *report.measures)}
    sentences = report.sentences
    by_line: dict[int, tuple[list[int], list[int]]] = {}  # line -> (sentence starts, positions)
    for position, sentence in enumerate(sentences):
        starts, positions = by_line.setdefault(sentence.span.line, ([], []))
        starts.append(sentence.span.start)
        positions.append(position)
    index = text_index(report)
    # candidate claims: every match, in document order, at most one per sentence
    candidates: dict[int, tuple[int, int]] = {}
    for pattern in claims:
        for line, start, end in index.matches(pattern):
            if line in skip_lines:
                continue
            if line not in by_line:
                continue
            starts, positions = by_line[line]
            slot = bisect_right(starts, start) - 1  # the sentence the match starts in
            if slot < 0:
                continue
            position = positions[slot]
            span = sentences[position].span
            if start < span.end and _is_claim(sentences[position], start - span.start, params) and (
                    position not in candidates or start < candidates[position][0]):
                candidates[position] = (start, min(end, span.end))
    heading_lines = {section.line for section in report.headings}
    hits = []
    for position in sorted(candidates):
        sentence = sentences[position]
        if _supported(sentence.text, params):
            continue
        following = _next(sentences, position, heading_lines)
        if following is not None and _supported(following.text, params):
            continue
        start, end = candidates[position]
        hits.append(Hit(Span(sentence.span.line, start, end),
                        {"claim": report.lines[sentence.span.line - 1][start:end], "sentence": sentence.text[:60]}))
    return hits


def _is_claim(sentence: Sentence, offset: int, params) -> bool:
    """Not negated (不明显) and not a plan (力争…显著提升)."""
    text = sentence.text
    negation, plan = params["negation"], params["plan"]
    if negation is not None and negation.search(text[max(0, offset - 4):offset]):
        return False
    if plan is not None and plan.search(text[:offset]):
        return False
    return True


def _next(sentences: tuple[Sentence, ...], index: int, heading_lines: set[int]):
    """The next sentence of the same paragraph: a claim that ends its paragraph
    answers for itself (the next paragraph, let alone the part under the next
    heading, is about something else)."""
    if index + 1 >= len(sentences):
        return None
    following = sentences[index + 1]
    if following.span.line != sentences[index].span.line or following.span.line in heading_lines:
        return None
    return following


def _supported(text: str, params) -> bool:
    cleaned = text
    future = params["future"]
    if future is not None:
        cleaned = _blank_clauses(cleaned, future)
    not_figures = params["not_figures"]
    if not_figures is not None:
        cleaned = _blank(cleaned, not_figures)
    for pattern in params["activity"] or ():
        cleaned = _blank(cleaned, pattern)
    return any(pattern.search(cleaned) for pattern in params["support"] or ())


_CLAUSE = re.compile(r"[^，,；;。！？!?]+")


def _blank_clauses(text: str, pattern) -> str:
    """``text`` with each clause that ``pattern`` finds in blanked: a planned
    check (抽查工作计划于下半年开展) has no result to support anything."""
    if pattern.search(text) is None:
        return text
    return _CLAUSE.sub(lambda clause: " " * len(clause.group()) if pattern.search(clause.group()) else clause.group(),
                       text)


def _blank(text: str, pattern) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (columns kept)."""
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(text[last:match.start()])
        pieces.append(" " * (match.end() - match.start()))
        last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
