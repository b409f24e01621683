"""Goal health: is a goal on track at today, from the share of its period gone by?

The contract's rule ("Goal health" in the format): with E the share of the
goal's period (start to deadline, in days) gone by at today, clamped to 0…1,
and P its progress (0…1), the first match of

    achieved  P >= 1
    missed    today after the deadline and P < 1
    no-data   no current value, or no start known
    on-track  P >= E - behind_margin
    behind    P >= E - off_track_margin
    off-track otherwise

Pure: the site, a today and the two margins in; plain data out, computed once
per build for every goal (templates and the JSON export only read it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from milepost.core.model import Goal, Site

HEALTHS = ("off-track", "behind", "on-track", "no-data", "missed", "achieved")
"""Every health, in the order a reader wants them listed: the goals that need action first."""


@dataclass(frozen=True, slots=True)
class Health:
    state: str  # one of HEALTHS
    start: date | None  # the goal's start, written or derived from what serves it
    expected: float | None  # E, the share of the period gone by at today (0…1)
    expected_value: float | None  # baseline + E × (target − baseline), rounded: where the goal should be today

    @property
    def rank(self) -> int:
        return HEALTHS.index(self.state)


def starts(site: Site) -> dict[str, date]:
    """Each goal's start: its own `start`, else the earliest start of the roadmaps and campaigns
    that serve it or any of its sub-goals. Goals with neither are left out. Linear in the site."""
    earliest: dict[str, date | None] = {}

    def served_from(goal_id: str, seen: frozenset) -> date | None:
        if goal_id in earliest:
            return earliest[goal_id]
        days = [d.start for d in site.serving.get(goal_id, []) if getattr(d, "start", None)]
        for child in site.children.get(goal_id, []):
            if child.id and child.id not in seen:  # validation refuses cycles; never loop on one anyway
                day = served_from(child.id, seen | {child.id})
                if day:
                    days.append(day)
        earliest[goal_id] = min(days) if days else None
        return earliest[goal_id]

    found = {}
    for goal in site.goals:
        if goal.id:
            day = goal.start or served_from(goal.id, frozenset({goal.id}))
            if day:
                found[goal.id] = day
    return found


def expected_share(start: date, deadline: date, today: date) -> float:
    """E: how much of start…deadline has gone by at today, 0…1."""
    total = (deadline - start).days
    if total <= 0:
        return 1.0 if today >= deadline else 0.0
    return min(max((today - start).days / total, 0.0), 1.0)


def assess(goal: Goal, start: date | None, today: date, behind_margin: float = 5, off_track_margin: float = 20) -> Health:
    """The health of `goal` at `today`; margins in points of percentage."""
    share = expected_share(start, goal.deadline, today) if start and goal.deadline else None
    value = None
    if share is not None and goal.target is not None:
        span = goal.target - goal.baseline  # whole units for counts (users, euros), cents for rates (a CPA, a %)
        value = round(goal.baseline + share * span, 0 if abs(span) >= 100 else 2)
    progress = None if goal.progress is None else goal.progress / 100
    if progress is not None and progress >= 1:
        state = "achieved"
    elif progress is not None and goal.deadline and today > goal.deadline:
        state = "missed"
    elif progress is None or share is None:
        state = "no-data"
    elif progress >= share - behind_margin / 100:
        state = "on-track"
    elif progress >= share - off_track_margin / 100:
        state = "behind"
    else:
        state = "off-track"
    return Health(state, start, share, value)


def of_site(site: Site, today: date, behind_margin: float = 5, off_track_margin: float = 20) -> dict[str, Health]:
    """Goal id -> Health, for every goal of the site."""
    begun = starts(site)
    return {g.id: assess(g, begun.get(g.id), today, behind_margin, off_track_margin) for g in site.goals if g.id}
