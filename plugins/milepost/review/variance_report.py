"""`milepost diff --baseline REF`: the plan against its baseline in words, as variance/ shows it.

Markdown (for a pull-request comment: tables, then the Mermaid gantt of what
moved), plain text for a terminal, JSON for tools. Titles are escaped for
Markdown; every ordering comes from `variance.compare`, so output is stable.
"""

from __future__ import annotations

import json
import re

from milepost.core.model import Budget
from milepost.review import gantt
from milepost.review.compare import diff_sites
from milepost.review.phrase import number, signed
from milepost.review.variance import Moved, Variance

_MARKDOWN = re.compile(r"([\\`*_\[\]|<>#~])")


def _md(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def _slip(days: int) -> str:
    return f"+{days} d" if days > 0 else f"\u2212{-days} d"


def _money(budget: Budget | None) -> str:
    return "—" if budget is None else f"{number(budget.amount)} {budget.currency}"


def _span(start, end) -> str:
    return f"{start} → {end}" if start and end else "—"


def summary(variance: Variance) -> str:
    counts = [
        (len(variance.slipped), "slipped"),
        (len(variance.earlier), "moved earlier"),
        (len(variance.added), "added"),
        (len(variance.removed), "removed"),
        (len(variance.budgets), "budgets changed"),
        (len(variance.moved_milestones), "milestones moved"),
    ]
    said = ", ".join(f"{count} {what}" for count, what in counts if count)
    return f"Against the baseline {variance.ref} ({variance.commit[:10]}): {said or 'no change'}"


def changed(variance: Variance) -> bool:
    return any((variance.slipped, variance.earlier, variance.added, variance.removed, variance.budgets, variance.moved_milestones))


def _rows(variance: Variance, name, text) -> dict[str, list[list[str]]]:
    """Each section's rows as cells; `name(id, title)` writes a document's name, `text(s)` any other words."""
    moved = lambda m: [name(m.doc.id, m.doc.title), _span(m.before.start, m.before.end), _span(m.doc.start, m.doc.end), _slip(m.days)]
    return {
        "Slipped": [moved(m) + [", ".join(name(d.id, d.title) for d in m.pushes)] for m in variance.slipped],
        "Moved earlier": [moved(m) for m in variance.earlier],
        "Added since the baseline": [[doc.kind, name(doc.id, doc.title)] for doc in variance.added],
        "Removed since the baseline": [[doc.kind, name(doc.id, doc.title)] for doc in variance.removed],
        "Budget changes": [[name(b.doc.id, b.doc.title), _money(b.before), _money(b.after)] for b in variance.budgets],
        "Campaign budgets per currency": [[currency, number(was), number(now), signed(now - was)] for currency, (was, now) in variance.totals.items() if was != now],
        "Milestones moved": [[text(m.title), name(m.doc.id, m.doc.title), str(m.before), str(m.after), _slip(m.days)] for m in variance.moved_milestones],
    }


HEADERS = {
    "Slipped": ["Campaign", "Baseline", "Now", "Slip", "Pushes"],
    "Moved earlier": ["Campaign", "Baseline", "Now", "Slip"],
    "Added since the baseline": ["Kind", "Document"],
    "Removed since the baseline": ["Kind", "Document"],
    "Budget changes": ["Document", "Baseline", "Now"],
    "Campaign budgets per currency": ["Currency", "Baseline", "Now", "Change"],
    "Milestones moved": ["Milestone", "Of", "Baseline", "Now", "Slip"],
}


def _plain(key: str | None, title: str | None) -> str:
    return f"{title or key} ({key})" if title and title != key else str(key)


def to_markdown(variance: Variance, baseline_site, current_site) -> str:
    name = lambda key, title: f"{_md(title or key or '')} (`{key}`)"
    out = [f"**{_md(summary(variance))}**", ""]
    for section, rows in _rows(variance, name, _md).items():
        if rows:
            head = HEADERS[section]
            out += [f"### {section}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            out += ["| " + " | ".join(cells) + " |" for cells in rows] + [""]
    chart = gantt.lines(diff_sites(baseline_site, current_site))
    if chart:
        out += ["### Timeline, baseline and now", "", *chart, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_text(variance: Variance) -> str:
    out = [summary(variance)]
    for section, rows in _rows(variance, _plain, str).items():
        if rows:
            out += ["", f"{section}:"] + ["  " + " · ".join(cell for cell in cells if cell) for cells in rows]
    return "\n".join(out) + "\n"


def _moved_data(m: Moved) -> dict:
    return {
        "id": m.doc.id,
        "title": m.doc.title,
        "baseline": {"start": str(m.before.start), "end": str(m.before.end)},
        "now": {"start": str(m.doc.start), "end": str(m.doc.end)},
        "start_days": m.start_days,
        "end_days": m.end_days,
        "days": m.days,
        "pushes": [d.id for d in m.pushes],
    }


def to_json(variance: Variance) -> str:
    money = lambda b: None if b is None else {"amount": b.amount, "currency": b.currency}
    data = {
        "baseline": {"ref": variance.ref, "commit": variance.commit},
        "slipped": [_moved_data(m) for m in variance.slipped],
        "earlier": [_moved_data(m) for m in variance.earlier],
        "added": [{"id": d.id, "kind": d.kind, "title": d.title} for d in variance.added],
        "removed": [{"id": d.id, "kind": d.kind, "title": d.title} for d in variance.removed],
        "budgets": [{"id": b.doc.id, "baseline": money(b.before), "now": money(b.after)} for b in variance.budgets],
        "totals": {cur: {"baseline": was, "now": now, "change": now - was} for cur, (was, now) in variance.totals.items()},
        "milestones": [{"id": m.doc.id, "title": m.title, "baseline": str(m.before), "now": str(m.after), "days": m.days} for m in variance.moved_milestones],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
