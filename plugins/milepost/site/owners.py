"""Who owns what: every owner of a goal, a roadmap, a campaign or an activity, and what each
runs week by week. Computed once per build, in one pass over the documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from milepost.core.model import Activity, Campaign, Goal, Roadmap, Site
from milepost.site.insights import weekly_load
from milepost.site.order import by_title


@dataclass(slots=True)
class Owned:
    """What one owner is accountable for (campaigns are the owner's group, see insights.group_by)."""

    goals: list[Goal] = field(default_factory=list)
    roadmaps: list[Roadmap] = field(default_factory=list)
    activities: list[tuple[Campaign, Activity]] = field(default_factory=list)


def ownership(site: Site) -> dict[str, Owned]:
    """Owner name -> the goals, roadmaps and activities they own (by title, activities by start)."""
    found: dict[str, Owned] = {}
    for goal in by_title(site.goals):
        if goal.owner:
            found.setdefault(goal.owner, Owned()).goals.append(goal)
    for roadmap in by_title(site.roadmaps):
        if roadmap.owner:
            found.setdefault(roadmap.owner, Owned()).roadmaps.append(roadmap)
    for campaign in site.campaigns:
        for activity in campaign.activities:
            if activity.owner:
                found.setdefault(activity.owner, Owned()).activities.append((campaign, activity))
    for owned in found.values():
        owned.activities.sort(key=lambda pair: (pair[1].start, pair[0].source, pair[1].title))
    return found


@dataclass(frozen=True, slots=True)
class LoadChart:
    """An owner's weekly load as a column chart: every week from the first to the last with any
    campaign, its count, and a scale (0 to the peak, the overload threshold marked)."""

    weeks: list[tuple[date, int]]  # (Monday, campaigns running that week), no week left out
    peak: int
    scale: list[int]  # the values written on the scale, top first

    def height(self, count: int) -> float:
        """A column's height, in percent of the chart."""
        return round(100 * count / self.top, 2) if self.top else 0.0

    @property
    def top(self) -> int:
        return self.scale[0] if self.scale else 0


def load_chart(campaigns: list[Campaign], today: date, overload: int) -> LoadChart | None:
    """The chart of `campaigns`' weekly load (insights.weekly_load), None when nothing runs."""
    sparse = dict(weekly_load(campaigns, today))
    if not sparse:
        return None
    first, last = min(sparse), max(sparse)
    weeks = [(first + timedelta(weeks=i), 0) for i in range((last - first).days // 7 + 1)]
    weeks = [(monday, sparse.get(monday, 0)) for monday, _ in weeks]
    peak = max(sparse.values())
    top = max(peak, overload + 1)
    scale = sorted({top, overload, 0} if overload < top else {top, 0}, reverse=True)
    return LoadChart(weeks, peak, scale)
