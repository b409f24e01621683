"""What a reader of the example site sees, in Chromium at 1280 and 390 px.

The example site (mkdocs.yml and roadmaps/ of this repository) is built for
real for a fixed today (2027-02-15) and served from 127.0.0.1. Where the
browser tests of test_browser.py measure geometry on a fixture, these check
meaning on the pages a new user opens first: colours that match the legend,
text that reads, nothing a phone has to scroll sideways for.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from test_browser import CHROMIUM, CHROMIUM_ARGS, WIDTHS, sync_playwright

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

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def context():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(reduced_motion="reduce")
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
        try:
            yield context
        finally:
            context.close()
            browser.close()


@pytest.fixture
def open_page(context, example):
    pages = []

    def opener(path: str, width: int = 1280, scheme: str = "default"):
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size({"width": width, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(example + path)
        page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        page.js_errors = errors
        return page

    yield opener
    for page in pages:
        page.close()


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
    if (!el.checkVisibility() || el.closest('.mp-timeline__scroll, .mp-table, .mp-tip, .highlight, .md-typeset__scrollwrap')) continue;
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

READ_PAGES = ["", "timeline/", "goals/", "roadmaps/", "owners/", "digital-2026/", "digital-2026/black-friday/", "goals/online-new-users/"]


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
