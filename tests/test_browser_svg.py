"""The timelines' SVG files in Chromium: each opened on its own, as a slide tool or a reader's
browser would, then measured. Bars sit at their dates, no label passes the picture's edges or
covers another, a title is either inside its bar or clear of it; the page's Download link
delivers the file and its Print button prints. Two sites: the browser fixture (Latin titles, a
Chinese roadmap and goal) and the example site (Chinese campaign titles)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from test_browser import THEME, TOLERANCE, small_docs  # the browser fixture: conftest.py
from sitekit import example_site, make_site, serve_folder

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("svg")
    make_site(root / "small", small_docs(), site_name="Browser fixture", theme=THEME, search=False)
    example_site(root / "example")
    for name in ("small", "example"):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "www" / name)], cwd=root / name, env=ENV, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    with serve_folder(root / "www") as url:
        yield url, root / "www"


MEASURE = """() => {
  const svg = document.documentElement;
  const box = el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const axis = box(document.querySelector('.mp-axis__line'));
  return {
    start: svg.dataset.start, end: svg.dataset.end,
    width: +svg.getAttribute('width'), height: +svg.getAttribute('height'),
    axis,
    bars: [...document.querySelectorAll('g[data-id]')].map(g => ({
      id: g.dataset.id, start: g.dataset.start, end: g.dataset.end,
      box: box(g.querySelector('.mp-bar__box')), label: box(g.querySelector('.mp-bar__label')),
    })),
    texts: [...document.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => ({text: t.textContent, ...box(t)})),
  };
}"""

SVGS = ["small/timeline/timeline.svg", "small/q1/timeline.svg", "small/plan/timeline.svg", "small/goals/cn-users/timeline.svg",
        "example/timeline/timeline.svg", "example/growth-2027-q1/timeline.svg", "example/digital-2026/timeline.svg", "example/goals/china-revenue/timeline.svg"]


def day(iso: str) -> date:
    return date.fromisoformat(iso)


def opened(browser, served, path: str, tmp_path: Path):
    """The SVG opened on its own at its own size, and a screenshot of it in `tmp_path` (to look at)."""
    url, _ = served
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    page.goto(url + path)
    height = int(page.evaluate("+document.documentElement.getAttribute('height')"))
    page.set_viewport_size({"width": 1600, "height": height})
    shot = tmp_path / (path.replace("/", "_") + ".png")
    page.screenshot(path=shot)
    assert shot.stat().st_size > 10_000, "a picture, not a blank page"
    return page


@pytest.mark.parametrize("path", SVGS)
def test_bars_sit_at_their_dates_in_the_rendered_svg(browser, served, path, tmp_path):
    page = opened(browser, served, path, tmp_path)
    found = page.evaluate(MEASURE)
    page.close()
    first, days = day(found["start"]), (day(found["end"]) - day(found["start"])).days + 1
    left, track = found["axis"]["left"], found["axis"]["right"] - found["axis"]["left"]
    assert found["width"] == 1600 and found["height"] >= 900 and track > 1000
    assert found["bars"]
    for bar in found["bars"]:
        x = left + (day(bar["start"]) - first).days / days * track
        right = left + ((day(bar["end"]) - first).days + 1) / days * track
        assert bar["box"]["left"] == pytest.approx(x, abs=TOLERANCE), bar["id"]
        assert bar["box"]["right"] == pytest.approx(max(right, x + 6), abs=TOLERANCE), bar["id"]


@pytest.mark.parametrize("path", SVGS)
def test_no_label_is_cut_passes_the_picture_or_covers_another(browser, served, path, tmp_path):
    page = opened(browser, served, path, tmp_path)
    found = page.evaluate(MEASURE)
    page.close()
    for text in found["texts"]:
        assert text["left"] >= 0 and text["right"] <= found["width"] and text["top"] >= 0 and text["bottom"] <= found["height"], text
    texts = sorted(found["texts"], key=lambda t: t["left"])
    overlaps = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if b["left"] >= a["right"] - 0.5:
                break
            if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 2:
                overlaps.append((a["text"], b["text"]))
    assert overlaps == []
    for bar in found["bars"]:  # a title is whole inside its bar, or beside it, clear of it
        box, label = bar["box"], bar["label"]
        inside = label["left"] >= box["left"] and label["right"] <= box["right"]
        beside = label["left"] >= box["right"] or label["right"] <= box["left"]
        assert inside or beside, bar["id"]


def test_the_download_link_delivers_the_svg_and_print_prints_the_timeline(browser, served):
    url, www = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "small/q1/")
    with page.expect_download() as download:
        page.click(".mp-timeline__download")
    assert download.value.suggested_filename == "q1-timeline.svg"
    assert Path(download.value.path()).read_bytes() == (www / "small/q1/timeline.svg").read_bytes()
    button = page.locator("[data-mp-print]")
    assert button.is_visible() and button.inner_text() == "Print"
    page.evaluate("window.print = () => { window.mpPrinted = true; }")
    button.click()
    assert page.evaluate("window.mpPrinted") is True
    page.emulate_media(media="print")
    assert not page.locator(".mp-timeline__actions").is_visible()
    assert page.locator(".mp-timeline a.mp-bar").first.is_visible()
    page.close()
