"""Exports of the whole plan: roadmap.json for tools, calendar.ics for calendar
apps, plan.csv for spreadsheets. Every output is deterministic: same input and
same `today`, same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from milepost.core import plain
from milepost.core.fields import FIELDS
from milepost.core.numbers import number
from milepost.core.model import Calendar, Campaign, Document, Goal, Site

SCHEMA_VERSION = 1

UrlOf = Callable[[str], str]
"""Maps a document's source path to its URL relative to the site root."""


@dataclass(frozen=True, slots=True)
class Export:
    name: str  # the file at the top of the site
    label: str  # how the home page names it (i18n.LABELS)


EXPORTS = (Export("roadmap.json", "export_json"), Export("calendar.ics", "export_ics"), Export("plan.csv", "export_csv"))
"""The exports, in the order the home page lists them; `exported` makes each."""


def exported(
    site: Site, today: date, site_name: str, url_of: UrlOf, site_url: str | None = None, health: dict | None = None, baseline: dict | None = None, trends=None
) -> dict[str, bytes]:
    """Every export's bytes, by file name; `health`, `baseline` and `trends` as `to_json` takes them."""
    made = {
        "roadmap.json": to_json(site, url_of, health, baseline, trends).encode("utf-8"),
        "calendar.ics": to_ics(site, today, site_name, url_of, site_url),
        "plan.csv": to_csv(site, url_of),
    }
    return {export.name: made[export.name] for export in EXPORTS}


def document_data(doc: Document, url_of: UrlOf) -> dict:
    """A document in roadmap.json: its id, title, page URL and source, then its fields as `fields.py`
    orders them; a campaign's latest update, and how relative dates were written."""
    data = plain.document_data(doc, ("id", "title", "url", "source", *FIELDS[doc.kind]), given={"url": url_of(doc.source)})
    if isinstance(doc, Campaign):
        data["latest_update"] = plain.plain(doc.latest_update)
        if doc.after or doc.duration:
            data["written"] = plain.written(doc)
    return data


def _history(points) -> list[dict]:
    return [{"date": p.day.isoformat(), "value": p.value} for p in points]


def _baseline(planned) -> dict | None:
    if planned is None:
        return None
    return {"start": plain.plain(planned.start), "end": plain.plain(planned.end), "budget": plain.plain(planned.budget)}


def to_json(site: Site, url_of: UrlOf, health: dict | None = None, baseline: dict | None = None, trends=None) -> str:
    """`health`: goal id -> site.health.Health; each goal gets its `health` and `expected` value.
    `baseline`: id -> the baseline's start, end and budget (None: not in it), with the option;
    `trends`: the histories read from Git (`goals` by id, `kpis` by campaign id and metric)."""

    def data_of(doc: Document) -> dict:
        data = document_data(doc, url_of)
        if baseline is not None:
            data["baseline"] = _baseline(baseline.get(doc.id))
        if trends is not None and isinstance(doc, Campaign):
            for kpi in data["kpis"]:
                kpi["history"] = _history(trends["kpis"].get((doc.id, kpi["metric"]), []))
        return data

    goals = []
    for goal in site.goals:
        data = data_of(goal)
        if trends is not None:
            data["history"] = _history(trends["goals"].get(goal.id or "", []))
        serving = site.serving.get(goal.id or "", [])
        data["progress"] = None if goal.progress is None else round(goal.progress, 2)
        data["campaigns"] = sorted(d.id for d in serving if d.kind == "campaign")
        data["roadmaps"] = sorted(d.id for d in serving if d.kind == "roadmap")
        found = (health or {}).get(goal.id or "")
        data["health"] = found.state if found else None
        data["expected"] = None if found is None or found.expected_value is None else round(found.expected_value, 2)
        goals.append(data)
    sections = {
        "goals": goals,
        "roadmaps": [data_of(doc) for doc in site.roadmaps],
        "campaigns": [data_of(doc) for doc in site.campaigns],
        "calendars": [data_of(doc) for doc in site.calendars],
    }
    # One document a line: a diff of two exports shows which documents changed, and it is
    # four times faster than json's indent, which turns off its C encoder.
    parts = [f'{{\n  "schema_version": {SCHEMA_VERSION}']
    for name, items in sections.items():
        lines = ",\n".join("    " + json.dumps(item, ensure_ascii=False, allow_nan=False) for item in items)
        parts.append(f'  "{name}": [\n{lines}\n  ]' if items else f'  "{name}": []')
    return ",\n".join(parts) + "\n}\n"


def _uid(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16] + "@milepost"


_CRLF_OR_CR = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # forbidden in RFC 5545 TEXT; TAB is allowed, LF is escaped
_ESCAPE = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): any line break as \\n, other control characters dropped."""
    return _CONTROL.sub("", _CRLF_OR_CR.sub("\n", value)).translate(_ESCAPE)


def _fold(line: str) -> bytes:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    data = line.encode()
    parts, start, width = [], 0, 75
    while len(data) - start > width:
        cut = start + width
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut])
        start, width = cut, 74  # the leading space of a continuation line counts
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _day(day: date) -> str:
    """A DATE value; isoformat, unlike strftime, pads years before 1000 to four digits."""
    return day.isoformat().replace("-", "")


def to_ics(site: Site, today: date, site_name: str, url_of: UrlOf, site_url: str | None = None) -> bytes:
    """RFC 5545: campaigns, milestones and key dates as all-day events with UIDs that survive edits.

    A campaign's UID comes from its id; a milestone's or key date's from its
    document's id and its title, so moving one moves the event instead of adding
    one. Each event has a category (`Campaign`, `Milestone`, `Key date`), which
    calendar apps can show or hide separately.
    Written by hand: the icalendar library took ~1.5 s per 1,000 campaigns.
    """
    content = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Milepost//Marketing roadmaps//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _text(site_name),
    ]
    stamp = f"DTSTAMP:{_day(today)}T000000Z"

    def event(uid: str, summary: str, first: date, last: date, description: str, source: str, cancelled: bool = False, category: str = "Campaign"):
        content.extend((
            "BEGIN:VEVENT",
            "UID:" + uid,
            stamp,
            "SUMMARY:" + _text(summary),
            "CATEGORIES:" + category,
            "DTSTART;VALUE=DATE:" + _day(first),
            "DTEND;VALUE=DATE:" + _day(last + timedelta(days=1)),  # DTEND of an all-day event is exclusive
            "TRANSP:TRANSPARENT",
        ))
        if description:
            content.append("DESCRIPTION:" + _text(description))
        if site_url:
            content.append("URL:" + site_url.rstrip("/") + "/" + url_of(source))
        if cancelled:
            content.append("STATUS:CANCELLED")
        content.append("END:VEVENT")

    for doc in site.documents:
        if isinstance(doc, Goal):
            continue
        if isinstance(doc, Campaign) and doc.start and doc.end:
            lines = [doc.summary or "", f"Owner: {doc.owner}", f"Status: {doc.status}"]
            event(_uid("campaign", doc.id or doc.source), doc.title or doc.id or "", doc.start, doc.end, "\n".join(l for l in lines if l), doc.source, doc.status == "cancelled")
        seen: dict[str, int] = {}
        for milestone in getattr(doc, "milestones", []):
            count = seen[milestone.title] = seen.get(milestone.title, 0) + 1
            uid = _uid("milestone", doc.id or doc.source, milestone.title, str(count))
            event(uid, f"◆ {milestone.title} — {doc.title}", milestone.date, milestone.date, f"Milestone of {doc.title}", doc.source, category="Milestone")
        if isinstance(doc, Calendar):
            _key_dates(doc, event)
    content.append("END:VCALENDAR")
    return b"".join(map(_fold, content))


def _key_dates(calendar: Calendar, event) -> None:
    """A calendar document's dates, each counted like milestones so that two of one title keep apart."""
    seen: dict[str, int] = {}
    for item in calendar.dates:
        count = seen[item.title] = seen.get(item.title, 0) + 1
        uid = _uid("key-date", calendar.id or calendar.source, item.title, str(count))
        markets = f" ({', '.join(item.markets)})" if item.markets else ""
        event(uid, item.title + markets, item.start, item.end, f"Key date from {calendar.title}", calendar.source, category="Key date")


CSV_COLUMNS = (
    "roadmap", "roadmap_title", "campaign", "title", "goals", "owner", "teams", "channels", "start", "end",
    "budget", "currency", "spent", "status", "progress", "kpis", "risks", "contingencies", "url",
    "budget_lines", "latest_update_date", "latest_update",
)


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas (=, +, -, @) in free text, as OWASP advises."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_csv(site: Site, url_of: UrlOf) -> bytes:
    """One row per campaign; UTF-8 with BOM so spreadsheet apps read Chinese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in site.campaigns:
        roadmap = site.by_id.get(c.roadmap or "")
        latest = c.latest_update
        kpis = "; ".join(
            f"{k.metric}: {_as_written(k.actual) if k.actual is not None else '?'}/{_as_written(k.target)}{(' ' + k.unit) if k.unit else ''}{' (ALERT)' if k.in_alert else ''}"
            for k in c.kpis
        )
        writer.writerow(
            [
                c.roadmap or "",
                _cell(roadmap.title or "") if roadmap else "",
                c.id or "",
                _cell(c.title or ""),
                "; ".join(c.goals),
                _cell(c.owner or ""),
                _cell("; ".join(c.teams)),
                _cell("; ".join(c.channels)),
                c.start.isoformat() if c.start else "",
                c.end.isoformat() if c.end else "",
                _as_written(c.budget.amount) if c.budget else "",
                c.budget.currency if c.budget else "",
                _as_written(c.budget.spent) if c.budget and c.budget.spent is not None else "",
                c.status,
                _as_written(c.progress) if c.progress is not None else "",
                _cell(kpis),
                _cell("; ".join(r.risk for r in c.risks)),
                _cell("; ".join(r.contingency or "" for r in c.risks)),
                url_of(c.source),
                _cell(_budget_lines(c)),
                latest.date.isoformat() if latest else "",
                _cell(latest.text) if latest else "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _budget_lines(campaign: Campaign) -> str:
    """`KOL fees: 15000/9000 (social); Media: 8000`: item, amount, spent if known, channel if any."""
    if campaign.budget is None:
        return ""
    return "; ".join(
        f"{line.item}: {_as_written(line.amount)}{'/' + _as_written(line.spent) if line.spent is not None else ''}{f' ({line.channel})' if line.channel else ''}"
        for line in campaign.budget.lines
    )


def _as_written(value: float) -> str:
    """A number as written: 48000 not 48000.0, 2.5 as 2.5, never grouped."""
    return number(value, group="", places=None)
