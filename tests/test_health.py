"""Goal health as the contract defines it ("Goal health" in the format), and where readers see it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import campaign, goal, roadmap
from milepost.core.model import Campaign, Goal, Roadmap, Site
from milepost.site.health import assess, of_site, starts
from sitekit import build, make_site, page

START, DEADLINE = date(2027, 1, 1), date(2027, 12, 31)  # 364 days: E at 2027-07-02 is 0.5


def g(current=None, *, baseline=0.0, target=100.0, **fields) -> Goal:
    return Goal(kind="goal", id="g", title="G", metric="m", target=target, baseline=baseline, current=current, deadline=DEADLINE, **fields)


@pytest.mark.parametrize(
    ("current", "today", "state"),
    [
        (100, date(2027, 3, 1), "achieved"),  # P >= 1, whatever the date
        (120, date(2028, 3, 1), "achieved"),
        (99, date(2028, 1, 1), "missed"),  # after the deadline, short of the target
        (None, date(2028, 1, 1), "no-data"),  # no current: missed needs a P
        (None, date(2027, 7, 2), "no-data"),
        (45, date(2027, 7, 2), "on-track"),  # E = 0.5: 0.45 >= 0.5 - 0.05
        (44.9, date(2027, 7, 2), "behind"),
        (30, date(2027, 7, 2), "behind"),  # 0.30 >= 0.5 - 0.20
        (29.9, date(2027, 7, 2), "off-track"),
        (0, date(2026, 6, 1), "on-track"),  # before the start: E is clamped to 0
        (99.9, DEADLINE, "on-track"),  # on the deadline day, E = 1: 0.999 >= 0.95
    ],
)
def test_health_rules_in_order(current, today, state):
    assert assess(g(current), START, today).state == state


def test_no_start_known_is_no_data_and_margins_are_options():
    assert assess(g(40), None, date(2027, 7, 2)).state == "no-data"
    assert assess(g(40), START, date(2027, 7, 2)).state == "behind"
    assert assess(g(40), START, date(2027, 7, 2), behind_margin=10).state == "on-track"
    assert assess(g(20), START, date(2027, 7, 2), off_track_margin=35).state == "behind"


def test_expected_value_and_share_for_a_reduce_goal():
    found = assess(g(23.5, baseline=27, target=18), START, date(2027, 7, 2))
    assert found.expected == pytest.approx(0.5)
    assert found.expected_value == pytest.approx(22.5)  # 27 + 0.5 × (18 − 27), cents kept
    assert found.state == "behind"  # P = 3.5 / 9 = 0.39: under 0.5 - 0.05, over 0.5 - 0.20
    big = assess(g(10, target=50000), START, date(2027, 4, 1))
    assert big.expected_value == round(90 / 364 * 50000)  # whole users


def test_start_defaults_to_the_earliest_start_of_what_serves_it_directly_or_through_a_sub_goal():
    parent = Goal(kind="goal", id="parent", source="p.md", deadline=DEADLINE)
    child = Goal(kind="goal", id="child", parent="parent", source="c.md", deadline=DEADLINE)
    own = Goal(kind="goal", id="own", start=date(2026, 5, 1), source="o.md", deadline=DEADLINE)
    alone = Goal(kind="goal", id="alone", source="a.md", deadline=DEADLINE)
    plan = Roadmap(kind="roadmap", id="r", goals=["parent"], start=date(2027, 2, 1), end=DEADLINE, source="r.md")
    early = Campaign(kind="campaign", id="c", roadmap="r", goals=["child", "own"], start=date(2026, 11, 15), end=date(2027, 3, 1), source="x.md")
    found = starts(Site([parent, child, own, alone, plan, early]))
    assert found == {"parent": date(2026, 11, 15), "child": date(2026, 11, 15), "own": date(2026, 5, 1)}
    assert of_site(Site([parent, child, own, alone, plan, early]), date(2027, 3, 1))["alone"].state == "no-data"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    docs = {
        "goals/ahead.md": goal("ahead", title="Ahead", current="600", start="2027-01", deadline="2027-12"),
        "goals/late.md": goal("late", title="Late", current="50", start="2027-01", deadline="2027-12", unit="users"),
        "goals/empty.md": goal("empty", title="No number", deadline="2027-12"),
        "plan.md": roadmap(goals="[ahead, late, empty]", start="2027-01", end="2027-12"),
        "c.md": campaign(goals="[ahead]", start="2027-01-05", end="2027-03-01"),
    }
    root = make_site(tmp_path_factory.mktemp("health"), docs, today="2027-07-02")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def test_health_is_shown_in_words_with_data_health_wherever_a_goal_is(built):
    expected = {"ahead": ("on-track", "on track"), "late": ("off-track", "off track"), "empty": ("no-data", "no data")}
    home = page(built, "")
    rows = {tr["data-goal"]: tr for tr in home.select(".mp-goals tbody tr")}
    assert list(rows) == ["late", "ahead", "empty"]  # off-track first
    index = page(built, "goals/")
    for gid, (state, words) in expected.items():
        for soup in (home, index, page(built, f"goals/{gid}/")):
            badge = soup.select_one(f'tr[data-goal="{gid}"] .mp-health') or soup.select_one(".mp-card .mp-health")
            assert badge["data-health"] == state and badge.get_text(strip=True) == words, (gid, badge)


def test_goal_page_shows_the_expected_value_and_draws_the_pace_line(built):
    soup = page(built, "goals/late/")
    card = soup.select_one(".mp-card").get_text(" ", strip=True)
    assert "Expected today 500 users" in card  # 182 of 364 days of the way from 0 to 1,000
    bar = soup.select_one(".mp-progress--paced")
    assert bar["data-health"] == "off-track"
    pace = bar.select_one(".mp-progress__pace")
    assert pace["style"] == "left: 50.0%" and pace["title"] == "expected by today: 50%"


def test_roadmap_json_goals_carry_health_and_expected(built):
    data = json.loads((built / "site" / "roadmap.json").read_text(encoding="utf-8"))
    found = {item["id"]: (item["health"], item["expected"], item["start"]) for item in data["goals"]}
    # "empty" has no start of its own: its roadmap's (2027-01-01) gives the expected value
    assert found == {"ahead": ("on-track", 500, "2027-01-01"), "late": ("off-track", 500, "2027-01-01"), "empty": ("no-data", 500, None)}
