"""The plan against its baseline, and its history from Git: real repositories, commits on chosen days.

One repository is built once for most tests (`plan`): the approved plan lives on
its own branch (`approved`, off the first commit), main then moves, renames, adds
and removes campaigns and milestones, and merges a branch. Its site is built
once with `baseline: approved`; the tests read what a user would read.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fixtures import DOCS
from sitekit import build, edit, git, make_site, page

SUMMER = """
---
kind: campaign
id: summer
title: Summer sale
owner: Luca Bianchi
roadmap: q1
start: 2027-03-30
end: 2027-03-31
goals: [users]
depends_on: [spring]
budget: 7000
---
"""

FLYERS = """
---
kind: campaign
id: flyers
title: Flyers
owner: Luca Bianchi
roadmap: q1
start: 2027-01-10
end: 2027-01-20
goals: [users]
budget: 1000
---
"""


def commit(root, message, when, author="Ann Author"):
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, author=author, when=f"{when}T10:00:00+00:00")


def make_plan(root, baseline="approved"):
    """The history the tests read (days in UTC):

    01-04 the plan (users 20000, signups 100); branch `approved` adds the approved dates
          (spring ends 03-10) on 01-05, off main;
    01-11 users 24000, signups 150;   01-18 wechat.md moves to china/ (same id);
    branch `bump` (01-25): users 30000, spring ends 03-29, Go live 02-20 -> 02-27; merged 01-27;
    02-01 teaser ends 3 days earlier, flyers removed, summer added, spring budget 44000,
          the roadmap's mid-quarter review moves to 03-01 and its budget grows to 60000.
    """
    extra = f"      baseline: {baseline}\n" if baseline else ""
    make_site(root, {**DOCS, "q1/flyers.md": FLYERS}, history=True, extra="")
    edit(root / "mkdocs.yml", "      today: 2027-02-15\n", "      today: 2027-02-15\n" + extra)
    docs = root / "docs"
    git(root, "init", "-q", "-b", "main")
    (root / ".gitignore").write_text("site/\n")
    commit(root, "Plan", "2027-01-04")
    git(root, "checkout", "-q", "-b", "approved")
    edit(docs / "q1/spring.md", "end: 2027-03-15", "end: 2027-03-10")
    commit(root, "Approved plan", "2027-01-05", author="Board")
    git(root, "checkout", "-q", "main")
    edit(docs / "goals/users.md", "current: 20000", "current: 24000")
    edit(docs / "q1/spring.md", "actual: 100,", "actual: 150,")
    commit(root, "Weekly numbers", "2027-01-11")
    (docs / "q1/china").mkdir()
    git(root, "mv", "docs/q1/wechat.md", "docs/q1/china/wechat.md")
    commit(root, "Move the WeChat campaign", "2027-01-18")
    git(root, "checkout", "-q", "-b", "bump")
    edit(docs / "goals/users.md", "current: 24000", "current: 30000")
    edit(docs / "q1/spring.md", "end: 2027-03-15", "end: 2027-03-29")
    edit(docs / "q1/spring.md", "date: 2027-02-20", "date: 2027-02-27")
    commit(root, "Spring runs two weeks longer", "2027-01-25", author="Bo Reviewer")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge bump", "bump", when="2027-01-27T12:00:00+00:00")
    edit(docs / "q1/teaser.md", "end: 2027-01\n", "end: 2027-01-28\n")
    (docs / "q1/flyers.md").unlink()
    (docs / "q1/summer.md").write_text(SUMMER.lstrip("\n"), encoding="utf-8")
    edit(docs / "q1/spring.md", "amount: 40000", "amount: 44000")
    edit(docs / "q1/index.md", "date: 2027-02-22", "date: 2027-03-01")
    edit(docs / "q1/index.md", "budget: 50000", "budget: 60000")
    commit(root, "Replan", "2027-02-01")
    return root


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = make_plan(tmp_path_factory.mktemp("plan"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def export(root):
    data = json.loads((root / "site/roadmap.json").read_text(encoding="utf-8"))
    return {item["id"]: item for section in ("goals", "roadmaps", "campaigns") for item in data[section]}


def bar(soup, id):
    found = soup.select(f'.mp-bar[data-id="{id}"]')
    assert len(found) == 1, id
    return found[0]


def test_timeline_bars_carry_the_baseline_and_draw_a_ghost_with_the_slip(plan):
    soup = page(plan, "q1/")
    spring = bar(soup, "spring")
    assert (spring["data-start"], spring["data-end"]) == ("2027-02-01", "2027-03-29")
    assert (spring["data-baseline-start"], spring["data-baseline-end"]) == ("2027-02-01", "2027-03-10")
    assert spring.select_one(".mp-bar__slip").get_text() == "+19 d"
    assert spring.select_one(".mp-bar__ghost") is not None
    teaser = bar(soup, "teaser")
    assert teaser["data-baseline-end"] == "2027-01-31" and teaser.select_one(".mp-bar__slip").get_text() == "\u22123 d"
    wechat = bar(soup, "wechat")  # renamed file, same id, same dates: nothing moved
    assert not wechat.has_attr("data-baseline-start") and wechat.select_one(".mp-bar__ghost") is None
    assert "mp-bar--new" not in wechat["class"]
    summer = bar(soup, "summer")
    assert "mp-bar--new" in summer["class"] and summer.select_one(".mp-bar__new").get_text() == "new"
    assert not soup.select('.mp-bar[data-id="flyers"]')
    site_wide = page(plan, "timeline/")
    assert bar(site_wide, "spring")["data-baseline-end"] == "2027-03-10"


def test_moved_milestones_carry_their_baseline_date(plan):
    soup = page(plan, "q1/")
    go_live = bar(soup, "spring").select_one('.mp-bar__milestone[data-baseline-date]')
    assert (go_live["data-date"], go_live["data-baseline-date"]) == ("2027-02-27", "2027-02-20")
    assert bar(soup, "spring").select_one(".mp-bar__milestone--baseline")["data-date"] == "2027-02-20"
    review = soup.select_one('.mp-marker[data-baseline-date]')
    assert (review["data-date"], review["data-baseline-date"]) == ("2027-03-01", "2027-02-22")
    kick_off = soup.select_one('.mp-marker[data-date="2027-01-05"]')
    assert not kick_off.has_attr("data-baseline-date")


def test_campaign_and_roadmap_pages_show_the_baseline_beside_the_current_plan(plan):
    facts = lambda soup: {d.dt.get_text(strip=True): d.dd.get_text(" ", strip=True) for d in soup.select(".mp-facts > div")}
    spring = facts(page(plan, "q1/spring/"))
    assert spring["Dates"].startswith("Feb 1, 2027 – Mar 29, 2027")
    assert spring["Baseline"] == "Feb 1, 2027 – Mar 10, 2027 +19 d · Budget €40,000"
    assert facts(page(plan, "q1/summer/"))["Baseline"] == "New since the baseline"
    assert facts(page(plan, "q1/"))["Baseline"] == "Jan 1, 2027 – Mar 31, 2027 · Budget €50,000"


def test_variance_page_lists_slips_largest_first_with_what_they_push(plan):
    soup = page(plan, "variance/")
    slipped = soup.select("#mp-slipped tbody tr")
    assert [(r["data-id"], r["data-days"]) for r in slipped] == [("spring", "19")]
    assert slipped[0].select("td")[-1].get_text(strip=True) == "Summer sale"
    assert slipped[0].select_one("a")["href"] == "../q1/spring/"
    earlier = soup.select("#mp-earlier tbody tr")
    assert [(r["data-id"], r["data-days"]) for r in earlier] == [("teaser", "-3")]
    assert [li["data-id"] for li in soup.select(".mp-variance__added li")] == ["summer"]
    assert [li["data-id"] for li in soup.select(".mp-variance__removed li")] == ["flyers"]
    budgets = {r["data-id"]: r.get_text(" ", strip=True) for r in soup.select(".mp-variance__budgets tbody tr")}
    assert set(budgets) == {"spring", "q1"} and "€40,000 €44,000 +€4,000" in budgets["spring"]
    assert budgets["q1"].startswith("Roadmap")
    totals = {r["data-currency"]: r.get_text(" ", strip=True) for r in soup.select(".mp-variance__totals tbody tr")}
    # baseline: spring 40000 + teaser 5000 + flyers 1000; now: spring 44000 + teaser 5000 + summer 7000
    assert totals["EUR"] == "Campaigns (EUR) €46,000 €56,000 +€10,000"
    assert totals["CNY"].startswith("Campaigns (CNY)")
    milestones = [(r["data-id"], r["data-days"], r.td.get_text(strip=True)) for r in soup.select(".mp-variance__milestones tbody tr")]
    assert milestones == [("q1", "7", "◆ Mid-quarter review"), ("spring", "7", "◆ Go live")]
    assert soup.select_one("[data-mp-threshold]") is not None
    assert "approved" in soup.select_one(".mp-variance__intro").get_text()


def test_roadmap_json_items_get_their_baseline_and_histories(plan):
    items = export(plan)
    assert items["spring"]["baseline"] == {"start": "2027-02-01", "end": "2027-03-10", "budget": {"amount": 40000, "currency": "EUR", "spent": 10000, "lines": []}}
    assert items["summer"]["baseline"] is None
    assert items["wechat"]["baseline"]["end"] == "2027-02-28"
    assert items["users"]["baseline"]["end"] == "2027-09-30"
    # the merge brought 30000 to main on 01-27: the first parent's day, not the branch commit's 01-25
    assert items["users"]["history"] == [
        {"date": "2027-01-04", "value": 20000},
        {"date": "2027-01-11", "value": 24000},
        {"date": "2027-01-27", "value": 30000},
    ]
    kpis = {k["metric"]: k["history"] for k in items["spring"]["kpis"]}
    assert kpis == {"signups": [{"date": "2027-01-04", "value": 100}, {"date": "2027-01-11", "value": 150}], "CTR": [{"date": "2027-01-04", "value": 2.9}]}
    assert items["china-users"]["history"] == [{"date": "2027-01-04", "value": 2000}]


def test_goal_and_campaign_pages_chart_the_history_and_list_it_as_a_table(plan):
    goal = page(plan, "goals/users/")
    chart = goal.select_one(".mp-trend")
    points = chart.select("circle.mp-trend__point")
    assert [(p["data-date"], p["data-value"]) for p in points] == [("2027-01-04", "20000"), ("2027-01-11", "24000"), ("2027-01-27", "30000")]
    ys = [float(p["cy"]) for p in points]
    assert ys[0] > ys[1] > ys[2]  # rising values climb
    assert float(chart.select_one(".mp-trend__target")["y1"]) < ys[2]  # the target, 50000, is above them all
    assert chart.select_one(".mp-trend__pace") is not None
    rows = [r.get_text(" ", strip=True) for r in chart.select("tbody tr")]
    assert rows == ["Jan 4, 2027 20,000", "Jan 11, 2027 24,000", "Jan 27, 2027 30,000"]
    spring = page(plan, "q1/spring/")
    assert [c.figcaption.get_text(" ", strip=True).split(" (")[0] for c in spring.select(".mp-trend")] == ["signups", "CTR"]


def test_stale_kpi_data_is_listed_on_the_home_page_and_the_campaign_page(plan):
    home = page(plan, "")
    assert [li["data-id"] for li in home.select(".mp-stale-list li")] == ["spring"]
    assert "Jan 11, 2027" in home.select_one(".mp-stale-list li").get_text()
    spring = page(plan, "q1/spring/")
    assert "last changed Jan 11, 2027, 35 days ago" in spring.select_one(".mp-stale").get_text()
    assert page(plan, "q1/china/wechat/").select_one(".mp-stale") is None  # running, but no KPIs


def test_last_updated_and_what_changed_come_from_the_same_pass(plan):
    changes = page(plan, "changes/")
    assert [c.h2.get_text() for c in changes.select(".mp-commit")] == ["Replan", "Merge bump", "Move the WeChat campaign", "Weekly numbers", "Plan"]
    merge = changes.select(".mp-commit")[1].get_text(" ", strip=True)
    assert "end moved 14 days later" in merge
    renamed = changes.select(".mp-commit")[2].select_one(".mp-commit__summary").get_text()
    assert "added" not in renamed and "removed" not in renamed
    facts = {d.dt.get_text(strip=True): d.dd.get_text(" ", strip=True) for d in page(plan, "q1/china/wechat/").select(".mp-facts > div")}
    assert facts["Last updated"] == "Jan 18, 2027 · Ann Author"


def test_a_baseline_git_cannot_find_fails_the_build_naming_it(tmp_path):
    root = make_plan(tmp_path, baseline="plan-2027-approved")
    result = build(root)
    assert result.returncode == 1
    assert "option 'baseline'" in result.stderr and "unknown revision 'plan-2027-approved'" in result.stderr


def test_without_the_option_nothing_of_the_baseline_shows(tmp_path):
    root = make_plan(tmp_path, baseline=None)
    assert build(root, "--strict").returncode == 0
    assert not (root / "site/variance").exists()
    assert "baseline" not in export(root)["spring"] and "data-baseline-start" not in (root / "site/q1/index.html").read_text()
    assert export(root)["users"]["history"][-1] == {"date": "2027-01-27", "value": 30000}


def test_a_shallow_clone_warns_which_features_need_the_whole_history(tmp_path):
    origin = make_plan(tmp_path / "origin", baseline=None)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    strict = build(clone, "--strict")
    assert strict.returncode == 1 and "shallow clone" in strict.stderr and "fetch-depth: 0" in strict.stderr
    assert "trends of goals and KPIs" in strict.stderr
    assert build(clone).returncode == 0
    # what the clone has: one commit, its day, its values
    assert export(clone)["users"]["history"] == [{"date": "2027-02-01", "value": 30000}]


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The plan's repository, not built: for the command line."""
    return make_plan(tmp_path_factory.mktemp("cli"), baseline=None)


def milepost(root, *args):
    result = subprocess.run([sys.executable, "-m", "milepost", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def test_diff_adds_a_mermaid_gantt_of_moved_campaigns_under_the_words(repo):
    result = milepost(repo, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 1
    words, _, chart = result.stdout.partition("### Timeline, before and after")
    assert "end moved 3 days earlier" in words and "```mermaid" not in words
    block = chart.split("```mermaid\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[:3] == ["gantt", "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m-%d"]
    assert block[3:] == [
        "    section Teaser « avant-première »",
        "    before :done, b0, 2027-01-01, 31d",
        "    after :active, a0, 2027-01-01, 28d",
        "    section Flyers",
        "    removed :done, b1, 2027-01-10, 11d",
        "    section Summer sale",
        "    added :active, a2, 2027-03-30, 2d",
    ]  # spring's budget changed, not its dates: not drawn
    assert "```mermaid" not in milepost(repo, "diff", "HEAD~1", "HEAD", "--format", "text").stdout


def test_diff_baseline_compares_the_working_tree_in_variance_terms(repo):
    text = milepost(repo, "diff", "--baseline", "approved", "--format", "text")
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Against the baseline approved (") and "1 slipped, 1 moved earlier, 1 added, 1 removed" in lines[0]
    assert "  Spring launch (spring) · 2027-02-01 → 2027-03-10 · 2027-02-01 → 2027-03-29 · +19 d · Summer sale (summer)" in lines
    data = json.loads(milepost(repo, "diff", "--baseline", "approved", "--format", "json").stdout)
    assert [(m["id"], m["days"], m["pushes"]) for m in data["slipped"]] == [("spring", 19, ["summer"])]
    assert [(m["id"], m["days"]) for m in data["earlier"]] == [("teaser", -3)]
    assert data["totals"]["EUR"] == {"baseline": 46000, "now": 56000, "change": 10000}
    assert [(m["id"], m["title"], m["days"]) for m in data["milestones"]] == [("q1", "Mid-quarter review", 7), ("spring", "Go live", 7)]
    markdown = milepost(repo, "diff", "--baseline", "approved").stdout
    assert "| Spring launch (`spring`) | 2027-02-01 → 2027-03-10 | 2027-02-01 → 2027-03-29 | +19 d | Summer sale (`summer`) |" in markdown
    assert "    after :active, a2, 2027-02-01, 57d" in markdown
    spring = repo / "docs/q1/spring.md"
    edit(spring, "end: 2027-03-29", "end: 2027-03-30")
    try:  # an uncommitted edit counts: the working tree is compared
        assert json.loads(milepost(repo, "diff", "--baseline", "approved", "--format", "json").stdout)["slipped"][0]["days"] == 20
    finally:
        git(repo, "checkout", "--", "docs/q1/spring.md")
    same = milepost(repo, "diff", "--baseline", "main", "HEAD", "--format", "text")
    assert (same.returncode, same.stdout.splitlines()[0].endswith("no change")) == (0, True)
    missing = milepost(repo, "diff", "--baseline", "plan-2099")
    assert missing.returncode == 2 and "unknown revision 'plan-2099'" in missing.stderr


def test_the_history_is_read_once_per_commit_at_head(tmp_path, monkeypatch):
    """What `mkdocs serve` relies on: rebuilds at the same HEAD do not run `git log` again; a new commit does."""
    from milepost.review import history, revision

    root = make_plan(tmp_path, baseline=None)
    logs = []
    real = revision.Repository.git
    monkeypatch.setattr(revision.Repository, "git", lambda self, *args, **kw: (logs.append(args) if "log" in args else None) or real(self, *args, **kw))
    repo = history.repository(root / "docs")
    first = history.read(repo, "EUR", 10)
    assert history.read(repo, "EUR", 10) is first and len(logs) == 1
    edit(root / "docs/goals/users.md", "current: 30000", "current: 31000")
    commit(root, "More users", "2027-02-10")
    later = history.read(repo, "EUR", 10)
    assert len(logs) == 2 and later.trends.goals["users"][-1].value == 31000 and later.recent[0][0].subject == "More users"


def test_a_baseline_on_the_branch_is_taken_from_the_history_pass(tmp_path, monkeypatch):
    """The pass replayed the baseline's commit: its files are exactly those Git lists at it (links
    followed, the merge's changes in), read without `git ls-tree`; a baseline on another branch is read from Git."""
    from datetime import date

    from milepost.review import history, revision

    root = make_plan(tmp_path, baseline=None)
    (root / "docs/about.md").write_text("# About\n", encoding="utf-8")
    (root / "docs/q1/about.md").symlink_to("../about.md")
    commit(root, "About", "2027-02-02")
    repo = history.repository(root / "docs")
    found = history.read(repo, "EUR", 10)
    for name in ("HEAD~4", "HEAD~2", "HEAD~1", "HEAD"):
        sha = revision.resolve(repo, name)
        assert found.files_at(sha) == revision.files_at(repo, sha), name
    assert "q1/about.md" in found.files_at(revision.resolve(repo, "HEAD")) and found.files_at(revision.resolve(repo, "approved")) is None
    listed = []
    real = revision.Repository.git
    monkeypatch.setattr(revision.Repository, "git", lambda self, *args, **kw: (listed.append(args) if "ls-tree" in args else None) or real(self, *args, **kw))
    assert history.baseline(repo, "HEAD~4", "EUR").site.by_id["spring"].end == date(2027, 3, 15) and not listed
    assert history.baseline(repo, "approved", "EUR").site.by_id["spring"].end == date(2027, 3, 10) and len(listed) == 1
