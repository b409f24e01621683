"""calendar/: one page per month, built for real and read as a reader reads it: every month in
range, each day listing exactly what the documents say, bars over the right days, links that
lead to the right months, today's month at calendar/, and the user's own pages winning."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import front
from sitekit import build, make_site, page, resolve

HOSTILE = '<script>alert("x")</script> & <b>co</b>'

DOCS = {
    "goals/reach.md": front("goal", id="reach", title="Reach", owner="Growth", metric="people", target="1000", deadline="2027-12-31"),
    "r/index.md": front(
        "roadmap", id="r", title="Plan 2027", owner="Marketing", type="campaign", start="2027-01-01", end="2027-04-30", goals="[reach]",
        milestones="\n  - {title: Board review, date: 2027-03-10}",
    ),
    "r/spring.md": front(
        "campaign", id="spring", title="Spring launch", owner="Marta Rossi", roadmap="r", start="2027-02-20", end="2027-03-12",
        channels="[email]", status="in-progress", goals="[reach]", milestones="\n  - {title: Press day, date: 2027-03-03, done: true}",
    ),
    "r/late.md": front(  # ends after its roadmap: the calendar reaches its month too
        "campaign", id="late", title="Late summer", owner="Luca Bianchi", roadmap="r", start="2027-03-25", end="2027-05-10",
        channels="[social]", status="planned", goals="[reach]",
    ),
    "r/hostile.md": front(
        "campaign", id="hostile", title=f"'{HOSTILE}'", owner="Ana", roadmap="r", start="2027-03-16", end="2027-03-16", goals="[reach]",
    ),
    "key/retail.md": front(
        "calendar", id="retail", title="Retail days", owner="Sofia",
        dates="\n  - {title: Women's Day, date: 2027-03-08}\n  - {title: Trade fair, start: 2027-03-15, end: 2027-03-18}",
    ),
}
MONTHS = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"]

# What the documents put on each day of March 2027: (day, kind, title, the page it links to)
MARCH = {
    (3, "milestone", "Press day", "r/spring/"),
    (8, "key-date", "Women's Day", "key/retail/"),
    (10, "milestone", "Board review", "r/"),
    (12, "end", "Spring launch", "r/spring/"),
    (16, "start", HOSTILE, "r/hostile/"),
    (16, "end", HOSTILE, "r/hostile/"),
    (25, "start", "Late summer", "r/late/"),
}


def built(tmp_path, docs=None, **kwargs):
    root = make_site(tmp_path, docs or DOCS, **kwargs)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built(tmp_path_factory.mktemp("calendar"))


def entries(soup, url: str) -> set[tuple]:
    """(day, kind, title, page linked) of every entry listed on a month's page; "and N more" aside."""
    found = set()
    for day in soup.select(".mp-cal__day[data-date]"):
        for listed in day.select("ul.mp-cal__entries"):
            kind = next(c for c in listed["class"] if c.startswith("mp-cal__entries--"))[len("mp-cal__entries--"):]
            for item in listed.select("li:not(.mp-cal__more)"):
                link = item.select_one("a")
                found.add((date.fromisoformat(day["data-date"]).day, kind, link.get_text(), resolve(url, link["href"])))
    return found


def test_a_page_for_every_month_from_the_first_to_the_last_and_none_in_the_sidebar(site):
    built_months = sorted(p.name for p in (site / "site/calendar").iterdir() if p.is_dir())
    assert built_months == MONTHS
    home = page(site, "")
    sidebar = [a.get_text(strip=True) for a in home.select(".md-nav--primary a")]
    assert "Calendar" in sidebar
    assert not any(re.search(r"2027", text) for text in sidebar if text not in ("Plan 2027",))
    march = page(site, "calendar/2027-03/")
    assert march.select_one("h1").get_text(strip=True) == "March 2027"
    assert march.select_one(".mp-cal")["data-month"] == "2027-03"


def test_each_day_lists_exactly_what_the_documents_say(site):
    march = page(site, "calendar/2027-03/")
    assert entries(march, "calendar/2027-03/") == MARCH
    february = page(site, "calendar/2027-02/")
    assert entries(february, "calendar/2027-02/") == {(20, "start", "Spring launch", "r/spring/")}
    done = march.select_one('.mp-cal__day[data-date="2027-03-03"] .mp-cal__entries--milestone li')
    assert done["class"] == ["mp-cal__done"] and done.get_text() == "Press day"
    assert march.select_one('.mp-cal__day[data-date="2027-03-03"] ul')["aria-label"] == "Milestones"
    start = march.select_one('.mp-cal__day[data-date="2027-03-25"] .mp-cal__entries--start li')
    assert (start["data-owner"], start["data-status"], start["data-channels"], start["data-goals"]) == ("Luca Bianchi", "planned", "social", "reach")


def test_a_key_date_period_shades_its_days_and_is_drawn_across_them(site):
    march = page(site, "calendar/2027-03/")
    shaded = {d["data-date"] for d in march.select(".mp-cal__day--period")}
    assert shaded == {f"2027-03-{n}" for n in (15, 16, 17, 18)}
    bars = march.select(".mp-cal__bar--period")
    assert [(b["style"].split(";")[0], b.select_one(".mp-cal__bartitle").get_text(strip=True)) for b in bars] == [("grid-column: 2 / span 4", "▭Trade fair")]
    assert resolve("calendar/2027-03/", bars[0]["href"]) == "key/retail/"


def test_a_running_campaign_is_a_bar_across_its_days_in_each_week_row(site):
    march = page(site, "calendar/2027-03/")
    rows = []
    for week in march.select(".mp-cal__week"):
        for bar in week.select('.mp-cal__bar[data-campaign="spring"]'):
            rows.append((week["data-week"], re.search(r"grid-column: (\d+) / span (\d+)", bar["style"]).groups(), "mp-cal__bar--before" in bar["class"], "mp-cal__bar--after" in bar["class"]))
            assert (bar["data-start"], bar["data-end"], bar["data-owner"], bar["data-status"], bar["data-channels"], bar["data-goals"]) == (
                "2027-02-20", "2027-03-12", "Marta Rossi", "in-progress", "email", "reach")
            assert resolve("calendar/2027-03/", bar["href"]) == "r/spring/"
    # March 2027 starts on a Monday (ISO week 9): Mon 1–Sun 7 whole, then Mon 8–Fri 12
    assert rows == [("9", ("2", "7"), True, True), ("10", ("2", "5"), True, False)]


def test_previous_and_next_links_lead_through_every_month(site):
    url, seen = "calendar/2027-01/", []
    assert page(site, url).select_one("a[rel=prev]") is None
    while url:
        soup = page(site, url)
        seen.append(soup.select_one(".mp-cal")["data-month"])
        following = soup.select_one("a[rel=next]")
        url = resolve(url, following["href"]) if following else None
    assert seen == MONTHS
    back = page(site, "calendar/2027-03/").select_one("a[rel=prev]")
    assert resolve("calendar/2027-03/", back["href"]) == "calendar/2027-02/"
    assert "February 2027" in back.get_text()
    up = page(site, "calendar/2027-03/").select_one(".mp-cal__up")
    assert resolve("calendar/2027-03/", up["href"]) == "calendar/"
    months = [resolve("calendar/", a["href"]) for a in page(site, "calendar/").select(".mp-cal__months a")]
    assert months == [f"calendar/{m}/" for m in MONTHS if m != "2027-02"]


@pytest.mark.parametrize("today, shown", [("2027-02-15", "2027-02"), ("2026-06-01", "2027-01"), ("2030-01-01", "2027-05")])
def test_calendar_opens_on_todays_month_within_the_range(tmp_path, today, shown):
    root = built(tmp_path, today=today)
    index = page(root, "calendar/")
    assert index.select_one(".mp-cal")["data-month"] == shown
    marked = index.select(".mp-cal__day--today")
    assert [d["data-date"] for d in marked] == ([today] if today.startswith("2027-02") else [])
    next_link = index.select_one("a[rel=next]")
    if next_link:
        assert resolve("calendar/", next_link["href"]) == f"calendar/{MONTHS[MONTHS.index(shown) + 1]}/"


def test_weeks_start_on_sunday_when_asked_and_are_numbered_by_their_monday(tmp_path):
    root = built(tmp_path, extra="      week_starts: sunday\n")
    march = page(root, "calendar/2027-03/")
    assert [s.get_text() for s in march.select(".mp-cal__head span")][:3] == ["Wk", "Sun", "Mon"]
    first_days = [week.select(".mp-cal__day")[0]["data-date"] for week in march.select(".mp-cal__week")]
    assert first_days[:2] == ["2027-02-28", "2027-03-07"]
    assert [week["data-week"] for week in march.select(".mp-cal__week")][:2] == ["9", "10"]  # the ISO weeks of Mon 1 and Mon 8 March
    spring = march.select('.mp-cal__bar[data-campaign="spring"]')
    assert [re.search(r"grid-column: (\d+) / span (\d+)", b["style"]).groups() for b in spring] == [("3", "6"), ("2", "6")]


def test_a_busy_month_counts_what_runs_each_day_and_lists_the_roadmaps(tmp_path):
    root = built(tmp_path, extra="      calendar_campaigns: 1\n")
    march = page(root, "calendar/2027-03/")
    assert "mp-cal--busy" in march.select_one(".mp-cal")["class"]
    assert not march.select(".mp-cal__bar[data-campaign]")
    counts = {d["data-date"]: d.select_one(".mp-cal__count").get_text(strip=True) for d in march.select(".mp-cal__day") if d.select_one(".mp-cal__count")}
    assert counts["2027-03-01"] == "1 running" and counts["2027-03-16"] == "1 running" and counts["2027-03-26"] == "1 running"
    assert "2027-03-13" not in counts and "2027-03-20" not in counts
    assert [(a.get_text(), resolve("calendar/2027-03/", a["href"])) for a in march.select(".mp-cal__roadmaps a")] == [("Plan 2027", "r/")]
    assert entries(march, "calendar/2027-03/") == MARCH
    assert "mp-cal--busy" not in page(root, "calendar/2027-01/").select_one(".mp-cal")["class"]


def test_a_busy_day_lists_ten_of_each_kind_and_counts_the_rest(tmp_path):
    crowd = {
        f"r/crowd-{n:02d}.md": front("campaign", id=f"crowd-{n:02d}", title=f"Crowd {n:02d}", owner="Ana", roadmap="r", start="2027-04-01", end="2027-04-30", goals="[reach]")
        for n in range(13)
    }
    root = built(tmp_path, {**DOCS, **crowd}, extra="      calendar_campaigns: 5\n")
    april = page(root, "calendar/2027-04/")
    first = april.select_one('.mp-cal__day[data-date="2027-04-01"] .mp-cal__entries--start')
    assert [li.get_text() for li in first.select("li:not(.mp-cal__more)")] == [f"Crowd {n:02d}" for n in range(10)]
    more = first.select_one("li.mp-cal__more a")
    assert more.get_text() == "and 3 more" and more["href"] == "#mp-running" and april.select_one("#mp-running")
    assert [li.get_text() for li in april.select('.mp-cal__day[data-date="2027-04-30"] .mp-cal__entries--end li:not(.mp-cal__more)')][:2] == ["Crowd 00", "Crowd 01"]
    march = page(root, "calendar/2027-03/")  # three campaigns run in March: not busy, bars drawn
    assert "mp-cal--busy" not in march.select_one(".mp-cal")["class"] and len(march.select(".mp-cal__bar[data-campaign]")) >= 3


def test_a_users_own_pages_win_and_the_months_are_still_reached(tmp_path):
    docs = {
        **DOCS,
        "calendar/2027-03.md": "# My own March\n",
        "calendar.md": front("calendar", id="holidays", title="Holidays", owner="HR", dates="\n  - {title: Easter, date: 2027-04-04}"),
    }
    root = make_site(tmp_path, docs)
    result = build(root)
    assert result.returncode == 0, result.stderr
    mine = page(root, "calendar/2027-03/")
    assert "My own March" in mine.get_text() and not mine.select(".mp-cal")
    assert page(root, "calendar/").select_one("h1").get_text(strip=True) == "Holidays"
    february = page(root, "calendar/2027-02/")
    assert resolve("calendar/2027-02/", february.select_one("a[rel=next]")["href"]) == "calendar/2027-03/"
    assert resolve("calendar/2027-02/", february.select_one(".mp-cal__up")["href"]) == "calendar/"
    button = [a for a in page(root, "").select(".mp-browse a") if a.get_text() == "Calendar"]
    assert [resolve("", a["href"]) for a in button] == ["calendar/2027-02/"]
    assert (4, "key-date", "Easter", "calendar/") in entries(page(root, "calendar/2027-04/"), "calendar/2027-04/")


def test_hostile_titles_are_escaped(site):
    html = (site / "site/calendar/2027-03/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>co</b>" not in html
    assert "&lt;script&gt;alert" in html


def test_labels_and_names_are_in_the_sites_language(tmp_path):
    root = built(tmp_path, language="fr")
    march = page(root, "calendar/2027-03/")
    assert march.select_one("h1").get_text(strip=True) == "mars 2027"
    assert [s.get_text() for s in march.select(".mp-cal__head span")][:2] == ["Sem.", "lun."]
    assert march.select_one(".mp-cal__day[data-date='2027-03-03'] .mp-cal__long").get_text() == "mer. 3 mars"
    assert page(root, "calendar/").select_one("h1").get_text(strip=True) == "Calendrier"


def test_two_builds_give_the_same_calendar(tmp_path, site):
    again = built(tmp_path)
    for month in ["", *MONTHS]:
        name = f"calendar/{month}/index.html" if month else "calendar/index.html"
        assert (again / "site" / name).read_bytes() == (site / "site" / name).read_bytes(), name


def test_a_mistyped_year_gives_pages_only_for_the_months_with_dates_and_says_why(tmp_path):
    """1926 for 2026 would be a century of empty months, 1,200 pages: past 12 years, only the months
    in which a start, an end or a milestone falls (and today's) get a page, and every page says so."""
    typo = {**DOCS, "r/late.md": DOCS["r/late.md"].replace("start: 2027-03-25", "start: 1927-03-25")}
    root = built(tmp_path, typo, today="2027-02-15")
    built_months = sorted(p.name for p in (root / "site/calendar").iterdir() if p.is_dir())
    assert built_months == ["1927-03", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05"]
    soup = page(root, "calendar/1927-03/")
    note = " ".join(soup.select_one(".mp-cal__long-span").get_text().split())
    assert note.startswith("This calendar spans 101 years (1927–2027), so it has a page only for the months")
    following = soup.select_one("a[rel=next]")
    assert resolve("calendar/1927-03/", following["href"]) == "calendar/2027-01/"
    assert page(root, "calendar/").select_one(".mp-cal")["data-month"] == "2027-02"
    assert page(root, "calendar/2027-02/").select_one(".mp-cal__long-span") is not None
    assert (root / "site/calendar/2026-03").exists() is False


def test_within_twelve_years_every_month_has_a_page_and_no_note(site):
    assert page(site, "calendar/2027-03/").select_one(".mp-cal__long-span") is None
