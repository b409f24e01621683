"""`milepost diff`: real Git repositories in temporary folders, the command run as a user runs it,
and `diff_sites` called directly for the details of each kind of change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import campaign, goal, roadmap
from fixtures import DOCS
from milepost.review import compare, report, revision
from milepost.review.compare import diff_sites
from milepost.review.report import to_markdown, to_text
from sitekit import edit as edit_file
from sitekit import git, make_site, write_tree

def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, name: str, old: str, new: str) -> None:
    """The first `old` in the docs dir's file `name` replaced by `new`."""
    edit_file(repo / "roadmaps" / name, old, new, count=1)


def milepost_diff(repo: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "milepost", "diff", *args], cwd=cwd or repo, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def as_json(repo: Path, *args: str) -> tuple[int, dict]:
    result = milepost_diff(repo, *args, "--format", "json")
    return result.returncode, json.loads(result.stdout)


def changes_of(data: dict, ident: str) -> dict[str, dict]:
    """The changes of one document in the JSON output, by change name (item-qualified when there is one)."""
    doc = next(d for d in data["documents"] if d["id"] == ident)
    return {c["change"] + (f":{c['item']}" if "item" in c else ""): c for c in doc["changes"]}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture site committed on `main`, docs dir `roadmaps/` named in mkdocs.yml."""
    root = tmp_path / "plan"
    make_site(root, DOCS, site_name="Plan", docs_dir="roadmaps", search=False, extra="      currency: EUR\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Q1 plan")
    return root


# --- the command ------------------------------------------------------------------------


def test_nothing_changed_exits_0(repo):
    result = milepost_diff(repo, "main")
    assert result.returncode == 0
    assert result.stdout.startswith("**No change in roadmap terms**\n")
    assert milepost_diff(repo, "main", "HEAD").returncode == 0


def test_moved_dates_with_the_shift_and_the_new_duration(repo):
    edit(repo, "q1/spring.md", "start: 2027-02\n", "start: 2027-02-15\n")
    edit(repo, "q1/teaser.md", "start: 2027-01\nend: 2027-01\n", "start: 2027-01-08\nend: 2027-02-07\n")
    result = milepost_diff(repo, "main")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "**2 documents changed: 2 modified**"
    assert "  - start moved 14 days later (2027-02-01 → 2027-02-15); now 29 days long (was 43)" in lines
    assert "  - moved 7 days later: 2027-01-08 → 2027-02-07 (was 2027-01-01 → 2027-01-31); still 31 days long" in lines
    code, data = as_json(repo, "main")
    start = changes_of(data, "spring")["start"]
    assert code == 1 and start == {"change": "start", "before": "2027-02-01", "after": "2027-02-15", "days": 14}
    assert changes_of(data, "spring")["duration"] == {"change": "duration", "before": 43, "after": 29}


def test_a_coarser_way_of_writing_the_same_day_is_no_change(repo):
    edit(repo, "q1/spring.md", "start: 2027-02\n", "start: '2027-02-01'\n")
    edit(repo, "q1/index.md", "start: 2027-Q1\n", "start: 2027-01-01\n")
    edit(repo, "q1/teaser.md", "owner: Luca Bianchi\nroadmap: q1\n", "roadmap: q1\nowner: \"Luca Bianchi\"\n")
    result = milepost_diff(repo, "main")
    assert result.returncode == 0, result.stdout
    assert "No change in roadmap terms" in result.stdout


def test_budget_changes_with_each_roadmaps_totals_per_currency(repo):
    edit(repo, "q1/spring.md", "amount: 40000", "amount: 44000")
    edit(repo, "q1/wechat.md", "amount: 120000", "amount: 100000")
    result = milepost_diff(repo, "main")
    assert result.returncode == 1
    out = result.stdout
    assert out.splitlines()[0] == "**2 documents changed: 2 modified; budget -20,000 CNY, +4,000 EUR**"
    assert "  - budget 40,000 → 44,000 EUR (+4,000)" in out
    assert "  - budget 120,000 → 100,000 CNY (-20,000)" in out
    assert "Campaign budgets: 45,000 → 49,000 EUR (+4,000) of 50,000 EUR budgeted; 120,000 → 100,000 CNY (-20,000)." in out
    _, data = as_json(repo, "main")
    assert data["roadmaps"][0]["campaign_budgets"] == {"CNY": {"before": 120000, "after": 100000}, "EUR": {"before": 45000, "after": 49000}}
    assert data["budget"]["EUR"] == {"before": 45000, "after": 49000}


def test_budget_over_the_roadmaps_own_budget_is_said(repo):
    edit(repo, "q1/spring.md", "amount: 40000", "amount: 48000")
    assert "53,000 EUR (+8,000) of 50,000 EUR budgeted, over by 3,000" in milepost_diff(repo, "main").stdout


def test_a_renamed_file_is_the_same_document(repo):
    (repo / "roadmaps/2027").mkdir()
    git(repo, "mv", "roadmaps/q1/spring.md", "roadmaps/2027/spring-launch.md")
    commit(repo, "Reorganise")
    result = milepost_diff(repo, "main~1", "main")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "**1 document changed: 1 modified**"
    assert "  - file moved: `q1/spring.md` → `2027/spring-launch.md`" in result.stdout
    assert "added" not in result.stdout and "removed" not in result.stdout


def test_a_renamed_and_edited_file(repo):
    git(repo, "mv", "roadmaps/q1/spring.md", "roadmaps/spring.md")
    edit(repo, "spring.md", "status: at-risk", "status: delayed")
    result = milepost_diff(repo, "main", "--format", "text")
    assert result.returncode == 1
    assert "      file moved: q1/spring.md → spring.md\n      status at-risk → delayed\n" in result.stdout


def test_deletions_and_additions(repo):
    git(repo, "rm", "-q", "roadmaps/q1/teaser.md")
    edit(repo, "q1/spring.md", "depends_on: [teaser]\n", "")
    write_tree(repo / "roadmaps", {"q1/easter.md": campaign("easter", title="Easter push", roadmap="q1", start="2027-03-20", end="2027-03-31", goals="[users]", budget="2000")})
    commit(repo, "Drop the teaser, add Easter")
    result = milepost_diff(repo, "main~1", "main")
    assert result.returncode == 1
    out = result.stdout
    assert out.splitlines()[0] == "**3 documents changed: 1 added, 1 removed, 1 modified; budget -3,000 EUR**"
    assert "- **Easter push** (`easter`): added in `q1/easter.md`: 2027-03-20 → 2027-03-31, 12 days, budget 2,000 EUR, owner Ana, planned" in out
    assert "- **Teaser « avant-première »** (`teaser`): removed from `q1/teaser.md` (was 2027-01-01 → 2027-01-31, 31 days, budget 5,000 EUR, owner Luca Bianchi, done)" in out
    assert "  - no longer depends on Teaser « avant-première » (`teaser`)" in out
    assert "45,000 → 42,000 EUR (-3,000)" in out
    _, data = as_json(repo, "main~1", "main")
    assert data["counts"] == {"added": 1, "removed": 1, "modified": 1, "unreadable": 0, "prose": 0}
    easter = next(d for d in data["documents"] if d["id"] == "easter")
    assert easter["state"] == "added" and easter["document"]["start"] == "2027-03-20" and easter["document"]["budget"]["amount"] == 2000


def test_an_added_and_a_removed_roadmap(repo):
    write_tree(repo / "roadmaps", {"q2.md": roadmap("q2", title="Q2 growth", start="2027-Q2", end="2027-Q2", goals="[users]", budget="30000")})
    edit(repo, "q1/wechat.md", "roadmap: q1", "roadmap: q2")
    result = milepost_diff(repo, "main")
    out = result.stdout
    assert "### Roadmap Q2 growth (`q2`): added\n\nAdded in `q2.md`: 2027-04-01 → 2027-06-30, 91 days, budget 30,000 EUR, owner Marketing, planned.\n" in out
    assert "  - moved from roadmap Q1 growth (`q1`) to Q2 growth (`q2`)" in out
    assert "- **微信春节活动** (`wechat`): moved to roadmap Q2 growth (`q2`)" in out  # said in the roadmap it left too
    assert "Campaign budgets: 45,000 EUR (unchanged) of 50,000 EUR budgeted; 120,000 → 0 CNY (-120,000)." in out
    assert out.index("Roadmap Q1 growth") < out.index("Roadmap Q2 growth")  # roadmaps in the order of their periods


def test_uncommitted_edits_count_and_the_working_tree_is_left_alone(repo):
    edit(repo, "q1/spring.md", "owner: Marta Rossi", "owner: Luca Bianchi")
    write_tree(repo / "roadmaps", {"draft.md": goal("draft-goal", title="Draft")})  # untracked
    git(repo, "add", "roadmaps/draft.md")
    edit(repo, "goals/users.md", "current: 20000", "current: 30000")
    status, stash = git(repo, "status", "--porcelain"), git(repo, "stash", "list")
    index = (repo / ".git/index").read_bytes()
    out = milepost_diff(repo, "main").stdout
    assert "  - owner Marta Rossi → Luca Bianchi" in out
    assert "- **Draft** (`draft-goal`): added in `draft.md`" in out
    assert "  - current 20,000 → 30,000 users (progress 25% → 50%)" in out
    assert git(repo, "status", "--porcelain") == status and git(repo, "stash", "list") == stash
    assert (repo / ".git/index").read_bytes() == index
    assert milepost_diff(repo, "main", "HEAD").returncode == 0  # two commits: the edits are not in them


def test_an_invalid_revision_is_reported_with_its_errors(repo):
    edit(repo, "q1/spring.md", "owner: Marta Rossi", "ownr: Marta Rossi")
    edit(repo, "q1/teaser.md", "title: Teaser « avant-première »", "title: [unclosed")
    commit(repo, "Broken")
    result = milepost_diff(repo, "main~1", "main")
    assert result.returncode == 1
    out = result.stdout
    assert out.splitlines()[0] == "**2 documents changed: 1 modified, 1 unreadable; budget -5,000 EUR; main does not validate (4 errors)**"
    assert "### Errors in main\n\n```text\nroadmaps/q1/spring.md:2:1: error: a campaign needs 'owner'" in out
    assert "\nroadmaps/q1/spring.md:5:1: error: unknown key 'ownr' in a campaign (did you mean 'owner'?) [unknown-key]\n" in out
    assert "- **Teaser « avant-première »** (`teaser`): `q1/teaser.md` cannot be read any more: see the errors below" in out
    assert "  - owner Marta Rossi → none" in out
    _, data = as_json(repo, "main~1", "main")
    assert data["head"]["valid"] is False and data["base"]["valid"] is True
    assert [e["code"] for e in data["head"]["errors"]] == ["missing-field", "unknown-key", "unknown-reference", "yaml-syntax"]
    fixed = milepost_diff(repo, "main", "main~1")  # and back: the broken side is the base now
    assert fixed.returncode == 1 and "main does not validate" in fixed.stdout.splitlines()[0]


def test_a_new_unreadable_file_is_a_change(repo):
    write_tree(repo / "roadmaps", {"q1/broken.md": "---\nkind: campaign\nid: broken\n"})
    result = milepost_diff(repo, "main")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "**1 document changed: 1 unreadable; the working tree does not validate (1 error)**"
    assert "### Other files\n\n- `q1/broken.md`: cannot be read as a roadmap document: see the errors below\n" in result.stdout
    assert "roadmaps/q1/broken.md:1:1: error: the front matter opened here with '---' is never closed" in result.stdout


def test_unknown_revisions_and_bad_usage_exit_2(repo, tmp_path):
    for args in (["no-such-branch"], ["main", "v9.9"], ["main..nope"], ["--format", "xml", "main"], []):
        result = milepost_diff(repo, *args)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stdout == ""
    assert "unknown revision 'no-such-branch'" in milepost_diff(repo, "no-such-branch").stderr
    outside = tmp_path / "not-a-repo"
    write_tree(outside / "roadmaps", {"g.md": goal()})
    result = milepost_diff(outside, "main")
    assert result.returncode == 2 and "not in a Git repository" in result.stderr


def test_a_merge_commit(repo):
    git(repo, "checkout", "-q", "-b", "later-launch")
    edit(repo, "q1/spring.md", "end: 2027-03-15", "end: 2027-03-29")
    commit(repo, "Spring runs two weeks longer")
    git(repo, "checkout", "-q", "main")
    edit(repo, "q1/teaser.md", "budget: 5000", "budget: 6500")
    commit(repo, "Teaser budget")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge later-launch", "later-launch")
    assert len(git(repo, "rev-parse", "HEAD^2").strip()) == 40  # a real merge commit
    first = milepost_diff(repo, "HEAD^1", "HEAD").stdout  # what the merge brought to main
    assert "end moved 14 days later (2027-03-15 → 2027-03-29); now 57 days long (was 43)" in first and "teaser" not in first
    second = milepost_diff(repo, "HEAD^2", "HEAD").stdout  # what main had that the branch did not
    assert "budget 5,000 → 6,500 EUR (+1,500)" in second and "spring" not in second
    both = milepost_diff(repo, "HEAD~1~1", "HEAD").stdout.splitlines()[0]
    assert both == "**2 documents changed: 2 modified; budget +1,500 EUR**"
    branch = milepost_diff(repo, "main~1...later-launch", "--format", "text").stdout  # from where the branch left
    assert "end moved 14 days later" in branch and "teaser" not in branch and "(merge base)" in branch


def test_prose_only_is_reported_briefly_and_exits_0(repo):
    edit(repo, "q1/spring.md", "The story of the spring launch.", "The story of the spring launch, retold.")
    edit(repo, "q1/index.md", "Weekly review on Mondays.", "Weekly review on Tuesdays.")
    result = milepost_diff(repo, "main")
    assert result.returncode == 0
    assert result.stdout == (
        "**No change in roadmap terms: only the prose of 2 documents was edited**\n\n"
        f"Compared `main` (`{git(repo, 'rev-parse', 'main')[:10]}`) with the working tree.\n\n"
        "Prose only, no change in roadmap terms: Q1 growth (`q1`), Spring launch (`spring`).\n"
    )
    edit(repo, "q1/teaser.md", "status: done", "status: cancelled")
    mixed = milepost_diff(repo, "main").stdout
    assert mixed.splitlines()[0] == "**1 document changed: 1 modified; prose only in 2 more**"


def test_text_format_for_a_terminal(repo):
    edit(repo, "q1/spring.md", "progress: 40", "progress: 55")
    out = milepost_diff(repo, "main", "--format", "text").stdout
    assert out.splitlines()[0] == "1 document changed: 1 modified"
    assert "Roadmap Q1 growth (q1)\n  ~ Spring launch (spring)\n      progress 40% → 55%\n" in out
    assert "**" not in out and "`" not in out


def test_runs_from_a_subfolder_and_with_another_docs_dir(repo):
    edit(repo, "q1/spring.md", "status: at-risk", "status: in-progress")
    inside = milepost_diff(repo, "main", "--docs-dir", "../roadmaps", cwd=repo / "roadmaps")
    assert inside.returncode == 1 and "status at-risk → in-progress" in inside.stdout
    flat = repo.parent / "flat"  # docs dir at the top of the repository
    write_tree(flat, {name: text for name, text in DOCS.items()})
    git(flat, "init", "-q", "-b", "main")
    commit(flat, "flat")
    (flat / "q1/teaser.md").unlink()
    result = milepost_diff(flat, "main", "--docs-dir", ".")
    assert result.returncode == 1 and "(`teaser`): removed from `q1/teaser.md`" in result.stdout


def test_files_outside_the_docs_dir_are_not_read(repo):
    write_tree(repo, {"roadmaps-old/x.md": goal("old-goal"), "README.md": "# Plan\n"})
    commit(repo, "Archive")
    assert milepost_diff(repo, "main~1", "main").returncode == 0


# --- reading a revision -------------------------------------------------------------------


def test_a_revision_is_read_with_one_cat_file_process(repo, monkeypatch):
    write_tree(repo / "roadmaps", {f"many/c{i:03}.md": campaign(f"c{i:03}", roadmap="q1", goals="[users]") for i in range(300)})
    write_tree(repo / "roadmaps", {"many/copy.md": campaign("c000", roadmap="q1", goals="[users]")})  # a blob shared by two paths
    commit(repo, "Many campaigns")
    calls = []
    real = subprocess.run

    def counting(args, *rest, **kwargs):
        calls.append(args)
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    repository = revision.locate(repo / "roadmaps")
    files = revision.files_at(repository, revision.resolve(repository, "main"))
    assert len(files) == len(DOCS) + 301 and files["many/c123.md"].startswith(b"---\nkind: campaign\nid: c123\n")
    assert files["many/copy.md"] == files["many/c000.md"]
    assert len(calls) == 4 and sum("cat-file" in args for args in calls) == 1 and sum("ls-tree" in args for args in calls) == 1


def test_a_symlinked_document_is_read_at_a_revision_as_on_disk(repo):
    (repo / "roadmaps/current.md").symlink_to("q1/spring.md")
    commit(repo, "Link")
    repository = revision.locate(repo / "roadmaps")
    files = revision.files_at(repository, revision.resolve(repository, "HEAD"))
    assert files["current.md"] == (repo / "roadmaps/q1/spring.md").read_bytes()


# --- diff_sites, change by change ---------------------------------------------------------


def site(files: dict[str, str]):
    data = {name: text.encode() for name, text in files.items()}
    return revision.snapshot(data, str, "EUR", "test", None).site


BASE = {
    "goals/users.md": goal("users", target="1000", current="200", unit="users"),
    "goals/brand.md": goal("brand", metric="awareness", target="40", unit="'%'"),
    "plan.md": roadmap("plan", goals="[users]", budget="100000", milestones="\n  - {title: Launch, date: 2026-05-01}\n  - {title: Review, date: 2026-06-01}"),
    "launch.md": campaign(
        "launch",
        roadmap="plan",
        goals="[users]",
        status="planned",
        progress="10",
        budget="{amount: 20000, spent: 5000}",
        kpis="\n  - {metric: signups, target: 500, actual: 450, alert_below: 300}\n  - {metric: CTR, target: 2.5, unit: '%'}",
        risks="\n  - {risk: Agency late, contingency: In-house team, likelihood: medium}",
        milestones="\n  - {title: Go live, date: 2026-03-15}",
        channels="[social]",
    ),
}


def changed(after: dict[str, str], before: dict[str, str] = BASE) -> compare.Changes:
    return diff_sites(site(before), site({**before, **after}))


def whats(changes: compare.Changes, ident: str) -> list[tuple]:
    doc = next(d for d in changes.documents if d.id == ident)
    return [(c.what, c.item, c.before, c.after) for c in doc.changes]


def test_status_owner_progress():
    result = changed({"launch.md": BASE["launch.md"].replace("status: planned", "status: in-progress").replace("owner: Ana", "owner: Bo").replace("progress: 10", "progress: 35")})
    assert whats(result, "launch") == [("status", None, "planned", "in-progress"), ("owner", None, "Ana", "Bo"), ("progress", None, 10, 35)]
    assert to_text(result).count("\n      ") == 3
    assert "      status planned → in-progress\n      owner Ana → Bo\n      progress 10% → 35%\n" in to_text(result)


def test_goals_linked_and_unlinked():
    result = changed({"launch.md": BASE["launch.md"].replace("goals: [users]", "goals: [brand]")})
    assert whats(result, "launch") == [("goals.removed", "users", None, None), ("goals.added", "brand", None, None)]
    text = to_markdown(result)
    assert "  - unlinked from goal Goal users (`users`)\n  - linked to goal Goal brand (`brand`)\n" in text
    reordered = changed({"plan.md": BASE["plan.md"].replace("goals: [users]", "goals: [users, brand]")})
    assert whats(reordered, "plan") == [("goals.added", "brand", None, None)]


def test_kpi_targets_and_actuals():
    kpis = "\n  - {metric: signups, target: 600, actual: 250, alert_below: 300}\n  - {metric: leads, target: 80}"
    result = changed({"launch.md": BASE["launch.md"].replace(
        "\n  - {metric: signups, target: 500, actual: 450, alert_below: 300}\n  - {metric: CTR, target: 2.5, unit: '%'}", kpis
    )})
    assert whats(result, "launch") == [
        ("kpis.removed", "CTR", {"metric": "CTR", "target": 2.5, "actual": None, "unit": "%", "alert_below": None, "alert_above": None}, None),
        ("kpis.added", "leads", None, {"metric": "leads", "target": 80, "actual": None, "unit": None, "alert_below": None, "alert_above": None}),
        ("kpis.target", "signups", 500, 600),
        ("kpis.actual", "signups", 450, 250),
        ("kpis.alert", "signups", False, True),
    ]
    lines = to_text(result).splitlines()
    assert "      KPI “signups”: target 500 → 600 (+100)" in lines
    assert "      KPI “signups”: actual 450 → 250 (-200), target 600, now in alert" in lines
    assert "      KPI “leads” added: target 80" in lines and "      KPI “CTR” removed" in lines


def test_risks_added_and_removed():
    risks = "\n  - {risk: Agency late, contingency: In-house team, likelihood: high}\n  - {risk: Budget freeze, impact: high}"
    result = changed({"launch.md": BASE["launch.md"].replace("\n  - {risk: Agency late, contingency: In-house team, likelihood: medium}", risks)})
    assert [w[:2] for w in whats(result, "launch")] == [("risks.added", "Budget freeze"), ("risks.likelihood", "Agency late")]
    text = to_text(result)
    assert "risk added: “Budget freeze” (impact high), no contingency" in text
    assert "risk “Agency late”: likelihood medium → high" in text
    gone = changed({"launch.md": BASE["launch.md"].replace("\n  - {risk: Agency late, contingency: In-house team, likelihood: medium}", "[]")})
    assert "risk removed: “Agency late”" in to_text(gone)


def test_milestones_moved_added_removed_and_reached():
    plan = BASE["plan.md"].replace("{title: Launch, date: 2026-05-01}", "{title: Launch, date: 2026-05-15, done: false}")
    plan = plan.replace("{title: Review, date: 2026-06-01}", "{title: Black Friday, date: 2026-11-27}")
    launch = BASE["launch.md"].replace("{title: Go live, date: 2026-03-15}", "{title: Go live, date: 2026-03-15, done: true}")
    result = changed({"plan.md": plan, "launch.md": launch})
    text = to_markdown(result)
    assert "- milestone removed: “Review” (was on 2026-06-01)\n- milestone added: “Black Friday” on 2026-11-27\n- milestone “Launch” moved 14 days later (2026-05-01 → 2026-05-15)\n" in text
    assert "  - milestone “Go live” reached" in text
    assert [c.days for c in result.documents[1].changes if c.what == "milestones.date"] == [14]


def test_goal_target_deadline_and_progress():
    result = changed({"goals/users.md": BASE["goals/users.md"].replace("target: 1000", "target: 1200").replace("deadline: 2026-12", "deadline: 2027-Q1")})
    text = to_markdown(result)
    assert "### Goals\n\n- **Goal users** (`users`)\n  - deadline moved 90 days later (2026-12-31 → 2027-03-31)\n  - target 1,000 → 1,200 users\n  - progress 20% → 16.7%\n" in text


def test_spent_and_budget_set_or_removed():
    result = changed({
        "launch.md": BASE["launch.md"].replace("spent: 5000", "spent: 12500"),
        "plan.md": BASE["plan.md"].replace("budget: 100000", "budget: {amount: 90000, currency: USD}"),
    })
    text = to_text(result)
    assert "spent 5,000 → 12,500 EUR (+7,500)" in text
    assert "    budget 100,000 EUR → 90,000 USD" in text
    assert summary_line(result) == "2 documents changed: 2 modified; roadmap budgets -100,000 EUR, +90,000 USD"
    unset = changed({"launch.md": BASE["launch.md"].replace("budget: {amount: 20000, spent: 5000}", "")})
    assert "budget removed (was 20,000 EUR)" in to_text(unset) and summary_line(unset).endswith("; budget -20,000 EUR")


def summary_line(changes: compare.Changes) -> str:
    return report.summary(changes)


def test_title_summary_tags_channels_and_dependencies():
    result = changed({
        "launch.md": BASE["launch.md"].replace("title: Campaign launch", "title: Big launch").replace("channels: [social]", "channels: [social, email]\nsummary: One line\ntags: [b2b]\ndepends_on: [teaser]"),
        "teaser.md": campaign("teaser", roadmap="plan", goals="[users]", start="2026-01-01", end="2026-02-01"),
    })
    assert [c[0] for c in whats(result, "launch")] == ["title", "depends_on.added", "channels.added", "summary", "tags.added"]
    text = to_text(result)
    assert "renamed “Campaign launch” → “Big launch”" in text and "now depends on Campaign teaser (teaser)" in text


def test_a_reordered_or_requoted_front_matter_is_no_change():
    text = BASE["launch.md"]
    lines = text.split("\n")
    moved = "\n".join([lines[0], lines[1], lines[3], lines[2], *lines[4:]]).replace("owner: Ana", "owner: 'Ana'")
    assert moved != text
    assert changed({"launch.md": moved}).documents == []


def test_markdown_escapes_what_authors_write():
    result = changed({"launch.md": BASE["launch.md"].replace("title: Campaign launch", "title: '*Bold* <img src=x> | [link](http://x)'")})
    text = to_markdown(result)
    assert r"→ “\*Bold\* \<img src=x\> \| \[link\](http://x)”" in text


def test_a_long_report_is_cut_for_a_comment():
    many = {f"c{i}.md": campaign(f"c{i}", roadmap="plan", goals="[users]", budget="100") for i in range(400)}
    result = diff_sites(site(BASE), site({**BASE, **many}))
    text = to_markdown(result, limit=5_000)
    assert len(text) <= 5_000 and text.endswith("Run `milepost diff` locally to see all of it.\n")
    assert text.startswith("**400 documents changed: 400 added; budget +40,000 EUR**")
    assert len(to_markdown(result)) > 5_000


def test_duplicate_or_missing_ids_do_not_crash():
    dup = {**BASE, "again.md": BASE["launch.md"], "noid.md": campaign(None, roadmap="plan")}
    result = diff_sites(site(BASE), site(dup))
    assert result.changed
    to_markdown(result), to_text(result), report.to_json(result)


def test_activities_and_extra():
    launch = BASE["launch.md"].replace(
        "channels: [social]",
        "channels: [social]\nactivities:\n  - {title: Landing page, start: 2026-03-01, end: 2026-03-10, status: planned}\n  - {title: Ads, start: 2026-03-05, end: 2026-03-20}",
    )
    later = launch.replace("end: 2026-03-10, status: planned}", "end: 2026-03-17, status: done}").replace("\n  - {title: Ads, start: 2026-03-05, end: 2026-03-20}", "")
    result = changed({"launch.md": later + "\n"}, {**BASE, "launch.md": launch})
    lines = to_text(result).splitlines()
    assert lines[-3:] == [
        "      activity removed: “Ads”",
        "      activity “Landing page”: end moved 7 days later (2026-03-10 → 2026-03-17)",
        "      activity “Landing page”: status planned → done",
    ]
    extra = changed({"launch.md": BASE["launch.md"].replace("channels: [social]", "channels: [social]\nextra: {jira: MKT-12}")})
    assert whats(extra, "launch") == [("extra", None, {}, {"jira": "MKT-12"})]


# --- properties ------------------------------------------------------------------------------

_VARIANTS = st.fixed_dictionaries(
    {
        "start": st.sampled_from(["2026-03-01", "2026-03-15", "2026-03", "2026-Q1"]),
        "budget": st.sampled_from([None, "1000", "2500", "{amount: 900, currency: USD, spent: 100}"]),
        "status": st.sampled_from(["planned", "done"]),
        "roadmap": st.sampled_from(["plan", "other"]),
        "path": st.sampled_from(["a", "b/c"]),
        "body": st.sampled_from(["Prose.\n", "Other prose.\n"]),
    }
)
_SITES = st.dictionaries(st.sampled_from(["c1", "c2", "c3", "c4"]), _VARIANTS, max_size=4)


def _site_of(campaigns: dict) -> dict[str, str]:
    files = {"goals/users.md": goal("users"), "plan.md": roadmap("plan", goals="[users]", budget="5000")}
    for ident, v in campaigns.items():
        files[f"{v['path']}/{ident}.md"] = campaign(ident, start=v["start"], budget=v["budget"], status=v["status"], roadmap=v["roadmap"], goals="[users]", body=v["body"])
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SITES, _SITES)
def test_any_two_sites_diff_both_ways_without_crashing(one, other):
    a, b = site(_site_of(one)), site(_site_of(other))
    forward, backward = diff_sites(a, b), diff_sites(b, a)
    assert forward.count("added") == backward.count("removed") and forward.count("removed") == backward.count("added")
    assert forward.changed == backward.changed == (forward.count("added") + forward.count("removed") + forward.count("modified") > 0)
    assert diff_sites(a, a).documents == [] and not diff_sites(a, site(_site_of(one))).changed
    for render in (to_markdown, to_text, report.to_json):
        assert render(forward)
    json.loads(report.to_json(forward))


def test_key_dates_of_a_calendar_are_compared_by_title(repo):
    calendar = (
        "---\nkind: calendar\nid: retail\ntitle: Retail days\nowner: Sofia\ndates:\n"
        "  - {title: Double 11, date: 2026-11-11, markets: [China]}\n"
        "  - {title: Christmas, start: 2026-12-24, end: 2026-12-26, markets: [Germany]}\n"
        "  - {title: Trade fair, date: 2027-03-02}\n---\n"
    )
    write_tree(repo / "roadmaps", {"key/retail.md": calendar})
    commit(repo, "retail calendar")
    edit(repo, "key/retail.md", "date: 2026-11-11, markets: [China]", "date: 2026-11-12, markets: [China]")
    edit(repo, "key/retail.md", "start: 2026-12-24, end: 2026-12-26, markets: [Germany]", "start: 2026-12-23, end: 2026-12-26, markets: [Germany, Italy]")
    edit(repo, "key/retail.md", "  - {title: Trade fair, date: 2027-03-02}\n", "  - {title: Spring Festival holiday, start: 2027-02-05, end: 2027-02-11}\n")
    result = milepost_diff(repo, "HEAD", "--format", "text")
    assert result.returncode == 1
    lines = [line.strip() for line in result.stdout.splitlines() if "key date" in line]
    assert lines == [
        "key date removed: “Trade fair”",
        "key date added: “Spring Festival holiday” (2027-02-05 → 2027-02-11)",
        "key date “Double 11” moved 1 day later (2026-11-11 → 2026-11-12)",  # a day: one change, not a start and an end
        "key date “Christmas”: start moved 1 day earlier (2026-12-24 → 2026-12-23)",
        "key date “Christmas”: markets Germany → Germany, Italy",
    ]
