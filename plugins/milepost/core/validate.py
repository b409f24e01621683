"""Rules that look across documents: ids, references, cycles, periods, budgets.

Per-field rules live with the fields (`fields.py`); what needs the whole site
lives here. Every rule is linear in the number of documents and links.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field

from milepost.core import bodies, budgets, cache, dates, relative, urls
from milepost.core.load import Loaded, displayer, load
from milepost.core.model import REFERENCES, Campaign, Document, Goal, Roadmap, Site
from milepost.core.problems import ERROR, WARNING, Problem, did_you_mean


@dataclass(slots=True)
class Checked:
    """A docs dir read and checked: the site model and every problem, sorted."""

    site: Site
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    unreadable: set[str] = field(default_factory=set)  # sources with errors that give no document

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def check(
    docs_dir: str | os.PathLike,
    currency: str = "EUR",
    memo: cache.Memo | None = None,
    directory_urls: bool = True,
    *,
    fiscal: dates.Fiscal = dates.CALENDAR_YEAR,
    require_retrospectives: bool = False,
    raw_html: bool = True,
) -> Checked:
    """Read and validate a docs dir as it is on disk: what the command line and the plugin call.

    With `memo`, files read before with the same content are not parsed again (see `load`).
    `directory_urls` is MkDocs' `use_directory_urls`: it decides which files share a page.
    Without `raw_html`, raw HTML and unsafe links in bodies are errors (see `bodies`).
    """
    loaded, display = load(docs_dir, currency, memo, fiscal), displayer(docs_dir)
    if not raw_html:
        loaded.problems += bodies.problems(docs_dir, [doc.source for doc in loaded.documents if doc.published] + loaded.pages, display)
    return checked(loaded, display, directory_urls, require_retrospectives)


def checked(loaded: Loaded, display, directory_urls: bool = True, require_retrospectives: bool = False) -> Checked:
    """The site of what was read, with every problem of its files and across its documents;
    `display(source)` is the path messages show.

    Git revisions (`review/revision.py`) and the working tree go through this and `load.read_files`
    alike: one pipeline, one cache.
    """
    site, resolving = settle(loaded.documents)
    problems = loaded.problems + resolving + validate(site, require_retrospectives) + same_page(site, loaded.pages, display, directory_urls)
    return Checked(site, sorted(set(problems)), loaded.files, loaded.unreadable)


def settle(documents: list[Document]) -> tuple[Site, list[Problem]]:
    """The site of `documents` with relative dates resolved: what every other rule looks at."""
    resolved, problems = relative.resolve(sorted(documents, key=lambda doc: doc.source))
    return Site(resolved), problems


def same_page(site: Site, pages: list[str], shown, directory_urls: bool = True) -> list[Problem]:
    """A roadmap document whose page another file's page would replace: an error at each
    document, naming the others as `shown(source)` gives their path."""
    documents = {doc.source: doc for doc in site.documents if doc.published}
    problems = []
    for group in urls.meetings([*documents, *pages], directory_urls):
        for source in group:
            if (doc := documents.get(source)) is None:
                continue
            others = ", ".join(shown(o) for o in group if o != source)
            url = urls.page_path(source, directory_urls).removesuffix("index.html")
            problems.append(Problem(doc.path, *doc.at, ERROR, f"this page and {others} would both be published at '{url}', and one would replace the other: rename or move one", "same-url"))
    return problems


def validate(site: Site, require_retrospectives: bool = False) -> list[Problem]:
    """Every cross-document problem of `site` (its relative dates resolved, see `settle`)."""
    problems: list[Problem] = []

    def report(doc: Document, where: str | tuple[int, int], severity: str, message: str, code: str) -> None:
        """`where` is a field name (`goals.2` for a list item) or a nested item's own position."""
        line, col = doc.where(where) if isinstance(where, str) else where
        problems.append(Problem(doc.path, line, col, severity, message, code))

    _duplicate_ids(site, report)
    _references(site, report)
    _cycles(site, "depends_on", "dependency cycle", "dependency-cycle", report)
    _cycles(site, "parent", "goal hierarchy cycle", "parent-cycle", report)
    _periods(site, report)
    _budgets(site, report)
    _contributions(site, report)
    if require_retrospectives:
        _retrospectives(site, report)
    return problems


def _duplicate_ids(site: Site, report) -> None:
    holders: dict[str, list[Document]] = defaultdict(list)
    for doc in site.documents:
        if doc.id:
            holders[doc.id].append(doc)
    for ident, docs in holders.items():
        for doc in docs if len(docs) > 1 else ():
            others = ", ".join(f"{o.path}:{o.where('id')[0]}" for o in docs if o is not doc)
            report(doc, "id", ERROR, f"duplicate id '{ident}': also used by {others}", "duplicate-id")


def _references(site: Site, report) -> None:
    ids_of_kind: dict[str, list[str]] = defaultdict(list)
    for ident, doc in site.by_id.items():
        ids_of_kind[doc.kind].append(ident)
    for doc in site.documents:
        for cls, name, kind in REFERENCES:
            if not isinstance(doc, cls):
                continue
            value = getattr(doc, name)
            for index, ref in enumerate(value if isinstance(value, list) else [value] if value else []):
                where = f"{name}.{index}" if isinstance(value, list) else name
                target = site.by_id.get(ref)
                says = f"'{name}' names"
                if isinstance(doc, Campaign) and doc.dependency_implied and name == "depends_on" and index == len(value) - 1:
                    says = "'start' follows"  # the dependency is implied by `start: after ID`
                if target is None:
                    report(doc, where, ERROR, f"{says} '{ref}', but no {kind} has that id{did_you_mean(ref, ids_of_kind[kind])}", "unknown-reference")
                elif target.kind != kind:
                    report(doc, where, ERROR, f"{says} '{ref}', which is a {target.kind} ({target.path}), not a {kind}", "wrong-kind-reference")
                elif target is doc:
                    report(doc, where, ERROR, f"{says} this {kind} itself", "self-reference")


def _cycles(site: Site, name: str, label: str, code: str, report) -> None:
    """Report each cycle once, at the document of the cycle that sorts first. Iterative DFS."""
    def links(doc) -> list[str]:
        value = getattr(doc, name, None)
        refs = value if isinstance(value, list) else [value] if value else []
        return [ref for ref in refs if ref != doc.id and ref in site.by_id and getattr(site.by_id[ref], name, None) is not None]

    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in site.documents:
        if not start.id or start.id in state or getattr(start, name, None) is None or site.by_id[start.id] is not start:
            continue
        path = [start.id]
        stack = [iter(links(start))]
        state[start.id] = 1
        while stack:
            ref = next(stack[-1], None)
            if ref is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(ref) == 1:
                cycle = path[path.index(ref) :]
                first = min(cycle, key=lambda i: (site.by_id[i].path, i))
                turn = cycle.index(first)
                ring = cycle[turn:] + cycle[:turn] + [first]
                doc = site.by_id[first]
                where = f"{name}.{doc.depends_on.index(ring[1])}" if name == "depends_on" else name
                report(doc, where, ERROR, f"{label}: {' → '.join(ring)}", code)
            elif ref not in state:
                state[ref] = 1
                path.append(ref)
                stack.append(iter(links(site.by_id[ref])))


def _periods(site: Site, report) -> None:
    for campaign in site.campaigns:
        if campaign.start and campaign.end and campaign.end < campaign.start:
            report(campaign, "end", ERROR, f"ends {campaign.end} before it starts {campaign.start}", "end-before-start")
            continue
        roadmap = site.by_id.get(campaign.roadmap or "")
        if isinstance(roadmap, Roadmap) and roadmap.start and roadmap.end and campaign.start and campaign.end:
            if campaign.start < roadmap.start:
                report(campaign, "start", WARNING, f"starts {campaign.start}, before its roadmap '{roadmap.id}' starts {roadmap.start}", "outside-roadmap")
            if campaign.end > roadmap.end:
                report(campaign, "end", WARNING, f"ends {campaign.end}, after its roadmap '{roadmap.id}' ends {roadmap.end}", "outside-roadmap")
        for index, dep_id in enumerate(campaign.depends_on):
            dep = site.by_id.get(dep_id)
            if isinstance(dep, Campaign) and dep is not campaign and dep.end and campaign.start and campaign.start <= dep.end:
                report(
                    campaign,
                    f"depends_on.{index}",
                    WARNING,
                    f"starts {campaign.start}, but depends on '{dep_id}', which ends {dep.end}",
                    "starts-before-dependency",
                )
        for item in campaign.activities:
            if item.start and item.end and item.end < item.start:
                report(campaign, item.at, ERROR, f"activity '{item.title}' ends {item.end} before it starts {item.start}", "end-before-start")
    for roadmap in site.roadmaps:
        if roadmap.start and roadmap.end and roadmap.end < roadmap.start:
            report(roadmap, "end", ERROR, f"ends {roadmap.end} before it starts {roadmap.start}", "end-before-start")
    for calendar in site.calendars:
        for item in calendar.dates:
            if item.end < item.start:
                report(calendar, item.at, ERROR, f"key date '{item.title}' ends {item.end} before it starts {item.start}", "end-before-start")
    for goal in site.goals:
        if goal.start and goal.deadline and goal.deadline < goal.start:
            report(goal, "deadline", ERROR, f"has its deadline {goal.deadline} before it starts {goal.start}", "end-before-start")


def _budgets(site: Site, report) -> None:
    for roadmap in site.roadmaps:
        if roadmap.budget is None:
            continue
        totals = budgets.amounts(site.campaigns_of.get(roadmap.id or "", []))
        total = totals.get(roadmap.budget.currency, 0)
        if total > roadmap.budget.amount:
            currency = roadmap.budget.currency
            report(
                roadmap,
                "budget",
                WARNING,
                f"its campaigns' budgets add up to {total:,.0f} {currency}, over the roadmap's budget of {roadmap.budget.amount:,.0f} {currency} by {total - roadmap.budget.amount:,.0f}",
                "over-budget",
            )
    for campaign in site.campaigns:
        for risk in campaign.risks:
            if not risk.contingency:
                report(campaign, risk.at, WARNING, f"risk '{risk.risk}' has no contingency: say what the team will do if it happens", "risk-without-contingency")


def _contributions(site: Site, report) -> None:
    served = {goal_id for goal_id, docs in site.serving.items() if docs}
    for goal in site.goals:  # a goal whose child goals are served is served through them
        if goal.id not in served:
            continue
        parent = site.by_id.get(goal.parent or "")
        while isinstance(parent, Goal) and parent.id not in served:
            served.add(parent.id)
            parent = site.by_id.get(parent.parent or "")
    for goal in site.goals:
        if goal.id and goal.id not in served:
            report(goal, "id", WARNING, f"no campaign or roadmap contributes to goal '{goal.id}': name it in their 'goals'", "orphan-goal")
    for campaign in site.campaigns:
        if not campaign.goals:
            roadmap = site.by_id.get(campaign.roadmap or "")
            hint = f"; its roadmap serves {', '.join(roadmap.goals)}" if isinstance(roadmap, Roadmap) and roadmap.goals else ""
            report(campaign, "goals", WARNING, f"campaign '{campaign.id}' serves no goal: list the goals it contributes to in 'goals'{hint}", "campaign-without-goal")


def _retrospectives(site: Site, report) -> None:
    """With `require_retrospectives`: a done campaign owes the team its lessons."""
    for campaign in site.campaigns:
        if campaign.status == "done" and campaign.retrospective is None:
            report(
                campaign,
                "status",
                WARNING,
                f"campaign '{campaign.id}' is done but has no retrospective: add 'retrospective' with its result, process and strategy",
                "missing-retrospective",
            )
