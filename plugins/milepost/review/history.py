"""What Git knows about the roadmaps, read in one pass: "Last updated", What changed, trends.

One `git log --first-parent --raw` lists, for every commit of the branch that
touched the docs dir, the files it changed and their new blobs; one
`git cat-file --batch` then streams those blobs. Replaying the changes oldest
first rebuilds the docs dir at each commit without `git ls-tree` or a checkout,
so the cost is two processes whatever the length of the history (a per-page
`git log`, as mkdocs-git-revision-date-localized does, means 5,000 processes
for 5,000 campaigns). A merge counts as one change of the branch, against its
first parent: the branch's own history, as `git log --first-parent` shows it.

The commits What changed describes are compared by what each changed
(`replay`), not as two whole sites; a `baseline` on the branch is taken from
the replay, not read from Git again. The answer depends only on the commit at
HEAD, so it is kept per HEAD: the rebuilds of `mkdocs serve` read the history
once, not at every edit.
"""

from __future__ import annotations

import codecs
import dataclasses
import gc
import posixpath
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

from milepost.core import cache
from milepost.core.cache import Memo
from milepost.core.load import MARKDOWN_EXTENSIONS, displayer, read_document, read_files
from milepost.core.validate import settle
from milepost.review import revision
from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.review.compare import Changes
from milepost.review.replay import Docs
from milepost.review.report import described
from milepost.review.trends import Trends

LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%at%x1f%ct%x1f%an%x1f%s"
LINK = "120000"  # the file mode of a symbolic link
GITLINK = "160000"  # the file mode of a submodule


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    parent: str | None  # the first parent; None for a root commit
    day: date  # author date, UTC
    author: str
    subject: str
    landed: date | None = None  # committer date, UTC: when it reached the branch (a rebased commit keeps its author date)


@dataclass(slots=True)
class _Step:
    commit: Commit
    changed: list[tuple[str, str, str | None]]  # (source, mode, blob; None when deleted)


@dataclass(slots=True)
class History:
    head: str
    shallow: bool  # a shallow clone: the history stops where the clone was cut
    updated: dict[str, Commit] = field(default_factory=dict)  # source -> the newest commit that changed it
    recent: list[tuple[Commit, Changes]] = field(default_factory=list)  # newest first
    trends: Trends = field(default_factory=Trends)
    commits: int = 0  # how many commits of the branch touched the docs dir
    memo: Memo = field(default_factory=dict, repr=False)  # every version the pass read: the baseline's reading reuses it
    steps: list[_Step] = field(default_factory=list, repr=False)  # what each commit changed, oldest first
    contents: dict[str, bytes] = field(default_factory=dict, repr=False)  # blob -> bytes, every blob of `steps`

    def files_at(self, commit: str) -> dict[str, bytes] | None:
        """The docs dir's Markdown files at `commit` when it is one of the commits replayed (a
        baseline on the branch), as `revision.files_at` lists them; else None. A shallow clone's
        first commit is cut from its parent: its files are read from Git instead."""
        if self.shallow or not any(step.commit.sha == commit for step in self.steps):
            return None
        tree: dict[str, tuple[str, str]] = {}
        for step in self.steps:
            _replay(tree, step)
            if step.commit.sha == commit:
                return _files(tree, self.contents)
        return None


@dataclass(slots=True)
class Reader:
    """How revisions are read: one `memo` (see `core.cache`) for every revision of the pass, so a
    version read once is never parsed again; seeded with the working tree's, a file unchanged
    since is not parsed at all."""

    currency: str
    display: Callable[[str], str]
    fiscal: Fiscal = CALENDAR_YEAR
    memo: Memo = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict, repr=False)  # source -> display(source): a revision repeats the same few thousand

    def path(self, source: str) -> str:
        found = self.shown.get(source)
        if found is None:
            found = self.shown[source] = self.display(source)
        return found

    def document(self, source: str, data: bytes):
        """The document `data` holds at `source`, or None when it holds none."""
        return self.answer(source, data)[0]

    def answer(self, source: str, data: bytes) -> tuple:
        """What `load.read_files` makes of `data` at `source`: (document or None, problems)."""
        key = cache.key(source, self.path(source), self.currency, data, self.fiscal)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = read_document(data, source, self.path(source), self.currency, self.fiscal)
        return found

    def site(self, files: dict[str, bytes], label: str, commit: str | None) -> revision.Snapshot:
        """The documents of `files`, read as the working tree's are, without the checks across
        documents: what the history and the baseline show are documents, never their problems,
        and the checks are most of the cost of a revision that the memo already holds."""
        loaded = read_files(files, self.path, self.currency, self.memo, fiscal=self.fiscal)
        site, _ = settle(loaded.documents)
        return revision.Snapshot(site=site, files=loaded.files, unreadable=loaded.unreadable, label=label, commit=commit)


def repository(docs_dir) -> revision.Repository | None:
    """The Git repository holding `docs_dir`, or None outside Git (or without git installed)."""
    try:
        return revision.locate(docs_dir)
    except revision.RevisionError:
        return None


_KEPT: dict = {}  # (repository, HEAD, options) -> History: the last one read


def read(repo: revision.Repository, currency: str, changes: int, memo: Memo | None = None, fiscal: Fiscal = CALENDAR_YEAR) -> History | None:
    """The history of the branch at HEAD; None when it has no commit yet. `memo`: what the working
    tree's files were read as (copied, not changed)."""
    state = repo.git("rev-parse", "--is-shallow-repository", "--verify", "--quiet", "HEAD")
    lines = state.stdout.decode().split()
    if state.returncode != 0 or len(lines) != 2:
        return None
    shallow, head = lines[0] == "true", lines[1]
    key = (repo, head, currency, changes, fiscal)
    if key not in _KEPT:
        _KEPT.clear()
        _KEPT[key] = _read(repo, head, shallow, changes, Reader(currency, displayer(repo.top / repo.prefix), fiscal, dict(memo or {})))
    return _KEPT[key]


def _read(repo: revision.Repository, head: str, shallow: bool, count: int, reader: Reader) -> History:
    steps = _log(repo, head)
    contents = revision.cat(repo, list(dict.fromkeys(blob for step in steps for _, _, blob in step.changed if blob)))
    found = History(head, shallow, commits=len(steps), steps=steps, contents=contents)
    collecting = gc.isenabled()
    gc.disable()  # as `load.read_files` does: the versions read hold no cycles, and the build's heap is large
    try:
        _replay_all(found, reader, count)
    finally:
        if collecting:
            gc.enable()
    return found


def _replay_all(found: History, reader: Reader, count: int) -> None:
    """Every step oldest first: who last changed each file, the trends, and the last `count` steps described."""
    steps, contents = found.steps, found.contents
    tree: dict[str, tuple[str, str]] = {}  # source -> (mode, blob): the docs dir as of the step replayed
    described: list[tuple[Commit, Changes]] = []
    docs = None  # the documents as of the step replayed, from the first step described on
    for index, step in enumerate(steps):
        if docs is None and index >= len(steps) - count:
            docs = Docs()
            docs.apply({source: reader.answer(source, data) for source, data in _files(tree, contents).items()})
        edited = []  # documents whose front matter the step changed
        for source, mode, blob in step.changed:
            old = tree.get(source)
            if blob is not None and mode != LINK and _markdown(source) and not (old and _front_matter(contents[old[1]]) == _front_matter(contents[blob])):
                edited.append(reader.document(source, contents[blob]))
            found.updated[source] = step.commit
        links = _links(tree) if docs is not None else set()  # a link shows its target: it may change with it
        _replay(tree, step)
        found.trends.observe(step.commit.landed, [doc for doc in edited if doc is not None])
        if docs is not None:
            touched = sorted({source for source, _, _ in step.changed if _markdown(source)} | links | _links(tree))
            answers = {source: None if (data := _file(tree, contents, source)) is None else reader.answer(source, data) for source in touched}
            described.append((step.commit, docs.edit(answers)))
    found.recent = described[::-1]
    found.memo = reader.memo
    found.updated = {source: commit for source, commit in found.updated.items() if source in tree}


def _links(tree: dict[str, tuple[str, str]]) -> set[str]:
    return {source for source, (mode, _) in tree.items() if mode == LINK}


def _replay(tree: dict[str, tuple[str, str]], step: _Step) -> None:
    """`tree` as it is after `step`."""
    for source, mode, blob in step.changed:
        tree.pop(source, None)
        if blob is not None:
            tree[source] = (mode, blob)


def _front_matter(data: bytes) -> bytes:
    """The front matter's bytes, closing line included (the whole file when it has none): an edit
    of the prose below it cannot change a value, so that version need not be read."""
    if not data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return data
    close = data.find(b"\n---", 3)
    end = data.find(b"\n", close + 1) if close >= 0 else -1
    return data if end < 0 else data[:end]


def _log(repo: revision.Repository, head: str) -> list[_Step]:
    """The commits of the branch that touched the docs dir, oldest first, each with what it changed."""
    result = repo.git(
        "-c", "core.quotePath=false", "log", "--first-parent", "--reverse", "--raw", "--no-abbrev", "--no-renames", LOG_FORMAT, head, "--", repo.prefix or "."
    )
    if result.returncode != 0:
        raise revision.RevisionError(f"git log failed: {result.stderr.decode(errors='replace').strip()}")
    prefix = f"{repo.prefix}/" if repo.prefix else ""
    steps = []
    for record in result.stdout.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        header, _, raw = record.partition("\n")
        sha, parents, stamp, committed, author, subject = (header.split("\x1f") + [""] * 6)[:6]
        day, landed = (datetime.fromtimestamp(int(t), tz=timezone.utc).date() for t in (stamp, committed))
        changed = []
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, name = line.partition("\t")
            _, mode, _, blob, status = meta[1:].split(" ")
            path = _unquote(name)
            if path.startswith(prefix):
                changed.append((path[len(prefix) :], mode, None if status.startswith("D") else blob))
        steps.append(_Step(Commit(sha, (parents.split() or [None])[0], day, author, subject, landed), changed))
    return steps


def _unquote(name: str) -> str:
    """A path as Git prints it: quoted in C style when it holds a quote, a backslash or a control character."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0]
    return raw.decode("utf-8", "surrogateescape")


def _markdown(source: str) -> bool:
    return source.lower().endswith(MARKDOWN_EXTENSIONS)


def _file(tree: dict[str, tuple[str, str]], contents: dict[str, bytes], source: str) -> bytes | None:
    """What `source` holds as a Markdown file of `tree`, a link to a file inside it followed (as on
    disk and as `revision.files_at` does); None when it holds none (submodules are no files)."""
    mode, blob = tree.get(source, (None, None))
    if mode is None or mode == GITLINK or not _markdown(source):
        return None
    if mode == LINK:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), contents[blob].decode("utf-8", "surrogateescape")))
        if target not in tree or tree[target][0] in (LINK, GITLINK) or not _markdown(target):
            return None
        blob = tree[target][1]
    return contents[blob]


def _files(tree: dict[str, tuple[str, str]], contents: dict[str, bytes]) -> dict[str, bytes]:
    """Every Markdown file of `tree` by source, sorted."""
    return {source: data for source in sorted(tree) if (data := _file(tree, contents, source)) is not None}


def for_site(repo: revision.Repository, changes: int, currency: str, memo: Memo | None = None, fiscal: Fiscal = CALENDAR_YEAR) -> dict:
    """What the site shows of Git, as the renderer takes it (plain data): `updated` (source -> the
    commit that last changed it), `trends` (`goals`: id -> points; `kpis`: (campaign id, metric) ->
    points), `shallow`, and unless `changes` is 0 the `recent` notes of that many commits, each
    commit's sha, subject, day and author with its summary and documents in words (`diff.described`)."""
    found = read(repo, currency, changes, memo, fiscal)
    if found is None:  # a repository without a commit yet
        return {"recent": [] if changes > 0 else None}
    known_data: dict = {"updated": found.updated, "shallow": found.shallow, "trends": {"goals": found.trends.goals, "kpis": found.trends.kpis}}
    if changes > 0:
        known_data["recent"] = [{**dataclasses.asdict(commit), **described(diff)} for commit, diff in found.recent]
    return known_data


_BASELINES: dict = {}  # (repository, commit, currency) -> the baseline's Snapshot: the last one read


def baseline(repo: revision.Repository, ref: str, currency: str, memo: Memo | None = None, fiscal: Fiscal = CALENDAR_YEAR) -> revision.Snapshot:
    """The site at `ref`, the approved plan; `revision.RevisionError` names a `ref` Git cannot find."""
    commit = revision.resolve(repo, ref)
    key = (repo, commit, currency, fiscal)
    if key not in _BASELINES:
        _BASELINES.clear()
        seed = dict(memo or {})
        files = None
        for kept in (found for (kept_repo, *_), found in _KEPT.items() if kept_repo == repo):
            seed.update(kept.memo)  # a baseline on the branch: the history pass has read its files already
            files = kept.files_at(commit)  # and replayed its commit: no `git ls-tree`, no `git cat-file`
        reader = Reader(currency, displayer(repo.top / repo.prefix), fiscal, seed)
        _BASELINES[key] = reader.site(revision.files_at(repo, commit) if files is None else files, ref, commit)
    return _BASELINES[key]
