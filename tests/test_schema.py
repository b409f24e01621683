"""`milepost schema`: a valid draft 2020-12 schema that agrees with the validator.

It may say less than the validator (it cannot see other files), never
something different: what the validator accepts, the schema accepts, and the
bad front matter below is refused by both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import campaign, clean_site, goal, read, roadmap
from milepost.core import model
from milepost.core.schema import json_schema
from milepost.core.yaml12 import Map, compose, to_python

EXAMPLES = Path(__file__).resolve().parent.parent / "roadmaps"
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.MULTILINE | re.DOTALL)

SCHEMA = json_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def front_matter(text: str) -> object:
    """The front matter as an editor sees it: YAML 1.2 read by the project's own reader, as plain data."""
    match = _FRONT.match(text.lstrip("\ufeff").replace("\r\n", "\n"))
    assert match, "no front matter"
    root, issues = compose(match[1], first_line=2)
    assert issues == [], issues
    return to_python(root) if isinstance(root, Map) else root


def schema_errors(data) -> list[str]:
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(data))


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_knows_every_kind_and_its_required_fields():
    defs = {kind: schema for kind, schema in SCHEMA["$defs"].items() if kind in model.KINDS}
    assert {kind: defs[kind]["required"] for kind in defs} == {
        "goal": ["kind", "id", "title", "owner", "metric", "target", "deadline"],
        "roadmap": ["kind", "id", "title", "owner", "type", "start", "end"],
        "campaign": ["kind", "id", "title", "owner", "roadmap", "start", "end"],
        "calendar": ["kind", "id", "title", "owner", "dates"],
    }
    assert all(defs[kind]["additionalProperties"] is False for kind in defs)


def example_files() -> list[Path]:
    if not EXAMPLES.is_dir():
        return []
    files = [path for path in sorted(EXAMPLES.rglob("*")) if path.suffix.lower() in (".md", ".markdown") and path.is_file()]
    return [path for path in files if re.match(r"---[ \t]*\r?\n", path.read_text(encoding="utf-8-sig"))]


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no example roadmaps/ folder in the repository yet")
def test_every_example_document_validates_against_the_schema():
    checked = 0
    failures = {}
    for path in example_files():
        data = front_matter(path.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict) or "kind" not in data:
            continue
        checked += 1
        errors = schema_errors(data)
        if errors:
            failures[str(path.relative_to(EXAMPLES))] = errors
    assert failures == {}
    if checked == 0:
        pytest.skip("roadmaps/ has no roadmap documents yet")


@pytest.mark.parametrize("name, text", sorted(clean_site().items()))
def test_test_site_documents_validate_against_the_schema(name, text):
    assert schema_errors(front_matter(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        goal(summary="", unit="", tags="", extra=""),  # optional fields left empty count as absent
        campaign(budget="{amount: 10, spent: }", risks="\n  - risk: rain\n    contingency: tents\n    impact:"),
        goal(owner="no", title="'1.10'", deadline="'2026-Q3'"),
        roadmap(start="2026-Q1", end="2026-12-31", milestones="\n  - {title: Launch, date: 2026-03-03, done: false}"),
    ],
    ids=["empty-optional", "empty-nested-optional", "yaml-1.2-strings", "date-forms"],
)
def test_what_the_validator_accepts_the_schema_accepts(text):
    _, problems = read(text)
    assert problems == []
    assert schema_errors(front_matter(text)) == []


BAD = {
    "unknown-key": (goal(colour="red"), "Additional properties are not allowed ('colour' was unexpected)"),
    "unknown-nested-key": (campaign(kpis="\n  - {metric: leads, target: 5, targt: 6}"), "kpis/0: Additional properties are not allowed ('targt' was unexpected)"),
    "wrong-status": (goal(status="finished"), "status: 'finished' is not one of"),
    "wrong-roadmap-type": (roadmap(type="blog"), "type: 'blog' is not one of"),
    "wrong-impact": (campaign(risks="\n  - {risk: rain, impact: huge}"), "risks/0/impact: 'huge' is not one of"),
    "unknown-kind": (goal().replace("kind: goal", "kind: gaol"), "kind: 'gaol' is not one of ['goal', 'roadmap', 'campaign', 'calendar']"),
    "target-not-number": (goal(target="lots"), "target: 'lots' is not of type 'number'"),
    "tags-not-list": (goal(tags="social"), "tags: 'social' is not of type 'array'"),
    "done-not-boolean": (roadmap(milestones="\n  - {title: Go, date: 2026-03-03, done: yes}"), "milestones/0/done"),
    "progress-over-100": (campaign(progress="150"), "progress: 150 is greater than the maximum of 100"),
    "negative-budget": (campaign(budget="-5"), "budget: -5 is not valid under any of the given schemas"),
    "bad-currency": (campaign(budget="{amount: 5, currency: euro}"), "budget: {'amount': 5, 'currency': 'euro'} is not valid under any of the given schemas"),
    "missing-required": (goal(metric=None), ": 'metric' is a required property"),
    "missing-nested-required": (campaign(kpis="\n  - {metric: leads}"), "kpis/0: 'target' is a required property"),
    "required-left-empty": (goal(owner=""), "owner: None is not of type 'string'"),
    "bad-id": (goal("Users_2026"), "id: 'Users_2026' does not match"),
    "bad-date-words": (goal(deadline="next week"), "deadline: 'next week' does not match"),
    "bad-date-slashes": (roadmap(start="07/01/2026"), "start: '07/01/2026' does not match"),
    "bad-quarter": (campaign(end="2026-Q5"), "end: '2026-Q5' does not match"),
    "milestone-month": (roadmap(milestones="\n  - {title: Go, date: 2026-03}"), "milestones/0/date: '2026-03' does not match"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_front_matter_is_rejected_by_the_schema_and_the_validator(case):
    text, expected = BAD[case]
    errors = schema_errors(front_matter(text))
    assert any(expected in error for error in errors), errors
    _, problems = read(text)
    assert any(problem.is_error for problem in problems)
