"""Key dates on a timeline, measured in Chromium at 1280 and 390 px: placed on their days, labels
clear of each other, and the legend's switch hiding them (CSS only, no script needed)."""

from __future__ import annotations

import pytest

from test_browser import THEME, TOLERANCE, WIDTHS, small_docs
from sitekit import build, make_site, serve_folder

CALENDAR = """---
kind: calendar
id: retail
title: Retail calendar
owner: Sofia
dates:
  - {title: Chinese New Year, date: 2027-02-06, markets: [China]}
  - {title: Spring Festival holiday, start: 2027-02-05, end: 2027-02-11, markets: [China]}
  - {title: Valentine's Day, date: 2027-02-14}
  - {title: Women's Day, date: 2027-03-08}
---
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("keydates")
    make_site(root, {**small_docs(), "key/retail.md": CALENDAR}, site_name="Browser fixture", theme=THEME, search=False)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    with serve_folder(root / "site") as url:
        yield url


MEASURE = """() => {
  const figure = document.querySelector('.mp-timeline');
  const track = figure.querySelector('.mp-keydates').getBoundingClientRect();
  const days = Number(figure.dataset.days), start = new Date(figure.dataset.start + 'T00:00:00Z');
  const shown = el => getComputedStyle(el).display !== 'none';
  return {
    lane: shown(figure.querySelector('.mp-keydates')),
    shades: [...figure.querySelectorAll('.mp-keyshade')].filter(shown).length,
    bars: [...figure.querySelectorAll('.mp-bar')].filter(shown).length,
    marks: [...figure.querySelectorAll('.mp-keydate')].map(el => {
      const box = el.getBoundingClientRect(), label = box;
      const band = el.previousElementSibling && el.previousElementSibling.classList.contains('mp-keydate__band') ? el.previousElementSibling.getBoundingClientRect() : null;
      const offset = (new Date(el.dataset.start + 'T00:00:00Z') - start) / 86400000;
      const range = document.createRange(); range.setStart(el.firstChild, 0); range.setEnd(el.firstChild, 1);
      const first = range.getBoundingClientRect();
      return {text: label.width > 0 ? el.textContent.trim() : '', day: el.classList.contains('mp-keydate--day'),
              expected: track.left + offset / days * track.width, dayWidth: track.width / days,
              left: band ? band.left : (first.left + first.right) / 2,
              label: [label.left, label.top, label.right, label.bottom]};
    }),
  };
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_key_dates_sit_on_their_days_with_readable_labels_and_a_switch(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site_url + "q1/")
        got = page.evaluate(MEASURE)
        assert got["lane"] and got["shades"] == 4 and got["bars"] > 0
        assert [m["text"] for m in got["marks"]] == ["▭ Spring Festival holiday", "◇ Chinese New Year", "◇ Valentine's Day", "◇ Women's Day"]
        for mark in got["marks"]:  # a band starts on its first day; a marker's ◇ is centred on its day
            if mark["day"]:
                assert mark["expected"] - TOLERANCE <= mark["left"] <= mark["expected"] + mark["dayWidth"] + TOLERANCE, mark
            else:
                assert abs(mark["left"] - mark["expected"]) <= TOLERANCE, mark
        boxes = [m["label"] for m in got["marks"]]
        for i, a in enumerate(boxes):  # no label covers another
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        page.select_option(".mp-toolbar select[data-mp-filter=owner]", index=1)  # a filter hides lanes without a match, never the key dates
        filtered = page.evaluate(MEASURE)
        assert filtered["lane"] and filtered["shades"] == 4 and 0 < filtered["bars"] < got["bars"]
        page.select_option(".mp-toolbar select[data-mp-filter=owner]", index=0)
        page.click(".mp-keydates-toggle input")
        hidden = page.evaluate(MEASURE)
        assert (hidden["lane"], hidden["shades"], hidden["bars"]) == (False, 0, got["bars"])
    finally:
        page.close()
