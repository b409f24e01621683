"""Dependency arrows of a timeline: from the end of each campaign to the start of each campaign
that depends on it, drawn at build time as inline SVG, so they hold without JavaScript and in print.

Across the axis, bars are placed in percent of the track; down it, in rows of a fixed height
within a lane, but a lane can grow taller than its rows (a long lane label wraps). So an
arrow is an SVG box over the grid rows of the lanes it crosses, from the source's lane to the
lane just above the target's (or the reverse; lanes are the grid rows after the axis and the
key dates), whose top and bottom are the two ends' offsets
in their own lanes: its corners are the ends whatever height the lanes between take.

Inside the box, the route leaves the source bar's right edge, turns into the gap between rows
next to the target's row, runs along it, and enters the target's left edge, so it never runs
along a row of bars and crosses no label there. Each segment is a thin `<rect>` whose CSS
geometry mixes percent of the box with rem and px (SVG lines cannot).
"""

from __future__ import annotations

from dataclasses import dataclass

from milepost.site.timeline import Bar, Timeline

STUB = "0.45rem"  # the straight part out of the source and into the target
STROKE = "2px"
MID = "(var(--mp-row-h) / 2 - 0.2rem)"  # a bar's middle below its top (bars are row-h − 0.4rem tall, 0.3rem below their row's top)
GAP = "(var(--mp-row-h) / 2)"  # from a bar's middle to the middle of the gap above or below its row


@dataclass(frozen=True, slots=True)
class Arrow:
    source: Bar  # the campaign depended on
    target: Bar  # the campaign that depends on it
    first_row: int = 2  # the grid row of the first lane (the axis is row 1, the key dates lane row 2 if any)

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
    def forward(self) -> bool:
        return self.x2 >= self.x1

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
        left, right = min(self.x1, self.x2), max(self.x1, self.x2)
        style = (
            f"--mp-from-row: {upper.row}; --mp-to-row: {lower.row}; top: {top}; bottom: {bottom}; "
            f"left: {left}%; width: {round(right - left, 4)}%"
        )
        return {"grid_row": span, "style": style}

    def segments(self) -> list[str]:
        """The route's rects, as inline styles (x, y, width, height) in the box."""
        sx, tx = ("0%", "100%") if self.forward else ("100%", "0%")
        sy, ty = ("0%", "100%") if self.down else ("100%", "0%")
        out = f"calc({sx} + {STUB})"  # where the route turns after leaving the source
        into = f"calc({tx} - {STUB})"  # and before entering the target
        gy = f"calc({ty} - {GAP})" if self.down else f"calc({ty} + {GAP})"
        return [
            _horizontal(sx, out, sy),
            _vertical(out, sy, gy),
            _horizontal(out, into, gy),
            _vertical(into, gy, ty),
            _horizontal(into, tx, ty),
        ]

    def tip(self) -> tuple[str, str]:
        """Where the arrowhead's point is (x, y in the box): the target's left edge, at its middle."""
        return ("100%" if self.forward else "0%", "100%" if self.down else "0%")


def _horizontal(a: str, b: str, y: str) -> str:
    return f"x: min({a}, {b}); y: calc({y} - {STROKE} / 2); width: calc(max({a}, {b}) - min({a}, {b}) + {STROKE}); height: {STROKE}"


def _vertical(x: str, a: str, b: str) -> str:
    return f"x: calc({x} - {STROKE} / 2); y: min({a}, {b}); width: {STROKE}; height: calc(max({a}, {b}) - min({a}, {b}) + {STROKE})"


def arrows(timeline: Timeline) -> list[Arrow]:
    """An arrow for each dependency whose two campaigns are both drawn, in the bars' order.
    Linear in bars and dependencies; roadmap bars (the overview) have none."""
    bars = {bar.doc.id: bar for bar in timeline.bars if bar.doc.kind == "campaign"}
    first_row = 3 if timeline.key_dates else 2
    found = []
    for bar in timeline.bars:
        for dep in dict.fromkeys(bar.blocked_by):
            source = bars.get(dep)
            if source is not None and source is not bar:
                found.append(Arrow(source, bar, first_row))
    return found
