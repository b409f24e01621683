"""What the overview pages point out: what runs now, what is due, what is at risk, who is overloaded.

Derived from the model and a `today`; never from the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core.model import ATTENTION, Campaign, Document, Goal, Roadmap, Site
from milepost.site.health import HEALTHS
from milepost.site.order import by_name, by_title, natural_key


@dataclass(frozen=True, slots=True)
class Due:
    title: str
    day: date
    doc: Document


def is_running(campaign: Campaign, today: date) -> bool:
    c = campaign
    return bool(c.start and c.end and c.start <= today <= c.end and c.status not in ("done", "cancelled"))


def _ending_first(campaigns: list[Campaign]) -> list[Campaign]:
    return sorted(campaigns, key=lambda c: (c.end or date.max, c.source))


def running(site: Site, today: date) -> list[Campaign]:
    """Campaigns running today, those ending first first."""
    return _ending_first([c for c in site.campaigns if is_running(c, today)])


def overdue(campaign: Campaign, today: date) -> bool:
    return bool(campaign.end and campaign.end < today and campaign.status not in ("done", "cancelled"))


def is_late_or_at_risk(campaign: Campaign, today: date) -> bool:
    """At risk or delayed by its status, or past its end and not done: what every page flags."""
    return campaign.status in ATTENTION or overdue(campaign, today)


def late_or_at_risk(site: Site, today: date) -> list[Campaign]:
    """Campaigns at risk, delayed or overdue, those ending first (or overdue longest) first."""
    return _ending_first([c for c in site.campaigns if is_late_or_at_risk(c, today)])


def upcoming_milestones(site: Site, today: date, days: int = 30) -> list[Due]:
    horizon = today + timedelta(days=days)
    found = [
        Due(m.title, m.date, doc)
        for doc in site.documents
        for m in getattr(doc, "milestones", [])
        if today <= m.date <= horizon and not m.done
    ]
    return sorted(found, key=lambda d: (d.day, d.title, d.doc.source))


def kpis_in_alert(site: Site) -> list[tuple[Campaign, object]]:
    return alerts_of(site.campaigns)


def alerts_of(campaigns: list[Campaign]) -> list[tuple[Campaign, object]]:
    """(campaign, KPI) for each KPI of `campaigns` in alert, in order."""
    return [(c, k) for c in campaigns for k in c.kpis if k.in_alert]


def risks_of(campaigns: list[Campaign]) -> list[tuple[Campaign, object]]:
    """(campaign, risk) for each risk of `campaigns`, in order."""
    return [(c, r) for c in campaigns for r in c.risks]


LOAD_WEEKS = 104
"""The weekly load covers this many weeks either side of today: what can still be planned
around. A campaign of a century (a mistyped year) would otherwise draw 5,000 weeks."""


def load_window(today: date) -> tuple[date, date]:
    """The first and last Monday the weekly load covers."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=LOAD_WEEKS), monday + timedelta(weeks=LOAD_WEEKS)


def _counted(campaigns: list[Campaign]) -> list[Campaign]:
    return [c for c in campaigns if c.start and c.end and c.status != "cancelled"]


def weekly_load(campaigns: list[Campaign], today: date) -> list[tuple[date, int]]:
    """How many of `campaigns` run in each ISO week (Monday first) of `load_window`, for weeks with any."""
    first, last = load_window(today)
    counts: dict[date, int] = {}
    for c in _counted(campaigns):
        week = max(c.start - timedelta(days=c.start.weekday()), first)
        while week <= min(c.end, last):
            counts[week] = counts.get(week, 0) + 1
            week += timedelta(days=7)
    return sorted(counts.items())


def runs_outside_load_window(campaigns: list[Campaign], today: date) -> bool:
    """Whether some of `campaigns` run in weeks the weekly load leaves out (the page says so)."""
    first, last = load_window(today)
    return any(c.start < first or c.end > last + timedelta(days=6) for c in _counted(campaigns))


def peak_load(campaigns: list[Campaign], today: date) -> int:
    """The most of `campaigns` running in one week of `load_window`."""
    return max((count for _, count in weekly_load(campaigns, today)), default=0)


@dataclass(frozen=True, slots=True)
class Counts:
    running: int  # campaigns running today
    attention: int  # at risk, delayed or overdue


def group_counts(campaigns: list[Campaign], today: date) -> Counts:
    return Counts(sum(is_running(c, today) for c in campaigns), sum(is_late_or_at_risk(c, today) for c in campaigns))


@dataclass(frozen=True, slots=True)
class Group:
    """The campaigns of one owner, channel or team; `slug` names its page (unique, URL-safe)."""

    name: str
    slug: str
    campaigns: list[Campaign]


def group_by(campaigns: list[Campaign], key, also=()) -> list[Group]:
    """Campaigns under each value of `key(campaign)` (a list of strings), sorted by name; the
    names in `also` get a group too, with no campaign if none has them (an owner of goals only).

    Slugs keep letters of any script, fold case (so `Email` and `email` cannot
    collide on a case-insensitive disk) and get `-2`, `-3` … when two names meet.
    """
    found: dict[str, list[Campaign]] = {}
    for c in campaigns:
        for name in dict.fromkeys(key(c)):
            found.setdefault(name, []).append(c)
    for name in also:
        found.setdefault(name, [])
    groups, taken = [], set()
    for name in by_name(found):
        members = found[name]
        base = re.sub(r"[\W_]+", "-", name.casefold()).strip("-") or "group"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        groups.append(Group(name, slug, members))
    return groups


def goal_tree(site: Site) -> list[tuple[Goal, int]]:
    """Every goal once, each followed by its sub-goals (depth 1, 2 …); siblings by title.
    A goal whose parent is missing (or in a cycle validation refused) is listed at the top."""
    goals = [g for g in site.goals if g.id]
    known = {g.id for g in goals}
    listed: list[tuple[Goal, int]] = []
    seen: set[str] = set()

    def visit(goal: Goal, depth: int) -> None:
        if goal.id in seen:
            return
        seen.add(goal.id)
        listed.append((goal, depth))
        for child in by_title(site.children.get(goal.id, [])):
            visit(child, depth + 1)

    for goal in by_title(g for g in goals if not g.parent or g.parent not in known):
        visit(goal, 0)
    for goal in by_title(goals):  # whatever a cycle kept out of reach
        visit(goal, 0)
    return listed


@dataclass(frozen=True, slots=True)
class RoadmapRow:
    roadmap: Roadmap
    campaigns: int
    done: float | None  # percent of its campaigns (cancelled ones aside) done; None without any


def roadmap_rows(site: Site) -> list[RoadmapRow]:
    """Every roadmap by title, with its campaign count and share done."""
    rows = []
    for roadmap in by_title(site.roadmaps):
        campaigns = site.campaigns_of.get(roadmap.id or "", [])
        counted = [c for c in campaigns if c.status != "cancelled"]
        done = 100 * sum(c.status == "done" for c in counted) / len(counted) if counted else None
        rows.append(RoadmapRow(roadmap, len(campaigns), done))
    return rows


@dataclass(frozen=True, slots=True)
class Quarter:
    """The quarter of a day (a fiscal one when the fiscal year does not start in January), and
    what of the plan falls in it."""

    first: date
    last: date
    number: int  # 1 to 4
    year: int  # the calendar year, or the fiscal year's name (2027 for FY2027)
    fiscal: bool  # the home page then says "FY2027 Q1"
    running: list[Campaign]  # every campaign with a day in the quarter, cancelled ones aside
    starting: list[Campaign]
    ending: list[Campaign]


def quarter_bounds(today: date, fiscal: Fiscal = CALENDAR_YEAR) -> tuple[date, date]:
    """The first and last day of the (fiscal) quarter holding `today`."""
    months = today.year * 12 + today.month - 1
    first_month = months - (months - (fiscal.start_month - 1)) % 3
    first = date(first_month // 12, first_month % 12 + 1, 1)
    after = first_month + 3
    return first, date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def this_quarter(site: Site, today: date, fiscal: Fiscal = CALENDAR_YEAR) -> Quarter:
    """The quarter of `today`; its campaign lists ending first, in one pass over the campaigns."""
    first, last = quarter_bounds(today, fiscal)
    running, starting, ending = [], [], []
    for c in site.campaigns:
        if not (c.start and c.end) or c.status == "cancelled" or c.end < first or c.start > last:
            continue
        running.append(c)
        if c.start >= first:
            starting.append(c)
        if c.end <= last:
            ending.append(c)
    year, number = fiscal.quarter_of(today)
    return Quarter(
        first, last, number, year, fiscal.shifted,
        _ending_first(running), sorted(starting, key=lambda c: (c.start, c.source)), _ending_first(ending),
    )


def goals_by_health(site: Site, health: dict) -> list[Goal]:
    """Goals needing action first (off track, behind, …, achieved: health.HEALTHS), then by deadline."""
    def key(goal: Goal):
        found = health.get(goal.id)
        return (found.rank if found else len(HEALTHS), goal.deadline or date.max, natural_key(goal.title or goal.id or ""), goal.source)

    return sorted((g for g in site.goals if g.id), key=key)


def needs_retrospective(site: Site) -> list[Campaign]:
    """Done campaigns whose lessons nobody has written down yet, those ending first first."""
    return _ending_first([c for c in site.campaigns if c.status == "done" and c.retrospective is None])


@dataclass(slots=True)
class LineTotal:
    """One budget line item summed over a roadmap's campaigns, in one currency."""

    item: str
    currency: str
    amount: float = 0
    spent: float | None = None
    campaigns: list[Campaign] = field(default_factory=list)


def budget_lines(campaigns: list[Campaign]) -> list[LineTotal]:
    """The budget lines of `campaigns` summed by item and currency, largest first."""
    totals: dict[tuple[str, str], LineTotal] = {}
    for campaign in campaigns:
        for line in campaign.budget.lines if campaign.budget else ():
            total = totals.setdefault((line.item, campaign.budget.currency), LineTotal(line.item, campaign.budget.currency))
            total.amount += line.amount
            if line.spent is not None:
                total.spent = (total.spent or 0) + line.spent
            if campaign not in total.campaigns:
                total.campaigns.append(campaign)
    return sorted(totals.values(), key=lambda t: (t.currency, -t.amount, t.item))


@dataclass(frozen=True, slots=True)
class Lesson:
    """A retrospective with what the lessons page filters it by."""

    doc: Document  # the campaign or roadmap it reviews
    retrospective: object
    channels: tuple[str, ...]
    goals: tuple[str, ...]


def lessons(site: Site) -> list[Lesson]:
    """Every retrospective of the site, newest first (undated ones last, by source)."""
    found = []
    for doc in site.documents:
        retro = getattr(doc, "retrospective", None)
        if retro is not None:
            found.append(Lesson(doc, retro, tuple(getattr(doc, "channels", ())), tuple(doc.goals)))
    return sorted(found, key=lambda lesson: (lesson.retrospective.date is None, -(lesson.retrospective.date or date.min).toordinal(), lesson.doc.source))
