"""Titles and arrow routes as the build places them (site/labels.py, site/routes.py), on plain data:
what the browser tests (test_browser_labels.py) then measure on a page."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from milepost.site import labels, routes

TRACK = 50.0  # rem


def bar(cid: str, left: float, width: float, title: str, row: int = 0, lane: int = 0):
    doc = SimpleNamespace(id=cid, title=title, status="planned")
    return SimpleNamespace(doc=doc, left=left, width=width, row=row, lane=lane, in_alert=False, new=False, ghost=None, start=date(2027, 1, 1) if left < 50 else date(2027, 6, 1))


def lane(*bars):
    return SimpleNamespace(bars=list(bars), rows=1)


def test_a_chinese_character_is_about_two_latin_letters():
    assert 1.5 < labels.text_em("微信") / labels.text_em("ab") < 2.2


def test_a_title_goes_inside_after_or_before_its_bar_and_rows_make_room():
    wide, short, late = bar("wide", 0, 60, "Fits"), bar("short", 62, 2, "A title far too long for two percent"), bar("late", 96, 2, "Near the end")
    timeline = SimpleNamespace(lanes=[lane(wide, short, late)])
    labels.place(timeline, TRACK)
    assert (wide.label, short.label, late.label) == ("inside", "after", "before")
    # `short`'s title runs to where `late`'s starts: they take two rows, and nothing in a row overlaps
    assert short.row != late.row and timeline.lanes[0].rows == 2
    for a in timeline.lanes[0].bars:
        for b in timeline.lanes[0].bars:
            if a is not b and a.row == b.row:
                assert a.extent[1].at(TRACK) <= b.extent[0].at(TRACK) + 0.01 or b.extent[1].at(TRACK) <= a.extent[0].at(TRACK) + 0.01


def test_a_title_beside_a_bar_leaves_the_room_an_arrow_needs():
    source = bar("source", 10, 2, "A long title after its short bar")
    labels.place(SimpleNamespace(lanes=[lane(source)]), TRACK, room={"source": (0.0, routes.ROOM)})
    assert source.label == "after" and source.label_shift == routes.ROOM


def test_an_arrow_crosses_the_rows_between_its_ends_where_nothing_is():
    source, blocker, target = bar("a", 0, 10, "A", lane=0), bar("b", 5, 40, "B", lane=1), bar("c", 30, 10, "C", lane=2)
    timeline = SimpleNamespace(lanes=[lane(source), lane(blocker), lane(target)])
    labels.place(timeline, TRACK)
    x = routes.channel(routes.Rows(timeline, TRACK), source, target)
    assert x is not None and 0 <= x.at(TRACK) <= blocker.extent[0].at(TRACK)  # before the bar in the way: the shorter run
    for width in (TRACK, 10 * TRACK):  # on a wider track too
        assert not blocker.extent[0].at(width) - routes.MARGIN < x.at(width) < blocker.extent[1].at(width) + routes.MARGIN
    clear = bar("d", 80, 5, "D", lane=1)
    timeline = SimpleNamespace(lanes=[lane(source), lane(clear), lane(target)])
    labels.place(timeline, TRACK)
    assert routes.channel(routes.Rows(timeline, TRACK), source, target) == routes.Spot(10, routes.STUB)  # straight after the source
    neighbour = bar("e", 50, 10, "E", lane=1)
    timeline = SimpleNamespace(lanes=[lane(source), lane(neighbour)])
    labels.place(timeline, TRACK)
    assert routes.channel(routes.Rows(timeline, TRACK), source, neighbour) is None  # no row between: one gap
