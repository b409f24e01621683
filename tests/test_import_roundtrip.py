"""The site's plan.csv imports back into the campaigns it was exported from, on generated sites."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milepost.core.validate import check
from milepost.importer.command import Request, run
from milepost.site.export import to_csv

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789中文测试營銷é=+-@ .:()"
TEXT = st.text(alphabet=LETTERS, min_size=1, max_size=24).map(str.strip).filter(bool)
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz市场设计部 -", min_size=1, max_size=12).map(str.strip).filter(bool)
SLUG = st.from_regex(r"[a-z][a-z0-9]{2,10}", fullmatch=True)
AMOUNT = st.one_of(st.integers(0, 10**9), st.integers(0, 10**7).map(lambda n: n / 100))
DAY = st.dates(date(2020, 1, 1), date(2030, 12, 31))


def _quote(value) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _flow(item: dict) -> str:
    return "{" + ", ".join(f"{k}: {_quote(v)}" for k, v in item.items()) + "}"


@st.composite
def campaigns(draw, ident: str, roadmap: str, goals: list[str]) -> dict:
    start = draw(DAY)
    data = {
        "kind": "campaign", "id": ident, "title": draw(TEXT), "owner": draw(TEXT), "roadmap": roadmap,
        "start": start.isoformat(), "end": (start + timedelta(days=draw(st.integers(0, 400)))).isoformat(),
        "status": draw(st.sampled_from(["planned", "in-progress", "at-risk", "delayed", "done", "cancelled"])),
    }
    chosen = draw(st.lists(st.sampled_from(goals), unique=True, max_size=2))
    if chosen:
        data["goals"] = "[" + ", ".join(chosen) + "]"
    for name in ("teams", "channels"):
        names = draw(st.lists(NAME, unique=True, max_size=3))
        if names:
            data[name] = "[" + ", ".join(map(_quote, names)) + "]"
    if draw(st.booleans()):
        data["progress"] = draw(st.integers(0, 100))
    if draw(st.booleans()):
        budget = {"amount": draw(AMOUNT), "currency": draw(st.sampled_from(["EUR", "CNY", "USD", "SEK"]))}
        if draw(st.booleans()):
            budget["spent"] = draw(AMOUNT)
        data["budget"] = _flow(budget)
    kpis = draw(st.lists(st.fixed_dictionaries({"metric": TEXT, "target": AMOUNT}, optional={"actual": AMOUNT, "unit": NAME}), max_size=2))
    if kpis:
        data["kpis"] = "[" + ", ".join(map(_flow, kpis)) + "]"
    risks = draw(st.lists(st.fixed_dictionaries({"risk": TEXT}, optional={"contingency": TEXT}), max_size=2))
    if risks:
        data["risks"] = "[" + ", ".join(map(_flow, risks)) + "]"
    return data


def _markdown(data: dict) -> str:
    raw = ("goals", "teams", "channels", "budget", "kpis", "risks", "progress", "start", "end", "kind", "id", "roadmap", "status")
    lines = [f"{k}: {v if k in raw else _quote(v)}" for k, v in data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


@st.composite
def sites(draw) -> dict[str, str]:
    ids = draw(st.lists(SLUG, min_size=4, max_size=8, unique=True))
    goals, roadmaps, rest = ids[:1], ids[1:3], ids[3:]
    files = {}
    for goal in goals:
        files[f"goals/{goal}.md"] = f"---\nkind: goal\nid: {goal}\ntitle: G\nowner: O\nmetric: m\ntarget: 10\ndeadline: 2031-01-01\n---\n"
    for roadmap in roadmaps:
        files[f"{roadmap}/index.md"] = f"---\nkind: roadmap\nid: {roadmap}\ntitle: R {roadmap}\nowner: O\ntype: campaign\nstart: 2019-01-01\nend: 2032-12-31\n---\n"
    for ident in rest:
        roadmap = draw(st.sampled_from(roadmaps))
        files[f"{roadmap}/{ident}.md"] = _markdown(draw(campaigns(ident, roadmap, goals)))
    return files


FIELDS = ("id", "title", "owner", "roadmap", "start", "end", "status", "goals", "teams", "channels", "progress", "budget", "kpis", "risks")


def _essence(campaign) -> dict:
    data = {name: getattr(campaign, name) for name in FIELDS}
    if campaign.budget:
        data["budget"] = (campaign.budget.amount, campaign.budget.currency, campaign.budget.spent)
    data["kpis"] = [(k.metric, k.target, k.actual, k.unit) for k in campaign.kpis]
    data["risks"] = [(r.risk, r.contingency) for r in campaign.risks]
    return data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sites())
def test_plan_csv_imports_back_into_the_same_campaigns(files):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in files.items():
            (root / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "site" / name).write_text(text, encoding="utf-8")
        before = check(root / "site")
        assert not before.errors, before.errors
        (root / "plan.csv").write_bytes(to_csv(before.site, lambda source: source))
        for name, text in files.items():  # the goals and roadmaps are there; the campaigns come back from the CSV
            if "kind: campaign" not in text:
                (root / "again" / name).parent.mkdir(parents=True, exist_ok=True)
                (root / "again" / name).write_text(text, encoding="utf-8")
        (root / "again").mkdir(exist_ok=True)
        out = io.StringIO()
        roadmap = before.site.roadmaps[0].id
        code = run(Request(root / "plan.csv", roadmap, root / "again", "EUR"), out)
        assert code == 0, out.getvalue()
        after = check(root / "again")
        assert not after.errors, after.errors
        assert sorted(map(_essence, after.site.campaigns), key=lambda c: c["id"]) == sorted(map(_essence, before.site.campaigns), key=lambda c: c["id"])
        shutil.rmtree(root / "again")
        for name, text in files.items():  # only the goals: the roadmaps are made from plan.csv's roadmap columns
            if "kind: goal" in text:
                (root / "fresh" / name).parent.mkdir(parents=True, exist_ok=True)
                (root / "fresh" / name).write_text(text, encoding="utf-8")
        code = run(Request(root / "plan.csv", roadmap, root / "fresh", "EUR"), io.StringIO())
        fresh = check(root / "fresh")
        assert code == 0 and not fresh.errors, fresh.errors
        made = {(r.id, r.title) for r in fresh.site.roadmaps}
        assert made == {(r.id, r.title) for r in before.site.roadmaps if before.site.campaigns_of.get(r.id)}
        assert sorted(map(_essence, fresh.site.campaigns), key=lambda c: c["id"]) == sorted(map(_essence, before.site.campaigns), key=lambda c: c["id"])
