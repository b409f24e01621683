"""A timeline as one self-contained SVG picture, for slides and print (`timeline.svg`).

It draws the same laid-out `Timeline` as the HTML timeline: lanes, bars at the same
percent of the axis in the same rows, titles inside or beside their bars as
`site/labels.py` placed them, the same merged milestones, key dates and dependency
arrows; in pixels of a 1,600 px wide picture, 900 px tall (16:9) unless its lanes need
more. The page's layout is made on its narrowest track, in rem: the picture gives a rem
at most the pixels that make that track its own width, so a title that fits there fits
here. Milestone and key date labels take rows of their own rather than being hidden
when they meet (text widths estimated by `textwidth`).

The template `milepost/timeline.svg` lays the `Drawing` out; it computes nothing.
Colours are those of milepost.css's light palette (a test holds them equal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Callable

from milepost.site import labels
from milepost.site.dependencies import Arrow
from milepost.site.routes import STUB
from milepost.site.i18n import Language
from milepost.site.textwidth import width as text_width, wrap, xml_text
from milepost.site.timeline import Bar, Timeline

WIDTH, MIN_HEIGHT, MARGIN = 1600, 900, 32
ROW, BAR_H, BAR_TOP = 32, 22, 5  # a lane's row, a bar's height and its offset in the row
LABEL, SMALL, LINE = 13, 12, 18  # font sizes of bar labels (at most) and of axis or key date labels; a small label row
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, "
    "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif"
)
"""The reader's own fonts, Chinese ones included: the file embeds none."""

STATUS = {"planned": "#546e7a", "in-progress": "#1565c0", "at-risk": "#b45309", "delayed": "#c62828", "done": "#2e7d32", "cancelled": "#757575"}
"""milepost.css's light palette, `--mp-STATUS`."""
ALERT, INK, FAINT, RULE = "#c62828", "#1f1f1f", "#5f6368", "#d9d9de"
DASH = {"delayed": "6 3", "cancelled": "2 2"}  # the bar borders of the page: dashed, dotted


@lru_cache(maxsize=64)
def tint(colour: str, share: float) -> str:
    """`colour` mixed with white, `share` of it: the page's `color-mix(… 22%, white)`."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * share + 255 * (1 - share)):02x}" for c in channels)


@dataclass(slots=True)
class Text:
    x: float
    y: float  # the middle of the line (dominant-baseline: central)
    text: str
    size: float = SMALL
    anchor: str = "start"  # or "end": the text ends at x
    bold: bool = False
    fill: str = INK
    halo: bool = False  # a white outline behind it, over lines and shades
    fit: float | None = None  # textLength: the rare text wider than the whole picture, narrowed to fit, never cut

    @property
    def span(self) -> tuple[float, float]:
        """Its estimated left and right edges."""
        wide = self.fit or text_width(self.text, self.size, self.bold)
        return (self.x - wide, self.x) if self.anchor == "end" else (self.x, self.x + wide)


@dataclass(slots=True)
class Shape:
    """One bar: the HTML bar's `data-id`, `data-start`, `data-end`, in its status's colours."""

    id: str
    start: date
    end: date
    status: str
    href: str | None
    tip: str
    x: float
    y: float
    w: float
    label: Text
    progress: float  # px
    alert: bool
    roadmap: bool
    marks: list[tuple[float, bool, int]] = field(default_factory=list)  # (x, done, how many milestones)
    ghost: tuple[float, float] | None = None  # the baseline's x and width

    @property
    def colour(self) -> str:
        return STATUS.get(self.status, STATUS["planned"])

    @property
    def fill(self) -> str:
        return tint(self.colour, 0.22)

    @property
    def dash(self) -> str:
        return DASH.get(self.status, "")


@dataclass(slots=True)
class LaneBox:
    y: float
    h: float
    lines: list[Text]
    href: str | None


@dataclass(slots=True)
class Line:
    """A vertical line through the picture (a gridline, a milestone, a key date, today)."""

    x: float
    y1: float
    y2: float
    colour: str
    dash: str = ""
    stroke: float = 1.0


@dataclass(slots=True)
class Drawing:
    start: date  # the axis's first and last days, as the page's figure says them
    end: date
    title: Text
    subtitle: Text
    height: float
    x0: float  # where the axis starts and ends
    x1: float
    axis: tuple[float, float]  # top and bottom of the axis rows
    ticks: list[Text]
    tick_lines: list[Line]
    lines: list[Line]  # over the lanes: gridlines, key dates, milestones
    bands: list[tuple[float, float, float, float]]  # key date periods: x, y, w, h
    keys: LaneBox | None  # the key dates lane
    key_labels: list[Text]
    marker_labels: list[Text]
    lanes: list[LaneBox]
    bars: list[Shape]
    arrows: list[tuple[str, str, str, str, bool]]  # (from id, to id, route path, head path, late)
    today: Line | None
    today_label: Text | None
    legend: list[tuple[str, str, Text]]  # (what the swatch shows, status, label)
    width: int = WIDTH
    font: str = FONT

    @property
    def palette(self) -> dict[str, tuple[str, str, str]]:
        """Each status's border colour, fill and border dashes: the legend's swatches."""
        return {status: (colour, tint(colour, 0.22), DASH.get(status, "")) for status, colour in STATUS.items()}


def draw(tl: Timeline, title: str, subtitle: str, language: Language, today: date, link: Callable[[str], str | None], arrows: list[Arrow]) -> Drawing:
    """`tl` in pixels: `link` gives a document's URL relative to the picture's file."""
    t = language.label
    label_w = min(max([text_width(xml_text(lane.label or t("none")), 14, True) + 24 for lane in tl.lanes] + [140]), 300)
    x0, x1 = MARGIN + label_w, WIDTH - MARGIN
    px = lambda pct: round(x0 + pct / 100 * (x1 - x0), 2)
    top = y = 108
    y += 22 if tl.today is not None else 0
    ticks, tick_lines, y = _axis(tl, language, px, y)
    marks = tl.marks
    marker_labels = [_marker_text(mark, t, px(mark.left)) for mark in marks]
    y += LINE * _rows_of(marker_labels, y, x0)
    axis = (top, y)
    keys, key_labels, periods, days = None, [], [], []
    if tl.key_dates:
        keys, key_labels, periods, days = _key_dates(tl, t, px, x0, y)
        y = keys.y + keys.h
    scale = min(LABEL / labels.FONT, (x1 - x0) / tl.track) if tl.track else LABEL / labels.FONT  # px per rem of the page
    lanes, bars, bottom = _lanes(tl, t, language, link, px, scale, label_w, y)
    legend_h = _legend(tl, t, arrows, 0)[1]
    pitch = _spread(lanes, bottom, MIN_HEIGHT - MARGIN - 28 - legend_h)
    if pitch > ROW:
        lanes, bars, bottom = _lanes(tl, t, language, link, px, scale, label_w, y, pitch)
    lines = [Line(px(tick.left), axis[1], bottom, RULE, "2 3") for tick in tl.minor]
    lines += [Line(x, axis[1], bottom, FAINT, "1 3") for x in days]
    lines += [Line(px(mark.left), label.y - LINE / 2, bottom, STATUS["done"] if mark.done else FAINT, "4 3") for mark, label in zip(marks, marker_labels)]
    bands = [(x, axis[1], w, bottom - axis[1]) for x, w in periods]
    today_line = today_label = None
    if tl.today is not None:
        x, end = px(tl.today), tl.today > 90
        today_line = Line(x, top + 2, bottom, ALERT, stroke=2)
        today_label = Text(x - 6 if end else x + 6, top + 10, f"{t('today')} · {language.date(today)}", SMALL, "end" if end else "start", True, "#ffffff")
    legend, y = _legend(tl, t, arrows, bottom + 28)
    by_id = {shape.id: shape for shape in bars if not shape.roadmap}
    return Drawing(
        tl.start, tl.end,
        _fitted(Text(MARGIN, 52, xml_text(title), 28, bold=True), WIDTH - 2 * MARGIN),
        _fitted(Text(MARGIN, 84, xml_text(subtitle), 15, fill=FAINT), WIDTH - 2 * MARGIN),
        max(MIN_HEIGHT, round(y + MARGIN)), x0, x1, axis, ticks, tick_lines, lines, bands, keys, key_labels,
        marker_labels, lanes, bars, [_route(arrow, by_id, px, scale) for arrow in arrows], today_line, today_label, legend,
    )


def _fitted(text: Text, room: float) -> Text:
    """A title wider than `room` is set smaller, down to 60 %, then narrowed: never cut."""
    wide = text_width(text.text, text.size, text.bold)
    if wide > room:
        text.size = round(max(text.size * room / wide, text.size * 0.6), 1)
        wide = text_width(text.text, text.size, text.bold)
        text.fit = round(room, 1) if wide > room else None
    return text


def _axis(tl: Timeline, language: Language, px, y: float) -> tuple[list[Text], list[Line], float]:
    """The major and minor ticks' labels and lines; a label that does not fit its tick is left out, as on the page."""
    texts, lines = [], []
    for ticks, size, bold, height in ((tl.major, 14, True, 24), (tl.minor, SMALL, False, 22)):
        for tick in ticks:
            x, wide = px(tick.left), px(tick.left + tick.width) - px(tick.left)
            lines.append(Line(x, y, y + height, RULE))
            label = tick.name or language.tick(tick.unit, tick.day)
            if not (tick.unit == "week" and tick.day < tl.start) and text_width(label, size, bold) + 5 <= wide:
                texts.append(Text(x + 4, y + height / 2, label, size, bold=bold, fill=INK if bold else FAINT))
        y += height
    return texts, lines, y


def _marker_text(mark, t, x: float) -> Text:
    count = len(mark.milestones)
    words = t("milestones_n", n=count) if count > 1 else xml_text(mark.title)
    colour = STATUS["done"] if mark.done else FAINT
    return Text(x + 3, 0, f"◆ {words}", SMALL, bold=count > 1, fill=colour, halo=True)


def _rows_of(texts: list[Text], top: float, x0: float) -> int:
    """Put labels on rows of `LINE` px from `top`, each in the first row where it meets no other;
    one that would pass the picture's right edge hangs to the left of its mark. Returns the rows used."""
    rows: list[list[tuple[float, float]]] = []
    for text in texts:
        left, right = text.span
        if right > WIDTH - 4:
            text.anchor, text.x = "end", text.x - 6
            left, right = text.span
        if left < x0 - 4:
            text.anchor, text.x = "start", x0
            left, right = text.span
        row = next((i for i, spans in enumerate(rows) if all(b + 6 <= left or a >= right + 6 for a, b in spans)), len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append((left, right))
        text.y = top + row * LINE + LINE / 2
    return len(rows)


def _key_dates(tl: Timeline, t, px, x0: float, y: float):
    """The key dates lane, its labels on rows of their own, and the x and width of each period and
    the x of each day: shaded and lined through the lanes below."""
    texts, periods, days = [], [], []
    for k in tl.key_dates:
        texts.append(Text(px(k.left) + 2, 0, f"{'◇' if k.is_day else '▭'} {xml_text(k.title)}", SMALL, fill=FAINT, halo=True))
        if k.is_day:
            days.append(px(k.left))
        else:
            periods.append((px(k.left), round(px(k.left + k.width) - px(k.left), 2)))
    height = _rows_of(texts, y + 4, x0) * LINE + 8
    lane = LaneBox(y, height, [Text(MARGIN, y + 4 + LINE / 2, t("key_dates"), 14, fill=FAINT)], None)
    return lane, texts, periods, days


def _lanes(tl: Timeline, t, language: Language, link, px, scale: float, label_w, y, pitch: float = ROW):
    """The lanes from `y` down, in the page's rows (`pitch` px apart, each bar in the middle of its
    row), titles where the page puts them (`_label`); and the lanes' bottom."""
    lanes, shapes = [], []
    inset = BAR_TOP + (pitch - ROW) / 2
    for lane in tl.lanes:
        words = wrap(xml_text(lane.label or t("none")), 14, label_w - 24, True)
        height = round(max(lane.rows * pitch + 8, len(words) * LINE + 20), 2)
        top = y + 4
        lines = [Text(MARGIN, round(top + inset + BAR_H / 2 + i * LINE, 2), line, 14, bold=True) for i, line in enumerate(words)]
        lanes.append(LaneBox(y, height, lines, link(lane.source) if lane.source else None))
        for bar in lane.bars:
            shapes.append(_shape(bar, _label(bar, t, px, scale), round(top + bar.row * pitch + inset, 2), t, language, link, px, scale))
        y += height
    return lanes, shapes, y


def _spread(lanes: list[LaneBox], bottom: float, room: float) -> float:
    """The row pitch that lets short lanes fill a 16:9 picture, `room` px tall below the axis and above
    the legend, rather than leave its lower half empty; at most twice the usual."""
    rows = sum(max(1, round((lane.h - 8) / ROW)) for lane in lanes)
    spare = room - bottom
    return ROW if spare <= 0 or not rows else min(ROW + spare / rows, 2 * ROW)


def _bar_words(bar: Bar, t) -> str:
    """A bar's label as the page writes it: ⚠ for KPIs in alert, "new" since the baseline, the title."""
    doc = bar.doc
    return f"{'⚠ ' if bar.in_alert else ''}{t('new') + ' ' if bar.new else ''}{xml_text(doc.title or doc.id or '')}"


def _label(bar: Bar, t, px, scale: float) -> Text:
    """A bar's title where the page's layout put it (`site/labels.py`: inside, after or before the
    bar, rows stacked so that it covers nothing), `scale` px to the page's rem. A title after a bar
    at the axis's end that would pass the picture's edge is narrowed to fit, never cut."""
    left = px(bar.left)
    right = max(px(bar.left + bar.width), left + labels.MIN_BAR * scale)
    words, size = _bar_words(bar, t), round(labels.FONT * scale, 2)
    if bar.label == "inside":
        return Text(round(left + min(labels.PAD * scale, 0.1 * (right - left)) + labels.BORDER * scale, 2), 0, words, size)
    away = (labels.GAP + labels.BESIDE_PAD + bar.label_shift) * scale
    if bar.label == "before":
        return Text(round(left - away, 2), 0, words, size, "end", halo=True)
    label = Text(round(right + away, 2), 0, words, size, halo=True)
    room = WIDTH - 4 - label.x
    if text_width(words, size) > room:
        label.fit = round(max(room, 1), 1)
    return label


def _shape(bar: Bar, label: Text, y: float, t, language: Language, link, px, scale: float) -> Shape:
    doc = bar.doc
    x = px(bar.left)
    w = round(max(px(bar.left + bar.width) - x, labels.MIN_BAR * scale), 2)
    label.y = y + BAR_H / 2
    tip = f"{xml_text(doc.title or doc.id or '')} · {language.date(bar.start)} – {language.date(bar.end)} · {t('status_' + doc.status)}"
    shape = Shape(
        xml_text(doc.id or ""), bar.start, bar.end, doc.status, link(doc.source), tip, x, y, w, label,
        round(w * bar.progress / 100, 2), bar.in_alert, doc.kind == "roadmap",
    )
    shape.marks = [(round(x + w * mark.left / 100, 2), mark.done, len(mark.milestones)) for mark in bar.marks]
    if bar.ghost:
        shape.ghost = (round(x + w * bar.ghost.left, 2), round(w * bar.ghost.width, 2))
    return shape


def _route(arrow: Arrow, by_id: dict[str, Shape], px, scale: float) -> tuple[str, str, str, str, bool]:
    """The page's route (site/routes.py) in pixels: out of the source's right edge into the gap
    between rows next to it, along that gap to the arrow's channel, across the rows between there,
    along the gap next to the target, into its left edge; and its arrowhead. The channel is clear
    of every bar and title on the page's narrowest track and on any wider one, so on the picture's."""
    source, target = by_id[arrow.source.doc.id], by_id[arrow.target.doc.id]
    sx, sy = source.x + source.w, source.y + BAR_H / 2
    tx, ty = target.x, target.y + BAR_H / 2
    out, into = round(sx + STUB * scale, 2), round(tx - STUB * scale, 2)
    above = lambda shape: shape.y - BAR_TOP - 1
    below = lambda shape: shape.y + BAR_H + BAR_TOP + 1
    if arrow.same_row or arrow.channel is None:  # no row between the gaps next to each end: they are one
        gap = above(target) if arrow.down else below(target)
        path = f"M{sx:g},{sy:g}H{out:g}V{gap:g}H{into:g}V{ty:g}H{tx - 1:g}"
    else:
        x = round(px(arrow.channel.pct) + arrow.channel.rem * scale, 2)
        near_source, near_target = (below(source), above(target)) if arrow.down else (above(source), below(target))
        path = f"M{sx:g},{sy:g}H{out:g}V{near_source:g}H{x:g}V{near_target:g}H{into:g}V{ty:g}H{tx - 1:g}"
    head = f"M{tx:g},{ty:g}l-7,-4.5v9z"
    return source.id, target.id, path, head, arrow.late


def _legend(tl: Timeline, t, arrows: list[Arrow], y: float) -> tuple[list[tuple[str, str, Text]], float]:
    """The page's legend, in lines that wrap at the picture's width: statuses, milestone, today,
    and key dates and dependencies when drawn."""
    items = [("status", status, t("status_" + status)) for status in tl.statuses]
    items += [("milestone", "", t("milestone")), ("today", "", t("today")), ("alert", "", f"⚠ {t('kpis_in_alert')}")]
    items += [("key", "", t("key_dates"))] if tl.key_dates else []
    items += [("dependency", "", t("dependencies"))] if arrows else []
    placed, x = [], MARGIN
    for kind, status, words in items:
        wide = 28 + text_width(words, LABEL) + 24
        if x + wide > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + 26
        placed.append((kind, status, Text(x + 28, y, words, LABEL)))
        x += wide
    return placed, y + 14
