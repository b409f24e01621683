"""Drafts as Markdown files: front matter that reads back as written, checked before writing.

Every string is written double-quoted (JSON's escapes are YAML's), so that
`no`, `2027` or `12:30` stay text under any YAML reader; dates are written
as days. Before anything is written, the new documents are read back with
core's reader and validated together with the site: an importer bug shows
as an error and writes nothing. Files are opened with 'x': never overwritten.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

from milepost.core.load import read_document
from milepost.core.model import Document, Site
from milepost.core.problems import Problem
from milepost.core.validate import validate
from milepost.importer.plan import Draft

_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def _emit(data: dict, indent: str = "") -> list[str]:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += _emit(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                inner = _emit(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(_scalar(item) for item in value)}]")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def document_text(draft: Draft) -> str:
    return "---\n" + "\n".join(_emit(draft.data)) + "\n---\n" + draft.body


def check(texts: dict[Path, str], site_docs: list[Document], docs_dir: Path, currency: str) -> list[Problem]:
    """The problems of the new files, read and validated along with the site they join."""
    new_docs, problems = [], []
    for path, text in texts.items():
        source = os.path.relpath(path, docs_dir).replace(os.sep, "/")
        document, found = read_document(text.encode("utf-8"), source, os.path.relpath(path), currency)
        problems += found
        if document is not None:
            new_docs.append(document)
    shown = {doc.path for doc in new_docs}
    site = Site(sorted(site_docs + new_docs, key=lambda doc: doc.source))
    return sorted(set(problems + [p for p in validate(site) if p.path in shown]))


def write_all(texts: dict[Path, str]) -> None:
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
