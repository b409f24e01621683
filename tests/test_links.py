"""Every link a reader can follow leads to a page, and the navigation loses nothing.

The example site of this repository and the fixture site are built for real; every
HTML page is read and each relative link (navigation, generated tables, timelines,
prose) is resolved against the built files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import goal
from fixtures import DOCS
from sitekit import ROOT, build, built, make_site, page, resolve


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1802692800"}  # 2027-02-15 12:00 UTC
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("fixture"), DOCS)
    assert build(root, "--strict").returncode == 0
    return root / "site"


def broken_links(site: Path) -> list[str]:
    """Every relative href or src of every built page whose target is missing, as 'page -> href'."""
    broken = []
    for html in sorted(site.rglob("*.html")):
        if html.name == "404.html":
            continue
        url = html.relative_to(site).as_posix()
        base = url[: -len("index.html")] if url.endswith("index.html") else url
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("[href], [src]"):
            target = tag.get("href") or tag.get("src")
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or an anchor on this page
            path = unquote(resolve(base, parts.path))
            file = site / path
            if not (file.is_file() or (file / "index.html").is_file()):
                broken.append(f"{url} -> {target}")
    return broken


@pytest.mark.parametrize("which", ["example", "fixture_site"])
def test_no_link_of_any_page_leads_to_a_missing_page(which, request):
    site = request.getfixturevalue(which)
    assert len(list(site.rglob("*.html"))) > 20
    assert broken_links(site) == []


def nav_sections(soup) -> dict[str, tuple[str | None, list[str]]]:
    """Top-level navigation: title -> (the section's own link, the titles listed under it)."""
    found = {}
    for item in soup.select(".md-nav--primary > .md-nav__list > .md-nav__item"):
        link = item.select_one(":scope > .md-nav__link, :scope > .md-nav__container > a.md-nav__link, :scope > label.md-nav__link")
        own = item.select_one(":scope > a.md-nav__link, :scope > .md-nav__container > a.md-nav__link")
        children = [a.get_text(" ", strip=True) for a in item.select(":scope > nav > ul > li > a.md-nav__link, :scope > nav > ul > li > .md-nav__container > a.md-nav__link, :scope > nav > ul > li > label.md-nav__link")]
        found[link.get_text(" ", strip=True)] = (own["href"] if own and own.get("href") else None, children)
    return found


def test_goals_and_roadmaps_sections_open_on_their_index_and_list_every_document(example):
    read = lambda url: BeautifulSoup((example / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    sections = nav_sections(read("timeline"))
    assert resolve("timeline/", sections["Goals"][0]) == "goals/" and resolve("timeline/", sections["Roadmaps"][0]) == "roadmaps/"
    _, goals = nav_sections(read("goals"))["Goals"]  # navigation.prune: a section's pages are listed on its own pages
    _, roadmaps = nav_sections(read("roadmaps"))["Roadmaps"]
    listed = [t for t in roadmaps if t != "Roadmaps"]
    # every roadmap, the first one (digital-2026/index.md) included, natural order
    assert listed == ["Digital marketing plan 2026", "Northwind Office webinar series 2026–2027", "Q1 2027 growth campaigns"]
    assert len([t for t in goals if t != "Goals"]) == 6


def test_index_pages_list_every_goal_and_roadmap(example):
    goals = BeautifulSoup((example / "goals" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = goals.select(".mp-goals--index tbody tr")
    assert len(rows) == 6
    depth = {tr["data-goal"]: tr["data-depth"] for tr in rows}
    assert depth["webinar-mqls-2027"] == "1" and depth["office-mqls-2027"] == "0"
    ids = [tr["data-goal"] for tr in rows]
    assert ids.index("webinar-mqls-2027") == ids.index("office-mqls-2027") + 1  # a sub-goal right under its parent
    for tr in rows:
        assert tr.select_one("[data-health]") and tr.select_one(".mp-served a")
    roadmaps = BeautifulSoup((example / "roadmaps" / "index.html").read_text(encoding="utf-8"), "html.parser")
    cells = {tr["data-roadmap"]: [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in roadmaps.select(".mp-roadmaps tbody tr")}
    assert set(cells) == {"digital-plan-2026", "growth-2027-q1", "webinars-2026-2027"}
    digital = cells["digital-plan-2026"]
    assert digital[1] == "digital" and "Jan 1, 2026" in digital[2] and digital[4] == "5" and digital[5] == "€320,000"
    assert digital[6].endswith("%")


def test_your_own_goals_and_roadmaps_pages_win(tmp_path):
    docs = {**DOCS, "goals/index.md": "# Our goals\n\nWritten by hand.\n", "roadmaps/index.md": "# Our plans\n"}
    root, result = built(tmp_path, docs, "--strict")
    assert result.returncode == 0, result.stderr
    assert page(root, "goals/").h1.get_text() == "Our goals" and not page(root, "goals/").select(".mp-goals")
    assert page(root, "roadmaps/").h1.get_text() == "Our plans"


def test_navigation_sorts_names_naturally(tmp_path):
    docs = {f"goals/g{n}.md": goal(f"g{n}", title=f"Goal {n}") for n in (10, 2, 1)}
    root = make_site(tmp_path, docs)
    assert build(root).returncode == 0
    _, listed = nav_sections(page(root, "goals/"))["Goals"]
    assert [t for t in listed if t.startswith("Goal ")] == ["Goal 1", "Goal 2", "Goal 10"]


def test_dependency_arrows_are_drawn_at_build_time_and_a_late_one_is_marked(tmp_path):
    from conftest import campaign, roadmap

    docs = {
        **{k: v for k, v in DOCS.items()},
        "late/index.md": roadmap("late-plan", title="Late plan", goals="[]", start="2026-01", end="2026-12"),
        "late/a.md": campaign("first", roadmap="late-plan", goals="[]", start="2026-03-01", end="2026-04-30"),
        "late/b.md": campaign("second", title="Second", roadmap="late-plan", goals="[]", start="2026-04-15", end="2026-05-30", depends_on="[first]"),
    }
    root, result = built(tmp_path, docs)  # a dependent starting before its dependency ends is a warning: not --strict
    assert result.returncode == 0 and "starts-before-dependency" in result.stderr
    soup = page(root, "late/")
    arrow = soup.select_one('div.mp-dep[data-from="first"][data-to="second"]')
    assert "mp-dep--late" in arrow["class"] and len(arrow.select("svg > rect")) == 5
    listed = soup.select_one('.mp-deps li[data-from="first"]').get_text(" ", strip=True)
    assert listed.startswith("⚠ Second starts Apr 15, 2026, before Campaign first ends Apr 30, 2026")


def test_owners_covers_every_owner_of_goals_roadmaps_campaigns_and_activities(example):
    index = BeautifulSoup((example / "owners" / "index.html").read_text(encoding="utf-8"), "html.parser")
    names = [tr.td.get_text(strip=True) for tr in index.select(".mp-groups tbody tr")]
    for owner in ("Sofia Bianchi", "Léa Martin", "Jonas Weber", "Studio Lumen", "Growth team"):
        assert owner in names  # a roadmap's, a goal's, a campaign's and an activity's owners
    assert names == sorted(names, key=lambda n: (n.casefold().replace("é", "e"), n)), "natural, casefolded order"
    sofia = BeautifulSoup((example / "owners" / "sofia-bianchi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Digital marketing plan 2026" in sofia.select_one(".mp-owns").get_text()
    lumen = BeautifulSoup((example / "owners" / "studio-lumen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Creative production" in lumen.select_one(".mp-owns").get_text()
    jonas = BeautifulSoup((example / "owners" / "jonas-weber" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [th.get_text(strip=True) for th in jonas.select(".mp-load__weeks thead th")]
    weeks = [td["data-week"] for td in jonas.select(".mp-load__week")]
    assert len(headings) == len(weeks) > 20 and headings[0] == "29 Jun" and weeks[0] == "2026-06-29"  # Black Friday starts Wed 1 July
    assert [s.get_text() for s in jonas.select(".mp-load__scale span")] == ["4", "3", "0"]  # the top, the overload threshold, 0
