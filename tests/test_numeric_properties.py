"""Properties of the figure parser and of the numeric checks (hypothesis).

Generated reports whose figures agree give no totals / consistency /
arithmetic finding; a figure pushed beyond its rounding gives exactly one,
on its line; stating money in 元 instead of 万元 never changes a verdict;
the parser never raises, and what it finds round-trips and points at itself.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from perfcheck import parse
from perfcheck.checks import load_kinds
from perfcheck.format import number
from perfcheck.parse.amounts import find_figures
from perfcheck.parse.normalize import normalize

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NUMERIC = ("totals", "consistency", "arithmetic")
CENT = Decimal("0.01")


def hits(text: str) -> list:
    report = parse(text)
    found = []
    for name in NUMERIC:
        kind = load_kinds()[name]
        params = {key: param.default for key, param in kind.params.items()}
        found.extend((name, hit) for hit in kind.func(report, params))
    return found


money = st.integers(min_value=1, max_value=9_999_999).map(lambda cents: Decimal(cents) * CENT)
LABELS = ("办公费", "差旅费", "水电费", "其他商品和服务支出")


def wan(value: Decimal) -> str:
    return number(value, 2) + "万元"


def yuan(value: Decimal) -> str:
    return number(value * 10000, 2) + "元"


def report_text(parts, total, opening, closing, budget, executed, rate, show=wan) -> list[str]:
    """A small consistent report: a breakdown, a carry-over identity, an execution rate."""
    listed = "，".join(f"{LABELS[i]}{show(p)}" for i, p in enumerate(parts))
    income = total + closing - opening
    return [
        "一、收支情况",
        f"公用经费{show(total)}，其中{listed}。",
        f"年初结转结余{show(opening)}。本年收入{show(income)}。",
        f"本年支出{show(total)}。年末结转结余{show(closing)}。",
        f"全年预算{show(budget)}，实际支出{show(executed)}，预算执行率{rate}%。",
    ]


@st.composite
def consistent(draw):
    parts = draw(st.lists(money, min_size=2, max_size=4))
    total = sum(parts)
    opening = draw(money)
    closing = draw(money)
    assume(total + closing - opening > 0)
    # a budget of 100.00万元 or more: its rounding moves the rate by far less than the push below
    budget = Decimal(draw(st.integers(min_value=10_000, max_value=999_999_999))) * CENT
    executed = Decimal(draw(st.integers(min_value=int(budget / CENT) // 2, max_value=int(budget / CENT)))) * CENT
    rate = (executed / budget * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return parts, total, opening, closing, budget, executed, rate


@SETTINGS
@given(consistent())
def test_consistent_reports_give_no_numeric_finding(case):
    assert hits("\n".join(report_text(*case))) == []


@SETTINGS
@given(consistent(), st.sampled_from(["part", "closing", "rate"]),
       st.integers(min_value=1, max_value=500).map(lambda n: Decimal(n)))
def test_one_figure_pushed_beyond_rounding_gives_one_finding_on_its_line(case, which, push):
    parts, total, opening, closing, budget, executed, rate = case
    lines = report_text(*case)
    if which == "part":
        # a part grows: the breakdown's total (same line) no longer holds
        lines[1] = lines[1].replace(f"{LABELS[0]}{wan(parts[0])}", f"{LABELS[0]}{wan(parts[0] + push)}", 1)
        expected = ("totals", 2)
    elif which == "closing":
        lines[3] = lines[3].replace(f"年末结转结余{wan(closing)}", f"年末结转结余{wan(closing + push)}")
        expected = ("consistency", 4)
    else:
        lines[4] = lines[4].replace(f"预算执行率{rate}%", f"预算执行率{rate + push}%")
        expected = ("arithmetic", 5)
    found = hits("\n".join(lines))
    assert [(name, hit.span.line) for name, hit in found] == [expected]


@SETTINGS
@given(consistent(), st.sampled_from([Decimal(0), Decimal(1), Decimal("37.5")]))
def test_yuan_or_wan_never_changes_the_verdict(case, push):
    parts, total, *rest = case
    pushed = ([parts[0] + push, *parts[1:]], total, *rest)
    in_wan = hits("\n".join(report_text(*pushed, show=wan)))
    in_yuan = hits("\n".join(report_text(*pushed, show=yuan)))
    assert [(n, h.span.line) for n, h in in_wan] == [(n, h.span.line) for n, h in in_yuan]
    assert bool(in_wan) is (push != 0)


REPORT_ALPHABET = st.sampled_from(list("0123456789０１２３.,，。；：、（）()%％\t\n 元万亿人个项其中包括合计总分得分执行率年初预算全年实际支出较上年增长占的为一二三四五十百千“”等≤≥—-"))


@SETTINGS
@given(st.text(alphabet=REPORT_ALPHABET, max_size=300))
def test_parse_and_checks_never_raise(text):
    hits(text)


@SETTINGS
@given(st.text(alphabet=REPORT_ALPHABET, max_size=200))
def test_every_figure_span_points_at_its_text(text):
    lines = tuple(normalize(line) for line in text.split("\n"))
    found = find_figures(lines)
    for figure in (*found.amounts, *found.percents, *found.counts):
        assert lines[figure.span.line - 1][figure.span.start:figure.span.end] == figure.text


@SETTINGS
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=4),
       st.sampled_from(["元", "千元", "万元", "亿元"]), st.booleans())
def test_a_rendered_amount_parses_back(units, decimals, unit, separators):
    value = Decimal(units).scaleb(-decimals)
    shown = number(value, decimals) if separators else f"{value:.{decimals}f}"
    (amount,) = find_figures((f"支出{shown}{unit}。",)).amounts
    assert (amount.value, amount.decimals, amount.unit) == (value, decimals, unit)


@SETTINGS
@given(st.lists(money, min_size=2, max_size=4), st.sampled_from([0, 3, -3, 40, -40, 500]), st.booleans())
def test_a_named_list_on_the_next_line_is_judged_against_its_total(parts, push, comma):
    """基本支出X。 / 基本支出中，A…，B…: agrees within rounding, or one finding on the total's line
    (a push of 3 cents is beyond the rounding of a total and four parts, 5 × 0.5 cent)."""
    total = sum(parts)
    listed = "，".join(f"{LABELS[i]}{wan(p)}" for i, p in enumerate(parts))
    pushed = total + Decimal(push) * CENT
    assume(pushed > 0 and total >= pushed * Decimal("0.8"))  # parts well short of the total read as partial
    text = f"本年支出{wan(pushed)}，其中基本支出{wan(pushed)}。\n基本支出中{'，' if comma else ''}{listed}。"
    found = [(name, hit.span.line) for name, hit in hits(text)]
    assert found == ([] if push == 0 else [("totals", 1)])


@SETTINGS
@given(st.integers(min_value=100, max_value=99_999), st.integers(min_value=-60, max_value=60))
def test_a_count_in_ten_thousands_agrees_with_every_count_it_rounds_from(hundreds, offset):
    """x.xx万人次 restated in full agrees exactly when the full figure rounds to it (±50)."""
    short = f"{Decimal(hundreds) / 100:.2f}万人次"
    full = hundreds * 100 + offset
    text = f"全年门急诊{short}。\n全年门急诊{number(Decimal(full), 0)}人次。"
    found = [name for name, _ in hits(text)]
    assert found == ([] if abs(offset) <= 50 else ["consistency"])


@SETTINGS
@given(st.lists(money, min_size=2, max_size=6), st.integers(min_value=1, max_value=8),
       st.sampled_from(["①②③④⑤⑥", "123456", "一二三四五六"]), st.integers(min_value=-300, max_value=300))
def test_a_list_of_projects_below_its_count(amounts, stated, style, push):
    """N个项目 with its items one a line: a count finding exactly when N differs from the lines listed;
    otherwise the items' sum against 项目支出 stated before (a push beyond rounding gives one finding)."""
    marker = {"①②③④⑤⑥": "{}", "123456": "{}．", "一二三四五六": "（{}）"}[style]
    items = [marker.format(style[i]) + f"{LABELS[i % len(LABELS)]}补助{wan(a)}；" for i, a in enumerate(amounts)]
    total = sum(amounts) + Decimal(push) * CENT
    assume(total > 0 and sum(amounts) >= total * Decimal("0.8"))
    text = "\n".join([f"本年支出{wan(total * 2)}，其中基本支出{wan(total)}，项目支出{wan(total)}。",
                      f"2023年实施项目{stated}个，具体为：", *items])
    found = [(name, hit.variant, hit.span.line) for name, hit in hits(text)]
    allowance = len(amounts) + 1  # half a cent per figure, in cents × 2
    if stated != len(amounts):
        assert found == [("consistency", "count", 2)]
    elif abs(push) * 2 > allowance:
        assert found == [("consistency", "project_sum", 2)]
    else:
        assert found == []


@SETTINGS
@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=4), st.integers(min_value=-20, max_value=20))
def test_a_count_split_by_qizhong_adds_up_or_gives_one_finding(parts, push):
    """在院N人，其中甲护理a人、乙护理b人…: one finding on the line exactly when N is not the sum
    (and the parts are not well short of it: a partial list)."""
    total = sum(parts) + push
    assume(total > 0 and sum(parts) >= total * Decimal("0.8"))
    names = ["全自理", "半护理", "全护理", "特护理"]
    listed = "、".join(f"{names[i]}{p}人" for i, p in enumerate(parts))
    found = [(name, hit.span.line) for name, hit in hits(f"一、基本情况\n年末在院供养人员{total}人，其中{listed}。")]
    assert found == ([] if push == 0 else [("totals", 2)])


@SETTINGS
@given(st.integers(min_value=2, max_value=5000), st.integers(min_value=1, max_value=9_999_999), st.integers(min_value=-3, max_value=3))
def test_a_per_head_figure_holds_exactly_when_it_rounds_from_its_quotient(heads, cents, push):
    """N名…共获得X万元，人均Y元: no finding when Y is X ÷ N rounded half up, one when pushed a unit."""
    total = Decimal(cents) * CENT
    per_head = (total * 10000 / heads).quantize(Decimal(1), rounding=ROUND_HALF_UP) + push
    assume(per_head > 0)
    text = f"{heads}名困难群众共获得救助金{wan(total)}，人均{number(per_head, 0)}元。"
    found = [name for name, _ in hits(text)]
    # the sum's own rounding (±50元 spread over the heads) may allow a neighbour of the exact quotient:
    # the per-head figure holds when some quotient in that range rounds half up to it
    low, high = (total * 10000 - 50) / heads, (total * 10000 + 50) / heads
    allowed = low < per_head + Decimal("0.5") and high >= per_head - Decimal("0.5")
    assert found == ([] if allowed else ["arithmetic"])


@SETTINGS
@given(st.integers(min_value=10, max_value=5000), st.data())
def test_a_parts_share_of_the_whole_its_qizhong_splits(whole, data):
    part = data.draw(st.integers(min_value=1, max_value=whole))
    share = (Decimal(part) / whole * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    wrong = data.draw(st.booleans())
    stated = share + Decimal("1.0") if wrong else share
    text = f"实有在职人员{whole}人，其中党员{part}人，占{stated}%。"
    assert bool([name for name, _ in hits(text) if name == "arithmetic"]) is wrong
