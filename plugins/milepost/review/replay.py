"""The docs dir replayed commit after commit, each commit compared by what it changed.

The What changed page describes the last commits of the branch. `diff_sites` on
the two whole sites of each commit gives the answer, but reads and indexes every
document twice per commit: at 5,000 campaigns that was half the history pass,
for commits that edit five files. Here the documents are kept by source and
updated with what a commit changed; its `Changes` come from the documents it
changed, the documents that share their ids, and the totals they feed (their
roadmaps' budget totals, the per-currency totals, which are summed again, in
the same order, only when a budget in them changed), equal to `diff_sites` on
the two whole sites (tested). Where relative dates are (`after:`, `+6w`), an
edit can move documents it did not change: such a commit is compared whole.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field

from milepost.core import budgets
from milepost.core.model import Budget, Campaign, Document, Roadmap, Site
from milepost.core.problems import ERROR
from milepost.core.validate import settle
from milepost.review.compare import ADDED, MODIFIED, PROSE, REMOVED, UNREADABLE, Changes, DocumentChanges, RoadmapTotals, compare, diff_sites

Answer = tuple  # (document or None, problems): what `load.read_document` made of a file


@dataclass(slots=True)
class _Roadmaps:
    """What the comparison reads of a roadmap id on one side: its campaigns' totals, its own budget."""

    amounts: dict[str, dict[str, float]]  # roadmap id -> its campaigns' budgets per currency, for ids with campaigns
    budgets: dict[str, Budget | None]  # roadmap id -> the budget of the roadmap holding it first


@dataclass(slots=True)
class Docs:
    """The documents of the docs dir at one commit, by source, with what a comparison looks up indexed."""

    documents: dict[str, Document] = field(default_factory=dict)  # source -> document
    unreadable: set[str] = field(default_factory=set)  # sources with errors that give no document
    holders: dict[str, list[str]] = field(default_factory=dict)  # id -> the sources holding it, sorted
    members: dict[str, dict[str, Campaign]] = field(default_factory=dict)  # roadmap id -> source -> campaign
    roadmaps: dict[str, Roadmap] = field(default_factory=dict)  # source -> roadmap
    relative: set[str] = field(default_factory=set)  # sources whose campaign has relative dates
    _amounts: dict[str, dict[str, float]] = field(default_factory=dict)  # roadmap id -> budgets.amounts of its members
    _totals: dict[str, float] | None = None  # budgets.amounts of every campaign, sources sorted

    def site(self) -> Site:
        """The whole site, settled as `Reader.site` settles it."""
        return settle([self.documents[source] for source in sorted(self.documents)])[0]

    def edit(self, answers: dict[str, Answer | None]) -> Changes:
        """Apply a commit (source -> what it holds now, None when it holds no file) and say what changed."""
        before = {source: self.documents.get(source) for source in answers}
        after = {source: None if answer is None else answer[0] for source, answer in answers.items()}
        if self.relative or any(_relative(doc) for doc in after.values()):
            return self._whole(answers)
        ids = {doc.id for doc in (*before.values(), *after.values()) if doc is not None and doc.id}
        touched = ids | {doc.roadmap for doc in (*before.values(), *after.values()) if isinstance(doc, Campaign) and doc.roadmap}
        old_keys, old_roadmaps, old_titles = self._keyed(ids, before), self._roadmaps(touched), self._firsts(ids)
        old_starts, old_totals, unreadable_before = self._starts(), self.totals(), set(self.unreadable)
        self.apply(answers)
        if any(_budget_key(before[source]) != _budget_key(after[source]) for source in answers):
            self._totals = None
        new_keys = self._keyed(ids, after)
        documents = _documents(old_keys, new_keys, self.unreadable)
        for source in sorted(answers):  # a file the commit did not change gives what it gave
            if source in self.unreadable and source not in unreadable_before and before[source] is None:
                documents.append(DocumentChanges(f"@{source}", "document", UNREADABLE, source=source))
        firsts = self._firsts(None)
        titles = {ident: doc.title or ident for ident, doc in firsts.items()}
        titles.update((ident, doc.title or ident) for ident, doc in old_titles.items() if ident not in titles)
        return Changes(
            documents=documents,
            roadmaps=self._totals_of(old_roadmaps, self._roadmaps(touched), touched, firsts),
            totals_before=old_totals,
            totals_after=self.totals(),
            titles=titles,
            starts={**old_starts, **self._starts()},
        )

    def _whole(self, answers: dict[str, Answer | None]) -> Changes:
        earlier, unreadable_before = self.site(), set(self.unreadable)
        self.apply(answers)
        self._totals = None
        return diff_sites(earlier, self.site(), unreadable_before=unreadable_before, unreadable_after=self.unreadable)

    def apply(self, answers: dict[str, Answer | None]) -> None:
        """What the files of `answers` hold now (None: no file), without comparing."""
        for source, answer in answers.items():
            self._drop(source)
            if answer is None:
                continue
            doc, problems = answer
            if doc is None:
                if any(problem.severity == ERROR for problem in problems):
                    self.unreadable.add(source)
                continue
            self.documents[source] = doc
            if doc.id:
                insort(self.holders.setdefault(doc.id, []), source)
            if isinstance(doc, Campaign) and doc.roadmap:
                self.members.setdefault(doc.roadmap, {})[source] = doc
                self._amounts.pop(doc.roadmap, None)
            if isinstance(doc, Roadmap):
                self.roadmaps[source] = doc
            if _relative(doc):
                self.relative.add(source)

    def _drop(self, source: str) -> None:
        self.unreadable.discard(source)
        self.relative.discard(source)
        self.roadmaps.pop(source, None)
        doc = self.documents.pop(source, None)
        if doc is not None and doc.id:
            held = self.holders[doc.id]
            held.remove(source)
            if not held:
                del self.holders[doc.id]
        if isinstance(doc, Campaign) and doc.roadmap:
            members = self.members[doc.roadmap]
            del members[source]
            if not members:
                del self.members[doc.roadmap]
            self._amounts.pop(doc.roadmap, None)

    def _keyed(self, ids: set[str], docs: dict[str, Document | None]) -> dict[str, Document]:
        """`compare._keyed` of the whole site, for the documents holding `ids` and those of `docs` without one."""
        keyed: dict[str, Document] = {}
        for ident in ids:
            for index, source in enumerate(self.holders.get(ident, ())):
                keyed.setdefault(ident if index == 0 else f"@{source}", self.documents[source])
        for source, doc in docs.items():
            if doc is not None and not doc.id:
                keyed.setdefault(f"@{source}", doc)
        return keyed

    def _firsts(self, ids: set[str] | None) -> dict[str, Document]:
        """Id -> the document holding it first (`Site.by_id`), for `ids` (None: every id)."""
        wanted = self.holders if ids is None else {ident: self.holders[ident] for ident in ids if ident in self.holders}
        return {ident: self.documents[held[0]] for ident, held in wanted.items()}

    def _roadmaps(self, ids: set[str]) -> _Roadmaps:
        """The totals and budgets of roadmap ids `ids`, as they are now."""
        amounts = {ident: self.amounts(ident) for ident in ids if ident in self.members}
        firsts = self._firsts(ids)
        return _Roadmaps(amounts, {ident: doc.budget for ident, doc in firsts.items() if isinstance(doc, Roadmap)})

    def amounts(self, roadmap: str) -> dict[str, float]:
        """`budgets.amounts` of the roadmap's campaigns, sources sorted (as `Site.campaigns_of` lists them)."""
        if roadmap not in self._amounts:
            members = self.members[roadmap]
            self._amounts[roadmap] = budgets.amounts([members[source] for source in sorted(members)])
        return self._amounts[roadmap]

    def totals(self) -> dict[str, float]:
        """`budgets.amounts` of every campaign, sources sorted: summed again only when a budget in it changed."""
        if self._totals is None:
            self._totals = budgets.amounts([doc for source, doc in sorted(self.documents.items()) if isinstance(doc, Campaign)])
        return self._totals

    def _starts(self) -> dict[str, object]:
        return {doc.id: doc.start for _, doc in sorted(self.roadmaps.items()) if doc.id and doc.start}

    def _totals_of(self, old: _Roadmaps, new: _Roadmaps, touched: set[str], firsts: dict[str, Document]) -> dict[str, RoadmapTotals]:
        """`Changes.roadmaps`: every roadmap id of either side; those the commit did not touch are the same on both."""
        every = set(self.members) | {ident for ident, doc in firsts.items() if isinstance(doc, Roadmap)} | set(old.amounts) | set(old.budgets)
        found = {}
        for ident in sorted(every):
            sides = (old, new) if ident in touched else (None, None)
            totals = RoadmapTotals(ident)
            for side, known in zip(("before", "after"), sides):
                amounts = known.amounts if known else ({ident: self.amounts(ident)} if ident in self.members else {})
                owned = known.budgets if known else ({ident: firsts[ident].budget} if isinstance(firsts.get(ident), Roadmap) else {})
                if ident in amounts:
                    setattr(totals, side, amounts[ident])
                if ident in owned:
                    setattr(totals, f"budget_{side}", owned[ident])
            found[ident] = totals
        return found


def _documents(old: dict[str, Document], new: dict[str, Document], unreadable_after: set[str]) -> list[DocumentChanges]:
    """`diff_sites`' walk over the keys, for the keys a commit touched."""
    documents = []
    for key in sorted(old.keys() | new.keys()):
        b, a = old.get(key), new.get(key)
        if b is None:
            documents.append(DocumentChanges(key, a.kind, ADDED, after=a))
        elif a is None:
            state = UNREADABLE if b.source in unreadable_after else REMOVED
            documents.append(DocumentChanges(key, b.kind, state, before=b, source=b.source if state == UNREADABLE else None))
        elif b is not a:
            changes = compare(b, a)
            if changes:
                documents.append(DocumentChanges(key, a.kind, PROSE if all(c.what == "prose" for c in changes) else MODIFIED, changes, b, a))
    return documents


def _relative(doc: Document | None) -> bool:
    """Dates `relative.resolve` would resolve: they depend on other documents."""
    if not isinstance(doc, Campaign):
        return False
    return any(item.after is not None or item.duration is not None for item in (doc, *doc.activities))


def _budget_key(doc: Document | None) -> tuple | None:
    """What a document adds to the per-currency totals: when equal before and after, the sums are too."""
    if not isinstance(doc, Campaign) or doc.budget is None:
        return None
    return doc.budget.currency, repr(doc.budget.amount)
