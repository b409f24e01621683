"""One row of the plan read into campaign fields, and every cell it could not read.

Each cell lands somewhere: in a field, in the body (remarks, unknown
columns), or, when its text cannot be read as its column says, in the body
and in a note naming the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from milepost.importer import amounts, texts, when
from milepost.importer.columns import DERIVED, Header, column_of
from milepost.importer.table import Cell

MAX_FIELD = 2_000
"""Longest cell text put in the front matter; a longer title or owner is kept in the body."""

MAX_CELL = 32_767
"""A spreadsheet cell holds at most this many characters; a longer cell is kept, unread."""


@dataclass(frozen=True, slots=True)
class Note:
    """A cell that needs the user's attention; an error stops the import."""

    cell: str
    severity: str
    message: str
    code: str


@dataclass(slots=True)
class Row:
    cell: str  # the row's first cell, where messages about the whole row point
    values: dict = field(default_factory=dict)  # campaign fields read so far
    time: when.Time | None = None
    time_cell: str = ""
    goal: str = ""  # the core-goal text
    goal_cell: str = ""
    kept: list[tuple[str, str, str]] = field(default_factory=list)  # (header, cell, text) for the body
    notes: list[Note] = field(default_factory=list)
    measures: str = ""
    remarks: str = ""
    roadmap: str = ""
    roadmap_title: str = ""
    columns: frozenset = frozenset()  # the roles the sheet has columns for
    headers: dict = field(default_factory=dict)  # column letter → header as written
    goals_cell: str = ""
    refs: dict = field(default_factory=dict)  # role → the cell that holds it


def read_row(cells: list[Cell], header: Header, start: date | None, currency: str) -> Row:
    row = Row(cells[0].ref, columns=frozenset(header.roles.values()), headers=header.names)
    by_role = {}
    for cell in cells:
        letter = column_of(cell.ref)
        role = header.roles.get(letter)
        name = header.names.get(letter) or letter
        if len(cell.text) >= MAX_CELL:
            row.kept.append((name, cell.ref, cell.text))
            message = f"the cell holds {len(cell.text):,} characters; a spreadsheet cell holds at most {MAX_CELL:,} (an .xlsx cell is read up to that many): kept in the body, unread"
            row.notes.append(Note(cell.ref, "warning", message, "cell-too-long"))
        elif role is None:
            row.kept.append((name, cell.ref, cell.text))
        elif role not in DERIVED:
            by_role[role] = (cell, name)
            row.refs[role] = cell.ref
    for role, (cell, name) in by_role.items():
        if not _read_cell(row, role, cell, by_role, start, currency):
            row.kept.append((name, cell.ref, cell.text))
            row.notes.append(Note(cell.ref, "warning", f"cannot read {_what(role)} in '{_short(cell.text)}': kept in the body", "unread-cell"))
    return row


def _what(role: str) -> str:
    return {"time": "a time", "start": "a date", "end": "a date", "budget": "an amount", "spent": "an amount", "goal": "a target"}.get(role, f"the {role.replace('_', ' ')}")


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "…"


def _read_cell(row: Row, role: str, cell: Cell, by_role: dict, start: date | None, currency: str) -> bool:
    """Read one cell into `row`; False when its text is not what its column says."""
    text = texts.unquote(cell.text)
    values = row.values
    if role in ("title", "owner", "roadmap_title", "id", "roadmap"):
        if len(text) > MAX_FIELD or "\n" in text.strip():
            return False
        if role == "roadmap_title":
            row.roadmap_title = text
        elif role == "roadmap":
            row.roadmap = text
        else:
            values[role] = text
        return True
    if role in ("measures", "remarks"):
        setattr(row, role, text)
        return True
    if role == "goal":
        row.goal, row.goal_cell = text, cell.ref
        return True
    if role in ("time", "start", "end"):
        return _read_time(row, role, cell, by_role, start)
    if role in ("teams", "channels"):
        values[role] = texts.split_list(text)
        return True
    if role == "goals":
        values["goals"], row.goals_cell = [part for part in re.split(r"[\s;,、，；]+", text) if part], cell.ref
        return True
    if role in ("budget", "currency", "spent"):
        return _read_budget(row, role, text, by_role, currency)
    if role == "status":
        status = texts.read_status(text)
        values["status"] = status
        return status is not None
    if role == "progress":
        return _read_progress(row, cell, start)
    if role in ("risks", "contingencies"):
        return role == "contingencies" or _read_risks(row, text, by_role)
    if role == "kpis":
        values["kpis"] = texts.read_kpis(text) or _kpis_as_goals(text)
        return values["kpis"] is not None
    raise AssertionError(role)


def _kpis_as_goals(text: str) -> list[dict] | None:
    """A plan's own KPI cell, `曝光1000万；互动率5%`: each item read as a goal text is."""
    kpis = []
    for item in texts.split_items(text):
        read = texts.read_goal(item, None)
        if read is None:
            return None
        kpis.append({"metric": read.metric, "target": read.target, **({"unit": read.unit} if read.unit else {})})
    return kpis or None


def _read_time(row: Row, role: str, cell: Cell, by_role: dict, start: date | None) -> bool:
    row.time_cell = row.time_cell or cell.ref
    if role == "time" and ("start" in by_role or "end" in by_role):
        row.kept.append(("", cell.ref, cell.text))  # start and end columns say it more precisely: keep its words
        return True
    read = when.read_time(cell.value, start)
    if read is None or read.ongoing and role != "time":
        return False
    if read.needs_start:
        row.notes.append(Note(cell.ref, "error", f"'{_short(cell.text)}' counts weeks: give the day of week 1 with --start", "needs-start"))
        return True
    if read.note:
        row.kept.append(("", cell.ref, read.note))
    if role == "time":
        row.time = read
        return True
    known = row.time or when.Time()
    row.time = when.Time(read.first if role == "start" else known.first, read.last if role == "end" else known.last)
    return True


def _read_budget(row: Row, role: str, text: str, by_role: dict, currency: str) -> bool:
    budget = row.values.setdefault("budget", {})
    if role == "currency":
        code = amounts.currency_in(text.upper()) or ""
        budget["currency"] = code
        return len(code) == 3
    if amounts.says_nothing(text):
        return True
    if role == "spent":
        spent = amounts.read_budget(text)
        budget["spent"] = spent.amount if spent else None
        return spent is not None and spent.amount >= 0
    read = amounts.read_budget(text)
    if read is None or read.amount < 0:
        return False
    budget["amount"] = read.amount
    budget.setdefault("currency", read.currency or currency)
    if read.lines:
        budget["lines"] = [{"item": item, "amount": amount} for item, amount in read.lines]
    return True


def _read_progress(row: Row, cell: Cell, start: date | None) -> bool:
    """A number is how far the campaign is (40, 40%); text is a log of dated updates."""
    number = cell.value if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) else amounts.read_number(cell.text)
    if number is not None:
        row.values["progress"] = number
        return 0 <= number <= 100
    if texts.read_status(cell.text) and "status" not in row.columns:  # `进行中` in the progress column
        row.values["status"] = texts.read_status(cell.text)
        return True
    updates, unread = [], []
    for item in texts.split_items(cell.text):
        update = texts.read_update(item, start)
        if update.needs_start:
            row.notes.append(Note(cell.ref, "error", f"'{_short(item)}' counts weeks: give the day of week 1 with --start", "needs-start"))
        elif update.date is None:
            unread.append(item)
        else:
            updates.append({"date": update.date, "text": update.text})
    row.values["updates"] = updates
    if unread:
        row.kept.append(("", cell.ref, "\n".join(unread)))
        row.notes.append(Note(cell.ref, "warning", f"no day in '{_short(unread[0])}': the progress note is kept in the body; start it with a week (第1周:) or a day (2027-01-15:)", "undated-update"))
    return True


def _read_risks(row: Row, text: str, by_role: dict) -> bool:
    """A risk plan, `risk: contingency` an item; plan.csv's risks and contingencies columns pair up."""
    if "contingencies" in row.columns:
        raw = str(by_role["contingencies"][0].value) if "contingencies" in by_role else ""  # unstripped: `; ` is two empty answers
        answers = texts.unquote(raw).split("; ")
        risks = text.split("; ")
        row.values["risks"] = [_risk(risk, answers[i] if i < len(answers) else "") for i, risk in enumerate(risks)]
        return True
    row.values["risks"] = [_risk(*texts.split_risk(item)) for item in texts.split_items(text)]
    return True


def _risk(risk: str, contingency: str | None) -> dict:
    risk = risk.strip()
    return {"risk": risk, "contingency": contingency.strip()} if contingency and contingency.strip() else {"risk": risk}
