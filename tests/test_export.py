"""calendar.ics is written by hand: read it back with the icalendar library and check every event against the model."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milepost.site.export import to_ics
from milepost.core.model import Calendar, Campaign, Goal, KeyDate, Milestone, Roadmap, Site

TODAY = date(2026, 11, 23)
TRICKY = "Sale, 50% off; C:\\new\\path\r\nline two\rline three\nend"
CHINESE = "微信春节活动：面向一二线城市的新用户增长计划，覆盖小程序、公众号与视频号 🚀🎉👨‍👩‍👧 第二阶段"


def url_of(source: str) -> str:
    return source.removesuffix(".md") + "/"


def plan() -> Site:
    return Site([
        Goal(kind="goal", id="users", title="Users", source="goals/users.md"),
        Roadmap(
            kind="roadmap", id="plan", title="Plan 2027", source="plan/index.md",
            milestones=[Milestone(title="Review", date=date(2027, 1, 5)), Milestone(title="Review", date=date(2027, 2, 5)), Milestone(title="Go", date=date(2027, 3, 1))],
        ),
        Campaign(kind="campaign", id="sale", title=TRICKY, owner="Marta; Luca", summary="Why, and how", start=date(2027, 1, 1), end=date(2027, 1, 31), source="plan/sale.md"),
        Campaign(
            kind="campaign", id="wechat", title=CHINESE, owner="李娜", status="cancelled", start=date(2027, 2, 1), end=date(2027, 2, 28), source="plan/wechat.md",
            milestones=[Milestone(title=CHINESE, date=date(2027, 2, 14))],
        ),
        Campaign(kind="campaign", id="undated", title="No dates yet", source="plan/undated.md", milestones=[Milestone(title="Brief", date=date(2027, 4, 1))]),
        Calendar(
            kind="calendar", id="retail", title="Retail days", source="retail.md",
            dates=[
                KeyDate(title="Chinese New Year", date=date(2027, 2, 6), start=date(2027, 2, 6), end=date(2027, 2, 6), markets=["China"]),
                KeyDate(title="Christmas holidays", start=date(2027, 12, 24), end=date(2027, 12, 26), markets=["Germany", "Italy"]),
                KeyDate(title="Trade fair", start=date(2027, 3, 1), end=date(2027, 3, 4)),
            ],
        ),
    ])


def expected(site_url: str | None) -> list[dict]:
    """Each event as the model says it should read, written out independently of the exporter."""
    def url(page):
        return {"URL": f"{site_url}{page}"} if site_url else {}

    return [
        {"CATEGORIES": "Milestone", "SUMMARY": "◆ Review — Plan 2027", "DTSTART": date(2027, 1, 5), "DTEND": date(2027, 1, 6), "DESCRIPTION": "Milestone of Plan 2027", **url("plan/index/")},
        {"CATEGORIES": "Milestone", "SUMMARY": "◆ Review — Plan 2027", "DTSTART": date(2027, 2, 5), "DTEND": date(2027, 2, 6), "DESCRIPTION": "Milestone of Plan 2027", **url("plan/index/")},
        {"CATEGORIES": "Milestone", "SUMMARY": "◆ Go — Plan 2027", "DTSTART": date(2027, 3, 1), "DTEND": date(2027, 3, 2), "DESCRIPTION": "Milestone of Plan 2027", **url("plan/index/")},
        {
            "CATEGORIES": "Campaign", "SUMMARY": "Sale, 50% off; C:\\new\\path\nline two\nline three\nend", "DTSTART": date(2027, 1, 1), "DTEND": date(2027, 2, 1),
            "DESCRIPTION": "Why, and how\nOwner: Marta; Luca\nStatus: planned", **url("plan/sale/"),
        },
        {
            "CATEGORIES": "Campaign", "SUMMARY": CHINESE, "DTSTART": date(2027, 2, 1), "DTEND": date(2027, 3, 1),
            "DESCRIPTION": "Owner: 李娜\nStatus: cancelled", **url("plan/wechat/"), "STATUS": "CANCELLED",
        },
        {"CATEGORIES": "Milestone", "SUMMARY": f"◆ {CHINESE} — {CHINESE}", "DTSTART": date(2027, 2, 14), "DTEND": date(2027, 2, 15), "DESCRIPTION": f"Milestone of {CHINESE}", **url("plan/wechat/")},
        {"CATEGORIES": "Milestone", "SUMMARY": "◆ Brief — No dates yet", "DTSTART": date(2027, 4, 1), "DTEND": date(2027, 4, 2), "DESCRIPTION": "Milestone of No dates yet", **url("plan/undated/")},
        {"CATEGORIES": "Key date", "SUMMARY": "Chinese New Year (China)", "DTSTART": date(2027, 2, 6), "DTEND": date(2027, 2, 7), "DESCRIPTION": "Key date from Retail days", **url("retail/")},
        {"CATEGORIES": "Key date", "SUMMARY": "Christmas holidays (Germany, Italy)", "DTSTART": date(2027, 12, 24), "DTEND": date(2027, 12, 27), "DESCRIPTION": "Key date from Retail days", **url("retail/")},
        {"CATEGORIES": "Key date", "SUMMARY": "Trade fair", "DTSTART": date(2027, 3, 1), "DTEND": date(2027, 3, 5), "DESCRIPTION": "Key date from Retail days", **url("retail/")},
    ]


def events(raw: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(raw).walk("VEVENT")


def calendar_name(raw: bytes) -> str:
    """X-WR-CALNAME is TEXT by convention; icalendar unescapes an X- property only when told its type."""
    return str(icalendar.Calendar.from_ical(raw.replace(b"\r\nX-WR-CALNAME:", b"\r\nX-WR-CALNAME;VALUE=TEXT:"))["X-WR-CALNAME"])


def check_lines(raw: bytes) -> str:
    """Every physical line ends in CRLF, fits in 75 octets and holds whole UTF-8 characters; returns the unfolded text."""
    assert raw.endswith(b"\r\n") and raw.count(b"\r") == raw.count(b"\n") == raw.count(b"\r\n")
    for line in raw[:-2].split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line
    return raw.replace(b"\r\n ", b"").decode("utf-8")


@pytest.mark.parametrize("site_url", [None, "https://example.org/plan/"])
def test_every_event_matches_the_model(site_url):
    raw = to_ics(plan(), TODAY, "Plan, Q1; \\ team", url_of, site_url)
    calendar = icalendar.Calendar.from_ical(raw)
    assert (str(calendar["PRODID"]), str(calendar["VERSION"]), str(calendar["CALSCALE"])) == ("-//Milepost//Marketing roadmaps//EN", "2.0", "GREGORIAN")
    assert calendar_name(raw) == "Plan, Q1; \\ team"
    got = []
    for event in events(raw):
        assert event["DTSTAMP"].dt == datetime(2026, 11, 23, tzinfo=timezone.utc)
        assert event["DTSTART"].params["VALUE"] == event["DTEND"].params["VALUE"] == "DATE"
        assert str(event["TRANSP"]) == "TRANSPARENT"
        got.append({
            name: value.dt if name in ("DTSTART", "DTEND") else ",".join(map(str, value.cats)) if name == "CATEGORIES" else str(value)
            for name, value in event.items() if name not in ("UID", "DTSTAMP", "TRANSP")
        })
    assert got == expected(site_url)


def test_uids_are_unique_and_unchanged_from_the_icalendar_exporter():
    uids = [str(event["UID"]) for event in events(to_ics(plan(), TODAY, "x", url_of))]
    assert len(set(uids)) == len(uids) == 10
    assert uids[:4] == ["0deeb4810dda39d6@milepost", "ebb7646463ee6638@milepost", uids[2], "b8e51a5fa37fb0b9@milepost"]  # duplicate "Review" milestones, then campaign "sale"


def test_lines_are_folded_at_75_octets_without_splitting_characters():
    raw = to_ics(plan(), TODAY, "x", url_of, "https://example.org/plan/")
    text = check_lines(raw)
    assert b"\r\n " in raw  # the Chinese titles are long enough to fold
    assert f"SUMMARY:{CHINESE}\r\n" in text
    assert "SUMMARY:Sale\\, 50% off\\; C:\\\\new\\\\path\\nline two\\nline three\\nend\r\n" in text
    assert "DTSTAMP:20261123T000000Z\r\n" in text and "DTSTART;VALUE=DATE:20270101\r\n" in text


def test_control_characters_are_dropped_but_tab_is_kept():
    title = "Tab\there\x00\x07\x0b\x0c\x1b[1m\x7f\x85\u2028 done"
    site = Site([Campaign(kind="campaign", id="c", title=title, start=TODAY, end=TODAY, source="c.md")])
    raw = to_ics(site, TODAY, "x", url_of)
    check_lines(raw)
    assert str(events(raw)[0]["SUMMARY"]) == "Tab\there[1m\x85\u2028 done"


def expected_text(value: str) -> str:
    """What a TEXT value reads back as: line breaks as LF, control characters other than TAB and LF gone."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", re.sub(r"\r\n?", "\n", value))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1), milestone=st.text(), name=st.text())
def test_any_text_round_trips(title, milestone, name):
    site = Site([
        Campaign(kind="campaign", id="c", title=title, start=TODAY, end=TODAY, source="c.md", milestones=[Milestone(title=milestone, date=TODAY)]),
    ])
    raw = to_ics(site, TODAY, name, url_of)
    check_lines(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    campaign, milestone_event = calendar.walk("VEVENT")
    assert str(campaign["SUMMARY"]) == expected_text(title)
    assert str(milestone_event["SUMMARY"]) == expected_text(f"◆ {milestone} — {title}")
    assert calendar_name(raw) == expected_text(name)
