"""Which pages a dirty rebuild must render again after an edit (`milepost.site.stale`)."""

from __future__ import annotations

from fixtures import DOCS
from milepost.site.stale import changed, stale
from milepost.core.validate import check
from sitekit import write_tree

OTHER_ROADMAP = DOCS["q1/index.md"].replace("id: q1", "id: q2").replace("title: Q1 growth", "title: Q2 growth").replace("2027-Q1", "2027-Q2")


def site_of(tmp_path, name, docs):
    """The site of `docs`, written over the same folder each time, as an edit would."""
    for old in (tmp_path / "docs").rglob("*.md") if (tmp_path / "docs").exists() else ():
        old.unlink()
    write_tree(tmp_path / "docs", docs)
    checked = check(tmp_path / "docs")
    assert not checked.errors, checked.errors
    return checked.site


def test_a_campaign_edit_touches_its_roadmap_goals_dependencies_and_dependents(tmp_path):
    before = site_of(tmp_path, "a", DOCS)
    after = site_of(tmp_path, "b", {**DOCS, "q1/teaser.md": DOCS["q1/teaser.md"].replace("budget: 5000", "budget: 6000")})
    assert changed(before, after) == {"q1/teaser.md"}
    # teaser: roadmap q1, goal users; spring depends on it, and spring's tooltip on the page of
    # its other goal names teaser. The Chinese campaign shows nothing of teaser.
    assert stale({"q1/teaser.md"}, [before, after]) == {"q1/teaser.md", "q1/index.md", "goals/users.md", "q1/spring.md", "goals/china-users.md"}


def test_a_roadmap_title_reaches_its_campaigns_and_their_goals(tmp_path):
    before = site_of(tmp_path, "a", DOCS)
    after = site_of(tmp_path, "b", {**DOCS, "q1/index.md": DOCS["q1/index.md"].replace("title: Q1 growth", "title: Q1 growth plan")})
    assert changed(before, after) == {"q1/index.md"}
    assert stale(changed(before, after), [before, after]) == {
        "q1/index.md", "q1/spring.md", "q1/teaser.md", "q1/wechat.md", "goals/users.md", "goals/china-users.md",
    }


def test_a_campaign_moved_to_another_roadmap_touches_both(tmp_path):
    docs = {**DOCS, "q2/index.md": OTHER_ROADMAP}
    before = site_of(tmp_path, "a", docs)
    after = site_of(tmp_path, "b", {**docs, "q1/wechat.md": DOCS["q1/wechat.md"].replace("roadmap: q1", "roadmap: q2")})
    assert changed(before, after) == {"q1/wechat.md"}
    assert {"q1/index.md", "q2/index.md", "goals/china-users.md"} <= stale({"q1/wechat.md"}, [before, after])
    # knowing only the site after the edit, the roadmap it left is missed: serve keeps the one before
    assert "q1/index.md" not in stale({"q1/wechat.md"}, [after])


def test_an_unchanged_site_has_nothing_stale(tmp_path):
    before, after = site_of(tmp_path, "a", DOCS), site_of(tmp_path, "b", DOCS)
    assert changed(before, after) == set() and stale(set(), [before, after]) == set()


def test_a_calendar_edit_touches_every_roadmap_and_goal_page(tmp_path):
    calendar = "---\nkind: calendar\nid: retail\ntitle: Retail\nowner: Sofia\ndates:\n  - {title: Double 11, date: 2027-11-11}\n---\n"
    before = site_of(tmp_path, "a", {**DOCS, "key/retail.md": calendar})
    after = site_of(tmp_path, "b", {**DOCS, "key/retail.md": calendar.replace("2027-11-11", "2027-11-12")})
    assert changed(before, after) == {"key/retail.md"}
    # their pages draw a timeline with the key dates; campaign pages draw none
    assert stale(changed(before, after), [before, after]) == {"key/retail.md", "q1/index.md", "goals/users.md", "goals/china-users.md"}
