"""Identity: kind, title, unit and year of a report."""

from __future__ import annotations

import pytest

from perfcheck import parse


@pytest.mark.parametrize("title, kind, unit, year", [
    ("桐江区教育局2023年度部门整体支出绩效自评报告", "department", "桐江区教育局", 2023),
    ("云州市农业农村局2023年度高标准农田建设项目支出绩效自评报告", "project", "云州市农业农村局", 2023),
    ("鹤溪县疾病预防控制中心2022年度单位整体支出绩效自评报告", "department", "鹤溪县疾病预防控制中心", 2022),
    ("枫林区科学技术局2023年度科技创新专项资金项目绩效自评报告", "project", "枫林区科学技术局", 2023),
    ("青溪县文化局关于2023年度部门整体支出绩效自评情况的报告", "department", "青溪县文化局", 2023),
])
def test_title_line(title, kind, unit, year):
    report = parse(title + "\n一、基本情况\n本单位主要职责是……\n")
    assert (report.kind, report.unit, report.year, report.title) == (kind, unit, year, title)


def test_no_title_kind_from_headings():
    report = parse("一、项目基本情况\n项目概况。\n二、项目绩效目标\n目标。\n三、项目资金使用情况\n支出。\n")
    assert report.kind == "project" and report.title == ""


def test_no_title_defaults_to_department():
    report = parse("一、预算单位基本情况\n本部门是……\n二、预算收支出情况\n2023年预算收入44.13万元。\n")
    assert report.kind == "department" and report.year == 2023


def test_unit_from_a_cover_field():
    report = parse("项目支出绩效自评报告\n项目单位：青溪县水利局\n一、项目概况\n项目背景。\n")
    assert report.unit == "青溪县水利局" and report.kind == "project"


def test_unit_on_the_line_above_the_title():
    report = parse("桐江区教育局\n2023年度部门整体支出绩效自评报告\n一、基本情况\n本局主要职能……\n")
    assert report.unit == "桐江区教育局" and report.year == 2023


def test_a_title_opening_with_guanyu_names_no_unit():
    report = parse("关于2023年度部门整体支出绩效自评情况的报告\n单位名称：青溪县文化局\n一、基本情况\n本局主要职能……\n")
    assert report.unit == "青溪县文化局"
