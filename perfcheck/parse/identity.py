"""What the report is: kind (department | project), title, unit, year.

The title is the first line that names a report (…报告, …自评表) near the
top; the unit is what precedes the year in it (桐江区教育局2023年度…).  A
title that names 项目 (and not 部门/单位整体) makes a project report;
without a title, the headings decide (项目基本情况, 项目绩效目标 …).
"""

from __future__ import annotations

import re
from typing import Optional

from attrs import frozen


@frozen(slots=True)
class Identity:
    kind: str = "department"
    title: str = ""
    unit: str = ""
    year: Optional[int] = None


TITLE_WORDS = re.compile(r"报告|自评表|评价表|自评情况")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
PROJECT_TITLE = re.compile(r"项目|专项|资金")
DEPARTMENT_TITLE = re.compile(r"部门整体|单位整体|整体支出|机关整体|部门绩效|整体绩效")
PROJECT_HEADING = re.compile(r"项目(?:基本)?(?:概况|情况)|项目绩效目标|项目资金")
DEPARTMENT_HEADING = re.compile(r"部门(?:基本)?(?:概况|情况)|单位(?:基本)?(?:概况|情况)|部门整体|机构设置|人员编制")
UNIT_FIELD = re.compile(r"(?:部门|单位|预算单位|项目单位|实施单位)(?:[（(]单位[）)])?(?:名称|全称)?[（(]?(?:公章)?[）)]?\s*[:：]\s*(\S[^\t]{1,40})")
#: how far from the top a title may sit (cover fields may come first)
TITLE_SEARCH_LINES = 8


def identify(lines, headings, tables, projects) -> Identity:
    title_line = _title_line(lines)
    title = lines[title_line].strip() if title_line is not None else ""
    year = _year(title) or _year_of_document(lines)
    unit = _unit(title) or _unit_field(lines)
    if not unit and title_line:
        # a cover that puts the unit on the line above the title
        above = lines[title_line - 1].strip()
        if 2 <= len(above) <= 30 and not any(ch in above for ch in "。，：:；"):
            unit = above
    return Identity(kind=_kind(title, headings), title=title, unit=unit, year=year)


def _title_line(lines) -> Optional[int]:
    for index, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        text = line.strip()
        if text and "\t" not in text and len(text) <= 80 and TITLE_WORDS.search(text) and not text.endswith("。"):
            return index
    return None


def _year(text: str) -> Optional[int]:
    match = YEAR.search(text)
    return int(match.group(1)) if match else None


def _year_of_document(lines) -> Optional[int]:
    for line in lines[:TITLE_SEARCH_LINES * 2]:
        year = _year(line)
        if year:
            return year
    return None


_NOT_UNIT = re.compile(r"^关于|关于$|对$")


def _unit(title: str) -> str:
    """What precedes the year in the title, without a 关于 around it
    (青溪县文化局关于2023年度…的报告 -> 青溪县文化局)."""
    match = YEAR.search(title)
    if match and match.start() > 0:
        return _NOT_UNIT.sub("", title[: match.start()].strip(" （(")).strip()
    return ""


def _unit_field(lines) -> str:
    """The unit named in a cover field (单位名称：…)."""
    for line in lines[:TITLE_SEARCH_LINES * 2]:
        match = UNIT_FIELD.search(line)
        if match:
            return match.group(1).strip(" （(")
    return ""


def _kind(title: str, headings) -> str:
    if title:
        if DEPARTMENT_TITLE.search(title):
            return "department"
        if PROJECT_TITLE.search(title):
            return "project"
    project_votes = sum(1 for h in headings if h.level <= 2 and PROJECT_HEADING.search(h.title))
    department_votes = sum(1 for h in headings if h.level <= 2 and DEPARTMENT_HEADING.search(h.title))
    return "project" if project_votes > department_votes else "department"
