"""What the overview pages point out: what runs now, what is due, what is at risk, who is overloaded.

Derived from the model and a `today`; never from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from milepost.model import Campaign, Document, Site

ATTENTION = ("at-risk", "delayed")


@dataclass(frozen=True, slots=True)
class Due:
    title: str
    day: date
    doc: Document


def running(site: Site, today: date) -> list[Campaign]:
    return [c for c in site.campaigns if c.start and c.end and c.start <= today <= c.end and c.status not in ("done", "cancelled")]


def overdue(campaign: Campaign, today: date) -> bool:
    return bool(campaign.end and campaign.end < today and campaign.status not in ("done", "cancelled"))


def needs_attention(site: Site, today: date) -> list[Campaign]:
    return [c for c in site.campaigns if c.status in ATTENTION or overdue(c, today)]


def upcoming_milestones(site: Site, today: date, days: int = 30) -> list[Due]:
    horizon = today + timedelta(days=days)
    found = [
        Due(m.title, m.date, doc)
        for doc in site.documents
        for m in getattr(doc, "milestones", [])
        if today <= m.date <= horizon and not m.done
    ]
    return sorted(found, key=lambda d: (d.day, d.title, d.doc.source))


def kpis_in_alert(site: Site) -> list[tuple[Campaign, object]]:
    return [(c, k) for c in site.campaigns for k in c.kpis if k.in_alert]


def weekly_load(campaigns: list[Campaign]) -> list[tuple[date, int]]:
    """How many of `campaigns` run in each ISO week (Monday first), for weeks with any."""
    counts: dict[date, int] = {}
    for c in campaigns:
        if not (c.start and c.end) or c.status == "cancelled":
            continue
        week = c.start - timedelta(days=c.start.weekday())
        while week <= c.end:
            counts[week] = counts.get(week, 0) + 1
            week += timedelta(days=7)
    return sorted(counts.items())


def group_by(campaigns: list[Campaign], key) -> dict[str, list[Campaign]]:
    """Campaigns under each value of `key(campaign)` (a list of strings), sorted by name."""
    groups: dict[str, list[Campaign]] = {}
    for c in campaigns:
        for name in dict.fromkeys(key(c)):
            groups.setdefault(name, []).append(c)
    return dict(sorted(groups.items(), key=lambda kv: kv[0].casefold()))
