"""Parsed documents kept between runs, keyed by file content, so re-validating after one edit
reads one file, not five thousand (pre-commit hooks, `mkdocs serve`).

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/milepost`, else
`~/.cache/milepost`), never in the repository: it is a pickle, and a pickle
that arrived with a pull request must never be loaded by CI. Anything wrong
with it (another Milepost version, a damaged file) means starting afresh.
It is split in 16 shards by content digest, so one edit rewrites one shard.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from milepost import __version__

_READERS = ("model.py", "fields.py", "readers.py", "dates.py", "load.py", "yaml12.py")
FORMAT = __version__ + "/" + hashlib.blake2b(b"".join((Path(__file__).parent / name).read_bytes() for name in _READERS), digest_size=8).hexdigest()
"""What a cache entry was made by: the version, and the code that reads and models documents. A
pickle of documents made by other code (a development checkout, an upgrade that kept the version
number) would hold objects of another shape: it is never read."""

Key = tuple[str, str, str, str]  # (source, path shown in messages, reading settings, content digest)

Memo = dict
"""Key -> what `load.read_document` made of a file: (document or None, problems). Held in memory
across the rebuilds of `mkdocs serve` and between the two sides of a diff, and on disk here."""


def key(source: str, path: str, currency: str, data: bytes, fiscal: object = None) -> Key:
    """`fiscal` (a `dates.Fiscal`) changes what `FY2027` means: a file read under other settings is read again."""
    return source, path, _settings(currency, fiscal), hashlib.blake2b(data, digest_size=16).hexdigest()


@functools.lru_cache(maxsize=16)
def _settings(currency: str, fiscal: object) -> str:
    """Written once per settings, not once per file: a build keys every file of every revision it reads."""
    return f"{currency} {fiscal!r}"


def folder() -> Path:
    """Milepost's folder in the user's cache folder."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "milepost"


def location(docs_dir: str | os.PathLike) -> Path:
    """The cache folder of one docs dir."""
    return folder() / hashlib.blake2b(str(Path(docs_dir).resolve()).encode(), digest_size=12).hexdigest()


def _shard(entry: Key) -> str:
    return entry[3][0]


def read(folder: Path) -> dict:
    entries: dict = {}
    for file in sorted(folder.glob("*.pickle")) if folder.is_dir() else ():
        try:
            with open(file, "rb") as handle:
                version, part = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError, IndexError):
            continue
        if version == FORMAT and isinstance(part, dict):
            entries.update(part)
    return entries


def write(folder: Path, entries: dict, before: set) -> None:
    """Rewrite the shards whose keys changed since `before`; atomically, so two runs at once
    never leave half a file. Failures only cost speed."""
    changed = {_shard(k) for k in before.symmetric_difference(entries)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for shard in sorted(changed):
            part = {k: v for k, v in entries.items() if _shard(k) == shard}
            with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
                pickle.dump((FORMAT, part), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, folder / f"{shard}.pickle")
    except OSError:
        pass
