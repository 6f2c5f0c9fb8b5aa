"""What the report is: kind (department | project), title, unit, year."""

from __future__ import annotations

from typing import Optional

from attrs import frozen


@frozen(slots=True)
class Identity:
    kind: str = "department"
    title: str = ""
    unit: str = ""
    year: Optional[int] = None


def identify(lines, headings, tables, projects) -> Identity:
    return Identity()  # STUB: text helper
