"""Small trend charts: where each value of a history, the target line and the pace line sit.

Pure arithmetic on days and values, in the chart's own units (an SVG view box),
so templates only print coordinates. A history is a list of points with `day`
and `value` (handed over by the plugin from Git); the chart spans its days and
today, and its values, the target and the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from milepost.core.model import Goal

WIDTH, HEIGHT = 360, 120
PAD_X, PAD_TOP, PAD_BOTTOM = 8, 8, 18  # room for the first and last day below the plot


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    day: date
    value: float


@dataclass(frozen=True, slots=True)
class Chart:
    first: date
    last: date
    low: float
    high: float
    dots: list[Dot]
    target: float | None  # y of the target line
    pace: tuple[float, float, float, float] | None  # x1, y1, x2, y2 of the pace line
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def line(self) -> str:
        return " ".join(f"{dot.x},{dot.y}" for dot in self.dots)

    @property
    def bottom(self) -> float:
        return HEIGHT - PAD_BOTTOM


def chart(points: list, today: date, target: float | None = None, pace: tuple[date, float, date, float] | None = None) -> Chart | None:
    """`pace`: (start, baseline, deadline, target), the line the health rule expects values on."""
    if not points:
        return None
    days = [p.day for p in points] + [today]
    values = [p.value for p in points] + ([target] if target is not None else [])
    if pace:
        days.append(pace[0])
        values.append(pace[1])
    first, last = min(days), max(days)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round(PAD_X + (day - first).days / span * (WIDTH - 2 * PAD_X), 2)

    def y(value: float) -> float:
        return round(PAD_TOP + (high - value) / (high - low) * (HEIGHT - PAD_TOP - PAD_BOTTOM), 2)

    dots = [Dot(x(p.day), y(p.value), p.day, p.value) for p in points]
    line = None
    if pace and pace[2] > pace[0]:
        start, base, deadline, goal = pace
        at = lambda day: base + (goal - base) * min(max((day - start).days / (deadline - start).days, 0), 1)
        line = (x(first), y(at(first)), x(last), y(at(last)))
    return Chart(first, last, low, high, dots, y(target) if target is not None else None, line)


def goal_chart(goal: Goal, points: list, today: date, start: date | None) -> Chart | None:
    """A goal's chart; `start` (its own, or derived as goal health derives it) draws the pace line."""
    pace = (start, goal.baseline, goal.deadline, goal.target) if start and goal.deadline and goal.target is not None else None
    return chart(points, today, goal.target, pace)
