"""The .xlsx reader runs in a child process, under a memory and a time limit.

python-calamine expands a sheet into a dense grid of cells: a 5 KB file with
one cell at XFD100000 asks for 52 GB, and when an allocation fails Rust
aborts the whole process, with no exception to catch. In a child process
under RLIMIT_AS that abort ends the child only, and the command says why.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

from milepost.importer.table import Table, TableError, read_xlsx_here

try:
    import resource
except ImportError:  # Windows: the time limit still holds
    resource = None

MEMORY = 2 << 30
"""Bytes the child may map: a plan needs tens of MB, a grid of millions of cells more than this."""

SECONDS = 120


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def read_xlsx(path: Path, sheet: str | None) -> Table:
    command = [sys.executable, "-c", "from milepost.importer.isolated import child; child()", str(path), json.dumps(sheet)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS, preexec_fn=_limit if resource else None)
    except subprocess.TimeoutExpired:
        raise TableError(f"{path}: reading the sheet took more than {SECONDS} s: that is not an execution plan") from None
    if done.returncode != 0:
        raise TableError(f"{path}: the sheet cannot be read in {MEMORY >> 30} GiB of memory: it spans more cells than an execution plan")
    kind, value = pickle.loads(done.stdout)  # our own child's answer
    if kind == "error":
        raise TableError(value)
    return value


def child() -> None:
    """The child's side: read, and answer with the table or the error, pickled on stdout."""
    path, sheet = Path(sys.argv[1]), json.loads(sys.argv[2])
    try:
        answer = ("table", read_xlsx_here(path, sheet))
    except TableError as error:
        answer = ("error", str(error))
    sys.stdout.buffer.write(pickle.dumps(answer))
