"""Live reload under `mkdocs serve`, and the same site built by ProperDocs (the maintained MkDocs 1.x fork)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from fixtures import DOCS
from sitekit import build, make_site, page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_serve_rebuilds_after_editing_a_roadmap_file(tmp_path):
    root = make_site(tmp_path, DOCS)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/q1/spring/"
        first = _wait_for(lambda: _get(url))
        assert "Marta Rossi" in first and "€40,000" in first
        spring = root / "docs/q1/spring.md"
        spring.write_text(spring.read_text(encoding="utf-8").replace("amount: 40000", "amount: 46000").replace("owner: Marta Rossi", "owner: Giulia Neri"), encoding="utf-8")
        second = _wait_for(lambda: (lambda html: html if "€46,000" in html else None)(_get(url)))
        assert "Giulia Neri" in second and "€40,000" not in second
        # the goal page is regenerated too: the budget allocated through the edited campaign moved
        assert "€51,000" in _get(f"http://127.0.0.1:{port}/goals/users/")
        # an error in an edited file is reported, and fixing it recovers the site
        spring.write_text(spring.read_text(encoding="utf-8").replace("roadmap: q1", "roadmap: q9"), encoding="utf-8")
        time.sleep(3)
        spring.write_text(spring.read_text(encoding="utf-8").replace("roadmap: q9", "roadmap: q1"), encoding="utf-8")
        _wait_for(lambda: "Q1 growth" in _get(url))
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "'roadmap' names 'q9', but no roadmap has that id" in errors


def test_dirty_serve_rebuilds_every_page_an_edit_touches(tmp_path):
    """`mkdocs serve --dirty` renders only changed pages; the plugin adds those showing the edited document."""
    root = make_site(tmp_path, DOCS)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert "€40,000" in _wait_for(lambda: _get(base + "q1/spring/"))
        spring = root / "docs/q1/spring.md"
        spring.write_text(spring.read_text(encoding="utf-8").replace("amount: 40000", "amount: 46000").replace("title: Spring launch", "title: Spring relaunch"), encoding="utf-8")
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
