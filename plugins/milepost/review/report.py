"""Reports of `Changes`: the one-line summary, Markdown for a pull-request comment, text for a
terminal, JSON for tools, and the plain data of the What changed page.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from milepost.core.numbers import plural
from milepost.core.plain import document_data, plain
from milepost.review.compare import ADDED, MODIFIED, PROSE, REMOVED, UNREADABLE, Changes, DocumentChanges, RoadmapTotals, Side, money_of
from milepost.review import gantt
from milepost.review.phrase import Phrasing, signed

MARKDOWN_LIMIT = 60_000
"""GitHub refuses comments over 65,536 characters: a longer report is cut, with a note saying so."""


def summary(changes: Changes) -> str:
    """The one line: '3 documents changed: 1 added, 2 modified; budget +6,000 EUR'."""
    prose = changes.count(PROSE)
    changed = len(changes.documents) - prose
    if not changed:
        line = "No change in roadmap terms"
        if prose:
            line += f": only the prose of {plural(prose, 'document')} was edited"
    else:
        counts = [(changes.count(state), state) for state in (ADDED, REMOVED, MODIFIED, UNREADABLE)]
        line = f"{plural(changed, 'document')} changed: " + ", ".join(f"{count} {state}" for count, state in counts if count)
        budget = _deltas(changes.totals_before, changes.totals_after)
        if budget:
            line += f"; budget {budget}"
        envelopes = _deltas(*_envelopes(changes))
        if envelopes:
            line += f"; roadmap budgets {envelopes}"
        if prose:
            line += f"; prose only in {prose} more"
    for side in (changes.base, changes.head):
        if side and side.errors:
            line += f"; {_called(side)} does not validate ({plural(len(side.errors), 'error')})"
    return line


def _called(side: Side) -> str:
    return side.label if side.commit else f"the {side.label}"


def _deltas(before: dict[str, float], after: dict[str, float]) -> str:
    parts = []
    for currency in sorted(before.keys() | after.keys()):
        delta = after.get(currency, 0) - before.get(currency, 0)
        if delta:
            parts.append(f"{signed(delta)} {currency}")
    return ", ".join(parts)


def _envelopes(changes: Changes) -> tuple[dict[str, float], dict[str, float]]:
    before: dict[str, float] = defaultdict(float)
    after: dict[str, float] = defaultdict(float)
    for totals in changes.roadmaps.values():
        if totals.budget_before:
            before[totals.budget_before.currency] += totals.budget_before.amount
        if totals.budget_after:
            after[totals.budget_after.currency] += totals.budget_after.amount
    return before, after


@dataclass(slots=True)
class _Section:
    roadmap: str | None  # None: campaigns of no known roadmap
    own: DocumentChanges | None = None
    campaigns: list[DocumentChanges] = field(default_factory=list)
    left: list[DocumentChanges] = field(default_factory=list)  # campaigns that moved to another roadmap


def _budget_touched(doc: DocumentChanges) -> bool:
    if doc.state in (ADDED, REMOVED):
        return getattr(doc.after or doc.before, "budget", None) is not None
    return any(c.what in ("budget", "roadmap") for c in doc.changes)


def _layout(changes: Changes) -> tuple[list[_Section], list[DocumentChanges], list[DocumentChanges], list[DocumentChanges]]:
    """Sections per roadmap (its own changes, then its campaigns), then goals, other files, prose-only documents."""
    sections: dict[str, _Section] = {}
    goals, others, prose = [], [], []
    for doc in changes.documents:
        if doc.state == PROSE:
            prose.append(doc)
        elif doc.kind == "roadmap" and doc.id:
            sections.setdefault(doc.id, _Section(doc.id)).own = doc
        elif doc.kind == "campaign":
            home = doc.roadmap or ""
            sections.setdefault(home, _Section(home or None)).campaigns.append(doc)
            was = doc.roadmap_before
            if doc.after is not None and was and was != home:
                sections.setdefault(was, _Section(was)).left.append(doc)
        elif doc.kind == "goal":
            goals.append(doc)
        else:
            others.append(doc)
    for roadmap_id, totals in changes.roadmaps.items():  # a roadmap whose totals moved shows, even with no change of its own
        if totals.before != totals.after and roadmap_id not in sections:
            sections[roadmap_id] = _Section(roadmap_id)

    def order(section: _Section):
        return (section.roadmap is None, changes.starts.get(section.roadmap or "", date.max), section.roadmap or "")

    def by_date(doc: DocumentChanges):
        return (doc.start(), doc.key)

    ordered = sorted(sections.values(), key=order)
    for section in ordered:
        section.campaigns.sort(key=by_date)
        section.left.sort(key=by_date)
    return ordered, sorted(goals, key=by_date), sorted(others, key=lambda d: d.key), sorted(prose, key=lambda d: d.key)


def _compared(changes: Changes, words: Phrasing) -> str | None:
    if not changes.base or not changes.head:
        return None

    def side(s: Side) -> str:
        return f"{words.code(s.label)} ({words.code(s.commit[:10])})" if s.commit else f"the {s.label}"

    return f"Compared {side(changes.base)} with {side(changes.head)}."


def _entry(doc: DocumentChanges, words: Phrasing) -> tuple[str, str | None, list[str]]:
    """A document's name, what happened to it as a whole (None when modified), and its changes."""
    name = words.name(doc.id, doc.title, strong=True) if doc.id else words.code(doc.source or doc.key)
    if doc.state == ADDED:
        return name, f"added in {words.code(doc.after.source)}: {words.facts(doc.after)}", []
    if doc.state == REMOVED:
        return name, f"removed from {words.code(doc.before.source)} (was {words.facts(doc.before)})", []
    if doc.state == UNREADABLE and doc.before is None:
        return name, "cannot be read as a roadmap document: see the errors below", []
    if doc.state == UNREADABLE:
        return name, f"{words.code(doc.source)} cannot be read any more: see the errors below", []
    return name, None, words.lines(doc)


def _shows_totals(section: _Section, totals: RoadmapTotals | None) -> bool:
    docs = [*section.campaigns, *section.left, *([section.own] if section.own else [])]
    return bool(totals) and (totals.before != totals.after or any(_budget_touched(doc) for doc in docs))


def _heading(section: _Section, changes: Changes, words: Phrasing) -> tuple[str, str | None, list[str]]:
    """A roadmap section's heading, the line that says it was added or removed, and its own changes."""
    if section.roadmap is None:
        return "Campaigns without a roadmap", None, []
    heading = f"Roadmap {words.name(section.roadmap)}"
    if section.own is None:
        return heading + ("" if section.roadmap in changes.titles else " (no such roadmap)"), None, []
    _, whole, lines = _entry(section.own, words)
    if whole is None:
        return heading, None, lines
    return f"{heading}: {section.own.state}", whole[0].upper() + whole[1:] + ".", []


def _cap(line: str) -> str:
    return line[0].upper() + line[1:] + "."


def _problems(side: Side, limit: int = 50) -> list[str]:
    lines = [str(problem) for problem in side.errors[:limit]]
    if len(side.errors) > limit:
        lines.append(f"… and {len(side.errors) - limit} more")
    return lines


def _names(docs: list[DocumentChanges], words: Phrasing, limit: int = 20) -> str:
    names = [words.name(doc.id, doc.title) for doc in docs[:limit]]
    if len(docs) > limit:
        names.append(f"and {len(docs) - limit} more")
    return ", ".join(names)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    note = "\n\n… cut here: the full report is longer than a comment can be. Run `milepost diff` locally to see all of it.\n"
    kept = text[: limit - len(note)]
    kept = kept[: kept.rfind("\n")]
    if kept.count("```") % 2:  # never leave a code block open
        kept += "\n```"
    return kept + note


def described(changes: Changes) -> dict:
    """The summary line and each document changed in roadmap terms, in plain words and plain data,
    for pages that escape text themselves: `whole` says what happened to a document as a whole
    (None when modified), `lines` its changes."""
    words = Phrasing(changes, markdown=False)
    documents = []
    for doc in changes.documents:
        if doc.state != PROSE:
            _, whole, lines = _entry(doc, words)
            documents.append({"id": doc.id, "title": doc.title, "state": doc.state, "whole": whole, "lines": lines})
    return {"summary": summary(changes), "documents": documents}


class _Markdown:
    """How the Markdown report writes each part of the walk `_report` makes; `_Text` is the other way."""

    markdown = True
    prose_limit = 20  # names listed before "and N more"
    problem_limit = 50

    def title(self, line: str) -> list[str]:
        return [f"**{line}**", ""]

    def compared(self, line: str) -> list[str]:
        return [line, ""]

    def heading(self, text: str) -> list[str]:
        return [f"### {text}", ""]

    def whole(self, line: str) -> list[str]:
        return [line, ""]

    def own(self, lines: list[str]) -> list[str]:
        return [f"- {line}" for line in lines] + [""] if lines else []

    def totals(self, line: str) -> list[str]:
        return [_cap(line), ""]

    def entry(self, doc: DocumentChanges, name: str, whole: str | None, lines: list[str]) -> list[str]:
        return [f"- {name}" + (f": {whole}" if whole else "")] + [f"  - {line}" for line in lines]

    def moved(self, name: str, roadmap: str) -> str:
        return f"- {name}: moved to roadmap {roadmap}"

    def campaigns(self, items: list[str], after_own: bool) -> list[str]:
        return (["Campaigns:", ""] if after_own else []) + items + [""] if items else []

    def group(self, heading: str, items: list[str]) -> list[str]:
        return self.heading(heading) + items + [""]

    def prose(self, names: str) -> list[str]:
        return [f"Prose only, no change in roadmap terms: {names}.", ""]

    def chart(self, changes: Changes) -> list[str]:
        """Under the words: the Mermaid gantt of the campaigns whose dates changed (GitHub and GitLab draw it)."""
        lines = gantt.lines(changes)
        return ["### Timeline, before and after", "", *lines, ""] if lines else []

    def errors(self, words: Phrasing, called: str, problems: list[str]) -> list[str]:
        return [f"### Errors in {words.text(called)}", "", "```text", *problems, "```", ""]

    def finish(self, out: list[str]) -> str:
        return "\n".join(out).rstrip("\n") + "\n"


class _Text(_Markdown):
    """The terminal's report: the same parts, indented, without Markdown."""

    markdown = False
    prose_limit = problem_limit = None  # all of them
    marks = {ADDED: "+ ", REMOVED: "- ", UNREADABLE: "! "}

    def title(self, line: str) -> list[str]:
        return [line]

    compared = title

    def heading(self, text: str) -> list[str]:
        return ["", text]

    def whole(self, line: str) -> list[str]:
        return [f"    {line}"]

    def own(self, lines: list[str]) -> list[str]:
        return [f"    {line}" for line in lines]

    totals = whole

    def entry(self, doc: DocumentChanges, name: str, whole: str | None, lines: list[str]) -> list[str]:
        return [f"  {self.marks.get(doc.state, '~ ')}{name}" + (f": {whole}" if whole else "")] + [f"      {line}" for line in lines]

    def moved(self, name: str, roadmap: str) -> str:
        return f"  > {name}: moved to roadmap {roadmap}"

    def campaigns(self, items: list[str], after_own: bool) -> list[str]:
        return items

    def group(self, heading: str, items: list[str]) -> list[str]:
        return self.heading(heading) + items

    def prose(self, names: str) -> list[str]:
        return ["", f"Prose only, no change in roadmap terms: {names}"]

    def chart(self, changes: Changes) -> list[str]:
        return []

    def errors(self, words: Phrasing, called: str, problems: list[str]) -> list[str]:
        return ["", f"Errors in {called}:"] + [f"  {line}" for line in problems]

    def finish(self, out: list[str]) -> str:
        return "\n".join(out) + "\n"


def _report(changes: Changes, form: _Markdown) -> str:
    """The one walk of both reports: the summary, a section per roadmap (its own changes, its budget
    totals, its campaigns), goals, other files, prose-only edits, the chart, errors."""
    words = Phrasing(changes, markdown=form.markdown)
    out = form.title(summary(changes))
    compared = _compared(changes, words)
    if compared:
        out += form.compared(compared)
    sections, goals, others, prose = _layout(changes)

    def entries(docs: list[DocumentChanges]) -> list[str]:
        return [line for doc in docs for line in form.entry(doc, *_entry(doc, words))]

    for section in sections:
        totals = changes.roadmaps.get(section.roadmap or "")
        heading, whole, lines = _heading(section, changes, words)
        out += form.heading(heading) + (form.whole(whole) if whole else []) + form.own(lines)
        if _shows_totals(section, totals) and words.totals(totals):
            out += form.totals(words.totals(totals))
        items = entries(section.campaigns)
        items += [form.moved(words.name(doc.id, doc.title, strong=True), words.name(doc.roadmap)) for doc in section.left]
        out += form.campaigns(items, bool(lines))
    for heading, docs in (("Goals", goals), ("Other files", others)):
        if docs:
            out += form.group(heading, entries(docs))
    if prose:
        out += form.prose(_names(prose, words, limit=form.prose_limit or len(prose)))
    out += form.chart(changes)
    for side in (changes.base, changes.head):
        if side and side.errors:
            out += form.errors(words, _called(side), _problems(side, limit=form.problem_limit or len(side.errors)))
    return form.finish(out)


def to_markdown(changes: Changes, limit: int = MARKDOWN_LIMIT) -> str:
    """For a pull-request comment: the one-line summary, then a section per roadmap, goals, prose-only edits, errors."""
    return _cut(_report(changes, _Markdown()), limit)


def to_text(changes: Changes) -> str:
    """For a terminal: the same report, indented, without Markdown."""
    return _report(changes, _Text())


def to_json(changes: Changes) -> str:
    """For tools: every change as data; dates as YYYY-MM-DD, amounts as numbers."""
    payload = {
        "changed": changes.changed,
        "summary": summary(changes),
        "base": _side_data(changes.base),
        "head": _side_data(changes.head),
        "counts": {state: changes.count(state) for state in (ADDED, REMOVED, MODIFIED, UNREADABLE, PROSE)},
        "budget": _before_after(changes.totals_before, changes.totals_after),
        "roadmaps": [
            {
                "id": roadmap_id,
                "budget_before": money_of(totals.budget_before),
                "budget_after": money_of(totals.budget_after),
                "campaign_budgets": _before_after(totals.before, totals.after),
            }
            for roadmap_id, totals in changes.roadmaps.items()
            if totals.before != totals.after or money_of(totals.budget_before) != money_of(totals.budget_after)
        ],
        "documents": [_document_changes_data(doc) for doc in changes.documents],
    }
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, indent=2, default=str) + "\n"


def _side_data(side: Side | None) -> dict | None:
    if side is None:
        return None
    return {"revision": side.label, "commit": side.commit, "valid": not side.errors, "errors": [p.as_data(severity=False) for p in side.errors], "warnings": side.warnings}


def _before_after(before: dict[str, float], after: dict[str, float]) -> dict:
    return {currency: {"before": before.get(currency, 0), "after": after.get(currency, 0)} for currency in sorted(before.keys() | after.keys())}


def _document_changes_data(doc: DocumentChanges) -> dict:
    item = {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "state": doc.state,
        "source_before": doc.before.source if doc.before else doc.source,
        "source_after": doc.after.source if doc.after else None,
    }
    if doc.kind == "campaign":
        item["roadmap"] = doc.roadmap
    if doc.state in (ADDED, REMOVED):
        item["document"] = document_data(doc.after or doc.before, derived=False)
    fields = lambda c: (("change", c.what), ("item", c.item), ("before", c.before), ("after", c.after), ("days", c.days))
    item["changes"] = [{key: plain(value, derived=False) for key, value in fields(c) if value is not None or key in ("before", "after")} for c in doc.changes]
    return item
