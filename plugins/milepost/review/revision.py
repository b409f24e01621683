"""A roadmap site as it is at a Git revision, or in the working tree.

A revision is read from Git's object store, never by checking it out: the
working tree, the index and HEAD are left alone. One `git ls-tree` lists the
docs dir at that commit and one `git cat-file --batch` process streams every
blob, so reading 5,000 files costs three processes, not 5,000.

The working tree is read from disk as `milepost validate` reads it, so
uncommitted and untracked edits count.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from milepost.core.cache import Memo
from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core.load import MARKDOWN_EXTENSIONS, displayer, files_on_disk, read_files
from milepost.core.problems import Problem
from milepost.core.validate import Checked, checked

WORKING_TREE = "working tree"


class RevisionError(Exception):
    """Usage the command line answers with exit code 2: no repository, an unknown revision."""


@dataclass(frozen=True, slots=True)
class Repository:
    """A docs dir inside a Git work tree: `prefix` is the docs dir's path from `top` ('' for the top itself)."""

    top: Path
    prefix: str

    def git(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(
                ["git", "-C", str(self.top), "--literal-pathspecs", *args],
                input=input,
                capture_output=True,
            )
        except OSError as error:
            raise RevisionError(f"cannot run git: {error.strerror}") from None


def locate(docs_dir: str | os.PathLike) -> Repository:
    """The repository holding `docs_dir`, which need not exist in the working tree (it may exist only at a revision)."""
    wanted = Path(os.path.abspath(docs_dir))
    probe = wanted
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    try:
        result = subprocess.run(["git", "-C", str(probe), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror}") from None
    if result.returncode != 0:
        why = (result.stderr.strip().splitlines() or [""])[0].removeprefix("fatal: ")
        detail = "" if not why or "not a git repository" in why.lower() else f" ({why})"  # e.g. git's "dubious ownership"
        raise RevisionError(f"{docs_dir} is not in a Git repository{detail}")
    top = Path(result.stdout.strip())
    prefix = os.path.relpath(os.path.realpath(wanted), os.path.realpath(top))
    if prefix == os.pardir or prefix.startswith(os.pardir + os.sep):
        raise RevisionError(f"{docs_dir} is outside the Git repository {top}")
    return Repository(top, "" if prefix == os.curdir else Path(prefix).as_posix())


def resolve(repo: Repository, revision: str) -> str:
    """The full id of the commit `revision` names (a branch, a tag, a sha, `HEAD~2`, `origin/main` …)."""
    if not revision or revision.startswith("-"):
        raise RevisionError(f"unknown revision '{revision}'")
    result = repo.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if result.returncode != 0:
        hint = " (a shallow clone has only what it fetched: fetch it, or check out with fetch-depth: 0)" if (repo.top / ".git/shallow").exists() else ""
        raise RevisionError(f"unknown revision '{revision}': not a commit, branch or tag of {repo.top}{hint}")
    return result.stdout.decode().strip()


def merge_base(repo: Repository, one: str, other: str) -> str:
    """The commit `git diff ONE...OTHER` compares with: where OTHER's branch left ONE's."""
    result = repo.git("merge-base", "--end-of-options", one, other)
    if result.returncode != 0:
        raise RevisionError(f"'{one}' and '{other}' have no common ancestor")
    return result.stdout.decode().strip()


def files_at(repo: Repository, commit: str) -> dict[str, bytes]:
    """Every Markdown file of the docs dir at `commit`, by path relative to the docs dir."""
    listing = repo.git("ls-tree", "-r", "-z", "--full-tree", commit, *([f"{repo.prefix}/"] if repo.prefix else []))
    if listing.returncode != 0:
        raise RevisionError(f"cannot list {commit}: {listing.stderr.decode(errors='replace').strip()}")
    start = f"{repo.prefix}/" if repo.prefix else ""
    blobs: dict[str, str] = {}  # source -> blob id
    links: dict[str, str] = {}  # source -> blob id of a symbolic link
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split(" ")
        path = name.decode("utf-8", "surrogateescape")
        if kind != "blob" or not path.startswith(start):
            continue  # a submodule, or outside the docs dir
        source = path[len(start) :]
        if mode == "120000":
            links[source] = blob
        elif source.lower().endswith(MARKDOWN_EXTENSIONS):
            blobs[source] = blob
    if links:  # the working tree follows links to files: so does a revision, inside the docs dir
        targets = cat(repo, list(dict.fromkeys(links.values())))
        for source, blob in links.items():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), targets[blob].decode("utf-8", "surrogateescape")))
            if target in blobs and source.lower().endswith(MARKDOWN_EXTENSIONS):
                blobs[source] = blobs[target]
    contents = cat(repo, list(dict.fromkeys(blobs.values())))
    return {source: contents[blob] for source, blob in sorted(blobs.items())}


def cat(repo: Repository, blobs: list[str]) -> dict[str, bytes]:
    """The contents of many blobs from one `git cat-file --batch` process."""
    if not blobs:
        return {}
    result = repo.git("cat-file", "--batch", input="".join(f"{blob}\n" for blob in blobs).encode())
    if result.returncode != 0:
        raise RevisionError(f"git cat-file failed: {result.stderr.decode(errors='replace').strip()}")
    out, at, found = result.stdout, 0, {}
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3:
            raise RevisionError(f"git cat-file cannot read {blob}: {out[at:end].decode(errors='replace')}")
        size = int(header[2])
        found[blob] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the content is followed by a newline
    return found


@dataclass(slots=True, kw_only=True)
class Snapshot(Checked):
    """A roadmap site at one revision, read and checked."""

    label: str  # as the user named it, or "working tree"
    commit: str | None  # None for the working tree


def snapshot(
    files: dict[str, bytes],
    display,
    currency: str,
    label: str,
    commit: str | None,
    problems: list[Problem] | None = None,
    memo: Memo | None = None,
    fiscal: Fiscal = CALENDAR_YEAR,
) -> Snapshot:
    """Read and validate files (source -> bytes) as `validate.check` does the working tree;
    `display(source)` is the path shown in messages, `problems` those found listing the files.

    Share one `memo` between the two sides of a diff: a file that did not change is read once,
    and its document is the same object on both sides (nothing downstream changes a document).
    """
    loaded = read_files(files, display, currency, memo, fiscal=fiscal)
    loaded.problems[:0] = problems or []
    found = checked(loaded, display)
    return Snapshot(site=found.site, problems=found.problems, files=found.files, unreadable=found.unreadable, label=label, commit=commit)


def read_revision(
    repo: Repository,
    revision: str | None,
    currency: str,
    *,
    label: str | None = None,
    docs_dir: str | os.PathLike | None = None,
    memo: Memo | None = None,
    fiscal: Fiscal = CALENDAR_YEAR,
) -> Snapshot:
    """The site at `revision` (a commit id or any name Git knows), or in the working tree when it is None."""
    if revision is None:
        folder = Path(docs_dir) if docs_dir is not None else repo.top / repo.prefix
        files, problems = files_on_disk(folder)
        return snapshot(files, displayer(folder), currency, label or WORKING_TREE, None, problems, memo, fiscal)
    commit = resolve(repo, revision)
    return snapshot(files_at(repo, commit), displayer(repo.top / repo.prefix), currency, label or revision, commit, memo=memo, fiscal=fiscal)
