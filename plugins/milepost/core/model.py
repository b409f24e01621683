"""The roadmap model: plain typed data, free of MkDocs and of YAML.

Dates are resolved to days (`date`). Each document and nested item keeps
`at`, the (line, column) of where it was written, so rules that look across
documents can still point into the right file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from milepost.core.problems import Pos

KINDS = ("goal", "roadmap", "campaign", "calendar")
STATUSES = ("planned", "in-progress", "at-risk", "delayed", "done", "cancelled")
ATTENTION = ("at-risk", "delayed")  # statuses that flag trouble on every page
ROADMAP_TYPES = ("strategic", "campaign", "channel", "event", "product", "digital", "portfolio", "project")
LEVELS = ("low", "medium", "high")
PRIORITIES = ("core", "supporting")


def _here():
    """Where an item was written; not part of its value."""
    return field(default=(0, 0), compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class BudgetLine:
    """One resource need behind a budget (`KOL fees`, `media`), in the budget's currency."""

    item: str
    amount: float
    spent: float | None = None
    channel: str | None = None
    at: Pos = _here()


@dataclass(slots=True, kw_only=True)
class Budget:
    amount: float
    currency: str
    spent: float | None = None
    lines: list[BudgetLine] = field(default_factory=list)
    at: Pos = _here()

    @property
    def remaining(self) -> float | None:
        return None if self.spent is None else self.amount - self.spent

    @property
    def lines_total(self) -> float:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True, slots=True)
class After:
    """A start written relative to another campaign: `after spring-launch + 2w` is the day after
    it ends plus `days`. `text` is what the author wrote."""

    ref: str
    days: int = 0
    text: str = ""


@dataclass(frozen=True, slots=True)
class Duration:
    """An end written as a span from the item's own start: `+6w` is its 42nd day."""

    days: int
    text: str = ""


@dataclass(slots=True, kw_only=True)
class Update:
    """One entry of a campaign's progress log (a weekly status line)."""

    date: date
    text: str
    progress: float | None = None
    at: Pos = _here()


@dataclass(slots=True, kw_only=True)
class Retrospective:
    """The review after a campaign or roadmap: result against target, process, strategy."""

    date: date | None = None
    result: str | None = None
    process: str | None = None
    strategy: str | None = None
    at: Pos = _here()

    LAYERS = ("result", "process", "strategy")


@dataclass(slots=True, kw_only=True)
class Kpi:
    metric: str
    target: float
    actual: float | None = None
    unit: str | None = None
    alert_below: float | None = None
    alert_above: float | None = None
    at: Pos = _here()

    @property
    def in_alert(self) -> bool:
        if self.actual is None:
            return False
        return (self.alert_below is not None and self.actual < self.alert_below) or (
            self.alert_above is not None and self.actual > self.alert_above
        )


@dataclass(slots=True, kw_only=True)
class Risk:
    risk: str
    contingency: str | None = None
    likelihood: str | None = None
    impact: str | None = None
    at: Pos = _here()


@dataclass(slots=True, kw_only=True)
class Milestone:
    title: str
    date: date
    done: bool = False
    at: Pos = _here()


def _written_dates(item) -> None:
    """A relative start or end read from the file moves to `after`/`duration`; `start`/`end` then
    hold days only, filled in by `relative.resolve`. Idempotent, for `dataclasses.replace`."""
    if isinstance(item.start, After):
        item.after, item.start = item.start, None
    if isinstance(item.end, Duration):
        item.duration, item.end = item.end, None


@dataclass(slots=True, kw_only=True)
class Activity:
    title: str
    start: date | None = None
    end: date | None = None
    owner: str | None = None
    status: str | None = None
    deliverable: str | None = None
    after: After | None = None  # the start as written, when relative
    duration: Duration | None = None  # the end as written, when relative
    at: Pos = _here()

    def __post_init__(self) -> None:
        _written_dates(self)


@dataclass(slots=True, kw_only=True)
class KeyDate:
    """A date that is not ours to plan (a holiday, Double 11, a trade fair), in some markets.

    Written as one `date` (a day: drawn as a marker) or as `start` and `end` (a
    period: drawn as a band); `start` and `end` always hold the resolved days.
    """

    title: str
    start: date
    end: date
    date: date | None = None  # set when written as a single day
    markets: list[str] = field(default_factory=list)
    at: Pos = _here()

    @property
    def is_day(self) -> bool:
        return self.date is not None


@dataclass(slots=True, kw_only=True)
class Document:
    """What every roadmap document has. `source` is its path in the docs dir."""

    kind: str
    id: str | None = None
    title: str | None = None
    owner: str | None = None
    status: str = "planned"
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    source: str = ""
    path: str = ""  # as shown in messages: relative to the current directory
    body: str = ""
    published: bool = True  # False when MkDocs would not publish the file as a page
    at: Pos = _here()
    spans: dict[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    def where(self, name: str) -> Pos:
        """Position of field `name` (or `name.i` for a list item), else the document's."""
        return self.spans.get(name) or self.spans.get(name.partition(".")[0]) or self.at


@dataclass(slots=True, kw_only=True)
class Goal(Document):
    metric: str | None = None
    target: float | None = None
    deadline: date | None = None
    baseline: float = 0
    current: float | None = None
    unit: str | None = None
    priority: str = "core"
    parent: str | None = None
    start: date | None = None  # when work toward the target began (see site/health.py for the default)

    @property
    def progress(self) -> float | None:
        """Percent of the way from baseline to target (a reduction works the same way)."""
        if self.current is None or self.target is None or self.target == self.baseline:
            return None
        share = (self.current - self.baseline) / (self.target - self.baseline) * 100
        return share if math.isfinite(share) else None  # finite inputs near a float's limits can overflow


@dataclass(slots=True, kw_only=True)
class Roadmap(Document):
    type: str | None = None
    start: date | None = None
    end: date | None = None
    goals: list[str] = field(default_factory=list)
    budget: Budget | None = None
    milestones: list[Milestone] = field(default_factory=list)
    retrospective: Retrospective | None = None


@dataclass(slots=True, kw_only=True)
class Campaign(Document):
    roadmap: str | None = None
    start: date | None = None
    end: date | None = None
    goals: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    progress: float | None = None
    budget: Budget | None = None
    depends_on: list[str] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)  # as written; see `log`
    retrospective: Retrospective | None = None
    after: After | None = None  # the start as written, when relative
    duration: Duration | None = None  # the end as written, when relative
    dependency_implied: bool = False  # the last of `depends_on` is there only because the start follows it

    def __post_init__(self) -> None:
        """A relative start implies a dependency on the campaign it follows, placed where it was written."""
        _written_dates(self)
        if self.after and self.after.ref not in self.depends_on:
            self.depends_on = [*self.depends_on, self.after.ref]
            self.dependency_implied = True
            if "start" in self.spans:
                self.spans[f"depends_on.{len(self.depends_on) - 1}"] = self.spans["start"]

    @property
    def log(self) -> list[Update]:
        """The progress log, newest first (entries of one day in the order written)."""
        return sorted(self.updates, key=lambda update: update.date, reverse=True)

    @property
    def latest_update(self) -> Update | None:
        return max(reversed(self.updates), key=lambda update: update.date) if self.updates else None


@dataclass(slots=True, kw_only=True)
class Calendar(Document):
    """Key dates the plan works around: shown on every timeline, planned by no one here."""

    dates: list[KeyDate] = field(default_factory=list)


MODEL_OF_KIND = {"goal": Goal, "roadmap": Roadmap, "campaign": Campaign, "calendar": Calendar}

REFERENCES = (  # (model, field, kind referred to): every way a document names another
    (Campaign, "roadmap", "roadmap"),
    (Campaign, "goals", "goal"),
    (Campaign, "depends_on", "campaign"),
    (Roadmap, "goals", "goal"),
    (Goal, "parent", "goal"),
)


def named_ids(doc: Document) -> list[str]:
    """The ids `doc` names in its reference fields (see REFERENCES)."""
    found: list[str] = []
    for cls, name, _ in REFERENCES:
        if isinstance(doc, cls):
            value = getattr(doc, name)
            found += value if isinstance(value, list) else [value] if value else []
    return found


@dataclass(slots=True)
class Site:
    """Every roadmap document of a docs dir, with the links between them indexed once."""

    documents: list[Document]  # sorted by source
    by_id: dict[str, Document] = field(default_factory=dict)
    campaigns_of: dict[str, list[Campaign]] = field(default_factory=dict)  # roadmap id -> campaigns
    serving: dict[str, list[Document]] = field(default_factory=dict)  # goal id -> roadmaps, campaigns
    children: dict[str, list[Goal]] = field(default_factory=dict)  # goal id -> child goals
    dependents: dict[str, list[Campaign]] = field(default_factory=dict)  # campaign id -> campaigns

    def __post_init__(self) -> None:
        for doc in self.documents:
            if doc.id and doc.id not in self.by_id:
                self.by_id[doc.id] = doc
        for doc in self.documents:
            if isinstance(doc, (Roadmap, Campaign)):
                for goal in dict.fromkeys(doc.goals):
                    self.serving.setdefault(goal, []).append(doc)
            if isinstance(doc, Campaign):
                if doc.roadmap:
                    self.campaigns_of.setdefault(doc.roadmap, []).append(doc)
                for dep in dict.fromkeys(doc.depends_on):
                    self.dependents.setdefault(dep, []).append(doc)
            if isinstance(doc, Goal) and doc.parent:
                self.children.setdefault(doc.parent, []).append(doc)

    def of_kind(self, kind: str) -> list:
        return [doc for doc in self.documents if doc.kind == kind]

    @property
    def goals(self) -> list[Goal]:
        return self.of_kind("goal")

    @property
    def roadmaps(self) -> list[Roadmap]:
        return self.of_kind("roadmap")

    @property
    def campaigns(self) -> list[Campaign]:
        return self.of_kind("campaign")

    @property
    def calendars(self) -> list[Calendar]:
        return self.of_kind("calendar")

    def key_dates(self) -> list[tuple[KeyDate, Calendar]]:
        """Every key date of every calendar, by first day, then title."""
        found = [(item, cal) for cal in self.calendars for item in cal.dates]
        return sorted(found, key=lambda pair: (pair[0].start, pair[0].end, pair[0].title, pair[1].source))
