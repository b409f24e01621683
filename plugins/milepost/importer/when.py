"""Times as a plan writes them: weeks of the plan, dates, months, "ongoing".

Weeks (`第1-12周`, `Week 1–2`, `W3-W8`) count from the Monday on or before
`--start`; a date is a day (`2027-01-04`, `2027/1/4`, `2027年1月4日`), a
month (`2027-03`, `2027年3月`, `March 2027`), a quarter (`2027-Q1`), an ISO
week (`2027-W05`) or a year; two of them make a range. Pure date arithmetic.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from milepost.importer.amounts import normal

ONGOING = ("持续进行", "持续执行", "持續進行", "持續執行", "长期", "長期", "全程", "ongoing", "continuous", "throughout", "always-on", "always on")

MONTHS = {name.lower(): number for number in range(1, 13) for name in (calendar.month_name[number], calendar.month_abbr[number])}
MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
_DASH = r"\s*(?:-|–|—|~|～|至|到|to|until|through)\s*"

_WEEKS_ZH = re.compile(rf"第\s*(\d{{1,3}})\s*(?:[周週]\s*)?(?:{_DASH}第?\s*(\d{{1,3}})\s*)?[周週]")
_WEEKS_EN = re.compile(rf"\b(?:weeks?|wk|w)\s*(\d{{1,3}})(?:{_DASH}(?:weeks?|wk|w)?\s*(\d{{1,3}}))?\b", re.IGNORECASE)
_TOKEN = re.compile(
    r"(?P<iso_week>(?P<wy>\d{4})-?W(?P<wn>\d{2}))"
    r"|(?P<quarter>(?P<qy>\d{4})\s*-?\s*Q(?P<qn>[1-4]))"
    r"|(?P<day>(?P<dy>\d{4})\s*[-/.年]\s*(?P<dm>\d{1,2})\s*[-/.月]\s*(?P<dd>\d{1,2})\s*[日号號]?)"
    r"|(?P<month>(?P<my>\d{4})\s*[-/.年]\s*(?P<mm>\d{1,2})\s*月?)(?![0-9])"
    r"|(?P<zh_day>(?P<zm>\d{1,2})\s*月\s*(?P<zd>\d{1,2})\s*[日号號])"
    r"|(?P<zh_month>(?P<zo>\d{1,2})\s*月)"
    rf"|(?P<en_month>\b(?P<en>{_MONTH_WORD})\.?(?:\s+(?P<ey>\d{{4}}))?\b)"
    r"|(?P<year>\b(?P<yy>\d{4})\s*年?(?![0-9]))",
    re.IGNORECASE,
)
_NOTE = re.compile(r"[(（]([^()（）]*)[)）]")


@dataclass(frozen=True, slots=True)
class Time:
    """What a time cell says: days, the roadmap's whole period, or weeks that need --start."""

    first: date | None = None
    last: date | None = None
    ongoing: bool = False
    needs_start: bool = False
    note: str = ""  # a parenthesised remark, `(活动期)`, kept for the body


def week_one(start: date) -> date:
    """The Monday of week 1: the Monday on or before `start`."""
    return start - timedelta(days=start.weekday())


def read_time(value: object, start: date | None) -> Time | None:
    """A time cell, or None when it says no time Milepost can read."""
    if isinstance(value, datetime):
        return Time(value.date(), value.date())
    if isinstance(value, date):
        return Time(value, value)
    text = normal(str(value)).strip()
    notes = "; ".join(part.strip() for part in _NOTE.findall(text) if part.strip())
    bare = _NOTE.sub(" ", text).strip()
    if bare.casefold() in ONGOING or any(word in bare.casefold() for word in ONGOING[:8]):
        return Time(ongoing=True, note=notes)
    weeks = _WEEKS_ZH.fullmatch(bare) or _WEEKS_EN.fullmatch(bare)
    if weeks:
        first, last = int(weeks[1]), int(weeks[2] or weeks[1])
        if not 1 <= first <= last:
            return None
        if start is None:
            return Time(needs_start=True, note=notes)
        monday = week_one(start)
        return Time(monday + timedelta(weeks=first - 1), monday + timedelta(weeks=last, days=-1), note=notes)
    span = read_span(bare, start)
    return None if span is None else Time(span[0], span[1], note=notes)


def read_span(text: str, start: date | None) -> tuple[date, date] | None:
    """One date form, or two joined by a dash, `~`, `至` or `to`, as (first day, last day)."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens or len(tokens) > 2:
        return None
    rest = _TOKEN.sub("", text).strip()
    if rest and not (len(tokens) == 2 and re.fullmatch(_DASH, " " + rest + " ")):
        return None
    year = start.year if start else None
    first = _period(tokens[0], year)
    if first is None:
        return None
    last = first if len(tokens) == 1 else _period(tokens[1], first[0].year)
    if last is None or last[1] < first[0]:
        return None
    return first[0], last[1]


def _period(token: re.Match, year: int | None) -> tuple[date, date] | None:
    """The days one written date spans; a month without a year takes `year`.

    Years outside 1900–2199 are not a plan's (and validation refuses them)."""
    span = _days(token, year)
    return span if span and 1900 <= span[0].year and span[1].year <= 2199 else None


def _days(token: re.Match, year: int | None) -> tuple[date, date] | None:
    try:
        if token["iso_week"]:
            monday = date.fromisocalendar(int(token["wy"]), int(token["wn"]), 1)
            return monday, monday + timedelta(days=6)
        if token["quarter"]:
            y, q = int(token["qy"]), int(token["qn"])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if token["day"]:
            day = date(int(token["dy"]), int(token["dm"]), int(token["dd"]))
            return day, day
        if token["month"]:
            return _month(int(token["my"]), int(token["mm"]))
        if token["year"]:
            y = int(token["yy"])
            return date(y, 1, 1), date(y, 12, 31)
        if year is None:
            return None
        if token["zh_day"]:
            day = date(year, int(token["zm"]), int(token["zd"]))
            return day, day
        if token["zh_month"]:
            return _month(year, int(token["zo"]))
        return _month(int(token["ey"] or year), MONTHS[token["en"].lower()])
    except ValueError:  # 2027-02-30, week 54, month 13
        return None


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later, on the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_ZH_COUNT = {"一": 1, "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}
_WITHIN = re.compile(
    r"(?:在|于|於|within\s+)?(?P<n>\d{1,3}|[一两兩二三四五六七八九十半])\s*"
    r"(?:(?P<months>个月|個月|months?)|(?P<weeks>周|週|星期|weeks?)|(?P<days>天|days?))"
    r"\s*(?:内|內|之内|之內|后|後)?",
    re.IGNORECASE,
)
_BY = re.compile(
    rf"(?:\bby\s+(?:the\s+end\s+of\s+)?(?P<when>(?:{_MONTH_WORD})\.?(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{4}}-Q[1-4]|Q[1-4](?:\s+\d{{4}})?|\d{{4}}))"
    r"|(?P<zh_month>\d{1,2})\s*月\s*(?:底|末)?\s*(?:前|之前|以前)"
    r"|(?P<year_end>年底|年末)\s*(?:前|之前)?",
    re.IGNORECASE,
)


def read_deadline(text: str, start: date | None) -> tuple[date | None, tuple[int, int] | None]:
    """The deadline a goal's text states (`3个月内`, `by September`, `9月底前`) and where it says so.

    A duration counts from `start`; a month without a year is the first one
    ending on or after `start`. (None, None) when the text states none.
    """
    match = _WITHIN.search(text)
    if match and start:
        n = match["n"]
        count = _ZH_COUNT[n] if n in _ZH_COUNT else int(n)
        if match["months"]:
            due = add_months(start, int(count)) if count >= 1 else start + timedelta(days=15)
        else:
            due = start + timedelta(weeks=count) if match["weeks"] else start + timedelta(days=count)
        return due, match.span()
    match = _BY.search(text)
    if match and start:
        if match["year_end"]:
            return date(start.year, 12, 31), match.span()
        words = match["when"] or f"{match['zh_month']}月"
        quarter = re.fullmatch(r"Q([1-4])(?:\s+(\d{4}))?", words, re.IGNORECASE)
        if quarter:
            words = f"{quarter[2] or start.year}-Q{quarter[1]}"
        span = read_span(words, start)
        if span:
            last = span[1]
            if last < start and not re.search(r"\d{4}", words):  # `by March` in a plan starting in May: next March
                last = read_span(words, date(start.year + 1, 1, 1))[1]
            return last, match.span()
    return None, None
