"""`milepost diff` on the execution-plan additions: a follower moved with what it follows, a
progress-log entry, budget lines and a retrospective, phrased for reviewers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import campaign, clean_site
from sitekit import edit as edit_file
from sitekit import git, write_tree


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str) -> None:
    """The first `old` in the docs dir's file `name` replaced by `new`."""
    edit_file(repo / "roadmaps" / name, old, new, count=1)


def diff(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "milepost", "diff", "main", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    follow = campaign("c-follow", start="after c-launch + 2w", end="+6w", updates="\n  - {date: 2026-02-01, text: Brief signed off}", budget="\n  amount: 9000\n  lines:\n    - {item: Media, amount: 5000}")
    write_tree(root, {"mkdocs.yml": "site_name: Plan\ndocs_dir: roadmaps\nplugins:\n  - milepost\n"})
    write_tree(root / "roadmaps", {**clean_site(), "campaigns/follow.md": follow})
    git(root, "init", "-q", "-b", "main")
    commit(root, "plan")
    return root


def test_a_follower_moved_with_what_it_follows(repo):
    edit(repo, "campaigns/launch.md", "end: 2026-04-30", "end: 2026-05-14")
    result = diff(repo, "--format", "text")
    assert result.returncode == 1, result.stderr
    assert "Campaign c-follow (c-follow) moved with Campaign c-launch (c-launch): moved 14 days later: 2026-05-29 → 2026-07-09 (was 2026-05-15 → 2026-06-25); still 42 days long" in " ".join(result.stdout.split())


def test_a_rewritten_relative_start_is_not_said_to_move_with_anything(repo):
    edit(repo, "campaigns/follow.md", "after c-launch + 2w", "after c-launch + 3w")
    out = " ".join(diff(repo, "--format", "text").stdout.split())
    assert "moved 7 days later: 2026-05-22 → 2026-07-02 (was 2026-05-15 → 2026-06-25)" in out
    assert "moved with" not in out


def test_updates_budget_lines_and_retrospectives_are_changes(repo):
    edit(repo, "campaigns/follow.md", "  - {date: 2026-02-01, text: Brief signed off}", "  - {date: 2026-02-01, text: Brief signed off}\n  - {date: 2026-02-08, text: KOL list agreed, progress: 20}")
    edit(repo, "campaigns/follow.md", "    - {item: Media, amount: 5000}", "    - {item: Media, amount: 6000}\n    - {item: KOL fees, amount: 2500}")
    edit(repo, "campaigns/launch.md", "goals: [g-users]", "goals: [g-users]\nretrospective:\n  result: 450 sign-ups of 500")
    result = diff(repo, "--format", "text")
    out = " ".join(result.stdout.split())
    assert "update of 8 Feb added: “KOL list agreed” (20%)" in out
    assert "budget line “Media”: amount 5,000 → 6,000 (+1,000)" in out
    assert "budget line “KOL fees” added: 2,500" in out
    assert "retrospective added" in out
    data = json.loads(diff(repo, "--format", "json").stdout)
    follow = next(d for d in data["documents"] if d["id"] == "c-follow")
    assert {"change": "updates.added", "item": "2026-02-08", "before": None, "after": {"date": "2026-02-08", "text": "KOL list agreed", "progress": 20}} in follow["changes"]
