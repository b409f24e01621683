"""Roadmap dates: a day, a month or a quarter, resolved to days.

Planners think in months and quarters ("Q3 launch"); timelines need days.
A month or quarter resolves to its first day as a start and to its last day
as an end or deadline, so `start: 2026-Q3, end: 2026-Q3` covers the quarter.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

_FORM = re.compile(r"([0-9]{4})-(?:([0-9]{2})-([0-9]{2})|([0-9]{2})|Q([1-4]))\Z")  # ASCII digits: `\d` takes '٢٠٢٦'

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""The years a roadmap date may fall in. Wider than any plan, narrow enough that a typo
(1026 for 2026, 9999 for "someday") is caught, and that every date computation (a week
after the last day, a year of ticks) stays far inside Python's calendar (year 1 to 9999)."""


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
def parse(text: str) -> Period:
    """Parse `YYYY-MM-DD`, `YYYY-MM` or `YYYY-Qn`; ValueError says why not.

    Cached: a large site writes the same few hundred dates tens of thousands of times."""
    match = _FORM.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date: write a day (2026-07-01), a month (2026-07) or a quarter (2026-Q3)")
    year = int(match[1])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' is outside the years a roadmap date may fall in ({FIRST_YEAR} to {LAST_YEAR}): is the year mistyped?")
    if match[5]:
        first_month = 3 * int(match[5]) - 2
        return Period(text, date(year, first_month, 1), _month_end(year, first_month + 2))
    month = int(match[2] or match[4])
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: there is no month {month:02d}")
    if match[4]:
        return Period(text, date(year, month, 1), _month_end(year, month))
    day = int(match[3])
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"'{text}' is not a date: {calendar.month_name[month]} {year} has {days} days")
    return Period(text, date(year, month, day), date(year, month, day))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def today(option: date | str | None = None) -> date:
    """Today for a build: the `today` option, else SOURCE_DATE_EPOCH, else the clock (UTC)."""
    if isinstance(option, date):
        return option
    if option:
        return parse(str(option)).first
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()
