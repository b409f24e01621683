"""Trends: the values a goal's `current` and a KPI's `actual` had, commit after commit.

Fed the documents each first-parent commit changed, oldest commit first, it keeps
a point whenever a value differs from the one before: a commit that edits only
prose adds nothing. Values follow the document's id, not its file, so a renamed
file keeps its line. Two commits on one day leave one point, the day's last value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from milepost.core.model import Campaign, Document, Goal


@dataclass(frozen=True, slots=True)
class Point:
    day: date  # the day, UTC, the commit reached the branch (its committer date)
    value: float


@dataclass(slots=True)
class Trends:
    goals: dict[str, list[Point]] = field(default_factory=dict)  # goal id -> `current` over time
    kpis: dict[tuple[str, str], list[Point]] = field(default_factory=dict)  # (campaign id, metric) -> `actual`

    def observe(self, day: date, documents: Iterable[Document]) -> None:
        """The documents one commit changed (as they are after it), on that commit's day."""
        for doc in documents:
            if isinstance(doc, Goal) and doc.id:
                _add(self.goals, doc.id, day, doc.current)
            elif isinstance(doc, Campaign) and doc.id:
                for kpi in doc.kpis:
                    _add(self.kpis, (doc.id, kpi.metric), day, kpi.actual)


def _add(series: dict, key, day: date, value: float | None) -> None:
    if value is None or isinstance(value, bool):
        return
    points = series.setdefault(key, [])
    if points and points[-1].value == value:
        return
    if points and points[-1].day == day:
        points.pop()
        if points and points[-1].value == value:  # the day ended where it began
            return
    points.append(Point(day, value))
