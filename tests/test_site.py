"""The published site, built for real by `mkdocs build` with Material, read back as HTML."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import icalendar
import pytest

from fixtures import DOCS
from sitekit import build, built, make_site, page, resolve


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root, result = built(tmp_path_factory.mktemp("site"), DOCS, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def facts(soup) -> dict[str, str]:
    """The summary card's facts, label -> text."""
    return {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in soup.select(".mp-facts > div")}


def test_goal_page_links_every_contributing_campaign_and_roadmap(site):
    soup = page(site, "goals/users/")
    links = {resolve("goals/users/", a["href"]) for a in soup.select("#served-by ~ * a, #served-by ~ div a")}
    assert {"q1/spring/", "q1/teaser/", "q1/"} <= links
    assert "q1/wechat/" not in links  # serves the child goal, not this one
    china = page(site, "goals/china-users/")
    china_links = {resolve("goals/china-users/", a["href"]) for a in china.select(".mp-table a")}
    assert {"q1/spring/", "q1/wechat/"} <= china_links


def test_goal_summary_shows_progress_deadline_and_hierarchy(site):
    soup = page(site, "goals/users/")
    card = facts(soup)
    assert "Baseline 10,000" in card["Progress"] and "Current 20,000" in card["Progress"] and "Target 50,000 users" in card["Progress"]
    assert "25%" in card["Progress"]  # (20000-10000)/(50000-10000)
    assert soup.select_one(".mp-progress")["aria-valuenow"] == "25.0"
    assert "Sep 30, 2027" in card["Deadline"] and "227 days left" in card["Deadline"]  # today is 2027-02-15
    assert "中国新用户" in card["Sub-goals"]
    assert "€45,000" in card["Budget allocated"]  # spring 40,000 + teaser 5,000 (EUR only)
    assert "Growth team" == card["Owner"]


def test_campaign_summary_values(site):
    soup = page(site, "q1/spring/")
    card = facts(soup)
    assert card["Owner"] == "Marta Rossi"
    assert "at risk" in card["Status"]
    assert "Feb 1, 2027 – Mar 15, 2027" in card["Dates"] and "(43 days)" in card["Dates"]
    assert "€40,000" in card["Budget"] and "Spent €10,000" in card["Budget"] and "Remaining €30,000" in card["Budget"]
    assert card["Roadmap"] == "Q1 growth"
    assert "Teaser « avant-première »" in card["Depends on"]
    assert "40%" in card["Progress"]
    # the author's prose follows the summary, the details follow the prose
    text = soup.select_one("article").get_text(" ", strip=True)
    assert text.index("Owner") < text.index("The story of the spring launch") < text.index("Work breakdown")


def test_dependents_are_linked_back(site):
    card = facts(page(site, "q1/teaser/"))
    assert card["Needed by"] == "Spring launch"


def test_kpi_alerts_are_unmistakable(site):
    soup = page(site, "q1/spring/")
    rows = soup.select(".mp-kpis tbody tr")
    by_metric = {row.select("td")[0].get_text(strip=True): row for row in rows}
    assert by_metric["signups"]["data-alert"] == "true" and "mp-kpi--alert" in by_metric["signups"]["class"]
    assert "In alert" in by_metric["signups"].get_text()
    assert by_metric["CTR"]["data-alert"] == "false" and "In alert" not in by_metric["CTR"].get_text()
    # also surfaced on the roadmap page and the home page
    assert "signups" in page(site, "q1/").select_one(".mp-kpis").get_text()
    assert "signups" in page(site, "").select_one(".mp-kpis").get_text()


def test_risks_milestones_activities_on_campaign_page(site):
    soup = page(site, "q1/spring/")
    risk = soup.select_one(".mp-risks tbody tr").get_text(" ", strip=True)
    assert "Agency late" in risk and "medium" in risk and "high" in risk and "Reuse autumn assets" in risk
    assert "Go live" in soup.select_one(".mp-milestones").get_text()
    sub = soup.select_one(".mp-subbar")
    assert (sub["data-start"], sub["data-end"]) == ("2027-02-01", "2027-02-10")


def test_roadmap_page_budget_table_and_timeline(site):
    soup = page(site, "q1/")
    footer = soup.select(".mp-budget tfoot tr")
    totals = {row.th.get_text(" ", strip=True).split(")")[0] + ")": row.select("td")[0].get_text(strip=True) for row in footer}
    assert totals == {"Total (CNY)": "CN¥120,000", "Total (EUR)": "€45,000"}
    bars = {bar["data-id"]: bar for bar in soup.select(".mp-timeline .mp-bar")}
    assert set(bars) == {"spring", "teaser", "wechat"}
    assert (bars["spring"]["data-start"], bars["spring"]["data-end"]) == ("2027-02-01", "2027-03-15")
    assert resolve("q1/", bars["spring"]["href"]) == "q1/spring/"
    markers = [m.get_text(strip=True) for m in soup.select(".mp-marker")]
    assert markers == ["◆ Kick-off", "◆ Mid-quarter review"]


def test_site_timeline_has_every_campaign_with_contract_attributes(site):
    soup = page(site, "timeline/")
    bars = soup.select("[data-id]")
    assert sorted(b["data-id"] for b in bars) == ["spring", "teaser", "wechat"]
    for bar in bars:
        assert bar.name == "a" and resolve("timeline/", bar["href"]) == f"q1/{bar['data-id']}/"
    teaser = soup.select_one('[data-id="teaser"]')
    assert (teaser["data-start"], teaser["data-end"]) == ("2027-01-01", "2027-01-31")
    assert soup.select_one(".mp-today")["data-date"] == "2027-02-15"


def test_home_page_overview(site):
    soup = page(site, "")
    running = soup.select_one("#running-now + div").get_text(" ", strip=True)
    assert "Spring launch" in running and "微信春节活动" in running and "Teaser" not in running  # teaser is done
    upcoming = soup.select_one("#next-milestones + ul").get_text(" ", strip=True)
    assert "Go live" in upcoming and "Mid-quarter review" in upcoming and "Kick-off" not in upcoming
    attention = soup.select_one("#attention + div").get_text(" ", strip=True)
    assert "Spring launch" in attention and "微信" not in attention
    exports = {a["href"] for a in soup.select(".mp-exports a")}
    assert exports == {"roadmap.json", "calendar.ics", "plan.csv"}


def group_rows(soup) -> dict[str, list[str]]:
    """An index of owners, channels or teams: name -> the row's cells."""
    return {row.td.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.select("td")[1:]] for row in soup.select(".mp-groups tbody tr")}


def test_home_lists_stop_at_twenty_campaigns_ending_first(tmp_path):
    docs = dict(DOCS)
    for n in range(25):  # 25 more campaigns running on 2027-02-15, ending one day apart
        docs[f"q1/run{n:02d}.md"] = DOCS["q1/teaser.md"].replace("id: teaser", f"id: run{n:02d}").replace("title: Teaser « avant-première »", f"title: Run {n:02d}").replace("start: 2027-01", "start: 2027-02-01").replace("end: 2027-01", f"end: 2027-03-{n + 2:02d}").replace("status: done", "status: at-risk").replace("budget: 5000", "budget: 1")
    root = make_site(tmp_path, docs)
    assert build(root, "--strict").returncode == 0
    soup = page(root, "")
    running = [a.get_text() for a in soup.select("#running-now + div td:first-child a")]
    assert len(running) == 20 and running[:3] == ["微信春节活动", "Run 00", "Run 01"]  # wechat ends 2027-02-28
    more = soup.select_one("#running-now ~ .mp-more").get_text(" ", strip=True)
    assert more.startswith("… and 7 more") and resolve("", soup.select_one("#running-now ~ .mp-more a")["href"]) == "owners/"
    assert len(soup.select("#attention + div tbody tr")) == 20  # spring and the 25 runs are at risk


def test_owner_pages_show_weekly_load(tmp_path):
    docs = dict(DOCS)
    for n in range(3):  # four campaigns of Marta's overlapping in one week: over the default of 3
        docs[f"q1/extra{n}.md"] = DOCS["q1/teaser.md"].replace("id: teaser", f"id: extra{n}").replace("Luca Bianchi", "Marta Rossi").replace("start: 2027-01", "start: 2027-02").replace("end: 2027-01", "end: 2027-02").replace("status: done", "status: planned").replace("budget: 5000", "budget: 1")
    root, result = built(tmp_path, docs, "--strict")
    assert result.returncode == 0
    # campaigns and group pages are left out of the generated nav on purpose: MkDocs is not told to list them
    assert "not included in the" not in result.stderr
    index = page(root, "owners/")
    rows = group_rows(index)
    # campaigns, running on 2027-02-15, needing attention (spring is at risk), most in one week
    assert rows["Marta Rossi"] == ["4", "4", "1", "4 ⚠ overloaded", "1 roadmaps"]  # and what else they own
    assert rows["Luca Bianchi"] == ["1", "0", "0", "1", ""]
    links = {a.get_text(): resolve("owners/", a["href"]) for a in index.select(".mp-groups a")}
    assert links["Marta Rossi"] == "owners/marta-rossi/" and links["李娜"] == "owners/%E6%9D%8E%E5%A8%9C/"  # 李娜, percent-encoded
    assert [a.get_text() for a in page(root, "owners/李娜/").select(".mp-table td:first-child a")] == ["微信春节活动"]
    marta = page(root, "owners/marta-rossi/")
    assert marta.select_one("h1").get_text() == "Marta Rossi"
    counts = [int(w["data-count"]) for w in marta.select(".mp-load__week")]
    assert max(counts) == 4 and marta.select(".mp-load__week--over")
    assert "overloaded" in marta.select_one(".mp-load__title").get_text()
    assert sorted(a["href"] for a in marta.select(".mp-table td:first-child a")) == ["../../q1/extra0/", "../../q1/extra1/", "../../q1/extra2/", "../../q1/spring/"]
    luca = page(root, "owners/luca-bianchi/")
    assert luca.select(".mp-load__week") and not luca.select(".mp-load__week--over")


def test_channel_and_team_pages(site):
    channels = page(site, "channels/")
    assert {name: cells[0] for name, cells in group_rows(channels).items()} == {"email": "1", "social": "2", "wechat": "1"}
    social = page(site, resolve("channels/", channels.select_one('.mp-groups a[href*="social"]')["href"]))
    assert {a.get_text() for a in social.select(".mp-table td:first-child a")} == {"Teaser « avant-première »", "Spring launch"}
    assert social.select_one("h1").get_text() == "social"
    teams = page(site, "teams/")
    assert list(group_rows(teams)) == ["china", "design", "web"]
    assert [a.get_text() for a in page(site, "teams/china/").select(".mp-table td:first-child a")] == ["微信春节活动"]


def test_group_names_are_text_and_get_distinct_pages(tmp_path):
    """Names come from roadmap files: a name with markup, two that differ only in case, one in Chinese."""
    docs = dict(DOCS)
    docs["q1/teaser.md"] = DOCS["q1/teaser.md"].replace("owner: Luca Bianchi", "owner: '<b>Ann</b> & *Co*'").replace("channels: [social]", "channels: [Email, email]")
    root = make_site(tmp_path, docs)
    assert build(root, "--strict").returncode == 0
    owners = page(root, "owners/")
    link = owners.find("a", string="<b>Ann</b> & *Co*")
    assert link is not None and resolve("owners/", link["href"]) == "owners/b-ann-b-co/"
    ann = page(root, "owners/b-ann-b-co/")
    assert ann.select_one("h1").get_text() == "<b>Ann</b> & *Co*" and ann.title.get_text().startswith("<b>Ann</b> & *Co*")
    assert not ann.select("article b")
    channels = page(root, "channels/")
    hrefs = {a.get_text(): resolve("channels/", a["href"]) for a in channels.select(".mp-groups a")}
    assert hrefs["Email"] == "channels/email/" and hrefs["email"] == "channels/email-2/"
    assert [a.get_text() for a in page(root, "channels/email/").select(".mp-table td:first-child a")] == ["Teaser « avant-première »"]


def test_site_timeline_draws_roadmaps_above_the_limit(tmp_path):
    """Past `timeline_campaigns`, timeline/ has one bar per roadmap, linking to the roadmap's own timeline."""
    docs = {**DOCS, "q2/index.md": DOCS["q1/index.md"].replace("id: q1", "id: q2").replace("type: campaign", "type: event").replace("2027-Q1", "2027-Q2")}
    root, result = built(tmp_path, docs, "--strict", extra="      timeline_campaigns: 2\n")
    assert result.returncode == 0, result.stderr
    soup = page(root, "timeline/")
    bars = {bar["data-id"]: bar for bar in soup.select(".mp-timeline .mp-bar")}
    assert set(bars) == {"q1", "q2"}
    q1 = bars["q1"]
    assert "mp-bar--roadmap" in q1["class"] and resolve("timeline/", q1["href"]) == "q1/"
    assert (q1["data-start"], q1["data-end"]) == ("2027-01-01", "2027-03-31")
    assert set(q1["data-channels"].split("|")) == {"social", "email", "wechat"}
    tip = q1.select_one(".mp-tip").get_text(" ", strip=True)
    assert "Campaigns: 3" in tip and "done 33%" in tip
    assert "mp-bar--risk" in q1["class"]  # spring is at risk
    assert [label.get_text(strip=True) for label in soup.select(".mp-lane__label")] == ["campaign", "event"]
    assert "3 campaigns are too many to draw one by one" in soup.select_one(".mp-note").get_text()
    assert soup.select_one(".mp-toolbar")["data-mp-shown"] == "{shown} of {total} roadmaps"
    # the roadmap's own page still draws each campaign
    assert {b["data-id"] for b in page(root, "q1/").select(".mp-timeline .mp-bar")} == {"spring", "teaser", "wechat"}


def test_navigation_when_mkdocs_yml_has_none(site):
    soup = page(site, "q1/spring/")
    nav = [a.get_text(" ", strip=True) for a in soup.select(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link, .md-nav--primary > .md-nav__list > .md-nav__item > label.md-nav__link")]
    assert nav[:7] == ["Overview", "Goals", "Roadmaps", "Timeline", "By owner", "By channel", "By team"]
    assert "About" in soup.select_one(".md-nav--primary").get_text()
    # the page of each owner, channel, team and month is reached from its index, not from the sidebar
    sidebar = {a["href"] for a in soup.select(".md-nav--primary a[href]")}
    assert not {href for href in sidebar if re.search(r"(owners|channels|teams|calendar)/[^/]+/$", href)}


def test_hostile_title_is_text_on_every_page(site):
    hostile = "<script>alert('xss')</script>"
    pages = list((site / "site").rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        assert hostile not in path.read_text(encoding="utf-8"), path
    soup = page(site, "goals/users/")
    assert soup.title.get_text().startswith("50k users <script>")  # shown as text in <title>
    assert soup.select_one("h1").get_text() == "50k users <script>alert('xss')</script>"
    assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")]


def test_search_indexes_generated_content(site):
    index = json.loads((site / "site/search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Agency late" in text and "Reuse autumn assets" in text


def test_roadmap_json_matches_the_contract(site):
    data = json.loads((site / "site/roadmap.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert [g["id"] for g in data["goals"]] == ["china-users", "users"]
    assert [r["id"] for r in data["roadmaps"]] == ["q1"]
    assert sorted(c["id"] for c in data["campaigns"]) == ["spring", "teaser", "wechat"]
    spring = next(c for c in data["campaigns"] if c["id"] == "spring")
    assert spring["url"] == "q1/spring/" and spring["source"] == "q1/spring.md"
    assert (spring["start"], spring["end"]) == ("2027-02-01", "2027-03-15")
    assert spring["budget"] == {"amount": 40000, "currency": "EUR", "spent": 10000, "lines": []}  # lines: the budget lines, none here
    assert spring["kpis"][0]["in_alert"] is True and spring["kpis"][0]["alert_below"] == 300
    assert spring["depends_on"] == ["teaser"] and spring["status"] == "at-risk"
    users = next(g for g in data["goals"] if g["id"] == "users")
    assert users["campaigns"] == ["spring", "teaser"] and users["roadmaps"] == ["q1"]
    assert users["deadline"] == "2027-09-30" and users["title"] == "50k users <script>alert('xss')</script>"
    china = next(g for g in data["goals"] if g["id"] == "china-users")
    assert china["deadline"] == "2027-09-30" and china["parent"] == "users"


def test_calendar_ics_parses_with_stable_uids(site):
    raw = (site / "site/calendar.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 3 + 3  # campaigns + milestones (roadmap 2, spring 1)
    spring = events["Spring launch"]
    assert spring["dtstart"].dt.isoformat() == "2027-02-01" and spring["dtend"].dt.isoformat() == "2027-03-16"
    assert spring["dtstart"].params["VALUE"] == "DATE"
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert "◆ Go live — Spring launch" in events


def test_calendar_uid_survives_a_moved_milestone(tmp_path):
    from milepost.site.export import to_ics
    from milepost.core.model import Milestone, Roadmap, Site

    def uids(day):
        roadmap = Roadmap(kind="roadmap", id="r", title="R", milestones=[Milestone(title="Launch", date=day)])
        calendar = icalendar.Calendar.from_ical(to_ics(Site([roadmap]), day, "x", lambda s: s))
        return [str(e["uid"]) for e in calendar.walk("VEVENT")]

    from datetime import date

    assert uids(date(2027, 1, 1)) == uids(date(2027, 3, 1))


def test_plan_csv_one_row_per_campaign(site):
    raw = (site / "site/plan.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["campaign"] for r in rows] == ["spring", "teaser", "wechat"]
    wechat = rows[2]
    assert wechat["title"] == "微信春节活动" and wechat["owner"] == "李娜" and wechat["budget"] == "120000" and wechat["currency"] == "CNY"
    spring = rows[0]
    assert spring["goals"] == "users; china-users" and spring["risks"] == "Agency late" and spring["contingencies"] == "Reuse autumn assets"
    assert "signups: 100/1000 users (ALERT)" in spring["kpis"] and spring["roadmap"] == "q1"


def test_body_is_published_whole_whatever_its_first_lines(tmp_path):
    """MkDocs would take `Key: value` first lines for MultiMarkdown metadata, and a second
    `---` block for front matter; the plugin hands MkDocs the body it read itself."""
    docs = dict(DOCS)
    docs["q1/spring.md"] = DOCS["q1/spring.md"].replace("The story of the spring launch.", "Budget owner: Marta\nReview: weekly\n\nThe story.")
    docs["q1/teaser.md"] = DOCS["q1/teaser.md"] + "---\ntitle: not front matter\n---\nAfter the rule.\n"
    root = make_site(tmp_path, docs)
    assert build(root, "--strict").returncode == 0
    spring = " ".join(page(root, "q1/spring/").select_one("article").get_text(" ").split())
    assert "Budget owner: Marta Review: weekly" in spring and "The story." in spring
    teaser = page(root, "q1/teaser/")
    assert teaser.select_one("h1").get_text() == "Teaser « avant-première »"
    assert "title: not front matter" in teaser.select_one("article").get_text() and "After the rule." in teaser.select_one("article").get_text()


def test_two_builds_are_identical_and_docs_dir_untouched(tmp_path):
    root = make_site(tmp_path, DOCS)

    def digest(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}

    before = digest(root / "docs")
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    assert build(root, env=env).returncode == 0
    first = digest(root / "site")
    shutil.rmtree(root / "site")
    assert build(root, env=env).returncode == 0
    assert digest(root / "site") == first
    assert digest(root / "docs") == before


def test_errors_abort_the_build_with_every_message(tmp_path):
    docs = dict(DOCS)
    docs["q1/spring.md"] = DOCS["q1/spring.md"].replace("owner: Marta Rossi", "ownr: Marta Rossi").replace("start: 2027-02", "start: 2027-02-30")
    root, result = built(tmp_path, docs)
    assert result.returncode == 1
    assert "docs/q1/spring.md:5:1: error: unknown key 'ownr' in a campaign (did you mean 'owner'?) [unknown-key]" in result.stderr
    assert "docs/q1/spring.md:7:8: error: '2027-02-30' is not a date" in result.stderr
    assert not (root / "site/q1/spring/index.html").exists()


def test_broken_yaml_fails_even_though_mkdocs_would_swallow_it(tmp_path):
    root, result = built(tmp_path, {**DOCS, "q1/teaser.md": "---\nkind: campaign\nid: [teaser\n---\n"}, "--strict")
    assert result.returncode == 1 and "docs/q1/teaser.md:3:" in result.stderr and "[yaml-syntax]" in result.stderr


def test_warnings_fail_only_strict_builds(tmp_path):
    docs = {**DOCS, "q1/spring.md": DOCS["q1/spring.md"].replace("contingency: Reuse autumn assets, ", "")}
    root, relaxed = built(tmp_path, docs)
    assert relaxed.returncode == 0 and "[risk-without-contingency]" in relaxed.stderr
    strict = build(root, "--strict")
    assert strict.returncode == 1 and "risk 'Agency late' has no contingency" in strict.stderr


def test_user_page_wins_over_generated_and_nav_keeps_generated_pages_reachable(tmp_path):
    docs = {**DOCS, "index.md": "# Our marketing plans\n\nSee the [timeline](timeline/index.md).\n"}
    root, result = built(tmp_path, docs, extra="nav:\n  - index.md\n  - q1/index.md\n")
    assert result.returncode == 0, result.stderr
    home = page(root, "")
    assert home.h1.get_text() == "Our marketing plans" and not home.select(".mp-home")
    assert page(root, "timeline/").select("[data-id]")  # generated, though not in the user's nav
    assert resolve("", home.select_one("article a")["href"]) == "timeline/"


@pytest.mark.parametrize(
    ("language", "labels", "date_text", "money"),
    [
        ("fr", ["Responsable", "Statut", "Dates"], "1 févr. 2027", "40 000 €"),
        ("it", ["Responsabile", "Stato", "Date"], "1 feb 2027", "40.000 €"),
        ("zh", ["负责人", "状态", "日期"], "2027年2月1日", "€40,000"),
    ],
)
def test_labels_dates_and_numbers_follow_the_theme_language(tmp_path, language, labels, date_text, money):
    root = make_site(tmp_path, DOCS, language=language)
    assert build(root).returncode == 0
    card = facts(page(root, "q1/spring/"))
    for label in labels:
        assert label in card
    assert date_text in card[labels[2]]
    budget_label = {"fr": "Budget", "it": "Budget", "zh": "预算"}[language]
    assert money in card[budget_label].replace("\u202f", " ").replace("\xa0", " ")
