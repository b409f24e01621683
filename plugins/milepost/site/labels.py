"""Where a bar's title goes, decided at build time: inside the bar when it fits, else beside it
(after it, or before it near the end of the axis), whole; then each lane's rows are stacked
again so that no title covers another bar or title. Without JavaScript no title is cut.

Bars are placed in percent of the track, titles are measured in rem: a place on the track is
a `Spot` (percent, rem). The two meet at the track's narrowest, `track_rem` (the width of its
minor ticks, as milepost.css sizes them). A wider track (a wider window, a zoom) moves bars
apart and leaves titles as wide as they were, so what fits there fits everywhere. Title widths
are estimated per character (`textwidth`, as the SVG timeline does), a Chinese, Japanese or
Korean character as about two Latin ones: the estimate errs towards "does not fit", which puts
a title beside its bar, never cuts it.

Linear in bars, plus the sort of each lane's stacking: a big timeline pays little for it.
"""

from __future__ import annotations

import heapq
from functools import lru_cache
from typing import Callable, NamedTuple

from milepost.site.textwidth import width as text_width

FONT = 0.7  # rem: a bar's title (milepost.css, .mp-timeline__body)
TICK_CHAR, TICK_PAD = 0.34, 0.45  # rem: a minor tick is TICK_CHAR per character of its label plus TICK_PAD
BORDER = 0.1  # rem: a bar's border, each side (2px when delayed)
PAD = 0.3  # rem: inside padding of a title, each side (at most 10 % of the bar)
GAP = 0.3  # rem: between a bar and a title written beside it (milepost.css, .mp-bar--outside)
BESIDE_PAD = 0.15  # rem: padding of a title beside its bar, each side
MIN_BAR = 0.35  # rem: the narrowest bar (milepost.css, min-width)
TOUCH = 0.01  # rem: bars of consecutive days touch, and may share a row
SLIP_FONT, SLIP_GAP = 0.6, 0.25  # rem: a moved bar's slip label after it ("+19 d")
NEW_FONT, NEW_BADGE = 0.55, 0.4  # rem: the "new" badge's letters, and its padding and the space after it
FLAG = 0.2  # rem: the space after the KPI-alert flag

SAFETY = 1.06  # DejaVu Sans draws t, f, ! and round capitals a little wider than textwidth's classes


class Spot(NamedTuple):
    """A place across the track: `pct` percent of it plus `rem` (negative: to the left)."""

    pct: float
    rem: float

    def at(self, track: float) -> float:
        """In rem, on a track `track` rem wide."""
        return self.pct / 100 * track + self.rem

    def css(self) -> str:
        return f"calc({round(self.pct, 4)}% + {round(self.rem, 3)}rem)"


@lru_cache(maxsize=65536)  # a campaign's title is measured on every timeline it is drawn on
def text_em(text: str) -> float:
    """The width of `text` in em, at the most a common sans-serif takes (`textwidth`, with a margin)."""
    return text_width(text, SAFETY)


def tick_chars(label: str) -> int:
    """A tick label's length in character widths, as milepost.css sizes ticks: CJK characters count two."""
    return len(label) + sum(char > "\u2e7f" for char in label)


def track_rem(units: int, widest_tick: int) -> float:
    """The narrowest the track gets (milepost.css: --mp-units × --mp-unit-w), in rem."""
    return units * (max(widest_tick, 2) * TICK_CHAR + TICK_PAD)


def title_rem(bar, new_word: str = "new") -> float:
    """The width of a bar's title as the template writes it, ⚠ and the "new" badge included."""
    width = text_em(bar.doc.title or bar.doc.id or "") * FONT
    if bar.in_alert:
        width += text_em("⚠") * FONT + FLAG
    if bar.new:
        width += text_em(new_word.upper()) * NEW_FONT + NEW_BADGE
    return width


def fit(timeline, tick_label: Callable, new_word: str = "new", room: dict | None = None) -> None:
    """Size the timeline's ticks (`tick_label(tick)` is its label as the page writes it) and
    place its titles on the narrowest track that gives (`place`)."""
    widest = max((tick_chars(tick_label(tick)) for tick in timeline.minor), default=2)
    timeline.tick_len = max(widest, 2)
    timeline.track = track_rem(len(timeline.minor), timeline.tick_len)
    place(timeline, timeline.track, new_word, room)


def place(timeline, track: float, new_word: str = "new", room: dict | None = None) -> None:
    """Set each bar's `label` ("inside", "after" or "before"), `label_shift` (rem) and `extent`
    (the Spots it covers, title and ghost included), then stack each lane's rows again on those
    extents. `room[id]` is (rem kept free before the bar, after it): a dependency arrow's way
    in and out, which a title beside the bar leaves free too."""
    room = room or {}
    for lane in timeline.lanes:
        for bar in lane.bars:
            _place_bar(bar, track, title_rem(bar, new_word), room.get(bar.doc.id, (0.0, 0.0)))
        lane.rows = _stack(lane.bars, track)


def _place_bar(bar, track: float, title: float, room: tuple[float, float]) -> None:
    left, right = Spot(bar.left, 0.0), Spot(bar.left + bar.width, 0.0)
    width = max(right.at(track) - left.at(track), MIN_BAR)
    if width > right.at(track) - left.at(track):
        right = Spot(bar.left + bar.width, MIN_BAR)  # at least as far right as the narrowest bar reaches
    border = 2 * BORDER * (2 if bar.doc.status == "delayed" else 1)
    slip = (SLIP_GAP + text_em(bar.ghost.label) * SLIP_FONT) if bar.ghost else 0.0
    start, end = Spot(bar.left, -room[0]), Spot(right.pct, right.rem + max(slip, room[1]))
    if bar.ghost:  # the ghost of the baseline's dates, drawn behind the bar
        start = min(start, Spot(bar.left + bar.ghost.left * bar.width, 0.0), key=lambda spot: spot.at(track))
        end = max(end, Spot(bar.left + (bar.ghost.left + bar.ghost.width) * bar.width, 0.0), key=lambda spot: spot.at(track))
    bar.label, bar.label_shift = "inside", 0.0
    if title + 2 * min(PAD, 0.1 * width) + border > width:
        beside = GAP + title + 2 * BESIDE_PAD
        after = Spot(right.pct, right.rem + slip + room[1] + beside)
        before = Spot(bar.left, -room[0] - beside)
        if after.at(track) > track and before.at(track) >= 0:
            bar.label, bar.label_shift, start = "before", room[0], before
        else:
            bar.label, bar.label_shift = "after", slip + room[1]
            end = max(end, after, key=lambda spot: spot.at(track))
    bar.extent = (start, end)


def _stack(bars, track: float) -> int:
    """Rows for `bars` on their extents (greedy interval partitioning, O(n log n)): each bar in
    the row that freed up first, a new row when none has. Returns the row count."""
    free: list[tuple[float, int]] = []  # (where the row's last extent ends, row)
    rows = 0
    for bar in sorted(bars, key=lambda bar: (bar.extent[0].at(track), bar.start, bar.doc.id or "")):
        if free and free[0][0] <= bar.extent[0].at(track) + TOUCH:
            _, row = heapq.heappop(free)
        else:
            row, rows = rows, rows + 1
        bar.row = row
        heapq.heappush(free, (bar.extent[1].at(track), row))
    return max(rows, 1)
