"""Bar titles and dependency arrows as the build places them, in Chromium without JavaScript.

Two sites, in English and in Chinese, hold the cases that go wrong: titles longer than
their bar at the start, in the middle and at the end of the axis, a dependent that starts
the day after its dependency ends, and arrows that must cross lanes whose bars cover the way
straight down (or up). At 1280 and 390 px, with JavaScript off (and on, unfiltered: the
script then keeps the build's layout), every title is whole and in view, covers no other
title or bar, and no arrow crosses a bar or a title but touches its two ends.
"""

from __future__ import annotations

import pytest

from sitekit import built, serve_folder

WIDTHS = (1280, 390)

CAMPAIGNS = {
    # id: (owner, start, end, title in English, title in Chinese, depends on)
    "teaser": ("Ana", "2027-01-01", "2027-01-20", "Kick-off teaser", "预热活动", ""),
    "always-on": ("Ben", "2027-01-10", "2027-03-20", "Always-on brand campaign across every channel we run", "全渠道常态化品牌传播活动", ""),
    "launch": ("Cleo", "2027-02-01", "2027-02-10", "Product launch with a long title in its short bar", "新品发布会暨线上直播与门店同步活动", "teaser"),
    "flash": ("Dan", "2027-01-02", "2027-01-03", "Flash sale opening the year", "开年限时闪购", ""),
    "closing": ("Dan", "2027-03-28", "2027-03-30", "Closing flash sale of the quarter", "季度末清仓闪购活动", ""),
    "brief": ("Eve", "2027-01-05", "2027-01-15", "Brief", "简报", ""),
    "shoot": ("Eve", "2027-01-16", "2027-01-31", "Photo shoot right after the brief", "紧接简报之后的拍摄", "brief"),
    "follow-up": ("Ana", "2027-03-01", "2027-03-10", "Follow-up mailing", "后续邮件", "flash"),
}


def docs(language: str) -> dict[str, str]:
    found = {
        "goal.md": "---\nkind: goal\nid: reach\ntitle: Reach\nowner: Ana\nmetric: people\ntarget: 1000\ndeadline: 2027-12-31\n---\n",
        "plan/index.md": "---\nkind: roadmap\nid: plan\ntitle: Plan\nowner: Ana\ntype: campaign\nstart: 2027-01-01\nend: 2027-03-31\ngoals: [reach]\n---\n",
    }
    for cid, (owner, start, end, english, chinese, after) in CAMPAIGNS.items():
        title = chinese if language == "zh" else english
        depends = f"depends_on: [{after}]\n" if after else ""
        found[f"plan/{cid}.md"] = f"---\nkind: campaign\nid: {cid}\ntitle: \"{title}\"\nowner: {owner}\nroadmap: plan\nstart: {start}\nend: {end}\ngoals: [reach]\n{depends}---\n"
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("labels")
    for language in ("en", "zh"):
        site, result = built(root / language, docs(language), "--strict", "--site-dir", str(root / "www" / language), language=language, today="2027-02-15")
        assert result.returncode == 0, result.stderr
    with serve_folder(root / "www") as url:
        yield url


MEASURE = """() => {
  const rect = el => el.getBoundingClientRect().toJSON();
  const clipped = label => {  // cut by an ancestor that hides overflow, or out of reach of one that scrolls
    const box = label.getBoundingClientRect();
    for (let el = label.parentElement; el && el !== document.body; el = el.parentElement) {
      const style = getComputedStyle(el).overflowX, outer = el.getBoundingClientRect();
      if (style === 'hidden' || style === 'clip') { if (box.left < outer.left - 1 || box.right > outer.right + 1) return el.className; }
      else if (style === 'auto' || style === 'scroll') {
        const left = outer.left + el.clientLeft - el.scrollLeft;  // its scrolling area, which a reader scrolls to
        if (box.left < left - 1 || box.right > left + el.scrollWidth + 1) return el.className;
      }
    }
    return null;
  };
  return [...document.querySelectorAll('.mp-timeline')].map(figure => ({
    bars: [...figure.querySelectorAll('.mp-bar')].map(bar => {
      const label = bar.querySelector('.mp-bar__label'), track = bar.closest('.mp-lane__track');
      return {id: bar.dataset.id, lane: [...figure.querySelectorAll('.mp-lane__track')].indexOf(track), box: rect(bar), label: rect(label),
              text: label.textContent, cut: label.scrollWidth > label.clientWidth + 1, clipped: clipped(label), track: rect(track)};
    }),
    arrows: [...figure.querySelectorAll('div.mp-dep')].map(arrow => ({
      from: arrow.dataset.from, to: arrow.dataset.to,
      parts: [...arrow.querySelectorAll('svg > rect'), ...arrow.querySelectorAll('.mp-dep__tip path')].map(rect),
    })),
  }));
}"""


def overlap(a: dict, b: dict, slack: float = 0.5) -> tuple[float, float]:
    """How far two rects overlap across and down (negative: apart)."""
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) - slack, min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) - slack


def meets(a: dict, b: dict) -> bool:
    x, y = overlap(a, b)
    return x > 0 and y > 0


def measure(browser, url: str, width: int, scripts: bool) -> list[dict]:
    context = browser.new_context(java_script_enabled=scripts, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        return page.evaluate(MEASURE)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_every_title_is_whole_in_view_and_covers_nothing(browser, served, language, width):
    timelines = measure(browser, f"{served}{language}/plan/", width, scripts=False)
    bars = timelines[0]["bars"]
    assert {bar["id"] for bar in bars} == set(CAMPAIGNS)
    for bar in bars:
        assert not bar["cut"] and bar["clipped"] is None, bar
        assert bar["label"]["left"] >= bar["track"]["left"] - 1, bar  # not under the lane names
        for other in bars:
            if other is not bar and other["lane"] == bar["lane"]:
                assert not meets(bar["label"], other["label"]), (bar["id"], other["id"])
                assert not meets(bar["label"], other["box"]), (bar["id"], other["id"])
    beside = [bar["id"] for bar in bars if bar["label"]["left"] >= bar["box"]["right"] - 1 or bar["label"]["right"] <= bar["box"]["left"] + 1]
    assert "launch" in beside and "closing" in beside  # the cases of this test are there


@pytest.mark.parametrize("scripts", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_arrows_cross_no_bar_and_no_title_and_touch_only_their_ends(browser, served, language, width, scripts):
    timeline = measure(browser, f"{served}{language}/plan/", width, scripts)[0]
    assert sorted((a["from"], a["to"]) for a in timeline["arrows"]) == [("brief", "shoot"), ("flash", "follow-up"), ("teaser", "launch")]
    assert_routes_clear(timeline)


def assert_routes_clear(timeline: dict) -> None:
    """No part of an arrow (a `MEASURE`d timeline's) meets a bar or a title, but its two ends' edges."""
    bars = {bar["id"]: bar for bar in timeline["bars"]}
    for arrow in timeline["arrows"]:
        for part in arrow["parts"]:
            for bar in bars.values():
                assert not meets(part, bar["label"]), (arrow["from"], arrow["to"], bar["id"], part)
                if bar["id"] in (arrow["from"], arrow["to"]):
                    across, down = overlap(part, bar["box"], slack=0)
                    assert down <= 0 or across <= 2, (arrow["from"], arrow["to"], bar["id"], part)  # at most touching its end's edge
                else:
                    assert not meets(part, bar["box"]), (arrow["from"], arrow["to"], bar["id"], part)
