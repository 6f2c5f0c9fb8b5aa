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

from . import Hit, Param, kind, regex_values
from ..model import Report
from .text_common import cached_pattern

PARAMS = {
    "topics": Param("table", {}, "topic name -> regular expression of its words", validate=regex_values),
    "stop_bigrams": Param("list", [], "character pairs that say nothing of a topic (管理, 加强 …)"),
    "match": Param("decimal", "0.2", "score at which a problem and a measure are a pair"),
    "strong": Param("decimal", "0.55", "score at which a measure answers a problem it is not paired with"),
    "topic_weight": Param("decimal", "0.3", "score added for each shared topic"),
    "disjoint_factor": Param("decimal", "0.5", "score factor when problem and measure name different topics"),
    "headline_chars": Param("int", 60, "how much of a problem's text names it (its headline)"),
    "anchor": Param("decimal", "0.5", "score of a problem and a measure that alone share a rare three-character phrase (机械化, 送审资料)"),
    "anchor_uses": Param("int", 2, "how often that phrase may occur in the whole report (a term the report repeats, 绩效评价, ties nothing)"),
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
    scores, problem_topics = score_matrix(problems, measures, params, report.lines)
    # a problem and a measure written on the same line (…不够。改进措施：…) are a pair already
    for i, problem in enumerate(problems):
        for j, measure in enumerate(measures):
            if problem.span.line == measure.span.line:
                scores[i][j] = max(scores[i][j], 10.0)
    match, strong = float(params["match"]), float(params["strong"])
    paired_p, paired_m = _pair(scores, match)
    # a problem and a measure both left over that share a topic (粉丝增长乏力 / 短视频工作室)
    # answer each other: the pairing above only ran out of better partners
    _pair_leftovers_by_topic(scores, problem_topics, measure_topics_of(measures, params), paired_p, paired_m)
    # a problem with no topic of its own ("贯彻落实不到位") is answered by any measure left over
    spare = [j for j in range(len(measures)) if j not in paired_m]
    for i in range(len(problems)):
        if i not in paired_p and not problem_topics[i] and spare:
            paired_p.add(i)
            paired_m.add(spare.pop(0))
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


def measure_topics_of(measures, params) -> "list[set[str]]":
    """Each measure's topics as its headline names them (a word in how it is done,
    维修数量 in 强化绩效目标管理, is not what the measure is about)."""
    topics = {name: cached_pattern(pattern) for name, pattern in (params["topics"] or {}).items()}
    return [_topics_of(_headline(m.text, params["headline_chars"]), topics) for m in measures]


def _pair_leftovers_by_topic(scores, problem_topics, measure_topics, paired_p: set[int], paired_m: set[int]) -> None:
    for i, own in enumerate(problem_topics):
        if i in paired_p or not own:
            continue
        shared = [(scores[i][j], j) for j, plan in enumerate(measure_topics) if j not in paired_m and own & plan]
        if shared:
            paired_p.add(i)
            paired_m.add(max(shared)[1])


def score_matrix(problems, measures, params, report_lines=()) -> tuple[list[list[float]], list[set[str]]]:
    """How well each measure answers each problem, and each problem's own topics."""
    topics = {name: cached_pattern(pattern) for name, pattern in (params["topics"] or {}).items()}
    stop = set(params["stop_bigrams"] or ())
    chars = params["headline_chars"]
    topic_weight = float(params["topic_weight"])
    disjoint = float(params["disjoint_factor"])
    problem_heads = [_headline(p.text, chars) for p in problems]
    measure_heads = [_headline(m.text, chars) for m in measures]
    weights = _weights([*problem_heads, *measure_heads], stop)
    problem_topics = [_topics_of(text, topics) for text in problem_heads]
    measure_topics = [_topics_of(text, topics) for text in measure_heads]
    # a measure's topic shows in its headline and the sentence that says how
    measure_plans = [_topics_of(_lead(m.text, 2), topics) for m in measures]
    # a topic every measure touches (the project's own field) tells measures apart little
    spread = Counter(topic for plan in measure_plans for topic in plan)
    rarity = {topic: 1 - (n - 1) / len(measures) for topic, n in spread.items()}
    # each text's bigrams once: the pairs below only intersect sets
    problem_head_grams = [_bigrams(text, stop) for text in problem_heads]
    problem_text_grams = [_bigrams(p.text, stop) for p in problems]
    measure_head_grams = [_bigrams(text, stop) for text in measure_heads]
    measure_text_grams = [_bigrams(m.text, stop) for m in measures]
    anchors = _anchor_pairs([_trigrams(text, stop) for text in problem_heads],
                            [_trigrams(m.text, stop) for m in measures],
                            "\n".join(report_lines), params["anchor_uses"])
    anchor = float(params["anchor"])
    scores = []
    for i in range(len(problems)):
        row = []
        for j in range(len(measures)):
            # the problem's headline found in the measure, or the measure's headline
            # found in the problem's account of itself (its cause)
            score = max(_overlap(problem_head_grams[i], measure_text_grams[j], weights),
                        _overlap(measure_head_grams[j], problem_text_grams[i], weights))
            shared = problem_topics[i] & measure_plans[j]
            score += topic_weight * sum(rarity[topic] for topic in shared)
            if problem_topics[i] and measure_topics[j] and not shared:
                score *= disjoint  # each names its own topic, and they differ
            if (i, j) in anchors:
                score = max(score, anchor)
            row.append(score)
        scores.append(row)
    return scores, problem_topics


def _lead(text: str, sentences: int) -> str:
    """The first ``sentences`` sentences of ``text``."""
    end = 0
    for _ in range(sentences):
        found = _HEADLINE_END.search(text, end)
        if found is None:
            return text
        end = found.end()
    return text[:end]


def _headline(text: str, chars: int) -> str:
    """The item's own words: its first sentence, at most ``chars`` characters."""
    end = _HEADLINE_END.search(text)
    head = text[: end.start()] if end and end.start() >= 4 else text
    return head[:chars]


def _bigrams(text: str, stop: set[str]) -> set[str]:
    pieces = _PUNCT.split(text)
    return {p[i:i + 2] for p in pieces for i in range(len(p) - 1)} - stop


def _trigrams(text: str, stop: set[str]) -> set[str]:
    """Three-character runs free of words every item uses (机械化, 送审资)."""
    pieces = _PUNCT.split(text)
    return {g for p in pieces for i in range(len(p) - 2)
            if (g := p[i:i + 3])[:2] not in stop and g[1:] not in stop}


def _anchor_pairs(problem_grams: "list[set[str]]", measure_grams: "list[set[str]]",
                  text: str, max_uses: int) -> "set[tuple[int, int]]":
    """(problem, measure) pairs that share a phrase found in no other problem or
    measure and hardly elsewhere in the report: a distinctive word ties the two
    even when their topics differ (送审资料 under 进度 and under 制度)."""
    problems_of: dict[str, list[int]] = {}
    for i, grams in enumerate(problem_grams):
        for g in grams:
            problems_of.setdefault(g, []).append(i)
    measures_of: dict[str, list[int]] = {}
    for j, grams in enumerate(measure_grams):
        for g in grams:
            measures_of.setdefault(g, []).append(j)
    return {(owners[0], measures_of[g][0]) for g, owners in problems_of.items()
            if len(owners) == 1 and len(measures_of.get(g, ())) == 1 and text.count(g) <= max_uses}


def _weights(texts: list[str], stop: set[str]) -> dict[str, float]:
    """Inverse document frequency over the report's own items."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_bigrams(text, stop))
    total = len(texts)
    return {gram: math.log((1 + total) / (1 + n)) + 0.2 for gram, n in counts.items()}


def _topics_of(text: str, topics) -> set[str]:
    return {name for name, pattern in topics.items() if pattern.search(text)}


def _overlap(grams: set[str], found: set[str], weights) -> float:
    """Weighted share of ``grams`` that are also in ``found``."""
    if not grams:
        return 0.0
    total = sum(weights.get(g, 1.0) for g in grams)
    return sum(weights.get(g, 1.0) for g in grams & found) / total


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
