"""What Git knows about the roadmaps: when each file last changed, and what recent commits changed.

One `git log --name-only` pass reads the history of the docs dir, so "Last
updated" does not cost one process per page (a per-page `git log`, as
mkdocs-git-revision-date-localized does, means 5,000 processes for 5,000
campaigns). Revisions are read through `revision`, from Git's object store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timezone

from milepost.core.cache import Memo
from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core.model import Site
from milepost.review import revision
from milepost.review.compare import Changes, diff_sites
from milepost.review.report import described

LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%at%x1f%an%x1f%s"


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    parent: str | None  # the first parent; None for a root commit
    day: date  # author date, UTC
    author: str
    subject: str


def repository(docs_dir) -> revision.Repository | None:
    """The Git repository holding `docs_dir`, or None outside Git (or without git installed)."""
    try:
        return revision.locate(docs_dir)
    except revision.RevisionError:
        return None


def is_shallow(repo: revision.Repository) -> bool:
    return repo.git("rev-parse", "--is-shallow-repository").stdout.strip() == b"true"


def _log(repo: revision.Repository, *args: str) -> list[tuple[Commit, list[str]]]:
    """Commits of `git log` over the docs dir, each with the docs-dir paths it touched."""
    result = repo.git("-c", "core.quotePath=false", "log", LOG_FORMAT, "--name-only", *args, "--", repo.prefix or ".")
    if result.returncode != 0:
        return []
    prefix = f"{repo.prefix}/" if repo.prefix else ""
    commits = []
    for record in result.stdout.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        sha, parents, stamp, author, subject = (header.split("\x1f") + [""] * 5)[:5]
        day = datetime.fromtimestamp(int(stamp), tz=timezone.utc).date()
        paths = [name[len(prefix) :] for name in names.splitlines() if name and name.startswith(prefix)]
        commits.append((Commit(sha, (parents.split() or [None])[0], day, author, subject), paths))
    return commits


def last_changes(repo: revision.Repository) -> dict[str, Commit]:
    """The newest commit that touched each file of the docs dir, by docs-dir path."""
    newest: dict[str, Commit] = {}
    for commit, paths in _log(repo, "--no-merges"):
        for path in paths:
            newest.setdefault(path, commit)
    return newest


def recent_changes(repo: revision.Repository, count: int, currency: str, fiscal: Fiscal = CALENDAR_YEAR) -> list[tuple[Commit, Changes]]:
    """The roadmap changes of the last `count` commits (first parents) that touched the docs dir, newest first.

    A commit whose parent a shallow clone does not have is left out: comparing it
    with nothing would report every document as added.
    """
    memo: Memo = {}  # unchanged files are read once
    snapshots: dict[str | None, revision.Snapshot] = {None: revision.Snapshot(site=Site([]), label="nothing", commit=None)}
    display = lambda source: f"{repo.prefix}/{source}" if repo.prefix else source

    def at(sha: str | None) -> revision.Snapshot:
        if sha not in snapshots:
            snapshots[sha] = revision.snapshot(revision.files_at(repo, sha), display, currency, sha[:10], sha, memo=memo, fiscal=fiscal)
        return snapshots[sha]

    found = []
    for commit, _ in _log(repo, "--first-parent", f"--max-count={count}"):
        if commit.parent is not None and repo.git("cat-file", "-e", f"{commit.parent}^{{commit}}").returncode != 0:
            continue  # the shallow boundary
        before, after = at(commit.parent), at(commit.sha)
        found.append((commit, diff_sites(before.site, after.site, unreadable_before=before.unreadable, unreadable_after=after.unreadable)))
    return found


def recent_notes(repo: revision.Repository, count: int, currency: str, fiscal: Fiscal = CALENDAR_YEAR) -> list[dict]:
    """`recent_changes` as plain data for the What changed page: each commit's sha, subject, day
    and author, with its summary and documents in words (`report.described`)."""
    return [{**dataclasses.asdict(commit), **described(changes)} for commit, changes in recent_changes(repo, count, currency, fiscal)]


def for_site(docs_dir, changes: int, currency: str, fiscal: Fiscal = CALENDAR_YEAR) -> dict | None:
    """What the site shows of Git, as plain data: `updated` (source -> the commit that last touched
    it) and, unless `changes` is 0, the `recent` notes of that many commits and whether the clone is
    `shallow`. None outside a Git repository."""
    repo = repository(docs_dir)
    if repo is None:
        return None
    known: dict = {"updated": last_changes(repo)}
    if changes > 0:
        known.update(recent=recent_notes(repo, changes, currency, fiscal), shallow=is_shallow(repo))
    return known
