"""Walking the docs dir before MkDocs does, so that odd entries are problems, not tracebacks.

MkDocs follows symbolic links as it walks `docs_dir`: a link loop ends the
build in a traceback from MkDocs itself, a link to a folder outside publishes
whatever lies there, and an entry it cannot read (no permission, a FIFO, a
link to nothing) fails the copy with another. Milepost walks first, follows
links as MkDocs does (each real folder once), and reports each of these with
the entry's path, so the plugin stops the build before MkDocs walks.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from milepost.core.problems import ERROR, Problem


@dataclass(slots=True)
class Walked:
    files: list[Path] = field(default_factory=list)  # every regular file reached, sorted
    problems: list[Problem] = field(default_factory=list)


def walk(docs_dir: str | os.PathLike) -> Walked:
    """Every file below `docs_dir`, following links, and a problem for each entry MkDocs would trip on."""
    walked = Walked()
    root = os.path.realpath(docs_dir)
    seen: set[str] = set()
    todo = [(Path(docs_dir), (root,))]  # (folder as reached, real paths of the folders above it and itself)
    while todo:
        folder, above = todo.pop()
        if above[-1] in seen:
            continue
        seen.add(above[-1])
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            walked.problems.append(_problem(folder, f"cannot list this folder: {error.strerror}", "unreadable"))
            continue
        for entry in entries:
            _visit(Path(entry.path), entry.is_symlink(), root, above, todo, walked)
    walked.files.sort()
    return walked


def _visit(path: Path, is_link: bool, root: str, above: tuple, todo: list, walked: Walked) -> None:
    try:
        info = os.stat(path)  # follows links
    except OSError as error:
        if error.errno == errno.ELOOP:
            walked.problems.append(_problem(path, "this symbolic link leads back to itself", "link-loop"))
        else:
            walked.problems.append(_problem(path, f"this symbolic link leads nowhere ({os.readlink(path)})" if is_link else f"cannot read this entry: {error.strerror}", "unreadable"))
        return
    real = os.path.realpath(path) if is_link else os.path.join(above[-1], path.name)  # below a real folder, only a link moves
    if is_link and os.path.commonpath((root, real)) != root:
        walked.problems.append(
            _problem(path, f"this symbolic link leads outside the docs dir, to {real}: MkDocs would publish what lies there; copy it in instead", "link-outside")
        )
        return
    if stat.S_ISDIR(info.st_mode):
        if real in above:
            walked.problems.append(_problem(path, f"this symbolic link leads back to a folder it is in ({os.path.relpath(real)}): MkDocs would walk it forever", "link-loop"))
        else:
            todo.append((path, (*above, real)))
    elif not stat.S_ISREG(info.st_mode):
        walked.problems.append(_problem(path, "this is not a regular file (a pipe, socket or device): MkDocs cannot publish it", "unreadable"))
    elif not os.access(path, os.R_OK):
        walked.problems.append(_problem(path, "cannot read this file: permission denied", "unreadable"))
    else:
        walked.files.append(path)


def _problem(path: Path, message: str, code: str) -> Problem:
    return Problem(os.path.relpath(path), 1, 1, ERROR, message, code)
