"""`milepost serve`: an edit reaches the pages that show it, the search index stays whole, the
navigation current, and errors show in the browser. Each test runs the command as a
subprocess on a free port and reads what it serves; waits are hang guards, not timings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup

from fixtures import DOCS
from sitekit import edit, fetch, free_port, make_site, start, wait_for


@pytest.fixture
def preview(tmp_path):
    """The fixture site served by `milepost serve`: (docs dir, base URL, the server process)."""
    root = make_site(tmp_path, DOCS)
    port = free_port()
    server = start([sys.executable, "-m", "milepost", "serve", "-a", str(port)], root)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base + "q1/spring/"))
        yield root / "docs", base, server
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert not any(folder.name.startswith("milepost_") for folder in tmp_path.iterdir())


def _search(base: str) -> list[dict]:
    return json.loads(fetch(base + "search/search_index.json"))["docs"]


def _containing(words: str):
    return lambda url: (lambda html: html if words in html else None)(fetch(url))


def test_an_edit_reaches_its_pages_and_the_search_index_stays_whole(preview):
    docs, base, _ = preview
    before = _search(base)
    spring = docs / "q1/spring.md"
    edit(
        spring, "owner: Marta Rossi", "owner: Giulia Neri", "amount: 40000", "amount: 46000", "The story of", "Zanzibar, the story of",
        "title: Spring launch", "title: Spring relaunch",
    )
    campaign = wait_for(lambda: _containing("Giulia Neri")(base + "q1/spring/"))
    assert "€46,000" in campaign and "Zanzibar" in campaign
    roadmap = wait_for(lambda: _containing("€46,000")(base + "q1/"))  # its roadmap's budget table
    assert "Spring relaunch" in roadmap
    wait_for(lambda: _containing("€51,000")(base + "goals/users/"))  # a goal it serves: the budget allocated through it
    after = wait_for(lambda: (lambda docs: docs if any("Zanzibar" in e["text"] for e in docs) else None)(_search(base)))
    assert sorted({e["location"] for e in after}) == sorted({e["location"] for e in before})  # every page still there
    assert len(after) == len(before)
    assert any("Zanzibar" in e["text"] for e in after if e["location"].startswith("q1/spring/"))
    assert not any("Zanzibar" in e["text"] for e in after if not e["location"].startswith("q1/spring/"))
    # then the generated pages: the new owner has a page, the old one lists one campaign less
    owner = wait_for(lambda: _containing("Spring relaunch")(base + "owners/giulia-neri/"))
    assert "Giulia Neri" in owner
    svg = BeautifulSoup(roadmap, "html.parser").find("a", href=re.compile(r"timeline\.svg$"))["href"]
    wait_for(lambda: _containing("Spring relaunch")(base + "q1/" + svg))  # the roadmap's timeline picture
    assert "Spring relaunch" in wait_for(lambda: _containing("Spring relaunch")(base + "roadmap.json"))  # the exports
    assert "Spring launch" not in fetch(base + "timeline/")


def _gone(url: str) -> bool:
    try:
        fetch(url)
    except urllib.error.HTTPError as error:
        return error.code == 404
    return False


def test_a_new_campaign_file_and_a_deleted_one(preview):
    """Files that come and go without changing the navigation (campaigns are not in it) are
    handled as edits: the roadmap lists the new campaign and drops the deleted one."""
    docs, base, _ = preview
    (docs / "q1/autumn.md").write_text(
        DOCS["q1/teaser.md"].lstrip("\n").replace("id: teaser", "id: autumn").replace("title: Teaser « avant-première »", "title: Autumn sale"), encoding="utf-8"
    )
    assert "Autumn sale" in wait_for(lambda: _containing("Autumn sale")(base + "q1/autumn/"))
    wait_for(lambda: _containing("Autumn sale")(base + "q1/"))
    (docs / "q1/wechat.md").unlink()
    wait_for(lambda: _gone(base + "q1/wechat/"))
    wait_for(lambda: (lambda html: html if "微信春节活动" not in html else None)(fetch(base + "q1/")))
    index = wait_for(lambda: (lambda d: d if not any(e["location"].startswith("q1/wechat/") for e in d) else None)(_search(base)))
    assert any(e["location"].startswith("q1/autumn/") for e in index)


def _nav_titles(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [link.get_text(" ", strip=True) for link in soup.select("nav.md-nav--primary .md-nav__link")]


def _epoch(html: str) -> int:
    """The version of the site a served page says it shows, in MkDocs' live-reload script."""
    return int(re.search(r"livereload\((\d+), \d+\)", html)[1])


def _poll(base: str, epoch: int, page: str) -> int:
    request = urllib.request.Request(f"{base}livereload/{epoch}/1", headers={"Referer": base + page})
    with urllib.request.urlopen(request, timeout=90) as response:
        return int(response.read())


def test_the_browser_on_an_edited_page_is_told_to_reload(preview):
    docs, base, _ = preview
    shown = _epoch(fetch(base + "q1/spring/"))
    spring = docs / "q1/spring.md"
    edit(spring, "owner: Marta Rossi", "owner: Giulia Neri")
    assert _poll(base, shown, "q1/spring/") > shown  # answered once the page is written again
    html = fetch(base + "q1/spring/")
    assert "Giulia Neri" in html and _epoch(html) > shown


def test_a_title_in_the_navigation_reaches_every_page(preview):
    docs, base, _ = preview
    assert "Q1 growth" in _nav_titles(fetch(base + "about/"))
    roadmap = docs / "q1/index.md"
    edit(roadmap, "title: Q1 growth", "title: Q1 expansion")
    titles = wait_for(lambda: (lambda t: t if "Q1 expansion" in t else None)(_nav_titles(fetch(base + "about/"))))  # a page the edit did not touch
    assert "Q1 growth" not in titles
    assert "Q1 expansion" in fetch(base + "q1/spring/")  # the campaign names its roadmap


def _errors_shown(html: str) -> list[str] | None:
    box = BeautifulSoup(html, "html.parser").select_one(".mp-preview-errors")
    return None if box is None else [li.get_text(" ", strip=True) for li in box.select(".mp-preview-error")]


def test_errors_show_on_every_page_until_fixed(preview):
    docs, base, server = preview
    teaser = docs / "q1/teaser.md"
    good = teaser.read_text(encoding="utf-8")
    teaser.write_text(good.replace("roadmap: q1", "roadmap: q9"), encoding="utf-8")
    shown = wait_for(lambda: _errors_shown(fetch(base + "q1/spring/")))
    assert len(shown) == 1 and "docs/q1/teaser.md:" in shown[0] and "'roadmap' names 'q9'" in shown[0] and "[unknown-reference]" in shown[0]
    for url in ("", "timeline/", "goals/users/", "about/"):  # every page a reader may be on, generated ones too
        html = fetch(base + url)
        assert _errors_shown(html) == shown, url
        assert "livereload" in html  # it turns back into the page by itself once fixed
    assert "Teaser" not in " ".join(e["text"] for e in _search(base) if "q9" in e["text"])  # the index keeps the pages, not the errors
    teaser.write_text(good.replace("title: Teaser « avant-première »", "title: Teaser fixed"), encoding="utf-8")
    real = wait_for(lambda: _containing("Teaser fixed")(base + "q1/teaser/"))
    assert _errors_shown(real) is None
    wait_for(lambda: _containing("Teaser fixed")(base + "q1/spring/"))  # the campaign depending on it
    for url in ("", "goals/users/", "about/"):
        assert _errors_shown(fetch(base + url)) is None, url


def test_listens_on_the_loopback_only(tmp_path):
    root = make_site(tmp_path, DOCS)
    result = subprocess.run(
        [sys.executable, "-m", "milepost", "serve", "-a", "0.0.0.0:8000"], cwd=root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 2
    assert "127.0.0.1" in result.stderr and "0.0.0.0" in result.stderr


def test_in_the_browser_the_edited_page_reloads_by_itself_and_another_does_not(preview, context):
    """What a reader perceives: the page of the edited campaign turns into the new one without
    a click; a page the edit does not touch is not reloaded under the reader."""
    docs, base, _ = preview
    edited, other = context.new_page(), context.new_page()
    try:
        for page, url in ((edited, "q1/spring/"), (other, "about/")):
            page.goto(base + url)
            page.evaluate("window.kept = true")  # gone if the page reloads
        spring = docs / "q1/spring.md"
        edit(spring, "owner: Marta Rossi", "owner: Giulia Neri")
        edited.wait_for_function("document.body !== null && document.body.innerText.includes('Giulia Neri')", timeout=120_000)  # a hang guard
        assert edited.evaluate("window.kept") is None  # reloaded by itself
        wait_for(lambda: _containing("Spring launch")(base + "owners/giulia-neri/"))  # the generated pages are done too
        assert other.evaluate("window.kept") is True  # never reloaded
        assert "An ordinary page." in other.inner_text("article")
    finally:
        edited.close()
        other.close()
