"""Reading a docs dir into roadmap documents, losing nothing on the way.

Every Markdown file is read, in any letter case and in dot-folders too, so
that no roadmap document drops out of the site unnoticed: MkDocs would skip
`.drafts/plan.md` and copy `Plan.MD` as a raw file, front matter and all.
Front matter is split the way MkDocs splits it, then read by `yaml12`.
"""

from __future__ import annotations

import gc
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from milepost.core import cache, dates, model
from milepost.core.fields import FIELDS, Reading, read_fields
from milepost.core.problems import ERROR, WARNING, Problem, did_you_mean
from milepost.core.walk import walk
from milepost.core.yaml12 import Map, Scalar, compose

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs treats as Markdown (it compares case-sensitively; we do not)."""

MAX_FRONT_MATTER = 1 << 20
"""A real front matter is a few KiB; a larger one is refused rather than parsed."""

FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\n")
FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_ODD_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
_ODD_INDENT = re.compile(f"^[ ]*([{_ODD_SPACES}])[ {_ODD_SPACES}]*", re.MULTILINE)
_AS_SEEN = {**{ord(c): " " for c in "\u00a0\u1680\u202f\u205f\u3000"}, **dict.fromkeys(range(0x2000, 0x200B), " "), 0x200B: None, 0xFEFF: None}
"""Indentation as the author saw it: a space for each visible odd space, nothing for a zero-width one."""
_LOOKALIKE_KEYS = ("start", "end", "goals")


@dataclass(slots=True)
class Loaded:
    documents: list[model.Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0  # Markdown files read, roadmap documents or not
    pages: list[str] = field(default_factory=list)  # sources of the ordinary Markdown pages among them
    unreadable: set[str] = field(default_factory=set)  # sources with errors that give no document
    empty: list[tuple[str, Problem]] = field(default_factory=list, repr=False)  # (source, empty-front-matter problem)


def _markdown(files: list[Path]) -> list[Path]:
    return [file for file in files if file.name.lower().endswith(MARKDOWN_EXTENSIONS)]


def displayer(folder: str | os.PathLike):
    """`source -> path shown in messages`: the file below `folder`, relative to the current directory."""
    base = os.path.relpath(folder)
    return lambda source: os.path.normpath(os.path.join(base, source))


def files_on_disk(docs_dir: str | os.PathLike) -> tuple[dict[str, bytes], list[Problem]]:
    """Every Markdown file below `docs_dir` as it is now (source -> bytes), saved or not in Git,
    and a problem for each entry that cannot be read or that MkDocs would trip on (see `walk`)."""
    docs_dir = Path(docs_dir)
    files: dict[str, bytes] = {}
    if not docs_dir.is_dir():
        return files, []
    walked = walk(docs_dir)
    problems = list(walked.problems)
    for file in _markdown(walked.files):
        source = file.relative_to(docs_dir).as_posix()
        try:
            files[source] = file.read_bytes()
        except OSError as error:
            problems.append(Problem(os.path.relpath(file), 1, 1, ERROR, f"cannot read the file: {error.strerror}", "unreadable"))
    return files, problems


def load(docs_dir: str | os.PathLike, currency: str = "EUR", memo: cache.Memo | None = None, fiscal: dates.Fiscal = dates.CALENDAR_YEAR) -> Loaded:
    """Read every roadmap document below `docs_dir`, with every problem found in each.

    With `memo`, files read before with the same content are not parsed again, and it is left
    holding this run's files only, so it never grows stale (see `read_files`).
    """
    files, problems = files_on_disk(docs_dir)
    loaded = read_files(files, displayer(docs_dir), currency, memo, fiscal=fiscal, prune=True)
    loaded.problems[:0] = problems
    return loaded


EMPTY_FRONT_MATTER = "empty-front-matter"
EMPTY_MESSAGE = "this file's front matter is empty ('---' then '---'), so it is published as an ordinary page, unlike the roadmap documents beside it: fill it in, starting with 'kind'"


def read_files(
    files: dict[str, bytes], display, currency: str = "EUR", memo: cache.Memo | None = None, *, fiscal: dates.Fiscal = dates.CALENDAR_YEAR, prune: bool = False
) -> Loaded:
    """Read files (source -> bytes) into roadmap documents, with every problem found in each;
    `display(source)` is the path shown in messages. The one reader of the working tree and of
    Git revisions.

    `memo` (see `cache`) holds what earlier reads made of each file's bytes: a file read before
    with the same bytes, path and settings is not parsed again, and gives the same document
    object. New answers are added to it; with `prune` it is left holding these files' only.
    """
    loaded = Loaded(files=len(files))
    used: cache.Memo = {}
    collecting = gc.isenabled()
    gc.disable()  # the documents hold no cycles: collection passes over them only cost time, growing with N
    try:
        for source, data in files.items():
            path = display(source)
            if memo is None:
                answer = read_document(data, source, path, currency, fiscal)
            else:
                known = cache.key(source, path, currency, data, fiscal)
                answer = used[known] = memo.get(known) or read_document(data, source, path, currency, fiscal)
            _take(loaded, source, *answer)
    finally:
        if collecting:
            gc.enable()
    if memo is not None:
        if prune:
            memo.clear()
        memo.update(used)
    if loaded.empty:  # an empty front matter matters only beside roadmap documents
        folders = {PurePosixPath(doc.source).parent for doc in loaded.documents}
        loaded.problems.extend(problem for source, problem in loaded.empty if PurePosixPath(source).parent in folders)
    return loaded


def _take(loaded: Loaded, source: str, document: model.Document | None, problems: list[Problem]) -> None:
    loaded.problems.extend(p for p in problems if p.code != EMPTY_FRONT_MATTER)
    loaded.empty.extend((source, p) for p in problems if p.code == EMPTY_FRONT_MATTER)
    if document is not None:
        loaded.documents.append(document)
        return
    if any(p.severity == ERROR for p in problems):
        loaded.unreadable.add(source)
    if _published(source):
        loaded.pages.append(source)


def read_document(
    data: bytes, source: str, path: str, currency: str = "EUR", fiscal: dates.Fiscal = dates.CALENDAR_YEAR
) -> tuple[model.Document | None, list[Problem]]:
    """One file's bytes to a roadmap document (None for an ordinary page) and its problems.

    Never raises: whatever the bytes, the answer is a document, problems, or both.
    """
    problems: list[Problem] = []

    def report(line: int, col: int, message: str, code: str, severity: str = ERROR) -> None:
        problems.append(Problem(path, line, col, severity, message, code))

    text = _decode(data, report)
    split = None if text is None else _split(text, report)
    if split is None:
        return None, problems
    yaml_text, body = split
    yaml_text = _fix_indent(yaml_text, report)
    root, issues = compose(yaml_text, first_line=2)
    for issue in issues:
        report(issue.line, issue.col, issue.message, issue.code, issue.severity)
    if root is None:
        if not issues and not yaml_text.strip():
            report(1, 1, EMPTY_MESSAGE, EMPTY_FRONT_MATTER, WARNING)  # kept by `load` only in a folder of roadmap documents
        return None, problems
    kind = _kind(root, report)
    if kind is None:
        return None, problems
    spans: dict = {}
    reading = Reading(report, currency, spans, fiscal)
    others = [(other, names) for other, names in FIELDS.items() if other != kind]
    values, _ = read_fields(root, FIELDS[kind], kind, reading, others)  # partial values still feed cross-document rules
    document = model.MODEL_OF_KIND[kind](
        **values, source=source, path=path, body=body, published=_published(source), at=(root.line, root.col), spans=spans
    )
    if not document.published:
        report(root.line, root.col, f"this {kind} would be missing from the site: {_why_unpublished(source)}", "unpublished", WARNING)
    return document, problems


def _split(text: str, report) -> tuple[str, str] | None:
    """The front matter's YAML and the body after it, as MkDocs splits them; None for a file with
    no front matter, or one too broken or too large to read."""
    match = FRONT_MATTER_OPEN.match(text)
    if not match:
        return None
    close = FRONT_MATTER_CLOSE.search(text, match.end())
    if close is None:
        report(1, 1, "the front matter opened here with '---' is never closed: add a line '---' after its last key", "unclosed-front-matter")
        return None
    yaml_text = text[match.end() : close.start()]
    if len(yaml_text) > MAX_FRONT_MATTER:
        report(1, 1, f"the front matter is {len(yaml_text):,} characters long; the limit is {MAX_FRONT_MATTER:,}", "front-matter-too-large")
        return None
    body_start = text.find("\n", close.end())
    return yaml_text, "" if body_start < 0 else text[body_start + 1 :]


def _kind(root, report) -> str | None:
    """The kind a front matter declares; None, with a problem where one is due, for an ordinary page."""
    if type(root) is not Map:
        report(root.line, root.col, "the front matter must be a mapping of keys to values", "front-matter-not-mapping")
        return None
    kind_entry = root.entries.get("kind")
    if kind_entry is None:
        _check_lookalike(root, report)
        return None
    kind_node = kind_entry[1]
    kind = kind_node.text if type(kind_node) is Scalar else None
    if kind not in model.KINDS:
        shown = f"'{kind}'" if kind else "empty"
        message = f"kind {shown} is not one of {', '.join(model.KINDS)}{did_you_mean(kind or '', model.KINDS)}"
        report(kind_node.line, kind_node.col, message, "unknown-kind")
        return None
    return kind


def _decode(data: bytes, report) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report(line, col, f"the file is not UTF-8 (byte 0x{data[error.start]:02X}); save it as UTF-8", "encoding")
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _fix_indent(text: str, report) -> str:
    """Report indentation with odd space characters, and read it as the spaces the author saw.

    Lines are counted as the matches go, so a file full of them stays linear.
    """
    line, counted = 2, 0

    def fix(match: re.Match) -> str:
        nonlocal line, counted
        char, start = match[1], match.start(1)
        line += text.count("\n", counted, start)
        counted = start
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        report(line, col, f"indented with {unicodedata.name(char, 'an invisible character')} (U+{ord(char):04X}); use ordinary spaces", "bad-indent")
        return match[0].translate(_AS_SEEN)

    return _ODD_INDENT.sub(fix, text)


def _check_lookalike(root: Map, report) -> None:
    keys = root.entries
    if "id" in keys and any(key in keys for key in _LOOKALIKE_KEYS):
        guess = "campaign" if "roadmap" in keys else "roadmap" if "type" in keys else "goal" if "metric" in keys else None
        hint = f"add 'kind: {guess}'" if guess else "add 'kind: goal', 'kind: roadmap' or 'kind: campaign'"
        report(root.line, root.col, f"this looks like a roadmap document but has no 'kind', so it is published as an ordinary page: {hint}", "missing-kind", WARNING)


def _published(source: str) -> bool:
    parts = PurePosixPath(source).parts
    in_templates = len(parts) > 1 and parts[0] == "templates"  # MkDocs excludes '/templates/' by default
    return not any(part.startswith(".") for part in parts) and not in_templates and source.endswith(MARKDOWN_EXTENSIONS)


def _why_unpublished(source: str) -> str:
    parts = PurePosixPath(source).parts
    if any(part.startswith(".") for part in parts):
        return "MkDocs does not publish dot-files or files in dot-folders"
    if len(parts) > 1 and parts[0] == "templates":
        return "MkDocs does not publish the top-level 'templates' folder"
    stem, _, extension = source.rpartition(".")
    return f"MkDocs treats '.{extension}' as a media file, not a page; rename it to '{PurePosixPath(stem).name}.{extension.lower()}'"
