"""Roadmap dates: a day, month, quarter, year, ISO week or fiscal period, resolved to days.

Planners think in months, quarters, weeks and fiscal years ("Q3 launch",
"weeks 1-12", "FY2027"); timelines need days. A period resolves to its first
day as a start and to its last day as an end or deadline, so `start: 2026-Q3,
end: 2026-Q3` covers the quarter. Campaigns may also start after another one
ends (`after spring-launch + 2w`) and last a duration (`+6w`): those are read
here and resolved across documents by `relative`.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

_FORM = re.compile(  # ASCII digits: `\d` takes '٢٠٢٦'

    r"(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?|Q(?P<quarter>[1-4])|W(?P<week>[0-9]{2})))?"
    r"|FY(?P<fiscal>[0-9]{4})(?:-Q(?P<fiscal_quarter>[1-4]))?\Z"
)
_AFTER = re.compile(r"after[ \t]+(?P<ref>\S+?)(?:[ \t]*\+[ \t]*(?P<count>[0-9]+)[ \t]*(?P<unit>[dw]))?\Z")
_SPAN = re.compile(r"\+[ \t]*(?P<count>[0-9]+)[ \t]*(?P<unit>[dw])\Z")
_FORMS = "a day (2026-07-01), a month (2026-07), a quarter (2026-Q3), a year (2027), an ISO week (2027-W05) or a fiscal quarter or year (FY2027-Q1, FY2027)"
NAMED_BY = ("end", "start")

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""The years a roadmap date may fall in. Wider than any plan, narrow enough that a typo
(1026 for 2026, 9999 for "someday") is caught, and that every date computation (a week
after the last day, a year of ticks) stays far inside Python's calendar (year 1 to 9999)."""


@dataclass(frozen=True, slots=True)
class Fiscal:
    """How the organisation's fiscal year runs (plugin options `fiscal_year_start`, `fiscal_year_named_by`).

    `named_by="end"`: FY2027 is the fiscal year that ends in 2027; `"start"`: the one that starts in it."""

    start_month: int = 1
    named_by: str = "end"

    def first_day(self, name: int) -> date:
        """The first day of fiscal year `name` (FY2027 -> 2027); ValueError past the calendar's range."""
        year = name - 1 if self.named_by == "end" and self.start_month != 1 else name
        if not 1 <= year <= 9999:
            raise ValueError(f"fiscal year {name} starts outside the years 1 to 9999")
        return date(year, self.start_month, 1)

    def quarter_of(self, day: date) -> tuple[int, int]:
        """The fiscal year's name and the quarter (1-4) that `day` falls in."""
        months = (day.year * 12 + day.month - 1) - (self.start_month - 1)
        start_year, month_in_year = divmod(months, 12)
        name = start_year + 1 if self.named_by == "end" and self.start_month != 1 else start_year
        return name, month_in_year // 3 + 1

    @property
    def shifted(self) -> bool:
        """A fiscal year that is not the calendar year: timelines then label fiscal quarters."""
        return self.start_month != 1


CALENDAR_YEAR = Fiscal()


@dataclass(frozen=True, slots=True)
class Period:
    """A written date and the days it spans (a day spans one day)."""

    text: str
    first: date
    last: date

    @property
    def is_day(self) -> bool:
        return self.first == self.last


@lru_cache(maxsize=8192)
def parse(text: str, fiscal: Fiscal = CALENDAR_YEAR) -> Period:
    """Parse any of the date forms (see _FORMS); ValueError says why not.

    Cached: a large site writes the same few hundred dates tens of thousands of times."""
    match = _FORM.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not a date: write {_FORMS}")
    year = int(match["year"] or match["fiscal"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' is outside the years a roadmap date may fall in ({FIRST_YEAR} to {LAST_YEAR}): is the year mistyped?")
    if match["fiscal"]:
        return _fiscal(text, year, match["fiscal_quarter"], fiscal)
    if match["week"]:
        return _week(text, year, int(match["week"]))
    if match["quarter"]:
        first_month = 3 * int(match["quarter"]) - 2
        return Period(text, date(year, first_month, 1), _month_end(year, first_month + 2))
    if not match["month"]:
        return Period(text, date(year, 1, 1), date(year, 12, 31))
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: there is no month {month:02d}")
    if not match["day"]:
        return Period(text, date(year, month, 1), _month_end(year, month))
    day = int(match["day"])
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"'{text}' is not a date: {calendar.month_name[month]} {year} has {days} days")
    return Period(text, date(year, month, day), date(year, month, day))


def _week(text: str, year: int, week: int) -> Period:
    """ISO 8601 week: Monday to Sunday; week 1 holds the year's first Thursday."""
    weeks = date(year, 12, 28).isocalendar().week
    if not 1 <= week <= weeks:
        raise ValueError(f"'{text}' is not a date: {year} has ISO weeks 01 to {weeks}")
    try:
        monday = date.fromisocalendar(year, week, 1)
        return Period(text, monday, monday + timedelta(days=6))
    except (ValueError, OverflowError):
        raise ValueError(f"'{text}' is not a date: that week runs past the year 9999") from None


def _fiscal(text: str, name: int, quarter: str | None, fiscal: Fiscal) -> Period:
    try:
        first = fiscal.first_day(name)
    except ValueError as error:
        raise ValueError(f"'{text}' is not a date: {error}") from None
    skip, months = (3 * (int(quarter) - 1), 3) if quarter else (0, 12)
    start_year, start_month = divmod(first.year * 12 + first.month - 1 + skip, 12)
    end_year, end_month = divmod(start_year * 12 + start_month + months - 1, 12)
    if end_year > 9999:
        raise ValueError(f"'{text}' is not a date: it ends after the year 9999")
    return Period(text, date(start_year, start_month + 1, 1), _month_end(end_year, end_month + 1))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_after(text: str) -> tuple[str, int] | None:
    """`after ID` or `after ID + 2w` as (ID as written, offset in days); None when `text` is not of that form."""
    match = _AFTER.fullmatch(text.strip())
    if not match:
        return None
    return match["ref"], _days(match)


def parse_span(text: str) -> int | None:
    """`+6w` or `+10d` as a number of days; None when `text` is not of that form."""
    match = _SPAN.fullmatch(text.strip())
    return _days(match) if match else None


def _days(match: re.Match) -> int:
    if not match["count"]:
        return 0
    return int(match["count"]) * (7 if match["unit"] == "w" else 1)


def today(option: date | str | None = None) -> date:
    """Today for a build: the `today` option, else SOURCE_DATE_EPOCH, else the clock (UTC).

    Within FIRST_YEAR to LAST_YEAR like any roadmap date (ValueError says why not), so that
    what is computed from today (the weekly load's window, the timeline) stays in the calendar."""
    day = _today(option)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is outside the years a roadmap date may fall in ({FIRST_YEAR} to {LAST_YEAR})")
    return day


def _today(option: date | str | None) -> date:
    if isinstance(option, datetime):
        return option.date()
    if isinstance(option, date):
        return option
    if option:
        return parse(str(option)).first
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not re.fullmatch(r"[0-9]{1,12}", epoch.strip()):
            raise ValueError(f"SOURCE_DATE_EPOCH is '{epoch}', not whole seconds since 1970-01-01 in ASCII digits")
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()
