"""The numeric kinds on small reports: what fires, where, and what it says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfcheck import parse
from perfcheck.checks import load_kinds


def run(kind: str, text: str, **params):
    found = load_kinds()[kind]
    merged = {name: param.default for name, param in found.params.items()}
    merged.update(params)
    return list(found.func(parse(text), merged))


# ------------------------------------------------------------------ totals

TOTALS = [
    ("2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。", True),
    ("2023年预算收入44.13万元，其中年初预算35.20万元，调整追加8.92万元。", False),  # 0.01 within 2 × 0.005 + 0.005
    ("“三公”经费12.56万元，其中因公出国（境）费0万元，公务用车购置及运行费8.34万元，公务接待费4.12万元。", True),
    ("“三公”经费12.47万元，其中因公出国（境）费0万元，公务用车购置及运行费8.34万元，公务接待费4.12万元。", False),
    ("“三公”经费12.48万元，其中因公出国（境）费0万元，公务用车购置及运行费8.34万元，公务接待费4.12万元。", True),
    ("实际支出1,168,452.36元，其中活动52.36万元，图书41.27万元，宣传14.08万元，其他9.13万元。", True),
    ("实际支出116.85万元，其中活动52.36万元，图书41.27万元，宣传14.08万元，其他9.13万元。", False),
    ("本年支出1,234.5千元，其中基本支出1,000.0千元，项目支出200.0千元。", True),
    # 分别为 gives each figure its name: 基本支出 = 人员经费 + 公用经费
    ("基本支出612.48万元。人员经费和公用经费分别为541.30万元、68.95万元。", True),
    ("基本支出610.25万元。人员经费和公用经费分别为541.30万元、68.95万元。", False),
    # a count split into the parts of one classification
    ("2023年末在院特困供养人员68人，其中生活全自理42人、半护理17人、全护理12人。", True),
    ("2023年末在院特困供养人员71人，其中生活全自理42人、半护理17人、全护理12人。", False),
    # parts joined by commas are one list too, up to the first figure that is not the count
    ("全年受理事项5,260件，其中即办件3,140件，承诺件1,920件，按时办结率100%。", True),
    ("全年受理事项5,060件，其中即办件3,140件，承诺件1,920件，按时办结率100%。", False),
    # a figure of another kind joined by 、 means the list is not one count
    ("全年受理信访1,300件次，其中来信286件、来访226批次、网上信访774件。", False),
    # parts along other dimensions overlap; a new clause starts another dimension; a few parts are partial
    ("实有在职人员36人，其中党员20人、女性15人。", False),
    ("在校学生1,682人，其中初中生1,108人、高中生574人，住校生612人。", False),
    ("全年培训300人次，其中村医120人次、乡医80人次。", False),
    ("本年支出1,200.0千元，其中基本支出100.00万元，项目支出200,000.00元。", False),
    ("年末资产总额1,036.25万元，其中固定资产412.68万元。", False),
    # parts covering well under the total read as an incomplete list
    ("社会保障和就业支出6,212.46万元，其中就业补助1,236.50万元，养老保险补助2,480.00万元。", False),
    # … unless the parts say they are the whole: a remainder item, or a complete set
    ("社会保障和就业支出6,212.46万元，其中就业补助1,236.50万元，其他社会保障支出2,480.00万元。", True),
    ("本年支出2,041.27万元，其中基本支出612.48万元，项目支出428.79万元。", True),
    ("本年支出1,041.27万元，其中基本支出612.48万元，项目支出428.79万元。", False),
    ("全年预算2,465.80万元。", False),
    # a sentence opening with the total's name lists its parts; the total is on the line before
    ("本年支出1,041.27万元，其中基本支出612.48万元，项目支出428.79万元。\n基本支出中，人员经费541.30万元，公用经费68.95万元。", True),
    ("本年支出1,041.27万元，其中基本支出610.25万元，项目支出431.02万元。\n基本支出中，人员经费541.30万元，公用经费68.95万元。", False),
    ("部门年初预算2,296.50万元，年中追加159.30万元，全年预算2,465.80万元。", True),
    ("年初预算260.00万元，年中调减14.39万元，全年预算245.61万元。", False),
]


@pytest.mark.parametrize("text, fires", TOTALS)
def test_totals(text, fires):
    assert bool(run("totals", text)) is fires


def test_totals_message_args_in_the_reports_unit():
    (hit,) = run("totals", "2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。")
    assert hit.span.line == 1
    expected = {"total": "44.13万元", "sum": "44.59万元", "parts": "35.90 + 8.23 + 0.46", "diff": "0.46万元"}
    assert {key: hit.args[key] for key in expected} == expected


def test_totals_marks_the_line_of_the_total():
    text = "一、收支\n2023年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元，结余结转0.46万元。"
    (hit,) = run("totals", text)
    assert hit.span.line == 2
    assert parse(text).lines[1][hit.span.start:hit.span.end] == "44.13万元"


@pytest.mark.parametrize("mode, tolerance, fires", [
    ("interval", "0", False), ("exact", "0", True), ("absolute", "100", False), ("absolute", "99", True),
    ("relative", "0.0003", False), ("relative", "0.0002", True),
])
def test_totals_modes(mode, tolerance, fires):
    text = "2023年预算收入44.13万元，其中年初预算35.20万元，调整追加8.92万元。"  # 100元 short
    assert bool(run("totals", text, mode=mode, tolerance=Decimal(tolerance))) is fires


# ------------------------------------------------------------------ consistency

CONSISTENCY = [
    ("本单位内设机构6个，分别为：党政办、经发办、社事办、平安办、城管办。", True),
    ("本单位内设机构5个，分别为：党政办、经发办、社事办、平安办、城管办。", False),
    ("内设科室 1 个，为：综合办公室。", False),
    ("下辖社区3个：石湖、望湖和新桥。", False),
    ("检查站7个，分别位于城关街道、龙潭镇、石门镇等地。", False),
    # the units listed before their count
    ("县联社机关设办公室、业务科、财务审计科3个科室，核定编制16名。", False),
    ("县联社机关设办公室、业务科、财务审计科4个科室，核定编制16名。", True),
    ("局机关内设办公室、综合核算股、经济统计股、社会统计股和统计执法监督股5个股室。", False),
    ("局机关内设办公室、综合核算股、经济统计股和统计执法监督股5个股室。", True),
    ("全年开展培训、宣传、督查活动15次。", False),
    ("年初结转结余41.28万元。本年收入1,872.96万元。\n本年支出1,856.42万元。年末结转结余67.82万元。", True),
    ("年初结转结余41.28万元。本年收入1,872.96万元。\n本年支出1,856.42万元。年末结转结余57.82万元。", False),
    ("本年收入1,872.96万元。本年支出1,856.42万元。年末结转结余67.82万元。", False),  # 年初 missing: silent
    ("项目总预算1,280.00万元。\n项目总预算1,320.00万元。", True),
    ("项目总预算1,280.00万元。\n项目总预算12,800,000.00元。", False),
    ("2023年支出2,156,789.40元。\n全年部门支出216.68万元。", True),
    ("2023年支出2,156,789.40元。\n全年部门支出215.68万元。", False),
    ("2023年基本支出612.48万元。\n全年基本支出621.48万元。", True),
    ("2023年“三公”经费支出2.36万元。\n全年“三公”经费2.63万元，较上年下降12%。", True),
    ("2023年“三公”经费年初预算3.00万元，“三公”经费支出2.36万元。\n全年“三公”经费2.36万元。", False),
    # the carry-over identity under other names: 上年结转结余, 结转下年, a year word for the sentence
    ("上年结转结余12.30万元。本年收入512.46万元。本年支出509.87万元。年末结转结余15.89万元。", True),
    ("上年结转结余12.30万元。本年收入512.46万元。本年支出509.87万元。年末结转结余14.89万元。", False),
    ("2023年年初结转和结余12.30万元，本年收入512.46万元，本年支出509.87万元，结转下年15.89万元。", True),
    ("2023年度收入总计512.46万元，支出总计509.87万元，年末结转结余15.89万元，年初结转结余12.30万元。", True),
    ("2023年度收入总计512.46万元，支出总计509.87万元，年末结转结余14.89万元，年初结转结余12.30万元。", False),
    # a fund's own 支出 after its 收入 is not the year's
    ("2023年本年支出509.87万元。\n2023年政府性基金收入100.00万元，支出90.00万元。", False),
    ("2023年项目支出428.79万元。\n全年项目支出482.79万元。", True),
    # a fund's own 项目支出 (no year word) is not the department's
    ("2023年项目支出428.79万元。\n政府性基金预算支出120.00万元，其中项目支出120.00万元。", False),
]


@pytest.mark.parametrize("text, fires", CONSISTENCY)
def test_consistency(text, fires):
    assert bool(run("consistency", text)) is fires


def test_the_later_of_two_statements_is_marked():
    (hit,) = run("consistency", "项目总预算1,280.00万元。\n其他内容。\n项目总预算1,320.00万元。")
    assert hit.span.line == 3
    assert hit.args["first"] == "1,280.00万元" and hit.args["later"] == "1,320.00万元" and hit.args["diff"] == "40.00万元"


def test_a_project_restated_later_with_another_budget():
    text = ("（三）项目支出\n1．就业补助资金，全年预算1,280.00万元，实际支出1,236.50万元，执行率96.60%；\n"
            "2．人才引进经费，全年预算250.00万元，实际支出238.65万元，执行率95.46%。\n七、存在的问题\n"
            "（一）进度不均衡。就业补助资金项目全年预算1,320.00万元，支出进度偏慢。")
    (hit,) = run("consistency", text)
    assert hit.span.line == 5 and hit.args["name"] == "就业补助资金全年预算"


def test_prose_against_the_table_row_of_the_same_indicator():
    text = ("全年累计保障城乡低保对象2,316人。\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t数量指标\t城乡低保对象保障人数\t≥2,300人\t2,361人\t10\t10\t无")
    (hit,) = run("consistency", text)
    assert hit.span.line == 3 and hit.variant == "table"
    same = text.replace("2,316人", "2,361人")
    assert run("consistency", same) == []


def test_carry_over_marks_the_last_statement():
    text = "年初结转结余41.28万元。本年收入1,872.96万元。\n本年支出1,856.42万元。\n年末结转结余67.82万元。"
    (hit,) = run("consistency", text)
    assert hit.span.line == 3 and hit.variant == "carryover" and hit.args["expected"] == "57.82万元"


# ------------------------------------------------------------------ arithmetic

ARITHMETIC = [
    ("学生资助项目年初预算1,100.00万元，实际支出1,040.00万元，执行率96.5%。", True),
    ("学生资助项目年初预算1,100.00万元，实际支出1,040.00万元，执行率94.55%。", False),
    ("年初预算180.00万元，年中调增20.00万元，实际支出198.62万元，执行率99.31%。", False),
    ("全年预算调整数2,412.56万元，实际支出2,298.77万元，预算执行率97.28%。", True),
    # 8,650 / 8,000 = 108.125: half up gives 108.13 (banker's rounding would give 108.12)
    ("计划培训8,000人次，实际培训8,650人次，培训完成率108.13%。", False),
    ("计划培训8,000人次，实际培训8,650人次，培训完成率108.12%。", True),
    ("全年预算32.00万元，实际支出31.24万元，执行率97.63%。", False),  # 97.625 exactly
    ("预算数300.00万元，执行数290.00万元，执行率96.67%。", False),
    ("全年可支配资金44,120,600.00元，实际支出42,365,812.40元（合4,236.58万元），预算执行率96.02%。", False),
    ("全年可支配资金44,120,600.00元，实际支出42,365,812.40元（合4,236.58万元），预算执行率96.20%。", True),
    ("预算数300.00万元，执行数290.00万元，执行率98.67%。", True),
    ("下达资金300.00万元，已拨付290.00万元，拨付率96.67%。", False),
    ("下达资金300.00万元，已拨付290.00万元，拨付率98.67%。", True),
    ("计划维修养护工程48处，实际完成45处，完成率97.5%。", True),
    ("全年受理投诉举报412件，按时办结405件，按时办结率98.3%。", False),
    ("本年支出2,381.27万元，较上年的2,246.90万元增加134.37万元，增长5.64%。", True),
    ("本年支出2,381.27万元，较上年的2,246.90万元增加134.37万元，增长5.98%。", False),
    ("“三公”经费6.24万元，较上年的7.10万元下降12.1%。", False),
    # the word says the opposite of the figures
    ("“三公”经费6.24万元，较上年的7.10万元增长12.1%。", True),
    # last year named by its number
    ("2023年度部门整体支出绩效自评报告\n2023年支出1,041.27万元，2022年支出986.50万元，增长5.55%。", False),
    ("2023年度部门整体支出绩效自评报告\n2023年支出1,041.27万元，比2022年的986.50万元增长6.55%。", True),
    # this year's figure closing the sentence before the growth
    ("全年接待游客4.82万人次。上年接待游客4.5万人次，同比增长7.1%。", False),
    ("全年接待游客4.82万人次。上年接待游客4.5万人次，同比增长9.1%。", True),
    # a change in percentage points is the difference of the two rates
    ("群众满意度92.4%，较上年的90.8%提高1.6个百分点。", False),
    ("群众满意度92.4%，较上年的90.8%提高2.1个百分点。", True),
    ("群众满意度92.4%，较上年的90.8%下降1.6个百分点。", True),
    ("优良天数比例92.6%，比上年90.1%上升2.5个百分点，PM2.5平均浓度下降3.2%。", False),
    ("全年接待游客4.2万人次，较上年的4.5万人次增长6.7%。", True),
    ("基本支出4,619.83万元，其中人员经费3,862.47万元，占基本支出的86.39%。", True),
    ("基本支出4,619.83万元，其中人员经费3,862.47万元，占基本支出的83.61%。", False),
    ("政府采购预算126.50万元，实际采购金额118.62万元，节约资金7.88万元，节约率6.23%。", False),
    ("政府采购预算126.50万元，实际采购金额118.62万元，节约资金7.88万元，节约率6.32%。", True),
    ("新增学位2,160个，为年度目标2,000个的108%。", False),
    ("新增学位2,160个，为年度目标2,000个的106%。", True),
    # the base stated inline before 的
    ("全年实际支出272.18万元，占全年预算286.00万元的95.17%。", False),
    ("全年实际支出272.18万元，占全年预算286.00万元的97.17%。", True),
    # a rate whose count stands alone in its statement, over the whole of the same noun stated just before
    ("全年受理群众信访事项1,286件次。\n全年按期办结信访事项1,241件，按期办结率97.50%。", True),
    ("全年受理群众信访事项1,286件次。\n全年按期办结信访事项1,241件，按期办结率96.50%。", False),
    # another noun is another whole
    ("全年受理群众来信1,286件次。\n全年按期办结信访事项1,241件，按期办结率97.50%。", False),
    # the base stated earlier in the line is no candidate numerator
    ("公布服务事项1,412项，其中网上可办1,286项，占服务事项总数1,412项的92.1%。", True),
    ("公布服务事项1,412项，其中网上可办1,286项，占服务事项总数1,412项的91.1%。", False),
    # the numerator is this year's figure, not last year's base before it
    ("全年办理案件1,236件，比上年的1,085件增加151件，完成年度目标1,100件的112.36%。", False),
    ("全年办理案件1,236件，比上年的1,085件增加151件，完成年度目标1,100件的98.64%。", True),
    ("（90分及以上为优，80分至89.99分为良），本项目自评总分87.77分，评价等级为“优”。", True),
    ("自评得分91.8分，自评等级为“优”。", False),
    # a score above its weight stated in the prose
    ("产出指标得分52分（分值50分），效益指标得分28分（分值30分）。", True),
    ("产出指标得分48分（分值50分），效益指标得分28分（满分30分）。", False),
    # the grade under other words: 结果：, 结论为, 属于 …
    ("本项目自评得分85.6分，自评结果：优秀。", True),
    ("本项目自评得分85.6分，评价结论为“优”。", True),
    ("本项目绩效自评综合得分86.5分，属于“优”等级（90分以上为优）。", True),
    ("本项目绩效自评综合得分86.5分，属于“良”等级。", False),
    # 中 and 差 inside other words are no grade
    ("本项目自评得分85.6分，资金属于中央资金，结果差异不大。", False),
    ("自评得分88分，自评等级为“优”（85分及以上为优）。", False),
    ("全年资助学生6,842人次，资助政策覆盖率100%。", False),
    # a part's share of the whole its 其中 splits
    ("实有在职人员36人，其中党员20人，占55.6%。", False),
    ("实有在职人员36人，其中党员20人，占65.6%。", True),
    ("实有在职人员36人，其中具有中级以上职称的14人，占在职人员的38.9%。", False),
    ("实有在职人员36人，其中具有中级以上职称的14人，占在职人员的48.9%。", True),
    ("本年支出1,041.27万元，其中基本支出612.48万元，占58.82%；项目支出428.79万元，占41.18%。", False),
    ("本年支出1,041.27万元，其中基本支出612.48万元，占58.82%；项目支出428.79万元，占42.18%。", True),
    # a per-head figure against its sum and its heads; approximate ones are not judged
    ("62名受助患病妇女共获得救助金18.60万元，人均3,000元。", False),
    ("62名受助患病妇女共获得救助金18.60万元，人均3,200元。", True),
    ("为1,200余户发放补贴36.00万元，户均300元。", False),
    ("项目共吸纳当地脱贫劳动力136人参与抚育作业，人均劳务收入约1.2万元，劳务增收合计162.8万元。", False),
    # a satisfaction rate against its own survey counts (any of the bases before it)
    ("共发放问卷500份，回收有效问卷486份，满意及基本满意的462份，满意度95.1%。", False),
    ("共发放问卷500份，回收有效问卷486份，满意及基本满意的462份，满意度92.4%。", False),
    ("共发放问卷500份，回收有效问卷486份，满意及基本满意的462份，满意度96.1%。", True),
    # several grades of satisfied add up; the unsatisfied leave the rest
    ("发放问卷500份，回收有效问卷480份，其中满意420份，基本满意50份，满意度97.9%。", False),
    ("发放问卷500份，回收有效问卷480份，其中满意420份，基本满意50份，满意度87.5%。", False),
    ("发放问卷500份，回收有效问卷480份，其中非常满意300份、满意120份，满意度87.5%。", False),
    ("发放问卷500份，回收有效问卷480份，其中满意420份，不满意10份，满意度97.9%。", False),
    ("发放问卷500份，回收有效问卷480份，其中非常满意300份、满意120份，满意度91.5%。", True),
    # a share of counts in ten thousands
    ("全县应参保人数12.6万人，实际参保12.35万人，参保率98.02%。", False),
    ("全县应参保人数12.6万人，实际参保12.35万人，参保率97.02%。", True),
    # the execution rate's score stated in the prose
    ("预算执行率95.17%，该项得分9.52分（分值10分）。", False),
    ("预算执行率95.17%，该项得分9.25分（分值10分）。", True),
    ("预算执行率101.20%，该项得分10分（分值10分）。", False),
    # a total score against the scores it lists
    ("本项目总得分95.75分，其中预算执行得分9.75分，产出指标得分48分，效益指标得分29分，满意度指标得分9分。", False),
    ("本项目总得分95.75分，其中预算执行得分9.75分，产出指标得分48分，效益指标得分28分，满意度指标得分9分。", True),
    ("本项目总得分95.75分，其中产出指标得分48分，效益指标得分28分等。", False),
]


@pytest.mark.parametrize("text, fires", ARITHMETIC)
def test_arithmetic_prose(text, fires):
    assert bool(run("arithmetic", text)) is fires


HEADER = "一级指标\t二级指标\t三级指标\t指标性质\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析"


def table(*rows: str) -> str:
    return "\n".join([HEADER, *rows])


def test_score_above_weight():
    (hit,) = run("arithmetic", table("产出指标\t数量指标\t灌溉面积\t≥\t1.2万亩\t1.2万亩\t5\t6\t无"))
    assert hit.variant == "score_over" and hit.span.line == 2


@pytest.mark.parametrize("score, fires", [("9.35", False), ("9.34", True), ("9.85", True), ("9.3", False)])
def test_execution_rate_score(score, fires):
    text = table(f"预算执行\t预算执行率\t项目预算执行率\t=\t100%\t93.47%\t10\t{score}\t无")
    assert bool(run("arithmetic", text)) is fires


def test_execution_rate_over_100_earns_only_the_weight():
    assert run("arithmetic", table("预算执行\t预算执行率\t项目预算执行率\t=\t100%\t101.20%\t10\t10\t无")) == []


def test_total_score_against_the_sum_of_scores():
    rows = ["预算执行\t预算执行率\t项目预算执行率\t=\t100%\t97.32%\t10\t9.73\t无",
            "产出指标\t数量指标\t设备数量\t≥\t5台\t5台\t90\t90\t无"]
    assert run("arithmetic", table(*rows, "总分\t\t\t\t\t\t100\t99.73\t")) == []
    (hit,) = run("arithmetic", table(*rows, "总分\t\t\t\t\t\t100\t97.73\t"))
    assert hit.variant == "sum" and hit.span.line == 4 and hit.args["computed"] == "99.73分"


def test_a_whole_total_score_is_judged_at_the_score_columns_precision():
    # a column that shows 18.5 writes 37 for 37.0: 92 summed is not 93 rounded
    rows = "评价内容\t分值\t得分\n预算执行\t20\t18.5\n产出指标\t40\t37\n效益指标\t30\t27.5\n满意度\t10\t9\n"
    (hit,) = run("arithmetic", rows + "总分\t100\t93\n")
    assert hit.variant == "sum" and hit.args["computed"] == "92.0分"
    assert run("arithmetic", rows + "总分\t100\t92\n") == []
    # a total rounded to whole points from parts with decimals stays within its own rounding
    assert run("arithmetic", "评价内容\t分值\t得分\n甲\t50\t45.4\n乙\t50\t45.4\n总分\t100\t91\n") == []


def test_a_share_of_a_target_stated_earlier_in_the_prose():
    goals = "年度绩效目标为：新建帮扶车间6个，吸纳脱贫人口就业不少于180人。\n"
    (hit,) = run("arithmetic", goals + "新建产业帮扶车间6个，吸纳脱贫人口就业204人，完成目标的118.3%。")
    assert hit.span.line == 2 and "180人" in hit.args["figures"]
    assert run("arithmetic", goals + "新建产业帮扶车间6个，吸纳脱贫人口就业204人，完成目标的113.3%。") == []
    # another quantity's target is no base
    assert run("arithmetic", goals + "吸纳其他人员就业204人，完成目标的118.3%。") == []
    # two different targets for one name: no telling which was meant
    twice = goals + "力争吸纳脱贫人口就业不少于200人。\n"
    assert run("arithmetic", twice + "吸纳脱贫人口就业204人，完成目标的118.3%。") == []


def test_reverse_indicator_met_earns_full_marks():
    fires = table("产出指标\t成本指标\t人均劳务补助\t≤\t1.3万元\t1.2万元\t8\t7.38\t无")
    assert [h.variant for h in run("arithmetic", fires)] == ["reverse"]
    missed = table("效益指标\t社会效益指标\t发病率\t≤\t220\t236.4\t10\t9.25\t原因")
    assert run("arithmetic", missed) == []


def test_grade_row_against_the_total_score():
    rows = ["产出指标\t数量指标\t设备数量\t≥\t5台\t4台\t100\t87.50\t原因", "总分\t\t\t\t\t\t100\t87.50\t"]
    text = table(*rows, "自评等级\t优（90分及以上为优，80分至89.99分为良）")
    assert [h.variant for h in run("arithmetic", text)] == ["grade"]
    assert run("arithmetic", table(*rows, "自评等级\t良")) == []


def test_funds_table_rate_uses_the_adjusted_budget():
    text = ("项目资金（万元）\t年初预算数\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\n"
            "年度资金总额\t1,500.00\t1,380.00\t1,326.40\t88.43%\t10\t8.84")
    (hit,) = run("arithmetic", text)
    assert hit.span.line == 2 and hit.args["computed"] == "96.12%"


# ------------------------------------------------------------------ lists of projects, scores, parent weights

PROJECT_LIST = """项目支出{total}万元，共{count}个项目，各项目全年预算和执行情况如下：
1．甲经费，全年预算40.00万元，实际支出38.60万元，执行率96.50%；
2．乙经费，全年预算54.00万元，实际支出52.40万元，执行率97.04%。"""


@pytest.mark.parametrize("total, count, variants", [
    ("91.00", "2", []), ("91.00", "3", ["count"]), ("95.00", "2", ["projects"]), ("200.00", "2", []),
])
def test_projects_listed_against_their_count_and_sum(total, count, variants):
    found = run("consistency", PROJECT_LIST.format(total=total, count=count))
    assert sorted(h.variant for h in found) == variants


def test_a_colon_list_of_projects_is_a_breakdown():
    text = "2023年项目支出559.77万元，共4个项目：数字化加工286.40万元，智能化改造183.62万元，抢救保护58.30万元，编研出版41.45万元。"
    (hit,) = run("totals", text)
    assert hit.args["sum"] == "569.77万元"


def test_the_conclusions_score_against_the_tables_total():
    text = "\n".join([
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t设备数量\t5台\t5台\t100\t98.99\t无",
        "总分\t\t\t\t\t100\t98.99\t",
        "经综合评定，本项目绩效自评得分{score}分，自评等级为“优”。",
    ])
    assert run("consistency", text.format(score="98.99")) == []
    (hit,) = run("consistency", text.format(score="99.89"))
    assert hit.span.line == 4 and hit.args["first"] == "98.99分"


def test_parent_points_against_the_weights_of_their_rows():
    rows = ["产出指标（50分）\t数量指标\t甲\t≥\t1\t1\t20\t20\t无", "\t质量指标\t乙\t≥\t1\t1\t{w}\t{w}\t无",
            "总分\t\t\t\t\t\t{t}\t{t}\t"]
    good = table(*[r.format(w=30, t=50) for r in rows])
    bad = table(*[r.format(w=25, t=45) for r in rows])
    assert run("arithmetic", good) == []
    assert [h.variant for h in run("arithmetic", bad)] == ["sum"]


def test_this_years_quantity_labelled_with_another_year():
    title = "2023年度部门整体支出绩效自评报告\n"
    (hit,) = run("consistency", title + "2022年支出44.13万元，其中基本支出35.90万元，项目支出8.23万元。")
    assert hit.variant == "year" and hit.span.line == 2
    assert run("consistency", title + "2022年支出41.20万元，2023年支出44.13万元。") == []
    assert run("consistency", title + "2023年支出44.13万元。2022年支出41.20万元。") == []
    assert run("consistency", title + "2022年支出44.13万元。", check_year=False) == []


def test_parent_rows_carry_the_points_of_their_leaves():
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因"
    rows = ["产出指标\t\t\t\t\t50\t50\t", "\t数量指标\t甲\t1\t1\t30\t30\t无", "\t质量指标\t乙\t1\t1\t{w}\t20\t无",
            "效益指标\t\t\t\t\t50\t48\t", "\t社会效益\t丙\t1\t1\t50\t48\t无", "总分\t\t\t\t\t100\t98\t"]
    assert run("arithmetic", "\n".join([header, *rows]).format(w=20)) == []
    (hit,) = run("arithmetic", "\n".join([header, *rows]).format(w=25))
    assert hit.span.line == 2 and hit.args["computed"] == "55分"


@pytest.mark.parametrize("text, fires", [
    ("上年同期支出120.00万元，本年支出132.00万元，同比增长12%。", True),
    ("上年同期支出120.00万元，本年支出132.00万元，同比增长10%。", False),
    ("经评价，项目自评得分78.5分，评价结果为“良”。", True),
])
def test_more_phrasings(text, fires):
    assert bool(run("arithmetic", text)) is fires


# ------------------------------------------------------------------ a count and the items listed after it

ITEM_LINES = "2023年实施项目{count}个，具体为：\n①甲补助80.00万元；\n②乙贴息45.00万元；\n③丙补助36.42万元；\n④丁补助20.00万元。"


@pytest.mark.parametrize("text, variants", [
    (ITEM_LINES.format(count=4), []),
    (ITEM_LINES.format(count=3), ["count"]),
    ("主要开展了以下3项工作：\n1．培训。\n2．宣传。\n3．督查。", []),
    ("主要开展了以下2项工作：\n1．培训。\n2．宣传。\n3．督查。", ["count"]),
    # numbered headings with bodies in between are no list to count
    ("主要开展了以下2个方面工作：\n（1）培训\n全年培训3次。\n（2）宣传\n发放资料。\n（3）督查\n督查4次。", []),
    # items on the count's line, split by ；
    ("支持内容包括五个方面：一是甲，每家奖励10万元；二是乙；三是丙；四是丁；五是戊。", []),
    ("支持内容包括四个方面：一是甲，每家奖励10万元；二是乙；三是丙；四是丁；五是戊。", ["count"]),
])
def test_a_count_against_the_items_listed_after_it(text, variants):
    assert [h.variant for h in run("consistency", text)] == variants


PROJECTS_LISTED = ("本年支出2,093.17万元，其中基本支出1,480.82万元，项目支出{total}万元。\n基本支出情况略。\n"
                   "全年实施4个项目：甲建设236.80万元、乙经办服务142.55万元、丙运行维护158.00万元、丁监管专项65.00万元。")


@pytest.mark.parametrize("text, fires", [
    ("开展以下3类服务：产前筛查、新生儿疾病筛查、0至6岁儿童健康体检、高危孕产妇专案管理。", True),
    ("开展以下4类服务：产前筛查、新生儿疾病筛查、0至6岁儿童健康体检、高危孕产妇专案管理。", False),
    ("重点抓好3个方面工作：宣传、培训、督查、考核。", True),
    ("开展以下3类服务：产前筛查12次、新生儿疾病筛查、儿童健康体检、专案管理。", False),  # items with figures
])
def test_a_counted_noun_may_stand_between_the_count_and_its_colon(text, fires):
    hits = [h for h in run("consistency", text) if h.variant == "count"]
    assert bool(hits) is fires


@pytest.mark.parametrize("total, fires", [("602.35", False), ("612.35", True), ("602.36", False), ("2,000.00", False)])
def test_a_list_of_projects_against_the_project_spending_stated_before(total, fires):
    found = run("consistency", PROJECTS_LISTED.format(total=total))
    assert [(h.variant, h.span.line) for h in found] == ([("project_sum", 3)] if fires else [])


def test_a_project_list_with_budgets_and_spending_sums_the_spending():
    text = ("本年支出1,041.27万元，其中基本支出612.48万元，项目支出{total}万元。\n"
            "项目支出安排2个项目：甲经费全年预算240.00万元，实际支出236.50万元，执行率98.54%；"
            "乙经费全年预算160.00万元，实际支出148.60万元，执行率92.88%。")
    assert run("consistency", text.format(total="385.10")) == []
    assert [h.variant for h in run("consistency", text.format(total="395.10"))] == ["project_sum"]


@pytest.mark.parametrize("rate, fires", [("95.03", False), ("97.03", True)])
def test_an_execution_rate_takes_the_projects_spending_from_the_list(rate, fires):
    text = ("全年实施2个项目：医保经办服务能力建设236.80万元、医疗救助经办服务142.55万元。\n"
            f"1.医保经办服务能力建设项目全年预算245.00万元，执行率96.65%；\n2.医疗救助经办服务项目全年预算150.00万元，执行率{rate}%。")
    assert [h.span.line for h in run("arithmetic", text)] == ([3] if fires else [])


def test_a_list_of_budgets_is_no_spending():
    text = "全年安排2个项目：甲建设245.00万元、乙经办服务150.00万元。\n2.乙经办服务项目全年预算150.00万元，执行率97.03%。"
    assert run("arithmetic", text) == []


@pytest.mark.parametrize("later, fires", [("241.58", True), ("214.58", False)])
def test_a_projects_spending_in_the_list_of_project_spending_restated_later(later, fires):
    text = ("项目支出500.98万元，包括免疫规划项目286.40万元，重大传染病防控项目214.58万元。\n"
            f"2．重大传染病防控。重大传染病防控项目支出{later}万元，处置聚集性疫情14起。")
    found = run("consistency", text)
    assert [(h.span.line, h.args["name"]) for h in found] == ([(2, "重大传染病防控实际支出")] if fires else [])


@pytest.mark.parametrize("text, fires", [
    ("核定编制48名，年末在编职工42人。\n全院在编职工45人中，具有执业医师资格的仅11人。", True),
    ("核定编制48名，年末在编职工42人。\n全院在编职工42人中，具有执业医师资格的仅11人。", False),
    ("年末在编职工42名。\n全院在编职工45人中。", True),  # 名 and 人 count people alike
    # a length with decimals, and a bare verb + noun for the same verb and noun with words between
    ("全年共清疏雨污水管网126.5公里。\n全年累计清疏管网136.5公里。", True),
    ("全年共清疏雨污水管网126.5公里。\n全年累计清疏管网126.5公里。", False),
    # two longer names with different words between are different things
    ("全年共清疏雨水管网126.5公里。\n全年累计清疏污水管网136.5公里。", False),
    # the unit as the subject (中心现有…) is not part of what is counted; 编制 is another quantity
    ("核定事业编制25名，年末实有在编人员23人。\n中心现有在编人员25人，将继续做好服务工作。", True),
    ("核定事业编制25名，年末实有在编人员23人。\n中心现有在编人员23人，将继续做好服务工作。", False),
    ("核定事业编制25名，年末实有在编人员23人。\n中心现有编制25名。", False),
    # a year's flow and a year-end stock are different quantities
    ("全年在编职工42人。\n年末在编职工45人。", False),
    ("全年完成食品安全监督抽检2,460批次。\n全年抽检2,640批次，完成年度目标。", True),
    # a modifier between the verb and the noun names the same whole-year count
    ("全年受理群众信访事项1,286件次。\n全年受理信访事项1,268件次中有286件由代理员办理。", True),
    ("全年受理群众信访事项1,286件次。\n全年受理信访事项1,286件次中有286件由代理员办理。", False),
    # a short name with a common measure word may be anything (接受检查 is not 开展检查)
    ("全年接受县财政局专项检查1次。\n全年检查12次，通报问题路段138处。", False),
    # a goal is no statement of what was done
    ("绩效目标为：新建高标准农田3,000亩；改造农村户厕450户。\n全年新建高标准农田3,200亩。", False),
    ("项目主要内容包括：配置四分类收集容器4,800个。\n配置四分类收集容器3,960个，完成年度目标的82.5%。", False),
    # a part of a larger count
    ("全年培训学员300人。\n其中培训学员120人为村医。", False),
    # … but a part of another name states all of its kind (护理人员 = 护理员)
    ("聘用服务人员14名，其中护理人员9名。\n实行分区包户，现有护理员11名。", True),
    ("聘用服务人员14名，其中护理人员11名。\n实行分区包户，现有护理员11名。", False),
    # "N人中" speaks of the whole; 单位现有 is a scope
    ("单位现有在编职工42人，退休5人。\n在编职工45人中，具有执业医师资格的仅11人。", True),
    # the words after the count name the thing too: other pupils, another count
    ("1．免学费。按每生每年3,000元标准为3,756名在校生免除学费。\n2．助学金。按每生每年2,000元标准为1,432名困难学生发放助学金。", False),
    # 共/累计 sum one occasion, not the year: two projects' trainings are two quantities
    ("甲项目开展培训3期，共培训300人次。\n乙项目举办培训班5期，共培训320人次。", False),
    ("（一）甲项目。全年开展培训12期。\n（二）乙项目。全年开展培训8期。", False),
    # a point of the year is not the year
    ("截至6月底，累计培训1,200人次。\n全年累计培训2,400人次。", False),
    # one occasion (no scope word) is not the year's whole
    ("全年培训村医120人次。\n组织业务培训3期，培训村医60人次。", False),
    # 4.82万 stands for 48,150 … 48,250
    ("全年门急诊4.82万人次。\n全年门急诊48,236人次。", False),
    ("全年门急诊4.82万人次。\n全年门急诊48,263人次。", True),
])
def test_a_count_stated_twice(text, fires):
    assert bool(run("consistency", text)) is fires
    assert run("consistency", text, restated_counts=False) == []


PROJECT_TITLE = "某县2023年度某某项目支出绩效自评报告\n一、项目概况\n"


@pytest.mark.parametrize("body, fires", [
    ("项目年初预算85.00万元，全部为市级财政资金。\n二、项目绩效目标\n项目预算88.00万元，年度目标为：完成维护。", True),
    ("项目年初预算85.00万元，全部为市级财政资金。\n二、项目绩效目标\n项目预算85.00万元，年度目标为：完成维护。", False),
    # an adjustment explains a second budget
    ("项目年初预算85.00万元，年中追加3.00万元。\n二、项目绩效目标\n项目预算88.00万元，年度目标为：完成维护。", False),
    # far apart: another figure (a multi-year plan), not one mistyped
    ("项目年初预算85.00万元。\n二、项目绩效目标\n项目预算150.00万元。", False),
    # a total investment below the year's funds
    ("项目年度资金总额2,860.00万元，其中中央补助资金1,860.00万元。\n三、结论\n本项目总投资2,680.00万元，任务全部完成。", True),
    ("项目年度资金总额2,860.00万元，其中中央补助资金1,860.00万元。\n三、结论\n本项目总投资3,080.00万元，分三年实施。", False),
])
def test_a_project_reports_own_funds_stated_twice(body, fires):
    found = run("consistency", PROJECT_TITLE + body)
    assert [h.span.line for h in found] == ([5] if fires else [])


def test_a_department_reports_project_budgets_are_many_projects():
    text = "某县某局2023年度部门整体支出绩效自评报告\n项目年初预算85.00万元。\n项目预算88.00万元。"
    assert run("consistency", text) == []


def test_the_funds_tables_total_row_is_a_statement_of_the_project_budget():
    text = PROJECT_TITLE + ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t2,860.00\t2,860.00\t2,713.46\n"
                            "三、结论\n本项目总投资2,680.00万元。")
    (hit,) = run("consistency", text)
    assert hit.span.line == 6 and hit.args["first"] == "2,860.00万元"


ROW = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n产出指标\t质量指标\t{name}\t≥95%\t97.6%\t10\t10\t无"


@pytest.mark.parametrize("prose, fires", [
    # the row's name split over the sentence: 案件 … 全年结案率
    ("案件派遣至12个处置单位，全年结案率96.8%。", True),
    ("案件派遣至12个处置单位，全年结案率97.6%。", False),
    # the head alone, with the rest of the name nowhere in the sentence: another rate
    ("信访件全年结案率96.8%。", False),
    # the rest of the name in another sentence
    ("案件派遣至12个处置单位。全年结案率96.8%。", False),
])
def test_a_rate_named_by_its_head_and_its_sentence_against_the_table(prose, fires):
    found = run("consistency", prose + "\n" + ROW.format(name="案件结案率"))
    assert [h.variant for h in found] == (["table"] if fires else [])


def test_a_generic_head_is_never_matched_by_context():
    text = "项目资金执行顺利，全年执行率96.8%。\n" + ROW.format(name="项目资金执行率")
    assert run("consistency", text) == []


PLAN_TABLE = ("全年完成抚育面积12,180亩，为计划任务的{rate}%。\n"
              "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
              "产出指标\t数量指标\t{name}\t≥12,500亩\t12,180亩\t15\t14.62\t林权纠纷")


@pytest.mark.parametrize("rate, name, fires", [
    ("98.4", "森林抚育面积", True),
    ("97.44", "森林抚育面积", False),
    ("97.4", "森林抚育面积", False),
    # a row with the same value but another name is not this plan
    ("98.4", "新建林道长度", False),
])
def test_a_share_of_the_plan_stated_only_in_the_table(rate, name, fires):
    found = run("arithmetic", PLAN_TABLE.format(rate=rate, name=name))
    assert [h.span.line for h in found] == ([1] if fires else [])


PROPORTIONAL = "\n".join([
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    "产出指标\t质量指标\t前端点位平均在线率\t≥95%\t92.6%\t15\t{score}\t设备老化",
    "产出指标\t质量指标\t故障修复及时率\t≥98%\t99.1%\t10\t{met}\t无",
    "产出指标\t时效指标\t故障平均响应时间\t≤2小时\t2.6小时\t10\t8\t原因",
    "{note}",
])
RULE = "注：定量指标达到指标值的得满分，未达到的按“实际完成值÷指标值×分值”计分。"


@pytest.mark.parametrize("score, met, note, lines", [
    ("14.62", "10", RULE, []),
    ("14.95", "10", RULE, [2]),
    ("14.62", "9.5", RULE, [3]),  # met earns the full weight
    ("14.95", "10", "自评表中，未达到的按完成值与指标值的比例计分。", [2]),
    ("14.95", "10", "注：正向指标完成值达到指标值的得满分，未达到的按完成值与指标值之比计分。", [2]),
    # without the report's own rule the scorer's judgement stands
    ("14.95", "9.5", "注：得分由评价小组综合评定。", []),
])
def test_the_reports_own_proportional_rule(score, met, note, lines):
    found = run("arithmetic", PROPORTIONAL.format(score=score, met=met, note=note))
    assert sorted(h.span.line for h in found) == lines


def test_a_growth_word_against_the_sign_of_the_change():
    (hit,) = run("arithmetic", "本年支出2,246.90万元，较上年的2,381.27万元增长5.64%。")
    assert hit.variant == "direction" and hit.args["computed"] == "下降5.64%"


FUNDS = ("全年预算1,068.40万元，实际支出{spent}万元，预算执行率{rate}%。\n"
         "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
         "年度资金总额\t1,000.00\t{budget}\t1,041.27\t10\t97.46%\t9.75")


@pytest.mark.parametrize("spent, rate, budget, fires", [
    ("1,041.27", "97.46", "1,068.40", False),
    ("1,014.27", "94.93", "1,068.40", True),   # the spending typed differently from the row's
    ("1,041.27", "97.64", "1,068.40", True),   # the rate restated differently
    # nothing stated alike: the table may be another entity's
    ("2,041.27", "95.00", "2,148.40", False),
])
def test_the_funds_row_against_the_prose(spent, rate, budget, fires):
    found = run("consistency", FUNDS.format(spent=spent, rate=rate, budget=budget))
    # the table comes after the prose: the row (line 3) is the later statement
    assert {(h.span.line, h.variant) for h in found} == ({(3, "table")} if fires else set())


INCOME_TABLE = ("2023年本年收入1,685.60万元，其中财政拨款收入648.24万元，事业收入1,037.36万元。\n"
                "表1 2023年度收入情况（单位：元）\n收入项目\t金额\n财政拨款收入\t6,482,350.00\n事业收入\t{item}\n合计\t{total}")


@pytest.mark.parametrize("item, total, lines", [
    ("10,373,620.56", "16,855,970.56", []),
    # one slip shows in the item and in the 合计: one mark, on the item's row
    ("10,273,620.56", "16,755,970.56", [5]),
    # a 合计 that is not its rows' sum is the totals rule's fault, marked once, by it
    ("10,373,620.56", "16,955,970.56", []),
])
def test_an_income_table_against_the_prose(item, total, lines):
    found = run("consistency", INCOME_TABLE.format(item=item, total=total))
    assert [h.span.line for h in found] == lines
    if total == "16,955,970.56":
        assert [h.span.line for h in run("totals", INCOME_TABLE.format(item=item, total=total))] == [6]


def test_a_spending_table_with_budget_and_final_columns_against_the_prose():
    text = ("2023年本年支出1,681.12万元，其中基本支出1,515.18万元，项目支出165.94万元。\n"
            "表2 2023年度支出情况（单位：万元）\n支出项目\t预算数\t决算数\n工资福利支出\t900.00\t893.64\n"
            "商品和服务支出\t630.00\t621.54\n资本性支出\t170.00\t{capital}\n合计\t1,700.00\t{total}")
    assert run("consistency", text.format(capital="165.94", total="1,681.12")) == []
    # the 决算数 column's 合计 restates the year's spending
    (hit,) = run("consistency", text.format(capital="156.94", total="1,672.12"))
    assert hit.span.line == 7 and hit.args["first"] == "1,681.12万元"


@pytest.mark.parametrize("text, fires", [
    # the 项目支出 of the year's 其中 is the year's, though its label names no year
    ("2023年本年支出2,093.17万元，其中基本支出1,480.82万元，项目支出612.35万元。\n全年项目支出621.35万元。", True),
    ("2023年本年支出2,093.17万元，其中基本支出1,480.82万元，项目支出612.35万元。\n全年项目支出612.35万元。", False),
    # a table of projects, and the prose naming the project once for two figures
    ("表2 项目支出情况（单位：万元）\n项目名称\t全年预算\t实际支出\t执行率\n城乡居民医保经办\t245.00\t236.80\t96.65%\n"
     "医疗救助经办服务\t150.00\t142.55\t95.03%\n医疗救助经办服务项目全年预算150.00万元，实际支出145.25万元，主要用于经办服务外包。", True),
    # a table in no stated unit is not compared
    ("项目名称\t全年预算\t实际支出\t执行率\n城乡居民医保经办\t245.00\t236.80\t96.65%\n医疗救助经办服务\t150.00\t142.55\t95.03%\n"
     "医疗救助经办服务项目全年预算150.00万元，实际支出145.25万元，主要用于经办服务外包。", False),
    ("项目名称\t全年预算（万元）\t实际支出（万元）\t执行率\n城乡居民医保经办\t245.00\t236.80\t96.65%\n医疗救助经办服务\t150.00\t142.55\t95.03%\n"
     "医疗救助经办服务项目全年预算150.00万元，实际支出142.55万元，主要用于经办服务外包。", False),
])
def test_the_years_parts_and_a_table_of_projects_restated(text, fires):
    assert bool(run("consistency", text)) is fires


@pytest.mark.parametrize("text", [
    # a closing remark after the items is no item
    "2023年项目支出150.00万元。\n实施项目2个：甲项目100.00万元；乙项目50.00万元；项目均按期完成。",
    # budgeted money is not the 项目支出
    "2023年项目支出140.00万元。\n年初安排2个项目：甲项目100.00万元、乙项目50.00万元。",
])
def test_lists_that_are_no_fault(text):
    assert run("consistency", text) == []


@pytest.mark.parametrize("row_rate, fires", [("95.17%", False), ("95.71%", True)])
def test_the_execution_rate_row_against_the_funds_row(row_rate, fires):
    text = "\n".join([
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t280.00\t286.00\t272.18\t10\t95.17%\t9.52",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        f"预算执行\t预算执行率\t项目预算执行率\t100%\t{row_rate}\t10\t9.52\t无",
        "产出指标\t数量指标\t案件采集上报数量\t≥60,000件\t68,425件\t90\t90\t无"])
    found = [(h.span.line, h.variant) for h in run("consistency", text)]
    assert found == ([(4, "table")] if fires else [])


RATE_ROW = ("某县2023年度储备粮管理费用补贴项目支出绩效自评报告\n全年实际拨付812.46万元，预算执行率{prose}%。\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "预算执行\t预算执行率\t项目预算执行率\t100%\t94.74%\t10\t9.47\t原因")


@pytest.mark.parametrize("prose, fires", [("94.74", False), ("94.47", True)])
def test_a_project_reports_execution_rate_row_against_the_prose(prose, fires):
    found = [(h.span.line, h.variant) for h in run("consistency", RATE_ROW.format(prose=prose))]
    assert found == ([(4, "table")] if fires else [])


def test_a_department_reports_project_rates_are_not_its_own():
    text = RATE_ROW.format(prose="94.47").replace("项目支出绩效自评报告", "部门整体支出绩效自评报告")
    assert run("consistency", text) == []


@pytest.mark.parametrize("prose, fires", [("53.8", False), ("53.6", True), ("53.76", False)])
def test_counts_in_ten_thousands_against_the_table(prose, fires):
    text = (f"（一）免疫注射。全年口蹄疫免疫{prose}万头只，高致病性禽流感免疫120万羽。\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t数量指标\t口蹄疫免疫数量\t≥52万头只\t53.8万头只\t10\t10\t无")
    found = run("consistency", text)
    assert [(h.span.line, h.args["later"]) for h in found] == ([(3, "53.8万头只")] if fires else [])


def test_count_sums_can_be_switched_off():
    text = "2023年末在院特困供养人员68人，其中生活全自理42人、半护理17人、全护理12人。"
    (hit,) = run("totals", text)
    assert hit.args["sum"] == "71人" and hit.args["parts"] == "42 + 17 + 12"
    assert run("totals", text, counts=False) == []


@pytest.mark.parametrize("body, fires", [
    ("全年实际支出812.46万元，预算执行率94.47%。\n五、结论\n项目预算执行率94.74%，资金使用规范。", True),
    ("全年实际支出812.46万元，预算执行率94.47%。\n五、结论\n项目预算执行率94.47%，资金使用规范。", False),
    # a rate at a point of the year is another figure
    ("截至9月底，预算执行率75.20%。\n全年实际支出812.46万元，预算执行率94.47%。", False),
])
def test_a_project_reports_execution_rate_stated_twice(body, fires):
    assert bool(run("consistency", PROJECT_TITLE + body)) is fires


def test_a_figure_at_a_point_of_the_year_is_not_the_years():
    text = PROJECT_TITLE + ("截至9月底实际支出500.00万元，预算执行率58.14%。\n"
                            "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
                            "年度资金总额\t860.00\t860.00\t812.46\t10\t94.47%\t9.45\n"
                            "项目年初预算860.00万元，截至2023年12月31日实际支出812.46万元。")
    assert run("consistency", text) == []


COST_ROW = ("全年处置案件6,842件，单件案件处置平均成本{prose}元。\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t成本指标\t单件案件处置平均成本\t≤45元\t39.78元\t10\t10\t无\n"
            "注：单件案件处置平均成本＝运维服务费27.22万元÷6,842件。")


@pytest.mark.parametrize("prose, fires", [("39.78", False), ("37.98", True)])
def test_money_in_the_prose_against_the_table_row(prose, fires):
    found = run("consistency", COST_ROW.format(prose=prose))
    assert [(h.span.line, h.variant) for h in found] == ([(3, "table")] if fires else [])


def test_last_years_project_budget_is_not_this_years():
    text = PROJECT_TITLE + "2022年项目预算80.00万元，全部按期执行。\n二、项目绩效目标\n项目预算85.00万元，年度目标为：完成维护。"
    assert run("consistency", text) == []


def test_last_years_figures_are_not_compared_with_this_years_table():
    text = ("2023年度部门整体支出绩效自评报告\n2022年全年预算1,000.00万元，实际支出960.00万元。\n"
            "2023年全年预算1,068.40万元，实际支出1,041.27万元。\n"
            "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t1,000.00\t1,068.40\t1,041.27\t10\t97.46%\t9.75\n"
            "表2 收入情况（单位：万元）\n收入项目\t金额\n财政拨款收入\t1,000.00\n其他收入\t68.40\n合计\t1,068.40\n"
            "2022年财政拨款收入900.00万元。")
    assert run("consistency", text) == []


@pytest.mark.parametrize("later, fires", [("69.60", True), ("96.60", False)])
def test_a_projects_execution_rate_restated_later(later, fires):
    text = ("（三）项目支出\n1．就业补助资金，全年预算1,280.00万元，实际支出1,236.50万元，执行率96.60%；\n"
            "2．人才引进经费，全年预算250.00万元，实际支出238.65万元，执行率95.46%。\n七、存在的问题\n"
            f"（一）进度不均衡。就业补助资金项目预算执行率为{later}%，支出进度偏慢。")
    found = run("consistency", text)
    assert [(h.span.line, h.args["name"]) for h in found] == ([(5, "就业补助资金执行率")] if fires else [])


ROW_HEADER = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"


@pytest.mark.parametrize("prose, row, fires", [
    # the row's name stands around the count (带动 … 136名 … 脱贫劳动力), the target word in another clause
    ("质量和时效指标均达到目标；带动136名脱贫劳动力劳务增收162.8万元。",
     "效益指标\t社会效益指标\t带动脱贫劳动力就业人数\t≥120人\t163人\t10\t10\t无", True),
    ("质量和时效指标均达到目标；带动163名脱贫劳动力劳务增收162.8万元。",
     "效益指标\t社会效益指标\t带动脱贫劳动力就业人数\t≥120人\t163人\t10\t10\t无", False),
    # one item of a list, holding little of the row's name: a part, not the row
    ("全县建有国家级地面气象观测站1个、区域自动气象站37个，共38个站点由县气象台负责维护。",
     "产出指标\t数量指标\t自动气象站正常运行数量\t=38个\t38个\t8\t8\t无", False),
])
def test_a_count_named_by_the_words_around_it(prose, row, fires):
    assert bool(run("consistency", prose + "\n" + ROW_HEADER + row)) is fires


QUALITATIVE = "\n".join([
    "一级指标\t二级指标\t三级指标\t指标性质\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    "效益指标\t可持续影响指标\t长效管护机制运行情况\t定性\t长效运行\t{grade}\t10\t{score}\t原因",
    "{note}",
])
BANDS = "注：定性指标按达成（100%）、部分达成（60%）、未达成（0%）计分。"


@pytest.mark.parametrize("grade, score, note, fires", [
    ("部分达成", "6", BANDS, False),
    ("部分达成", "8", BANDS, True),
    ("达成", "10", BANDS, False),
    ("达成", "9", BANDS, True),
    # bands without shares: the scorer's judgement stands
    ("部分达成", "8", "注：定性指标按“达成、部分达成、未达成”分档计分。", False),
])
def test_qualitative_rows_earn_the_share_their_grade_states(grade, score, note, fires):
    assert bool(run("arithmetic", QUALITATIVE.format(grade=grade, score=score, note=note))) is fires


SHARE_TABLE = ("表2 2023年度支出情况（单位：万元）\n支出项目\t金额\t占比\n工资福利支出\t893.64\t53.16%\n"
               "商品和服务支出\t621.54\t{share}%\n资本性支出\t165.94\t9.87%\n合计\t1,681.12\t100%")


@pytest.mark.parametrize("share, fires", [("36.97", False), ("37.97", True), ("37.0", False)])
def test_a_share_column_against_the_total_row(share, fires):
    found = run("arithmetic", SHARE_TABLE.format(share=share))
    assert [h.span.line for h in found] == ([4] if fires else [])


NAMED_PROJECTS = ("本年支出{spent}万元，其中基本支出1,199.98万元，项目支出{total}万元。\n"
                  "项目支出包括：大厅运行保障经费286.60万元，平台运维经费184.30万元，智能化改造经费131.50万元。")


@pytest.mark.parametrize("spent, total, fires", [("1,812.38", "612.40", True), ("1,802.38", "602.40", False)])
def test_projects_named_on_the_line_after_their_spending_restate_it(spent, total, fires):
    """The list has no sum of its own: a wrong sum is consistency on the list, not totals on 项目支出."""
    text = NAMED_PROJECTS.format(spent=spent, total=total)
    assert [(h.variant, h.span.line) for h in run("consistency", text)] == ([("project_sum", 2)] if fires else [])
    assert run("totals", text) == []
