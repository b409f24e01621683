"""The generated index pages in Chromium: axe-core finds nothing serious in light and dark,
at 1280 and 390 px, and nothing makes the page scroll sideways on a phone.

The site is test_baseline's repository (Git history, `baseline: approved`) with one
retrospective more, so that every page is built and has something to show: goals/,
roadmaps/, owners/ and an owner's page, lessons/, variance/, What changed and a goal's
page with its trend; the home page and a campaign with activities too. Skipped without Chromium or Playwright, except under CI=true
(see conftest.py).
"""

from __future__ import annotations

import pytest

from sitekit import build, edit, serve_folder
from test_baseline import commit, make_plan
from test_browser import OVERFLOWS, axe  # noqa: F401  axe is a fixture shared with the timeline tests

PAGES = ["", "goals/", "roadmaps/", "owners/", "owners/marta-rossi/", "lessons/", "variance/", "changes/", "goals/users/", "q1/spring/"]
WIDTHS = (1280, 390)
SCHEMES = ("default", "slate")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_plan(tmp_path_factory.mktemp("pages"))
    # both palettes, as a site with the dark toggle has: without them Material loads no dark palette
    edit(root / "mkdocs.yml", "  name: material\n", "  name: material\n  font: false\n  palette:\n    - scheme: default\n    - scheme: slate\n")
    retrospective = "retrospective:\n  date: 2027-02-05\n  result: 80 % of the sign-up target\n  strategy: Start the KOL seeding earlier\n---"
    edit(root / "docs/q1/teaser.md", "budget: 5000\n---", f"budget: 5000\n{retrospective}")
    commit(root, "Teaser retrospective", "2027-02-06")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture
def open_page(context, served):
    pages = []

    def opener(path: str, width: int):
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(served + path)
        assert response.status == 200, path
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        return page

    yield opener
    for page in pages:
        page.close()


def test_every_page_is_built_and_has_something_to_show(open_page):
    """Guards the tests below: axe on an empty page would find nothing."""
    for path, selector in [
        ("goals/", ".mp-goals tbody tr"), ("roadmaps/", "tbody tr"), ("owners/", ".mp-groups tbody tr"),
        ("owners/marta-rossi/", ".mp-load__week"), ("lessons/", ".mp-lesson"), ("variance/", ".mp-variance tbody tr"),
        ("changes/", "article h2"), ("goals/users/", ".mp-trend"),
    ]:
        assert open_page(path, 1280).locator(selector).count() > 0, (path, selector)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_serious_in_light_and_dark_at_1280_and_390_px(open_page, axe, path):  # noqa: F811
    found = []
    for width in WIDTHS:
        page = open_page(path, width)
        for scheme in SCHEMES:
            page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
            # Material's own footer ("Made with Material for MkDocs", 4.47:1) is not Milepost's to restyle
            results = axe.run(page, context={"exclude": [[".md-copyright"]]}, options={"resultTypes": ["violations"]})
            found += [
                f"{width} px {scheme}: {v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
    assert found == []


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(open_page, path):
    page = open_page(path, 390)
    assert page.evaluate(OVERFLOWS) == []
