"""Changes in words: one phrase per change, in Markdown or plain text.

`Phrasing.change` looks each change up in `PHRASES` by what changed (a field,
`FIELD.added`, `LIST.FIELD` …); dates are phrased together (`dates`). What the
author wrote is escaped for Markdown here, never in the callers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable

from milepost.core import numbers
from milepost.core.model import Campaign, Document, Goal, Roadmap
from milepost.review.compare import Change, Changes, DocumentChanges, RoadmapTotals, money_of


def number(value: float | int | None) -> str:
    """1234567 -> '1,234,567'; 2.5 -> '2.5'; a value not given is 'none'."""
    return "none" if value is None else numbers.number(value)


def signed(value: float) -> str:
    return f"+{number(value)}" if value > 0 else f"-{number(-value)}" if value < 0 else "±0"


def _days(count: int) -> str:
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def _later(days: int | None) -> str:
    if days is None:
        return "changed"
    return f"moved {_days(abs(days))} {'later' if days > 0 else 'earlier'}"


class Phrasing:
    """Phrasing shared by the Markdown and text renderers; `text()` escapes what the author wrote."""

    def __init__(self, changes: Changes, markdown: bool):
        self.changes, self.markdown = changes, markdown

    def text(self, value: object) -> str:
        flat = " ".join(str(value).split())
        if not self.markdown:
            return flat
        return re.sub(r"([\\`*_\[\]<>|~#!])", r"\\\1", flat)

    def quote(self, value: object) -> str:
        return f"“{self.text(value)}”"

    def code(self, value: object) -> str:
        if not self.markdown:
            return str(value)
        flat = " ".join(str(value).split())
        fence = "``" if "`" in flat else "`"
        return f"{fence}{flat}{fence}" if fence == "`" else f"{fence} {flat} {fence}"

    def strong(self, value: str) -> str:
        return f"**{value}**" if self.markdown else value

    def name(self, ident: str | None, title: str | None = None, strong: bool = False) -> str:
        """A document as people know it: its title, and its id to find it."""
        title = title or (self.changes.titles.get(ident) if ident else None)
        if not ident:
            return self.strong(self.text(title or "?")) if strong else self.text(title or "?")
        if not title or title == ident:
            return self.code(ident)
        shown = self.strong(self.text(title)) if strong else self.text(title)
        return f"{shown} ({self.code(ident)})"

    def value(self, value: object) -> str:
        if value is None:
            return "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return number(value)
        if isinstance(value, date):
            return value.isoformat()
        return self.text(value)

    def money(self, money: dict | None) -> str:
        return "none" if money is None else f"{number(money['amount'])} {money['currency']}"

    def amounts(self, before: dict | None, after: dict | None) -> str:
        """'40,000 → 44,000 EUR (+4,000)', or both amounts in full when the currency changed."""
        if before and after and before["currency"] == after["currency"]:
            return f"{number(before['amount'])} → {number(after['amount'])} {after['currency']} ({signed(after['amount'] - before['amount'])})"
        return f"{self.money(before)} → {self.money(after)}"

    def period(self, doc) -> str:
        start, end = getattr(doc, "start", None), getattr(doc, "end", None)
        if not start or not end:
            return ""
        return f"{start} → {end}, {_days((end - start).days + 1)}"

    def facts(self, doc: Document | None) -> str:
        """What an added or removed document is, in one line."""
        if doc is None:
            return ""
        facts = []
        if isinstance(doc, (Roadmap, Campaign)):
            facts.append(self.period(doc))
            if doc.budget:
                facts.append(f"budget {self.money(money_of(doc.budget))}")
        if isinstance(doc, Goal):
            if doc.target is not None:
                facts.append(f"target {number(doc.target)}{' ' + self.text(doc.unit) if doc.unit else ''}")
            if doc.deadline:
                facts.append(f"by {doc.deadline}")
        if doc.owner:
            facts.append(f"owner {self.text(doc.owner)}")
        facts.append(doc.status)
        return ", ".join(fact for fact in facts if fact)

    def dates(self, changes: list[Change]) -> list[str]:
        """Start, end and duration in one phrase: 'start moved 14 days later (…); now 29 days long (was 43)'."""
        by = {c.what: c for c in changes}
        start, end, duration = by.get("start"), by.get("end"), by.get("duration")
        if not start and not end:
            return []
        if start and end and start.days is not None and start.days == end.days:
            phrase = f"{_later(start.days)}: {start.after} → {end.after} (was {start.before} → {end.before})"
        else:
            parts = []
            for label, change in (("start", start), ("end", end)):
                if change:
                    parts.append(f"{label} {_later(change.days)} ({self.value(change.before)} → {self.value(change.after)})")
            phrase = ", ".join(parts)
        if start and start.item:  # the start follows a campaign, written the same on both sides
            phrase = f"moved with {self.name(start.item)}: {phrase}"
        if duration:
            phrase += f"; now {_days(duration.after)} long (was {duration.before})"
        elif start and end and start.days is not None and start.days == end.days:
            doc_days = (end.after - start.after).days + 1
            phrase += f"; still {_days(doc_days)} long"
        return [phrase]

    def change(self, change: Change, doc: DocumentChanges) -> str | None:
        """One change in words; None for the ones said with another (dates together, see `dates`)."""
        if change.what in DATED:
            return None
        phrase = PHRASES.get(change.what) or NESTED.get(change.what.partition(".")[0], _generic)
        return phrase(self, change, doc)

    def lines(self, doc: DocumentChanges) -> list[str]:
        """A modified document's changes in words, in the order of the fields; dates phrased together."""
        out, dated = [], False
        for change in doc.changes:
            if change.what in ("start", "end", "duration"):
                if not dated:
                    out += self.dates(doc.changes)
                    dated = True
                continue
            words = self.change(change, doc)
            if words is not None:
                out.append(words)
        return out

    def totals(self, totals: RoadmapTotals) -> str | None:
        """'campaign budgets 45,000 → 49,000 EUR (+4,000) of 50,000 EUR budgeted'."""
        envelope = totals.budget_after or totals.budget_before
        first = envelope.currency if envelope else ""
        currencies = sorted(totals.before.keys() | totals.after.keys(), key=lambda c: (c != first, c))
        if not currencies:
            return None
        parts = []
        for currency in currencies:
            b, a = totals.before.get(currency, 0), totals.after.get(currency, 0)
            part = f"{number(b)} → {number(a)} {currency} ({signed(a - b)})" if a != b else f"{number(a)} {currency} (unchanged)"
            if envelope and envelope.currency == currency:
                part += f" of {number(envelope.amount)} {currency} budgeted"
                if a > envelope.amount:
                    part += f", over by {number(a - envelope.amount)}"
            parts.append(part)
        return "campaign budgets: " + "; ".join(parts)


def _percent(value: float | None) -> str:
    return "none" if value is None else f"{number(round(value, 1))}%"


# --- one phrase per kind of change: (phrasing, change, its document) -> words, or None ----------

DATED = ("start", "end", "duration")
"""Phrased together by `Phrasing.dates`."""

Phrase = Callable[[Phrasing, Change, DocumentChanges], "str | None"]


def _generic(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    return f"{c.what} {p.value(c.before)} → {p.value(c.after)}"


def _as_is(label: str) -> Phrase:
    """Values Milepost itself checked (a kind, a status, a type): printed as they are."""
    return lambda p, c, doc: f"{label} {c.before} → {c.after}"


def _valued(label: str) -> Phrase:
    return lambda p, c, doc: f"{label} {p.value(c.before)} → {p.value(c.after)}"


def _linked(added: str, removed: str) -> Phrase:
    """An id added to or removed from a list of references (`goals.added` …)."""
    return lambda p, c, doc: f"{added if c.what.endswith('.added') else removed} {p.name(c.item)}"


def _member(noun: str) -> Phrase:
    """A label added to or removed from a list (`channels.added` …)."""
    return lambda p, c, doc: f"{noun} {p.quote(c.item)} {c.what.rpartition('.')[2]}"


def _budget(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    if c.before is None:
        return f"budget set: {p.money(c.after)}"
    if c.after is None:
        return f"budget removed (was {p.money(c.before)})"
    return f"budget {p.amounts(c.before, c.after)}"


def _spent(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    return f"spent {p.amounts(c.before, c.after)}" if c.before and c.after else f"spent {p.money(c.before)} → {p.money(c.after)}"


def _progress(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    if c.before is not None and c.after is not None:
        return f"progress {p.value(c.before)}% → {p.value(c.after)}%"
    return f"progress {p.value(c.before)} → {p.value(c.after)}"


def _measure(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    """A goal's target, baseline or current value; a new current value says the progress it makes."""
    unit = getattr(doc.after or doc.before, "unit", None)
    line = f"{c.what} {p.value(c.before)} → {p.value(c.after)}{f' {p.text(unit)}' if unit else ''}"
    progress = next((x for x in doc.changes if x.what == "goal-progress"), None)
    if progress and c.what == "current":
        line += f" (progress {_percent(progress.before)} → {_percent(progress.after)})"
    return line


def _goal_progress(p: Phrasing, c: Change, doc: DocumentChanges) -> str | None:
    if any(x.what == "current" for x in doc.changes):
        return None  # said with the current value
    return f"progress {_percent(c.before)} → {_percent(c.after)}"


def _kpi(p: Phrasing, c: Change, doc: DocumentChanges) -> str | None:
    part, b, a = c.what.partition(".")[2], c.before, c.after
    name = f"KPI {p.quote(c.item)}"
    if part == "added":
        unit = f" {p.text(a['unit'])}" if a.get("unit") else ""
        return f"{name} added: target {number(a['target'])}{unit}" + (f", actual {number(a['actual'])}" if a.get("actual") is not None else "")
    if part == "removed":
        return f"{name} removed"
    if part == "alert":
        if any(x.what == "kpis.actual" and x.item == c.item for x in doc.changes):
            return None  # said with the actual value
        return f"{name} {'now in alert' if a else 'out of alert'}"
    label = part.replace("_", " ")
    kpi = next((k for k in getattr(doc.after, "kpis", []) if k.metric == c.item), None)
    unit = f" {p.text(kpi.unit)}" if kpi and kpi.unit else ""
    if isinstance(b, (int, float)) and isinstance(a, (int, float)) and not isinstance(b, bool):
        line = f"{name}: {label} {number(b)} → {number(a)}{unit} ({signed(a - b)})"
    else:
        line = f"{name}: {label} {p.value(b)} → {p.value(a)}{unit if a is not None else ''}"
    if part == "actual" and kpi is not None:
        line += f", target {number(kpi.target)}{unit}"
        alert = next((x for x in doc.changes if x.what == "kpis.alert" and x.item == c.item), None)
        if alert:
            line += ", now in alert" if alert.after else ", out of alert"
    return line


def _risk(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    part, b, a, risk = c.what.partition(".")[2], c.before, c.after, p.quote(c.item)
    if part == "added":
        level = ", ".join(f"{k} {a[k]}" for k in ("likelihood", "impact") if a.get(k))
        return f"risk added: {risk}{f' ({level})' if level else ''}{'' if a.get('contingency') else ', no contingency'}"
    if part == "removed":
        return f"risk removed: {risk}"
    if part == "contingency":
        return f"risk {risk}: contingency {'set' if b is None else 'removed' if a is None else 'changed'}"
    return f"risk {risk}: {part} {p.value(b)} → {p.value(a)}"


def _milestone(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    part, b, a, title = c.what.partition(".")[2], c.before, c.after, p.quote(c.item)
    if part == "added":
        return f"milestone added: {title} on {a['date']}"
    if part == "removed":
        return f"milestone removed: {title} (was on {b['date']})"
    if part == "date":
        return f"milestone {title} {_later(c.days)} ({b} → {a})"
    if part == "done":
        return f"milestone {title} {'reached' if a else 'no longer marked reached'}"
    return _generic(p, c, doc)


def _activity(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    part, b, a, title = c.what.partition(".")[2], c.before, c.after, p.quote(c.item)
    if part == "added":
        return f"activity added: {title} ({a['start']} → {a['end']})"
    if part == "removed":
        return f"activity removed: {title}"
    if part in ("start", "end"):
        return f"activity {title}: {part} {_later(c.days)} ({b} → {a})"
    return f"activity {title}: {part} {p.value(b)} → {p.value(a)}"


def _key_date(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    part, b, a, title = c.what.partition(".")[2], c.before, c.after, p.quote(c.item)
    if part == "added":
        span = str(a["start"]) if a["start"] == a["end"] else f"{a['start']} → {a['end']}"
        return f"key date added: {title} ({span})"
    if part == "removed":
        return f"key date removed: {title}"
    if part == "day":
        return f"key date {title} {_later(c.days)} ({b} → {a})"
    if part in ("start", "end"):
        return f"key date {title}: {part} {_later(c.days)} ({b} → {a})"
    if part == "markets":
        return f"key date {title}: markets {', '.join(b) or 'all'} → {', '.join(a) or 'all'}"
    return _generic(p, c, doc)


def _update(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    """An entry of the progress log, named by its day: 'update of 8 Feb added: …'."""
    part, b, a, name = c.what.partition(".")[2], c.before, c.after, f"update of {c.item.day} {c.item:%b}"
    if part == "added":
        return f"{name} added: {p.quote(a['text'])}" + (f" ({p.value(a['progress'])}%)" if a.get("progress") is not None else "")
    if part == "removed":
        return f"{name} removed"
    if part == "text":
        return f"{name}: text {p.quote(b)} → {p.quote(a)}"
    return f"{name}: {part} {p.value(b)} → {p.value(a)}"


def _line(p: Phrasing, c: Change, doc: DocumentChanges) -> str:
    part, b, a, name = c.what.partition(".")[2], c.before, c.after, f"budget line {p.quote(c.item)}"
    if part == "added":
        return f"{name} added: {number(a['amount'])}" + (f", spent {number(a['spent'])}" if a.get("spent") is not None else "")
    if part == "removed":
        return f"{name} removed (was {number(b['amount'])})"
    if part in ("amount", "spent") and isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return f"{name}: {part} {number(b)} → {number(a)} ({signed(a - b)})"
    return f"{name}: {part} {p.value(b)} → {p.value(a)}"


PHRASES: dict[str, Phrase] = {
    "source": lambda p, c, doc: f"file moved: {p.code(c.before)} → {p.code(c.after)}",
    "kind": _as_is("kind"),
    "title": lambda p, c, doc: f"renamed {p.quote(c.before)} → {p.quote(c.after)}",
    "status": _as_is("status"),
    "owner": _valued("owner"),
    "roadmap": lambda p, c, doc: f"moved from roadmap {p.name(c.before)} to {p.name(c.after)}",
    "type": _as_is("type"),
    "deadline": lambda p, c, doc: f"deadline {_later(c.days)} ({p.value(c.before)} → {p.value(c.after)})",
    "budget": _budget,
    "spent": _spent,
    "progress": _progress,
    "target": _measure,
    "baseline": _measure,
    "current": _measure,
    "goal-progress": _goal_progress,
    "metric": _valued("metric"),
    "unit": _valued("unit"),
    "priority": _valued("priority"),
    "parent": lambda p, c, doc: f"parent goal {p.name(c.before) if c.before else 'none'} → {p.name(c.after) if c.after else 'none'}",
    **dict.fromkeys(("goals.added", "goals.removed"), _linked("linked to goal", "unlinked from goal")),
    **dict.fromkeys(("depends_on.added", "depends_on.removed"), _linked("now depends on", "no longer depends on")),
    **{f"{name}.{way}": _member(noun) for name, noun in (("channels", "channel"), ("teams", "team"), ("tags", "tag")) for way in ("added", "removed")},
    "summary": lambda p, c, doc: "summary changed" if c.before and c.after else "summary added" if c.after else "summary removed",
    "extra": lambda p, c, doc: "extra data changed",
    "prose": lambda p, c, doc: "prose edited",
    "retrospective": lambda p, c, doc: "retrospective added" if c.before is None else "retrospective removed" if c.after is None else "retrospective changed",
}
"""The phrase of each change by what changed; changes to nested items are in `NESTED`."""

NESTED: dict[str, Phrase] = {
    "kpis": _kpi, "risks": _risk, "milestones": _milestone, "activities": _activity, "dates": _key_date, "updates": _update, "lines": _line,
}
"""The phrase of a change to a KPI, risk, milestone, activity, key date, update or budget line (`kpis.target` …), by list."""
