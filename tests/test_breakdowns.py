"""Totals and their parts as the parser reads them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfcheck import parse


def breakdowns(text: str):
    return parse(text).breakdowns


def summary(text: str):
    return [(b.total.value, [p.amount.value for p in b.parts], b.exhaustive, b.source) for b in breakdowns(text)]


D = Decimal

CASES = [
    # seed line 15: three parts after 其中
    ("2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。",
     [(D("44.13"), [D("35.90"), D("8.23"), D("0.46")], True, "qizhong")]),
    # a single part is partial
    ("年末资产总额1,036.25万元，其中固定资产412.68万元。", [(D("1036.25"), [D("412.68")], False, "qizhong")]),
    # 等 makes the list partial
    ("支出50.00万元，其中办公费10.00万元、差旅费5.00万元等。", [(D("50.00"), [D("10.00"), D("5.00")], False, "qizhong")]),
    # comparisons before 其中 are not the total
    ("本年收入2,368.95万元，较上年的2,184.60万元增加184.35万元，增长8.44%，其中财政拨款收入2,305.63万元，其他收入63.32万元。",
     [(D("2368.95"), [D("2305.63"), D("63.32")], True, "qizhong")]),
    # a bracketed split is a sub-breakdown
    ("财政拨款收入2,305.63万元（一般公共预算财政拨款收入2,185.63万元，政府性基金预算财政拨款收入120.00万元）。",
     [(D("2305.63"), [D("2185.63"), D("120.00")], True, "bracket")]),
    # 含 in brackets is partial
    ("项目支出944.42万元（含政府性基金预算项目支出120.00万元）。", [(D("944.42"), [D("120.00")], False, "bracket")]),
    # budget adjustment: 全年预算 = 年初 + 追加
    ("部门年初预算2,296.50万元，年中追加159.30万元，全年预算2,455.80万元。",
     [(D("2455.80"), [D("2296.50"), D("159.30")], True, "budget-adjustment")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_breakdowns(text, expected):
    assert summary(text) == expected


def test_qizhong_opening_a_sentence_takes_the_total_of_the_one_before():
    text = ("“三公”经费年初预算14.00万元，实际支出12.56万元。其中因公出国（境）费0万元；"
            "公务用车购置及运行费8.34万元（其中公务用车购置费0万元，公务用车运行维护费8.34万元）；公务接待费4.12万元。")
    found = {(b.total.value, tuple(p.amount.value for p in b.parts)) for b in breakdowns(text) if b.exhaustive}
    assert (D("12.56"), (D("0"), D("8.34"), D("4.12"))) in found
    assert (D("8.34"), (D("0"), D("8.34"))) in found


def test_the_last_part_in_the_next_sentence_is_read_with_the_list():
    text = "预算收入3,318.64万元，其中年初预算3,012.40万元，年中调整追加297.85万元。收入中还包括事业收入8.39万元。"
    first = breakdowns(text)[0]
    assert [p.amount.value for p in first.parts] == [D("3012.40"), D("297.85"), D("8.39")]


def test_a_new_statement_after_a_semicolon_ends_the_list():
    text = "争取资金1.86亿元，其中以工代赈项目2个、资金680万元；争取专项债券项目14个、额度23.5亿元。"
    (first,) = [b for b in breakdowns(text) if b.source == "qizhong"]
    assert [p.amount.value for p in first.parts] == [D("680")] and not first.exhaustive


def test_a_qizhong_inside_a_semicolon_list_speaks_for_its_item():
    text = ("按支出功能分类，社会保障和就业支出6,212.46万元，其中就业补助1,236.50万元，养老保险补助2,480.00万元；"
            "卫生健康支出126.42万元；住房保障支出186.55万元。")
    (first,) = breakdowns(text)
    assert [p.amount.value for p in first.parts] == [D("1236.50"), D("2480.00")]


def test_specifically_lists_are_sub_parts_of_their_item():
    text = ("基本支出686.42万元，其中人员经费582.36万元，主要用于工资福利；公用经费94.06万元，具体为："
            "办公费15.36万元，差旅费78.70万元。")
    found = {b.total.value: [p.amount.value for p in b.parts] for b in breakdowns(text)}
    assert found[D("686.42")] == [D("582.36"), D("94.06")]
    assert found[D("94.06")] == [D("15.36"), D("78.70")]


def test_table_total_row_with_qizhong_rows():
    text = ("项目资金（万元）\t年初预算数\t调整后预算数\t预算执行数\n"
            "年度资金总额\t1,500.00\t1,380.00\t1,326.40\n"
            "其中：县级财政资金\t900.00\t900.00\t846.40\n"
            "省级补助资金\t600.00\t480.00\t480.00")
    found = [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text) if b.source == "table"]
    assert found == [(D("1500.00"), [D("900.00"), D("600.00")]), (D("1380.00"), [D("900.00"), D("480.00")]),
                     (D("1326.40"), [D("846.40"), D("480.00")])]
    assert all(b.total.unit == "万元" for b in breakdowns(text))


@pytest.mark.parametrize("text, expected", [
    ("办公费10.00万元、差旅费5.00万元、会议费3.00万元，合计18.00万元。",
     [(D("18.00"), [D("10.00"), D("5.00"), D("3.00")], True, "sum-after")]),
    # a 合计 inside one item sums that item, not the list
    ("设备款：CT 628.00万元，彩超2台合计288.88万元。", []),
    ("基本支出742.18万元。人员经费651.35万元，公用经费90.83万元。",
     [(D("742.18"), [D("651.35"), D("90.83")], True, "identity")]),
    ("“三公”经费支出4.80万元，因公出国（境）费0万元，公务用车购置及运行费3.86万元，公务接待费0.94万元。",
     [(D("4.80"), [D("0"), D("3.86"), D("0.94")], True, "identity")]),
])
def test_sums_after_parts_and_identities(text, expected):
    assert summary(text) == expected


def test_table_total_row_closing_a_list():
    text = ("项目名称\t全年预算（万元）\t实际支出（万元）\t执行率\n甲项目\t100.00\t96.00\t96.00%\n"
            "乙项目\t50.00\t48.00\t96.00%\n合计\t150.00\t144.00\t96.00%")
    found = [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text)]
    assert found == [(D("150.00"), [D("100.00"), D("50.00")]), (D("144.00"), [D("96.00"), D("48.00")])]


def test_parts_listed_one_a_line_after_the_marker():
    text = "\n".join(["项目支出124.89万元，共4个项目，具体为：",
                      "1．甲经费，全年预算30.00万元，实际支出28.50万元；",
                      "2．乙经费，全年预算48.00万元，实际支出46.80万元，其中助学金352,000.00元；",
                      "3．丙经费，全年预算32.00万元，实际支出31.24万元；",
                      "4．丁经费，全年预算19.50万元，实际支出18.35万元。",
                      "（四）“三公”经费"])
    (listed,) = [b for b in breakdowns(text) if b.source == "qizhong-lines"]
    assert listed.exhaustive and [p.amount.value for p in listed.parts] == [D("28.50"), D("46.80"), D("31.24"), D("18.35")]


NAMED = [
    # the parts in a sentence of their own, the total on the line before
    ("本年支出1,041.27万元，其中基本支出612.48万元，项目支出428.79万元。\n基本支出中，人员经费541.30万元，公用经费68.95万元。",
     (D("612.48"), [D("541.30"), D("68.95")], True)),
    # same line, no comma after 中
    ("其中基本支出328.45万元，项目支出181.42万元。基本支出中人员经费286.12万元，占87.11%，公用经费42.33万元。",
     (D("328.45"), [D("286.12"), D("42.33")], True)),
    ("项目支出436.22万元。\n项目支出包括：法律援助经费182.40万元，人民调解经费96.50万元，社区矫正经费157.32万元。",
     (D("436.22"), [D("182.40"), D("96.50"), D("157.32")], True)),
    ("基本支出612.48万元。\n在基本支出中，人员经费541.30万元，公用经费68.95万元。",
     (D("612.48"), [D("541.30"), D("68.95")], True)),
    # 主要 makes it a partial list
    ("项目支出436.22万元。\n项目支出中，主要为法律援助经费182.40万元，人民调解经费96.50万元。",
     (D("436.22"), [D("182.40"), D("96.50")], False)),
]


@pytest.mark.parametrize("text, expected", NAMED)
def test_a_sentence_opening_with_the_totals_name_lists_its_parts(text, expected):
    found = [(b.total.value, [p.amount.value for p in b.parts], b.exhaustive) for b in breakdowns(text) if b.source == "named"]
    assert found == [expected]


@pytest.mark.parametrize("text", [
    # no figure of that name before: no total to link to
    "本年支出1,041.27万元。\n基本支出中，人员经费541.30万元，公用经费68.95万元。",
    # a name two lines back (another paragraph) is not linked
    "基本支出612.48万元。\n另有说明。\n基本支出中，人员经费541.30万元，公用经费68.95万元。",
    # 执行过程中 names no figure
    "基本支出612.48万元。执行过程中，人员经费541.30万元，公用经费68.95万元。",
])
def test_a_named_list_without_its_total_is_no_breakdown(text):
    assert [b for b in breakdowns(text) if b.source == "named"] == []


def test_subtotal_rows_sum_their_group_and_the_total_sums_the_subtotals():
    text = "\n".join(["项目类别\t项目名称\t预算数\t支出数",
                      "甲类\t送演出下乡\t32.00\t31.47", "甲类\t广场演出\t28.00\t27.84", "甲类\t小计\t60.00\t59.31",
                      "乙类\t免费开放\t40.00\t40.00", "乙类\t小计\t40.00\t40.00",
                      "丙类\t传承\t15.00\t14.38", "丙类\t建档\t9.00\t7.99", "丙类\t小计\t24.00\t22.37",
                      "合计\t\t124.00\t121.67"])
    found = [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text) if b.source == "table"]
    assert found == [
        (D("60.00"), [D("32.00"), D("28.00")]), (D("59.31"), [D("31.47"), D("27.84")]),
        (D("24.00"), [D("15.00"), D("9.00")]), (D("22.37"), [D("14.38"), D("7.99")]),
        (D("124.00"), [D("60.00"), D("40.00"), D("24.00")]), (D("121.67"), [D("59.31"), D("40.00"), D("22.37")]),
    ]


@pytest.mark.parametrize("text, parts", [
    # a ceiling the spending kept under is no part of it
    ("“三公”经费支出12.36万元，其中公务用车运行维护费9.84万元，公务接待费2.52万元，均控制在年初预算15.00万元以内。",
     [D("9.84"), D("2.52")]),
    ("“三公”经费支出12.36万元，其中公务用车运行维护费9.84万元，公务接待费2.52万元，均不超过预算15.00万元。",
     [D("9.84"), D("2.52")]),
    # money not spent is no part of the spending
    ("全年实际支出2,713.46万元，其中中央补助资金1,802.36万元、省级补助资金406.50万元、县级配套资金504.60万元，"
     "未支出的146.54万元已结转2024年。", [D("1802.36"), D("406.50"), D("504.60")]),
    # a carried-over balance stays a part (the seed report's fault)
    ("2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。", [D("35.90"), D("8.23"), D("0.46")]),
])
def test_bounds_and_unspent_money_are_no_parts(text, parts):
    (first,) = [b for b in breakdowns(text) if b.source == "qizhong"]
    assert [p.amount.value for p in first.parts] == parts


def test_parts_of_two_kinds_make_two_parallel_sums():
    text = ("项目支出预算200.00万元，实际支出190.00万元。其中：A项目预算120.00万元，实际支出115.00万元；"
            "B项目预算80.00万元，实际支出70.00万元。")
    found = [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text) if b.source == "qizhong"]
    assert found == [(D("200.00"), [D("120.00"), D("80.00")]), (D("190.00"), [D("115.00"), D("70.00")])]


@pytest.mark.parametrize("text, expected", [
    ("本年收入1,234.56万元，由财政拨款收入1,000.00万元、事业收入200.00万元和其他收入30.00万元构成。",
     [(D("1234.56"), [D("1000.00"), D("200.00"), D("30.00")], True)]),
    ("本年收入1,234.56万元，主要由财政拨款收入1,000.00万元、事业收入200.00万元构成。",
     [(D("1234.56"), [D("1000.00"), D("200.00")], False)]),
    # 由 after words, not right after a figure, opens no list
    ("本年收入1,234.56万元，资金由财政局拨付，其中财政拨款收入1,000.00万元。", []),
])
def test_a_total_composed_of_its_parts(text, expected):
    assert [(b.total.value, [p.amount.value for p in b.parts], b.exhaustive)
            for b in breakdowns(text) if b.source == "composed"] == expected


@pytest.mark.parametrize("text, expected", [
    # the list by class in the next sentence sums the headline figure, not the last part before it
    ("本年支出301.27万元，其中基本支出176.38万元；项目支出124.89万元。按支出功能分类，一般公共服务支出268.92万元，"
     "社会保障和就业支出16.85万元，卫生健康支出7.26万元，住房保障支出8.24万元。",
     [(D("301.27"), [D("268.92"), D("16.85"), D("7.26"), D("8.24")])]),
    # a nested 其中 inside the class list lists sub-parts, and the total is on the line before
    ("2023年财政拨款支出6,579.11万元。\n按支出功能分类，社会保障和就业支出6,212.46万元，其中就业补助1,236.50万元，"
     "养老补助2,480.00万元；卫生健康支出126.42万元；住房保障支出186.55万元；一般公共服务支出53.68万元。",
     [(D("6579.11"), [D("6212.46"), D("126.42"), D("186.55"), D("53.68")])]),
    ("本年支出190.00万元，按经济分类，工资福利支出100.00万元，商品和服务支出50.00万元，对个人和家庭的补助30.00万元。",
     [(D("190.00"), [D("100.00"), D("50.00"), D("30.00")])]),
    # income parts do not sum a spending total
    ("本年支出190.00万元。按来源分类，财政拨款收入100.00万元，其他收入90.00万元。", []),
])
def test_a_list_by_class_sums_the_figure_stated_before_it(text, expected):
    assert [(b.total.value, [p.amount.value for p in b.parts])
            for b in breakdowns(text) if b.source == "by-class"] == expected


@pytest.mark.parametrize("text, exhaustive", [
    ("项目支出428.79万元。\n项目支出中，设备购置380.00万元，人员培训30.00万元，其余用于日常运转。", False),
    ("项目支出428.79万元。\n项目支出中，设备购置380.00万元，人员培训48.79万元，全部按期支付。", True),
])
def test_the_rest_named_without_a_figure_makes_a_list_partial(text, exhaustive):
    (found,) = [b for b in breakdowns(text) if b.source == "named"]
    assert found.exhaustive is exhaustive


def test_a_total_column_sums_the_money_columns_left_of_it():
    text = "\n".join(["表1 支出情况（单位：万元）", "项目\t基本支出\t项目支出\t合计\t占比",
                      "一般公共服务支出\t200.00\t50.00\t250.00\t64.10%", "教育支出\t100.00\t30.00\t140.00\t35.90%",
                      "合计\t300.00\t80.00\t390.00\t100%"])
    found = [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text) if b.source == "table-column"]
    # the 合计 row's corner is judged down its column, not again across
    assert found == [(D("250.00"), [D("200.00"), D("50.00")]), (D("140.00"), [D("100.00"), D("30.00")])]


def test_a_total_row_first_sums_the_rows_below_it():
    text = "\n".join(["表1 资金来源（单位：万元）", "资金来源\t年初预算\t调整预算\t实际支出",
                      "合计\t300.00\t320.00\t310.00", "中央资金\t200.00\t200.00\t195.00", "县级资金\t100.00\t120.00\t110.00"])
    found = [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text) if b.source == "table"]
    assert found == [(D("300.00"), [D("200.00"), D("100.00")]), (D("320.00"), [D("200.00"), D("120.00")]),
                     (D("310.00"), [D("195.00"), D("110.00")])]


def test_budgets_listed_under_a_spending_are_no_parts_of_it():
    text = "项目支出428.79万元。\n项目支出包括：A项目预算300.00万元，B项目预算100.00万元。"
    assert [b for b in breakdowns(text) if b.source == "named"] == []


def test_a_list_of_parts_ends_where_the_sentence_turns_to_a_rate():
    text = ("全年实际拨付补贴资金812.46万元，其中保管费用补贴432.00万元，轮换费用补贴254.16万元，贷款利息补贴126.30万元，"
            "预算执行率94.47%，结余47.54万元已交回县财政。")
    (first,) = [b for b in breakdowns(text) if b.source == "qizhong"]
    assert [p.amount.value for p in first.parts] == [D("432.00"), D("254.16"), D("126.30")]
    # a change or a share of one part stays inside the list
    text = "本年收入100.00万元，其中财政拨款收入80.00万元，较上年增长5.0%，其他收入20.00万元。"
    (first,) = [b for b in breakdowns(text) if b.source == "qizhong"]
    assert [p.amount.value for p in first.parts] == [D("80.00"), D("20.00")]


def test_a_named_list_that_states_its_own_sum_is_judged_by_that_sum():
    text = ("本年支出42,365,812.40元，其中基本支出27,683,512.40元，项目支出14,682,300.00元。\n"
            "基本支出中，人员经费23,104,860.25元，公用经费4,478,652.15元，合计27,683,512.40元。")
    found = {(b.source, b.total.span.line) for b in breakdowns(text)}
    assert ("named", 1) not in found and ("sum-after", 2) in found


@pytest.mark.parametrize("text, parts", [
    ("项目总投资460万元，资金来源为：中央补助300万元、省级补助100万元、县级配套60万元。", [D("300"), D("100"), D("60")]),
    ("本年收入1,234.56万元，构成如下：财政拨款收入1,000.00万元，其他收入234.56万元。", [D("1000.00"), D("234.56")]),
])
def test_sources_and_composition_open_a_list(text, parts):
    (first,) = [b for b in breakdowns(text) if b.source == "qizhong"]
    assert first.exhaustive and [p.amount.value for p in first.parts] == parts


@pytest.mark.parametrize("closing, found", [
    ("以上合计180.00万元。", [(D("180.00"), [D("100.00"), D("50.00"), D("30.00")])]),
    ("以上三项合计190.00万元。", [(D("190.00"), [D("100.00"), D("50.00"), D("30.00")])]),
    ("项目均按期完成。", []),
])
def test_a_sum_on_the_line_after_its_items(closing, found):
    text = "（二）项目支出明细\n1．甲项目支出100.00万元；\n2．乙项目支出50.00万元；\n3．丙项目支出30.00万元。\n" + closing
    assert [(b.total.value, [p.amount.value for p in b.parts]) for b in breakdowns(text) if b.source == "sum-below"] == found
