"""Rows of a plan become documents: a campaign a row, a goal a measurable goal, the roadmap.

Two passes: the rows are read first, so that the roadmap's period (spanning
the rows) is known before "ongoing" rows and goals without a deadline of
their own take their dates from it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from milepost.core.fields import ID_PATTERN
from milepost.importer import texts, when
from milepost.importer.columns import Header, column_of
from milepost.importer.rows import Note, Row, read_row
from milepost.importer.table import Table

_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True, slots=True)
class Existing:
    """What the site already holds: every id, and each roadmap's owner and period."""

    ids: dict[str, str]  # id → kind
    roadmaps: dict[str, tuple[str, date | None, date | None]] = field(default_factory=dict)  # id → (owner, start, end)
    sources: dict[str, str] = field(default_factory=dict)  # roadmap id → its file in the docs dir


@dataclass(slots=True)
class Draft:
    """A document to write: its front matter as plain data and its Markdown body."""

    kind: str
    id: str
    data: dict
    body: str
    cell: str  # where it comes from, for messages


@dataclass(slots=True)
class Plan:
    drafts: list[Draft] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def map_table(table: Table, header: Header, roadmap: str, start: date | None, currency: str, existing: Existing) -> Plan:
    plan = Plan()
    rows = [read_row(cells, header, start, currency) for cells in table.rows[header.row + 1 :]]
    titles = [cell.text for cells in table.rows[: header.row] for cell in cells]
    ids = _Ids(existing, plan)
    for row in rows:
        row.roadmap = row.roadmap or roadmap
        plan.notes += row.notes
    ids.taken.update(row.roadmap for row in rows)  # a campaign titled like a new roadmap must not take its id
    periods = _periods(rows, existing)
    campaigns: dict[str, list[Draft]] = {}
    goals: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=1):
        campaign, goal = _documents(row, number, periods.get(row.roadmap), start, ids, existing, plan)
        if campaign is None:
            continue
        campaigns.setdefault(row.roadmap, []).append(campaign)
        if goal:
            plan.drafts.append(goal)
            goals.setdefault(row.roadmap, []).append(goal.id)
    for name, drafts in campaigns.items():
        if name not in existing.roadmaps and periods.get(name):
            plan.drafts.append(_roadmap(name, drafts, goals.get(name, []), periods[name], _title(rows, name, titles)))
        plan.drafts += drafts
    return plan


def _title(rows: list[Row], name: str, titles: list[str]) -> str:
    for row in rows:
        if row.roadmap == name and row.roadmap_title:
            return row.roadmap_title
    return titles[0] if titles and len(titles[0]) <= 200 else name


def _periods(rows: list[Row], existing: Existing) -> dict[str, tuple[date, date] | None]:
    """Each roadmap's period: as the site has it, else spanning its rows' times."""
    periods: dict[str, tuple[date, date] | None] = {}
    for name in dict.fromkeys(row.roadmap for row in rows):
        if name in existing.roadmaps and existing.roadmaps[name][1] and existing.roadmaps[name][2]:
            periods[name] = existing.roadmaps[name][1], existing.roadmaps[name][2]
            continue
        days = [d for row in rows if row.roadmap == name and row.time for d in (row.time.first, row.time.last) if d]
        periods[name] = (min(days), max(days)) if days else None
    return periods


class _Ids:
    """Unique ids: the site's are taken, and so is every id given out here."""

    def __init__(self, existing: Existing, plan: Plan):
        self.taken = set(existing.ids)
        self.existing = existing
        self.plan = plan

    def new(self, base: str) -> str:
        base = base[:60].rstrip("-") or "item"
        ident, n = base, 1
        while ident in self.taken:
            n += 1
            ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident

    def given(self, ident: str, cell: str) -> str | None:
        """An id the sheet gives (plan.csv's campaign column); None when it cannot be used."""
        if not _ID.fullmatch(ident):
            self.plan.notes.append(Note(cell, "warning", f"'{ident}' is not a valid id: a new one is made from the title", "invalid-id"))
            return None
        if ident in self.taken:
            holder = self.existing.ids.get(ident)
            where = f"a {holder} of the site" if holder else "an earlier row"
            self.plan.notes.append(Note(cell, "error", f"id '{ident}' is already taken by {where}: nothing is overwritten; rename it or remove the row", "id-taken"))
            return None
        self.taken.add(ident)
        return ident


def _documents(row: Row, number: int, period, start: date | None, ids: _Ids, existing: Existing, plan: Plan):
    """The row's campaign draft and its goal's, if its goal is measurable."""
    values = row.values
    if row.roadmap not in existing.roadmaps and existing.ids.get(row.roadmap):
        plan.notes.append(Note(row.refs.get("roadmap", row.cell), "error", f"'{row.roadmap}' is a {existing.ids[row.roadmap]}, not a roadmap", "id-taken"))
        return None, None
    first, last = _dates(row, period, plan)
    if first is None:
        return None, None
    if values.get("id") and not _ID.fullmatch(values["id"]) and "title" not in values:
        values["title"] = values.pop("id")  # a "Campaign" column of names, not plan.csv's ids
    title = values.get("title") or f"{row.roadmap} {number}"
    if "title" not in values:
        plan.notes.append(Note(row.cell, "warning", f"the row has no strategy module: it is called '{title}'", "no-title"))
    id_cell = row.refs.get("id", row.cell)
    given = values.get("id") and ids.given(values["id"], id_cell)
    if values.get("id") and not given and any(n.code == "id-taken" and n.cell == id_cell for n in plan.notes):
        return None, None
    ident = given or ids.new(_readable_slug(title) or f"{row.roadmap}-{number:02d}")
    owner = values.get("owner") or existing.roadmaps.get(row.roadmap, ("",))[0]
    if not values.get("owner"):
        plan.notes.append(Note(row.cell, "warning", f"the row names no owner: '{owner or 'unassigned'}' is written", "no-owner"))
    goal = _goal(row, ident, title, owner or "unassigned", start or first, last, ids, plan)
    _known_goals(row, existing, plan)
    data = _campaign(row, ident, title, owner or "unassigned", first, last, goal)
    return Draft("campaign", ident, data, body(row), row.cell), goal


def _readable_slug(title: str) -> str:
    """The title's ASCII words when they say most of it: `Spring launch`, not `kol` for `小红书KOL种草`."""
    words = texts.slug(title)
    letters = sum(1 for char in title if not char.isspace())
    return words if letters and sum(char.isalnum() for char in words) * 2 >= letters else ""


def _known_goals(row: Row, existing: Existing, plan: Plan) -> None:
    """Goal ids (plan.csv's goals column) that name no goal of the site are kept in the body."""
    unknown = [ident for ident in row.values.get("goals", []) if existing.ids.get(ident) != "goal"]
    if unknown:
        row.values["goals"] = [ident for ident in row.values["goals"] if ident not in unknown]
        row.kept.append(("", row.goals_cell, ", ".join(unknown)))
        plan.notes.append(Note(row.goals_cell, "warning", f"no goal of the site has the id {', '.join(repr(i) for i in unknown)}: kept in the body", "unknown-goal"))


def _dates(row: Row, period, plan: Plan) -> tuple[date | None, date | None]:
    time = row.time
    if time and time.first and time.last and not time.ongoing:
        return time.first, time.last
    if period is None:
        if not any(n.code == "needs-start" and n.severity == "error" for n in row.notes):
            plan.notes.append(Note(row.time_cell or row.cell, "error", "no time Milepost can read in this row, and no roadmap period to fall back on", "no-time"))
        return None, None
    if time and not time.ongoing and (time.first or time.last):  # only a start, or only an end
        return time.first or period[0], time.last or period[1]
    if not time or not time.ongoing:
        note = "no time" if not row.time_cell else "the time cannot be read"
        plan.notes.append(Note(row.time_cell or row.cell, "warning", f"{note}: the campaign takes the roadmap's period", "no-time"))
    return period


def _campaign(row: Row, ident: str, title: str, owner: str, first: date, last: date, goal: Draft | None) -> dict:
    values = row.values
    data = {"kind": "campaign", "id": ident, "title": title, "owner": owner, "roadmap": row.roadmap, "start": first, "end": last}
    if values.get("status"):
        data["status"] = values["status"]
    summary = next((line.strip() for line in row.measures.splitlines() if line.strip()), "")
    if summary and len(summary) <= 300:
        data["summary"] = summary
    goal_ids = list(values.get("goals", [])) + ([goal.id] if goal else [])
    for name, value in (("goals", goal_ids), ("teams", values.get("teams")), ("channels", values.get("channels"))):
        if value:
            data[name] = value
    if values.get("progress") is not None and 0 <= values["progress"] <= 100:
        data["progress"] = values["progress"]
    budget = values.get("budget") or {}
    if "amount" in budget:
        data["budget"] = {k: budget[k] for k in ("amount", "currency", "spent", "lines") if budget.get(k) not in (None, "")}
    for name in ("kpis", "risks", "updates"):
        if values.get(name):
            data[name] = values[name]
    return data


def _goal(row: Row, campaign: str, title: str, owner: str, start: date, end: date, ids: _Ids, plan: Plan) -> Draft | None:
    if not row.goal:
        return None
    deadline, span = when.read_deadline(row.goal, start)
    read = texts.read_goal(row.goal, span)
    if read is None:
        row.kept.append(("", row.goal_cell, row.goal))
        plan.notes.append(Note(row.goal_cell, "warning", f"no target number in '{row.goal[:60]}': no goal is made, the text is kept in the campaign's body", "no-target"))
        return None
    ident = ids.new(f"{campaign[:55]}-goal")
    data = {"kind": "goal", "id": ident, "title": title, "owner": owner, "metric": read.metric[:200], "target": read.target}
    if read.unit:
        data["unit"] = read.unit
    data["deadline"] = deadline or end
    return Draft("goal", ident, data, _escape(row.goal) + "\n", row.goal_cell)


def _roadmap(ident: str, campaigns: list[Draft], goals: list[str], period, title: str) -> Draft:
    owners = Counter(draft.data["owner"] for draft in campaigns)
    owner = max(owners, key=lambda name: (owners[name], -list(owners).index(name)))
    data = {"kind": "roadmap", "id": ident, "title": title, "owner": owner, "type": "campaign", "start": period[0], "end": period[1]}
    if goals:
        data["goals"] = goals
    return Draft("roadmap", ident, data, "Imported from an execution-plan spreadsheet.\n", campaigns[0].cell)


_MARKDOWN = re.compile(r"([\\`*_\[\]#|~{}])")


def _escape(text: str) -> str:
    """Cell text as literal Markdown: no HTML, no emphasis, no heading or list made by accident."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [_MARKDOWN.sub(r"\\\1", line.rstrip()) for line in text.strip().splitlines()]
    lines = [re.sub(r"^(\s*)([-+])", r"\1\\\2", re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", line)) for line in lines]
    return "  \n".join(line.strip() for line in lines)


def body(row: Row) -> str:
    """Measures, remarks, then every cell kept as written: unknown columns and what could not be read."""
    parts = [_escape(text) for text in (row.measures, row.remarks) if text.strip()]
    if row.kept:
        items = [f"- **{_escape(name or row.headers.get(column_of(ref), ''))} ({ref}):** {_escape(text)}" for name, ref, text in row.kept]
        parts.append("## From the spreadsheet\n\n" + "\n".join(item.replace("  \n", "  \n  ") for item in items))
    return "\n\n".join(parts) + "\n" if parts else ""
