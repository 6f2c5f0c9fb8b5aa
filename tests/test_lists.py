"""Problems and measures: the items of each part, however a template lays them out."""

from __future__ import annotations

from perfcheck import parse


def items(text: str):
    report = parse(text)
    return [p.text for p in report.problems], [m.text for m in report.measures], report


def test_seed_layout_inline_yishi_under_sub_headings():
    problems, measures, report = items(
        "四、绩效管理存在的问题及下一步改进措施\n（1）存在的问题\n一是制度体系不健全。\n二是贯彻落实不到位;\n"
        "三是绩效跟踪工作实效不明显。\n（2）改进措施及建议\n一是高度重视。\n二是加大公开力度。\n三是建立健全相关制度。\n"
        "5、 其他需要说明的情况\n无。")
    assert problems == ["制度体系不健全。", "贯彻落实不到位;", "绩效跟踪工作实效不明显。"]
    assert measures == ["高度重视。", "加大公开力度。", "建立健全相关制度。"]
    assert [p.span.line for p in report.problems] == [3, 4, 5]
    assert report.problems[0].marker == "一是"


def test_numbered_parts():
    problems, measures, report = items(
        "五、存在的问题及原因\n在肯定成绩的同时，仍存在以下问题：\n（一）预算编制精准度有待提高。部分项目调整较多。\n"
        "（二）绩效目标设置不够细化。\n六、下一步改进措施\n（一）提高预算编制的科学性。\n（二）完善绩效目标管理。\n"
        "七、其他需要说明的情况\n无。")
    assert problems == ["预算编制精准度有待提高。部分项目调整较多。", "绩效目标设置不够细化。"]
    assert measures == ["提高预算编制的科学性。", "完善绩效目标管理。"]
    first = report.problems[0]
    line = report.lines[first.span.line - 1]
    assert line[first.span.start:first.span.end] == first.text


def test_each_item_states_problem_then_measure():
    problems, measures, report = items(
        "四、存在的问题及改进措施\n（一）跟踪不够及时。部分对象未复查。改进措施：建立一对一联系制度。\n"
        "（二）培训与需求衔接不紧。改进措施：实行订单式培训。\n五、其他需要说明的情况\n无。")
    assert problems == ["跟踪不够及时。部分对象未复查。", "培训与需求衔接不紧。"]
    assert measures == ["建立一对一联系制度。", "实行订单式培训。"]
    assert [m.span.line for m in report.measures] == [2, 3]


def test_merged_paragraph():
    problems, measures, _ = items(
        "四、存在的问题和改进措施\n存在问题：一是资产登记不及时；二是绩效监控不深入。改进措施：一是开展资产清查；二是按季度监控。\n")
    assert problems == ["资产登记不及时；", "绩效监控不深入。"]
    assert measures == ["开展资产清查；", "按季度监控。"]


def test_innermost_problem_heading_wins():
    problems, measures, _ = items(
        "五、主要经验及做法、存在的问题及原因分析\n（一）主要经验及做法\n一是坚持需求导向。\n（二）存在的问题及原因分析\n"
        "1．设备采购周期偏长。\n2．实训基地使用效率不高。\n六、有关建议\n（一）提前做好采购准备。\n（二）提高使用效率。\n")
    assert problems == ["设备采购周期偏长。", "实训基地使用效率不高。"]
    assert measures == ["提前做好采购准备。", "提高使用效率。"]


def test_nothing_to_report_gives_no_items():
    problems, measures, _ = items("四、存在的问题\n暂无。\n五、改进措施\n无\n")
    assert problems == [] and measures == []


def test_a_merged_part_whose_problems_label_says_none():
    problems, measures, _ = items("四、存在的问题及改进措施\n存在的问题：无。\n改进措施：一是开展资产清查；二是按季度监控。\n")
    assert problems == []
    assert measures == ["开展资产清查；", "按季度监控。"]


def test_unnumbered_sub_titles_with_their_own_lists():
    problems, measures, _ = items(
        "四、存在的问题及改进措施\n存在的问题\n1.绩效监控制度不健全。\n2.资产登记不及时。\n"
        "改进措施\n1.健全绩效监控制度。\n2.开展资产清查。\n五、其他需要说明的情况\n无。")
    assert problems == ["绩效监控制度不健全。", "资产登记不及时。"]
    assert measures == ["健全绩效监控制度。", "开展资产清查。"]


def test_a_heading_that_only_mentions_problems_is_not_the_part():
    problems, measures, _ = items(
        "三、绩效情况\n（一）群众反映问题办结率\n全年办结群众反映问题236件，办结率97.9%。\n"
        "四、存在的问题\n（一）信息化水平不高。\n五、改进措施\n（一）建设信息平台。\n")
    assert problems == ["信息化水平不高。"] and measures == ["建设信息平台。"]


def test_parts_written_as_numbered_paragraphs_with_circled_items():
    problems, measures, report = items(
        "三、自评结论\n（二）主要经验、存在的问题和改进措施\n1．主要经验。坚持居民点菜。\n"
        "2．存在的问题。①加装电梯推进难。协调周期长。②长效管理机制不健全。③施工组织不够精细。\n"
        "3．改进措施。①推行一梯一策协商机制。②优化施工组织。\n")
    assert problems == ["加装电梯推进难。协调周期长。", "长效管理机制不健全。", "施工组织不够精细。"]
    assert measures == ["推行一梯一策协商机制。", "优化施工组织。"]
    assert [p.marker for p in report.problems] == ["①", "②", "③"]
    for item in (*report.problems, *report.measures):
        line = report.lines[item.span.line - 1]
        assert line[item.span.start:item.span.end].endswith(item.text)  # the span holds the marker


def test_a_paragraph_titled_as_a_problem_is_an_item_not_a_part():
    # 力量不足 ends like a part's name (不足) but is one problem of the list
    problems, _, _ = items("第四部分 存在的问题\n一、司法所人员力量不足。全区11个司法所中有4个仅有1名在编人员。\n"
                           "二、绩效目标设置偏简单。部分项目只设置了数量指标。\n第五部分 改进措施\n一、充实人员。\n")
    assert problems == ["司法所人员力量不足。全区11个司法所中有4个仅有1名在编人员。", "绩效目标设置偏简单。部分项目只设置了数量指标。"]


def test_problems_that_carry_their_own_measure():
    problems, measures, report = items(
        "四、存在的问题\n（一）绩效目标设置不够细化，部分指标难以衡量。下一步，我局将逐项设置量化指标。\n"
        "（二）固定资产登记不及时。今后将开展资产清查，及时登记入账。\n（三）宣传不够。\n")
    assert problems == ["绩效目标设置不够细化，部分指标难以衡量。", "固定资产登记不及时。", "宣传不够。"]
    assert measures == ["逐项设置量化指标。", "开展资产清查，及时登记入账。"]
    assert [m.span.line for m in report.measures] == [2, 3]


def test_a_measures_part_keeps_problem_items_whole():
    problems, measures, _ = items("四、存在的问题\n（一）资产登记不及时。下一步将开展清查。\n五、改进措施\n（一）开展资产清查。\n")
    assert problems == ["资产登记不及时。下一步将开展清查。"]
    assert measures == ["开展资产清查。"]


def test_a_paragraph_after_the_problems_that_says_what_will_be_done():
    for heading in ("四、存在的问题和改进措施", "四、存在的问题"):
        problems, measures, _ = items(
            heading + "\n（一）部分工程建后管护责任不明确。\n（二）项目前期设计深度不够。\n"
            "下一步，我局将建立建后管护机制，落实管护责任。\n五、自评结论\n得分98分。\n")
        assert problems == ["部分工程建后管护责任不明确。", "项目前期设计深度不够。"], heading
        assert measures == ["下一步，我局将建立建后管护机制，落实管护责任。"], heading


def test_problems_and_measures_in_a_forms_rows():
    problems, measures, report = items(
        "一、项目概况\n项目预算120万元。\n表1 项目支出绩效自评表\n一级指标\t三级指标\t年度指标值\t实际完成值\n"
        "产出指标\t维修数量\t≥56处\t56处\n存在的问题\t部分设施老化，维修频次高；基层管护人员专业能力不足。\n"
        "改进措施\t一是加快老旧设施更新改造；二是开展管护人员培训。\n")
    assert problems == ["部分设施老化，维修频次高；", "基层管护人员专业能力不足。"]
    assert measures == ["加快老旧设施更新改造；", "开展管护人员培训。"]
    assert {p.span.line for p in report.problems} == {6}


def test_measures_under_other_names():
    for title in ("五、下步打算", "五、今后工作安排"):
        _, measures, _ = items("四、存在的问题\n（一）资产登记不及时。\n" + title + "\n（一）开展资产清查。\n")
        assert measures == ["开展资产清查。"], title
