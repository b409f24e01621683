"""Timelines as SVG files (`timeline.svg` beside each timeline's page), built by `mkdocs build` and
read back as XML: the same bars as the HTML timeline, escaped, beside their page and linked from it.
In Chromium: test_browser_svg.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fixtures import DOCS
from sitekit import ROOT, build, built, edit, make_site, page, resolve

from milepost.site import svg, textwidth

NS = {"s": "http://www.w3.org/2000/svg"}
CALENDAR = """---
kind: calendar
id: retail
title: Retail calendar
owner: Sofia
dates:
  - {title: Chinese New Year, date: 2027-02-06}
  - {title: Spring Festival holiday, start: 2027-02-05, end: 2027-02-11}
---
"""
HOSTILE = """---
kind: campaign
id: hostile
title: "</text><script>alert(1)</script> & \\x01 \\"quoted\\" <b>bold</b>"
owner: Mallory
roadmap: q1
start: 2027-02-01
end: 2027-02-03
goals: [users]
---
"""
SITE_DOCS = {**DOCS, "calendars/retail.md": CALENDAR, "q1/hostile.md": HOSTILE}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root, result = built(tmp_path_factory.mktemp("svg"), SITE_DOCS, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def svg_bars(path: Path) -> list[tuple[str, str, str]]:
    root = ET.parse(path).getroot()
    return sorted((g.get("data-id"), g.get("data-start"), g.get("data-end")) for g in root.iterfind(".//s:g[@data-id]", NS))


def html_bars(soup) -> list[tuple[str, str, str]]:
    return sorted((a["data-id"], a["data-start"], a["data-end"]) for a in soup.select(".mp-timeline a.mp-bar"))


@pytest.mark.parametrize("url", ["timeline/", "q1/", "goals/users/", "goals/china-users/"])
def test_the_svg_beside_each_timeline_page_has_its_bars_one_for_one(site, url):
    soup = page(site, url)
    link = soup.select_one(".mp-timeline__download")
    assert link is not None and link.has_attr("download")
    target = resolve(url, link["href"])
    assert target == f"{url}timeline.svg", "beside its page"
    path = site / "site" / target
    bars = html_bars(soup)
    assert len(bars) >= 2
    assert svg_bars(path) == bars


def test_every_bar_of_the_svg_links_to_its_campaign_page_relative_to_the_file(site):
    root = ET.parse(site / "site/q1/timeline.svg").getroot()
    for bar in root.iterfind(".//s:g[@data-id]", NS):
        href = bar.find("s:a", NS).get("href")
        target = site / "site" / resolve("q1/", href) / "index.html"  # the file's folder, as for a page's links
        assert target.is_file(), href
        assert f'id: {bar.get("data-id")}' in (site / "docs" / resolve("q1/", href).rstrip("/")).with_suffix(".md").read_text(encoding="utf-8")


def test_a_hostile_title_is_text_in_the_svg_and_the_file_stays_xml(site):
    path = site / "site/q1/timeline.svg"
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # \x01 would make it unreadable: it is dropped
    assert root.find(".//s:script", NS) is None and root.find(".//s:b", NS) is None
    hostile = root.find(".//s:g[@data-id='hostile']", NS)
    label = hostile.find(".//s:text", NS).text
    assert label == '</text><script>alert(1)</script> &  "quoted" <b>bold</b>'
    assert "<script>" not in text and "\x01" not in text


def test_the_svg_draws_title_build_date_today_key_dates_milestones_and_arrows(site):
    root = ET.parse(site / "site/q1/timeline.svg").getroot()
    assert root.get("viewBox") == f"0 0 1600 {root.get('height')}" and int(root.get("height")) >= 900
    texts = ["".join(t.itertext()) for t in root.iter(f"{{{NS['s']}}}text")]
    assert texts[0] == "Q1 growth" and texts[1].startswith("Built Feb 15, 2027")  # the build's today, not the clock
    assert any(t == "Today · Feb 15, 2027" for t in texts)
    assert "◇ Chinese New Year" in texts and "▭ Spring Festival holiday" in texts
    assert "◆ Kick-off" in texts and "◆ Mid-quarter review" in texts
    assert len(root.findall(".//s:g[@class='mp-dep']", NS)) == 1  # spring depends on teaser
    assert root.find(".//s:g[@data-id='spring']", NS).get("data-status") == "at-risk"
    assert 'fill="url(#mp-risk)"' in (site / "site/q1/timeline.svg").read_text(encoding="utf-8")
    assert not re.search(r"<(image|script|foreignObject)|@import|url\((?!#)|href=\"https?:", (site / "site/q1/timeline.svg").read_text(encoding="utf-8"))


def test_the_page_offers_download_and_print_in_its_language(tmp_path):
    root = make_site(tmp_path, SITE_DOCS, language="zh")
    assert build(root, "--strict").returncode == 0
    soup = page(root, "q1/")
    assert soup.select_one(".mp-timeline__download").get_text(strip=True) == "下载 SVG"
    assert soup.select_one("[data-mp-print]").get_text(strip=True) == "打印"
    svg_text = (root / "site/q1/timeline.svg").read_text(encoding="utf-8")
    assert "生成于" in svg_text and "今天" in svg_text


def test_without_directory_urls_the_svg_is_named_after_its_page(tmp_path):
    root = make_site(tmp_path, SITE_DOCS, extra="use_directory_urls: false\n")
    assert build(root, "--strict").returncode == 0
    for url, svg_path in (("q1/index.html", "q1/timeline.svg"), ("goals/users.html", "goals/users.timeline.svg"), ("timeline/index.html", "timeline/timeline.svg")):
        soup = page(root, url)
        assert resolve(url.rpartition("/")[0] + "/", soup.select_one(".mp-timeline__download")["href"]) == svg_path
        assert svg_bars(root / "site" / svg_path) == html_bars(soup)


def test_the_overview_svg_draws_a_bar_per_roadmap_as_the_page_does(tmp_path):
    root = make_site(tmp_path, SITE_DOCS)
    edit(root / "mkdocs.yml", "      history: false\n", "      history: false\n      timeline_campaigns: 0\n")
    assert build(root, "--strict").returncode == 0
    bars = svg_bars(root / "site/timeline/timeline.svg")
    assert [b[0] for b in bars] == ["q1"] and bars == html_bars(page(root, "timeline/"))


def test_a_file_of_the_docs_dir_at_the_svg_path_wins(tmp_path):
    mine = '<svg xmlns="http://www.w3.org/2000/svg"><text>mine</text></svg>'
    root = make_site(tmp_path, {**SITE_DOCS, "q1/timeline.svg": mine})
    assert build(root, "--strict").returncode == 0
    assert (root / "site/q1/timeline.svg").read_text(encoding="utf-8") == mine


def test_status_colours_are_the_stylesheets_light_palette():
    css = (ROOT / "plugins/milepost/assets/milepost.css").read_text(encoding="utf-8")
    light = css.split(":root {", 1)[1].split("}", 1)[0]
    assert {s: c for s, c in re.findall(r"--mp-([a-z-]+): (#[0-9a-f]{6})", light) if s in svg.STATUS} == svg.STATUS
    assert svg.tint("#546e7a", 0.22) == "#d9dfe2" and svg.tint("#000000", 1) == "#000000"


def test_chinese_characters_count_about_twice_a_latin_letter_and_wrapping_keeps_every_character():
    assert textwidth.width("中国", 10) >= 1.5 * textwidth.width("ab", 10)
    text = "第一季度增长计划 · Q1 growth plan for every market"
    lines = textwidth.wrap(text, 14, 120, True)
    assert len(lines) > 1 and all(textwidth.width(line, 14, True) <= 120 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert textwidth.xml_text("a\x01b\x0bc\td") == "abc\td"
