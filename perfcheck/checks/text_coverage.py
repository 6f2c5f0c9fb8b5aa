"""measure-coverage: each stated problem should be answered by a measure.

A problem and a measure match when they share a topic of the pack's topic
lexicon (制度, 绩效目标, 监控 …, each a set of words) or when their texts
overlap in character bigrams, weighted so that words every item uses (绩效,
管理, 加强) count little.  Problems and measures are paired one to one,
best match first; a problem left without a partner is marked unless one
measure answers it strongly anyway (one measure may answer two problems).
A measure that answers nothing is reported as ``info``.

The work is (problems × measures) comparisons of short texts: a report
has a handful of each, so this stays well under a millisecond.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from . import Hit, Param, kind
from ..model import ListItem, Report
from ..saferegex import compile_pattern

PARAMS = {
    "topics": Param("table", {}, "topic name -> regular expression of its words"),
    "stop_bigrams": Param("list", [], "character pairs that say nothing of a topic (管理, 加强 …)"),
    "match": Param("decimal", "0.18", "score at which a problem and a measure are a pair"),
    "strong": Param("decimal", "0.35", "score at which a measure answers a problem it is not paired with"),
    "topic_weight": Param("decimal", "0.3", "score added for each shared topic"),
    "headline_chars": Param("int", 60, "how much of a problem's text names it (its headline)"),
    "orphans": Param("bool", True, "report measures that answer no problem (as info)"),
}

_PUNCT = re.compile(r"[\s\d.,，。、；;：:！？!?（）()“”\"'《》〈〉【】\[\]%-]+")
_HEADLINE_END = re.compile(r"[。；;！？]")


@kind("measure-coverage", params=PARAMS)
def measure_coverage(report: Report, params) -> "list[Hit]":
    """Problems no measure addresses (on the problem), measures that address none (info)."""
    problems, measures = report.problems, report.measures
    if not problems or not measures:
        return []  # a missing part is missing-section's finding, not one per problem
    topics = {name: compile_pattern(pattern) for name, pattern in (params["topics"] or {}).items()}
    stop = set(params["stop_bigrams"] or ())
    chars = params["headline_chars"]
    problem_texts = [_headline(p.text, chars) for p in problems]
    measure_texts = [m.text for m in measures]
    weights = _weights([*problem_texts, *(_headline(t, chars) for t in measure_texts)], stop)
    scores = [[_score(p, m, topics, weights, stop, float(params["topic_weight"]))
               for m in measure_texts] for p in problem_texts]
    # a problem and a measure written on the same line (…不够。改进措施：…) are a pair already
    for i, problem in enumerate(problems):
        for j, measure in enumerate(measures):
            if problem.span.line == measure.span.line:
                scores[i][j] = max(scores[i][j], 10.0)
    match, strong = float(params["match"]), float(params["strong"])
    paired_p, paired_m = _pair(scores, match)
    hits = []
    for i, problem in enumerate(problems):
        if i in paired_p or max(scores[i]) >= strong:
            continue
        hits.append(Hit(problem.span, {"problem": _headline(problem.text, 30)}))
    if params["orphans"]:
        for j, measure in enumerate(measures):
            if j in paired_m or max(scores[i][j] for i in range(len(problems))) >= strong:
                continue
            hits.append(Hit(measure.span, {"measure": _headline(measure.text, 30)}, "orphan", "info"))
    return hits


def _headline(text: str, chars: int) -> str:
    """The item's own words: its first sentence, at most ``chars`` characters."""
    end = _HEADLINE_END.search(text)
    head = text[: end.start()] if end and end.start() >= 4 else text
    return head[:chars]


def _bigrams(text: str, stop: set[str]) -> set[str]:
    pieces = _PUNCT.split(text)
    return {p[i:i + 2] for p in pieces for i in range(len(p) - 1)} - stop


def _weights(texts: list[str], stop: set[str]) -> dict[str, float]:
    """Inverse document frequency over the report's own items."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_bigrams(text, stop))
    total = len(texts)
    return {gram: math.log((1 + total) / (1 + n)) + 0.2 for gram, n in counts.items()}


def _topics_of(text: str, topics) -> set[str]:
    return {name for name, pattern in topics.items() if pattern.search(text)}


def _score(problem: str, measure: str, topics, weights, stop, topic_weight: float) -> float:
    shared_topics = _topics_of(problem, topics) & _topics_of(measure, topics)
    grams = _bigrams(problem, stop)
    if not grams:
        return topic_weight * len(shared_topics)
    measure_grams = _bigrams(measure, stop)
    total = sum(weights.get(g, 1.0) for g in grams)
    shared = sum(weights.get(g, 1.0) for g in grams & measure_grams)
    return shared / total + topic_weight * len(shared_topics)


def _pair(scores: list[list[float]], threshold: float) -> tuple[set[int], set[int]]:
    """Greedy one-to-one pairing, best score first."""
    ranked = sorted(((s, i, j) for i, row in enumerate(scores) for j, s in enumerate(row) if s >= threshold),
                    reverse=True)
    paired_p: set[int] = set()
    paired_m: set[int] = set()
    for _, i, j in ranked:
        if i in paired_p or j in paired_m:
            continue
        paired_p.add(i)
        paired_m.add(j)
    return paired_p, paired_m
