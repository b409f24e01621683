"""The month calendar (`calendar/`): one page per month, a grid of weeks × days.

Everything a month page shows is placed here: which days each week row holds, what happens on
each day (milestones, campaigns starting and ending, key dates), which column and lane each
running campaign's bar takes in each row, and, for a month too busy to draw every bar, how many
campaigns run each day. The template only lays it out. Nothing here knows MkDocs or Jinja2.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta

from milepost.core.model import STATUSES, Campaign, Document, KeyDate, Site
from milepost.site.axis import LONG_SPAN_YEARS
from milepost.site.order import by_name, natural_key

WEEK_STARTS = {"monday": 0, "sunday": 6}
"""The first column of a week row, as `date.weekday()` counts (Monday 0)."""

KINDS = ("key-date", "milestone", "start", "end")
"""The entries of a day, in the order a day lists them."""

BUSY_DAY = 10
"""In a busy month, a day lists at most this many milestones, starts and ends each, and counts the
rest: on the first and last day of a month, hundreds of campaigns written as whole months begin
and end, and listing them all would make a page of megabytes. Key dates are always listed."""


def month_slug(first: date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def sources(slug: str | None) -> tuple[str, str]:
    """The docs-dir files whose page is at `calendar/` (slug None) or `calendar/SLUG/`: ours, or
    the user's own page, which wins over ours (`calendar.md`, `calendar/2027-03.md`)."""
    if slug is None:
        return ("calendar/index.md", "calendar.md")
    return (f"calendar/{slug}/index.md", f"calendar/{slug}.md")


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing on a day: a milestone, a campaign starting or ending, a key date."""

    kind: str  # one of KINDS
    title: str
    doc: Document  # the page it links to: the campaign, roadmap or calendar document
    done: bool = False  # a milestone reached

    @property
    def campaign(self) -> Campaign | None:
        """The campaign it belongs to, whose owner, channels, status and goals the filters read."""
        return self.doc if isinstance(self.doc, Campaign) else None


@dataclass(frozen=True, slots=True)
class Bar:
    """A running campaign, or a key date's period, across the days of one week row."""

    title: str
    doc: Document
    start: date  # the whole span, not only this row's part
    end: date
    column: int  # 0-6: its first day in the row
    span: int  # days in the row
    lane: int
    before: bool  # it began before this row's first day shown
    after: bool  # it goes on after this row's last day shown
    period: bool = False  # a key date's period rather than a campaign

    @property
    def campaign(self) -> Campaign | None:
        return self.doc if isinstance(self.doc, Campaign) else None


@dataclass(frozen=True, slots=True)
class Listed:
    """The entries of one kind on one day (its milestones, say), and how many more are only counted."""

    kind: str
    entries: list[Entry]
    more: int = 0


@dataclass(slots=True)
class Day:
    day: date
    inside: bool  # in the month shown (the others only fill the first and last rows)
    today: bool
    lists: list[Listed] = field(default_factory=list)  # by kind, in KINDS order; none empty
    periods: list[str] = field(default_factory=list)  # titles of the key-date periods it lies in (shaded)
    running: int = 0  # campaigns running that day (shown as a count in a busy month)


@dataclass(slots=True)
class Week:
    number: int  # the ISO week of its Monday
    days: list[Day]
    bars: list[Bar]
    lanes: int


@dataclass(slots=True)
class Month:
    first: date
    slug: str
    weeks: list[Week]
    busy: bool  # too many campaigns run to draw them: counts per day, and `by_roadmap`
    running: int  # campaigns running some day of the month
    by_roadmap: list[tuple[Document | str, int]]  # busy: each roadmap (or its id) and its campaigns running this month
    previous: str | None  # slugs of the neighbouring months, None at either end
    next: str | None

    @property
    def weekdays(self) -> list[date]:
        """The days of the first row: their names head the columns."""
        return [day.day for day in self.weeks[0].days]


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s."""
    found, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _month_end(first: date) -> date:
    if first.month == 12:
        return date(first.year, 12, 31)
    return date(first.year, first.month + 1, 1) - timedelta(days=1)


class Calendar:
    """The site's months, each day's entries indexed once; `month(slug)` lays one month out."""

    def __init__(self, site: Site, today: date, week_starts: str = "monday", most_bars: int = 60):
        self.site, self.today = site, today
        self.first_weekday = WEEK_STARTS[week_starts]
        self.most_bars = most_bars
        self.campaigns = sorted((c for c in site.campaigns if c.start and c.end), key=lambda c: (c.start, c.end, natural_key(c.title or c.id or ""), c.source))
        self.periods = [(k, cal) for k, cal in site.key_dates() if not k.is_day]
        self.by_day = _entries_by_day(site, self.campaigns)
        self.months, self.long_span = _span(site, self.campaigns, today)
        self.slugs = [month_slug(m) for m in self.months]

    @functools.cached_property
    def filter_options(self) -> dict[str, list[str]]:
        """The same on every month page: computed once a build."""
        return filter_options(self.campaigns, {g.id: g.title or g.id for g in self.site.goals if g.id})

    def opening(self) -> str | None:
        """The month `calendar/` shows: today's, brought into the months there are."""
        if not self.months:
            return None
        here = date(self.today.year, self.today.month, 1)
        return month_slug(min(max(here, self.months[0]), self.months[-1]))

    def month(self, slug: str) -> Month:
        index = self.slugs.index(slug)
        first = self.months[index]
        last = _month_end(first)
        running = [c for c in self.campaigns if c.start <= last and c.end >= first]
        busy = len(running) > self.most_bars
        periods = [(k, cal) for k, cal in self.periods if k.start <= last and k.end >= first]
        weeks = [self._week(monday, first, last, [] if busy else running, periods, busy) for monday in self._rows(first, last)]
        if busy:
            _count_running(weeks, running, first, last)
        return Month(
            first=first,
            slug=slug,
            weeks=weeks,
            busy=busy,
            running=len(running),
            by_roadmap=_by_roadmap(self.site, running) if busy else [],
            previous=self.slugs[index - 1] if index else None,
            next=self.slugs[index + 1] if index + 1 < len(self.slugs) else None,
        )

    def _rows(self, first: date, last: date) -> list[date]:
        """The first day of each week row holding a day of the month."""
        start = first - timedelta(days=(first.weekday() - self.first_weekday) % 7)
        return [start + timedelta(days=7 * n) for n in range((last - start).days // 7 + 1)]

    def _week(self, start: date, first: date, last: date, running: list[Campaign], periods: list[tuple[KeyDate, Document]], busy: bool) -> Week:
        days = [start + timedelta(days=n) for n in range(7)]
        shown = [d for d in days if first <= d <= last]
        row_first, row_last = shown[0], shown[-1]
        cells = []
        for d in days:
            inside = first <= d <= last
            cell = Day(d, inside, d == self.today, _lists(self.by_day.get(d, []), busy) if inside else [])
            cell.periods = [k.title for k, _ in periods if inside and k.start <= d <= k.end]
            cells.append(cell)
        spans = [(k.title, cal, k.start, k.end, True) for k, cal in periods]
        spans += [(c.title or c.id or "", c, c.start, c.end, False) for c in running]
        bars = _lay_out(start, row_first, row_last, spans)
        monday = start + timedelta(days=(0 - start.weekday()) % 7)
        return Week(monday.isocalendar()[1], cells, bars, max((bar.lane + 1 for bar in bars), default=0))


def _lists(entries: list[Entry], busy: bool) -> list[Listed]:
    """A day's entries by kind; in a busy month, at most BUSY_DAY of each kind but key dates."""
    found = []
    for kind in KINDS:
        of_kind = [e for e in entries if e.kind == kind]
        shown = of_kind[:BUSY_DAY] if busy and kind != "key-date" else of_kind
        if of_kind:
            found.append(Listed(kind, shown, len(of_kind) - len(shown)))
    return found


def _lay_out(row_start: date, row_first: date, row_last: date, spans: list[tuple]) -> list[Bar]:
    """Bars for the spans (title, doc, start, end, period) crossing the row's days of the month,
    each in the lowest lane free from its first day: key-date periods first, then campaigns
    in the order given (by start)."""
    lanes: list[date] = []  # the last day taken in each lane
    bars = []
    for title, doc, start, end, period in spans:
        first, last = max(start, row_first), min(end, row_last)
        if first > last:
            continue
        lane = next((n for n, taken in enumerate(lanes) if taken < first), len(lanes))
        if lane == len(lanes):
            lanes.append(last)
        lanes[lane] = last
        column = (first - row_start).days
        bars.append(Bar(title, doc, start, end, column, (last - first).days + 1, lane, start < first, end > last, period))
    return bars


def _count_running(weeks: list[Week], running: list[Campaign], first: date, last: date) -> None:
    """Each day of the month gets the number of `running` campaigns that run on it."""
    change = [0] * ((last - first).days + 2)
    for c in running:
        change[(max(c.start, first) - first).days] += 1
        change[(min(c.end, last) - first).days + 1] -= 1
    counts, total = [], 0
    for step in change[:-1]:
        total += step
        counts.append(total)
    for week in weeks:
        for day in week.days:
            if day.inside:
                day.running = counts[(day.day - first).days]


def _by_roadmap(site: Site, running: list[Campaign]) -> list[tuple[Document | str, int]]:
    """The roadmaps of the campaigns running in a busy month, the most campaigns first."""
    counts: dict[str, int] = {}
    for c in running:
        counts[c.roadmap or ""] = counts.get(c.roadmap or "", 0) + 1
    found = [(site.by_id.get(key) or key, n) for key, n in counts.items()]
    return sorted(found, key=lambda pair: (-pair[1], natural_key(pair[0] if isinstance(pair[0], str) else pair[0].title or pair[0].id or "")))


def _entries_by_day(site: Site, campaigns: list[Campaign]) -> dict[date, list[Entry]]:
    """Every day's milestones, campaign starts and ends and one-day key dates, sorted by kind, then title."""
    found: dict[date, list[Entry]] = {}
    add = lambda day, entry: found.setdefault(day, []).append(entry)
    for k, cal in site.key_dates():
        if k.is_day:
            add(k.start, Entry("key-date", k.title, cal))
    for doc in [*site.roadmaps, *site.campaigns]:
        for m in doc.milestones:
            add(m.date, Entry("milestone", m.title, doc, m.done))
    for c in campaigns:
        add(c.start, Entry("start", c.title or c.id or "", c))
        add(c.end, Entry("end", c.title or c.id or "", c))
    order = {kind: n for n, kind in enumerate(KINDS)}
    for entries in found.values():
        entries.sort(key=lambda e: (order[e.kind], natural_key(e.title), e.doc.source))
    return found


def _span(site: Site, campaigns: list[Campaign], today: date) -> tuple[list[date], tuple[int, int] | None]:
    """The months from the first to the last of any roadmap, campaign or milestone, and None; past
    `LONG_SPAN_YEARS` (a mistyped year, most often) only the months in which one of those dates falls,
    and today's, with the span's first and last year: three centuries of empty months would be
    thousands of pages."""
    days = [d for r in site.roadmaps for d in (r.start, r.end) if d]
    days += [d for c in campaigns for d in (c.start, c.end)]
    days += [m.date for doc in [*site.roadmaps, *site.campaigns] for m in doc.milestones]
    if not days:
        return [], None
    first, last = min(days), max(days)
    if last.year - first.year < LONG_SPAN_YEARS:
        return months_between(first, last), None
    dated = {date(d.year, d.month, 1) for d in days}
    if first <= today <= last:
        dated.add(date(today.year, today.month, 1))
    return sorted(dated), (first.year, last.year)


def filter_options(campaigns: list[Campaign], titles: dict[str, str]) -> dict[str, list[str]]:
    """The values each filter offers on every month page: those of the site's campaigns, so that a
    filter kept in the URL means the same on the month before and after (as the timeline's)."""
    statuses = {c.status for c in campaigns}
    return {
        "owner": by_name({c.owner for c in campaigns if c.owner}),
        "channel": by_name({v for c in campaigns for v in c.channels}),
        "status": [s for s in STATUSES if s in statuses],
        "goal": sorted({v for c in campaigns for v in c.goals}, key=lambda g: (natural_key(titles.get(g, g)), g)),  # one title twice: by id, not by hash
    }


def filter_data(c: Campaign) -> dict[str, str]:
    """The data-* attributes the timeline's filters read (assets/milepost.js), for one campaign's entries."""
    return {
        "owner": c.owner or "",
        "channels": "|".join(dict.fromkeys(c.channels)),
        "status": c.status,
        "goals": "|".join(dict.fromkeys(c.goals)),
    }
