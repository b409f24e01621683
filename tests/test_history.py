"""What the site takes from Git history: "Last updated" on each roadmap page, and the What changed page."""

from __future__ import annotations

from fixtures import DOCS
from sitekit import build, edit, git, make_site, page


def facts(soup):
    return {d.dt.get_text(strip=True): d.dd.get_text(" ", strip=True) for d in soup.select(".mp-facts > div")}


def repo_with_history(root):
    """Three commits: the plan; Bo moves the launch and grows its budget; Cy edits only prose."""
    make_site(root, DOCS, history=True)
    git(root, "init", "-q", "-b", "main")
    (root / ".gitignore").write_text("site/\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Plan", when="2027-01-10T09:00:00+00:00")
    edit(root / "docs/q1/spring.md", "start: 2027-02\n", "start: 2027-02-15\n")
    edit(root / "docs/q1/spring.md", "amount: 40000", "amount: 44000")
    git(root, "commit", "-q", "-am", "Launch two weeks later", author="Bo Reviewer", when="2027-02-03T17:30:00+00:00")
    (root / "docs/q1/teaser.md").write_text((root / "docs/q1/teaser.md").read_text(encoding="utf-8") + "\nMore prose.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Teaser prose", author="Cy Writer", when="2027-02-04T08:00:00+00:00")
    return root


def test_last_updated_comes_from_the_newest_commit_of_each_file(tmp_path):
    root = repo_with_history(tmp_path)
    assert build(root, "--strict").returncode == 0
    assert facts(page(root, "q1/spring/"))["Last updated"] == "Feb 3, 2027 · Bo Reviewer"
    assert facts(page(root, "q1/teaser/"))["Last updated"] == "Feb 4, 2027 · Cy Writer"
    assert facts(page(root, "q1/wechat/"))["Last updated"] == "Jan 10, 2027 · Ann Author"


def test_what_changed_page_describes_recent_commits_in_roadmap_terms(tmp_path):
    root = repo_with_history(tmp_path)
    assert build(root, "--strict").returncode == 0
    soup = page(root, "changes/")
    commits = soup.select(".mp-commit")
    assert [c.h2.get_text() for c in commits] == ["Teaser prose", "Launch two weeks later", "Plan"]
    prose, moved, plan = commits
    assert "Cy Writer" in prose.get_text() and "only the prose of 1 document" in prose.select_one(".mp-commit__summary").get_text()
    lines = moved.select_one(".mp-commit__documents").get_text(" ", strip=True)
    assert "start moved 14 days later (2027-02-01 → 2027-02-15)" in lines and "budget 40,000 → 44,000 EUR (+4,000)" in lines
    assert moved.select_one(".mp-commit__documents a")["href"] == "../q1/spring/"
    assert "6 documents changed: 6 added" in plan.select_one(".mp-commit__summary").get_text()
    nav = soup.select_one(".md-nav--primary").get_text()
    assert "What changed" in nav


def test_changes_option_limits_the_page(tmp_path):
    root = repo_with_history(tmp_path)
    mkdocs = root / "mkdocs.yml"
    edit(mkdocs, "      today: 2027-02-15\n", "      today: 2027-02-15\n      changes: 1\n")
    assert build(root, "--strict").returncode == 0
    assert [c.h2.get_text() for c in page(root, "changes/").select(".mp-commit")] == ["Teaser prose"]


def test_shallow_clone_shows_what_it_has_and_says_so(tmp_path):
    origin = repo_with_history(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(clone))
    result = build(clone)  # with a warning that fails --strict: see test_baseline's shallow clone
    assert result.returncode == 0, result.stderr
    assert "shallow clone" in result.stderr
    soup = page(clone, "changes/")
    assert "shallow clone" in soup.select_one(".mp-note").get_text()
    assert [c.h2.get_text() for c in soup.select(".mp-commit")] == ["Teaser prose", "Launch two weeks later"]


def test_outside_git_the_history_is_left_out_with_a_warning(tmp_path):
    root = make_site(tmp_path, DOCS, history=True)
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    strict = build(root, "--strict", env=env)
    assert strict.returncode == 1 and "not in a Git repository" in strict.stderr
    relaxed = build(root, env=env)
    assert relaxed.returncode == 0
    assert "Last updated" not in facts(page(root, "q1/spring/"))
    assert not (root / "site/changes").exists()
