"""calendar/ and budget/ in Chromium, light and dark, at 1280 and 390 px: axe finds nothing serious,
nothing overflows a phone's width, bars lie over the days they run, the phone's agenda shows each
day's entries, and a filter in the URL (?owner=…) hides the other campaigns' entries."""

from __future__ import annotations

import pytest

from sitekit import browser_pages, built, serve_folder
from test_browser import THEME, OVERFLOWS, WIDTHS, axe, small_docs  # noqa: F401  axe: a fixture (browser, context: conftest.py)
from test_browser_keydates import CALENDAR

BUDGETED = {
    "q1/promo-eu.md": """---
kind: campaign
id: promo-eu
title: Spring promo, Europe
owner: Marta Rossi
roadmap: q1
start: 2027-02-10
end: 2027-03-05
goals: [reach]
channels: [social, email]
status: in-progress
budget: {amount: 48000, currency: EUR, spent: 30000, lines: [{item: media, amount: 20000, channel: social}]}
milestones:
  - {title: Creative sign-off, date: 2027-02-12}
---
""",
    "q1/tmall.md": """---
kind: campaign
id: tmall
title: 天猫春季促销
owner: 李娜
roadmap: q1
start: 2027-03-01
end: 2027-03-20
goals: [cn-users]
channels: [tmall]
status: planned
budget: {amount: 120000, currency: CNY, spent: 10000}
---
""",
}

PAGES = ["calendar/", "calendar/2027-03/?owner=Marta+Rossi", "budget/"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("calendar-browser")
    root, result = built(root, {**small_docs(), **BUDGETED, "key/retail.md": CALENDAR}, "--strict", site_name="Browser fixture", theme=THEME)
    assert result.returncode == 0, result.stderr
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture
def open_page(context, served):
    with browser_pages(context, served) as opener:
        yield opener


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_serious_in_light_and_dark_and_nothing_overflows(open_page, axe, path, width):  # noqa: F811
    page = open_page(path, width)
    found = []
    for scheme in ("default", "slate"):
        page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        results = axe.run(page, context={"exclude": [[".md-copyright"]]}, options={"resultTypes": ["violations"]})
        found += [
            f"{scheme}: {v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    assert found == []
    assert page.evaluate(OVERFLOWS) == []
    assert page.js_errors == []


CELLS = """() => [...document.querySelectorAll('.mp-cal__week')].map(week => ({
  days: [...week.querySelectorAll('.mp-cal__day')].map(d => { const b = d.getBoundingClientRect(); return {date: d.dataset.date, left: b.left, right: b.right, top: b.top}; }),
  bars: [...week.querySelectorAll('.mp-cal__bar')].map(bar => { const b = bar.getBoundingClientRect();
    return {id: bar.dataset.campaign || '', start: bar.dataset.start, end: bar.dataset.end, left: b.left, right: b.right}; }),
}))"""


def test_on_a_desktop_each_bar_lies_over_the_days_it_runs(open_page):
    page = open_page("calendar/2027-03/", 1280)
    weeks = page.evaluate(CELLS)
    measured = 0
    for week in weeks:
        days = week["days"]
        assert len({round(d["top"]) for d in days}) == 1, "the seven days of a week side by side"
        assert [d["left"] for d in days] == sorted(d["left"] for d in days)
        for bar in week["bars"]:
            covered = [d for d in days if d["date"].startswith("2027-03") and bar["start"] <= d["date"] <= bar["end"]]
            assert covered, bar
            assert covered[0]["left"] - 1 <= bar["left"] <= covered[0]["left"] + 8, bar
            assert covered[-1]["right"] - 8 <= bar["right"] <= covered[-1]["right"] + 1, bar
            measured += 1
    assert measured >= 10


def test_on_a_phone_the_month_is_an_agenda_of_the_days_with_entries(open_page):
    page = open_page("calendar/2027-02/", 390)
    assert not page.locator(".mp-cal__head").is_visible()
    shown = page.evaluate("""() => [...document.querySelectorAll('.mp-cal__day')].filter(d => d.checkVisibility()).map(d => {
      const b = d.getBoundingClientRect();
      return {date: d.dataset.date, width: b.width, top: b.top, text: d.innerText,
              entries: [...d.querySelectorAll('.mp-cal__entries li')].filter(e => e.checkVisibility()).length};
    })""")
    with_entries = page.evaluate("() => [...document.querySelectorAll('.mp-cal__day')].filter(d => d.querySelector('.mp-cal__entries li')).map(d => d.dataset.date)")
    assert [d["date"] for d in shown] == sorted({*with_entries, "2027-02-15"}), "days with entries, and today"
    assert [d["top"] for d in shown] == sorted(d["top"] for d in shown) and all(d["width"] > 300 for d in shown), "one below the other, full width"
    twelfth = next(d for d in shown if d["date"] == "2027-02-12")
    assert "Fri, Feb 12" in twelfth["text"] and "Creative sign-off" in twelfth["text"] and twelfth["entries"] == 1
    running = page.locator(".mp-cal__bar", has_text="Spring promo, Europe").first
    assert running.is_visible() and "Feb 10, 2027 – Mar 5, 2027" in running.inner_text()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_filter_in_the_url_hides_the_other_campaigns_and_goes_along_to_other_months(open_page, width):
    page = open_page("calendar/2027-03/?owner=Marta+Rossi", width)
    owners = page.evaluate("() => [...document.querySelectorAll('.mp-cal [data-status]')].map(e => [e.dataset.owner, e.checkVisibility()])")
    assert {owner for owner, visible in owners if visible} == {"Marta Rossi"}
    assert {owner for owner, visible in owners if not visible} >= {"李娜", "Ana Costa"}
    assert page.locator(".mp-cal__toolbar select[name=owner]").input_value() == "Marta Rossi"
    assert page.locator(".mp-cal__entries--key-date li", has_text="Women's Day").is_visible(), "key dates are not campaigns: they stay"
    page.locator("a[rel=next]").click()
    page.wait_for_url("**/calendar/2027-04/?owner=Marta+Rossi")
    visible = page.evaluate("() => [...document.querySelectorAll('.mp-cal [data-status]')].filter(e => e.checkVisibility()).map(e => e.dataset.owner)")
    assert set(visible) <= {"Marta Rossi"}
    page.select_option(".mp-cal__toolbar select[name=owner]", "")
    assert "owner=" not in page.url


def test_without_javascript_the_calendar_is_complete_and_the_filters_absent(browser, served):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "calendar/")
        assert not page.locator(".mp-cal__toolbar").is_visible()
        assert page.locator(".mp-cal").get_attribute("data-month") == "2027-02"
        assert page.locator(".mp-cal__entries li", has_text="Creative sign-off").is_visible()
        assert page.locator(".mp-cal__day--today").get_attribute("data-date") == "2027-02-15"
    finally:
        context.close()


CHARTS_CUT = """() => [...document.querySelectorAll('[data-budget] thead th:last-child, .mp-budget-site thead th:last-child')].map(th => {
  const cell = th.getBoundingClientRect(), box = th.closest('.mp-table').getBoundingClientRect();
  return {table: th.closest('.mp-table').dataset.budget || 'site', text: th.innerText, right: cell.right, visible: Math.min(box.right, innerWidth)};
}).filter(c => c.right > c.visible + 1)"""


def test_on_a_desktop_every_budget_chart_is_in_view_without_scrolling_the_table(open_page):
    """The chart is a table's last column: on a laptop it must not be cut off at the content column's edge."""
    page = open_page("budget/", 1280)
    assert page.locator("[data-budget] thead th:last-child").count() >= 4
    assert page.evaluate(CHARTS_CUT) == []
