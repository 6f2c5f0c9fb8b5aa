"""The typed model of a report: what readers produce and every rule reads.

All classes are frozen attrs classes with slots.  Money is ``Decimal``;
every element carries a :class:`Span` into the document's text rendering.
Line numbers are 1-based; columns are 0-based, end exclusive (the JSON
output adds 1 to columns).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from attrs import field, frozen

# --------------------------------------------------------------------------
# Documents: what a reader produces


@frozen(slots=True)
class Origin:
    """Where a line of the text rendering came from, for humans.

    ``kind`` is ``line`` (a text file), ``paragraph`` / ``table-row`` (Word)
    or ``pdf`` (a PDF page line); ``label`` is e.g. ``第3段``, ``表2 第5行``,
    ``第2页 第14行``.  Empty for plain text files.  ``heading`` is the
    heading level a Word style gave the paragraph (1 for 标题 1 / Heading 1;
    0 when the format says nothing), a hint for the parser.
    """

    kind: str = "line"
    label: str = ""
    heading: int = 0


@frozen(slots=True)
class Document:
    """A report as lines of text, independent of the file format.

    Table rows are rendered as TAB-separated cells, one row a line, so the
    parser treats Word tables and TAB tables in text files alike.
    """

    path: str
    lines: tuple[str, ...]
    origins: tuple[Origin, ...] = ()
    format: str = "txt"
    encoding: str = "utf-8"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def origin(self, line: int) -> Origin:
        """The origin of 1-based ``line``; a plain line origin when unknown."""
        if 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        return Origin("line", "")


# --------------------------------------------------------------------------
# Positions and figures


@frozen(slots=True, order=True)
class Span:
    """A place in the text rendering: 1-based ``line``, 0-based columns.

    ``end_line`` is set only for spans that cross lines (``end`` then counts
    in ``end_line``).
    """

    line: int
    start: int
    end: int
    end_line: Optional[int] = None

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else self.line


UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


@frozen(slots=True)
class Amount:
    """A sum of money as written: ``44.13万元``.

    ``value`` is the number as printed (in ``unit``); ``decimals`` is the
    count of printed decimal places (0 for ``5万元``; for figures written in
    Chinese numerals too).  ``label`` is what the figure is said to be
    (``基本支出``), as the parser found it nearby; may be empty.
    """

    value: Decimal
    unit: str
    decimals: int
    span: Span
    text: str = ""
    label: str = ""

    @property
    def yuan(self) -> Decimal:
        return self.value * UNIT_FACTORS[self.unit]

    @property
    def half_unit_yuan(self) -> Decimal:
        """Half a unit of the last printed decimal, in 元: the rounding allowance."""
        return Decimal(5).scaleb(-self.decimals - 1) * UNIT_FACTORS[self.unit]

    @property
    def is_zero(self) -> bool:
        return self.value == 0


@frozen(slots=True)
class Percent:
    """A rate as written: ``96.97%`` (value 96.97, decimals 2)."""

    value: Decimal
    decimals: int
    span: Span
    text: str = ""
    label: str = ""


@frozen(slots=True)
class Count:
    """A count with its measure word: ``8个``, ``416人次``, ``3辆``."""

    value: Decimal
    measure: str
    span: Span
    text: str = ""
    label: str = ""


@frozen(slots=True)
class Part:
    """One labelled part of a breakdown."""

    label: str
    amount: Amount


@frozen(slots=True)
class Breakdown:
    """A total and its labelled parts: ``支出44.13万元，其中基本支出…``.

    ``exhaustive`` says whether the text claims the parts make up the whole
    (two or more parts after 其中/包括, a 合计 row, 基本支出 = 人员经费 +
    公用经费 …); a partial 其中 with one part is not a total claim.
    ``source`` names how it was found: ``qizhong``, ``baokuo``, ``table``,
    ``identity``, ``budget-adjustment`` ….  ``subtract`` marks parts that
    count negatively (调减).
    """

    total: Amount
    parts: tuple[Part, ...]
    exhaustive: bool
    source: str = "qizhong"
    subtract: tuple[bool, ...] = ()

    @property
    def line(self) -> int:
        return self.total.span.line


@frozen(slots=True)
class Adjustment:
    """A mid-year budget change of a project: 调增/追加 (+) or 调减 (−)."""

    sign: int
    amount: Amount
    word: str = ""


@frozen(slots=True)
class Project:
    """A project the report accounts for, with its figures where stated."""

    name: str
    span: Span
    initial_budget: Optional[Amount] = None
    adjustments: tuple[Adjustment, ...] = ()
    full_budget: Optional[Amount] = None
    actual: Optional[Amount] = None
    stated_rate: Optional[Percent] = None
    body: tuple[int, int] = (0, 0)  # first and last line describing it


# --------------------------------------------------------------------------
# Tables

TABLE_ROLES = (
    "level1", "level2", "level3", "target", "actual", "weight", "score",
    "rate", "reason", "initial_budget", "full_budget", "executed",
)


@frozen(slots=True)
class Cell:
    text: str
    span: Span


@frozen(slots=True)
class Row:
    cells: tuple[Cell, ...]
    line: int

    def cell(self, index: Optional[int]) -> Optional[Cell]:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


@frozen(slots=True)
class Table:
    """TAB-separated lines grouped into a table.

    ``columns`` maps a recognised role (see ``TABLE_ROLES``) to a column
    index: the 绩效自评表 columns 一级/二级/三级指标, 年度指标值, 实际完成值,
    分值, 得分, 执行率, 偏差原因 ….  ``caption`` is the line before the
    table when it names it (``表1 …``).
    """

    header: Row
    rows: tuple[Row, ...]
    columns: dict = field(factory=dict, hash=False)
    caption: str = ""

    @property
    def lines(self) -> tuple[int, int]:
        last = self.rows[-1].line if self.rows else self.header.line
        return (self.header.line, last)


# --------------------------------------------------------------------------
# Structure and prose


@frozen(slots=True)
class Section:
    """A heading and what lies under it.

    ``number`` is the numbering as written (``一、``, ``（1）``, ``5、``;
    empty for an unnumbered title line); ``style`` names its family
    (``cn-dun`` for 一、, ``paren-cn`` for （一）, ``arabic-dun`` for 1、,
    ``arabic-dot`` for 1. / 1．, ``paren-arabic`` for （1）, ``circled`` for
    ①, ``part`` for 第一部分, ``none``); ``ordinal`` is its value (5 for
    ``5、``).  ``body`` is the range of lines of the section's own text up to
    the next heading; ``extent`` includes its subsections.
    """

    number: str
    style: str
    ordinal: int
    level: int
    title: str
    span: Span
    body: tuple[int, int]
    extent: tuple[int, int]
    children: tuple["Section", ...] = ()

    @property
    def line(self) -> int:
        return self.span.line


@frozen(slots=True)
class Sentence:
    """A sentence of prose (split at 。！？； and line ends)."""

    text: str
    span: Span
    index: int = 0


@frozen(slots=True)
class ListItem:
    """A problem or an improvement measure: 一是…, 1.…, （1）…, （一）…."""

    text: str
    span: Span
    marker: str = ""
    index: int = 0


@frozen(slots=True)
class Report:
    """A parsed report: the single input of every rule."""

    document: Document
    lines: tuple[str, ...]  # normalised for parsing; same length per line as the original
    kind: str = "department"  # department | project
    title: str = ""
    unit: str = ""
    year: Optional[int] = None
    sections: tuple[Section, ...] = ()  # top level; nested through .children
    headings: tuple[Section, ...] = ()  # every section in document order
    sentences: tuple[Sentence, ...] = ()
    amounts: tuple[Amount, ...] = ()
    percents: tuple[Percent, ...] = ()
    counts: tuple[Count, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    projects: tuple[Project, ...] = ()
    tables: tuple[Table, ...] = ()
    problems: tuple[ListItem, ...] = ()
    measures: tuple[ListItem, ...] = ()

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def original_lines(self) -> tuple[str, ...]:
        return self.document.lines

    def line_text(self, line: int) -> str:
        """The original text of 1-based ``line`` ('' when out of range)."""
        if 1 <= line <= len(self.document.lines):
            return self.document.lines[line - 1]
        return ""

    def section_at(self, line: int) -> Optional[Section]:
        """The innermost section whose extent holds ``line``."""
        found = None
        for section in self.headings:
            if section.extent[0] <= line <= section.extent[1]:
                found = section
        return found


# --------------------------------------------------------------------------
# Findings

SEVERITIES = ("error", "warning", "info")
CATEGORIES = (
    "totals", "consistency", "arithmetic", "missing-section", "structure",
    "unsupported-claim", "measure-coverage", "indicator", "template-residue",
)
INPUT_ERROR = "input-error"


@frozen(slots=True)
class Finding:
    """One thing a reviewer would mark.

    ``span`` is None for a whole-document finding.  ``evidence`` holds the
    figures a check used (rendered strings), for outputs and for people.
    """

    path: str
    rule: str
    category: str
    severity: str
    message: str
    span: Optional[Span] = None
    excerpt: str = ""
    location: str = ""
    evidence: dict = field(factory=dict, hash=False)

    @property
    def line(self) -> Optional[int]:
        return self.span.line if self.span else None

    def to_json(self) -> dict:
        """The JSON contract of ``perfcheck lint --format json``."""
        span = self.span
        return {
            "path": self.path,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": span.line if span else None,
            "column": span.start + 1 if span else None,
            "end_line": span.last_line if span else None,
            "end_column": span.end + 1 if span else None,
            "excerpt": self.excerpt,
            "location": self.location,
        }


@frozen(slots=True)
class FileResult:
    """What linting one file gave: its document (None when unreadable) and findings."""

    path: str
    document: Optional[Document]
    findings: tuple[Finding, ...]
    kind: str = ""  # department | project, when parsed
