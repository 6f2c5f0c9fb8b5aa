"""TAB rows grouped into tables, 绩效自评表 columns recognised."""

from __future__ import annotations

import pytest

from perfcheck.parse.tables import carried_labels, find_tables, is_total_row

INDICATORS = """表1 2023年度项目绩效自评表
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
预算执行\t预算执行率\t项目预算执行率\t100%\t97.32%\t10\t9.73\t结余收回
产出指标\t数量指标\t购置设备数量\t5台（套）\t5台（套）\t15\t15\t无
\t质量指标\t验收合格率\t100%\t100%\t10\t10\t无
总分\t\t\t\t\t100\t99.73\t
自评等级\t优
正文一行。"""


def test_a_tab_block_is_one_table_with_roles_and_caption():
    (table,) = find_tables(tuple(INDICATORS.split("\n")))
    assert table.caption == "表1 2023年度项目绩效自评表"
    assert table.lines == (2, 7)
    assert table.columns == {"level1": 0, "level2": 1, "level3": 2, "target": 3, "actual": 4,
                             "weight": 5, "score": 6, "reason": 7}
    assert is_total_row(table.rows[-2]) and not is_total_row(table.rows[0])


def test_blank_level_labels_are_carried_down():
    (table,) = find_tables(tuple(INDICATORS.split("\n")))
    assert carried_labels(table, "level1")[:3] == ["预算执行", "产出指标", "产出指标"]


def test_cells_have_spans_into_the_line():
    lines = tuple(INDICATORS.split("\n"))
    (table,) = find_tables(lines)
    for row in table.rows:
        for cell in row.cells:
            assert lines[cell.span.line - 1][cell.span.start:cell.span.end] == cell.text


FUNDS_AND_INDICATORS = """项目名称\t农村公路养护专项资金
项目资金（万元）\t年初预算数\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\t原因说明
年度资金总额\t1,500.00\t1,380.00\t1,326.40\t96.12%\t10\t9.61\t无
一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析
产出指标\t数量指标\t列养里程\t≥\t1,286.4\t公里\t1,286.4\t8\t8\t无"""


def test_a_header_row_inside_a_block_starts_a_new_table():
    tables = find_tables(tuple(FUNDS_AND_INDICATORS.split("\n")))
    assert len(tables) == 3
    funds, indicators = tables[1], tables[2]
    assert funds.columns == {"initial_budget": 1, "full_budget": 2, "executed": 3, "rate": 4,
                             "weight": 5, "score": 6, "reason": 7}
    assert indicators.columns["nature"] == 3 and indicators.columns["unit"] == 5
    assert indicators.columns["target"] == 4 and indicators.columns["actual"] == 6


@pytest.mark.parametrize("text", ["没有制表符的一行", ""])
def test_no_tab_no_table(text):
    assert find_tables((text,)) == ()
