"""What changed between two versions of a roadmap site, as data.

Documents are matched by id, so a moved or renamed file is the same
document. The comparison is of the model, not of the text: re-quoting a value,
reordering keys or writing `2026-07` for `2026-07-01` as a start is no change;
an edit to the prose below the front matter is reported, briefly, as "prose
only". Everything here is a pure function of two `Site`s; reading them from Git
is `revision.py`'s work, putting the changes in words `phrase.py`'s and
`report.py`'s. Every ordering is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from milepost.core import budgets
from milepost.core.model import Budget, Campaign, Document, Goal, Site
from milepost.core.plain import plain
from milepost.core.problems import Problem

ADDED, REMOVED, MODIFIED, PROSE, UNREADABLE = "added", "removed", "modified", "prose", "unreadable"



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


def _keyed(site: Site) -> dict[str, Document]:
    keyed: dict[str, Document] = {}
    for doc in site.documents:
        key = doc.id if doc.id and doc.id not in keyed else f"@{doc.source}"
        keyed.setdefault(key, doc)
    return keyed


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
            setattr(totals, side, budgets.amounts(campaigns))
        for roadmap in site.roadmaps:
            if roadmap.id and site.by_id.get(roadmap.id) is roadmap:
                totals = roadmaps.setdefault(roadmap.id, RoadmapTotals(roadmap.id))
                setattr(totals, f"budget_{side}", roadmap.budget)
    titles = {doc.id: doc.title or doc.id for site in (before, after) for doc in site.documents if doc.id and site.by_id.get(doc.id) is doc}
    starts = {r.id: r.start for site in (before, after) for r in site.roadmaps if r.id and r.start}
    return Changes(
        documents=documents,
        roadmaps=dict(sorted(roadmaps.items())),
        totals_before=budgets.amounts(before.campaigns),
        totals_after=budgets.amounts(after.campaigns),
        titles=titles,
        starts=starts,
    )


def _prose(text: str) -> str:
    return " ".join(text.split())


def money_of(budget: Budget | None) -> dict | None:
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


def _matched(b: list, a: list, key) -> tuple[list[tuple], list, list]:
    """Match nested items by `key` (a KPI by metric, a risk by its text …), in order when a key repeats."""
    waiting: dict = defaultdict(list)
    for item in b:
        waiting[key(item)].append(item)
    matched, added = [], []
    for item in a:
        queue = waiting.get(key(item))
        if queue:
            matched.append((queue.pop(0), item))
        else:
            added.append(item)
    removed = [item for queue in waiting.values() for item in queue]
    removed.sort(key=lambda item: b.index(item) if item in b else 0)
    return matched, removed, added


def _nested(name: str, b: list, a: list, key, fields: tuple[str, ...], dates: tuple[str, ...] = ()) -> list[Change]:
    matched, removed, added = _matched(b, a, key)
    changes = [Change(f"{name}.removed", plain(x, days=False, derived=False), None, key(x)) for x in removed]
    changes += [Change(f"{name}.added", None, plain(x, days=False, derived=False), key(x)) for x in added]
    for old, new in matched:
        for part in fields:
            x, y = getattr(old, part), getattr(new, part)
            if part in dates:
                changes += _shift(f"{name}.{part}", x, y, key(new))
            elif x != y:
                changes.append(Change(f"{name}.{part}", x, y, key(new)))
    return changes


def _key_dates(b: list, a: list) -> list[Change]:
    """A calendar's key dates by title; a day that moved is one change (`dates.day`), not a start and an end."""
    changes = _nested("dates", b, a, lambda k: k.title, ("start", "end", "markets"), ("start", "end"))
    shifts = {part: {(c.item, c.before, c.after) for c in changes if c.what == f"dates.{part}"} for part in ("start", "end")}
    days = shifts["start"] & shifts["end"]  # start and end moved from one day to one day
    result = []
    for c in changes:
        if c.what not in ("dates.start", "dates.end") or (c.item, c.before, c.after) not in days:
            result.append(c)
        elif c.what == "dates.start":
            result.append(Change("dates.day", c.before, c.after, c.item, c.days))
    return result


def compare(b: Document, a: Document) -> list[Change]:
    """Every change from document `b` to document `a` (the same id), in a fixed order: what it is,
    when, its budget, its measures and links, its nested items, its words."""
    return [*_identity(b, a), *_timing(b, a), *_budget(b, a), *_measures(b, a), *_items(b, a), *_words(b, a)]


def _both(b: Document, a: Document, name: str) -> bool:
    return hasattr(b, name) and hasattr(a, name)


def _fields(b: Document, a: Document, names: tuple[str, ...]) -> list[Change]:
    """A change for each of `names` that both documents have and that differs."""
    return [Change(name, getattr(b, name), getattr(a, name)) for name in names if _both(b, a, name) and getattr(b, name) != getattr(a, name)]


def _identity(b: Document, a: Document) -> list[Change]:
    return _fields(b, a, ("source", "kind", "title", "status", "owner", "roadmap", "type"))


def _timing(b: Document, a: Document) -> list[Change]:
    changes: list[Change] = []
    if _both(b, a, "start") and not _both(b, a, "end"):  # a goal's start
        changes += _shift("start", b.start, a.start)
    if _both(b, a, "start") and _both(b, a, "end"):
        followed = a.after.ref if isinstance(a, Campaign) and a.after and a.after == getattr(b, "after", None) else None
        changes += _shift("start", b.start, a.start, followed) + _shift("end", b.end, a.end)  # `followed`: moved with it
        if b.start and b.end and a.start and a.end and (b.end - b.start) != (a.end - a.start):
            changes.append(Change("duration", (b.end - b.start).days + 1, (a.end - a.start).days + 1))
    if _both(b, a, "deadline"):
        changes += _shift("deadline", b.deadline, a.deadline)
    return changes


def _budget(b: Document, a: Document) -> list[Change]:
    if not _both(b, a, "budget"):
        return []
    changes: list[Change] = []
    if money_of(b.budget) != money_of(a.budget):
        changes.append(Change("budget", money_of(b.budget), money_of(a.budget)))
    if _spent(b.budget) != _spent(a.budget):
        changes.append(Change("spent", _spent(b.budget), _spent(a.budget)))
    lines_before, lines_after = (b.budget.lines if b.budget else []), (a.budget.lines if a.budget else [])
    return changes + _nested("lines", lines_before, lines_after, lambda line: line.item, ("amount", "spent", "channel"))


def _measures(b: Document, a: Document) -> list[Change]:
    """Progress, a goal's metric and values, and the lists of ids and labels."""
    changes: list[Change] = []
    if isinstance(b, Campaign) and isinstance(a, Campaign) and b.progress != a.progress:
        changes.append(Change("progress", b.progress, a.progress))
    changes += _fields(b, a, ("metric", "target", "baseline", "current", "unit", "priority", "parent"))
    if isinstance(b, Goal) and isinstance(a, Goal) and b.progress != a.progress and (b.progress is not None or a.progress is not None):
        changes.append(Change("goal-progress", b.progress, a.progress))
    for name in ("goals", "depends_on", "channels", "teams"):
        if _both(b, a, name):
            changes += _members(name, getattr(b, name), getattr(a, name))
    return changes


def _items(b: Document, a: Document) -> list[Change]:
    """KPIs, risks, milestones, key dates, activities, updates and the retrospective."""
    changes: list[Change] = []
    if _both(b, a, "kpis"):
        changes += _nested("kpis", b.kpis, a.kpis, lambda k: k.metric, ("target", "actual", "unit", "alert_below", "alert_above"))
        changes += [
            Change("kpis.alert", old.in_alert, new.in_alert, new.metric) for old, new in _matched(b.kpis, a.kpis, lambda k: k.metric)[0] if old.in_alert != new.in_alert
        ]
    if _both(b, a, "risks"):
        changes += _nested("risks", b.risks, a.risks, lambda r: r.risk, ("likelihood", "impact", "contingency"))
    if _both(b, a, "milestones"):
        changes += _nested("milestones", b.milestones, a.milestones, lambda m: m.title, ("date", "done"), ("date",))
    if _both(b, a, "dates"):
        changes += _key_dates(b.dates, a.dates)
    if _both(b, a, "activities"):
        changes += _nested("activities", b.activities, a.activities, lambda x: x.title, ("start", "end", "owner", "status", "deliverable"), ("start", "end"))
    if _both(b, a, "updates"):
        changes += _nested("updates", b.updates, a.updates, lambda u: u.date, ("text", "progress"))
    if _both(b, a, "retrospective") and b.retrospective != a.retrospective:
        item = lambda retro: plain(retro, days=False, derived=False) if retro else None
        changes.append(Change("retrospective", item(b.retrospective), item(a.retrospective)))
    return changes


def _words(b: Document, a: Document) -> list[Change]:
    changes = _fields(b, a, ("summary",)) + _members("tags", b.tags, a.tags) + _fields(b, a, ("extra",))
    return changes + ([Change("prose")] if _prose(b.body) != _prose(a.body) else [])
