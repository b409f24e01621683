"""The plan against its baseline: what slipped, moved earlier, appeared, vanished or changed budget.

The baseline is the site at a Git revision (the approved plan: a tag, a branch,
a commit). Documents are matched by id, never by file, so a moved or renamed
file is the same campaign. A campaign's slip is how many days later it now ends
than in the baseline; when only its start moved, how many days later it starts.
Pure functions of two `Site`s: the plugin reads the revision, this compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from milepost.core.model import Budget, Campaign, Document, Goal, Site


@dataclass(frozen=True, slots=True)
class Planned:
    """What the baseline said of one document."""

    start: date | None
    end: date | None
    budget: Budget | None


@dataclass(slots=True)
class Moved:
    doc: Document  # as it is now
    before: Planned
    start_days: int  # later (+) or earlier (−) than the baseline's start
    end_days: int
    pushes: list[Campaign] = field(default_factory=list)  # of a slip: what depends on it, directly or not

    @property
    def days(self) -> int:
        return self.end_days or self.start_days


@dataclass(frozen=True, slots=True)
class MilestoneMove:
    doc: Document  # the roadmap or campaign holding it, as it is now
    title: str
    before: date
    after: date

    @property
    def days(self) -> int:
        return (self.after - self.before).days


@dataclass(frozen=True, slots=True)
class BudgetChange:
    doc: Document
    before: Budget | None
    after: Budget | None


@dataclass(slots=True)
class Variance:
    ref: str  # as the user named it
    commit: str
    planned: dict[str, Planned]  # id -> the baseline's dates and budget, for every document it had
    milestones: dict[tuple[str, str], date]  # (document id, milestone title) -> the baseline's date
    slipped: list[Moved] = field(default_factory=list)  # largest slip first
    earlier: list[Moved] = field(default_factory=list)  # largest advance first
    added: list[Document] = field(default_factory=list)
    removed: list[Document] = field(default_factory=list)  # as the baseline had them
    budgets: list[BudgetChange] = field(default_factory=list)
    totals: dict[str, tuple[float, float]] = field(default_factory=dict)  # currency -> (baseline, now), campaigns
    moved_milestones: list[MilestoneMove] = field(default_factory=list)

    def of(self, doc: Document) -> Planned | None:
        """The baseline of `doc`, or None when the baseline did not have it."""
        return self.planned.get(doc.id or "")


def planned(doc: Document) -> Planned:
    end = doc.deadline if isinstance(doc, Goal) else getattr(doc, "end", None)
    return Planned(getattr(doc, "start", None), end, getattr(doc, "budget", None))


def _keyed(site: Site) -> dict[str, Document]:
    return {doc.id: doc for doc in site.documents if doc.id and site.by_id.get(doc.id) is doc}


def compare(baseline: Site, current: Site, ref: str, commit: str) -> Variance:
    before, after = _keyed(baseline), _keyed(current)
    found = Variance(
        ref,
        commit,
        {key: planned(doc) for key, doc in before.items()},
        {(key, m.title): m.date for key, doc in before.items() for m in reversed(getattr(doc, "milestones", []))},
    )
    found.added = [doc for key, doc in after.items() if key not in before]
    found.removed = [doc for key, doc in before.items() if key not in after]
    for key, doc in after.items():
        old = before.get(key)
        if old is None or old.kind != doc.kind:
            continue
        _dates(found, found.planned[key], doc, current)
        if not isinstance(doc, Goal) and _money(old.budget) != _money(doc.budget):
            found.budgets.append(BudgetChange(doc, old.budget, doc.budget))
        for milestone in getattr(doc, "milestones", []):
            was = found.milestones.get((key, milestone.title))
            if was is not None and was != milestone.date:
                found.moved_milestones.append(MilestoneMove(doc, milestone.title, was, milestone.date))
    found.slipped.sort(key=lambda m: (-m.days, m.doc.id or ""))
    found.earlier.sort(key=lambda m: (m.days, m.doc.id or ""))
    found.moved_milestones.sort(key=lambda m: (-abs(m.days), m.doc.id or "", m.title))
    found.totals = _totals(baseline, current)
    return found


def _dates(found: Variance, was: Planned, doc: Document, current: Site) -> None:
    now = planned(doc)
    if None in (was.start, now.start):
        start_days = 0
    else:
        start_days = (now.start - was.start).days
    end_days = 0 if None in (was.end, now.end) else (now.end - was.end).days
    if not (start_days or end_days) or isinstance(doc, Goal):
        return
    moved = Moved(doc, was, start_days, end_days)
    if moved.days > 0:
        moved.pushes = _dependents(current, doc.id or "")
    (found.slipped if moved.days > 0 else found.earlier).append(moved)


def _dependents(site: Site, key: str) -> list[Campaign]:
    """Every campaign that depends on `key`, directly or through others, nearest first."""
    seen, queue = {key}, [key]
    found: list[Campaign] = []
    for at in queue:
        for campaign in site.dependents.get(at, []):
            if campaign.id not in seen:
                seen.add(campaign.id)
                queue.append(campaign.id)
                found.append(campaign)
    return found


def _money(budget: Budget | None) -> tuple | None:
    return None if budget is None else (budget.amount, budget.currency)


def _totals(baseline: Site, current: Site) -> dict[str, tuple[float, float]]:
    """Planned campaign budgets per currency, in the baseline and now (never converted)."""
    totals: dict[str, list[float]] = {}
    for side, site in enumerate((baseline, current)):
        for campaign in site.campaigns:
            if campaign.budget is not None:
                totals.setdefault(campaign.budget.currency, [0.0, 0.0])[side] += campaign.budget.amount
    return {currency: (pair[0], pair[1]) for currency, pair in sorted(totals.items())}
