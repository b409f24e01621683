"""Dependency arrows of a timeline: from the end of each campaign to the start of each campaign
that depends on it, drawn at build time as inline SVG, so they hold without JavaScript and in print.

Across the axis, bars are placed in percent of the track; down it, in rows of a fixed height
within a lane, but a lane can grow taller than its rows (a long lane label wraps). So an
arrow is an SVG box over the grid rows of the lanes it crosses, from the source's lane to the
lane just above the target's (or the reverse; lanes are the grid rows after the axis and the
key dates), as wide as the track, whose top and bottom are the two ends' offsets in their own
lanes: its corners are the ends whatever height the lanes between take.

The route (site/routes.py) leaves the source bar's right edge, turns into the gap between rows
next to the source, runs along it to its `channel`, crosses the rows between the two ends
there (where no bar or title is), runs along the gap next to the target and enters the
target's left edge. Each segment is a thin `<rect>` whose CSS geometry mixes percent of the
box with rem and px (SVG lines cannot).
"""

from __future__ import annotations

from dataclasses import dataclass

from milepost.site.labels import Spot
from milepost.site.routes import STUB, Rows, channel
from milepost.site.timeline import Bar, Timeline

STROKE = "2px"
MID = "(var(--mp-row-h) / 2 - 0.2rem)"  # a bar's middle below its top (bars are row-h − 0.4rem tall, 0.3rem below their row's top)
GAP = "(var(--mp-row-h) / 2)"  # from a bar's middle to the middle of the gap above or below its row


@dataclass(frozen=True, slots=True)
class Arrow:
    source: Bar  # the campaign depended on
    target: Bar  # the campaign that depends on it
    first_row: int = 2  # the grid row of the first lane (the axis is row 1, the key dates lane row 2 if any)
    channel: Spot | None = None  # where it crosses the rows between its ends (site/routes.py); None: no row between

    @property
    def late(self) -> bool:
        """The dependent starts before its dependency ends: drawn in the warning colour."""
        return self.target.start <= self.source.end

    @property
    def x1(self) -> float:
        return round(self.source.left + self.source.width, 4)

    @property
    def x2(self) -> float:
        return self.target.left

    @property
    def down(self) -> bool:
        """The target is below the source (or beside it, in the same row)."""
        return (self.target.lane, self.target.row) >= (self.source.lane, self.source.row)

    @property
    def same_row(self) -> bool:
        return (self.target.lane, self.target.row) == (self.source.lane, self.source.row)

    def box(self) -> dict[str, str]:
        """The SVG's place: `grid-row` (lanes are grid rows 2, 3 …) and its inline style."""
        upper, lower = (self.source, self.target) if self.down else (self.target, self.source)
        first, last = upper.lane + self.first_row, lower.lane + self.first_row
        span = f"{first} / {last}" if last > first else f"{first} / {first + 1}"
        top = f"calc(var(--mp-from-row) * var(--mp-row-h) + 0.3rem + {MID})"
        if last > first:  # the box ends at the top of the lower lane, plus the lower end's offset in it
            bottom = f"calc(0px - var(--mp-to-row) * var(--mp-row-h) - 0.3rem - {MID})"
        else:
            bottom = f"calc(100% - var(--mp-to-row) * var(--mp-row-h) - 0.3rem - {MID})"
        style = f"--mp-from-row: {upper.row}; --mp-to-row: {lower.row}; top: {top}; bottom: {bottom}; left: 0; width: 100%"
        return {"grid_row": span, "style": style}

    def segments(self) -> list[str]:
        """The route's rects, as inline styles (x, y, width, height) in the box."""
        start, end = Spot(self.x1, 0.0).css(), Spot(self.x2, 0.0).css()
        out, into = Spot(self.x1, STUB).css(), Spot(self.x2, -STUB).css()
        ys, yt = ("0%", "100%") if self.down else ("100%", "0%")
        if self.same_row:
            ys = yt = "0%"
            gs = gt = f"calc(0% - {GAP})"
        else:
            gs = f"calc({ys} + {GAP})" if self.down else f"calc({ys} - {GAP})"  # the gap next to the source, towards the target
            gt = f"calc({yt} - {GAP})" if self.down else f"calc({yt} + {GAP})"
        route = [_horizontal(start, out, ys), _vertical(out, ys, gs)]
        if self.channel is None:  # no row between the two gaps: along the source's, then into the target
            route += [_horizontal(out, into, gs), _vertical(into, gs, yt)]
        else:
            x = self.channel.css()
            route += [_horizontal(out, x, gs), _vertical(x, gs, gt), _horizontal(x, into, gt), _vertical(into, gt, yt)]
        return route + [_horizontal(into, f"calc({end} - {STROKE})", yt)]  # a rect is a stroke longer than its run: it ends at the edge

    def tip(self) -> tuple[str, str]:
        """Where the arrowhead's point is (left, top in the box): the target's left edge, at its middle."""
        return (Spot(self.x2, 0.0).css(), "0%" if self.same_row or not self.down else "100%")


def _horizontal(a: str, b: str, y: str) -> str:
    return f"x: min({a}, {b}); y: calc({y} - {STROKE} / 2); width: calc(max({a}, {b}) - min({a}, {b}) + {STROKE}); height: {STROKE}"


def _vertical(x: str, a: str, b: str) -> str:
    return f"x: calc({x} - {STROKE} / 2); y: min({a}, {b}); width: {STROKE}; height: calc(max({a}, {b}) - min({a}, {b}) + {STROKE})"


def arrows(timeline: Timeline) -> list[Arrow]:
    """An arrow for each dependency whose two campaigns are both drawn, in the bars' order, routed
    around the bars and titles of the rows it crosses once `labels.fit` placed them. Roadmap bars
    (the overview) have none."""
    bars = {bar.doc.id: bar for bar in timeline.bars if bar.doc.kind == "campaign"}
    first_row = 3 if timeline.key_dates else 2
    rows = Rows(timeline, timeline.track) if timeline.track else None  # titles placed: route around them
    found = []
    for bar in timeline.bars:
        for dep in dict.fromkeys(bar.blocked_by):
            source = bars.get(dep)
            if source is not None and source is not bar:
                found.append(Arrow(source, bar, first_row, channel(rows, source, bar) if rows else None))
    return found
