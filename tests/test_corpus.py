"""Every corpus report parses, and its top level is what a reader sees."""

from __future__ import annotations

import pytest

import perfcheck
from conftest import corpus_reports


@pytest.mark.parametrize("path", corpus_reports(".txt"), ids=lambda p: p.name)
def test_report_parses_with_numbered_top_level(path):
    report = perfcheck.parse(path)
    numbered = [s for s in report.sections if s.number]
    assert len(numbered) >= 4, [s.number + s.title for s in report.sections]
    # the top level of these reports is 一、二、… (a stray style such as 5、 stays a sibling)
    assert sum(s.style == "cn-dun" for s in numbered) >= len(numbered) - 1
    for section in report.headings:
        line = report.line_text(section.line)
        assert section.title.strip()[:4] in line


def test_seed_model(corpus):
    report = perfcheck.parse(corpus / "seed.txt")
    top = [s.number.strip() for s in report.sections if s.number]
    assert top == ["一、", "二、", "三、", "四、", "5、"]
    lines = {b.line: b for b in report.breakdowns}
    assert 14 in lines and 15 in lines
    assert all(p.label for p in lines[15].parts) and len(lines[15].parts) == 3
    assert all(p.label for p in lines[14].parts)
    projects = report.projects
    assert len(projects) == 2
    for project in projects:
        assert project.initial_budget is not None and project.actual is not None
        assert project.adjustments and project.adjustments[0].sign == 1
    assert len(report.problems) == 3 and len(report.measures) == 3
    assert [p.span.line for p in report.problems] == [32, 33, 34]
    assert [m.span.line for m in report.measures] == [36, 37, 38]


@pytest.mark.parametrize("path", corpus_reports(".txt"), ids=lambda p: p.name)
def test_every_span_points_inside_its_line(path):
    report = perfcheck.parse(path)
    items = [*report.amounts, *report.percents, *report.counts, *report.sentences,
             *report.problems, *report.measures]
    for item in items:
        span = item.span
        line = report.line_text(span.line)
        assert 0 <= span.start <= len(line)
        if span.end_line is None:
            assert span.start <= span.end <= len(line)
    for amount in report.amounts:
        written = report.lines[amount.span.line - 1][amount.span.start:amount.span.end]
        assert amount.unit in written or amount.unit == "元"
