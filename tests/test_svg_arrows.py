"""Dependency arrows in timeline.svg take the page's routes (site/routes.py): read back from the
file, no segment of an arrow passes through a bar other than its own two ends, and each arrow
starts at its source's right edge and ends at its target's left edge."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sitekit import built
from test_browser_labels import docs

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def picture(tmp_path_factory):
    root, result = built(tmp_path_factory.mktemp("svg-arrows"), docs("en"), "--strict", today="2027-02-15")
    assert result.returncode == 0, result.stderr
    return ET.parse(root / "site/plan/timeline.svg").getroot()


def segments(d: str) -> list[tuple[float, float, float, float]]:
    """The straight runs of an SVG path written with M, H and V only."""
    x = y = 0.0
    found = []
    for op, value in re.findall(r"([MHV])([-\d.,]+)", d):
        if op == "M":
            x, y = map(float, value.split(","))
            continue
        nx, ny = (float(value), y) if op == "H" else (x, float(value))
        found.append((min(x, nx), min(y, ny), max(x, nx), max(y, ny)))
        x, y = nx, ny
    return found


def boxes(root) -> dict[str, tuple[float, float, float, float]]:
    found = {}
    for bar in root.iterfind(".//s:g[@data-id]", NS):
        rect = bar.find(".//s:rect[@class='mp-bar__box']", NS)
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        found[bar.get("data-id")] = (x, y, x + w, y + h)
    return found


def test_arrows_in_the_svg_pass_through_no_bar_and_meet_their_ends(picture):
    bars = boxes(picture)
    arrows = picture.findall(".//s:g[@class='mp-dep']", NS)
    assert {(a.get("data-from"), a.get("data-to")) for a in arrows} == {("teaser", "launch"), ("brief", "shoot"), ("flash", "follow-up")}
    for arrow in arrows:
        source, target = bars[arrow.get("data-from")], bars[arrow.get("data-to")]
        runs = segments(arrow.find("s:path", NS).get("d"))
        assert abs(runs[0][0] - source[2]) <= 2 and source[1] < runs[0][1] < source[3], "leaves the source's right edge"
        assert abs(runs[-1][2] - target[0]) <= 2 and target[1] < runs[-1][1] < target[3], "enters the target's left edge"
        for run in runs:
            for bar_id, (x0, y0, x1, y1) in bars.items():
                inside = run[0] < x1 - 1 and run[2] > x0 + 1 and run[1] < y1 - 1 and run[3] > y0 + 1
                assert not inside, (arrow.get("data-from"), arrow.get("data-to"), bar_id, run)
