"""`calendar` documents: key dates not ours to plan, validated like the other kinds and shown on the site."""

from __future__ import annotations

import json
from datetime import date

from conftest import clean_site, front, only, pos
from milepost.core.problems import ERROR

CAL = "roadmaps/retail.md"


def calendar(dates: str, **fields) -> str:
    base = {"id": "retail", "title": "Retail days", "owner": "Sofia", "dates": dates}
    return front("calendar", **{**base, **fields})


DATES = """
  - {title: Double 11, date: 2026-11-11, markets: [China]}
  - {title: Christmas holidays, start: 2026-12-24, end: 2026-12-26, markets: [Germany, Italy]}
  - {title: Trade fair, start: 2026-03, end: 2026-03}"""


def where(problem) -> str:
    return f"{problem.path}:{problem.line}:{problem.col}"


def at(text: str, needle: str) -> str:
    line, col = pos(text, needle)
    return f"{CAL}:{line}:{col}"


def test_a_calendar_is_read_into_days_and_periods(check_site):
    checked = check_site({**clean_site(), "retail.md": calendar(DATES)})
    assert checked.problems == []
    (cal,) = checked.site.calendars
    double, christmas, fair = cal.dates
    assert (double.title, double.start, double.end, double.is_day, double.markets) == ("Double 11", date(2026, 11, 11), date(2026, 11, 11), True, ["China"])
    assert (christmas.start, christmas.end, christmas.is_day) == (date(2026, 12, 24), date(2026, 12, 26), False)
    assert (fair.start, fair.end, fair.markets) == (date(2026, 3, 1), date(2026, 3, 31), [])  # a month as a period covers the month


def test_key_date_mistakes_are_reported_where_they_were_written(check_site):
    dates = """
  - {title: Both, date: 2026-11-11, start: 2026-11-01}
  - {title: Neither, markets: [China]}
  - {title: Half, start: 2026-11-01}
  - {title: Month, date: 2026-11}
  - {title: Typo, dat: 2026-11-01}
  - {date: 2026-11-01}
  - {title: Backwards, start: 2026-12-31, end: 2026-12-01}"""
    text = calendar(dates, colour="red")
    problems = check_site({**clean_site(), "retail.md": text}).problems
    got = [(where(p), p.severity, p.message, p.code) for p in problems]
    assert got == [
        (at(text, "start: 2026-11-01}"), ERROR, "key date 'Both' has a 'date' and a 'start': give one day as 'date', or a period as 'start' and 'end'", "invalid-value"),
        (at(text, "{title: Neither"), ERROR, "key date 'Neither' needs 'date' (a day) or 'start' and 'end' (a period)", "missing-field"),
        (at(text, "{title: Half"), ERROR, "key date 'Half' needs 'end' too, or a single 'date'", "missing-field"),
        (at(text, "2026-11}"), ERROR, "'date' must be a day such as 2026-11-01, not '2026-11'", "invalid-date"),
        (at(text, "{title: Typo"), ERROR, "key date 'Typo' needs 'date' (a day) or 'start' and 'end' (a period)", "missing-field"),
        (at(text, "dat: "), ERROR, "unknown key 'dat' in a key date (did you mean 'date'?)", "unknown-key"),
        (at(text, "{date: 2026-11-01}"), ERROR, "a key date needs 'title' (what happens, e.g. Double 11)", "missing-field"),
        (at(text, "{title: Backwards"), ERROR, "key date 'Backwards' ends 2026-12-01 before it starts 2026-12-31", "end-before-start"),
        (at(text, "colour"), ERROR, "unknown key 'colour' in a calendar", "unknown-key"),
    ]


def test_a_calendar_needs_its_dates_and_shares_the_id_namespace(check_site):
    text = front("calendar", id="g-users", title="Days", owner="Sofia")
    problems = check_site({**clean_site(), "retail.md": text}).problems
    missing = only(problems, "missing-field")
    assert missing.message == "a calendar needs 'dates' (the key dates: {title, date} or {title, start, end}, with markets)"
    duplicate = [p for p in problems if p.code == "duplicate-id"]
    assert [(p.path, p.message) for p in duplicate] == [
        ("roadmaps/goals/users.md", "duplicate id 'g-users': also used by roadmaps/retail.md:3"),
        (CAL, "duplicate id 'g-users': also used by roadmaps/goals/users.md:3"),
    ]


def test_a_campaign_cannot_name_a_calendar_as_its_goal(check_site):
    site = clean_site()
    site["campaigns/launch.md"] = site["campaigns/launch.md"].replace("goals: [g-users]", "goals: [g-users, retail]")
    problem = only(check_site({**site, "retail.md": calendar(DATES)}).problems, "wrong-kind-reference")
    assert problem.message == "'goals' names 'retail', which is a calendar (roadmaps/retail.md), not a goal"


def test_the_schema_knows_calendars():
    from milepost.core.schema import json_schema

    schema = json_schema()
    assert "calendar" in schema["properties"]["kind"]["enum"]
    key_date = schema["$defs"]["calendar"]["properties"]["dates"]["items"]
    assert key_date["required"] == ["title"]
    assert [branch["required"] for branch in key_date["oneOf"]] == [["date"], ["start", "end"]]


SITE_CALENDAR = """
---
kind: calendar
id: retail
title: Retail days <b>EU</b>
owner: Sofia
dates:
  - {title: Double 11, date: 2027-11-11, markets: [China]}
  - {title: "Spring Festival <i>holiday</i>", start: 2027-02-05, end: 2027-02-11, markets: [China]}
  - {title: Trade fair, start: 2027-03-02, end: 2027-03-04}
---
Dates we plan around.
"""


def build_site(tmp_path):
    from fixtures import DOCS
    from sitekit import built

    root, result = built(tmp_path, {**DOCS, "key/retail.md": SITE_CALENDAR}, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def test_a_calendar_has_its_page_export_and_events(tmp_path):
    from sitekit import page

    root = build_site(tmp_path)
    html = page(root, "key/retail/")
    rows = [row.get_text(" ", strip=True) for row in html.select(".mp-key-dates tbody tr")]
    assert rows == [
        "▭ Spring Festival <i>holiday</i> Feb 5, 2027 – Feb 11, 2027 (7 days) China",
        "▭ Trade fair Mar 2, 2027 – Mar 4, 2027 (3 days) all markets",
        "◇ Double 11 Nov 11, 2027 China",
    ]
    assert html.select_one(".mp-card").find("dt", string="Markets").find_next("dd").get_text() == "China"
    assert "<i>" not in str(html.select_one(".mp-key-dates"))  # titles are text, never markup
    data = json.loads((root / "site/roadmap.json").read_text(encoding="utf-8"))
    (cal,) = data["calendars"]
    assert (cal["id"], cal["url"], cal["source"]) == ("retail", "key/retail/", "key/retail.md")
    assert cal["dates"][0] == {"title": "Double 11", "start": "2027-11-11", "end": "2027-11-11", "date": "2027-11-11", "markets": ["China"]}
    ics = (root / "site/calendar.ics").read_bytes().replace(b"\r\n ", b"").decode()
    key_events = [event for event in ics.split("BEGIN:VEVENT") if "CATEGORIES:Key date" in event]
    assert len(key_events) == 3
    assert "SUMMARY:Double 11 (China)\r\n" in key_events[0] and "DTSTART;VALUE=DATE:20271111\r\nDTEND;VALUE=DATE:20271112\r\n" in key_events[0]


def test_key_dates_are_placed_on_the_axis_clipped_and_given_label_rows():
    from milepost.core.model import Calendar, KeyDate, Site
    from milepost.site.timeline import build, with_key_dates

    def day(text):
        return date.fromisoformat(text)

    cal = Calendar(kind="calendar", id="k", title="K", source="k.md", dates=[
        KeyDate(title="Before", start=day("2026-12-01"), end=day("2026-12-02"), date=None),
        KeyDate(title="New Year holiday", start=day("2026-12-30"), end=day("2027-01-03"), date=None),
        KeyDate(title="Spring", date=day("2027-01-15"), start=day("2027-01-15"), end=day("2027-01-15")),
        KeyDate(title="Sale", date=day("2027-01-16"), start=day("2027-01-16"), end=day("2027-01-16")),
    ])
    tl = with_key_dates(build([], lambda c: "", day("2027-01-10"), span=(day("2027-01-01"), day("2027-03-31"))), Site([cal]).key_dates())
    assert (tl.start, tl.end) == (day("2027-01-01"), day("2027-03-31"))  # the axis is not widened for key dates
    got = [(k.title, k.left, k.width, k.is_day, k.row) for k in tl.key_dates]
    assert got == [
        ("New Year holiday", 0.0, round(3 / 90 * 100, 4), False, 0),  # clipped to the axis: 1–3 January shown
        ("Spring", round(14 / 90 * 100, 4), round(1 / 90 * 100, 4), True, 1),  # 'New Year holiday' still takes row 0 there
        ("Sale", round(15 / 90 * 100, 4), round(1 / 90 * 100, 4), True, 2),
    ]
    assert tl.key_rows == 3


def test_every_timeline_draws_key_dates_with_a_switch(tmp_path):
    from sitekit import page

    root = build_site(tmp_path)
    for url in ("timeline/", "q1/"):
        html = page(root, url)
        lane = html.select_one(".mp-timeline .mp-keydates")
        marks = [(k["data-start"], k["data-end"], k.get_text(strip=True)) for k in lane.select(".mp-keydate")]
        assert marks == [("2027-02-05", "2027-02-11", "▭ Spring Festival <i>holiday</i>"), ("2027-03-02", "2027-03-04", "▭ Trade fair")], url
        assert len(html.select(".mp-timeline__grid .mp-keyshade--period")) == 2
        assert html.select_one(".mp-keydates-toggle input[data-mp-keydates]").has_attr("checked")
    key_page = page(root, "key-dates/")
    coming = [row.td.get_text(" ", strip=True) for row in key_page.select("article > div .mp-key-dates tbody tr, article > .mp-key-dates tbody tr")]
    past = [row.td.get_text(" ", strip=True) for row in key_page.select("details.mp-past tbody tr")]
    assert (coming, past) == (["▭ Trade fair", "◇ Double 11"], ["▭ Spring Festival <i>holiday</i>"])  # today is 2027-02-15
