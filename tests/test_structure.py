"""Section tree: outline numbers, levels from the nesting of styles, title lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from perfcheck.parse.structure import chinese_ordinal, find_sections, numbering_of


@pytest.mark.parametrize("line, style, ordinal, number", [
    ("一、基本情况", "cn-dun", 1, "一、"),
    (" 一、预算单位基本情况", "cn-dun", 1, "一、"),
    ("十二、其他", "cn-dun", 12, "十二、"),
    ("（三）项目支出", "paren-cn", 3, "（三）"),
    ("(二)支出情况", "paren-cn", 2, "(二)"),
    ("（1）存在的问题", "paren-arabic", 1, "（1）"),
    ("1.积极争取", "arabic-dot", 1, "1."),
    ("2. 项目名称", "arabic-dot", 2, "2."),
    ("5、 其他需要说明的情况", "arabic-dun", 5, "5、"),
    ("③培育志愿者队伍", "circled", 3, "③"),
    ("第二部分 部门决算表", "part", 2, "第二部分"),
    ("第三章 绩效目标完成情况", "chapter", 3, "第三章"),
    ("第一节 产出情况", "jie", 1, "第一节"),
])
def test_numbering_styles(line, style, ordinal, number):
    found = numbering_of(line)
    assert found is not None
    assert (found.style, found.ordinal, found.number) == (style, ordinal, number)


@pytest.mark.parametrize("line", [
    "1.2亿元用于基础设施建设",   # a decimal figure, not a heading
    "一是高度重视，加强领导。",   # an inline list marker
    "2023年支出44.13万元。",
    "98.5%的群众表示满意。",
    "（一）",                    # a bare number
    "",
])
def test_not_numbered(line):
    assert numbering_of(line) is None


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)])
def test_chinese_ordinal(text, value):
    assert chinese_ordinal(text) == value


def sections_of(text: str):
    return find_sections(tuple(text.split("\n")), ())


SEED_LIKE = """ 一、预算单位基本情况
本部门主要职责是：
（一）带领全区文艺工作者学习党的文艺理论，使全区文艺事业健康持续发展。
（二）对团体会员进行组织、协调、联络、指导、服务。
二、预算收支出情况
2023年预算收入44.13万元。
三、资金使用及绩效情况
（一）整体支出绩效情况
1.积极争取省级活动支持。4月，区文联成功争取颁奖典礼在本区举办。
2.承办书画摄影展。全区共有60余家单位参赛。
（二）项目支出绩效情况
文联专项项目
项目支出4.22万元，主要用于公益艺术教育活动。
四、绩效管理存在的问题及下一步改进措施
（1）存在的问题
一是制度不健全。
（2）改进措施及建议
一是建立健全相关制度。
5、 其他需要说明的情况
无。"""


def test_seed_like_tree():
    top, headings = sections_of(SEED_LIKE)
    assert [s.number for s in top] == ["一、", "二、", "三、", "四、", "5、"]
    assert top[4].style == "arabic-dun" and top[4].level == 1 and top[4].ordinal == 5
    # （1）（2） under 四 open a level of their own, like （一）（二） under 三
    assert [c.number for c in top[3].children] == ["（1）", "（2）"]
    assert all(c.level == 2 for c in top[3].children)
    third = top[2]
    assert [c.number for c in third.children] == ["（一）", "（二）"]
    assert [c.number for c in third.children[0].children] == ["1.", "2."]
    # an unnumbered title line followed by prose is a leaf under its section
    title = third.children[1].children[0]
    assert (title.style, title.title, title.line) == ("none", "文联专项项目", 12)
    assert len(headings) == 14


def test_extents_and_bodies():
    top, _ = sections_of(SEED_LIKE)
    first = top[0]
    assert first.extent == (1, 4)
    assert first.body == (2, 2)  # up to its first subsection
    assert top[4].extent == (19, 20)


def test_mistyped_number_is_a_sibling_with_another_style():
    top, _ = sections_of("一、甲\n正文。\n（一）子\n正文。\n（二）子\n正文。\n3．子\n正文。\n二、乙\n正文。")
    assert [c.number for c in top[0].children] == ["（一）", "（二）", "3．"]


def test_numbering_restarts_under_each_chapter():
    # 一、 under 第三章 is that chapter's first item, not a mistyped 三、 after 第二章's 二、
    top, _ = sections_of("第一章 甲\n正文。\n第二章 乙\n一、收入。正文。\n二、支出。正文。\n"
                         "第三章 丙\n一、产出。正文。\n二、效益。正文。\n第四章 丁\n正文。")
    assert [s.number for s in top] == ["第一章", "第二章", "第三章", "第四章"]
    assert [[c.number for c in s.children] for s in top] == [[], ["一、", "二、"], ["一、", "二、"], []]


def test_repeated_top_level_number_stays_top_level():
    top, _ = sections_of("一、甲\n正文。\n（一）子\n正文。\n二、乙\n正文。\n三、丙\n正文。\n（一）子\n正文。\n二、丁\n正文。\n四、戊\n正文。")
    assert [s.number for s in top] == ["一、", "二、", "三、", "二、", "四、"]


def test_table_rows_are_never_headings():
    _, headings = sections_of("一、甲\n1.指标\t≥10\t12\n正文。")
    assert [h.number for h in headings] == ["一、"]


def test_caption_before_a_table_is_not_a_title():
    _, headings = sections_of("一、甲\n表1 绩效自评表\n一级指标\t二级指标\n产出\t数量")
    assert [h.title for h in headings] == ["甲"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="一二三四五（）()1234.、①②第部分项目情况。：\t ", max_size=30), max_size=25))
def test_tree_is_consistent_on_any_text(lines):
    top, headings = find_sections(tuple(lines), ())
    assert len(headings) >= len(top)
    previous = 0
    for section in headings:
        assert section.line > previous  # document order, one section a line
        previous = section.line
        assert section.extent[0] == section.line <= section.extent[1] <= max(len(lines), 1)
        text = lines[section.line - 1]
        assert 0 <= section.span.start <= section.span.end <= len(text)
        for child in section.children:
            assert section.extent[0] < child.line <= section.extent[1]
            assert child.level == section.level + 1


def test_contents_entries_are_not_headings():
    _, headings = sections_of("目录\n一、基本情况……………1\n二、预算收支情况……………3\n一、基本情况\n正文。\n二、预算收支情况\n正文。")
    assert [h.line for h in headings if h.number] == [4, 6]


def test_lists_under_unnumbered_titles_are_separate_groups():
    top, _ = sections_of("四、问题及措施\n存在的问题\n1.制度不健全。\n2.监控不到位。\n改进措施\n1.健全制度。\n2.加强监控。\n五、其他\n无。")
    problems_title, measures_title = top[0].children
    assert (problems_title.style, measures_title.style) == ("none", "none")
    assert [c.number for c in problems_title.children] == ["1.", "2."]
    assert [c.number for c in measures_title.children] == ["1.", "2."]
    assert [s.number for s in top] == ["四、", "五、"]


@pytest.mark.parametrize("text, top_numbers, list_parent", [
    # a duty list numbered like the parts, introduced by a colon, inside a sub-part
    ("一、部门基本情况\n（一）部门职能\n本局主要职责是：\n一、负责文化工作。\n二、负责文物保护。\n（二）人员情况\n编制12人。\n"
     "二、预算收支情况\n支出50万元。", ["一、", "二、"], "（一）"),
    # the same list right before the next part: the part continues the upper level
    ("一、部门基本情况\n本局主要职责是：\n一、负责文化工作。\n二、负责文物保护。\n二、预算收支情况\n支出50万元。\n"
     "三、绩效情况\n活动12场。", ["一、", "二、", "三、"], "一、"),
])
def test_a_list_introduced_by_a_colon_is_its_own_group(text, top_numbers, list_parent):
    top, headings = sections_of(text)
    assert [s.number for s in top] == top_numbers
    duty = next(h for h in headings if h.title.startswith("负责文化"))
    parent = next(h for h in headings if duty in h.children)
    assert parent.number == list_parent


def test_a_restart_without_an_introduction_is_still_a_repeat():
    top, _ = sections_of("一、甲\n正文。\n二、乙\n正文。\n一、丙\n正文。")
    assert [s.number for s in top] == ["一、", "二、", "一、"]


def test_an_item_opening_on_a_year_is_numbered():
    _, headings = sections_of("（二）改进措施\n1.2024年增聘夜班护理员2名。\n2.联合镇文化站每月组织1次文艺进院。")
    assert [(h.number, h.ordinal) for h in headings] == [("（二）", 2), ("1.", 1), ("2.", 2)]
    _, headings = sections_of("一、甲\n1.5万人参加活动。")
    assert [h.number for h in headings] == ["一、"]


def test_a_duty_list_right_under_a_sub_heading_is_its_own_group():
    top, headings = sections_of("一、部门基本情况\n（一）主要职责\n一、负责全县文化工作。\n二、负责文物保护。\n"
                                "（二）人员情况\n编制12人。\n二、预算收支情况\n支出50万元。")
    assert [s.number for s in top] == ["一、", "二、"]
    duty = next(h for h in headings if h.title.startswith("负责全县"))
    assert next(h for h in headings if duty in h.children).number == "（一）"


def test_a_heading_that_restarts_the_numbering_is_still_judged():
    top, _ = sections_of("一、基本情况\n（一）职能\n正文。\n一、预算收支情况\n正文。")
    assert [s.number for s in top] == ["一、", "一、"]


def test_two_months_are_no_item_number():
    _, headings = sections_of("一、甲\n1、2月份开展冬季安全检查。\n3、4季度完成验收。")
    assert [h.number for h in headings] == ["一、"]


def test_two_grades_are_no_part_number():
    _, headings = sections_of("一、甲\n一、二级医院均已接入平台。\n二、乙\n正文。")
    assert [h.number for h in headings] == ["一、", "二、"]


def test_decimal_outline_numbers():
    _, headings = sections_of("1. 基本情况\n1.1 单位职能\n正文。\n1.2 人员情况\n正文。\n2. 预算执行\n2.1 收入\n正文。\n"
                              "3.5 公里道路完成改造。\n1.5万人次参加活动。")
    assert [(h.number, h.style, h.ordinal) for h in headings] == [
        ("1.", "arabic-dot", 1), ("1.1", "decimal", 1), ("1.2", "decimal", 2), ("2.", "arabic-dot", 2),
        ("2.1", "decimal", 1)]  # 3.5 公里 is a figure, set off by a space or not
