"""Numeric kinds: totals, consistency, arithmetic.

The kinds are registered here; each one's logic lives in its own module
(``numeric_totals``, ``numeric_consistency`` with ``numeric_counts`` and
``numeric_table_prose``, ``numeric_arithmetic`` with ``numeric_scores``) on
top of ``numeric_intervals`` (rounding-aware comparison), ``numeric_base``
(prose lines, table cells, rate findings), ``numeric_statements`` (what a
statement says besides its value) and ``numeric_lists`` (counts and the
items listed after them).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import Hit, Param, kind  # noqa: F401
from .numeric_arithmetic import check_arithmetic
from .numeric_consistency import check_consistency
from .numeric_totals import check_totals

DEFAULT_QUANTITIES = {
    # the year's totals need a year word (or 总收入/总支出): a bare 收入 may be any fund's
    "本年收入": r"^(?:(?=\d{4}年|本年|全年)(?:\d{4}年度?)?(?:本年|全年)?(?:部门)?(?:预算)?(?:总)?收入(?:合计|总额|总计)?"
                r"|(?:部门)?总收入)$",
    "本年支出": r"^(?:(?=\d{4}年|本年|全年)(?:\d{4}年度?)?(?:本年|全年)?(?:部门)?(?:总)?支出(?:合计|总额|总计)?"
                r"|(?:部门)?总支出)$",
    "年初结转结余": r"(?:年初|上年)结转(?:和)?结余(?:资金)?$",
    "年末结转结余": r"(?:年末结转(?:和)?结余|结转下年(?:使用)?)(?:资金)?$",
    "项目总预算": r"^(?:\d{4}年)?项目总预算(?:资金)?$",
    "项目总投资": r"^(?:\d{4}年)?项目总投资$",
    "基本支出": r"^(?:\d{4}年度?)?(?:本年|全年)?基本支出$",
    "项目支出": r"^(?=\d{4}年|本年|全年)(?:\d{4}年度?)?(?:本年|全年)?项目支出(?:合计|总额)?$",
    "三公经费": r"^(?:\d{4}年度?)?(?:本年|全年)?(?:共支出)?[“\"]?三公[”\"]?经费(?:实际)?(?:支出)?(?:合计|总额)?$",
}
DEFAULT_CARRY_OVER = {"opening": "年初结转结余", "income": "本年收入", "spending": "本年支出", "closing": "年末结转结余"}
DEFAULT_GRADE_FLOORS = {"优": 90, "良": 80, "中": 60, "差": 0}


@lru_cache(maxsize=64)
def _compiled(items: tuple) -> dict:
    return {name: re.compile(pattern) for name, pattern in items}


@kind("totals", params={
    "mode": Param("str", "interval", "interval | exact | absolute | relative"),
    "tolerance": Param("decimal", "0", "absolute: 元; relative: a fraction of the total"),
    "partial_shortfall": Param("decimal", "0.25",
                               "parts that leave more than this share of the total uncovered read as a partial list"),
    "sources": Param("list", [], "breakdown sources to judge (qizhong, bracket, budget-adjustment, table); empty = all"),
    "counts": Param("bool", True, "also judge counts split by 其中 into parts of one classification (在院68人，其中…)"),
    "remainder_part": Param("regex", "^(?:其他|其余|剩余)", "a last part that names the rest: the parts claim the whole"),
    "complete_sets": Param("list", ["基本支出+项目支出", "人员经费+公用经费"],
                           "parts that together make the whole (labels ending with each word): a total claim however short"),
    "listed_later": Param("regex", r"^(?:\d{4}年度?)?(?:本年|全年)?(?:部门)?项目支出(?:合计|总额|总计)?$",
                          "a total with this label whose parts are listed on later lines is left to consistency "
                          "(keep it equal to consistency's project_spending)"),
})
def totals(report, params):
    """A stated total against the sum of its stated parts, within rounding."""
    resolved = dict(params)
    if isinstance(resolved.get("remainder_part"), str):
        resolved["remainder_part"] = re.compile(resolved["remainder_part"])
    if isinstance(resolved.get("listed_later"), str):
        resolved["listed_later"] = re.compile(resolved["listed_later"])
    return check_totals(report, resolved)


@kind("consistency", params={
    "quantities": Param("table", DEFAULT_QUANTITIES, "name -> regex over a figure's label: document-level quantities"),
    "carry_over": Param("table", DEFAULT_CARRY_OVER, "which quantities form 年初结转结余 + 收入 = 支出 + 年末结转结余"),
    "min_shared": Param("int", 5, "characters two names must share to be one quantity (prose vs table, rate restated)"),
    "generic_rates": Param("regex", r"执行率|完成率|满意度|满意率|合格率|达标率|覆盖率|及时率|回收率|到位率|增长|下降",
                           "rate names too generic to identify one quantity across the report"),
    "check_year": Param("bool", True, "flag this year's quantities labelled with the year before or after"),
    "list_measures": Param("list", ["个", "支", "所", "家", "处", "项", "名", "座", "类", "种", "条"],
                           "measure words of counts checked against the items listed after them"),
    "restated_counts": Param("bool", True, "compare counts of the same thing stated twice in the prose (在编职工42人 … 45人)"),
    "generic_measures": Param("list", ["个", "次", "人", "名", "人次", "项", "件", "场", "家", "户次", "批"],
                              "measure words too common to tie a shortened name to a longer one (全年检查12次)"),
    "project_funds": Param("regex", r"^(?:本|该)?项目(?:\d{4}年)?(?:年度)?(?:资金总额|总投资|总预算|预算|年初预算|全年预算|调整后预算)"
                           r"(?:资金|总额|金额|数)?$", "labels of a project report's own funds (compared wherever stated)"),
    "near_miss": Param("decimal", "0.2", "two differently named statements of a project's funds are one figure mistyped "
                                         "only when they differ by at most this share"),
    "project_spending": Param("regex", r"^(?:\d{4}年度?)?(?:本年|全年)?(?:部门)?项目支出(?:合计|总额|总计)?$",
                              "label of the 项目支出 that a list of projects' spending adds up to"),
})
def consistency(report, params):
    """One quantity stated twice with different values, broken identities, counts vs lists."""
    resolved = dict(params)
    resolved["quantities"] = _compiled(tuple(sorted(dict(params.get("quantities") or DEFAULT_QUANTITIES).items())))
    resolved.setdefault("carry_over", DEFAULT_CARRY_OVER)
    if not hasattr(resolved.get("project_funds"), "search"):
        resolved["project_funds"] = re.compile(resolved.get("project_funds") or r"^项目预算$")
    if not hasattr(resolved.get("project_spending"), "search"):
        resolved["project_spending"] = re.compile(resolved.get("project_spending") or r"^项目支出$")
    if not hasattr(resolved.get("generic_rates"), "search"):
        resolved["generic_rates"] = re.compile(resolved.get("generic_rates") or r"执行率|完成率|满意度")
    return check_consistency(report, resolved)


ARITHMETIC_PATTERNS = {
    "execution_rate_label": (r"执行率$", "label of an execution rate (and of the 自评表 row)"),
    "executed_label": (r"实际支出|执行数|全年支出|当年支出|实际使用|实际拨付|支出$", "label of the executed amount"),
    "full_budget_label": (r"全年预算|调整后预算|预算调整数|调整预算|部门预算调整|可支配资金|可用资金|资金总额|总预算", "label of the full-year budget"),
    "initial_budget_label": (r"年初预算|预算(?:资金|金额|数|额)?$|预算收入|财政拨款收入", "label of the initial budget"),
    "plan_words": (r"计划|目标|应|受理|发放|任务|总数|下达|安排|批复|核定", "words of the base count of a rate"),
    "done_words": (r"实际|完成|已|有效|回收|办结|合格|整改|到位", "words of the achieved count of a rate"),
    "proportional_rule": (r"实际(?:完成)?值?\s*[÷/／]\s*(?:年度)?(?:指标|目标)值\s*[×*]\s*(?:该项|指标)?分值"
                          r"|按(?:实际)?完成(?:比例|程度|率)(?:计分|得分|折算|扣分)"
                          r"|按(?:实际)?完成值与(?:年度)?(?:指标|目标)值(?:的比例|之比|的比值)(?:计分|计算|得分|折算)",
                          "a report's own statement that a shortfall scores actual ÷ target × weight"),
    "survey_rate_label": (r"满意度$|满意率$", "label of a satisfaction rate computed from its survey counts"),
    "pair_rate_skip": (r"执行率|增长率|下降率|节约率|满意率|满意度|增长|下降", "rates not judged as a quotient of two counts"),
}


@kind("arithmetic", params={
    **{name: Param("regex", pattern, help_) for name, (pattern, help_) in ARITHMETIC_PATTERNS.items()},
    "grade_floors": Param("table", DEFAULT_GRADE_FLOORS, "lowest score of each grade, unless the report states its bands"),
})
def arithmetic(report, params):
    """Stated rates, scores, totals of scores and grades against their own figures."""
    resolved = dict(params)
    for name, (pattern, _) in ARITHMETIC_PATTERNS.items():
        value = resolved.get(name)
        if not hasattr(value, "search"):
            resolved[name] = re.compile(value or pattern)
    resolved["grade_floors"] = dict(params.get("grade_floors") or DEFAULT_GRADE_FLOORS)
    return check_arithmetic(report, resolved)
