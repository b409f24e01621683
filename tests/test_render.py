"""`milepost render`: the example site as a plain docs dir, built by Zensical, MkDocs and ProperDocs
without the plugin, holds every page of a plugin build with the same generated HTML and exports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString
from sitekit import edit, example_site, make_site, run, start

BIN = Path(sys.executable).parent
ENV = {"SOURCE_DATE_EPOCH": "1796083200", "NO_MKDOCS_2_WARNING": "1"}
EXPORTS = ("roadmap.json", "calendar.ics", "plan.csv")


def milepost(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "milepost", *args], cwd, ENV)


@pytest.fixture(scope="module")
def plugin_build(tmp_path_factory) -> Path:
    site = example_site(tmp_path_factory.mktemp("plugin") / "example")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], site, ENV)
    assert result.returncode == 0, result.stderr
    return site / "site"


def rendered(tmp_path: Path, generator: str) -> Path:
    site = example_site(tmp_path / "example")
    result = milepost("render", "--out", str(tmp_path / "out"), "--generator", generator, cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "22 documents, 0 errors, 0 warnings" in result.stdout
    return tmp_path / "out"


def build_with(tool: list[str], out: Path) -> Path:
    result = run(tool, out, ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


def pages_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"}


def article(path: Path, url: str, milepost_only: bool) -> list[str]:
    """The page's content, a string per top-level element (whitespace between them aside); with
    `milepost_only`, only Milepost's own elements, every link resolved to a site path."""
    found = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    parts = []
    for node in found.children if found else []:
        if isinstance(node, NavigableString):
            if node.strip():
                parts.append(str(node))
            continue
        if milepost_only:
            if not any(name.startswith("mp-") for name in node.get("class") or []):
                continue
            for link in node.select("a[href]"):
                link["href"] = _resolved(url, link["href"])
        parts.append(str(node))
    return parts


def _resolved(url: str, href: str) -> str:
    if href.startswith(("#", "http:", "https:", "mailto:", "/")):
        return href
    resolved = os.path.normpath(os.path.join("/" + url.rpartition("/")[0], href))
    return resolved + "/" if href.endswith("/") and resolved != "/" else resolved


def test_mkdocs_and_properdocs_without_the_plugin_publish_the_plugin_build(plugin_build, tmp_path):
    out = rendered(tmp_path, "mkdocs")
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "milepost" not in config.split("extra_javascript")[0].split("plugins:")[1], "the plugin is left out"
    for tool in (["mkdocs"], ["properdocs"]):
        shutil.rmtree(out / "site", ignore_errors=True)
        site = build_with([sys.executable, "-m", *tool, "build", "--strict"], out)
        assert pages_of(site) == pages_of(plugin_build)
        for name in sorted(pages_of(plugin_build)):
            assert article(site / name, name, False) == article(plugin_build / name, name, False), f"{tool[0]}: {name}"
        for name in EXPORTS:
            assert (site / name).read_bytes() == (plugin_build / name).read_bytes(), name
        assert_same_pictures(site, plugin_build)


def pictures_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("timeline.svg")}


def assert_same_pictures(site: Path, plugin_build: Path) -> None:
    """The timeline SVGs beside their pages, byte for byte: their links are relative to where they are published."""
    assert {"timeline/timeline.svg", "growth-2027-q1/timeline.svg", "goals/china-revenue/timeline.svg"} <= pictures_of(plugin_build)
    assert pictures_of(site) == pictures_of(plugin_build)
    for name in sorted(pictures_of(plugin_build)):
        assert (site / name).read_bytes() == (plugin_build / name).read_bytes(), name


def test_zensical_publishes_the_generated_parts_and_exports_of_the_plugin_build(plugin_build, tmp_path):
    out = rendered(tmp_path, "zensical")
    site = build_with([str(BIN / "zensical"), "build"], out)
    assert pages_of(site) == pages_of(plugin_build)
    compared = 0
    for name in sorted(pages_of(plugin_build)):
        ours = article(plugin_build / name, name, True)
        assert ours, f"{name} has no generated part"
        assert article(site / name, name, True) == ours, name
        compared += len(ours)
    assert compared > 100
    for name in EXPORTS:
        assert (site / name).read_bytes() == (plugin_build / name).read_bytes(), name
    assert_same_pictures(site, plugin_build)
    timeline = BeautifulSoup((site / "timeline/index.html").read_text(encoding="utf-8"), "html.parser")
    bars = timeline.select("a.mp-bar[data-id]")
    assert len(bars) >= 12 and all(bar["data-start"] and bar["data-end"] for bar in bars)
    assert any("milepost.css" in link.get("href", "") for link in timeline.select("link[rel=stylesheet]"))


def test_a_second_render_is_identical_and_one_edit_rewrites_only_what_shows_it(tmp_path):
    site = example_site(tmp_path / "example")
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert milepost("render", "--out", str(out), cwd=site).returncode == 0
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)

    for path in first.rglob("*"):
        if path.is_file():
            os.utime(path, (1, 1))
    campaign = site / "roadmaps/webinars/winter.md"
    edit(campaign, "status: planned", "status: in-progress", count=1)
    result = milepost("render", "--out", str(first), cwd=site)
    assert result.returncode == 0, result.stderr
    touched = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file() and p.stat().st_mtime != 1}
    assert "docs/webinars/winter.md" in touched and "docs/roadmap.json" in touched
    assert "docs/digital-2026/black-friday.md" not in touched and "mkdocs.yml" not in touched
    assert len(touched) < len(files) / 2


def test_problems_are_reported_as_validate_reports_them_and_nothing_is_written(tmp_path):
    docs = {"broken.md": "---\nkind: goal\nid: g\ntitle: G\nowner: A\nmetric: m\ntarget: many\ndeadline: 2027-01-01\n---\n"}
    site = make_site(tmp_path / "s", docs)
    result = milepost("render", "--out", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 1
    assert "docs/broken.md:7:9: error:" in result.stdout and "1 document, 1 error, " in result.stdout
    assert not (tmp_path / "out").exists()

    warned = make_site(tmp_path / "w", {"goal.md": "---\nkind: goal\nid: g\ntitle: G\nowner: A\nmetric: m\ntarget: 5\ndeadline: 2027-01-01\n---\n"})
    assert milepost("render", "--out", str(tmp_path / "w-out"), cwd=warned).returncode == 0
    strict = milepost("render", "--out", str(tmp_path / "w-strict"), "--strict", cwd=warned)
    assert strict.returncode == 1 and "warning:" in strict.stdout and not (tmp_path / "w-strict").exists()


def test_bad_usage_exits_2(tmp_path):
    assert milepost("render", cwd=tmp_path).returncode == 2  # no --out
    missing = milepost("render", "--out", "x", cwd=tmp_path)
    assert missing.returncode == 2 and "no such file: mkdocs.yml" in missing.stderr
    plain = tmp_path / "plain"
    (plain / "docs").mkdir(parents=True)
    (plain / "mkdocs.yml").write_text("site_name: Plain\n", encoding="utf-8")
    result = milepost("render", "--out", "x", cwd=plain)
    assert result.returncode == 2 and "does not use the milepost plugin" in result.stderr
    site = make_site(tmp_path / "s", {"index.md": "# Home\n"})
    inside = milepost("render", "--out", "docs/out", cwd=site)
    assert inside.returncode == 2 and "inside the docs dir" in inside.stderr


def test_watch_renders_again_after_an_edit(tmp_path):
    site = example_site(tmp_path / "example")
    out = tmp_path / "out"
    process = start([sys.executable, "-m", "milepost", "render", "--out", str(out), "--watch"], site, ENV)
    try:
        page = out / "docs/webinars/winter.md"
        deadline = time.monotonic() + 120
        while not page.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert page.is_file(), "the first render did not happen"
        time.sleep(1)  # the watcher is running once the first render has been written
        campaign = site / "roadmaps/webinars/winter.md"
        edit(campaign, "title: \"Winter", "title: \"Renamed winter", count=1)
        while "Renamed" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Renamed" in page.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)
