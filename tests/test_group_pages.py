"""A group of more than 500 campaigns lists them over several pages, each linking to the others."""

from __future__ import annotations

from fixtures import DOCS
from sitekit import built, page, resolve

CAMPAIGN = """\
---
kind: campaign
id: many-{n:03d}
title: Many {n:03d}
owner: Marta Rossi
roadmap: q1
start: 2027-01
end: 2027-01
goals: [users]
channels: [email]
status: planned
---
"""


def test_a_channel_of_more_than_500_campaigns_is_paged(tmp_path):
    docs = {**DOCS, **{f"q1/many-{n:03d}.md": CAMPAIGN.format(n=n) for n in range(520)}}
    root, result = built(tmp_path, docs, "--strict")
    assert result.returncode == 0, result.stderr
    first = page(root, "channels/email/")
    listed = [a.get_text() for a in first.select(".mp-table td:first-child a")]
    assert len(listed) == 500
    pager = first.select_one("nav.mp-pager")
    assert pager.select_one('[aria-current="page"]').get_text() == "1"
    second_url = resolve("channels/email/", pager.find("a", string="2")["href"])
    assert second_url == "channels/email--2/"
    second = page(root, second_url)
    more = [a.get_text() for a in second.select(".mp-table td:first-child a")]
    assert len(more) == 521 - 500  # the fixture's spring campaign is in email too
    assert not set(listed) & set(more)
    assert "501–521 on this page" in second.select_one("p.mp-muted").get_text()
    assert resolve(second_url, second.select_one("nav.mp-pager").find("a", string="1")["href"]) == "channels/email/"
    assert second.title.get_text().startswith("email · 2/2")
    owner = page(root, "owners/marta-rossi/")
    assert owner.select(".mp-load__week") and owner.select_one("nav.mp-pager")
    assert not page(root, "owners/marta-rossi--2/").select(".mp-load__week")  # the weekly load is on the first page only
    assert page(root, "channels/social/").select_one("nav.mp-pager") is None


def test_an_owner_of_thousands_of_activities_gets_the_first_200_and_a_count(tmp_path):
    steps = "".join(f"  - {{title: Step {n:03d}, start: 2027-02-01, end: 2027-02-10, owner: Web}}\n" for n in range(230))
    docs = {**DOCS, "q1/spring.md": DOCS["q1/spring.md"].replace("activities:\n", "activities:\n" + steps)}
    root, result = built(tmp_path, docs, "--strict")
    assert result.returncode == 0, result.stderr
    items = [li.get_text() for li in page(root, "owners/web/").select(".mp-owns .mp-list li")]
    assert len(items) == 201 and items[0].startswith("Landing page") and items[-1] == "and 31 more"
