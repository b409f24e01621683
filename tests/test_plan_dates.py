"""Date forms of format.md "Dates": years, ISO weeks, fiscal periods, and relative dates.

Each is checked the way an author meets it: a small site in tmp_path, the
resolved days in the model, and every problem at its exact file:line:col.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from conftest import campaign, clean_site, goal, only, pos, roadmap
from milepost.core.dates import Fiscal, parse
from milepost.core.problems import ERROR
from milepost.core.validate import check
from sitekit import write_tree

LAUNCH = "roadmaps/campaigns/launch.md"
PLAN = "roadmaps/plan.md"


def where(problem) -> str:
    return f"{problem.path}:{problem.line}:{problem.col}"


def at(path: str, text: str, needle: str) -> str:
    line, col = pos(text, needle)
    return f"{path}:{line}:{col}"


def dated(checked, ident: str) -> tuple[date, date]:
    doc = checked.site.by_id[ident]
    return doc.start, doc.end


# --- years, ISO weeks, fiscal periods ----------------------------------------------------


@pytest.mark.parametrize(
    "start, end, days",
    [
        ("2027", "2027", (date(2027, 1, 1), date(2027, 12, 31))),
        ('"2027"', '"2027"', (date(2027, 1, 1), date(2027, 12, 31))),
        ("2027-W05", "2027-W05", (date(2027, 2, 1), date(2027, 2, 7))),
        ("2026-W01", "2026-W53", (date(2025, 12, 29), date(2027, 1, 3))),
        ("FY2027-Q1", "FY2027", (date(2027, 1, 1), date(2027, 12, 31))),
    ],
)
def test_year_week_and_fiscal_forms_resolve_to_days(check_site, start, end, days):
    site = {**clean_site(), "plan.md": roadmap(start="2025-12", end="2027-12")}
    checked = check_site({**site, "campaigns/launch.md": campaign(start=start, end=end)})
    assert checked.errors == []
    assert dated(checked, "c-launch") == days


def test_a_week_that_does_not_exist_is_an_invalid_date(check_site):
    text = campaign(end="2027-W53")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "invalid-date")
    assert where(problem) == at(LAUNCH, text, "2027-W53")
    assert problem.severity == ERROR
    assert problem.message == "'2027-W53' is not a date: 2027 has ISO weeks 01 to 52"


def test_a_milestone_must_still_be_a_day(check_site):
    text = roadmap(milestones="\n  - {title: Kick-off, date: 2026-W05}")
    checked = check_site({**clean_site(), "plan.md": text})
    problem = only(checked.problems, "invalid-date")
    assert where(problem) == at(PLAN, text, "2026-W05")
    assert problem.message == "'date' must be a day such as 2026-01-26, not '2026-W05'"


@pytest.mark.parametrize(
    "fiscal, text, first, last",
    [
        (Fiscal(4), "FY2027-Q1", date(2026, 4, 1), date(2026, 6, 30)),
        (Fiscal(4), "FY2027-Q4", date(2027, 1, 1), date(2027, 3, 31)),
        (Fiscal(4), "FY2027", date(2026, 4, 1), date(2027, 3, 31)),
        (Fiscal(4, "start"), "FY2027", date(2027, 4, 1), date(2028, 3, 31)),
        (Fiscal(7, "start"), "FY2027-Q2", date(2027, 10, 1), date(2027, 12, 31)),
        (Fiscal(10), "FY2027-Q1", date(2026, 10, 1), date(2026, 12, 31)),
        (Fiscal(), "FY2027-Q3", date(2027, 7, 1), date(2027, 9, 30)),
    ],
)
def test_fiscal_periods_follow_the_fiscal_year(fiscal, text, first, last):
    period = parse(text, fiscal)
    assert (period.first, period.last) == (first, last)


def test_fiscal_quarter_of_a_day():
    assert Fiscal(4).quarter_of(date(2026, 4, 1)) == (2027, 1)
    assert Fiscal(4).quarter_of(date(2027, 3, 31)) == (2027, 4)
    assert Fiscal(4, "start").quarter_of(date(2027, 3, 31)) == (2026, 4)
    assert Fiscal().quarter_of(date(2027, 8, 15)) == (2027, 3)


def test_fiscal_year_is_read_with_the_site_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "roadmaps", {**clean_site(), "plan.md": roadmap(start="FY2027", end="FY2027", budget="100000")}, dedent=False)
    plain = check("roadmaps")
    assert dated(plain, "rm-2026") == (date(2027, 1, 1), date(2027, 12, 31))
    april = check("roadmaps", fiscal=Fiscal(4))
    assert dated(april, "rm-2026") == (date(2026, 4, 1), date(2027, 3, 31))


def milepost(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "milepost", *args], cwd=cwd, capture_output=True, text=True)


def test_validate_reads_the_fiscal_year_from_mkdocs_yml(tmp_path):
    """FY2027 with April years is 2026-04-01 to 2027-03-31: the campaign (2026-03) starts before it."""
    write_tree(tmp_path / "roadmaps", {**clean_site(), "plan.md": roadmap(start="FY2027", end="FY2027", budget="100000")}, dedent=False)
    assert milepost("validate", cwd=tmp_path).stdout.endswith("3 documents, 0 errors, 1 warning\n")  # 2026-03 is before FY2027 in calendar years too
    write_tree(tmp_path, {"mkdocs.yml": "docs_dir: roadmaps\nplugins:\n  - milepost:\n      fiscal_year_start: 4\n"})
    result = milepost("validate", cwd=tmp_path)
    assert "roadmaps/campaigns/launch.md:7:8: warning: starts 2026-03-01, before its roadmap 'rm-2026' starts 2026-04-01 [outside-roadmap]" in result.stdout
    write_tree(tmp_path, {"mkdocs.yml": "docs_dir: roadmaps\nplugins:\n  - milepost:\n      fiscal_year_start: 13\n"})
    bad = milepost("validate", cwd=tmp_path)
    assert bad.returncode == 2
    assert "mkdocs.yml: fiscal_year_start must be a month number, 1 to 12, not 13" in bad.stderr


# --- relative dates ------------------------------------------------------------------------


def chain(**launch) -> dict[str, str]:
    """The clean site plus a follow-up campaign; `launch` changes the follow-up."""
    follow = campaign("c-follow", **{"start": "after c-launch + 2w", "end": "+6w", **launch})
    return {**clean_site(), "campaigns/follow.md": follow}


def test_after_is_the_day_after_the_followed_campaign_ends_plus_the_offset(check_site):
    checked = check_site(chain())
    assert checked.problems == []
    follow = checked.site.by_id["c-follow"]
    assert (follow.start, follow.end) == (date(2026, 5, 15), date(2026, 6, 25))  # 2026-04-30 + 1 + 14 days; 42 days long
    assert follow.depends_on == ["c-launch"]
    assert (follow.after.ref, follow.after.days, follow.after.text) == ("c-launch", 14, "after c-launch + 2w")


@pytest.mark.parametrize(
    "start, end, days",
    [
        ("after c-launch", "2026-06-30", (date(2026, 5, 1), date(2026, 6, 30))),
        ("after c-launch + 3d", "+10d", (date(2026, 5, 4), date(2026, 5, 13))),
        ("2026-05-04", "+1w", (date(2026, 5, 4), date(2026, 5, 10))),
    ],
)
def test_relative_forms(check_site, start, end, days):
    checked = check_site(chain(start=start, end=end))
    assert checked.errors == []
    assert dated(checked, "c-follow") == days


def test_relative_dates_chain_in_dependency_order(check_site):
    site = chain()
    site["campaigns/a-third.md"] = campaign("c-third", start="after c-follow", end="+1w")  # sorts before the one it follows
    checked = check_site(site)
    assert checked.problems == []
    assert dated(checked, "c-third") == (date(2026, 6, 26), date(2026, 7, 2))


def test_a_cycle_through_relative_dates_is_a_dependency_cycle(check_site):
    site = chain()
    text = campaign(start="after c-follow", end="+2w")
    site["campaigns/launch.md"] = text
    checked = check_site(site)
    problem = only(checked.problems, "dependency-cycle")  # reported once, in the file that sorts first
    assert where(problem) == at("roadmaps/campaigns/follow.md", site["campaigns/follow.md"], "after c-launch + 2w")
    assert problem.message == "dependency cycle: c-follow → c-launch → c-follow"
    assert [p.code for p in checked.errors] == ["dependency-cycle"]


@pytest.mark.parametrize(
    "fields, needle, message",
    [
        ({"start": "after c-lanch", "end": "+6w"}, "after c-lanch", "'start' follows 'c-lanch', but no campaign has that id (did you mean 'c-launch'?)"),
        (
            {"activities": "\n  - {title: Recap, start: after c-lunch, end: +3d}"}, "{title: Recap",
            "activity 'Recap' starts after 'c-lunch', but no campaign has that id (did you mean 'c-launch'?)",
        ),
    ],
    ids=["a-campaign-points-at-the-start", "an-activity-is-reported-at-the-activity"],
)
def test_following_an_unknown_campaign(check_site, fields, needle, message):
    text = campaign("c-follow", **fields)
    checked = check_site({**clean_site(), "campaigns/follow.md": text})
    problem = only(checked.problems, "unknown-reference")
    assert where(problem) == at("roadmaps/campaigns/follow.md", text, needle)
    assert problem.message == message


def test_following_a_goal_is_a_wrong_kind_reference(check_site):
    text = campaign("c-follow", start="after g-users", end="+6w")
    checked = check_site({**clean_site(), "campaigns/follow.md": text})
    problem = only(checked.problems, "wrong-kind-reference")
    assert problem.message == "'start' follows 'g-users', which is a goal (roadmaps/goals/users.md), not a campaign"


def test_a_declared_dependency_is_not_repeated(check_site):
    checked = check_site(chain(depends_on="[c-launch]"))
    assert checked.problems == []
    assert checked.site.by_id["c-follow"].depends_on == ["c-launch"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("start", "after", "'after' is not a start: write a date, 'after ID' or 'after ID + 2w' (days d or weeks w)"),
        ("start", "after c-launch + 2m", "'after c-launch + 2m' is not a start: write a date, 'after ID' or 'after ID + 2w' (days d or weeks w)"),
        ("start", "after Spring launch", "'after Spring launch' is not a start: write a date, 'after ID' or 'after ID + 2w' (days d or weeks w)"),
        ("start", "after C-Launch", "'C-Launch' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters; for example 'c-launch'"),
        ("end", "+0w", "'+0w' is not an end: write a date or a duration from the start such as +6w or +10d"),
        ("end", "+6 weeks", "'+6 weeks' is not an end: write a date or a duration from the start such as +6w or +10d"),
    ],
)
def test_malformed_relative_dates_say_how_to_write_them(check_site, field, value, message):
    text = campaign("c-follow", **{"start": "after c-launch", "end": "+6w", field: value})
    checked = check_site({**clean_site(), "campaigns/follow.md": text})
    problem = only(checked.problems, "invalid-id" if "valid id" in message else "invalid-date")
    assert where(problem) == at("roadmaps/campaigns/follow.md", text, value)
    assert problem.message == message


def test_a_roadmap_period_cannot_be_relative(check_site):
    text = roadmap(end="+6w")
    checked = check_site({**clean_site(), "plan.md": text})
    problem = only(checked.problems, "invalid-date")
    assert where(problem) == at(PLAN, text, "+6w")
    assert problem.message.endswith("; only a campaign's or activity's start and end can be relative")


def test_rules_see_resolved_dates(check_site):
    """Resolved before every other rule: the follow-up ends after its roadmap, and says so with days."""
    text = campaign("c-follow", start="after c-launch + 30w", end="+6w")
    checked = check_site({**clean_site(), "campaigns/follow.md": text})
    problem = only(checked.problems, "outside-roadmap")
    assert where(problem) == at("roadmaps/campaigns/follow.md", text, "+6w")
    assert problem.message == "ends 2027-01-07, after its roadmap 'rm-2026' ends 2026-12-31"  # starts 2026-11-27


def test_activities_follow_campaigns_and_last_durations(check_site):
    activities = "\n  - {title: Recap mailing, start: after c-launch + 1w, end: +3d}\n  - {title: Survey, start: 2026-03-02, end: +2w}"
    checked = check_site({**clean_site(), "campaigns/follow.md": campaign("c-follow", start="2026-03-01", end="2026-06-30", activities=activities)})
    assert checked.problems == []
    recap, survey = checked.site.by_id["c-follow"].activities
    assert (recap.start, recap.end) == (date(2026, 5, 8), date(2026, 5, 10))
    assert (survey.start, survey.end) == (date(2026, 3, 2), date(2026, 3, 15))
    assert checked.site.by_id["c-follow"].depends_on == []  # an activity's wait is not the campaign's dependency


@pytest.mark.parametrize("span", ["+999999w", "+10000w"])  # past Python's calendar, and past 2199 only
def test_a_relative_date_past_the_calendar_is_an_error_not_a_crash(check_site, span):
    text = campaign("c-follow", start="after c-launch", end=span)
    checked = check_site({**clean_site(), "campaigns/follow.md": text})
    problem = only(checked.problems, "invalid-date")
    assert where(problem) == at("roadmaps/campaigns/follow.md", text, span)
    assert problem.message == f"'{span}' falls after the years a roadmap date may fall in (1900 to 2199)"


def test_shared_documents_are_not_changed_by_resolution(check_site):
    """The parse cache and both sides of a diff share documents read from the same bytes."""
    from milepost.core.load import load
    from milepost.core.validate import settle

    check_site(chain())
    loaded = load("roadmaps")
    follow = next(doc for doc in loaded.documents if doc.id == "c-follow")
    site, _ = settle(loaded.documents)
    assert site.by_id["c-follow"].start == date(2026, 5, 15)
    assert follow.start is None and follow.after.ref == "c-launch"


def test_the_schema_knows_the_new_date_forms():
    from jsonschema import Draft202012Validator

    from milepost.core.schema import json_schema

    validator = Draft202012Validator(json_schema())
    base = {"kind": "campaign", "id": "c", "title": "C", "owner": "Ana", "roadmap": "r"}

    def errors(**dates) -> list[str]:
        return [e.message for e in validator.iter_errors({**base, **dates})]

    for start, end in [(2027, 2027), ("2027-W05", "2027-W52"), ("FY2027-Q1", "FY2027"), ("after spring-launch + 2w", "+6w"), ("after spring-launch", "+10d")]:
        assert errors(start=start, end=end) == [], (start, end)
    assert errors(start="2027-W54", end="2027") != []
    assert errors(start="after Spring launch", end="2027") != []
    assert errors(start="2027-01", end="+0w") != []
    roadmap = {"kind": "roadmap", "id": "r", "title": "R", "owner": "Ana", "type": "campaign", "start": "2027", "end": "+6w"}
    assert [e.message for e in validator.iter_errors(roadmap)] != []  # only campaigns and activities are relative
