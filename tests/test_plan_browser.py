"""The lessons page in Chromium at 1280 and 390 px: its filters show exactly the matching
retrospectives, and nothing of a campaign's new sections overflows the page."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitekit import make_site, serve_folder
from test_plan_site import DOCS

EXTRA = {
    "plan/promo.md": """\
        ---
        kind: campaign
        id: promo
        title: Autumn promo
        owner: Ben
        roadmap: plan
        start: 2026-10-01
        end: 2026-10-31
        goals: [signups]
        channels: [email]
        status: done
        retrospective:
          result: Open rates held at 38 %, a very long line of text that must wrap on a phone instead of overflowing the page's width
        ---
        """,
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("lessons"), {**DOCS, **EXTRA}, today="2026-11-05", extra="      fiscal_year_start: 7\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with serve_folder(root / "site") as url:
        yield url


def shown(page) -> list[str]:
    return page.eval_on_selector_all(".mp-lesson", "items => items.filter(i => i.offsetParent !== null).map(i => i.id)")


@pytest.mark.parametrize("width", [1280, 390])
def test_lesson_filters_show_exactly_the_matching_retrospectives(context, served, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + "lessons/")
    assert page.locator("form[data-mp-filter]").is_visible()
    assert shown(page) == ["lesson-plan", "lesson-teaser", "lesson-promo"]  # newest first, undated last
    assert page.locator(".mp-lessons__count").inner_text() == "3 of 3"
    page.select_option("select[name=channel]", "social")
    assert shown(page) == ["lesson-teaser"]
    page.select_option("select[name=owner]", "Ben")
    assert shown(page) == [] and page.locator(".mp-lessons__count").inner_text() == "0 of 3"
    page.select_option("select[name=channel]", "")
    assert shown(page) == ["lesson-promo"]
    page.select_option("select[name=owner]", "")
    page.select_option("select[name=goal]", "signups")
    assert len(shown(page)) == 3
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0 and errors == []
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_campaign_sections_fit_the_page(context, served, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served + "plan/launch/")
    for selector in ("#updates", "#budget-lines"):
        assert page.locator(selector).is_visible()
    latest = page.locator(".mp-facts .mp-latest, dl .mp-latest").first
    assert latest.inner_text() == "Nov 2, 2026: Landing page <live> · 40%"
    box = page.locator(".mp-updates").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.close()


def test_without_javascript_every_lesson_is_listed_and_the_form_stays_hidden(browser, served):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + "lessons/")
    assert not page.locator("form[data-mp-filter]").is_visible()
    assert len(shown(page)) == 3
    context.close()
