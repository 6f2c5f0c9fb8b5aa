"""indicator-target (PC802): quantitative goals stated in prose answered by results."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from perfcheck import parse
from perfcheck.checks import load_kinds
from perfcheck.ruleset import load_rules

RULE = next(rule for rule in load_rules().rules if rule.id == "PC802")
CHECK = load_kinds()[RULE.kind].func


def found(text: str):
    return [(h.span.line, h.variant) for h in CHECK(parse(text), RULE.params)]


REPORT = """一、基本情况
年度绩效目标为：{goals}
二、绩效目标完成情况
1．培训。{first}
2．就业。{second}
三、存在的问题
（一）{problem}
四、改进措施
（一）优化培训工种设置。
"""

GOALS = "完成职业技能培训450人以上，参训人员培训后半年内就业率不低于85%；中医药适宜技术服务不少于3,000人次"


@pytest.mark.parametrize("first, second, problem, expected", [
    # every goal answered and met
    ("全年培训486人，中医适宜技术服务3,260人次。", "已就业420人，就业率86.4%。", "培训工种与市场需求匹配不够。", []),
    # a rate short of its target with no reason anywhere
    ("全年培训486人，中医适宜技术服务3,260人次。", "已就业382人，就业率78.6%。", "培训工种与市场需求匹配不够。",
     [(5, "shortfall")]),
    # the reason in the result's paragraph
    ("全年培训486人，中医适宜技术服务3,260人次。", "已就业382人，就业率78.6%，主要受企业用工需求下降影响。",
     "培训工种与市场需求匹配不够。", []),
    # the shortfall taken up among the problems
    ("全年培训486人，中医适宜技术服务3,260人次。", "已就业382人，就业率78.6%。", "培训后就业率未达到目标，对口岗位少。", []),
    # a goal reported on with words only
    ("全年培训486人。", "已就业420人，就业率86.4%。中医馆开展针灸、推拿等中医适宜技术服务。",
     "培训工种与市场需求匹配不够。", []),   # its paragraph holds other figures: not judged
])
def test_goals_against_results(first, second, problem, expected):
    assert found(REPORT.format(goals=GOALS, first=first, second=second, problem=problem)) == expected


def test_goal_reported_without_a_figure_is_marked_on_its_paragraph():
    text = REPORT.format(goals=GOALS, first="全年培训486人；已就业420人，就业率86.4%。",
                         second="中医馆全年开展针灸、推拿、拔罐等中医适宜技术服务。", problem="人才短缺。")
    assert found(text) == [(5, "no-result")]


@pytest.mark.parametrize("goal, result, fires", [
    ("单台维护成本不超过4,200元；故障修复平均时长不超过24小时", "故障修复平均时长30小时。", True),   # lower is better
    ("故障修复平均时长不超过24小时", "故障修复平均时长18小时。", False),
    ("线上展厅年访问量达到10万人次", "线上展厅访问量达到8.65万人次。", True),            # 万 scales the figure
    ("线上展厅年访问量达到10万人次", "线上展厅访问量达到12.3万人次。", False),
    ("争取中央预算内投资和地方政府专项债券项目不少于20个", "争取地方政府专项债券项目14个。", False),  # a joined goal
    ("群众满意度不低于90%", "综合满意度为85.2%，低于90%的年度目标。", True),    # acknowledged, yet no reason
    ("群众满意度不低于90%", "服务满意度为85.2%，低于90%的年度目标，主要是窗口排队时间较长。", False),
])
def test_shortfall(goal, result, fires):
    text = REPORT.format(goals=goal, first=result, second="全年开展活动12场。", problem="人才短缺。")
    assert bool([v for _, v in found(text) if v == "shortfall"]) == fires


def test_a_table_row_for_the_indicator_judges_it():
    text = REPORT.format(goals=GOALS, first="全年培训486人，中医适宜技术服务3,260人次。",
                         second="已就业382人，就业率78.6%。", problem="人才短缺。")
    text += ("表1 绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n"
             "效益指标\t社会效益\t就业率\t≥85%\t78.6%\t10\t9\t企业用工需求下降\n")
    assert found(text) == []


def test_a_goal_in_the_goals_part_without_a_cue():
    text = ("一、项目绩效目标\n完成职业技能培训450人以上，就业率不低于85%。\n二、绩效目标完成情况\n"
            "1．培训。全年培训486人，已就业382人，就业率78.6%。\n")
    assert found(text) == [(4, "shortfall")]


def test_no_performance_part_no_finding():
    assert found("一、基本情况\n年度绩效目标为：就业率不低于85%。\n就业率78.6%。\n") == []


_PIECES = st.sampled_from(["一、绩效目标", "二、绩效完成情况", "目标为：", "就业率不低于85%", "就业率78.6%",
                           "3,000人次", "不少于", "以上", "，", "；", "。", "1．", "万", "和", "\t", "原因"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=10))
def test_never_fails_and_marks_real_places(lines):
    report = parse("\n".join(lines) + "\n")
    for hit in CHECK(report, RULE.params):
        assert 1 <= hit.span.line <= len(report.lines)
        assert 0 <= hit.span.start <= hit.span.end <= len(report.lines[hit.span.line - 1])


@pytest.mark.parametrize("line, fires", [
    ("线上展厅访问量达到8.65万人次，完成年度目标的86.5%。", True),
    ("完成路面修复38.6公里，完成计划的91.90%。", True),
    ("完成路面修复38.6公里，完成计划的105.83%。", False),                       # over 100%: met
    ("既有住宅加装电梯9部，完成年度目标的75%，另有3部因住户意见未统一转入下年。", False),  # a reason
    ("访问量达到8.65万人次，完成年度目标的86.5%，主要受展厅上线较晚影响。", False),
    ("要求上半年开班数不低于全年计划的40%。", False),                           # a target, not a result
])
def test_a_result_stated_as_a_share_of_its_target(line, fires):
    text = "一、基本情况\n本馆负责文物保护。\n二、绩效目标完成情况\n1．产出。" + line + "\n三、存在的问题\n（一）人才短缺。\n"
    assert [v for _, v in found(text)] == (["completion"] if fires else [])


def test_a_share_shortfall_taken_up_among_the_problems():
    text = ("二、绩效目标完成情况\n1．访问量。线上展厅访问量达到8.65万人次，完成年度目标的86.5%。\n"
            "三、存在的问题\n（一）线上展厅访问量未达目标。展厅上线时间较晚。\n")
    assert found(text) == []


def test_background_figures_of_a_goals_part_are_no_goals():
    text = ("一、项目概况及绩效目标\n全县现有退役军人1.86万人。完成适应性培训1,200人以上。\n二、绩效目标完成情况\n"
            "1．培训。全年培训退役军人1,260人。\n")
    assert found(text) == []


def test_a_part_of_a_result_is_not_the_result():
    text = ("一、绩效目标\n年度目标为：培训基层干部不少于200人。\n二、绩效目标完成情况\n"
            "1．培训。全年分4期开展干部培训，其中培训基层干部150人。\n")
    assert found(text) == []


@pytest.mark.parametrize("problem, fires", [
    ("培训后就业率未达预期。", True),                          # a bare headline repeats the shortfall
    ("培训后就业率未达预期。县内企业用工需求下降，对口岗位少。", False),
])
def test_a_problem_item_explains_a_shortfall_only_with_its_cause(problem, fires):
    text = REPORT.format(goals=GOALS, first="全年培训486人，中医适宜技术服务3,260人次。",
                         second="已就业382人，就业率78.6%。", problem=problem)
    assert bool(found(text)) == fires


@pytest.mark.parametrize("result, variant", [
    ("全年完成退役军人适应性培训1,860人。", "over"),     # 155% of the target
    ("全年完成退役军人适应性培训1,260人。", None),
    ("全年完成退役军人适应性培训1,860人，主要是年中追加了两期培训。", None),
])
def test_far_above_a_count_target_needs_a_reason(result, variant):
    text = REPORT.format(goals="完成退役军人适应性培训1,200人以上", first=result, second="全年开展活动12场。",
                         problem="人才短缺。")
    assert [v for _, v in found(text)] == ([variant] if variant else [])


@pytest.mark.parametrize("result, fires", [
    ("就业率由70.2%提高到78.6%。", True),      # the result is the figure after the change
    ("就业率由70.2%提高到86.4%。", False),
])
def test_a_result_stated_as_a_change(result, fires):
    text = REPORT.format(goals="就业率不低于85%", first=result, second="全年开展活动12场。", problem="人才短缺。")
    assert bool(found(text)) == fires


def test_goals_set_out_in_a_table_of_targets():
    text = ("一、项目绩效目标\n表1 绩效目标表\n一级指标\t二级指标\t三级指标\t年度指标值\n"
            "效益指标\t社会效益指标\t培训后就业率\t≥85%\n产出指标\t数量指标\t中医药适宜技术服务\t≥3,000人次\n"
            "二、绩效目标完成情况\n1．就业。参训的486人中已就业382人，就业率78.6%。\n"
            "2．中医药服务。中医馆全年开展针灸、推拿等中医药适宜技术服务。\n")
    assert found(text) == [(7, "shortfall"), (8, "no-result")]


def test_a_goal_reported_in_an_indicator_row_needs_no_figure_in_prose():
    text = ("一、基本情况\n年度绩效目标为：中医药适宜技术服务不少于3,000人次。\n二、绩效目标完成情况\n"
            "1．中医药服务。中医馆全年开展针灸、推拿等中医药适宜技术服务，完成情况见下表。\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因\n"
            "产出指标\t数量指标\t中医药适宜技术服务\t≥3,000人次\t3,260人次\t无\n")
    assert found(text) == []
