"""The execution-plan additions as readers see them in a built site: relative dates as written,
the progress log, budget lines, retrospectives and the lessons page, fiscal quarters on the
timeline, and the same data in roadmap.json and plan.csv."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitekit import build, built, make_site, page

DOCS = {
    "goal.md": """\
        ---
        kind: goal
        id: signups
        title: Sign-ups 2027
        owner: Growth
        metric: sign-ups
        target: 1000
        deadline: 2027-12
        ---
        """,
    "plan/index.md": """\
        ---
        kind: roadmap
        id: plan
        title: Plan FY2027
        owner: Marta
        type: campaign
        start: FY2027
        end: FY2027
        goals: [signups]
        budget: {amount: 100000, currency: EUR}
        retrospective:
          date: 2027-06-30
          process: Weekly reviews kept the plan honest
        ---
        """,
    "plan/teaser.md": """\
        ---
        kind: campaign
        id: teaser
        title: Spring teaser
        owner: Ana
        roadmap: plan
        start: 2026-09-01
        end: 2026-09-30
        goals: [signups]
        channels: [social]
        status: done
        retrospective:
          date: 2026-10-05
          result: 80 % of the sign-up target
          strategy: Start the KOL seeding earlier
        budget:
          amount: 20000
          lines:
            - {item: KOL fees, amount: 12000, spent: 11000, channel: social}
        ---
        """,
    "plan/launch.md": """\
        ---
        kind: campaign
        id: launch
        title: Launch
        owner: Ben
        roadmap: plan
        start: after teaser + 2w
        end: +6w
        goals: [signups]
        channels: [email, social]
        budget:
          amount: 30000
          spent: 5000
          lines:
            - {item: KOL fees, amount: 8000, spent: 2000, channel: social}
            - {item: Media, amount: 15000}
        updates:
          - {date: 2026-10-19, text: Brief signed off, progress: 10}
          - {date: 2026-11-02, text: "Landing page <live>", progress: 40}
          - {date: 2026-10-26, text: Assets in review}
        ---
        """,
    "plan/old.md": """\
        ---
        kind: campaign
        id: old-promo
        title: Old promo
        owner: Ana
        roadmap: plan
        start: 2026-07
        end: 2026-08
        goals: [signups]
        status: done
        ---
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root, result = built(tmp_path_factory.mktemp("plan"), DOCS, "--strict", today="2026-11-05", extra="      fiscal_year_start: 7\n")
    assert result.returncode == 0, result.stderr
    return root


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def flat(node) -> str:
    """The text as a reader sees it, inline elements run together."""
    return " ".join(node.get_text().split())


def test_relative_dates_show_resolved_and_as_written(site):
    launch = page(site, "plan/launch/")
    facts = text(launch.select_one(".mp-facts") or launch.select_one("dl"))
    assert "Oct 15, 2026 – Nov 25, 2026 (42 days)" in facts  # teaser ends 30 Sep: + 1 day + 2 weeks
    assert [flat(w) for w in launch.select(".mp-written")] == ["after Spring teaser + 2 weeks", "for 6 weeks"]
    assert launch.select_one(".mp-written a")["href"] == "../teaser/"
    bar = page(site, "plan/").select_one('.mp-bar[data-id="launch"]')
    assert (bar["data-start"], bar["data-end"], bar["data-depends-on"]) == ("2026-10-15", "2026-11-25", "teaser")


def test_the_progress_log_is_newest_first_and_the_latest_update_is_in_lists_and_tooltips(site):
    launch = page(site, "plan/launch/")
    assert [li["data-update"] for li in launch.select(".mp-updates li")] == ["2026-11-02", "2026-10-26", "2026-10-19"]
    assert text(launch.select_one(".mp-updates li")) == "Nov 2, 2026 Landing page <live> · 40%"
    row = next(tr for tr in page(site, "owners/ben/").select("tbody tr") if "Launch" in text(tr))
    assert flat(row.select_one(".mp-latest")) == "Nov 2, 2026: Landing page <live> · 40%"
    tip = page(site, "timeline/").select_one('.mp-bar[data-id="launch"] .mp-tip__update')
    assert flat(tip) == "Nov 2, 2026: Landing page <live>"
    assert "<live>" not in str(tip).replace("&lt;live&gt;", "")  # escaped, not markup


def test_budget_lines_under_the_budget_and_summed_for_the_roadmap(site):
    rows = [[text(td) for td in tr.select("td, th")] for tr in page(site, "plan/launch/").select(".mp-budget-lines tr")]
    assert rows == [
        ["Item", "Channel", "Budget", "Spent"],
        ["KOL fees", "social", "€8,000", "€2,000"],
        ["Media", "", "€15,000", ""],
        ["not in any line", "€7,000", ""],
        ["Total", "€30,000", "€5,000"],
    ]
    summed = [[flat(td) for td in tr.select("td")] for tr in page(site, "plan/").select(".mp-budget-lines tbody tr")]
    assert summed == [["KOL fees", "Launch, Spring teaser", "€20,000", "€13,000"], ["Media", "Launch", "€15,000", ""]]


def test_retrospectives_have_their_section_and_the_lessons_page(site):
    teaser = page(site, "plan/teaser/")
    retro = teaser.select_one("#retrospective").find_next(class_="mp-retrospective")
    assert [text(d) for d in retro.select("dt")] == ["Result", "Strategy"]
    assert text(retro.select_one(".mp-retrospective__result dd")) == "80 % of the sign-up target"
    assert "Weekly reviews kept the plan honest" in text(page(site, "plan/").select_one(".mp-retrospective"))
    lessons = page(site, "lessons/")
    cards = lessons.select(".mp-lesson")
    assert [(c["id"], c["data-channel"], c["data-goal"], c["data-owner"]) for c in cards] == [
        ("lesson-plan", "", "signups", "Marta"),  # 30 June 2027, the newest
        ("lesson-teaser", "social", "signups", "Ana"),
    ]
    form = lessons.select_one("form[data-mp-filter]")
    assert {s["name"]: [o["value"] for o in s.select("option")] for s in form.select("select")} == {
        "channel": ["", "social"],
        "goal": ["", "signups"],
        "owner": ["", "Ana", "Marta"],
    }
    index = json.loads((site / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("lessons/") and "Start the KOL seeding earlier" in doc["text"] for doc in index["docs"])


def test_done_campaigns_without_a_retrospective_need_attention_on_the_home_page(site):
    home = page(site, "")
    owed = home.select_one("#needs-retrospective").find_next("table")
    assert [text(a) for a in owed.select("tbody td:first-child a")] == ["Old promo"]


def test_fiscal_quarters_label_the_timeline(site):
    ticks = [text(t) for t in page(site, "plan/").select(".mp-axis--major .mp-tick")]
    assert ticks == ["FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4"]  # July 2026 to June 2027


def test_exports_carry_the_plan_fields(site):
    raw = (site / "site/roadmap.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    launch = next(c for c in data["campaigns"] if c["id"] == "launch")
    assert (launch["start"], launch["end"], launch["depends_on"]) == ("2026-10-15", "2026-11-25", ["teaser"])
    assert launch["written"] == {"start": "after teaser + 2w", "end": "+6w"}
    assert launch["latest_update"] == {"date": "2026-11-02", "text": "Landing page <live>", "progress": 40}
    assert [u["date"] for u in launch["updates"]] == ["2026-10-19", "2026-11-02", "2026-10-26"]  # as written
    assert launch["budget"]["lines"] == [
        {"item": "KOL fees", "amount": 8000, "spent": 2000, "channel": "social"},
        {"item": "Media", "amount": 15000, "spent": None, "channel": None},
    ]
    teaser = next(c for c in data["campaigns"] if c["id"] == "teaser")
    assert teaser["retrospective"] == {"date": "2026-10-05", "result": "80 % of the sign-up target", "process": None, "strategy": "Start the KOL seeding earlier"}
    plan = next(r for r in data["roadmaps"] if r["id"] == "plan")
    assert (plan["start"], plan["end"]) == ("2026-07-01", "2027-06-30")
    rows = {row["campaign"]: row for row in csv.DictReader(io.StringIO((site / "site/plan.csv").read_bytes().decode("utf-8-sig")))}
    assert (rows["launch"]["start"], rows["launch"]["end"]) == ("2026-10-15", "2026-11-25")
    assert rows["launch"]["budget_lines"] == "KOL fees: 8000/2000 (social); Media: 15000"
    assert (rows["launch"]["latest_update_date"], rows["launch"]["latest_update"]) == ("2026-11-02", "Landing page <live>")
    assert rows["old-promo"]["latest_update"] == "" and rows["old-promo"]["budget_lines"] == ""


def quarter_lists(soup) -> dict[str, list[str]]:
    """The home page's "this quarter" lists: heading id -> the campaign titles listed."""
    return {h: [text(a) for a in soup.select(f"#{h} + div td:first-child a")] for h in ("running-quarter", "starting-quarter", "ending-quarter")}


def test_this_quarter_on_the_home_page_is_the_fiscal_quarter(site):
    home = page(site, "")
    assert text(home.select_one("#this-quarter")) == "This quarter: FY2027 Q2"  # a July fiscal year: October to December 2026
    assert text(home.select_one("#this-quarter + p")).startswith("Oct 1, 2026 – Dec 31, 2026")


def test_a_fiscal_quarter_across_calendar_quarters_lists_its_own_campaigns(tmp_path):
    # from November, named by its start: FY2026 Q1 is November 2026 to January 2027, so Launch
    # (15 October to 25 November) runs and ends in it but does not start in it, as it would in Q4
    root = make_site(tmp_path, DOCS, today="2026-11-05", extra="      fiscal_year_start: 11\n      fiscal_year_named_by: start\n")
    assert build(root).returncode == 0  # not strict: the roadmap's FY2027 now starts in November 2027
    home = page(root, "")
    assert text(home.select_one("#this-quarter")) == "This quarter: FY2026 Q1"
    assert text(home.select_one("#this-quarter + p")).startswith("Nov 1, 2026 – Jan 31, 2027")
    assert quarter_lists(home) == {"running-quarter": ["Launch"], "starting-quarter": [], "ending-quarter": ["Launch"]}


def test_without_a_fiscal_year_this_quarter_is_the_calendar_quarter(tmp_path):
    root = make_site(tmp_path, DOCS, today="2026-11-05")
    assert build(root).returncode == 0  # not strict: the roadmap's FY2027 is now the calendar year 2027
    home = page(root, "")
    assert text(home.select_one("#this-quarter")) == "This quarter: Q4 2026"
    assert quarter_lists(home) == {"running-quarter": ["Launch"], "starting-quarter": ["Launch"], "ending-quarter": ["Launch"]}
