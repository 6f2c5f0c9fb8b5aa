"""A tiny third-party plugin: adds the kind ``demo-long-line``."""

from perfcheck.checks import Hit, Param, kind
from perfcheck.model import Span


@kind("demo-long-line", params={"max_chars": Param("int", 200, "longest allowed line")})
def long_lines(report, params):
    """Marks lines longer than ``max_chars``."""
    for number, line in enumerate(report.lines, 1):
        if len(line) > params["max_chars"]:
            yield Hit(Span(number, 0, len(line)), {"length": len(line)})
