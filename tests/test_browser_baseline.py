"""Ghost bars in a real browser: each sits where its baseline dates say, at 1280 and 390 px.

The site is test_baseline's repository (the approved plan on its own branch, the
plan since moved), built with `baseline: approved` and served from 127.0.0.1.
Skipped without Chromium or Playwright, except under CI=true (see conftest.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from test_baseline import make_plan
from sitekit import build, serve_folder

TOLERANCE = 2  # px
WIDTHS = (1280, 390)

GHOSTS = """() => [...document.querySelectorAll('.mp-timeline')].map(figure => ({
  start: figure.dataset.start, end: figure.dataset.end,
  bars: [...figure.querySelectorAll('.mp-bar[data-baseline-start]')].map(bar => {
    const track = bar.closest('.mp-lane__track').getBoundingClientRect();
    const ghost = bar.querySelector('.mp-bar__ghost').getBoundingClientRect();
    const box = bar.getBoundingClientRect();
    return {id: bar.dataset.id, start: bar.dataset.baselineStart, end: bar.dataset.baselineEnd, track: track.width,
            left: ghost.left - track.left, width: ghost.width, barLeft: box.left - track.left, visible: ghost.width > 0,
            slip: bar.querySelector('.mp-bar__slip').getBoundingClientRect().left - box.right};
  }),
}))"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_plan(tmp_path_factory.mktemp("ghosts"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr

    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["q1/", "timeline/"])
def test_ghost_bars_sit_where_their_baseline_dates_say(browser, served, path):
    page = browser.new_page()
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(served + path)
            measured = set()
            for timeline in page.evaluate(GHOSTS):
                first, last = date.fromisoformat(timeline["start"]), date.fromisoformat(timeline["end"])
                days = (last - first).days + 1
                for ghost in timeline["bars"]:
                    start, end = date.fromisoformat(ghost["start"]), date.fromisoformat(ghost["end"])
                    per_day = ghost["track"] / days
                    assert ghost["left"] == pytest.approx((start - first).days * per_day, abs=TOLERANCE), (path, width, ghost)
                    assert ghost["width"] == pytest.approx(((end - start).days + 1) * per_day, abs=TOLERANCE), (path, width, ghost)
                    assert 0 <= ghost["slip"] < 12, ghost  # the slip label starts just after its bar
                    measured.add(ghost["id"])
            assert measured == {"spring", "teaser"}, (path, width)
    finally:
        page.close()


def test_the_threshold_hides_smaller_slips_and_goes_into_the_url(browser, served):
    page = browser.new_page()
    try:
        page.goto(served + "variance/")
        rows = "() => [...document.querySelectorAll('.mp-variance tbody tr')].filter(r => r.checkVisibility()).map(r => r.dataset.id + ':' + r.dataset.days)"
        assert page.evaluate(rows) == ["spring:19", "teaser:-3", "q1:7", "spring:7"]
        page.fill("[data-mp-threshold]", "5")
        assert page.evaluate(rows) == ["spring:19", "q1:7", "spring:7"]
        page.fill("[data-mp-threshold]", "10")
        assert page.evaluate(rows) == ["spring:19"]
        assert page.url.endswith("?slip=10")
        page.goto(served + "variance/?slip=10")
        assert page.evaluate(rows) == ["spring:19"]
    finally:
        page.close()
