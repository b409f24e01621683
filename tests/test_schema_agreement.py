"""The schema and the validator give the same verdict on every field of generated documents.

Each document is a kind and some of its fields, each given a value drawn from
one pool of YAML written on one line: good and bad text, numbers, dates, ids,
lists and mappings, so every field meets values of every type. The validator's
problems are mapped to the field they are about (by line, or by the field a
`missing-field` names); the schema's errors by their path. Only what
`schema.LIMITS` says JSON Schema cannot express is excused, and each excused
value says which limit it meets.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import front, read
from milepost.core import schema
from milepost.core.fields import FIELDS, Id, ListOf
from milepost.core.yaml12 import compose, to_python

VALIDATOR = Draft202012Validator(schema.json_schema())
CALENDAR, NOTATION = schema.LIMITS[1], schema.LIMITS[2]

POOL = [
    # text
    "Launch", '"Launch"', '""', '"  "', "'1.10'", "1.10", "2027", "true", "no", "~", ".nan", ".inf", "-.inf", "1e400",
    "0x+1F", "\u0661\u0662", '"\u0661\u0662"', "Année 中文",
    # numbers
    "0", "-5", "50", "100", "101", "2.5", "1_000", '"1000"', "0o17", "0x1f",
    # dates
    "2027-02-15", "2027-02", "2027-Q1", "2027-13", "2027-Q5", "2027-00-10", "2027-02-32", "1026-01-01", "9999-12-31",
    "2199-12-31", "1900-01-01", "1899-12-31", '"2027-01-01"', "\u0662\u0660\u0662\u0667-\u0660\u0661-\u0660\u0661", "2027-1-5",
    "2027", "2027-W05", "2027-W54", "FY2027", "FY2027-Q1", "FY2027-Q5", "after c-launch", "after c-launch + 2w", "after C", "+6w", "+0d", "+ 10d",
    # ids and choices
    "g-users", "rm-2026", "Launch Plan", "010", "planned", "done", "campaign", "core", "low", "EUR", "eur",
    # lists
    "[a, b]", '[""]', '["  "]', "[g-users]", "[1, 2]", "[]", "[[a]]", "[{metric: CTR, target: 2.5}]", "[{metric: CTR, target: .nan}]",
    '[{metric: " ", target: 1}]', "[{title: Launch, date: 2027-02-15}]", "[{title: Launch, date: 2027-02}]", "[{risk: rain}]",
    "[{risk: rain, impact: huge}]", "[{title: A, start: 2027-01, end: 2027-02}]", "[{title: A, start: 2027-13, end: 2027-02}]",
    # mappings
    "{amount: 10}", "{amount: .inf}", "{amount: -1}", "{amount: 10, currency: usd}", "{amount: 10, spent: 2}", "{a: .nan}",
    "{a: 1}", "{a: [1, {b: -.inf}]}", "{}", "{amount: '10'}",
]
EXCUSED = {  # value -> the limit it meets, and for which fields
    "2027-02-30": (CALENDAR, None),
    "2027-04-31": (CALENDAR, None),
    "[{title: Launch, date: 2027-02-29}]": (CALENDAR, None),
    "2026-W53": (CALENDAR, None),
    "0x1F": (NOTATION, Id),
    "1.5e3": (NOTATION, Id),
    "+7": (NOTATION, Id),
    "1e400": (NOTATION, Id),
}
ALL_VALUES = POOL + [value for value in EXCUSED if value not in POOL]
def field_of_problem(problem, kind: str, lines: dict[int, str]) -> str:
    """A document's missing field is reported where the document starts; anything else where it is."""
    if problem.code == "missing-field" and (named := re.match(rf"an? {kind} needs '(\w+)'", problem.message)):
        return named[1]
    return lines[problem.line]


def field_of_error(error) -> str:
    if error.absolute_path:
        return str(error.absolute_path[0])
    if error.validator == "required":
        return re.match(r"'(\w+)'", error.message)[1]
    if error.validator == "additionalProperties":
        return re.search(r"\('(\w+)' was", error.message)[1]
    return "<document>"


def excused(name: str, kind: str, value: str) -> bool:
    if value not in EXCUSED:
        return False
    _, only = EXCUSED[value]
    spec = FIELDS[kind].get(name)
    field_type = spec.type.item if spec and isinstance(spec.type, ListOf) else spec.type if spec else None
    return only is None or isinstance(field_type, only)


@st.composite
def documents(draw):
    kind = draw(st.sampled_from(sorted(FIELDS)))
    names = draw(st.lists(st.sampled_from([n for n in FIELDS[kind] if n != "kind"] + ["colour"]), unique=True, max_size=12))
    return kind, {name: draw(st.sampled_from(ALL_VALUES)) for name in names}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_schema_and_validator_agree_field_by_field(document):
    kind, values = document
    text = front(kind, **values)
    lines = {number: line.split(":", 1)[0] for number, line in enumerate(text.splitlines(), 1)}
    _, problems = read(text)
    refused_by_validator = {field_of_problem(p, kind, lines) for p in problems if p.is_error}
    root, issues = compose(text.split("---\n")[1], first_line=2)
    assert issues == []
    refused_by_schema = {field_of_error(error) for error in VALIDATOR.iter_errors(to_python(root))}
    for name in set(values) | set(FIELDS[kind]):
        if excused(name, kind, values.get(name, "")):
            continue
        assert (name in refused_by_validator) == (name in refused_by_schema), (
            f"{kind}.{name}: {values.get(name, '<absent>')!r}: validator {'refuses' if name in refused_by_validator else 'accepts'}, "
            f"schema {'refuses' if name in refused_by_schema else 'accepts'}\n" + "\n".join(map(str, problems))
        )


def test_the_issue_examples_now_agree():
    """The cases the schema and the validator used to disagree on."""
    for values in ({"title": "1.10"}, {"title": "2027"}, {"id": "2027"}, {"target": ".nan"}, {"target": ".inf"}, {"deadline": "2027-13"}):
        text = front("goal", **{"id": "g-x", "title": "T", "owner": "O", "metric": "m", "target": "1", "deadline": "2027-01", **values})
        _, problems = read(text)
        root, _ = compose(text.split("---\n")[1], first_line=2)
        errors = list(VALIDATOR.iter_errors(to_python(root)))
        assert bool([p for p in problems if p.is_error]) == bool(errors), (values, problems, [e.message for e in errors])


def test_what_json_schema_cannot_say_is_in_the_schema_description():
    description = schema.json_schema()["description"]
    assert "2027-02-30" in description and "0x1F" in description and "references" in description
