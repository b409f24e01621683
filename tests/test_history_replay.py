"""The What changed page's commits are compared by what each changed (`review.replay`): the answer
must be the one `diff_sites` gives on the two whole sites, whatever the commits do."""

from __future__ import annotations

import random

import pytest

from milepost.review.compare import diff_sites
from milepost.review.history import Reader
from milepost.review.replay import Docs
from milepost.review.report import described

ROADMAP = "---\nkind: roadmap\nid: {id}\ntitle: Plan {id}\ntype: channel\nowner: Ann\nstart: {start}\nend: 2027-12-31\nbudget: {budget}\n---\n"
CAMPAIGN = (
    "---\nkind: campaign\nid: {id}\ntitle: {title}\nowner: Bo\nroadmap: {roadmap}\nstart: {start}\nend: {end}\n"
    "budget:\n  amount: {amount}\n  currency: {currency}\nkpis:\n  - {{metric: Leads, target: 100, actual: {actual}}}\n---\n{body}\n"
)
RELATIVE = "---\nkind: campaign\nid: {id}\ntitle: Follows\nowner: Bo\nroadmap: r1\nstart: after {after} + 1w\nend: +2w\nbudget: 500\n---\n"
BROKEN = "---\nkind: campaign\nid: [oops\n---\n"
GOAL = "---\nkind: goal\nid: {id}\ntitle: Goal {id}\nmetric: Users\nbaseline: 0\ntarget: 100\ncurrent: {current}\ndeadline: 2027-12-31\n---\n"


def campaign(rng: random.Random, ident: str) -> str:
    return CAMPAIGN.format(
        id=ident,
        title=rng.choice(["Launch", "Teaser", "Webinar"]),
        roadmap=rng.choice(["r1", "r2", "r3"]),
        start=rng.choice(["2027-02-01", "2027-03-01"]),
        end=rng.choice(["2027-04-30", "2027-05-31"]),
        amount=rng.choice([1000, 2500.5, 0.1, 0.2, 7000]),
        currency=rng.choice(["EUR", "EUR", "CNY"]),
        actual=rng.randint(0, 9),
        body=rng.choice(["", "Some prose.", "Other prose."]),
    )


def edit(rng: random.Random, files: dict[str, bytes]) -> dict[str, bytes | None]:
    """One commit: a few files rewritten, added, removed, broken, given another's id or relative dates."""
    changed: dict[str, bytes | None] = {}
    for _ in range(rng.randint(1, 4)):
        source = rng.choice([*files, f"c/new{rng.randint(0, 30)}.md", f"r{rng.randint(1, 4)}.md", "g.md"])
        action = rng.random()
        if action < 0.1:
            changed[source] = None
        elif action < 0.15:
            changed[source] = BROKEN.encode()
        elif action < 0.2:
            changed[source] = RELATIVE.format(id=f"x{rng.randint(0, 3)}", after=rng.choice(["c0", "c1", "c9"])).encode()
        elif source.startswith("r"):
            changed[source] = ROADMAP.format(id=rng.choice(["r1", "r2", "r3", "r4"]), start=rng.choice(["2027-01-01", "2027-02-01"]), budget=rng.choice([9000, 12000.5])).encode()
        elif source == "g.md":
            changed[source] = GOAL.format(id=rng.choice(["g1", "c2"]), current=rng.randint(0, 99)).encode()
        else:
            changed[source] = campaign(rng, rng.choice([f"c{rng.randint(0, 12)}", "r2"])).encode()
    return changed


@pytest.mark.parametrize("seed", range(12))
def test_each_commit_compared_by_its_changes_is_what_the_whole_sites_give(seed):
    rng = random.Random(seed)
    reader = Reader("EUR", lambda source: f"docs/{source}")
    files = {f"c/{n}.md": campaign(rng, f"c{n}").encode() for n in range(10)}
    files |= {"r1.md": ROADMAP.format(id="r1", start="2027-01-01", budget=10000).encode(), "r2.md": ROADMAP.format(id="r2", start="2027-02-01", budget=5000).encode()}
    docs = Docs()
    docs.apply({source: reader.answer(source, data) for source, data in sorted(files.items())})
    whole_sites, seen = 0, set()
    for _ in range(40):
        changed = edit(rng, files)
        earlier = reader.site(dict(sorted(files.items())), "before", None)
        files = {source: data for source, data in {**files, **changed}.items() if data is not None}
        later = reader.site(dict(sorted(files.items())), "after", None)
        whole_sites += bool(docs.relative)
        found = docs.edit({source: None if data is None else reader.answer(source, data) for source, data in sorted(changed.items())})
        expected = diff_sites(earlier.site, later.site, unreadable_before=earlier.unreadable, unreadable_after=later.unreadable)
        assert found == expected
        assert described(found) == described(expected)
        seen |= {doc.state for doc in expected.documents} | ({"totals"} if expected.totals_before != expected.totals_after else set())
    assert {"added", "removed", "modified", "unreadable", "totals"} <= seen and whole_sites < 40
