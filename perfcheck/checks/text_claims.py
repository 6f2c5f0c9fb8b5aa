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
    "cell_chars": Param("int", 12, "a table cell this long or longer is prose whose claims are checked"),
    "cell_roles": Param("list", ["level1", "level2", "level3", "target", "actual", "weight", "score", "rate"],
                        "table columns that name or measure an indicator (满意度提升 there is a name, not a claim)"),
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
    hits.extend(_cell_claims(report, claims, skip_lines, params))
    return hits


_PROSE = re.compile(r"[，。；！？]")
_CELL_SENTENCE = re.compile(r"[^。！？；;!?]+[。！？；;!?]*")


def _cell_claims(report: Report, claims, skip_lines: set[int], params) -> "list[Hit]":
    """Claims written in a table's prose cells (年度目标完成情况\t…群众满意度显著提升).

    A row is one statement: a figure or survey in another cell of the row
    supports the claim as the next sentence would."""
    roles = set(params["cell_roles"] or ())
    minimum = params["cell_chars"]
    role_columns: dict[int, set[int]] = {}
    for table in report.tables:
        columns = {index for role, index in table.columns.items() if role in roles}
        for line in range(table.lines[0], table.lines[1] + 1):
            role_columns[line] = columns
    hits = []
    for number, line in enumerate(report.lines, 1):
        if "\t" not in line or number in skip_lines:
            continue
        cells = []
        start = 0
        for text in line.split("\t"):
            cells.append((start, text))
            start += len(text) + 1
        skipped = role_columns.get(number, set())
        for column, (cell_start, text) in enumerate(cells):
            if len(text.strip()) < minimum or (column in skipped and not _PROSE.search(text)):
                continue  # a name or value column holds prose only in a merged row (年度总体目标完成情况)
            hit = _claim_in_cell(text, cell_start, number, cells, column, claims, params)
            if hit is not None:
                hits.append(hit)
    return hits


def _claim_in_cell(text, offset, number, cells, column, claims, params):
    sentences = [(m.start(), m.group()) for m in _CELL_SENTENCE.finditer(text)]
    for position, (start, sentence) in enumerate(sentences):
        found = None
        for pattern in claims:
            match = pattern.search(sentence)
            if match is not None and (found is None or match.start() < found.start()):
                found = match
        if found is None or not _is_claim(Sentence(sentence, Span(number, 0, 0)), found.start(), params):
            continue
        following = sentences[position + 1][1] if position + 1 < len(sentences) else ""
        others = "\t".join(cell for index, (_, cell) in enumerate(cells) if index != column)
        if _supported(sentence, params) or (following and _supported(following, params)) or _supported(others, params):
            continue
        begin = offset + start + found.start()
        return Hit(Span(number, begin, offset + start + found.end()), {"claim": found.group(), "sentence": sentence[:60]})
    return None


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
    heading, is about something else).  A heading's next sentence is the first
    of the text under it."""
    if index + 1 >= len(sentences):
        return None
    following = sentences[index + 1]
    line = sentences[index].span.line
    if line in heading_lines and following.span.line == line + 1 and following.span.line not in heading_lines \
            and len(sentences[index].text) <= 40 and not sentences[index].text.endswith("。"):
        return following  # a heading's claim (（二）成效明显) is answered by the text under it
    if following.span.line != line or following.span.line in heading_lines:
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
