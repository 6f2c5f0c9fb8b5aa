"""Figures as written: money, rates and counts, with the words that name them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfcheck.parse.amounts import clean_label, find_figures
from perfcheck.parse.normalize import normalize


def figures(text: str):
    return find_figures(tuple(normalize(line) for line in text.split("\n")))


MONEY = [
    ("本年收入2,368.95万元。", Decimal("2368.95"), "万元", 2),
    ("实际支出2,167,300.00元", Decimal("2167300.00"), "元", 2),
    ("资金1.86亿元", Decimal("1.86"), "亿元", 2),
    ("约2,191万元", Decimal("2191"), "万元", 0),
    ("因公出国（境）费0万元", Decimal("0"), "万元", 0),
    ("拨款三百万元", Decimal("300"), "万元", 0),
    ("补助四十五万元", Decimal("45"), "万元", 0),
    ("投资1.2亿元", Decimal("1.2"), "亿元", 1),
    ("支出４４．１３万元", Decimal("44.13"), "万元", 2),  # full-width digits
    ("合同金额 1,245.68 万元", Decimal("1245.68"), "万元", 2),
    ("4-decimal 1,236.3826万元", Decimal("1236.3826"), "万元", 4),
]


@pytest.mark.parametrize("text, value, unit, decimals", MONEY)
def test_money_value_unit_and_decimals(text, value, unit, decimals):
    found = figures(text).amounts
    assert [(a.value, a.unit, a.decimals) for a in found] == [(value, unit, decimals)]


NOT_MONEY = [
    "于2023年10月31日前完成",
    "依据财预〔2020〕10号文件",
    "青卫发〔2023〕11号",
    "联系电话：0736-7215486",
    "2023年第3季度",
    "区文联成立10周年",
    "64排螺旋CT",
    "X射线机1台",
    "统一元素",
    "生均公用经费720元/生",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_never_money(text):
    assert figures(text).amounts == ()


LABELS = [
    ("2023年支出44.13万元，其中基本支出35.90万元。", ["2023年支出", "基本支出"]),
    ("项目“文联专项”年初预算金额3.00万元，年中调增1.22万元", ["年初预算", "年中调增"]),
    ("实际支出4.80万元，较上年的5.36万元减少0.56万元", ["实际支出", "较上年的", "减少"]),
    ("其中因公出国（境）费0万元；县（区）配套资金585.00万元", ["因公出国（境）费", "县（区）配套资金"]),
    ("其他收入63.32万元", ["其他收入"]),
    ("合同金额为12.00万元", ["合同金额"]),
]


@pytest.mark.parametrize("text, labels", LABELS)
def test_labels_are_the_noun_phrase_before_the_figure(text, labels):
    assert [a.label for a in figures(text).amounts] == labels


def test_clean_label_strips_connectors_and_verbs():
    assert clean_label("其中基本支出") == "基本支出"
    assert clean_label("实际完成投资达到") == "实际完成投资"


PERCENTS = [
    ("执行率96.97%", Decimal("96.97"), 2, "执行率"),
    ("完成率100%", Decimal("100"), 0, "完成率"),
    ("增长８．４４％", Decimal("8.44"), 2, "增长"),
    ("受害率0.9‰", Decimal("0.09"), 2, "受害率"),
]


@pytest.mark.parametrize("text, value, decimals, label", PERCENTS)
def test_percents(text, value, decimals, label):
    (percent,) = figures(text).percents
    assert (percent.value, percent.decimals, percent.label) == (value, decimals, label)


COUNTS = [
    ("内设科室8个", Decimal(8), "个"),
    ("接待416人次", Decimal(416), "人次"),
    ("受理信访事项1,286件次", Decimal(1286), "件次"),
    ("保有量3辆", Decimal(3), "辆"),
    ("购置设备5台（套）", Decimal(5), "台（套）"),
    ("内设科室 1 个", Decimal(1), "个"),
    ("存在三个问题", Decimal(3), "个"),
    ("应急救援队伍12支：", Decimal(12), "支"),
]


@pytest.mark.parametrize("text, value, measure", COUNTS)
def test_counts_with_measure_words(text, value, measure):
    assert [(c.value, c.measure) for c in figures(text).counts] == [(value, measure)]


@pytest.mark.parametrize("text", ["第3次会议", "12支出", "2个月后", "第十届"])
def test_not_counts(text):
    assert figures(text).counts == ()


def test_spans_point_at_the_text():
    text = "2023年支出４４．１３万元，增长8.44%，接待416人次。"
    lines = tuple(normalize(line) for line in text.split("\n"))
    found = find_figures(lines)
    for figure in (*found.amounts, *found.percents, *found.counts):
        assert lines[figure.span.line - 1][figure.span.start:figure.span.end] == figure.text


def test_thousands_of_yuan_are_money():
    (amount,) = find_figures(("本年支出1,234.5千元。",)).amounts
    assert (amount.value, amount.unit, amount.yuan, amount.half_unit_yuan) == (
        Decimal("1234.5"), "千元", Decimal("1234500.0"), Decimal("50.0"))


@pytest.mark.parametrize("text, value, measure", [
    ("全年门急诊4.82万人次。", Decimal("48200"), "人次"),
    ("服务群众3万人。", Decimal("30000"), "人"),
    ("抚育森林1.2亿亩。", Decimal("120000000"), "亩"),
])
def test_counts_in_ten_thousands(text, value, measure):
    (count,) = find_figures((text,)).counts
    assert (count.value, count.measure) == (value, measure)
    # the precision as printed: 4.82万 is to the nearest hundred, not an exact integer
    assert count.value.as_tuple().exponent > 0


@pytest.mark.parametrize("text, labels", [
    ("人员经费和公用经费分别为541.30万元、68.95万元。", ["人员经费", "公用经费"]),
    ("其中人员经费、公用经费分别为541.30万元和68.95万元。", ["人员经费", "公用经费"]),
])
def test_respectively_gives_each_figure_its_own_name(text, labels):
    assert [a.label for a in find_figures((normalize(text),)).amounts] == labels


def test_names_and_figures_that_do_not_pair_up_are_not_matched():
    found = [a.label for a in find_figures((normalize("甲、乙、丙分别为541.30万元、68.95万元。"),)).amounts]
    assert found[:1] != ["甲"] and "乙" not in found
