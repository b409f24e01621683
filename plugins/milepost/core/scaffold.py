"""A new roadmap document that validates, from a few answers (`milepost new`).

Pure decisions, no terminal: which answers each kind needs, what each answer
must look like, the id proposed from the title, the folder the file goes in,
and the front matter written. The command line asks; this module decides.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from milepost.core import dates
from milepost.core.fields import ID_PATTERN
from milepost.core.model import ROADMAP_TYPES, Site
from milepost.core.yaml12 import resolve_plain

_ID = re.compile(ID_PATTERN)
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th"})
"""Letters NFKD does not take apart into an ASCII letter and an accent."""


@dataclass(frozen=True)
class Answer:
    """One value a new document needs: its flag, the question asked for it, and whether it is required."""

    name: str
    question: str
    required: bool = True
    many: bool = False  # a list, given by repeating the flag


COMMON = (Answer("title", "Title"), Answer("owner", "Owner (the one accountable person or team)"))
ANSWERS: dict[str, tuple[Answer, ...]] = {
    "goal": (*COMMON, Answer("metric", "Metric (what is measured, e.g. new users)"), Answer("target", "Target (a number)"), Answer("deadline", "Deadline (e.g. 2027-09-30, 2027-Q3)")),
    "roadmap": (
        *COMMON,
        Answer("type", f"Type ({', '.join(ROADMAP_TYPES)})"),
        Answer("start", "Start (e.g. 2027-01, 2027-Q1)"),
        Answer("end", "End"),
        Answer("goal", "Goals it serves", required=False, many=True),
    ),
    "campaign": (
        *COMMON,
        Answer("roadmap", "Roadmap (its id)"),
        Answer("start", "Start (e.g. 2027-02-01, 2027-02)"),
        Answer("end", "End"),
        Answer("goal", "Goals it serves", required=False, many=True),
    ),
    "calendar": COMMON,
}


def slug(title: str) -> str:
    """An ASCII id from a title: accents dropped, other letters too (`Café Crème` is `cafe-creme`)."""
    kept = (c if c.isascii() else "-" for c in unicodedata.normalize("NFKD", title.translate(_LATIN)) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", "".join(kept).lower()).strip("-")
    return text[:64].rstrip("-")


def propose_id(title: str, kind: str, site: Site, docs_dir: Path, folder: Path) -> str:
    """The title's slug (the kind's name if the title has no ASCII letters), made unique across the site and the folder."""
    base = slug(title) or kind
    candidate, number = base, 1
    while candidate in site.by_id or (folder / f"{candidate}.md").exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
    return candidate


def check_answer(name: str, value: str, site: Site) -> str | None:
    """Why `value` will not do for `name`, or None when it will."""
    value = value.strip()
    if not value:
        return "it cannot be empty"
    if name == "id":
        if not _ID.match(value):
            return f"'{value}' is not a valid id: use lower-case letters, digits and hyphens, at most 64 characters"
        if value in site.by_id:
            return f"id '{value}' is already used by {site.by_id[value].path}"
    if name in ("start", "end", "deadline") and not is_relative(name, value):
        try:
            dates.parse(value)
        except ValueError as error:
            return str(error)
    if name == "start" and (after := dates.parse_after(value)) is not None:
        doc = site.by_id.get(after[0])
        if doc is None or doc.kind != "campaign":
            return f"'{value}': no campaign has the id '{after[0]}'"
    if name == "target" and not isinstance(resolve_plain(value), (int, float)):
        return f"'{value}' is not a number: write it without separators, e.g. 50000"
    if name == "type" and value not in ROADMAP_TYPES:
        return f"'{value}' is not a roadmap type: use one of {', '.join(ROADMAP_TYPES)}"
    if name in ("roadmap", "goal"):
        doc = site.by_id.get(value)
        if doc is None or doc.kind != name:
            known = ", ".join(d.id for d in site.of_kind(name) if d.id) or "none yet"
            return f"no {name} has the id '{value}' (known: {known})"
    return None


def is_relative(name: str, value: str) -> bool:
    """A campaign's `start: after ID + 2w` or `end: +6w`, which resolve against other dates."""
    return (name == "start" and dates.parse_after(value) is not None) or (name == "end" and dates.parse_span(value) is not None)


def folder_for(kind: str, roadmap_id: str | None, site: Site, docs_dir: Path) -> Path:
    """A campaign goes beside its roadmap's document; everything else in the docs dir."""
    roadmap = site.by_id.get(roadmap_id or "")
    if kind == "campaign" and roadmap is not None:
        return docs_dir / PurePosixPath(roadmap.source).parent
    return docs_dir


def _scalar(value: str) -> str:
    """A YAML value that reads back as exactly this text: plain when safe, else double-quoted."""
    plain = re.fullmatch(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*", value) and ": " not in value and not value.endswith(":")
    if plain and resolve_plain(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def front_matter(kind: str, ident: str, answers: dict) -> str:
    """The new document's text: its front matter and a line of prose to replace."""
    lines = ["---", f"kind: {kind}", f"id: {ident}"]
    for answer in ANSWERS[kind]:
        value = answers.get(answer.name)
        if answer.many:
            if value:
                lines.append(f"goals: [{', '.join(value)}]")
        elif value is not None:
            is_text = answer.name in ("title", "owner", "metric")
            lines.append(f"{answer.name}: {_scalar(value) if is_text else value}")
    if kind == "calendar":
        lines += ["dates: []", "# one a line, a day or a period, e.g.:", "#  - {title: Double 11, date: 2027-11-11, markets: [China]}", "#  - {title: Spring Festival holiday, start: 2027-02-05, end: 2027-02-11, markets: [China]}"]
    lines += ["---", "", f"What this {kind} is for, in a few sentences.", ""]
    return "\n".join(lines)
