"""Projects and their budget figures."""

from __future__ import annotations

from decimal import Decimal

from perfcheck import parse
from tests.conftest import CORPUS

D = Decimal


def test_seed_projects_have_initial_budget_adjustment_and_spending():
    report = parse(str(CORPUS / "seed.txt"))
    first, second = report.projects
    assert first.name == "文联专项"
    assert (first.initial_budget.value, [a.amount.value for a in first.adjustments], first.actual.value) == \
        (D("3.00"), [D("1.22")], D("4.22"))
    assert first.span.line == 24 and first.adjustments[0].sign == 1
    assert second.name.startswith("“贯彻二十大 讴歌新时代”首届学雷锋")
    assert (second.initial_budget.value, second.adjustments[0].amount.value, second.actual.value) == \
        (D("0"), D("4.00"), D("4.00"))
    assert second.span.line == 27


def test_a_list_of_projects_with_full_budget_spending_and_rate():
    text = "\n".join([
        "（三）项目支出",
        "1．重大项目谋划及前期工作经费，全年预算350.00万元，实际支出326.80万元，执行率93.37%；",
        "2．价格监测及成本调查经费，全年预算50.00万元，实际支出48.35万元，执行率96.70%；",
        "3．区级储备粮补贴，全年预算216.73万元，实际支出2,167,300.00元，执行率100%。",
    ])
    projects = parse(text).projects
    assert [p.name for p in projects] == ["重大项目谋划及前期工作经费", "价格监测及成本调查经费", "区级储备粮补贴"]
    assert [p.full_budget.value for p in projects] == [D("350.00"), D("50.00"), D("216.73")]
    assert projects[2].actual.unit == "元" and projects[1].stated_rate.value == D("96.70")
    assert [p.body for p in projects] == [(2, 2), (3, 3), (4, 4)]


def test_a_cut_is_a_negative_adjustment():
    (project,) = parse("3.项目“残疾人就业扶持”年初预算260.00万元，年中调减14.39万元，实际支出245.61万元。").projects
    assert [(a.sign, a.amount.value) for a in project.adjustments] == [(-1, D("14.39"))]


def test_a_titled_paragraph_is_not_a_project():
    text = "1．预算执行。2023年部门年初预算2,296.50万元，年中追加159.30万元，全年预算2,455.80万元，实际支出2,381.27万元。"
    assert parse(text).projects == ()
