"""Every rule of format.md "Validation", each triggered by a small site in tmp_path."""

from __future__ import annotations

import pytest

from conftest import campaign, clean_site, goal, only, pos, roadmap
from milepost.core.model import Goal, Kpi
from milepost.core.problems import ERROR, WARNING

LAUNCH = "roadmaps/campaigns/launch.md"
PLAN = "roadmaps/plan.md"
USERS = "roadmaps/goals/users.md"


def where(problem):
    return f"{problem.path}:{problem.line}:{problem.col}"


def at(path: str, text: str, needle: str, nth: int = 1) -> str:
    line, col = pos(text, needle, nth)
    return f"{path}:{line}:{col}"


def test_clean_site_has_no_problem(check_site):
    checked = check_site(clean_site())
    assert checked.problems == []
    assert checked.files == 3
    assert [doc.id for doc in checked.site.documents] == ["c-launch", "g-users", "rm-2026"]  # sorted by source


# --- per-field rules --------------------------------------------------------------------


def test_unknown_top_level_key_suggests_the_closest(check_site):
    text = goal(ownr="Growth")
    checked = check_site({**clean_site(), "goals/users.md": text})
    problem = only(checked.problems, "unknown-key")
    assert where(problem) == at(USERS, text, "ownr") == f"{USERS}:9:1"
    assert problem.severity == ERROR
    assert problem.message == "unknown key 'ownr' in a goal (did you mean 'owner'?)"


def test_key_of_another_kind_says_whose_it_is(check_site):
    text = goal(channels="[social]")
    checked = check_site({**clean_site(), "goals/users.md": text})
    problem = only(checked.problems, "unknown-key")
    assert where(problem) == at(USERS, text, "channels")
    assert "it is a field of a campaign, not of a goal" in problem.message


def test_unknown_key_in_a_kpi_suggests_the_closest(check_site):
    text = campaign(kpis="\n  - metric: signups\n    targt: 500")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    unknown = only(checked.problems, "unknown-key")
    assert where(unknown) == at(LAUNCH, text, "targt") == f"{LAUNCH}:12:5"
    assert unknown.message == "unknown key 'targt' in a kpi (did you mean 'target'?)"
    missing = only(checked.problems, "missing-field")  # and the real 'target' is then missing
    assert where(missing) == at(LAUNCH, text, "metric: signups")
    assert "a kpi needs 'target'" in missing.message


def test_unknown_key_in_a_budget_risk_and_milestone(check_site):
    text = campaign(
        budget="{amount: 10, curency: EUR}",
        risks="\n  - risk: rain\n    contingncy: tent",
        milestones="\n  - title: Go\n    date: 2026-03-10\n    don: true",
    )
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    unknown = sorted((p.line, p.col, p.message) for p in checked.problems if p.code == "unknown-key")
    assert unknown == [
        (*pos(text, "curency"), "unknown key 'curency' in a budget (did you mean 'currency'?)"),
        (*pos(text, "contingncy"), "unknown key 'contingncy' in a risk (did you mean 'contingency'?)"),
        (*pos(text, "don:"), "unknown key 'don' in a milestone (did you mean 'done'?)"),
    ]


def test_missing_required_fields_of_each_kind(check_site):
    files = {
        "goals/users.md": goal(metric=None, deadline=None),
        "plan.md": roadmap(type=None),
        "campaigns/launch.md": campaign(roadmap=None),
    }
    checked = check_site(files)
    missing = sorted((p.path, p.line, p.col, p.message) for p in checked.problems if p.code == "missing-field")
    assert missing == [
        (LAUNCH, 2, 1, "a campaign needs 'roadmap' (the roadmap it belongs to)"),
        (USERS, 2, 1, "a goal needs 'deadline' (when the target must be reached)"),
        (USERS, 2, 1, "a goal needs 'metric' (what is measured, e.g. new users)"),
        (PLAN, 2, 1, "a roadmap needs 'type' (the kind of plan)"),
    ]
    assert {p.severity for p in checked.problems if p.code == "missing-field"} == {ERROR}


def test_required_field_left_empty_points_at_it(check_site):
    text = goal(owner="")
    checked = check_site({**clean_site(), "goals/users.md": text})
    problem = only(checked.problems, "missing-field")
    assert where(problem) == f"{USERS}:5:7"
    assert problem.message == "'owner' is required but empty"


def test_missing_required_field_of_an_activity(check_site):
    text = campaign(activities="\n  - title: Brief\n    start: 2026-03")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "missing-field")
    assert where(problem) == at(LAUNCH, text, "title: Brief")
    assert "an activity needs 'end'" in problem.message


@pytest.mark.parametrize(
    "field, value, code, message",
    [
        ("target", "lots", "wrong-type", "'target' must be a number, not 'lots'"),
        ("target", "50,000", "wrong-type", "'target' must be a number, not '50,000' (write it without separators, e.g. 50000)"),
        ("title", "[a, b]", "wrong-type", "'title' must be text, not a list"),
        ("tags", "social", "wrong-type", "'tags' must be a list such as [social], not 'social'"),
        ("extra", "notes", "wrong-type", "'extra' must be a mapping, not 'notes'"),
        ("status", "in-progres", "invalid-value", "'in-progres' is not a valid status: use one of planned, in-progress, at-risk, delayed, done, cancelled (did you mean 'in-progress'?)"),
        ("priority", "high", "invalid-value", "'high' is not a valid priority: use one of core, supporting"),
        ("id", "Users_2026", "invalid-id", "'Users_2026' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters; for example 'users-2026'"),
    ],
)
def test_wrong_types_and_values_in_a_goal(check_site, field, value, code, message):
    text = goal(**{field: value})
    checked = check_site({**clean_site(), "goals/users.md": text})
    problem = only(checked.problems, code)
    line, col = pos(text, f"\n{field}: {value}\n")
    assert where(problem) == f"{USERS}:{line + 1}:{len(field) + 3}"
    assert (problem.severity, problem.message) == (ERROR, message)


@pytest.mark.parametrize(
    "fields, code, message",
    [
        ({"progress": "150"}, "invalid-value", "'progress' must be between 0 and 100, not 150"),
        ({"budget": "-5"}, "invalid-value", "'budget' must be at least 0, not -5"),
        ({"budget": "{amount: 10, currency: euro}"}, "invalid-value", "'euro' is not an ISO 4217 currency code"),
        ({"depends_on": "c-other"}, "wrong-type", "'depends_on' must be a list such as [c-other]"),
        ({"risks": "\n  - risk: rain\n    impact: huge"}, "invalid-value", "'huge' is not a valid impact: use one of low, medium, high"),
        ({"kpis": "\n  - just a string"}, "wrong-type", "each kpi must be a mapping of metric, target, actual, unit, alert_below, alert_above, not 'just a string'"),
    ],
)
def test_wrong_types_and_values_in_a_campaign(check_site, fields, code, message):
    checked = check_site({**clean_site(), "campaigns/launch.md": campaign(**fields)})
    problem = only(checked.problems, code)
    assert problem.path == LAUNCH and problem.line >= 9 and problem.severity == ERROR
    assert message in problem.message


def test_bad_date_points_at_the_value(check_site):
    text = roadmap(start="next week")
    checked = check_site({**clean_site(), "plan.md": text})
    problem = only(checked.problems, "invalid-date")
    assert where(problem) == f"{PLAN}:7:8" == at(PLAN, text, "next week")
    assert problem.message == "'next week' is not a date: write a day (2026-07-01), a month (2026-07), a quarter (2026-Q3), a year (2027), an ISO week (2027-W05) or a fiscal quarter or year (FY2027-Q1, FY2027)"


def test_date_that_is_a_list_is_an_invalid_date(check_site):
    text = campaign(end="[2026-04-30]")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "invalid-date")
    assert where(problem) == at(LAUNCH, text, "[2026-04-30]")
    assert problem.message == "'end' must be a date, not a list"


# --- dates across fields ----------------------------------------------------------------


def test_campaign_end_before_start(check_site):
    text = campaign(start="2026-05-10", end="2026-05-01")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "end-before-start")
    assert where(problem) == f"{LAUNCH}:8:6" == at(LAUNCH, text, "2026-05-01")
    assert problem.severity == ERROR
    assert problem.message == "ends 2026-05-01 before it starts 2026-05-10"


@pytest.mark.parametrize(
    "source, text, needle, message",
    [
        ("plan.md", roadmap(start="2026-Q3", end="2026-06"), "2026-06", "ends 2026-06-30 before it starts 2026-07-01"),
        (
            "campaigns/launch.md", campaign(activities="\n  - title: Brief\n    start: 2026-03-20\n    end: 2026-03-10"),
            "title: Brief", "activity 'Brief' ends 2026-03-10 before it starts 2026-03-20",
        ),
    ],
    ids=["a-roadmap-with-a-quarter", "an-activity-points-at-the-activity"],
)
def test_end_before_start_is_reported_at_the_end_or_the_activity(check_site, source, text, needle, message):
    checked = check_site({**clean_site(), source: text})
    problem = only(checked.problems, "end-before-start")
    assert where(problem) == at(f"roadmaps/{source}", text, needle)
    assert problem.message == message


def test_same_quarter_as_start_and_end_is_not_end_before_start(check_site):
    checked = check_site({**clean_site(), "campaigns/launch.md": campaign(start="2026-Q2", end="2026-Q2")})
    assert checked.problems == []


# --- references -------------------------------------------------------------------------


def test_unknown_roadmap_reference_suggests_the_closest(check_site):
    text = campaign(roadmap="rm-2062")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "unknown-reference")
    assert where(problem) == f"{LAUNCH}:6:10" == at(LAUNCH, text, "rm-2062")
    assert problem.severity == ERROR
    assert problem.message == "'roadmap' names 'rm-2062', but no roadmap has that id (did you mean 'rm-2026'?)"


def test_unknown_goal_in_a_list_points_at_the_item(check_site):
    text = campaign(goals="\n  - g-users\n  - g-user-growth\n  - g-user")
    files = {**clean_site(), "campaigns/launch.md": text}
    files["goals/growth.md"] = goal("g-user-growth")
    checked = check_site(files)
    problem = only(checked.problems, "unknown-reference")
    assert where(problem) == at(LAUNCH, text, "g-user\n")
    assert "'goals' names 'g-user', but no goal has that id (did you mean" in problem.message


def test_reference_to_the_wrong_kind(check_site):
    text = campaign(goals="[g-users, rm-2026]", depends_on="[g-users]")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    wrong = sorted((p.line, p.col, p.message) for p in checked.problems if p.code == "wrong-kind-reference")
    assert wrong == [
        (*pos(text, "rm-2026]"), f"'goals' names 'rm-2026', which is a roadmap ({PLAN}), not a goal"),
        (*pos(text, "g-users]"), f"'depends_on' names 'g-users', which is a goal ({USERS}), not a campaign"),
    ]
    assert {p.severity for p in checked.problems if p.code == "wrong-kind-reference"} == {ERROR}


def test_goal_parent_must_be_a_goal(check_site):
    text = goal("g-child", parent="c-launch")
    checked = check_site({**clean_site(), "goals/child.md": text})
    problem = only(checked.problems, "wrong-kind-reference")
    assert where(problem) == at("roadmaps/goals/child.md", text, "c-launch")
    assert "which is a campaign" in problem.message


def test_reference_to_itself(check_site):
    text = campaign(depends_on="[c-launch]")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "self-reference")
    assert where(problem) == at(LAUNCH, text, "c-launch]")
    assert problem.message == "'depends_on' names this campaign itself"


def test_duplicate_ids_name_both_files(check_site):
    files = clean_site()
    files["goals/users-copy.md"] = goal(title="Copy")
    checked = check_site(files)
    duplicates = sorted(where(p) + " " + p.message for p in checked.problems if p.code == "duplicate-id")
    assert duplicates == [
        "roadmaps/goals/users-copy.md:3:5 duplicate id 'g-users': also used by roadmaps/goals/users.md:3",
        "roadmaps/goals/users.md:3:5 duplicate id 'g-users': also used by roadmaps/goals/users-copy.md:3",
    ]


def test_duplicate_ids_across_kinds(check_site):
    files = clean_site()
    files["other.md"] = roadmap("c-launch")
    checked = check_site(files)
    messages = {p.path: p.message for p in checked.problems if p.code == "duplicate-id"}
    assert messages == {
        LAUNCH: "duplicate id 'c-launch': also used by roadmaps/other.md:3",
        "roadmaps/other.md": f"duplicate id 'c-launch': also used by {LAUNCH}:3",
    }


# --- cycles -----------------------------------------------------------------------------


def test_depends_on_cycle_is_reported_once_listing_the_cycle(check_site):
    files = clean_site()
    files["campaigns/a.md"] = campaign("c-a", depends_on="[c-c]", start="2026-06-01", end="2026-06-30")
    files["campaigns/b.md"] = campaign("c-b", depends_on="[c-launch, c-a]", start="2026-07-01", end="2026-07-31")
    files["campaigns/c.md"] = campaign("c-c", depends_on="[c-b]", start="2026-08-01", end="2026-08-31")
    checked = check_site(files)
    problem = only(checked.problems, "dependency-cycle")
    assert where(problem) == at("roadmaps/campaigns/a.md", files["campaigns/a.md"], "c-c]")
    assert problem.severity == ERROR
    assert problem.message == "dependency cycle: c-a → c-c → c-b → c-a"


def test_two_campaign_cycle_points_at_the_closing_item(check_site):
    files = clean_site()
    files["campaigns/a.md"] = campaign("c-a", depends_on="[c-launch, c-b]")
    files["campaigns/b.md"] = campaign("c-b", depends_on="[c-a]")
    checked = check_site(files)
    problem = only(checked.problems, "dependency-cycle")
    assert where(problem) == at("roadmaps/campaigns/a.md", files["campaigns/a.md"], "c-b]")
    assert problem.message == "dependency cycle: c-a → c-b → c-a"


def test_parent_cycle_is_reported_listing_the_cycle(check_site):
    files = clean_site()
    files["goals/a.md"] = goal("g-a", parent="g-b")
    files["goals/b.md"] = goal("g-b", parent="g-a")
    files["goals/c.md"] = goal("g-c", parent="g-a")  # hangs off the cycle, is not in it
    checked = check_site(files)
    problem = only(checked.problems, "parent-cycle")
    assert where(problem) == at("roadmaps/goals/a.md", files["goals/a.md"], "g-b")
    assert problem.message == "goal hierarchy cycle: g-a → g-b → g-a"


def test_acyclic_dependencies_and_hierarchy_are_quiet(check_site):
    files = clean_site()
    files["campaigns/later.md"] = campaign("c-later", depends_on="[c-launch]", start="2026-05-01", end="2026-05-31")
    files["goals/child.md"] = goal("g-child", parent="g-users")
    files["goals/grandchild.md"] = goal("g-grandchild", parent="g-child")
    files["plan.md"] = roadmap(budget="100000", goals="[g-users, g-grandchild]")
    checked = check_site(files)
    assert checked.problems == []


# --- periods, dependencies, budgets -----------------------------------------------------


def test_campaign_outside_its_roadmap_period(check_site):
    files = clean_site()
    files["plan.md"] = roadmap(start="2026-Q2", end="2026-Q3", budget="100000")
    text = files["campaigns/launch.md"] = campaign(start="2026-03-15", end="2026-10")
    checked = check_site(files)
    outside = [(where(p), p.severity, p.message) for p in checked.problems if p.code == "outside-roadmap"]
    assert outside == [
        (at(LAUNCH, text, "2026-03-15"), WARNING, "starts 2026-03-15, before its roadmap 'rm-2026' starts 2026-04-01"),
        (at(LAUNCH, text, "2026-10"), WARNING, "ends 2026-10-31, after its roadmap 'rm-2026' ends 2026-09-30"),
    ]


def test_campaign_on_the_edges_of_its_roadmap_is_inside(check_site):
    files = clean_site()
    files["campaigns/launch.md"] = campaign(start="2026-01-01", end="2026-Q4")
    assert check_site(files).problems == []


@pytest.mark.parametrize("start, warned", [("2026-04-29", True), ("2026-04-30", True), ("2026-05-01", False), ("2026-05", False)])
def test_campaign_starting_on_or_before_its_dependency_ends(check_site, start, warned):
    files = clean_site()
    text = files["campaigns/follow.md"] = campaign("c-follow", depends_on="[c-launch]", start=start, end="2026-06-30")
    checked = check_site(files)
    found = [p for p in checked.problems if p.code == "starts-before-dependency"]
    if not warned:
        assert checked.problems == []
        return
    assert len(found) == 1
    problem = found[0]
    assert where(problem) == at("roadmaps/campaigns/follow.md", text, "c-launch]")
    assert problem.severity == WARNING
    assert problem.message == f"starts {start}, but depends on 'c-launch', which ends 2026-04-30"


def test_campaign_budgets_over_the_roadmap_budget(check_site):
    files = clean_site()
    text = files["plan.md"] = roadmap(budget="{amount: 100000, currency: EUR}")
    files["campaigns/launch.md"] = campaign(budget="60000")
    files["campaigns/more.md"] = campaign("c-more", budget="{amount: 45000, currency: EUR, spent: 1000}")
    checked = check_site(files)
    problem = only(checked.problems, "over-budget")
    assert where(problem) == at(PLAN, text, "{amount")
    assert problem.severity == WARNING
    assert problem.message == "its campaigns' budgets add up to 105,000 EUR, over the roadmap's budget of 100,000 EUR by 5,000"


def test_budget_excess_in_another_currency_is_not_over_budget(check_site):
    files = clean_site()
    files["plan.md"] = roadmap(budget="100000")
    files["campaigns/launch.md"] = campaign(budget="60000")
    files["campaigns/more.md"] = campaign("c-more", budget="{amount: 45000, currency: USD}")
    checked = check_site(files)
    assert checked.problems == []
    budgets = {c.id: (c.budget.amount, c.budget.currency) for c in checked.site.campaigns}
    assert budgets == {"c-launch": (60000, "EUR"), "c-more": (45000, "USD")}


def test_budgets_exactly_at_the_roadmap_budget_are_fine(check_site):
    files = clean_site()
    files["campaigns/launch.md"] = campaign(budget="40000")
    files["campaigns/more.md"] = campaign("c-more", budget="60000")
    assert check_site(files).problems == []


def test_risk_without_contingency(check_site):
    text = campaign(risks="\n  - risk: the venue cancels\n    likelihood: low\n  - risk: rain\n    contingency: tents")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, "risk-without-contingency")
    assert where(problem) == at(LAUNCH, text, "risk: the venue")
    assert problem.severity == WARNING
    assert problem.message == "risk 'the venue cancels' has no contingency: say what the team will do if it happens"


# --- contributions ----------------------------------------------------------------------


def test_orphan_goal(check_site):
    files = clean_site()
    text = files["goals/brand.md"] = goal("g-brand")
    checked = check_site(files)
    problem = only(checked.problems, "orphan-goal")
    assert where(problem) == at("roadmaps/goals/brand.md", text, "g-brand") == "roadmaps/goals/brand.md:3:5"
    assert problem.severity == WARNING
    assert problem.message == "no campaign or roadmap contributes to goal 'g-brand': name it in their 'goals'"


def test_parent_goal_served_through_its_child_is_not_orphan(check_site):
    files = clean_site()
    files["goals/company.md"] = goal("g-company")
    files["goals/region.md"] = goal("g-region", parent="g-company")
    files["goals/users.md"] = goal(parent="g-region")
    checked = check_site(files)
    assert checked.problems == []


def test_goal_served_only_by_a_roadmap_is_not_orphan(check_site):
    files = clean_site()
    files["goals/brand.md"] = goal("g-brand")
    files["plan.md"] = roadmap(goals="[g-users, g-brand]", budget="100000")
    assert check_site(files).problems == []


def test_campaign_without_goals(check_site):
    files = clean_site()
    text = files["campaigns/launch.md"] = campaign(goals=None)
    files["plan.md"] = roadmap(goals="[g-users]")
    files["campaigns/other.md"] = campaign("c-other")  # keeps g-users served
    checked = check_site(files)
    problem = only(checked.problems, "campaign-without-goal")
    assert where(problem) == f"{LAUNCH}:2:1" == at(LAUNCH, text, "kind")
    assert problem.severity == WARNING
    assert problem.message == "campaign 'c-launch' serves no goal: list the goals it contributes to in 'goals'; its roadmap serves g-users"


def test_campaign_with_an_empty_goals_list_points_at_it(check_site):
    files = clean_site()
    text = files["campaigns/launch.md"] = campaign(goals="[]")
    files["campaigns/other.md"] = campaign("c-other")
    checked = check_site(files)
    problem = only(checked.problems, "campaign-without-goal")
    assert where(problem) == at(LAUNCH, text, "[]")


# --- computed values --------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, below, above, alert",
    [
        (None, 10, None, False),
        (9, 10, None, True),
        (10, 10, None, False),
        (11, None, 10, True),
        (10, None, 10, False),
        (50, 10, 100, False),
        (0, None, None, False),
    ],
)
def test_kpi_in_alert(actual, below, above, alert):
    assert Kpi(metric="m", target=1, actual=actual, alert_below=below, alert_above=above).in_alert is alert


def test_kpi_alert_from_a_document(check_site):
    text = campaign(kpis="\n  - {metric: cpl, target: 20, actual: 31, alert_above: 30}\n  - {metric: leads, target: 500, actual: 450, alert_below: 300}")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    assert checked.problems == []
    kpis = checked.site.by_id["c-launch"].kpis
    assert [(k.metric, k.in_alert) for k in kpis] == [("cpl", True), ("leads", False)]


@pytest.mark.parametrize(
    "baseline, target, current, progress",
    [
        (0, 1000, 250, 25.0),
        (100, 200, 150, 50.0),
        (100, 50, 75, 50.0),  # reduce: from 100 down to 50, now 75
        (100, 50, 40, 120.0),  # reduce, beyond target
        (100, 50, 110, -20.0),  # reduce, went the wrong way
        (0, 1000, None, None),
        (10, 10, 10, None),  # no distance to cover
    ],
)
def test_goal_progress(baseline, target, current, progress):
    goal_ = Goal(kind="goal", baseline=baseline, target=target, current=current)
    assert goal_.progress == (pytest.approx(progress) if progress is not None else None)


def test_reduce_goal_progress_from_a_document(check_site):
    files = clean_site()
    files["goals/users.md"] = goal(metric="cost per lead", target="20", baseline="40", current="35", unit="EUR")
    checked = check_site(files)
    assert checked.problems == []
    assert checked.site.by_id["g-users"].progress == pytest.approx(25.0)


# --- reporting --------------------------------------------------------------------------


def test_all_problems_in_one_run_sorted_by_file_and_line(check_site):
    files = {
        "z-last.md": goal("g-z", ownr="x"),
        "goals/users.md": goal(deadline="2026-02-30", colour="red"),
        "plan.md": roadmap(tpye="campaign", budget="10"),
        "campaigns/launch.md": campaign(roadmap="rm-missing", risks="\n  - risk: rain", budget="20", start="2026-05-01", end="2026-04-01"),
        "broken.md": "---\nkind: goal\nid: [\n---\n",
        "Upper.MD": goal("g-upper"),
    }
    checked = check_site(files)
    got = [(p.path, p.line, p.code) for p in checked.problems]
    assert got == sorted(got)
    assert {code for _, _, code in got} >= {
        "unknown-key",
        "invalid-date",
        "unknown-reference",
        "risk-without-contingency",
        "end-before-start",
        "yaml-syntax",
        "unpublished",
        "orphan-goal",
    }
    assert [path for path in dict.fromkeys(p.path for p in checked.problems)] == [
        "roadmaps/Upper.MD",
        "roadmaps/broken.md",
        LAUNCH,
        USERS,
        PLAN,
        "roadmaps/z-last.md",
    ]
    assert len(checked.errors) + len(checked.warnings) == len(checked.problems)
    assert all(str(p) == f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message} [{p.code}]" for p in checked.problems)
