"""What a reader of the example site sees, in Chromium at 1280 and 390 px.

The example site (mkdocs.yml and roadmaps/ of this repository) is built for
real for a fixed today (2027-02-15) and served from 127.0.0.1. Where the
browser tests of test_browser.py measure geometry on a fixture, these check
meaning on the pages a new user opens first: colours that match the legend,
text that reads, nothing a phone has to scroll sideways for.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from test_browser import WIDTHS
from test_browser_labels import MEASURE, assert_routes_clear
from sitekit import browser_pages, serve_folder

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime(2027, 2, 15, 12, tzinfo=timezone.utc)
STATUSES = ("planned", "in-progress", "at-risk", "delayed", "done", "cancelled")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example site, built into a tmp folder and served; yields its base URL."""
    out = tmp_path_factory.mktemp("example") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(TODAY.timestamp()))}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def context(browser):
    """The module's browser context, kept to 127.0.0.1: the example site loads nothing from elsewhere."""
    context = browser.new_context(reduced_motion="reduce")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    yield context
    context.close()


@pytest.fixture
def open_page(context, example):
    with browser_pages(context, example) as open_fresh:

        def opener(path: str, width: int = 1280, scheme: str = "default"):
            page = open_fresh(path, width)
            page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
            return page

        yield opener


COLOURS = """() => {
  const colour = el => getComputedStyle(el).borderTopColor;
  const bars = {}, chips = {};
  for (const bar of document.querySelectorAll('.mp-bar[data-status]')) (bars[bar.dataset.status] ??= new Set()).add(colour(bar));
  for (const chip of document.querySelectorAll('.mp-legend .mp-status')) {
    const status = [...chip.classList].find(c => c.startsWith('mp-status--')).slice('mp-status--'.length);
    chips[status] = getComputedStyle(chip).backgroundColor;
  }
  return {bars: Object.fromEntries(Object.entries(bars).map(([k, v]) => [k, [...v]])), chips};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["timeline/", "digital-2026/", "webinars/"])
def test_each_status_draws_its_bars_in_its_legend_colour(open_page, path, scheme):
    found = open_page(path, scheme=scheme).evaluate(COLOURS)
    chips, bars = found["chips"], found["bars"]
    assert sorted(chips) == sorted(STATUSES)
    assert len(set(chips.values())) == len(STATUSES), "every status has a colour of its own"
    assert len(bars) >= 2, "the page shows bars of several statuses"
    for status, colours in bars.items():
        assert colours == [chips[status]], f"{status} bars are drawn in {colours}, the legend says {chips[status]}"


OVERFLOW = """() => {
  const root = document.documentElement, problems = [];
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
  const content = document.querySelector('.md-content__inner').getBoundingClientRect();
  for (const el of document.querySelectorAll('.md-content__inner *')) {
    if (!el.checkVisibility() || el.closest('.mp-timeline__scroll, .mp-load__scroll, .mp-table, .mp-tip, .highlight, .md-typeset__scrollwrap')) continue;
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > content.right + 1 || box.left < content.left - 1)) problems.push(`<${el.tagName.toLowerCase()} class="${el.className}"> "${el.textContent.trim().slice(0, 40)}" sticks out`);
  }
  for (const wrap of document.querySelectorAll('.mp-table')) {
    const box = wrap.getBoundingClientRect();
    if (box.right > content.right + 1) problems.push(`table ${wrap.className} sticks out`);
    for (const cell of wrap.querySelectorAll('.mp-progress__value, .mp-health')) {
      const c = cell.getBoundingClientRect(), w = wrap.getBoundingClientRect();
      if (c.right > w.right + 1) problems.push(`"${cell.textContent.trim()}" is cut off`);
    }
  }
  return problems;
}"""

READ_PAGES = ["", "timeline/", "goals/", "roadmaps/", "owners/", "owners/jonas-weber/", "digital-2026/", "digital-2026/black-friday/", "goals/online-new-users/"]


@pytest.mark.parametrize("path", READ_PAGES)
def test_a_phone_never_scrolls_sideways(open_page, path):
    page = open_page(path, WIDTHS["phone"])
    assert page.evaluate(OVERFLOW) == []
    assert not page.js_errors


def test_kpi_alerts_read_with_spaces(open_page):
    page = open_page("digital-2026/black-friday/")
    cells = page.locator(".mp-kpis td:last-child").all_inner_texts()
    assert any("OK below 12,000" in " ".join(c.split()) for c in cells), cells


def test_work_breakdown_keeps_deliverables_readable(open_page):
    """The Deliverable column never wraps one word a line at 1280 px."""
    page = open_page("digital-2026/black-friday/")
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.mp-activities td:last-child')].map(td => {
             const text = document.createRange(); text.selectNodeContents(td);
             return text.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight); })"""
    )
    assert len(lines) == 4 and max(lines) <= 3.2, lines


ARROWS = """() => [...document.querySelectorAll('div.mp-dep')].filter(a => a.checkVisibility()).map(arrow => {
  const box = id => document.querySelector(`.mp-bar[data-id="${id}"]`).getBoundingClientRect();
  const from = box(arrow.dataset.from), to = box(arrow.dataset.to);
  const rects = [...arrow.querySelectorAll('svg > rect')].map(r => r.getBoundingClientRect());
  const first = rects[0], last = rects[rects.length - 1], tip = arrow.querySelector('.mp-dep__tip path').getBoundingClientRect();
  return {from: arrow.dataset.from, to: arrow.dataset.to, late: arrow.classList.contains('mp-dep--late'),
          colour: getComputedStyle(arrow.querySelector('rect')).fill,
          start: [first.left, (first.top + first.bottom) / 2], source: [from.right, (from.top + from.bottom) / 2],
          end: [tip.right, (tip.top + tip.bottom) / 2], target: [to.left, (to.top + to.bottom) / 2]};
})"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["timeline/", "webinars/", "growth-2027-q1/"])
def test_dependency_arrows_run_from_the_end_of_a_campaign_to_the_start_of_its_dependent(open_page, path, width):
    page = open_page(path, width)
    drawn = page.evaluate(ARROWS)
    assert drawn, "the example site's campaigns depend on each other"
    for arrow in drawn:
        assert arrow["start"] == pytest.approx(arrow["source"], abs=2), arrow
        assert arrow["end"] == pytest.approx(arrow["target"], abs=2), arrow
    listed = page.locator(".mp-deps li").all_text_contents()  # in words too, for screen readers
    assert len(listed) == len(drawn) and all(" starts after " in text for text in listed), listed


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["timeline/", "webinars/", "growth-2027-q1/", "digital-2026/"])
def test_dependency_arrows_cross_no_bar_and_no_title(open_page, path, width):
    timelines = open_page(path, width).evaluate(MEASURE)
    assert any(timeline["arrows"] for timeline in timelines)
    for timeline in timelines:
        assert_routes_clear(timeline)


def test_a_late_dependency_is_drawn_in_the_warning_colour(open_page):
    """The example site validates under --strict, so it has no dependent starting before its
    dependency ends (a warning): the class the build gives such an arrow (test_links) is set here."""
    page = open_page("timeline/")
    colours = page.evaluate("""() => { const arrow = document.querySelector('div.mp-dep'), rect = arrow.querySelector('rect');
        const plain = getComputedStyle(rect).fill; arrow.classList.add('mp-dep--late');
        const late = getComputedStyle(rect).fill, alert = document.createElement('span');
        alert.className = 'mp-flag mp-flag--alert'; document.body.append(alert);
        return {plain, late, alert: getComputedStyle(alert).color}; }""")
    assert colours["late"] == colours["alert"] != colours["plain"]


def test_hovering_a_bar_highlights_its_chain(open_page):
    page = open_page("timeline/")
    page.hover('[data-id="webinars-winter-2027"]')
    on = page.evaluate("() => [...document.querySelectorAll('div.mp-dep.mp-dep--on')].map(a => a.dataset.from + '>' + a.dataset.to).sort()")
    assert on == ["webinars-autumn-2026>webinars-winter-2027", "webinars-winter-2027>partner-webinars-2027"]
    chain = page.evaluate("() => [...document.querySelectorAll('.mp-bar--chain')].map(b => b.dataset.id).sort()")
    assert chain == ["partner-webinars-2027", "webinars-autumn-2026"]


LABELS = """() => [...document.querySelectorAll('.mp-bar')].filter(b => b.checkVisibility()).map(bar => {
  const label = bar.querySelector('.mp-bar__label'), box = bar.getBoundingClientRect(), text = label.getBoundingClientRect();
  return {id: bar.dataset.id, cut: label.scrollWidth > label.clientWidth + 1, inside: text.left >= box.left - 1 && text.right <= box.right + 1,
          beside: text.left >= box.right - 1 || text.right <= box.left + 1, box: box.toJSON(), text: text.toJSON()};
})"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["timeline/", "digital-2026/", "growth-2027-q1/"])
def test_bar_titles_are_never_cut_and_cover_no_other_bar(open_page, path, width):
    page = open_page(path, width)
    found = page.evaluate(LABELS)
    for label in found:
        assert not label["cut"] and (label["inside"] or label["beside"]), label
    overlaps = lambda a, b: min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    for label in found:
        for other in found:
            if other is not label:
                assert not overlaps(label["text"], other["box"]), (label["id"], other["id"])


def test_milestones_on_one_day_are_one_mark_with_their_count(open_page):
    page = open_page("digital-2026/black-friday/".replace("black-friday/", ""))
    merged = page.evaluate("() => [...document.querySelectorAll('.mp-bar__milestone--merged')].map(m => [m.closest('.mp-bar').dataset.id, m.dataset.count, m.title])")
    assert any(cid == "black-friday-2026" and count == "2" and "Early access opens" in title and "Sale weekend goes live" in title for cid, count, title in merged), merged


def test_today_and_the_axis_labels_never_overlap_and_zoom_opens_on_today_with_its_year(open_page):
    page = open_page("timeline/")
    boxes = page.evaluate("""() => { const today = document.querySelector('.mp-today__label').getBoundingClientRect();
        return [...document.querySelectorAll('.mp-tick, .mp-marker__label')].filter(t => t.checkVisibility() && t.textContent.trim()).map(t => t.getBoundingClientRect())
          .filter(b => Math.min(b.right, today.right) - Math.max(b.left, today.left) > 0 && Math.min(b.bottom, today.bottom) - Math.max(b.top, today.top) > 0).length; }""")
    assert boxes == 0
    page.click('[data-mp-zoom="month"]')
    view = page.evaluate("""() => { const s = document.querySelector('.mp-timeline__scroll').getBoundingClientRect(), c = document.querySelector('.mp-timeline__corner').getBoundingClientRect();
        const t = document.querySelector('.mp-today').getBoundingClientRect();
        const years = [...document.querySelectorAll('.mp-axis--major .mp-tick__label')].map(l => l.getBoundingClientRect()).filter(b => b.left >= c.right - 1 && b.right <= s.right);
        return {centre: (c.right + s.right) / 2, today: t.left, years: years.length}; }""")
    assert view["today"] == pytest.approx(view["centre"], abs=20) and view["years"] >= 1


def test_lane_labels_and_axis_stay_in_view_when_the_timeline_scrolls(open_page):
    page = open_page("timeline/?zoom=month", WIDTHS["phone"])
    moved = page.evaluate("""() => { const s = document.querySelector('.mp-timeline__scroll');
        const before = [document.querySelector('.mp-lane__label').getBoundingClientRect().left, document.querySelector('.mp-timeline__axis').getBoundingClientRect().top];
        s.scrollLeft += 300; s.scrollTop += 200;
        const after = [document.querySelector('.mp-lane__label').getBoundingClientRect().left, document.querySelector('.mp-timeline__axis').getBoundingClientRect().top];
        return {before, after, scrolled: [s.scrollLeft, s.scrollTop]}; }""")
    assert moved["scrolled"][0] > 0 and moved["after"][0] == pytest.approx(moved["before"][0], abs=1)
    if moved["scrolled"][1] > 0:
        assert moved["after"][1] == pytest.approx(moved["before"][1], abs=1)
