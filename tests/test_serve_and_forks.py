"""Live reload under `mkdocs serve`, and the same site built by ProperDocs (the maintained MkDocs 1.x fork)."""

from __future__ import annotations

import functools
import sys
import time

import pytest
from bs4 import BeautifulSoup

from fixtures import DOCS
from sitekit import build, edit, fetch, free_port, make_site, page, start, wait_for

_get = functools.partial(fetch, timeout=5)
_wait_for = functools.partial(wait_for, seconds=60.0, interval=0.3)


def test_serve_rebuilds_after_editing_a_roadmap_file(tmp_path):
    root = make_site(tmp_path, DOCS)
    server, base = _serve(root)
    try:
        url = base + "q1/spring/"
        first = _wait_for(lambda: _get(url))
        assert "Marta Rossi" in first and "€40,000" in first
        spring = root / "docs/q1/spring.md"
        edit(spring, "amount: 40000", "amount: 46000", "owner: Marta Rossi", "owner: Giulia Neri")
        second = _wait_for(lambda: (lambda html: html if "€46,000" in html else None)(_get(url)))
        assert "Giulia Neri" in second and "€40,000" not in second
        # the goal page is regenerated too: the budget allocated through the edited campaign moved
        assert "€51,000" in _get(base + "goals/users/")
        # an error in an edited file is reported, and fixing it recovers the site
        edit(spring, "roadmap: q1", "roadmap: q9")
        time.sleep(3)
        edit(spring, "roadmap: q9", "roadmap: q1")
        _wait_for(lambda: "Q1 growth" in _get(url))
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "'roadmap' names 'q9', but no roadmap has that id" in errors


def test_dirty_serve_rebuilds_every_page_an_edit_touches(tmp_path):
    """`mkdocs serve --dirty` renders only changed pages; the plugin adds those showing the edited document."""
    root = make_site(tmp_path, DOCS)
    server, base = _serve(root, "--dirty")
    try:
        assert "€40,000" in _wait_for(lambda: _get(base + "q1/spring/"))
        spring = root / "docs/q1/spring.md"
        edit(spring, "amount: 40000", "amount: 46000", "title: Spring launch", "title: Spring relaunch")
        _wait_for(lambda: "€46,000" in _get(base + "q1/spring/"))
        assert "Spring relaunch" in _get(base + "q1/") and "€46,000" in _get(base + "q1/")  # its roadmap: timeline, budget table
        assert "€51,000" in _get(base + "goals/users/")  # a goal it serves: budget allocated
        assert "Spring relaunch" in _get(base + "q1/teaser/")  # the campaign it depends on: "Needed by"
        assert "Spring relaunch" in _get(base + "timeline/")  # generated pages, always
    finally:
        server.terminate()
        server.communicate(timeout=20)


def test_properdocs_builds_the_same_site(tmp_path):
    root = make_site(tmp_path, DOCS)
    result = build(root, "--strict", tool="properdocs")
    assert result.returncode == 0, result.stderr
    soup = page(root, "q1/spring/")
    assert soup.select_one(".mp-card") and "Marta Rossi" in soup.select_one(".mp-facts").get_text()
    assert (root / "site/roadmap.json").read_text(encoding="utf-8").count('"kind": "campaign"') == 3


def _serve(root, *flags: str):
    port = free_port()
    server = start([sys.executable, "-m", "mkdocs", "serve", *flags, "--livereload", "-a", f"127.0.0.1:{port}"], root)
    return server, f"http://127.0.0.1:{port}/"


def _errors_shown(html: str) -> list[str] | None:
    """The file:line:col of each error the preview's error page lists, or None on a real page."""
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(".mp-preview-errors")
    return None if box is None else [li.get_text(" ", strip=True) for li in box.select(".mp-preview-error")]


@pytest.mark.parametrize("flags", [(), ("--dirty",)], ids=["serve", "serve-dirty"])
def test_serve_shows_errors_in_the_browser_and_the_real_page_once_fixed(tmp_path, flags):
    root = make_site(tmp_path, DOCS)
    server, base = _serve(root, *flags)
    spring, teaser = root / "docs/q1/spring.md", root / "docs/q1/teaser.md"
    good_spring, good_teaser = spring.read_text(encoding="utf-8"), teaser.read_text(encoding="utf-8")
    try:
        assert "Marta Rossi" in _wait_for(lambda: _get(base + "q1/spring/"))
        spring.write_text(good_spring.replace("title: Spring launch", "title: Spring launch: the sequel"), encoding="utf-8")
        teaser.write_text(good_teaser.replace("roadmap: q1", "roadmap: q9"), encoding="utf-8")
        shown = _wait_for(lambda: _errors_shown(_get(base + "q1/spring/")))  # answered, not left waiting
        line = next(n for n, text in enumerate(good_teaser.lstrip("\n").splitlines(), 1) if text.startswith("roadmap:"))
        assert shown == [
            "docs/q1/spring.md:4:8 the value of 'title' contains ':' and a space, which YAML reads as the start of another key: "
            "put the whole value in quotes, title: \"Spring launch: the sequel\" (YAML: mapping values are not allowed in this context) [yaml-syntax]",
            f"docs/q1/teaser.md:{line}:10 'roadmap' names 'q9', but no roadmap has that id [unknown-reference]",
        ]
        for url in ("", "timeline/", "goals/users/", "owners/"):  # every page the reader may be on, generated ones too
            html = _get(base + url)
            assert _errors_shown(html) == shown, url
            assert "livereload" in html  # the page reloads by itself when the next build is done
        spring.write_text(good_spring, encoding="utf-8")
        teaser.write_text(good_teaser, encoding="utf-8")
        real = _wait_for(lambda: (lambda html: html if _errors_shown(html) is None else None)(_get(base + "q1/spring/")))
        assert "Marta Rossi" in real and "€40,000" in real
        for url in ("", "timeline/", "goals/users/", "q1/teaser/"):
            assert _errors_shown(_get(base + url)) is None, url
        assert 'data-id="spring"' in _get(base + "timeline/")
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "docs/q1/teaser.md" in errors and "[unknown-reference]" in errors  # the terminal says it too


def test_serve_starts_on_a_broken_site_and_build_still_fails(tmp_path):
    root = make_site(tmp_path, {**DOCS, "q1/teaser.md": DOCS["q1/teaser.md"].replace("roadmap: q1", "roadmap: [q1")})
    server, base = _serve(root)
    try:
        shown = _wait_for(lambda: _errors_shown(_get(base)))
        assert [text.split(" (YAML")[0] for text in shown] == [
            "docs/q1/spring.md:15:14 'depends_on' names 'teaser', but no campaign has that id [unknown-reference]",  # the broken file's id is unknown
            "docs/q1/teaser.md:6:10 the '[' opened here is never closed: add ']' at the end of the list",
        ]
    finally:
        server.terminate()
        server.communicate(timeout=20)
    result = build(root)
    assert result.returncode == 1 and "docs/q1/teaser.md:" in result.stderr and "[yaml-syntax]" in result.stderr
    assert not (root / "site/index.html").exists()
