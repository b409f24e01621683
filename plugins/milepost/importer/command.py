"""`milepost import FILE --roadmap ID`: read, map, check, write, and say what happened.

Exit 0 when every cell was read, 1 when some need attention (or an error
stopped the import: then nothing is written), 2 on bad usage.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from milepost.core.fields import ID_PATTERN
from milepost.core.load import load
from milepost.importer import table as tables
from milepost.importer.columns import find_header, looks_like_header
from milepost.importer.plan import Existing, map_table
from milepost.importer.write import check, document_text, write_all


class UsageError(Exception):
    """Bad usage: exit 2."""


@dataclass(frozen=True, slots=True)
class Request:
    file: Path
    roadmap: str
    docs_dir: Path
    currency: str
    start: date | None = None
    out: Path | None = None
    sheet: str | None = None
    encoding: str | None = None
    dry_run: bool = False


def run(request: Request, out=sys.stdout) -> int:
    if not re.fullmatch(ID_PATTERN, request.roadmap):
        raise UsageError(f"--roadmap '{request.roadmap}' is not a valid id: lower-case letters, digits and hyphens")
    if not request.file.is_file():
        raise UsageError(f"no such file: {request.file}")
    try:
        table = tables.read(request.file, request.sheet, request.encoding, looks_like_header)
    except tables.TableError as error:
        raise UsageError(str(error)) from None
    header = find_header(table.rows)
    if header is None:
        raise UsageError(f"{request.file}:{table.sheet}: no header row in the first 30 rows: name the columns (策略模块, 负责人, 时间节点 … or Strategy module, Owner, Time …)")
    documents = load(request.docs_dir, request.currency).documents if request.docs_dir.is_dir() else []
    existing = _existing(documents)
    plan = map_table(table, header, request.roadmap, request.start, request.currency, existing)
    where = f"{request.file}:{table.sheet}!"
    for note in plan.notes:
        out.write(f"{where}{note.cell}: {note.severity}: {note.message} [{note.code}]\n")
    if any(note.severity == "error" for note in plan.notes):
        out.write("nothing written: correct the errors above and import again\n")
        return 1
    texts = {_path(draft, request, existing): document_text(draft) for draft in plan.drafts}
    taken = [path for path in texts if path.exists()]
    for path in taken:
        out.write(f"{os.path.relpath(path)}: error: the file exists and is never overwritten [file-exists]\n")
    problems = check(texts, documents, _root(request), request.currency)
    for problem in problems:
        out.write(f"{problem}\n")
    if taken or any(problem.is_error for problem in problems):
        out.write("nothing written: correct the errors above and import again\n")
        return 1
    if not request.dry_run:
        write_all(texts)
    for draft, (path, text) in zip(plan.drafts, texts.items()):
        out.write(f"{'would write' if request.dry_run else 'wrote'} {os.path.relpath(path)} ({draft.kind} {draft.id})\n")
        if request.dry_run:
            out.write(text + ("" if text.endswith("\n") else "\n"))
    out.write(_summary(plan, request.dry_run) + "\n")
    return 1 if plan.notes else 0


def _root(request: Request) -> Path:
    """What new files' paths are relative to: the docs dir, or `--out` when it lies outside it."""
    if request.out is None or request.out.resolve().is_relative_to(request.docs_dir.resolve()):
        return request.docs_dir
    return request.out


def _existing(documents: list) -> Existing:
    ids = {doc.id: doc.kind for doc in documents if doc.id}
    roadmaps = {
        doc.id: (doc.owner or "", doc.start, doc.end, doc.source) for doc in documents if doc.kind == "roadmap" and doc.id
    }
    return Existing(ids, {k: v[:3] for k, v in roadmaps.items()}, {k: v[3] for k, v in roadmaps.items()})


def _path(draft, request: Request, existing: Existing) -> Path:
    """`--out`, else the folder of the campaign's roadmap (a new roadmap gets a folder of its own)."""
    roadmap = draft.id if draft.kind == "roadmap" else draft.data.get("roadmap") or request.roadmap
    if request.out is not None:
        folder = request.out
    elif roadmap in existing.sources:
        folder = (request.docs_dir / existing.sources[roadmap]).parent
    else:
        folder = request.docs_dir / roadmap
    return folder / f"{draft.id}.md"


def _summary(plan, dry_run: bool) -> str:
    counts = {kind: sum(1 for d in plan.drafts if d.kind == kind) for kind in ("campaign", "goal", "roadmap")}
    done = ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items())
    cells = len({note.cell for note in plan.notes})
    attention = f"{cells} cell{' needs' if cells == 1 else 's need'} your attention" if cells else "every cell read"
    return f"{done} {'would be written' if dry_run else 'written'}; {attention}"
