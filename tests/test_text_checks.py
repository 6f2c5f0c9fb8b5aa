"""Text kinds with the default pack's params: what fires and what must not."""

from __future__ import annotations

import tomllib

import pytest

from perfcheck import parse
from perfcheck.checks import load_kinds
from perfcheck.ruleset import load_rules
from tests.conftest import CORPUS, corpus_reports

RULES = {rule.id: rule for rule in load_rules().rules}
KINDS = load_kinds()
TEXT_CATEGORIES = ("missing-section", "structure", "unsupported-claim", "measure-coverage",
                   "indicator", "template-residue")


def hits(rule_id: str, text: str):
    rule = RULES[rule_id]
    return list(KINDS[rule.kind].func(parse(text), rule.params))


def lines_of(rule_id: str, text: str) -> list[int]:
    return [h.span.line if h.span else 0 for h in hits(rule_id, text)]


FULL = """某局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局主要职能是负责全区文化工作，内设科室3个，编制人数12人。
二、预算收支情况
2023年实际支出500.00万元，执行率98.00%。
三、部门整体支出绩效情况
全年举办文艺演出12场，观众3,200人次；群众满意度为95%。
四、存在的问题
（一）绩效目标设置不够细化。
（二）固定资产登记不及时，账实不符。
五、改进措施
（一）细化绩效目标，逐项设置量化指标。
（二）开展资产清查，及时登记入账。
"""


# -- missing-section ---------------------------------------------------------

def test_complete_report_has_every_part():
    assert hits("PC401", FULL) == []


@pytest.mark.parametrize("drop, part", [
    ("一、部门基本情况\n本局主要职能是负责全区文化工作，内设科室3个，编制人数12人。\n", "基本情况"),
    ("五、改进措施\n（一）细化绩效目标，逐项设置量化指标。\n（二）开展资产清查，及时登记入账。\n", "改进措施"),
    ("四、存在的问题\n（一）绩效目标设置不够细化。\n（二）固定资产登记不及时，账实不符。\n", "存在的问题"),
])
def test_missing_part(drop, part):
    found = hits("PC401", FULL.replace(drop, ""))
    assert [h.args["part"] for h in found] == [part]
    assert found[0].span is None  # a whole-document finding


@pytest.mark.parametrize("old, new", [
    ("一、部门基本情况\n本局主要职能是负责全区文化工作，内设科室3个，编制人数12人。", "一、项目基本信息\n项目名称：文化惠民工程；主管部门：区文化局。"),
    ("五、改进措施", "五、下步打算"),
    ("五、改进措施", "五、今后工作安排"),
])
def test_other_names_of_the_parts(old, new):
    assert old in FULL
    assert hits("PC401", FULL.replace(old, new)) == []


def test_a_part_left_out_counts_as_empty():
    text = FULL.replace("（一）绩效目标设置不够细化。\n（二）固定资产登记不及时，账实不符。\n", "（略）\n")
    assert [(h.args["part"], h.variant) for h in hits("PC401", text)] == [("存在的问题", "empty")]


def test_empty_part_counts_as_missing():
    text = FULL.replace("（一）绩效目标设置不够细化。\n（二）固定资产登记不及时，账实不符。\n", "暂无。\n")
    found = hits("PC401", text)
    assert [h.args["part"] for h in found] == ["存在的问题"]
    assert found[0].variant == "empty"


def test_measures_written_into_the_problem_items_count():
    text = FULL.split("四、存在的问题")[0] + ("四、存在的问题\n（一）绩效目标设置不够细化。下一步，我局将逐项设置量化指标。\n"
                                           "（二）固定资产登记不及时。下一步将开展资产清查。\n")
    assert hits("PC401", text) == []
    assert [h for h in hits("PC701", text) if h.severity != "info"] == []


def test_merged_problems_and_measures_are_found():
    text = FULL.replace("四、存在的问题", "四、存在的问题及改进措施").replace("五、改进措施\n", "")
    text = text.replace("（一）细化绩效目标", "改进措施：一是细化绩效目标").replace("（二）开展资产清查", "二是开展资产清查")
    assert hits("PC401", text) == []


def test_a_merged_heading_with_an_empty_problems_sub_heading():
    # 四、问题及改进措施 holds the measures, but its own （1）存在的问题 says only 无
    body = FULL.split("四、存在的问题")[0]
    text = body + ("四、存在的问题及改进措施\n（1）存在的问题\n无。\n（2）改进措施\n"
                   "一是细化绩效目标，逐项设置量化指标。\n二是开展资产清查，及时登记入账。\n")
    assert [(h.args["part"], h.variant) for h in hits("PC401", text)] == [("存在的问题", "empty")]
    filled = text.replace("（1）存在的问题\n无。", "（1）存在的问题\n绩效目标设置不够细化。")
    assert hits("PC401", filled) == []


@pytest.mark.parametrize("tail", [
    "四、存在的问题及改进措施\n（1）存在的问题：无。\n（2）改进措施：一是细化绩效目标，逐项设置量化指标。\n",
    "四、存在的问题及改进措施\n存在的问题：无。\n改进措施：一是细化绩效目标，逐项设置量化指标。\n",
])
def test_a_merged_part_whose_problems_label_says_none(tail):
    text = FULL.split("四、存在的问题")[0] + tail
    assert [(h.args["part"], h.variant) for h in hits("PC401", text)] == [("存在的问题", "empty")]
    assert hits("PC401", text.replace("存在的问题：无。", "存在的问题：绩效目标设置不够细化。")) == []


def test_a_part_with_text_of_its_own_before_an_empty_sub_heading_is_present():
    text = FULL.replace("2023年实际支出500.00万元，执行率98.00%。", "2023年收入500.00万元，支出480.00万元。\n（一）预算执行情况\n无。")
    assert hits("PC401", text) == []


def test_a_sub_part_saying_none_leaves_the_performance_part_present():
    assert hits("PC401", FULL.replace("群众满意度为95%。", "群众满意度为95%。\n效益情况：无。")) == []


# -- structure -----------------------------------------------------------------

@pytest.mark.parametrize("text, line, variant", [
    ("一、甲\n正文。\n二、乙\n正文。\n四、丙\n正文。", 5, "skip"),
    ("一、甲\n正文。\n二、乙\n正文。\n二、丙\n正文。\n三、丁\n正文。", 5, "repeat"),
    ("一、甲\n正文。\n二、乙\n正文。\n三、丙\n正文。\n四、丁\n正文。\n5、 戊\n无。", 9, "style"),
    ("一、甲\n（一）子\n正文。\n（二）子\n正文。\n3．子\n正文。", 6, "style"),
    ("一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n（三）子\n三、丙", 6, "skip"),
])
def test_numbering_faults(text, line, variant):
    found = hits("PC501", text)
    assert [(h.span.line, h.variant) for h in found] == [(line, variant)]


def test_one_slip_marks_one_heading():
    text = "一、甲\n正文。\n二、乙\n正文。\n三、丙\n（一）子\n正文。\n二、丁\n正文。\n四、戊\n正文。"
    assert lines_of("PC501", text) == [8]


def test_different_styles_under_different_parents_are_fine():
    text = ("一、甲\n（一）子\n正文。\n（二）子\n正文。\n二、乙\n（1）子\n正文。\n（2）子\n正文。\n"
            "三、丙\n1．子\n正文。\n2．子\n正文。")
    assert hits("PC501", text) == []


def test_decimal_outline_skip():
    found = hits("PC501", "1. 基本情况\n1.1 单位职能\n正文。\n1.2 人员情况\n正文。\n1.4 资产情况\n正文。")
    assert [(h.span.line, h.variant, h.args["expected"]) for h in found] == [(6, "skip", "1.3")]


@pytest.mark.parametrize("text, line, expected", [
    ("一、甲\n正文。\n二.乙\n正文。\n三、丙\n正文。", 3, "二、"),
    ("一、甲\n（一）子\n正文。\n（二)子\n正文。\n（三）子\n正文。", 4, "（二）"),
    ("一、甲\n1．子\n正文。\n2.子\n正文。\n3．子\n正文。", 4, "2．"),
])
def test_a_number_punctuated_unlike_its_siblings(text, line, expected):
    found = hits("PC501", text)
    assert [(h.span.line, h.variant, h.args["expected"]) for h in found] == [(line, "style", expected)]


def test_two_punctuations_without_a_majority_are_left_alone():
    assert hits("PC501", "一、甲\n正文。\n二.乙\n正文。") == []


# -- unsupported-claim ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "本次活动得到区委领导和全体干部职工一致好评。区纪检监察组长表示很有意义。",
    "活动现场热烈非凡。",
    "全县人居环境整治成效显著，群众获得感明显增强。下一步将继续推进。",
    "全年组织培训86期，培训4,860人次，干部应急处置能力显著提升。培训内容涵盖法律法规。",
    "项目全年支出经费12.50万元，宣传效果显著。",          # money spent shows no effect
    "经综合评定，项目自评得分95分，实施成效显著。",        # nor does the self-score
    "普法活动贴近群众，广受群众好评。",                    # an audience between 广受 and 好评
    "活动深受辖区老年人欢迎。",
    "群众满意度不断提升。",
    "预算执行率98.5%，资金使用效益显著。",                    # a budget rate shows spending, not effect
    "项目支出占本年支出的48.2%，资金使用效益明显。",
    "全年张贴标语300余条、悬挂横幅50幅，宣传效果显著。",   # posters put up record activity
    "全年检查生产经营单位686家次，安全生产形势明显好转。",     # inspections made record activity
    "项目实施卓有成效，受到上级部门的充分赞扬。",
    "通过培训，干部业务能力大大提高。",
    "送戏下乡取得了较好的社会效益。",
    "志愿服务成绩显著。",
    "院民对伙食非常满意。",
    "数据质量显著提高。事后质量抽查计划于2024年下半年由省统计局组织开展。",  # a planned check has no result
    "数据质量显著提高，抽查工作拟于明年开展。",
    "群众满意度明显提升。\n二、效益情况\n回访群众860人，满意率98.1%。",  # support does not cross a heading
    "服务成效显著。\n全年回访群众860人，满意率98.1%。",  # nor a paragraph: the claim ends its own
    "1.经办服务。便民服务圈建设成效显著。\n全年回访群众860人，满意率98.1%。",  # a numbered paragraph is no heading
    "客户端下载用户19.6万人。中心传播影响力大幅提升，在全市同类单位中名列前茅。",  # a rank with no source
    "全县工作在全省位居前列。",
    "数字化服务水平处于全省领先水平。",
])
def test_unsupported_claims(text):
    assert len(hits("PC601", text)) == 1


@pytest.mark.parametrize("text", [
    "活动得到群众一致好评，问卷调查满意度达96.5%。",
    "档案利用的民生效益明显，全年为群众办理民生查档9,836人次。",
    "审计整改成效明显。全年督促整改问题314个，整改率96.3%。",
    "项目绩效跟踪工作实效不明显。",        # negated: a problem, not a claim
    "力争群众满意度明显提升。",            # a plan
    "帮扶农户人均增收1,200元，产业帮扶成效显著。",        # money gained is a result
    "项目区农业生产条件明显改善，粮食亩均增产55公斤。",
    "经验做法被《中国财经报》刊发，成效显著。",                # a named publication
    "回访结果显示，表示非常满意的286人，满意度95.3%。",
    "三、绩效情况\n（二）治理成效明显\n全年整治河道12条，水质达标率96.5%。",   # a heading answered by its text
    "服务成效显著，全年回访群众860人，满意率98.1%。",
    "数据质量显著提高。经抽查，差错率为0.3%，较上年下降0.5个百分点。",
    "传播影响力大幅提升，在全市年度考核中排名第2位。",   # a stated rank supports it
])
def test_supported_or_not_a_claim(text):
    assert hits("PC601", text) == []


CELL_TABLE = ("表1 项目绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n{row}\n")


@pytest.mark.parametrize("row, fires", [
    ("年度总体目标完成情况\t全年组织送戏下乡活动，丰富了群众文化生活，社会反响十分热烈。", True),
    ("年度总体目标完成情况\t全年组织送戏下乡46场，观众1.2万人次，社会反响十分热烈。", False),
    ("满意度指标\t服务对象满意度\t群众对文化服务的满意度明显提升情况\t≥90%\t95%\t10\t10\t无", False),  # a name
    ("效益指标\t社会效益\t文化活动覆盖率\t≥90%\t96%\t10\t10\t活动覆盖面广，群众满意度显著提升", False),  # the row's figures
])
def test_claims_in_table_cells(row, fires):
    assert bool(hits("PC601", CELL_TABLE.format(row=row))) == fires


def test_claims_in_problem_items_are_skipped():
    text = "四、存在的问题\n一是绩效评价结果运用成效显著不足。\n五、改进措施\n一是强化结果运用。\n"
    assert hits("PC601", text) == []


# -- measure-coverage ----------------------------------------------------------

def test_every_problem_answered_in_other_words():
    text = ("四、存在的问题\n（一）基层卫生人才短缺。\n（二）部分项目资金支出进度偏慢。\n（三）绩效运行监控不够深入。\n"
            "五、改进措施\n（一）通过定向招聘、县管乡用充实基层人才队伍。\n（二）建立支出月度通报制度，加快资金拨付。\n"
            "（三）拓展绩效监控内容，按季度采集产出数据。\n")
    assert [h for h in hits("PC701", text) if h.severity != "info"] == []


def test_ageing_equipment_answered_by_renewing_it():
    text = ("七、存在的问题\n（一）区域自动站设备老化。37个站中有11个建于2012年以前，传感器故障率逐年上升。\n"
            "（二）气象科普覆盖面不够广。偏远乡村的科普活动偏少。\n"
            "八、改进措施\n（一）分批更新老旧站点。2024年更新6个老旧区域站的传感器。\n"
            "（二）拓展科普渠道。利用乡村应急广播开展线上科普。\n")
    assert [h for h in hits("PC701", text) if h.severity != "info"] == []


def test_leftover_problem_and_measure_on_one_topic_are_a_pair():
    # the staffing measure mentions 新媒体 too and scores higher by words; once it pairs
    # with the staffing problem, the short-video measure is left to answer the fans problem
    text = ("五、存在的问题\n（一）新媒体平台粉丝增长乏力。抖音号播放量下降，粉丝总数未达年度目标。\n"
            "（二）采编人员结构老化。采编人员平均年龄46岁，熟悉短视频的人员偏少。\n"
            "六、改进措施\n（一）加强短视频原创内容生产，组建5人短视频工作室，每周推送原创短视频不少于30条。\n"
            "（二）通过公开招聘充实年轻采编力量，2024年招聘新媒体专业人员4名。\n")
    assert [h for h in hits("PC701", text) if h.severity != "info"] == []
    # a leftover measure on another topic answers nothing
    other = text.replace("（一）加强短视频原创内容生产，组建5人短视频工作室，每周推送原创短视频不少于30条。",
                         "（一）规范档案管理，及时归档。")
    assert [h.span.line for h in hits("PC701", other) if h.severity != "info"] == [2]


def test_a_rare_phrase_shared_by_one_problem_and_one_measure_pairs_them():
    # 自动化 ties problem (二) to measure (二) though they share little else; (三) is the unanswered one
    text = ("四、存在的问题\n（一）老旧小区路灯线路老化，故障频发。\n（二）抄表数据依靠人工录入，自动化程度不高。\n"
            "（三）路灯资产台账与实物不符。\n五、改进措施\n（一）对老旧小区路灯线路分批改造。\n"
            "（二）申请安装2套远程终端设备，提高自动化比例。\n")
    found = [h for h in hits("PC701", text) if h.severity != "info"]
    assert [h.span.line for h in found] == [4]


@pytest.mark.parametrize("problem, measure", [
    ("护理力量不足。夜间仅安排1名护理员值班，难以及时响应。", "2024年增聘夜班护理员2名，实行每2小时巡房制度。"),
    ("公众号粉丝增长停滞。全年新增关注仅1,200人。", "加大原创短视频制作，每周推出2期。"),
])
def test_a_problem_answered_in_other_words(problem, measure):
    text = ("四、存在的问题\n（一）" + problem + "\n（二）消防设施老化，部分设备失效。\n"
            "五、改进措施\n（一）" + measure + "\n（二）更换老化的消防喷淋设备。\n")
    assert [h for h in hits("PC701", text) if h.severity != "info"] == []


def test_problems_inline_in_a_numbered_paragraph():
    text = ("（二）存在的问题和改进措施\n1．存在的问题。①加装电梯推进难。②长效管理机制不健全，改造后仍无物业服务。"
            "③施工组织不够精细。\n2．改进措施。①推行加装电梯一梯一策协商机制。②优化施工组织，雨季前完成开挖。\n")
    found = [h for h in hits("PC701", text) if h.severity != "info"]
    assert [(h.span.line, h.args["problem"][:6]) for h in found] == [(2, "长效管理机制")]


def test_unanswered_problem_marked_on_its_line():
    text = ("四、存在的问题\n（一）预算编制精准度有待提高。\n（二）绩效目标设置不够细化。\n"
            "（三）固定资产管理基础薄弱，账实不符。\n五、改进措施\n（一）细化预算编制。\n（二）完善绩效目标管理。\n"
            "（三）组织干部参加业务培训。\n")
    found = [h for h in hits("PC701", text) if h.severity != "info"]
    assert [h.span.line for h in found] == [4]


def test_orphan_measure_is_info():
    text = ("四、存在的问题\n（一）预算编制精准度有待提高。\n五、改进措施\n（一）细化预算编制。\n"
            "（二）优化生态护林员队伍结构。\n")
    found = hits("PC701", text)
    assert [(h.span.line, h.severity, h.variant) for h in found] == [(5, "info", "orphan")]


def test_no_measures_at_all_is_left_to_missing_section():
    assert hits("PC701", "四、存在的问题\n（一）预算编制精准度有待提高。\n") == []


# -- indicator -------------------------------------------------------------------

TABLE = ("表1 绩效自评表\n一级指标\t二级指标\t三级指标\t指标性质\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n"
         "{row}\n")


@pytest.mark.parametrize("row, variant", [
    ("产出指标\t数量指标\t回收量\t≥\t\t3,960吨\t10\t10\t", "no-target"),
    ("产出指标\t数量指标\t设备使用率\t≥\t85%\t\t10\t8\t", "no-actual"),
    ("效益指标\t生态效益\t化肥减量比例\t≥\t5%\t4.2%\t10\t8.4\t", "no-reason"),
    ("效益指标\t社会效益\t受益农户数\t≥\t1,000户\t1,500户\t10\t10\t无", "no-reason"),  # 150% > 130%
    ("效益指标\t社会效益指标\t舆论引导力\t\t有所提升\t明显提升\t10\t10\t无", "unquantified"),  # words only
    ("产出指标\t质量指标\t服务质量\t\t进一步提高\t显著提高\t10\t10\t无", "unquantified"),
])
def test_indicator_rows(row, variant):
    found = hits("PC801", TABLE.format(row=row))
    assert [h.variant for h in found] == [variant]


@pytest.mark.parametrize("row", [
    "产出指标\t成本指标\t单位成本\t≤\t4,600元\t4,557元\t7\t7\t无",       # lower is better, met
    "效益指标\t生态效益\t化肥减量比例\t≥\t5%\t4.2%\t10\t8.4\t受降雨影响追肥增加",
    "产出指标\t数量指标\t活动场次\t≥\t300场\t326场\t10\t10\t无",
    "自评等级\t优",
    "效益指标\t可持续影响指标\t管护机制运行情况\t定性\t长效运行\t达成年度指标\t10\t10\t无",  # declared 定性
    "效益指标\t可持续影响指标\t数字化档案入平台\t\t定性\t达成年度指标\t5\t5\t无",
    "效益指标\t社会效益指标\t群众知晓率\t\t有所提升\t提升至85%\t10\t10\t无",  # the actual gives a figure
    "产出指标\t时效指标\t资金拨付及时性\t\t及时\t及时\t10\t10\t无",  # a standard met, not a size left out
])
def test_indicator_rows_fine(row):
    assert hits("PC801", TABLE.format(row=row)) == []


def test_project_without_figures_marked_on_its_description():
    text = ("三、资金使用及绩效情况\n（二）项目支出绩效情况\n"
            "1．项目“文联专项”年初预算金额3.00万元，实际支出4.22万元。项目实施及绩效情况如下：\n"
            "文联专项项目\n项目支出4.22万元，主要用于开展公益艺术教育活动。\n")
    report = parse(text)
    if not report.projects:
        pytest.skip("the project parser does not list this project")
    assert lines_of("PC801", text) == [5]



GOALS = ("一、基本情况\n（一）机构人员\n局机关内设办公室、基金监管股等4个股室，编制30名。\n"
         "二、预算收支情况\n全年实施2个项目：医疗救助经办服务142.55万元、医保基金监管专项65.00万元。\n"
         "三、绩效情况\n（一）履职产出\n1.医疗救助。全年实施医疗救助28,460人次。\n"
         "2.基金监管。{result}\n")


@pytest.mark.parametrize("result, fires", [
    # a count of offices in the basic part is no result of the funded goal
    ("会同县卫健局开展打击欺诈骗保专项行动，对定点医药机构开展现场检查。", True),
    ("全年现场检查定点医药机构248家，追回基金186.4万元。", False),
    ("全年查处违规案件1.2万件。", False),                       # 万 before the measure word
])
def test_funded_goal_needs_a_result_in_the_performance_part(result, fires):
    assert lines_of("PC801", GOALS.format(result=result)) == ([9] if fires else [])



LISTED = ("一、预算收支情况\n项目支出300.00万元，共3个项目：食品安全抽检经费200.00万元；执法办案经费80.00万元；"
          "{last}\n二、履职产出情况\n（一）食品安全。全年完成抽检2,460批次。\n（二）执法办案。全年立案查处案件286件。\n{more}")


def test_a_listed_project_reported_by_an_item_without_figures():
    text = ("一、预算收支情况\n项目支出为特困人员集中供养生活费43.10万元和院民生活改善项目20.00万元。\n"
            "二、资金使用及绩效情况\n（一）集中供养。全年累计供养862人月。\n"
            "（二）院民生活改善项目。项目资金20.00万元，用于更换床具和被褥、购买节日慰问物品。\n"
            "（三）满意度。满意度93.8%。\n")
    found = [h for h in hits("PC801", text) if h.variant == "project"]
    assert [(h.span.line, h.args["name"]) for h in found] == [(5, "院民生活改善项目")]


def test_a_project_listed_as_a_table_row():
    text = ("一、预算收支情况\n表1 项目支出情况\n项目名称\t全年预算（万元）\t实际支出（万元）\t执行率\n"
            "城乡低保补助\t420.00\t412.60\t98.24%\n殡葬改革专项经费\t60.00\t57.50\t95.83%\n"
            "二、部门整体支出绩效情况\n（一）履职产出\n1.城乡低保。全年保障低保对象3,260人。\n"
            "2.殡葬改革。推进殡葬改革，加强公墓管理，开展文明祭扫宣传。\n")
    found = [h for h in hits("PC801", text) if h.variant == "project"]
    assert [(h.span.line, h.args["name"]) for h in found] == [(9, "殡葬改革专项经费")]


@pytest.mark.parametrize("last, more, line", [
    ("知识产权保护专项经费20.00万元，主要用于商标品牌培育和宣传活动。", "", 2),     # never spoken of: on the list
    ("知识产权保护专项经费20.00万元，培育商标品牌12个。", "", None),               # its own figure
    ("知识产权保护专项经费20.00万元。", "（三）知识产权保护。开展宣传周活动。\n", 6),  # on the item reporting it
    ("知识产权保护专项经费20.00万元。", "（三）知识产权保护。办理专利纠纷36件。\n", None),
])
def test_a_project_known_from_a_list_line(last, more, line):
    found = [h for h in hits("PC801", LISTED.format(last=last, more=more)) if h.variant == "project"]
    assert [(h.span.line, h.args["name"]) for h in found] == ([(line, "知识产权保护专项经费")] if line else [])


TABLED = ("一、基本情况\n主要任务是开展对外交流和招商引智，保障城乡低保。\n二、预算收支情况\n"
          "项目名称\t全年预算（万元）\t实际支出（万元）\t执行率\n"
          "城乡低保补助\t420.00\t412.60\t98.24%\n对外交流及招商引智经费\t60.00\t57.50\t95.83%\n"
          "三、绩效情况\n（一）产出情况。全年保障低保对象3,260人；接待对外考察团8批、96人次。\n"
          "（二）效益情况。协助引进人才项目4个。\n")


def test_a_table_project_reported_in_other_words_is_not_marked():
    # 对外交流 is reported as 对外考察团 visits: part of its name, in a sentence with a figure
    assert [h for h in hits("PC801", TABLED) if h.variant == "project"] == []
    silent = TABLED.replace("接待对外考察团8批、96人次", "低保资金按月发放").replace("引进人才项目4个", "低保复核1,200户")
    found = [h for h in hits("PC801", silent) if h.variant == "project"]
    assert [(h.span.line, h.args["name"]) for h in found] == [(6, "对外交流及招商引智经费")]


SUB_PROJECTS = ("一、项目基本情况\n本项目共实施三个子项目：农机购置补贴、高标准农田建设、耕地保护宣传。\n"
                "二、项目绩效目标完成情况\n（一）农机购置补贴。全年补贴农机具426台。\n"
                "（二）高标准农田建设。新建高标准农田1.2万亩。\n"
                "（三）耕地保护宣传。组织开展耕地保护宣传活动，动员群众参与，由各乡镇分片负责。\n")


def test_a_sub_project_listed_by_name_is_held_to_a_figure():
    found = [h for h in hits("PC801", SUB_PROJECTS) if h.variant == "goal"]
    assert [(h.span.line, h.args["name"]) for h in found] == [(6, "耕地保护宣传")]
    counted = SUB_PROJECTS.replace("组织开展耕地保护宣传活动", "组织开展耕地保护宣传活动12场")
    assert [h for h in hits("PC801", counted) if h.variant == "goal"] == []
    # an item the list does not name (and no money names) is not held to one
    unlisted = SUB_PROJECTS.replace("、耕地保护宣传。", "。")
    assert [h for h in hits("PC801", unlisted) if h.variant == "goal"] == []


def test_a_listed_project_named_partly_in_quotes():
    # its distinctive words are the quoted ones: the paragraph on 一网通办 reports it
    text = ("一、预算收支情况\n项目支出包括：大厅运行保障经费286.60万元，“一网通办”平台运维经费184.30万元。\n"
            "二、履职绩效情况\n1．大厅运行保障。全年受理事项41,268件。\n"
            "2．“一网通办”。梳理政务服务事项1,412项，其中实现“一网通办”1,286项。\n")
    assert [h for h in hits("PC801", text) if h.variant == "project"] == []
    silent = text.replace("其中实现“一网通办”1,286项", "持续优化网上办事体验").replace("梳理政务服务事项1,412项，", "")
    found = [h for h in hits("PC801", silent) if h.variant == "project"]
    assert [h.args["name"] for h in found] == ["“一网通办”平台运维经费"]


# -- template-residue ------------------------------------------------------------

@pytest.mark.parametrize("rule_id, text, match", [
    ("PC901", "分别描述绩效情况（可单独提供项目绩效评价报告），格式参考如下：", "格式参考如下"),
    ("PC901", "年度目标完成情况\t（100字以内）全年完成养护里程。", "（100字以内）"),
    ("PC901", "（注：以上数据以决算报表为准，填报时请删除本注释。）", "填报时请删除本注释"),
    ("PC902", "全镇常住人口XX人。", "XX"),
    ("PC902", "联系人：×××", "×××"),
    ("PC902", "建成前小区【待补充】个。", "【待补充】"),
    ("PC903", "[bookmark: _GoBack]无其他需要说明的情况。", "[bookmark: _GoBack]"),
    ("PC903", "详见附件（错误！未找到引用源。）", "错误！未找到引用源。"),
    ("PC904", "财政拨款收入286.45万元，占 %，比上年减少 万元。", "占 %"),
    ("PC901", "项目实施情况（不超过300字）全年完成养护。", "（不超过300字）"),
    ("PC901", "（请根据实际情况填写）", "（请根据实际情况填写）"),
    ("PC902", "填报日期：2024年  月  日", "年  月  日"),
    ("PC902", "联系人：□□□", "□□□"),
    ("PC903", "详见附件EMBED Excel.Sheet.12", "EMBED Excel.Sheet.12"),
    ("PC903", "全年支出&nbsp;50万元", "&nbsp;"),
    ("PC903", "服务对象\ufffd\ufffd满意度", "\ufffd\ufffd"),
    ("PC904", "预算执行率  %，较上年提高。", "率  %"),
    ("PC901", "主要绩效指标（可根据实际情况增减）如下。", "（可根据实际情况增减）"),
    ("PC901", "填写说明：本表金额单位为万元。", "填写说明"),
    ("PC901", "（示例）全年举办活动12场。", "（示例）"),
    ("PC902", "由（单位名称）负责实施。", "（单位名称）"),
    ("PC904", "全年共  人参加培训，新增  家。", "共  人"),
])
def test_residue(rule_id, text, match):
    found = hits(rule_id, text)
    assert match in [h.args["match"] for h in found]


@pytest.mark.parametrize("text", [
    "新购置64排CT和数字化X射线摄影系统各1台。",
    "各流通点每月填写活动记录表，规范填写归档文件目录。",
    "财政拨款收入286.45万元，占95.92%（单位为万元）。",
    "2024年3月5日完成验收。",
    "执行率为98.5%，共12人参加。",
    "根据实际情况调整了2处施工方案。",
    "按照示范县建设要求完成验收。",
])
def test_no_residue(text):
    for rule_id in ("PC901", "PC902", "PC903", "PC904"):
        assert hits(rule_id, text) == [], rule_id


# -- the corpus ------------------------------------------------------------------

def clean_reports():
    found = []
    for path in corpus_reports(".txt"):
        spec = CORPUS / (path.stem + ".expected.toml")
        if spec.exists() and not tomllib.loads(spec.read_text(encoding="utf-8")).get("defect"):
            found.append(path)
    return found


@pytest.mark.parametrize("path", clean_reports(), ids=lambda p: p.name)
def test_clean_reports_draw_no_text_warning(path):
    report = parse(path)
    for rule in RULES.values():
        if rule.category not in TEXT_CATEGORIES:
            continue
        for hit in KINDS[rule.kind].func(report, rule.params):
            assert (hit.severity or rule.severity) == "info", (rule.id, hit)


@pytest.mark.parametrize("text", ["**重点工作**完成情况如下。", "***", "___"])
def test_markdown_marks_are_not_placeholders(text):
    assert hits("PC902", text) == []


def test_placeholder_asterisks_after_a_field():
    assert [h.args["match"] for h in hits("PC902", "联系人：***")] == ["***"]


def test_problems_and_measures_in_a_table_row_count():
    text = FULL.split("四、存在的问题")[0] + "表2 绩效自评表\n存在问题\t部分绩效目标不够细化\n改进措施\t下年度细化绩效目标\n"
    assert hits("PC401", text) == []


@pytest.mark.parametrize("row", [
    "产出指标\t成本指标\t项目总成本\t\t600万元\t588万元\t10\t10\t",       # a cost: lower is better
    "效益指标\t社会效益\t安全事故发生率\t\t0.5%\t0.2%\t10\t10\t",
])
def test_lower_is_better_without_a_sign(row):
    assert hits("PC801", TABLE.format(row=row)) == []


def test_a_pack_requires_the_other_part_and_accepts_none(tmp_path):
    config = tmp_path / "perfcheck.toml"
    config.write_text('extends = ["default"]\n[rules.PC401.extend.parts.other]\nrequired = true\n'
                      'may_say_none = true\n', encoding="utf-8")
    rule = next(r for r in load_rules(config).rules if r.id == "PC401")
    check = KINDS[rule.kind].func
    assert [h.args["part"] for h in check(parse(FULL), rule.params)] == ["其他需要说明的情况"]
    assert list(check(parse(FULL + "六、其他需要说明的情况\n无。\n"), rule.params)) == []
    found = list(check(parse(FULL + "六、其他需要说明的情况\n"), rule.params))
    assert [(h.args["part"], h.variant) for h in found] == [("其他需要说明的情况", "empty")]


from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "一、基本情况", "二、存在的问题", "三、改进措施", "（一）", "（二）预算编制不够精准。", "1.", "2.资产管理。",
    "一是制度不健全；二是监控不到位。", "改进措施：", "成效显著", "满意度达95%", "XX", "【待补充】", "占 %",
    "表1 绩效自评表", "一级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因", "产出\t数量\t≥10个\t8个\t",
    "项目支出4.22万元。", "无。", "。", "，", "\t", " ",
    "1．2024年", "②长效机制。", "项目名称\t全年预算\t实际支出", "甲经费\t20.00\t18.00", "存在的问题\t部分设施老化；",
    "目标为：", "就业率不低于85%", "就业率78.6%", "完成年度目标的86.5%", "项目支出为", "甲项目20.00万元",
    "松阳县残疾人联合会", "遂昌县残联", "下一步，我局将", "由70%提高到", "主要职责是：", "（略）", "1、2月份", "一、二级",
])


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=4).map("".join), max_size=14))
def test_text_kinds_never_fail_and_mark_real_places(lines):
    report = parse("\n".join(lines) + "\n")
    for rule in RULES.values():
        if rule.category not in TEXT_CATEGORIES:
            continue
        for hit in KINDS[rule.kind].func(report, rule.params):
            if hit.span is not None:
                assert 1 <= hit.span.line <= len(report.lines)
                assert 0 <= hit.span.start <= hit.span.end <= len(report.lines[hit.span.line - 1])


# -- template-residue: another unit's name ---------------------------------------

UNIT_REPORT = "松阳县残疾人联合会2023年度部门整体支出绩效自评报告\n一、基本情况\n{line}\n"


@pytest.mark.parametrize("line, match", [
    ("本报告经遂昌县残疾人联合会理事会审议通过。", "遂昌县残疾人联合会"),
    ("县残疾人联合会内设3个部门。", None),                       # the unit itself, by its generic name
    ("经松阳县残疾人联合会理事会审议通过。", None),
    ("项目由县残疾人联合会组织实施，同意县残疾人联合会的方案。", None),   # grammar before 县, not a place
    ("组织赴遂昌县残疾人联合会学习托养服务经验。", None),           # named on purpose
    ("丽水市残疾人联合会下达补助资金。", None),                   # another rank: perhaps the parent
    ("龙泉县残疾人联合会托养中心。", "龙泉县残疾人联合会"),
    ("本报告经遂昌县残联理事会审议通过。", "遂昌县残联"),          # its short form
    ("召开第十一届县残联代表大会。", None),                        # 一届 is no place
    ("全省市县残联系统开展助残日活动。", None),                    # a run of levels
])
def test_another_units_name(line, match):
    assert [h.args["match"] for h in hits("PC905", UNIT_REPORT.format(line=line))] == ([match] if match else [])


def test_an_upper_levels_body_is_not_another_unit():
    text = "青梧市临川区司法局2023年度部门整体支出绩效自评报告\n一、基本情况\n青梧市司法局下达普法经费。临川区司法局负责实施。\n"
    assert hits("PC905", text) == []
