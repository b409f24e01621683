"""Timeline layout: lanes, bars, milestones and key dates, as percentages of the axis
(`site/axis.py` places days on it and makes its ticks).

Plain data, so it can be tested without a browser and drawn by any template:
the HTML timeline (`timeline.html`) and the SVG one draw the same `Timeline`. Bars that overlap in a lane are stacked in rows (greedy
interval partitioning, O(n log n)); nothing here is quadratic.

A bar is a campaign, or, on the overview of a large site, a roadmap standing
for its campaigns: thousands of campaign bars on one page are neither light
nor readable, and each roadmap's page draws its own.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core.model import ATTENTION, STATUSES, Activity, Campaign, Document, KeyDate, Roadmap, Site
from milepost.site.axis import Axis, Tick, covering, ticks
from milepost.site.order import by_name, natural_key


@dataclass(slots=True)
class Marker:
    title: str
    day: date
    left: float
    done: bool = False
    source: str = ""  # the document it belongs to
    baseline: date | None = None  # the baseline's date, when the milestone moved since
    baseline_left: float | None = None  # where the baseline's date sits, as `left` does


@dataclass(frozen=True, slots=True)
class Baseline:
    """The approved plan's dates, handed over as plain data: what ghost bars are drawn from."""

    dates: dict[str, tuple[date, date]]  # campaign id -> its (start, end) in the baseline
    milestones: dict[tuple[str, str], date]  # (source of the document now holding it, title) -> date


@dataclass(frozen=True, slots=True)
class Ghost:
    """A bar's baseline dates, drawn behind it; `left` and `width` are shares of the bar's own width."""

    start: date
    end: date
    left: float
    width: float
    days: int  # the slip: days later (+) or earlier (−) it ends, or starts when only the start moved

    @property
    def label(self) -> str:
        return f"+{self.days} d" if self.days > 0 else f"\u2212{-self.days} d"


@dataclass(slots=True)
class KeyMark:
    """A key date of a calendar document on the axis: a day (a marker) or a period (a band)."""

    title: str
    start: date
    end: date
    left: float
    width: float
    is_day: bool
    markets: list[str]
    source: str  # the calendar document
    row: int = 0  # its label's row in the key-dates lane
    room: float = 0.0  # percent of the axis its label may take: labels of one row never meet, at any width


@dataclass(slots=True)
class Mark:
    """One mark drawn for milestones on one day or a few pixels apart: a pile of diamonds is unreadable."""

    left: float  # percent, of the axis or of the bar, as its milestones'
    milestones: list[Marker]

    @property
    def done(self) -> bool:
        return all(m.done for m in self.milestones)

    @property
    def title(self) -> str:
        return self.milestones[0].title

    @property
    def day(self) -> date:
        return self.milestones[0].day

    @property
    def moved(self) -> Marker | None:
        """With a baseline: the first of its milestones that moved since, if any."""
        return next((m for m in self.milestones if m.baseline), None)


MERGE = 0.8
"""Milestones closer than this (percent of the axis: ~9 px on a 1,100 px track) share one mark."""


def merge(markers: list[Marker], scale: float = 1.0) -> list[Mark]:
    """`markers` (sorted by day) in marks; `scale` turns their `left` into percent of the axis."""
    marks: list[Mark] = []
    for marker in markers:
        if marks and (marker.left - marks[-1].milestones[-1].left) * scale < MERGE:
            marks[-1].milestones.append(marker)
        else:
            marks.append(Mark(marker.left, [marker]))
    return marks


@dataclass(slots=True)
class Bar:
    doc: Campaign | Roadmap
    left: float
    width: float
    start: date
    end: date
    row: int = 0
    markers: list[Marker] = field(default_factory=list)  # left relative to the bar
    blocked_by: list[str] = field(default_factory=list)  # ids of campaigns it depends on
    campaigns: list[Campaign] = field(default_factory=list)  # a roadmap bar's campaigns
    ghost: Ghost | None = None  # with a baseline: where the bar was, when it moved since
    new: bool = False  # with a baseline: the campaign was added since
    lane: int = 0  # the index of its lane
    label: str = "inside"  # where its title goes: "inside", "after" or "before" it (site/labels.py)
    label_shift: float = 0.0  # rem a title beside the bar keeps from it, beyond the usual gap
    extent: tuple = ()  # the two labels.Spot it covers, title, slip and ghost included

    @property
    def marks(self) -> list[Mark]:
        return merge(self.markers, self.width / 100)

    @property
    def classes(self) -> str:
        """The bar's CSS classes: its status, and what milepost.css and milepost.js mark on it."""
        flags = (
            (" mp-bar--roadmap", self.doc.kind == "roadmap"), (" mp-bar--risk", self.at_risk), (" mp-bar--alert", self.in_alert),
            (" mp-bar--moved", self.ghost), (" mp-bar--new", self.new), (" mp-bar--outside", self.label != "inside"), (" mp-bar--before", self.label == "before"),
        )
        return f"mp-bar mp-bar--{self.doc.status}" + "".join(name for name, on in flags if on)

    @property
    def attention(self) -> int:
        """How many of a roadmap bar's campaigns are at risk or delayed."""
        return sum(c.status in ATTENTION for c in self.campaigns)

    @property
    def members(self) -> list[Campaign]:
        """The campaigns the bar draws: itself, or a roadmap's campaigns."""
        return [self.doc] if isinstance(self.doc, Campaign) else self.campaigns

    @property
    def at_risk(self) -> bool:
        return self.doc.status in ATTENTION or any(c.status in ATTENTION for c in self.campaigns)

    @property
    def in_alert(self) -> bool:
        return any(kpi.in_alert for c in self.members for kpi in c.kpis)

    @property
    def progress(self) -> float:
        """Percent done: a campaign's own progress; a roadmap's share of campaigns done."""
        if isinstance(self.doc, Campaign):
            return min(max(self.doc.progress or (100 if self.doc.status == "done" else 0), 0), 100)
        counted = [c for c in self.campaigns if c.status != "cancelled"]
        return round(100 * sum(c.status == "done" for c in counted) / len(counted), 1) if counted else 0.0

    @property
    def channels(self) -> list[str]:
        return list(dict.fromkeys(v for c in self.members for v in c.channels))

    @property
    def goals(self) -> list[str]:
        return list(dict.fromkeys([*self.doc.goals, *(v for c in self.campaigns for v in c.goals)]))


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
    scale: str  # "weeks", "months", "quarters" or "years": the finest tick shown; "years" only past LONG_SPAN_YEARS
    major: list[Tick]
    minor: list[Tick]
    lanes: list[Lane]
    markers: list[Marker]  # roadmap milestones, on the axis
    today: float | None  # percent, or None when today is outside the axis
    key_dates: list[KeyMark] = field(default_factory=list)  # see `with_key_dates`
    key_rows: int = 0
    tick_len: int = 2  # the widest minor tick label, in character widths: sizes a tick (site/labels.py)
    track: float = 0.0  # rem: the narrowest the track gets, where titles were placed (0: not placed)

    @property
    def axis(self) -> Axis:
        """Where a day sits on this timeline, in percent, as its bars and markers were placed."""
        return Axis(self.start, self.end)

    @property
    def marks(self) -> list[Mark]:
        return merge(self.markers)

    @property
    def statuses(self) -> tuple[str, ...]:
        """Every status, in workflow order: the legend."""
        return STATUSES

    @property
    def bars(self) -> list[Bar]:
        return [bar for lane in self.lanes for bar in lane.bars]

    @property
    def roadmaps(self) -> bool:
        """True when the bars are roadmaps standing for their campaigns."""
        return any(isinstance(bar.doc, Roadmap) for lane in self.lanes for bar in lane.bars)

    def options(self, titles: dict[str, str] | None = None) -> dict[str, list[str]]:
        """The values each toolbar filter offers: those the bars carry, in natural order (statuses in
        workflow order, goals by `titles`, their titles by id)."""
        titles = titles or {}
        bars = self.bars
        owners = {bar.doc.owner for bar in bars if bar.doc.owner}
        statuses = {bar.doc.status for bar in bars}
        return {
            "owner": by_name(owners),
            "channel": by_name({v for bar in bars for v in bar.channels}),
            "status": [s for s in STATUSES if s in statuses],
            "goal": sorted({v for bar in bars for v in bar.goals}, key=lambda g: (natural_key(titles.get(g, g)), g)),  # one title twice: by id, not by hash
        }


def build(
    campaigns: Iterable[Campaign],
    lane_of: Callable[[Campaign], str],
    today: date,
    *,
    milestones: Iterable[tuple[str, date, bool, str]] = (),
    lane_info: Callable[[str], tuple[str, str]] = lambda key: (key, ""),
    span: tuple[date, date] | None = None,
    fiscal: Fiscal = CALENDAR_YEAR,
    baseline: Baseline | None = None,
) -> Timeline:
    """Lay out `campaigns` in lanes keyed by `lane_of`, on an axis covering them (and `span`,
    and the baseline's dates of what moved).

    `lane_info(key)` gives a lane's label and the source of a page to link it to. With a
    fiscal year that does not start in January, the axis shows fiscal years and quarters.
    """
    items = [(c, c.start, c.end, []) for c in campaigns if c.start and c.end and c.end >= c.start]
    return _lay_out(items, lane_of, today, milestones, lane_info, span, fiscal, baseline)


def _lay_out(items, lane_of, today, milestones, lane_info, span, fiscal: Fiscal = CALENDAR_YEAR, baseline=None) -> Timeline:
    """`items`: (document, first day, last day, campaigns it stands for)."""
    items = sorted(items, key=lambda item: (item[1], item[2], item[0].id or ""))
    marks = sorted(milestones, key=lambda m: (m[1], m[0]))
    days = [item[1] for item in items] + [item[2] for item in items] + [m[1] for m in marks]
    if span:
        days += list(span)
    if baseline:
        days += _baseline_days(baseline, [item[0] for item in items], marks)
    axis = covering(days or [today])
    pct, width = axis.pct, axis.width
    lanes: dict[str, list[Bar]] = {}
    for doc, first, last, stands_for in items:
        bar = Bar(doc, pct(first), width(first, last), first, last, blocked_by=list(getattr(doc, "depends_on", [])), campaigns=stands_for)
        length = (last - first).days + 1
        for milestone in sorted(doc.milestones, key=lambda m: (m.date, m.title)):
            inside = (milestone.date - first).days / length * 100
            bar.markers.append(Marker(milestone.title, milestone.date, round(min(max(inside, 0), 100), 4), milestone.done, doc.source))
        if baseline and isinstance(doc, Campaign):
            _compare(bar, baseline, length)
        lanes.setdefault(lane_of(doc), []).append(bar)
    laid = []
    for key, bars in lanes.items():
        label, source = lane_info(key)
        laid.append(Lane(label, _stack(bars), bars, source))
    laid.sort(key=lambda lane: (natural_key(lane.label), lane.source))
    for index, lane in enumerate(laid):
        for bar in lane.bars:
            bar.lane = index
    scale, major, minor = ticks(axis, fiscal)
    return Timeline(
        axis.start,
        axis.end,
        scale,
        major,
        minor,
        laid,
        [_moved(Marker(title, day, pct(day), done, source), baseline, pct) for title, day, done, source in marks],
        pct(today) if axis.start <= today <= axis.end else None,
    )


def _baseline_days(baseline: Baseline, docs, marks) -> list[date]:
    """The baseline's dates of the bars and milestones drawn: the axis covers their ghosts too."""
    found = [day for doc in docs if isinstance(doc, Campaign) for day in baseline.dates.get(doc.id or "", ())]
    keys = [(doc.source, m.title) for doc in docs for m in doc.milestones] + [(m[3], m[0]) for m in marks]
    return found + [baseline.milestones[key] for key in keys if key in baseline.milestones]


def _compare(bar: Bar, baseline: Baseline, length: int) -> None:
    """Mark a campaign bar new, or give it a ghost of its baseline dates and ghost milestones."""
    was = baseline.dates.get(bar.doc.id or "")
    if was is None:
        bar.new = True
        return
    if was != (bar.start, bar.end):
        days = (bar.end - was[1]).days or (bar.start - was[0]).days
        left = (was[0] - bar.start).days / length
        bar.ghost = Ghost(was[0], was[1], round(left, 6), round(((was[1] - was[0]).days + 1) / length, 6), days)
    for marker in bar.markers:
        _moved(marker, baseline, lambda day: round((day - bar.start).days / length * 100, 4))


def _moved(marker: Marker, baseline: Baseline | None, pct) -> Marker:
    day = baseline.milestones.get((marker.source, marker.title)) if baseline else None
    if day is not None and day != marker.day:
        marker.baseline, marker.baseline_left = day, pct(day)
    return marker


def _stack(bars: list[Bar]) -> int:
    """Give overlapping bars separate rows; bars arrive sorted by start. Returns the row count."""
    free: list[tuple[date, int]] = []  # (last day used, row)
    rows = 0
    for bar in bars:
        if free and free[0][0] < bar.start:
            _, row = heapq.heappop(free)
        else:
            row = rows
            rows += 1
        bar.row = row
        heapq.heappush(free, (bar.end, row))
    return max(rows, 1)



def site_timeline(site: Site, today: date, fiscal: Fiscal = CALENDAR_YEAR, baseline: Baseline | None = None) -> Timeline:
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
        fiscal=fiscal,
        baseline=baseline,
    )


def overview(site: Site, today: date, fiscal: Fiscal = CALENDAR_YEAR) -> Timeline:
    """All roadmaps, one bar each, in lanes by roadmap type; roadmap milestones on their bars.

    A roadmap's bar covers its period, widened to its campaigns' if they run
    outside it; a roadmap with neither is left out.
    """
    items = []
    for roadmap in site.roadmaps:
        campaigns = site.campaigns_of.get(roadmap.id or "", [])
        days = [d for c in campaigns if c.start and c.end and c.end >= c.start for d in (c.start, c.end)]
        days += [d for d in (roadmap.start, roadmap.end) if d]
        if days:
            items.append((roadmap, min(days), max(days), campaigns))
    return _lay_out(items, lambda r: r.type or "", today, (), lambda key: (key, ""), None, fiscal)


LABEL_SHARE = 1.3
"""Percent of the axis one character of a key date's label takes, roughly: labels closer than that get rows of their own."""


END_LABELS = 80
"""Percent of the axis past which a key date's label hangs to the left of its mark (the template says the same)."""


def with_key_dates(tl: Timeline, pairs: Iterable[tuple[KeyDate, Document]]) -> Timeline:
    """Place the key dates (`Site.key_dates()`) that fall on `tl`'s axis, clipped to it; the axis is
    not widened for them: a roadmap's timeline stays its own period."""
    axis = tl.axis
    marks = []
    for item, calendar in pairs:
        first, last = max(item.start, tl.start), min(item.end, tl.end)
        if first > last:
            continue
        marks.append(KeyMark(item.title, item.start, item.end, axis.pct(first), axis.width(first, last), item.is_day, item.markets, calendar.source))
    rows: list[list[tuple[float, float]]] = []  # per label row, the spans its labels take
    for mark in marks:
        span = max(mark.width, (len(mark.title) + 2) * LABEL_SHARE)
        taken = (mark.left - span, mark.left) if mark.left > END_LABELS else (mark.left, mark.left + span)
        row = next((i for i, spans in enumerate(rows) if all(b <= taken[0] or a >= taken[1] for a, b in spans)), len(rows))
        rows[row:row + 1] = [[*(rows[row] if row < len(rows) else []), taken]]
        mark.row, mark.room = row, round(min(span, taken[1] - max(taken[0], 0), 100 - max(taken[0], 0)), 4)
    tl.key_dates, tl.key_rows = marks, len(rows)
    return tl


def activity_bars(campaign: Campaign) -> list[tuple[Activity, float, float]]:
    """A campaign's activities by start, each with its bar across the campaign's days (the work
    breakdown's chart): left and width in percent, rounded as drawn, at least half a percent wide."""
    total = (campaign.end - campaign.start).days + 1 if campaign.start and campaign.end else 1
    found = []
    for a in sorted(campaign.activities, key=lambda a: a.start):
        left = min(max((a.start - campaign.start).days / total * 100, 0), 100) if campaign.start else 0
        width = min(((a.end - a.start).days + 1) / total * 100, 100 - left)
        found.append((a, round(left, 3), round(max(width, 0.5), 3)))
    return found
