"""Timeline layout: where each bar, marker and tick sits, as percentages of the axis.

Pure arithmetic on dates, so it can be tested without a browser and rendered
by any template. Bars that overlap in a lane are stacked in rows (greedy
interval partitioning, O(n log n)); nothing here is quadratic.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable

from milepost.model import Campaign, Site


@dataclass(slots=True)
class Tick:
    unit: str  # "year", "quarter", "month" or "week": templates format the label for the language
    day: date  # the first day of the unit
    left: float  # percent of the axis
    width: float


@dataclass(slots=True)
class Marker:
    title: str
    day: date
    left: float
    done: bool = False
    source: str = ""  # the document it belongs to


@dataclass(slots=True)
class Bar:
    campaign: Campaign
    left: float
    width: float
    row: int = 0
    markers: list[Marker] = field(default_factory=list)  # left relative to the bar
    blocked_by: list[str] = field(default_factory=list)  # ids of campaigns it depends on

    @property
    def at_risk(self) -> bool:
        return self.campaign.status in ("at-risk", "delayed")

    @property
    def in_alert(self) -> bool:
        return any(kpi.in_alert for kpi in self.campaign.kpis)


@dataclass(slots=True)
class Lane:
    label: str
    rows: int
    bars: list[Bar]
    source: str = ""  # a document to link the lane label to, if any


@dataclass(slots=True)
class Timeline:
    start: date
    end: date
    scale: str  # "weeks", "months", "quarters" or "years": the finest tick shown
    major: list[Tick]
    minor: list[Tick]
    lanes: list[Lane]
    markers: list[Marker]  # roadmap milestones, on the axis
    today: float | None  # percent, or None when today is outside the axis

    @property
    def bars(self) -> list[Bar]:
        return [bar for lane in self.lanes for bar in lane.bars]


def build(
    campaigns: Iterable[Campaign],
    lane_of: Callable[[Campaign], str],
    today: date,
    *,
    milestones: Iterable[tuple[str, date, bool, str]] = (),
    lane_info: Callable[[str], tuple[str, str]] = lambda key: (key, ""),
    span: tuple[date, date] | None = None,
) -> Timeline:
    """Lay out `campaigns` in lanes keyed by `lane_of`, on an axis covering them (and `span`).

    `lane_info(key)` gives a lane's label and the source of a page to link it to.
    """
    items = sorted((c for c in campaigns if c.start and c.end and c.end >= c.start), key=lambda c: (c.start, c.end, c.id or ""))
    marks = sorted(milestones, key=lambda m: (m[1], m[0]))
    days = [c.start for c in items] + [c.end for c in items] + [m[1] for m in marks]
    if span:
        days += list(span)
    if not days:
        days = [today]
    start, end = _round_out(min(days), max(days))
    total = (end - start).days + 1

    def pct(day: date) -> float:
        return round((day - start).days / total * 100, 4)

    def width(first: date, last: date) -> float:
        return round(((last - first).days + 1) / total * 100, 4)

    lanes: dict[str, list[Bar]] = {}
    for campaign in items:
        bar = Bar(campaign, pct(campaign.start), width(campaign.start, campaign.end), blocked_by=list(campaign.depends_on))
        length = (campaign.end - campaign.start).days + 1
        for milestone in sorted(campaign.milestones, key=lambda m: (m.date, m.title)):
            inside = (milestone.date - campaign.start).days / length * 100
            bar.markers.append(Marker(milestone.title, milestone.date, round(min(max(inside, 0), 100), 4), milestone.done, campaign.source))
        lanes.setdefault(lane_of(campaign), []).append(bar)
    laid = []
    for key, bars in lanes.items():
        label, source = lane_info(key)
        laid.append(Lane(label, _stack(bars), bars, source))
    laid.sort(key=lambda lane: (lane.label.casefold(), lane.source))
    scale, major, minor = _ticks(start, end, pct, width)
    return Timeline(
        start,
        end,
        scale,
        major,
        minor,
        laid,
        [Marker(title, day, pct(day), done, source) for title, day, done, source in marks],
        pct(today) if start <= today <= end else None,
    )


def _stack(bars: list[Bar]) -> int:
    """Give overlapping bars separate rows; bars arrive sorted by start. Returns the row count."""
    free: list[tuple[date, int]] = []  # (last day used, row)
    rows = 0
    for bar in bars:
        if free and free[0][0] < bar.campaign.start:
            _, row = heapq.heappop(free)
        else:
            row = rows
            rows += 1
        bar.row = row
        heapq.heappush(free, (bar.campaign.end, row))
    return max(rows, 1)


def _round_out(first: date, last: date) -> tuple[date, date]:
    """Widen to whole months, so the axis starts and ends on a tick."""
    start = first.replace(day=1)
    following = (last.replace(day=1) + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def _months(start: date, end: date, step: int) -> Iterable[date]:
    day = start.replace(day=1)
    while day <= end:
        if (day.month - 1) % step == 0:
            yield day
        day = (day + timedelta(days=32)).replace(day=1)


def _ticks(start: date, end: date, pct, width) -> tuple[str, list[Tick], list[Tick]]:
    """Years over quarters for long spans, years over months for a year or so, months over weeks for short ones."""
    span = (end - start).days

    def ticks(firsts: list[date], unit: str) -> list[Tick]:
        result = []
        for index, first in enumerate(firsts):
            visible = max(first, start)
            last = (firsts[index + 1] - timedelta(days=1)) if index + 1 < len(firsts) else end
            result.append(Tick(unit, first, pct(visible), width(visible, min(last, end))))
        return result

    years = [date(start.year, 1, 1)] + [date(y, 1, 1) for y in range(start.year + 1, end.year + 1)]
    year_ticks = ticks(years, "year")
    if span > 3 * 366:
        quarters = [date(start.year, 1, 1)] + [d for d in _months(start, end, 3) if d > date(start.year, 1, 1)]
        return "quarters", year_ticks, ticks(quarters, "quarter")
    months = list(_months(start, end, 1))
    if span > 190:
        return "months", year_ticks, ticks(months, "month")
    monday = start - timedelta(days=start.weekday())
    weeks = [monday + timedelta(weeks=i) for i in range((end - monday).days // 7 + 1)]
    return "weeks", ticks(months, "month"), ticks(weeks, "week")


def site_timeline(site: Site, today: date) -> Timeline:
    """All roadmaps: one lane per roadmap, roadmap milestones on the axis."""
    roadmaps = {r.id: r for r in site.roadmaps}

    def lane_info(key: str) -> tuple[str, str]:
        roadmap = roadmaps.get(key)
        return (roadmap.title or key, roadmap.source) if roadmap else (key, "")

    return build(
        site.campaigns,
        lambda c: c.roadmap or "",
        today,
        milestones=[(m.title, m.date, m.done, r.source) for r in site.roadmaps for m in r.milestones],
        lane_info=lane_info,
    )
