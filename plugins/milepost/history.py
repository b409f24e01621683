"""What Git knows about the roadmaps: when each file last changed, and by whom.

One `git log --name-only` pass reads the whole history of the docs dir, so the
cost does not grow with one process per page (a per-page `git log`, as
mkdocs-git-revision-date-localized does, means 5,000 processes for 5,000
campaigns).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    day: date  # author date, UTC
    author: str
    subject: str


@dataclass(slots=True)
class Repository:
    """A docs dir inside a Git work tree: `prefix` is the docs dir's path from the top."""

    top: Path
    prefix: str
    shallow: bool

    def git(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["git", "-C", str(self.top), "-c", "core.quotePath=false", *args], capture_output=True, text=True, encoding="utf-8", errors="replace")
        if check and result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout


def repository(docs_dir: str | Path) -> Repository | None:
    """The Git repository holding `docs_dir`, or None outside Git (or without git installed)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(docs_dir), "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"],
            capture_output=True,
            text=True,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    top, prefix, shallow = (result.stdout.splitlines() + ["", "", ""])[:3]
    if not Path(top).is_dir():
        return None
    return Repository(Path(top), prefix, shallow == "true")


def parse_log(text: str, prefix: str) -> list[tuple[Commit, list[str]]]:
    """Commits of `git log --format=%x1e%H%x1f%at%x1f%an%x1f%s --name-only`, with docs-dir-relative paths."""
    commits = []
    for record in text.split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        sha, stamp, author, subject = (header.split("\x1f") + ["", "", "", ""])[:4]
        day = datetime.fromtimestamp(int(stamp), tz=timezone.utc).date()
        paths = [name[len(prefix):] for name in names.splitlines() if name.startswith(prefix) and name]
        commits.append((Commit(sha, day, author, subject), paths))
    return commits


def last_changes(repo: Repository) -> dict[str, Commit]:
    """The newest commit that touched each file of the docs dir, by docs-dir path."""
    log = repo.git("log", "--no-merges", "--format=%x1e%H%x1f%at%x1f%an%x1f%s", "--name-only", "--", repo.prefix or ".")
    newest: dict[str, Commit] = {}
    for commit, paths in parse_log(log, repo.prefix):
        for path in paths:
            newest.setdefault(path, commit)
    return newest
