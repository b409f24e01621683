"""Reading plan cells as a person would: amounts, times, goals, departments, risks, progress."""

from __future__ import annotations

from datetime import date

import pytest

from milepost.importer import amounts, texts, when

START = date(2027, 1, 6)  # a Wednesday: week 1 is the week of Monday 4 January


@pytest.mark.parametrize(
    "text, amount, currency, lines",
    [
        ("预算3万元(含KOL费用1.5万)", 30000, "CNY", [("KOL费用", 15000)]),
        ("预算10万（含达人费用6万、投放3万）", 100000, None, [("达人费用", 60000), ("投放", 30000)]),
        ("KOL费用1.5万、投放1万", 25000, None, [("KOL费用", 15000), ("投放", 10000)]),
        ("人民币5万元", 50000, "CNY", []),
        ("1.2亿元", 120000000, "CNY", []),
        ("５万", 50000, None, []),
        ("3千", 3000, None, []),
        ("€48k", 48000, "EUR", []),
        ("$2m", 2000000, "USD", []),
        ("RMB 50,000", 50000, "CNY", []),
        ("EUR 12,500.50", 12500.5, "EUR", []),
        ("¥30,000", 30000, "CNY", []),
        ("3万 SEK", 30000, "SEK", []),
        ("30000", 30000, None, []),
    ],
)
def test_budgets_read_as_written(text, amount, currency, lines):
    budget = amounts.read_budget(text)
    assert (budget.amount, budget.currency, budget.lines) == (amount, currency, lines)


@pytest.mark.parametrize("text", ["abc", "待定", "-", "١٢", "预算(含KOL费用)"])
def test_unreadable_budgets_are_none(text):
    assert amounts.read_budget(text) is None


def test_a_number_cell_is_one_number_in_ascii_digits():
    assert [amounts.read_number(t) for t in ("40", "40%", "1,200", "١٢", "40 people")] == [40, 40, 1200, None, None]


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("第1-12周", date(2027, 1, 4), date(2027, 3, 28)),
        ("第3-8週", date(2027, 1, 18), date(2027, 2, 28)),
        ("第1周-第4周", date(2027, 1, 4), date(2027, 1, 31)),
        ("第5周", date(2027, 2, 1), date(2027, 2, 7)),
        ("Week 1–2", date(2027, 1, 4), date(2027, 1, 17)),
        ("W3-W8", date(2027, 1, 18), date(2027, 2, 28)),
        ("Weeks 1 to 4", date(2027, 1, 4), date(2027, 1, 31)),
        ("2027-01-04 ~ 2027-02-28", date(2027, 1, 4), date(2027, 2, 28)),
        ("2027/1/4-2027/2/28", date(2027, 1, 4), date(2027, 2, 28)),
        ("2027年3月-5月", date(2027, 3, 1), date(2027, 5, 31)),
        ("3月-5月", date(2027, 3, 1), date(2027, 5, 31)),
        ("1月15日-2月28日", date(2027, 1, 15), date(2027, 2, 28)),
        ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
        ("2027-W05", date(2027, 2, 1), date(2027, 2, 7)),
        ("March 2027", date(2027, 3, 1), date(2027, 3, 31)),
        ("2027", date(2027, 1, 1), date(2027, 12, 31)),
    ],
)
def test_times_read_as_days(text, first, last):
    time = when.read_time(text, START)
    assert (time.first, time.last, time.ongoing) == (first, last, False)


def test_a_parenthesised_remark_in_a_time_is_kept():
    assert when.read_time("第3-8周(活动期)", START).note == "活动期"


@pytest.mark.parametrize("text", ["持续进行", "持續執行", "Ongoing", "全程持续执行"])
def test_ongoing_words_mean_the_roadmaps_period(text):
    assert when.read_time(text, START).ongoing


def test_weeks_without_a_start_say_so():
    assert when.read_time("第1-2周", None).needs_start


@pytest.mark.parametrize("text", ["next week", "2027-02-30", "2027-03 to 2027-01", "第0周", "soon", "0001-01-01", "2300-Q1"])
def test_unreadable_times_are_none(text):
    assert when.read_time(text, START) is None


def test_an_excel_date_cell_is_its_day():
    from datetime import datetime

    assert when.read_time(datetime(2027, 3, 1), None) == when.Time(date(2027, 3, 1), date(2027, 3, 1))


@pytest.mark.parametrize(
    "text, metric, target, unit, deadline",
    [
        ("3个月内新增用户5万人", "新增用户", 50000, "人", date(2027, 4, 6)),
        ("社交媒体总曝光量达1000万", "社交媒体总曝光量", 10000000, None, None),
        ("线上销量提升30%", "线上销量提升", 30, "%", None),
        ("50,000 new users by September", "new users", 50000, "users", date(2027, 9, 30)),
        ("GMV达到200万元", "GMV", 2000000, "CNY", None),
        ("Revenue of 2m EUR by Q3", "Revenue", 2000000, "EUR", date(2027, 9, 30)),
        ("9月底前会员10万", "会员", 100000, None, date(2027, 9, 30)),
        ("三个月内 GMV 100万", "GMV", 1000000, None, date(2027, 4, 6)),
    ],
)
def test_goals_read_target_unit_and_deadline(text, metric, target, unit, deadline):
    due, span = when.read_deadline(text, START)
    goal = texts.read_goal(text, span)
    assert (goal.metric, goal.target, goal.unit, due) == (metric, target, unit, deadline)


def test_a_goal_without_a_number_is_none():
    assert texts.read_goal("品牌好感度提升", None) is None


def test_departments_split_on_the_usual_marks():
    assert texts.split_list("市场部、设计部/销售 and PR, 电商部，客服;CRM") == ["市场部", "设计部", "销售", "PR", "电商部", "客服", "CRM"]
    assert texts.split_list("brand-and-growth") == ["brand-and-growth"]


def test_a_risk_splits_at_its_first_colon_full_width_or_not():
    assert texts.split_risk("达人档期冲突：提前锁定备选: 两位") == ("达人档期冲突", "提前锁定备选: 两位")
    assert texts.split_risk("Agency late: reuse assets") == ("Agency late", "reuse assets")
    assert texts.split_risk("预算超支") == ("预算超支", None)
    assert texts.split_items("1. 风险A：对策A\n2. 风险B：对策B") == ["风险A：对策A", "风险B：对策B"]


def test_progress_notes_are_dated_by_their_week_or_day():
    assert texts.read_update("第2周:笔记2篇发布", START) == texts.UpdateText(date(2027, 1, 11), "笔记2篇发布")
    assert texts.read_update("2027-01-15: launched", START) == texts.UpdateText(date(2027, 1, 15), "launched")
    assert texts.read_update("going well", START).date is None
    assert texts.read_update("W1: x", None).needs_start


def test_the_kpis_of_plan_csv_read_back():
    assert texts.read_kpis("sign-ups: 3100/12000 users (ALERT); ctr: ?/2.5 %") == [
        {"metric": "sign-ups", "target": 12000, "actual": 3100, "unit": "users"},
        {"metric": "ctr", "target": 2.5, "unit": "%"},
    ]
    assert texts.read_kpis("sign-ups: many") is None


def test_slugs_are_ascii():
    assert texts.slug("Café Launch 2027") == "cafe-launch-2027"
    assert texts.slug("小红书种草") == ""
    assert texts.slug("ＫＯＬ种草") == "kol"


def test_the_exports_formula_guard_is_undone():
    assert [texts.unquote(t) for t in ("'=SUM(A1)", "'-5%", "'plain", "=x")] == ["=SUM(A1)", "-5%", "'plain", "=x"]
