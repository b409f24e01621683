"""Routes of dependency arrows that cross no bar and no title.

An arrow leaves its source's right edge, turns after a short stub into the gap between rows
next to the source (towards the target), runs along that gap to a free `channel`, goes
across the rows between the two ends there, runs along the gap next to the target, and
turns into the target's left edge. Gaps hold no bar and no title; the stubs cross only the
room `labels.place` keeps free beside the two ends (`room`); the channel is a place that no
bar, title or ghost of the rows in between covers, on the narrowest track and on any wider
one (a `Spot` is linear in the track's width: a place on the same side of an extent on the
narrowest track and on a very wide one is on that side on every track between).

Each arrow checks its candidate channels against the rows it crosses with a binary search in
each (their extents are sorted and do not overlap): cheap next to laying the bars out.
"""

from __future__ import annotations

from bisect import bisect_right

from milepost.site.labels import Spot

STUB = 0.45  # rem: the straight part out of the source and into the target (the arrowhead is 0.35rem)
ROOM = 0.7  # rem kept free beside a bar an arrow leaves or enters: the stub, the stroke and a margin
MARGIN = 0.25  # rem: between a channel and the nearest thing it passes
WIDE = 1e9  # a track this wide stands for "any wider track"
TRIES = 64  # channels tried to the right before going past everything in the rows crossed


def room(pairs) -> dict[str, tuple[float, float]]:
    """(rem free before, rem free after) for each bar an arrow enters or leaves; `pairs` are (source, target) bars."""
    found: dict[str, tuple[float, float]] = {}
    for source, target in pairs:
        found[source.doc.id] = (found.get(source.doc.id, (0.0, 0.0))[0], ROOM)
        found[target.doc.id] = (ROOM, found.get(target.doc.id, (0.0, 0.0))[1])
    return found


class Rows:
    """The extents of every row of a timeline, sorted, for the channels' checks."""

    def __init__(self, timeline, track: float):
        self.track = track
        self.lanes = [lane.rows for lane in timeline.lanes]
        self.rows: dict[tuple[int, int], list[tuple[Spot, Spot]]] = {}
        for lane_index, lane in enumerate(timeline.lanes):
            for bar in lane.bars:
                self.rows.setdefault((lane_index, bar.row), []).append(bar.extent)
        self.starts: dict[tuple[tuple[int, int], float], list[float]] = {}  # (row, track) -> its extents' starts
        self.ends: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}  # row -> each extent in rem: start and end on the track, then on WIDE
        for key, extents in self.rows.items():
            extents.sort(key=lambda extent: extent[0].at(track))  # the same order on any track: they do not overlap
            for width in (track, WIDE):
                self.starts[key, width] = [extent[0].at(width) for extent in extents]
            self.ends[key] = [(a.at(track), b.at(track), a.at(WIDE), b.at(WIDE)) for a, b in extents]

    def between(self, upper: tuple[int, int], lower: tuple[int, int]) -> list[tuple[int, int]]:
        """The rows strictly between two (lane, row) places, top to bottom."""
        found = []
        for lane in range(upper[0], lower[0] + 1):
            first = upper[1] + 1 if lane == upper[0] else 0
            last = lower[1] - 1 if lane == lower[0] else self.lanes[lane] - 1
            found += [(lane, row) for row in range(first, last + 1)]
        return found

    def blocker(self, crossed: list[tuple[int, int]], x: Spot) -> tuple[Spot, Spot] | None:
        """The first extent of the rows `crossed`, in their order, that a vertical line at `x` would
        cross (within MARGIN), if any: one that `x` is not clear of on the same side on the
        narrowest track and on any wider one (on one side at both extremes, it stays there in
        between: both are linear)."""
        narrow, wide = x.at(self.track), x.at(WIDE)
        for key in crossed:
            extents = self.rows.get(key)
            if not extents:
                continue
            ends = self.ends[key]
            for at in (bisect_right(self.starts[key, self.track], narrow + MARGIN), bisect_right(self.starts[key, WIDE], wide + MARGIN)):
                for i in range(max(at - 2, 0), min(at + 1, len(extents))):  # x's neighbours: if any extent blocks it, one of them does
                    start, end, wide_start, wide_end = ends[i]
                    if not ((narrow < start - MARGIN and wide < wide_start - MARGIN) or (narrow > end + MARGIN and wide > wide_end + MARGIN)):
                        return extents[i]
        return None


def channel(rows: Rows, source, target) -> Spot | None:
    """Where the arrow from `source` to `target` crosses the rows between them: straight after the
    source or straight before the target when nothing is in the way there, else the free place,
    to the right or to the left, that makes the shortest run along the gaps. None when there are
    no rows between (the gap next to one end is the gap next to the other)."""
    ends = sorted([(source.lane, source.row), (target.lane, target.row)])
    crossed = rows.between(ends[0], ends[1])
    if not crossed:
        return None
    out = Spot(source.left + source.width, STUB)
    into = Spot(target.left, -STUB)
    for x in (out, into):
        if rows.blocker(crossed, x) is None:
            return x
    found = [x for x in (_search(rows, crossed, out, 1), _search(rows, crossed, out, -1), _search(rows, crossed, into, -1)) if x]
    if found:
        run = lambda x: abs(x.at(rows.track) - out.at(rows.track)) + abs(x.at(rows.track) - into.at(rows.track))
        return min(found, key=run)
    ends = [extent[1] for key in crossed for extent in rows.rows.get(key, [])]
    return Spot(max(end.pct for end in ends), max(end.rem for end in ends) + MARGIN + 0.05)  # past everything in those rows


def _search(rows: Rows, crossed, x: Spot, way: int) -> Spot | None:
    """The first place from `x` towards the right (`way` 1) or the left (-1) that no extent of the
    rows `crossed` covers, on the track (not past its ends); None if there is none."""
    for _ in range(TRIES):
        if not 0 <= x.at(rows.track) <= rows.track or not 0 <= x.at(WIDE) <= WIDE:
            return None
        blocking = rows.blocker(crossed, x)
        if blocking is None:
            return x
        edge = blocking[1] if way > 0 else blocking[0]
        x = Spot(edge.pct, edge.rem + way * (MARGIN + 0.05))
    return None
