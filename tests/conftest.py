"""Shared fixtures: where the labelled corpus is, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

from perfcheck.model import Span

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_reports(suffix: str = ".txt") -> list[Path]:
    return sorted(CORPUS.glob(f"*{suffix}")) if CORPUS.is_dir() else []


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture
def run_cli():
    """Invoke the click CLI in-process; returns the click Result."""
    from click.testing import CliRunner

    from perfcheck.cli import main

    def run(*args: str, **kwargs):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run


def txt_lines(stem: str) -> list[str]:
    """The lines of corpus report ``stem``.txt, as a twin's rendering should give them."""
    lines = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def assert_span_inside(span: Span, lines: tuple[str, ...], what: object) -> None:
    assert 1 <= span.line <= len(lines), what
    last = span.last_line
    assert span.line <= last <= len(lines), what
    assert 0 <= span.start <= len(lines[span.line - 1]), what
    assert 0 <= span.end <= len(lines[last - 1]), what
    if last == span.line:
        assert span.start <= span.end, what
