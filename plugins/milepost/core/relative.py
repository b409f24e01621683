"""Relative dates resolved to days, before any other rule looks at the site.

`start: after spring-launch + 2w` is the day after spring-launch ends plus 14
days; `end: +6w` is the 42nd day counted from the item's own start. A campaign
may follow one that follows another: they are resolved in dependency order,
without recursion, so a chain of thousands is fine. What cannot be resolved is
left empty and reported once, where its cause is: `validate` reports unknown
ids and cycles through the `depends_on` a relative start implies; this module
reports activities that follow an unknown campaign and days past the last year allowed.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from milepost.core.dates import FIRST_YEAR, LAST_YEAR
from milepost.core.model import Activity, Campaign, Document
from milepost.core.problems import ERROR, Problem, did_you_mean

Days = tuple["date | None", "date | None"]


def resolve(documents: list[Document]) -> tuple[list[Document], list[Problem]]:
    """`documents` (sorted by source) with every relative date resolved, and the problems found.

    Documents with relative dates are replaced by resolved copies: those read from files are shared
    between the two sides of a diff and by the parse cache, and are never changed."""
    campaigns = [doc for doc in documents if isinstance(doc, Campaign)]
    if not any(_is_relative(c) or any(_is_relative(a) for a in c.activities) for c in campaigns):
        return documents, []
    by_id: dict[str, Document] = {}
    for doc in documents:
        if doc.id and doc.id not in by_id:
            by_id[doc.id] = doc
    problems: list[Problem] = []
    days = _campaign_days(campaigns, by_id, problems)
    resolved = []
    for doc in documents:
        if isinstance(doc, Campaign):
            start, end = days[id(doc)]
            activities = [_activity(doc, item, by_id, days, problems) for item in doc.activities]
            if (start, end) != (doc.start, doc.end) or activities != doc.activities:
                doc = dataclasses.replace(doc, start=start, end=end, activities=activities)
        resolved.append(doc)
    return resolved, problems


def _is_relative(item: Campaign | Activity) -> bool:
    return item.after is not None or item.duration is not None


def _campaign_days(campaigns: list[Campaign], by_id: dict[str, Document], problems: list[Problem]) -> dict[int, Days]:
    """(start, end) of every campaign, by object: a campaign is resolved after the one it follows."""
    days: dict[int, Days] = {}
    on_path: set[int] = set()
    for first in campaigns:
        stack = [first]
        while stack:
            campaign = stack[-1]
            if id(campaign) in days:
                stack.pop()
                continue
            followed = by_id.get(campaign.after.ref) if campaign.after else None
            if isinstance(followed, Campaign) and id(followed) not in days and id(followed) not in on_path:
                on_path.add(id(campaign))
                stack.append(followed)
                continue
            # a followed campaign still on the path is a cycle: left empty, reported as dependency-cycle
            followed_end = days[id(followed)][1] if isinstance(followed, Campaign) and id(followed) in days else None
            days[id(campaign)] = _days(campaign, followed_end, campaign.where, problems, campaign.path)
            on_path.discard(id(campaign))
            stack.pop()
    return days


def _days(item: Campaign | Activity, followed_end: date | None, where, problems: list[Problem], path: str) -> Days:
    """An item's start and end in days, given the end of what it follows (None: unknown)."""
    start, end = item.start, item.end
    if item.after is not None:
        start = None if followed_end is None else _plus(followed_end, 1 + item.after.days)
        if start is None and followed_end is not None:
            return _out_of_range(item.after.text, where("start"), problems, path), None
    if item.duration is not None:
        end = None if start is None else _plus(start, item.duration.days - 1)
        if end is None and start is not None:
            return start, _out_of_range(item.duration.text, where("end"), problems, path)
    return start, end


def _plus(day: date, days: int) -> date | None:
    """`day` plus `days`, or None past the years a roadmap date may fall in."""
    try:
        later = day + timedelta(days=days)
    except OverflowError:
        return None
    return later if later.year <= LAST_YEAR else None


def _out_of_range(written: str, at: tuple[int, int], problems: list[Problem], path: str) -> None:
    problems.append(Problem(path, *at, ERROR, f"'{written}' falls after the years a roadmap date may fall in ({FIRST_YEAR} to {LAST_YEAR})", "invalid-date"))


def _activity(campaign: Campaign, item: Activity, by_id: dict[str, Document], days: dict[int, Days], problems: list[Problem]) -> Activity:
    if not _is_relative(item):
        return item
    followed_end = None
    if item.after is not None:
        ref = item.after.ref
        followed = by_id.get(ref)
        if not isinstance(followed, Campaign):
            if followed is None:
                known = [key for key, doc in by_id.items() if isinstance(doc, Campaign)]
                message = f"activity '{item.title}' starts after '{ref}', but no campaign has that id{did_you_mean(ref, known)}"
                code = "unknown-reference"
            else:
                message = f"activity '{item.title}' starts after '{ref}', which is a {followed.kind} ({followed.path}), not a campaign"
                code = "wrong-kind-reference"
            problems.append(Problem(campaign.path, *item.at, ERROR, message, code))
        else:
            followed_end = days[id(followed)][1]
    start, end = _days(item, followed_end, lambda field: item.at, problems, campaign.path)
    return dataclasses.replace(item, start=start, end=end)
