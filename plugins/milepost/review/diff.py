"""What changed between two versions of a roadmap site, in roadmap terms.

Documents are matched by id, so a moved or renamed file is the same
document. The comparison is of the model, not of the text: re-quoting a value,
reordering keys or writing `2026-07` for `2026-07-01` as a start is no change;
an edit to the prose below the front matter is reported, briefly, as "prose
only". Everything here is a pure function of two `Site`s; reading them from Git
is `revision.py`'s work.

`diff_sites` gives plain data (`Changes`); `to_markdown`, `to_text` and
`to_json` render it. Every ordering is deterministic.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from milepost.core.model import Budget, Campaign, Document, Goal, Roadmap, Site
from milepost.core.problems import Problem

ADDED, REMOVED, MODIFIED, PROSE, UNREADABLE = "added", "removed", "modified", "prose", "unreadable"

MARKDOWN_LIMIT = 60_000
"""GitHub refuses comments over 65,536 characters: a longer report is cut, with a note saying so."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one document.

    `what` names it: a field (`start`, `budget`, `status` …), `FIELD.added` or
    `FIELD.removed` for an item of a list (`goals.added`: a goal linked), or
    `LIST.FIELD` for a field of a nested item (`kpis.target`, with `item` the
    KPI's metric). `days` is the shift of a date, later positive.
    """

    what: str
    before: object = None
    after: object = None
    item: str | None = None
    days: int | None = None


@dataclass(slots=True)
class DocumentChanges:
    key: str  # the id, or '@' and the source for a document without a usable id
    kind: str
    state: str  # added, removed, modified, prose (only the text below the front matter) or unreadable
    changes: list[Change] = field(default_factory=list)
    before: Document | None = field(default=None, repr=False)
    after: Document | None = field(default=None, repr=False)
    source: str | None = None  # of a file that no longer gives a document (unreadable)

    @property
    def id(self) -> str | None:
        return (self.after or self.before).id if (self.after or self.before) else None

    @property
    def title(self) -> str:
        doc = self.after or self.before
        return (doc.title if doc else None) or self.id or self.source or self.key

    @property
    def roadmap(self) -> str | None:
        """The roadmap a campaign is listed under: where it is now, else where it was."""
        for doc in (self.after, self.before):
            if isinstance(doc, Campaign) and doc.roadmap:
                return doc.roadmap
        return None

    @property
    def roadmap_before(self) -> str | None:
        return self.before.roadmap if isinstance(self.before, Campaign) else None

    def start(self) -> date:
        doc = self.after or self.before
        return getattr(doc, "start", None) or getattr(doc, "deadline", None) or date.max


@dataclass(slots=True)
class RoadmapTotals:
    """A roadmap's own budget and the sum of its campaigns' budgets, per currency, before and after."""

    id: str
    budget_before: Budget | None = None
    budget_after: Budget | None = None
    before: dict[str, float] = field(default_factory=dict)
    after: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Side:
    """One of the two revisions compared, as the report names it."""

    label: str
    commit: str | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: int = 0


@dataclass(slots=True)
class Changes:
    documents: list[DocumentChanges]  # every document with a change, prose-only ones included
    roadmaps: dict[str, RoadmapTotals]  # every roadmap of either side
    totals_before: dict[str, float]  # all campaign budgets of the site, per currency
    totals_after: dict[str, float]
    titles: dict[str, str]  # id -> title, from both sides (the newer wins)
    starts: dict[str, date]  # roadmap id -> start, to order the sections
    base: Side | None = None
    head: Side | None = None

    @property
    def changed(self) -> bool:
        """Anything in roadmap terms: exit code 1. An edit to prose only is not."""
        return any(doc.state != PROSE for doc in self.documents)

    def count(self, state: str) -> int:
        return sum(doc.state == state for doc in self.documents)


# --- comparing ---------------------------------------------------------------------------


def _keyed(site: Site) -> dict[str, Document]:
    keyed: dict[str, Document] = {}
    for doc in site.documents:
        key = doc.id if doc.id and doc.id not in keyed else f"@{doc.source}"
        keyed.setdefault(key, doc)
    return keyed


def _campaign_totals(campaigns) -> dict[str, float]:
    totals: dict[str, float] = {}
    for campaign in campaigns:
        if campaign.budget is not None:
            totals[campaign.budget.currency] = totals.get(campaign.budget.currency, 0) + campaign.budget.amount
    return dict(sorted(totals.items()))


def diff_sites(before: Site, after: Site, *, unreadable_before=(), unreadable_after=()) -> Changes:
    """Every change from `before` to `after`, documents matched by id.

    `unreadable_*` are the sources that held a roadmap document once but give
    none now because of errors: such a document is reported as unreadable, not
    as removed (or added when it is fixed).
    """
    old, new = _keyed(before), _keyed(after)
    documents: list[DocumentChanges] = []
    for key in sorted(old.keys() | new.keys()):
        b, a = old.get(key), new.get(key)
        if b is None:
            documents.append(DocumentChanges(key, a.kind, ADDED, after=a))
        elif a is None:
            if b.source in unreadable_after:
                documents.append(DocumentChanges(key, b.kind, UNREADABLE, before=b, source=b.source))
            else:
                documents.append(DocumentChanges(key, b.kind, REMOVED, before=b))
        elif b is not a:  # the same object: read once from the same bytes at the same path
            changes = compare(b, a)
            if changes:
                only_prose = all(c.what == "prose" for c in changes)
                documents.append(DocumentChanges(key, a.kind, PROSE if only_prose else MODIFIED, changes, b, a))
    known_before = {doc.source for doc in before.documents}
    for source in sorted(set(unreadable_after) - set(unreadable_before) - known_before):
        documents.append(DocumentChanges(f"@{source}", "document", UNREADABLE, source=source))

    roadmaps: dict[str, RoadmapTotals] = {}
    for side, site in (("before", before), ("after", after)):
        for roadmap_id, campaigns in site.campaigns_of.items():
            totals = roadmaps.setdefault(roadmap_id, RoadmapTotals(roadmap_id))
            setattr(totals, side, _campaign_totals(campaigns))
        for roadmap in site.roadmaps:
            if roadmap.id and site.by_id.get(roadmap.id) is roadmap:
                totals = roadmaps.setdefault(roadmap.id, RoadmapTotals(roadmap.id))
                setattr(totals, f"budget_{side}", roadmap.budget)
    titles = {doc.id: doc.title or doc.id for site in (before, after) for doc in site.documents if doc.id and site.by_id.get(doc.id) is doc}
    starts = {r.id: r.start for site in (before, after) for r in site.roadmaps if r.id and r.start}
    return Changes(
        documents=documents,
        roadmaps=dict(sorted(roadmaps.items())),
        totals_before=_campaign_totals(before.campaigns),
        totals_after=_campaign_totals(after.campaigns),
        titles=titles,
        starts=starts,
    )


def _prose(text: str) -> str:
    return " ".join(text.split())


def _money(budget: Budget | None) -> dict | None:
    return None if budget is None else {"amount": budget.amount, "currency": budget.currency}


def _spent(budget: Budget | None) -> dict | None:
    return None if budget is None or budget.spent is None else {"amount": budget.spent, "currency": budget.currency}


def _shift(what: str, b: date | None, a: date | None, item: str | None = None) -> list[Change]:
    if b == a:
        return []
    return [Change(what, b, a, item, (a - b).days if a and b else None)]


def _members(name: str, b: list, a: list) -> list[Change]:
    """Items added to or removed from a list of ids or labels; a new order is no change."""
    gone, new = [x for x in dict.fromkeys(b) if x not in a], [x for x in dict.fromkeys(a) if x not in b]
    return [Change(f"{name}.removed", item=x) for x in gone] + [Change(f"{name}.added", item=x) for x in new]


def _pairs(b: list, a: list, key) -> tuple[list[tuple], list, list]:
    """Match nested items by `key` (a KPI by metric, a risk by its text …), in order when a key repeats."""
    waiting: dict = defaultdict(list)
    for item in b:
        waiting[key(item)].append(item)
    pairs, added = [], []
    for item in a:
        queue = waiting.get(key(item))
        if queue:
            pairs.append((queue.pop(0), item))
        else:
            added.append(item)
    removed = [item for queue in waiting.values() for item in queue]
    removed.sort(key=lambda item: b.index(item) if item in b else 0)
    return pairs, removed, added


def _plain(value):
    """Nested items as JSON-ready mappings, without their positions."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "at"}
    return value


def _nested(name: str, b: list, a: list, key, fields: tuple[str, ...], dates: tuple[str, ...] = ()) -> list[Change]:
    pairs, removed, added = _pairs(b, a, key)
    changes = [Change(f"{name}.removed", _plain(x), None, key(x)) for x in removed]
    changes += [Change(f"{name}.added", None, _plain(x), key(x)) for x in added]
    for old, new in pairs:
        for part in fields:
            x, y = getattr(old, part), getattr(new, part)
            if part in dates:
                changes += _shift(f"{name}.{part}", x, y, key(new))
            elif x != y:
                changes.append(Change(f"{name}.{part}", x, y, key(new)))
    return changes


def compare(b: Document, a: Document) -> list[Change]:
    """Every change from document `b` to document `a` (the same id), in a fixed order."""
    changes: list[Change] = []
    if b.source != a.source:
        changes.append(Change("source", b.source, a.source))
    if b.kind != a.kind:
        changes.append(Change("kind", b.kind, a.kind))
    for name in ("title", "status", "owner"):
        if getattr(b, name) != getattr(a, name):
            changes.append(Change(name, getattr(b, name), getattr(a, name)))

    def both(name: str) -> bool:
        return hasattr(b, name) and hasattr(a, name)

    if both("roadmap") and b.roadmap != a.roadmap:
        changes.append(Change("roadmap", b.roadmap, a.roadmap))
    if both("type") and b.type != a.type:
        changes.append(Change("type", b.type, a.type))
    if both("start"):
        changes += _shift("start", b.start, a.start) + _shift("end", b.end, a.end)
        if b.start and b.end and a.start and a.end and (b.end - b.start) != (a.end - a.start):
            changes.append(Change("duration", (b.end - b.start).days + 1, (a.end - a.start).days + 1))
    if both("deadline"):
        changes += _shift("deadline", b.deadline, a.deadline)
    if both("budget"):
        if _money(b.budget) != _money(a.budget):
            changes.append(Change("budget", _money(b.budget), _money(a.budget)))
        if _spent(b.budget) != _spent(a.budget):
            changes.append(Change("spent", _spent(b.budget), _spent(a.budget)))
    if isinstance(b, Campaign) and isinstance(a, Campaign) and b.progress != a.progress:
        changes.append(Change("progress", b.progress, a.progress))
    for name in ("metric", "target", "baseline", "current", "unit", "priority", "parent"):
        if both(name) and getattr(b, name) != getattr(a, name):
            changes.append(Change(name, getattr(b, name), getattr(a, name)))
    if isinstance(b, Goal) and isinstance(a, Goal) and b.progress != a.progress and (b.progress is not None or a.progress is not None):
        changes.append(Change("goal-progress", b.progress, a.progress))
    for name in ("goals", "depends_on", "channels", "teams"):
        if both(name):
            changes += _members(name, getattr(b, name), getattr(a, name))
    if both("kpis"):
        changes += _nested("kpis", b.kpis, a.kpis, lambda k: k.metric, ("target", "actual", "unit", "alert_below", "alert_above"))
        changes += [
            Change("kpis.alert", old.in_alert, new.in_alert, new.metric) for old, new in _pairs(b.kpis, a.kpis, lambda k: k.metric)[0] if old.in_alert != new.in_alert
        ]
    if both("risks"):
        changes += _nested("risks", b.risks, a.risks, lambda r: r.risk, ("likelihood", "impact", "contingency"))
    if both("milestones"):
        changes += _nested("milestones", b.milestones, a.milestones, lambda m: m.title, ("date", "done"), ("date",))
    if both("activities"):
        changes += _nested("activities", b.activities, a.activities, lambda x: x.title, ("start", "end", "owner", "status", "deliverable"), ("start", "end"))
    if b.summary != a.summary:
        changes.append(Change("summary", b.summary, a.summary))
    changes += _members("tags", b.tags, a.tags)
    if b.extra != a.extra:
        changes.append(Change("extra", b.extra, a.extra))
    if _prose(b.body) != _prose(a.body):
        changes.append(Change("prose"))
    return changes


# --- words ---------------------------------------------------------------------------------


def number(value: float | int | None) -> str:
    """1234567 -> '1,234,567'; 2.5 -> '2.5'."""
    if value is None:
        return "none"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def signed(value: float) -> str:
    return f"+{number(value)}" if value > 0 else f"-{number(-value)}" if value < 0 else "±0"


def _days(count: int) -> str:
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def _later(days: int | None) -> str:
    if days is None:
        return "changed"
    return f"moved {_days(abs(days))} {'later' if days > 0 else 'earlier'}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class _Words:
    """Phrasing shared by the Markdown and text renderers; `text()` escapes what the author wrote."""

    def __init__(self, changes: Changes, markdown: bool):
        self.changes, self.markdown = changes, markdown

    def text(self, value: object) -> str:
        flat = " ".join(str(value).split())
        if not self.markdown:
            return flat
        return re.sub(r"([\\`*_\[\]<>|~#!])", r"\\\1", flat)

    def quote(self, value: object) -> str:
        return f"“{self.text(value)}”"

    def code(self, value: object) -> str:
        if not self.markdown:
            return str(value)
        flat = " ".join(str(value).split())
        fence = "``" if "`" in flat else "`"
        return f"{fence}{flat}{fence}" if fence == "`" else f"{fence} {flat} {fence}"

    def strong(self, value: str) -> str:
        return f"**{value}**" if self.markdown else value

    def name(self, ident: str | None, title: str | None = None, strong: bool = False) -> str:
        """A document as people know it: its title, and its id to find it."""
        title = title or (self.changes.titles.get(ident) if ident else None)
        if not ident:
            return self.strong(self.text(title or "?")) if strong else self.text(title or "?")
        if not title or title == ident:
            return self.code(ident)
        shown = self.strong(self.text(title)) if strong else self.text(title)
        return f"{shown} ({self.code(ident)})"

    def value(self, value: object) -> str:
        if value is None:
            return "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return number(value)
        if isinstance(value, date):
            return value.isoformat()
        return self.text(value)

    def money(self, money: dict | None) -> str:
        return "none" if money is None else f"{number(money['amount'])} {money['currency']}"

    def amounts(self, before: dict | None, after: dict | None) -> str:
        """'40,000 → 44,000 EUR (+4,000)', or both amounts in full when the currency changed."""
        if before and after and before["currency"] == after["currency"]:
            return f"{number(before['amount'])} → {number(after['amount'])} {after['currency']} ({signed(after['amount'] - before['amount'])})"
        return f"{self.money(before)} → {self.money(after)}"

    def period(self, doc) -> str:
        start, end = getattr(doc, "start", None), getattr(doc, "end", None)
        if not start or not end:
            return ""
        return f"{start} → {end}, {_days((end - start).days + 1)}"

    def facts(self, doc: Document | None) -> str:
        """What an added or removed document is, in one line."""
        if doc is None:
            return ""
        facts = []
        if isinstance(doc, (Roadmap, Campaign)):
            facts.append(self.period(doc))
            if doc.budget:
                facts.append(f"budget {self.money(_money(doc.budget))}")
        if isinstance(doc, Goal):
            if doc.target is not None:
                facts.append(f"target {number(doc.target)}{' ' + self.text(doc.unit) if doc.unit else ''}")
            if doc.deadline:
                facts.append(f"by {doc.deadline}")
        if doc.owner:
            facts.append(f"owner {self.text(doc.owner)}")
        facts.append(doc.status)
        return ", ".join(fact for fact in facts if fact)

    def dates(self, changes: list[Change]) -> list[str]:
        """Start, end and duration in one phrase: 'start moved 14 days later (…); now 29 days long (was 43)'."""
        by = {c.what: c for c in changes}
        start, end, duration = by.get("start"), by.get("end"), by.get("duration")
        if not start and not end:
            return []
        if start and end and start.days is not None and start.days == end.days:
            phrase = f"{_later(start.days)}: {start.after} → {end.after} (was {start.before} → {end.before})"
        else:
            parts = []
            for label, change in (("start", start), ("end", end)):
                if change:
                    parts.append(f"{label} {_later(change.days)} ({self.value(change.before)} → {self.value(change.after)})")
            phrase = ", ".join(parts)
        if duration:
            phrase += f"; now {_days(duration.after)} long (was {duration.before})"
        elif start and end and start.days is not None and start.days == end.days:
            doc_days = (end.after - start.after).days + 1
            phrase += f"; still {_days(doc_days)} long"
        return [phrase]

    def change(self, change: Change, doc: DocumentChanges) -> str | None:
        """One change in words; None for the ones `dates()` phrases together."""
        what, b, a = change.what, change.before, change.after
        unit = getattr(doc.after or doc.before, "unit", None)
        suffix = f" {self.text(unit)}" if unit else ""
        if what in ("start", "end", "duration"):
            return None
        if what == "source":
            return f"file moved: {self.code(b)} → {self.code(a)}"
        if what == "kind":
            return f"kind {b} → {a}"
        if what == "title":
            return f"renamed {self.quote(b)} → {self.quote(a)}"
        if what == "status":
            return f"status {b} → {a}"
        if what == "owner":
            return f"owner {self.value(b)} → {self.value(a)}"
        if what == "roadmap":
            return f"moved from roadmap {self.name(b)} to {self.name(a)}"
        if what == "type":
            return f"type {b} → {a}"
        if what == "deadline":
            return f"deadline {_later(change.days)} ({self.value(b)} → {self.value(a)})"
        if what == "budget":
            if b is None:
                return f"budget set: {self.money(a)}"
            if a is None:
                return f"budget removed (was {self.money(b)})"
            return f"budget {self.amounts(b, a)}"
        if what == "spent":
            return f"spent {self.amounts(b, a)}" if b and a else f"spent {self.money(b)} → {self.money(a)}"
        if what == "progress":
            return f"progress {self.value(b)}% → {self.value(a)}%" if b is not None and a is not None else f"progress {self.value(b)} → {self.value(a)}"
        if what in ("target", "baseline", "current"):
            line = f"{what} {self.value(b)} → {self.value(a)}{suffix}"
            progress = next((c for c in doc.changes if c.what == "goal-progress"), None)
            if progress and what == "current":
                line += f" (progress {_percent(progress.before)} → {_percent(progress.after)})"
            return line
        if what == "goal-progress":
            if any(c.what == "current" for c in doc.changes):
                return None  # said with the current value
            return f"progress {_percent(b)} → {_percent(a)}"
        if what in ("metric", "unit", "priority"):
            return f"{what} {self.value(b)} → {self.value(a)}"
        if what == "parent":
            return f"parent goal {self.name(b) if b else 'none'} → {self.name(a) if a else 'none'}"
        if what == "goals.added":
            return f"linked to goal {self.name(change.item)}"
        if what == "goals.removed":
            return f"unlinked from goal {self.name(change.item)}"
        if what == "depends_on.added":
            return f"now depends on {self.name(change.item)}"
        if what == "depends_on.removed":
            return f"no longer depends on {self.name(change.item)}"
        for name, noun in (("channels", "channel"), ("teams", "team"), ("tags", "tag")):
            if what == f"{name}.added":
                return f"{noun} {self.quote(change.item)} added"
            if what == f"{name}.removed":
                return f"{noun} {self.quote(change.item)} removed"
        if what.startswith("kpis."):
            return self.kpi(change, doc)
        if what.startswith("risks."):
            part = what.partition(".")[2]
            if part == "added":
                level = ", ".join(f"{k} {a[k]}" for k in ("likelihood", "impact") if a.get(k))
                return f"risk added: {self.quote(change.item)}{f' ({level})' if level else ''}{'' if a.get('contingency') else ', no contingency'}"
            if part == "removed":
                return f"risk removed: {self.quote(change.item)}"
            if part == "contingency":
                return f"risk {self.quote(change.item)}: contingency {'set' if b is None else 'removed' if a is None else 'changed'}"
            return f"risk {self.quote(change.item)}: {part} {self.value(b)} → {self.value(a)}"
        if what.startswith("milestones."):
            part = what.partition(".")[2]
            if part == "added":
                return f"milestone added: {self.quote(change.item)} on {a['date']}"
            if part == "removed":
                return f"milestone removed: {self.quote(change.item)} (was on {b['date']})"
            if part == "date":
                return f"milestone {self.quote(change.item)} {_later(change.days)} ({b} → {a})"
            if part == "done":
                return f"milestone {self.quote(change.item)} {'reached' if a else 'no longer marked reached'}"
        if what.startswith("activities."):
            part = what.partition(".")[2]
            if part == "added":
                return f"activity added: {self.quote(change.item)} ({a['start']} → {a['end']})"
            if part == "removed":
                return f"activity removed: {self.quote(change.item)}"
            if part in ("start", "end"):
                return f"activity {self.quote(change.item)}: {part} {_later(change.days)} ({b} → {a})"
            return f"activity {self.quote(change.item)}: {part} {self.value(b)} → {self.value(a)}"
        if what == "summary":
            return "summary changed" if b and a else "summary added" if a else "summary removed"
        if what == "extra":
            return "extra data changed"
        if what == "prose":
            return "prose edited"
        return f"{what} {self.value(b)} → {self.value(a)}"

    def kpi(self, change: Change, doc: DocumentChanges) -> str | None:
        part, b, a = change.what.partition(".")[2], change.before, change.after
        name = f"KPI {self.quote(change.item)}"
        if part == "added":
            unit = f" {self.text(a['unit'])}" if a.get("unit") else ""
            return f"{name} added: target {number(a['target'])}{unit}" + (f", actual {number(a['actual'])}" if a.get("actual") is not None else "")
        if part == "removed":
            return f"{name} removed"
        if part == "alert":
            if any(c.what == "kpis.actual" and c.item == change.item for c in doc.changes):
                return None  # said with the actual value
            return f"{name} {'now in alert' if a else 'out of alert'}"
        label = part.replace("_", " ")
        kpi = next((k for k in getattr(doc.after, "kpis", []) if k.metric == change.item), None)
        unit = f" {self.text(kpi.unit)}" if kpi and kpi.unit else ""
        if isinstance(b, (int, float)) and isinstance(a, (int, float)) and not isinstance(b, bool):
            line = f"{name}: {label} {number(b)} → {number(a)}{unit} ({signed(a - b)})"
        else:
            line = f"{name}: {label} {self.value(b)} → {self.value(a)}{unit if a is not None else ''}"
        if part == "actual" and kpi is not None:
            line += f", target {number(kpi.target)}{unit}"
            alert = next((c for c in doc.changes if c.what == "kpis.alert" and c.item == change.item), None)
            if alert:
                line += ", now in alert" if alert.after else ", out of alert"
        return line

    def lines(self, doc: DocumentChanges) -> list[str]:
        """A modified document's changes in words, in the order of the fields; dates phrased together."""
        out, dated = [], False
        for change in doc.changes:
            if change.what in ("start", "end", "duration"):
                if not dated:
                    out += self.dates(doc.changes)
                    dated = True
                continue
            words = self.change(change, doc)
            if words is not None:
                out.append(words)
        return out

    def totals(self, totals: RoadmapTotals) -> str | None:
        """'campaign budgets 45,000 → 49,000 EUR (+4,000) of 50,000 EUR budgeted'."""
        envelope = totals.budget_after or totals.budget_before
        first = envelope.currency if envelope else ""
        currencies = sorted(totals.before.keys() | totals.after.keys(), key=lambda c: (c != first, c))
        if not currencies:
            return None
        parts = []
        for currency in currencies:
            b, a = totals.before.get(currency, 0), totals.after.get(currency, 0)
            part = f"{number(b)} → {number(a)} {currency} ({signed(a - b)})" if a != b else f"{number(a)} {currency} (unchanged)"
            if envelope and envelope.currency == currency:
                part += f" of {number(envelope.amount)} {currency} budgeted"
                if a > envelope.amount:
                    part += f", over by {number(a - envelope.amount)}"
            parts.append(part)
        return "campaign budgets: " + "; ".join(parts)


def _percent(value: float | None) -> str:
    return "none" if value is None else f"{number(round(value, 1))}%"


# --- the report ------------------------------------------------------------------------


def summary(changes: Changes) -> str:
    """The one line: '3 documents changed: 1 added, 2 modified; budget +6,000 EUR'."""
    prose = changes.count(PROSE)
    changed = len(changes.documents) - prose
    if not changed:
        line = "No change in roadmap terms"
        if prose:
            line += f": only the prose of {_plural(prose, 'document')} was edited"
    else:
        counts = [(changes.count(state), state) for state in (ADDED, REMOVED, MODIFIED, UNREADABLE)]
        line = f"{_plural(changed, 'document')} changed: " + ", ".join(f"{count} {state}" for count, state in counts if count)
        budget = _deltas(changes.totals_before, changes.totals_after)
        if budget:
            line += f"; budget {budget}"
        envelopes = _deltas(*_envelopes(changes))
        if envelopes:
            line += f"; roadmap budgets {envelopes}"
        if prose:
            line += f"; prose only in {prose} more"
    for side in (changes.base, changes.head):
        if side and side.errors:
            line += f"; {_called(side)} does not validate ({_plural(len(side.errors), 'error')})"
    return line


def _called(side: Side) -> str:
    return side.label if side.commit else f"the {side.label}"


def _deltas(before: dict[str, float], after: dict[str, float]) -> str:
    parts = []
    for currency in sorted(before.keys() | after.keys()):
        delta = after.get(currency, 0) - before.get(currency, 0)
        if delta:
            parts.append(f"{signed(delta)} {currency}")
    return ", ".join(parts)


def _envelopes(changes: Changes) -> tuple[dict[str, float], dict[str, float]]:
    before: dict[str, float] = defaultdict(float)
    after: dict[str, float] = defaultdict(float)
    for totals in changes.roadmaps.values():
        if totals.budget_before:
            before[totals.budget_before.currency] += totals.budget_before.amount
        if totals.budget_after:
            after[totals.budget_after.currency] += totals.budget_after.amount
    return before, after


@dataclass(slots=True)
class _Section:
    roadmap: str | None  # None: campaigns of no known roadmap
    own: DocumentChanges | None = None
    campaigns: list[DocumentChanges] = field(default_factory=list)
    left: list[DocumentChanges] = field(default_factory=list)  # campaigns that moved to another roadmap


def _budget_touched(doc: DocumentChanges) -> bool:
    if doc.state in (ADDED, REMOVED):
        return getattr(doc.after or doc.before, "budget", None) is not None
    return any(c.what in ("budget", "roadmap") for c in doc.changes)


def _layout(changes: Changes) -> tuple[list[_Section], list[DocumentChanges], list[DocumentChanges], list[DocumentChanges]]:
    """Sections per roadmap (its own changes, then its campaigns), then goals, other files, prose-only documents."""
    sections: dict[str, _Section] = {}
    goals, others, prose = [], [], []
    for doc in changes.documents:
        if doc.state == PROSE:
            prose.append(doc)
        elif doc.kind == "roadmap" and doc.id:
            sections.setdefault(doc.id, _Section(doc.id)).own = doc
        elif doc.kind == "campaign":
            home = doc.roadmap or ""
            sections.setdefault(home, _Section(home or None)).campaigns.append(doc)
            was = doc.roadmap_before
            if doc.after is not None and was and was != home:
                sections.setdefault(was, _Section(was)).left.append(doc)
        elif doc.kind == "goal":
            goals.append(doc)
        else:
            others.append(doc)
    for roadmap_id, totals in changes.roadmaps.items():  # a roadmap whose totals moved shows, even with no change of its own
        if totals.before != totals.after and roadmap_id not in sections:
            sections[roadmap_id] = _Section(roadmap_id)

    def order(section: _Section):
        return (section.roadmap is None, changes.starts.get(section.roadmap or "", date.max), section.roadmap or "")

    def by_date(doc: DocumentChanges):
        return (doc.start(), doc.key)

    ordered = sorted(sections.values(), key=order)
    for section in ordered:
        section.campaigns.sort(key=by_date)
        section.left.sort(key=by_date)
    return ordered, sorted(goals, key=by_date), sorted(others, key=lambda d: d.key), sorted(prose, key=lambda d: d.key)


def _compared(changes: Changes, words: _Words) -> str | None:
    if not changes.base or not changes.head:
        return None

    def side(s: Side) -> str:
        return f"{words.code(s.label)} ({words.code(s.commit[:10])})" if s.commit else f"the {s.label}"

    return f"Compared {side(changes.base)} with {side(changes.head)}."


def _entry(doc: DocumentChanges, words: _Words) -> tuple[str, str | None, list[str]]:
    """A document's name, what happened to it as a whole (None when modified), and its changes."""
    name = words.name(doc.id, doc.title, strong=True) if doc.id else words.code(doc.source or doc.key)
    if doc.state == ADDED:
        return name, f"added in {words.code(doc.after.source)}: {words.facts(doc.after)}", []
    if doc.state == REMOVED:
        return name, f"removed from {words.code(doc.before.source)} (was {words.facts(doc.before)})", []
    if doc.state == UNREADABLE and doc.before is None:
        return name, "cannot be read as a roadmap document: see the errors below", []
    if doc.state == UNREADABLE:
        return name, f"{words.code(doc.source)} cannot be read any more: see the errors below", []
    return name, None, words.lines(doc)


def _shows_totals(section: _Section, totals: RoadmapTotals | None) -> bool:
    docs = [*section.campaigns, *section.left, *([section.own] if section.own else [])]
    return bool(totals) and (totals.before != totals.after or any(_budget_touched(doc) for doc in docs))


def _heading(section: _Section, changes: Changes, words: _Words) -> tuple[str, str | None, list[str]]:
    """A roadmap section's heading, the line that says it was added or removed, and its own changes."""
    if section.roadmap is None:
        return "Campaigns without a roadmap", None, []
    heading = f"Roadmap {words.name(section.roadmap)}"
    if section.own is None:
        return heading + ("" if section.roadmap in changes.titles else " (no such roadmap)"), None, []
    _, whole, lines = _entry(section.own, words)
    if whole is None:
        return heading, None, lines
    return f"{heading}: {section.own.state}", whole[0].upper() + whole[1:] + ".", []


def _cap(line: str) -> str:
    return line[0].upper() + line[1:] + "."


def _problems(side: Side, limit: int = 50) -> list[str]:
    lines = [str(problem) for problem in side.errors[:limit]]
    if len(side.errors) > limit:
        lines.append(f"… and {len(side.errors) - limit} more")
    return lines


def to_markdown(changes: Changes, limit: int = MARKDOWN_LIMIT) -> str:
    """For a pull-request comment: the one-line summary, then a section per roadmap, goals, prose-only edits, errors."""
    words = _Words(changes, markdown=True)
    out = [f"**{summary(changes)}**", ""]
    compared = _compared(changes, words)
    if compared:
        out += [compared, ""]
    sections, goals, others, prose = _layout(changes)

    def bullets(doc: DocumentChanges) -> list[str]:
        name, whole, lines = _entry(doc, words)
        return [f"- {name}" + (f": {whole}" if whole else "")] + [f"  - {line}" for line in lines]

    for section in sections:
        totals = changes.roadmaps.get(section.roadmap or "")
        heading, whole, lines = _heading(section, changes, words)
        out += [f"### {heading}", ""]
        if whole:
            out += [whole, ""]
        if lines:
            out += [f"- {line}" for line in lines] + [""]
        if _shows_totals(section, totals) and words.totals(totals):
            out += [_cap(words.totals(totals)), ""]
        items = [line for doc in section.campaigns for line in bullets(doc)]
        items += [f"- {words.name(doc.id, doc.title, strong=True)}: moved to roadmap {words.name(doc.roadmap)}" for doc in section.left]
        if items:
            out += (["Campaigns:", ""] if lines else []) + items + [""]
    if goals:
        out += ["### Goals", ""] + [line for doc in goals for line in bullets(doc)] + [""]
    if others:
        out += ["### Other files", ""] + [line for doc in others for line in bullets(doc)] + [""]
    if prose:
        out += [f"Prose only, no change in roadmap terms: {_names(prose, words)}.", ""]
    for side in (changes.base, changes.head):
        if side and side.errors:
            out += [f"### Errors in {words.text(_called(side))}", "", "```text", *_problems(side), "```", ""]
    text = "\n".join(out).rstrip("\n") + "\n"
    return _cut(text, limit)


def _names(docs: list[DocumentChanges], words: _Words, limit: int = 20) -> str:
    names = [words.name(doc.id, doc.title) for doc in docs[:limit]]
    if len(docs) > limit:
        names.append(f"and {len(docs) - limit} more")
    return ", ".join(names)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    note = "\n\n… cut here: the full report is longer than a comment can be. Run `milepost diff` locally to see all of it.\n"
    kept = text[: limit - len(note)]
    kept = kept[: kept.rfind("\n")]
    if kept.count("```") % 2:  # never leave a code block open
        kept += "\n```"
    return kept + note


def described(changes: Changes) -> dict:
    """The summary line and each document changed in roadmap terms, in plain words and plain data,
    for pages that escape text themselves: `whole` says what happened to a document as a whole
    (None when modified), `lines` its changes."""
    words = _Words(changes, markdown=False)
    documents = []
    for doc in changes.documents:
        if doc.state != PROSE:
            _, whole, lines = _entry(doc, words)
            documents.append({"id": doc.id, "title": doc.title, "state": doc.state, "whole": whole, "lines": lines})
    return {"summary": summary(changes), "documents": documents}


def to_text(changes: Changes) -> str:
    """For a terminal: the same report, indented, without Markdown."""
    words = _Words(changes, markdown=False)
    out = [summary(changes)]
    compared = _compared(changes, words)
    if compared:
        out.append(compared)
    sections, goals, others, prose = _layout(changes)
    marks = {ADDED: "+ ", REMOVED: "- ", UNREADABLE: "! "}

    def entry(doc: DocumentChanges, indent: str) -> list[str]:
        name, whole, lines = _entry(doc, words)
        return [f"{indent}{marks.get(doc.state, '~ ')}{name}" + (f": {whole}" if whole else "")] + [f"{indent}    {line}" for line in lines]

    for section in sections:
        totals = changes.roadmaps.get(section.roadmap or "")
        heading, whole, lines = _heading(section, changes, words)
        out += ["", heading]
        if whole:
            out.append(f"    {whole}")
        out += [f"    {line}" for line in lines]
        if _shows_totals(section, totals) and words.totals(totals):
            out.append(f"    {words.totals(totals)}")
        for doc in section.campaigns:
            out += entry(doc, "  ")
        for doc in section.left:
            out.append(f"  > {words.name(doc.id, doc.title)}: moved to roadmap {words.name(doc.roadmap)}")
    if goals:
        out += ["", "Goals"] + [line for doc in goals for line in entry(doc, "  ")]
    if others:
        out += ["", "Other files"] + [line for doc in others for line in entry(doc, "  ")]
    if prose:
        out += ["", f"Prose only, no change in roadmap terms: {_names(prose, words, limit=len(prose))}"]
    for side in (changes.base, changes.head):
        if side and side.errors:
            out += ["", f"Errors in {_called(side)}:"] + [f"  {line}" for line in _problems(side, limit=len(side.errors))]
    return "\n".join(out) + "\n"


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if dataclasses.is_dataclass(value):
        return _json_value(_plain(value))
    return value


def _document_data(doc: Document | None) -> dict | None:
    if doc is None:
        return None
    skip = {"at", "spans", "body", "path", "published"}
    return {f.name: _json_value(getattr(doc, f.name)) for f in dataclasses.fields(doc) if f.name not in skip}


def to_json(changes: Changes) -> str:
    """For tools: every change as data; dates as YYYY-MM-DD, amounts as numbers."""

    def side(s: Side | None) -> dict | None:
        if s is None:
            return None
        return {
            "revision": s.label,
            "commit": s.commit,
            "valid": not s.errors,
            "errors": [{"path": p.path, "line": p.line, "col": p.col, "message": p.message, "code": p.code} for p in s.errors],
            "warnings": s.warnings,
        }

    documents = []
    for doc in changes.documents:
        item = {
            "id": doc.id,
            "kind": doc.kind,
            "title": doc.title,
            "state": doc.state,
            "source_before": doc.before.source if doc.before else doc.source,
            "source_after": doc.after.source if doc.after else None,
        }
        if doc.kind == "campaign":
            item["roadmap"] = doc.roadmap
        if doc.state in (ADDED, REMOVED):
            item["document"] = _document_data(doc.after or doc.before)
        item["changes"] = [
            {key: _json_value(value) for key, value in (("change", c.what), ("item", c.item), ("before", c.before), ("after", c.after), ("days", c.days)) if value is not None or key in ("before", "after")}
            for c in doc.changes
        ]
        documents.append(item)
    roadmaps = []
    for roadmap_id, totals in changes.roadmaps.items():
        if totals.before == totals.after and _money(totals.budget_before) == _money(totals.budget_after):
            continue
        roadmaps.append(
            {
                "id": roadmap_id,
                "budget_before": _money(totals.budget_before),
                "budget_after": _money(totals.budget_after),
                "campaign_budgets": {
                    currency: {"before": totals.before.get(currency, 0), "after": totals.after.get(currency, 0)}
                    for currency in sorted(totals.before.keys() | totals.after.keys())
                },
            }
        )
    payload = {
        "changed": changes.changed,
        "summary": summary(changes),
        "base": side(changes.base),
        "head": side(changes.head),
        "counts": {state: changes.count(state) for state in (ADDED, REMOVED, MODIFIED, UNREADABLE, PROSE)},
        "budget": {
            currency: {"before": changes.totals_before.get(currency, 0), "after": changes.totals_after.get(currency, 0)}
            for currency in sorted(changes.totals_before.keys() | changes.totals_after.keys())
        },
        "roadmaps": roadmaps,
        "documents": documents,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"
