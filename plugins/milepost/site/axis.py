"""The axis of a timeline: pure date arithmetic, no documents.

Where a day sits on the axis (percent of its length, rounded to 4 places so
pages are reproducible), which months it covers, and its ticks: decades over
years, years over quarters or months, months over weeks, or fiscal years and
quarters. Everything drawn on a timeline, in HTML or SVG, is placed through
`Axis.pct` and `Axis.width`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from milepost.core.dates import CALENDAR_YEAR, Fiscal


@dataclass(slots=True)
class Tick:
    unit: str  # "year", "quarter", "month", "month-year" or "week": templates format the label for the language
    day: date  # the first day of the unit
    left: float  # percent of the axis
    width: float
    name: str = ""  # a fiscal period's label (FY2027, FY2027-Q1, Q1), the same in every language


@dataclass(frozen=True, slots=True)
class Axis:
    """The axis from `start` to `end` (both included): a day's place and a period's length, in percent."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def pct(self, day: date) -> float:
        return round((day - self.start).days / self.days * 100, 4)

    def width(self, first: date, last: date) -> float:
        return round(((last - first).days + 1) / self.days * 100, 4)


def covering(days: list[date]) -> Axis:
    """The axis over `days`, widened to whole months so it starts and ends on a tick."""
    following = (max(days).replace(day=1) + timedelta(days=32)).replace(day=1)
    return Axis(min(days).replace(day=1), following - timedelta(days=1))


def _months(start: date, end: date, step: int) -> Iterable[date]:
    day = start.replace(day=1)
    while day <= end:
        if (day.month - 1) % step == 0:
            yield day
        day = (day + timedelta(days=32)).replace(day=1)


LONG_SPAN_YEARS = 12
"""Past this many years an axis marks only years (decades over years): a date with a mistyped
year (1926 for 2026) would otherwise draw four quarter ticks a year for a century, and the
page says why its axis is so long."""


def ticks(axis: Axis, fiscal: Fiscal = CALENDAR_YEAR) -> tuple[str, list[Tick], list[Tick]]:
    """Decades over years for spans past `LONG_SPAN_YEARS`, years over quarters for long spans,
    years over months for a year or so, months over weeks for short ones. A shifted fiscal
    year shows fiscal years over fiscal quarters, or fiscal quarters over months."""
    start, end = axis.start, axis.end
    span = (end - start).days

    def ticks(firsts: list[date], unit: str) -> list[Tick]:
        result = []
        for index, first in enumerate(firsts):
            visible = max(first, start)
            last = (firsts[index + 1] - timedelta(days=1)) if index + 1 < len(firsts) else end
            result.append(Tick(unit, first, axis.pct(visible), axis.width(visible, min(last, end))))
        return result

    years = [date(start.year, 1, 1)] + [date(y, 1, 1) for y in range(start.year + 1, end.year + 1)]
    year_ticks = ticks(years, "year")
    if end.year - start.year >= LONG_SPAN_YEARS:
        decades = [years[0]] + [first for first in years[1:] if first.year % 10 == 0]
        return "years", ticks(decades, "year"), year_ticks
    months = list(_months(start, end, 1))
    if fiscal.shifted and span > 190:
        quarters = ticks(_fiscal_firsts(start, end, fiscal, 3), "quarter")
        for tick in quarters:
            name, quarter = fiscal.quarter_of(tick.day)
            tick.name = f"Q{quarter}" if span > 3 * 366 else f"FY{name}-Q{quarter}"
        if span <= 3 * 366:
            return "months", quarters, ticks(months, "month")
        fiscal_years = ticks(_fiscal_firsts(start, end, fiscal, 12), "year")
        for tick in fiscal_years:
            tick.name = f"FY{fiscal.quarter_of(tick.day)[0]}"
        return "quarters", fiscal_years, quarters
    if span > 3 * 366:
        quarters = [date(start.year, 1, 1)] + [d for d in _months(start, end, 3) if d > date(start.year, 1, 1)]
        return "quarters", year_ticks, ticks(quarters, "quarter")
    if span > 190:
        return "months", year_ticks, ticks(months, "month")
    monday = start - timedelta(days=start.weekday())
    weeks = [monday + timedelta(weeks=i) for i in range((end - monday).days // 7 + 1)]
    return "weeks", ticks(months, "month-year"), ticks(weeks, "week")


def _fiscal_firsts(start: date, end: date, fiscal: Fiscal, step: int) -> list[date]:
    """First days of the fiscal quarters (`step` 3) or years (12) from the one holding `start` to `end`."""
    months = start.year * 12 + start.month - 1
    months -= (months - (fiscal.start_month - 1)) % step
    firsts = []
    while True:
        year, month = divmod(months, 12)
        day = date(year, month + 1, 1)
        if day > end:
            return firsts
        firsts.append(day)
        months += step

