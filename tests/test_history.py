"""What the site takes from Git history: "Last updated" on each roadmap page."""

from __future__ import annotations

import os
import subprocess

from fixtures import DOCS
from sitekit import build, make_site, page


def git(cwd, *args, author="Ann Author", when="2027-01-10T09:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": author,
           "GIT_COMMITTER_EMAIL": "a@example.com", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def facts(soup):
    return {d.dt.get_text(strip=True): d.dd.get_text(" ", strip=True) for d in soup.select(".mp-facts > div")}


def test_last_updated_comes_from_the_newest_commit_of_each_file(tmp_path):
    root = make_site(tmp_path, DOCS)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Plan")
    spring = root / "docs/q1/spring.md"
    spring.write_text(spring.read_text(encoding="utf-8").replace("progress: 40", "progress: 55"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Spring progress", author="Bo Reviewer", when="2027-02-03T17:30:00+00:00")
    assert build(root, "--strict").returncode == 0
    assert facts(page(root, "q1/spring/"))["Last updated"] == "Feb 3, 2027 · Bo Reviewer"
    assert facts(page(root, "q1/teaser/"))["Last updated"] == "Jan 10, 2027 · Ann Author"


def test_outside_git_there_is_no_last_updated_and_no_error(tmp_path):
    root = make_site(tmp_path, DOCS)
    result = build(root, "--strict", env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.returncode == 0, result.stderr
    assert "Last updated" not in facts(page(root, "q1/spring/"))
