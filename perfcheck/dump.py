"""The parsed model as plain data (JSON) or as an indented text listing.

What ``perfcheck parse`` prints, so that a rule author sees what rules see.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .model import Amount, Percent, Report, Section, Span


def to_data(value: Any) -> Any:
    """attrs objects, tuples and Decimals as JSON-ready data."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Span):
        data = {"line": value.line, "start": value.start, "end": value.end}
        if value.end_line is not None:
            data["end_line"] = value.end_line
        return data
    if attrs.has(type(value)):
        return {f.name: to_data(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


def report_data(report: Report) -> dict:
    """The report without the raw document (its lines are the file itself)."""
    data = {f.name: to_data(getattr(report, f.name))
            for f in attrs.fields(Report) if f.name not in ("document", "lines", "headings")}
    data["path"] = report.path
    data["line_count"] = len(report.lines)
    return data


def _figure(value: Amount | Percent) -> str:
    if isinstance(value, Amount):
        return f"{value.value}{value.unit}"
    return f"{value.value}%"


def _section_lines(section: Section, depth: int, out: list[str]) -> None:
    out.append(f"{'  ' * depth}L{section.line:<4} [{section.style} L{section.level}] "
               f"{section.number}{section.title}  (body {section.body[0]}-{section.body[1]})")
    for child in section.children:
        _section_lines(child, depth + 1, out)


def report_text(report: Report) -> str:
    out = [f"{report.path}: kind={report.kind} year={report.year or '?'} "
           f"unit={report.unit or '?'} title={report.title or '?'}", "", "sections:"]
    for section in report.sections:
        _section_lines(section, 1, out)
    out.append("\namounts:")
    out += [f"  L{a.span.line:<4} {_figure(a):>16}  {a.label}" for a in report.amounts]
    out.append("\npercents:")
    out += [f"  L{p.span.line:<4} {_figure(p):>16}  {p.label}" for p in report.percents]
    out.append("\ncounts:")
    out += [f"  L{c.span.line:<4} {c.value}{c.measure:<6}  {c.label}" for c in report.counts]
    out.append("\nbreakdowns:")
    for b in report.breakdowns:
        parts = ""
        for i, part in enumerate(b.parts):
            minus = i < len(b.subtract) and b.subtract[i]
            parts += ("− " if minus else "+ " if i else "") + f"{part.label or '?'} {_figure(part.amount)} "
        out.append(f"  L{b.line:<4} {b.total.label or '?'} {_figure(b.total)} = {parts}"
                   f" [{b.source}{'' if b.exhaustive else ', partial'}]")
    out.append("\nprojects:")
    for p in report.projects:
        fields = [f"{name} {_figure(v)}" for name, v in (
            ("年初预算", p.initial_budget), ("全年预算", p.full_budget), ("实际支出", p.actual),
            ("执行率", p.stated_rate)) if v is not None]
        fields += [f"{'调增' if a.sign > 0 else '调减'} {_figure(a.amount)}" for a in p.adjustments]
        out.append(f"  L{p.span.line:<4} {p.name}: " + "，".join(fields))
    out.append("\ntables:")
    for t in report.tables:
        out.append(f"  L{t.lines[0]}-{t.lines[1]} {t.caption or ''} columns={dict(t.columns)} rows={len(t.rows)}")
    out.append("\nproblems:")
    out += [f"  L{i.span.line:<4} {i.marker}{i.text[:60]}" for i in report.problems]
    out.append("\nmeasures:")
    out += [f"  L{i.span.line:<4} {i.marker}{i.text[:60]}" for i in report.measures]
    return "\n".join(out) + "\n"
