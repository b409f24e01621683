"""The fields of each kind of roadmap document, and how each value is read.

One table serves three purposes: reading front matter into the model (with a
precise message for every wrong value), the JSON Schema for editors
(`milepost schema`), and the field reference in the docs. Add a field here
and all three follow.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable

from milepost.core import dates, model
from milepost.core.problems import did_you_mean
from milepost.core.yaml12 import Map, Node, Scalar, Seq, resolve_plain, to_python

INVALID = object()
"""Returned by a reader when the value was wrong (and a problem was reported)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_ID = re.compile(ID_PATTERN)
_CURRENCY = re.compile(r"[A-Z]{3}\Z")


class Reading:
    """What a reader needs besides the node: where to report, the site's currency."""

    def __init__(self, report: Callable[[int, int, str, str], None], currency: str, spans: dict | None = None):
        self.report = report
        self.currency = currency
        self.spans = spans  # where each top-level field was written; None inside nested items

    def wrong(self, node: Node, message: str, code: str = "wrong-type") -> object:
        self.report(node.line, node.col, message, code)
        return INVALID


def _shape(node: Node) -> str:
    if type(node) is Seq:
        return "a list"
    if type(node) is Map:
        return "a mapping"
    value = node.value
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if type(value) is float and not math.isfinite(value):
        return f"{node.text} ({_non_finite(node.text, value)})"
    if isinstance(value, (int, float)):
        return f"{node.text} (a number)"
    return f"'{value}'"


def _non_finite(text: str, value: float) -> str:
    """What a value JSON cannot hold is: `.nan` and `.inf` as written, or a number past a float's range."""
    if not text.lstrip("+-").startswith("."):
        return "too large for a number"
    return "YAML's not-a-number" if math.isnan(value) else "YAML's infinity"


def _blank(node: Node) -> bool:
    """Text of only spaces (or none at all): `title: ""`, `owner: "  "`."""
    return type(node) is Scalar and isinstance(node.value, str) and not node.value.strip()


class Type:
    """A kind of value. `read` returns the model's value or INVALID."""

    def read(self, node: Node, name: str, reading: Reading) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError


class Text(Type):
    """Any scalar, taken as written: `title: 1.10` stays '1.10', `owner: no` stays 'no'.

    So the schema takes numbers and booleans too: an editor's YAML reader sees `title: 2027` as a number."""

    def read(self, node, name, reading):
        if type(node) is not Scalar:
            return reading.wrong(node, f"'{name}' must be text, not {_shape(node)}")
        return node.text

    def schema(self):
        return {"type": ["string", "number", "boolean"]}


class Id(Text):
    """A slug, as written: `id: 010` is '010'. The schema takes whole numbers too, since an
    editor's YAML reader sees `id: 2027` as one; it cannot see how a number was written
    (`0x1F`, `1.5e3` are no slugs), which `SCHEMA_LIMITS` says."""

    def __init__(self, kind: str | None = None):
        self.kind = kind  # the kind a reference must point to; None for the document's own id

    def read(self, node, name, reading):
        text = Text.read(self, node, name, reading)
        if text is INVALID:
            return INVALID
        if type(node.value) is bool:
            return reading.wrong(node, f"'{name}' must be an id, not {_shape(node)}: quote it if you mean the id '{text}'", "invalid-id")
        if not _ID.fullmatch(text):
            slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
            hint = f"; for example '{slug}'" if slug and _ID.fullmatch(slug) else ""
            return reading.wrong(
                node,
                f"'{text}' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters{hint}",
                "invalid-id",
            )
        return text

    def schema(self):
        return {"type": ["string", "integer"], "pattern": ID_PATTERN, "minimum": 0, "maximum": 10**64 - 1}


class Choice(Text):
    def __init__(self, *choices: str):
        self.choices = choices

    def read(self, node, name, reading):
        text = Text.read(self, node, name, reading)
        if text is INVALID:
            return INVALID
        if text not in self.choices:
            return reading.wrong(
                node,
                f"'{text}' is not a valid {name}: use one of {', '.join(self.choices)}{did_you_mean(text, self.choices)}",
                "invalid-value",
            )
        return text

    def schema(self):
        return {"type": "string", "enum": list(self.choices)}


FINITE = {"minimum": -sys.float_info.max, "maximum": sys.float_info.max}
"""JSON has no NaN or infinity, so JSON Schema cannot say "finite" directly: these bounds refuse
`.inf`, and `NOT_NAN` refuses `.nan`, the one value that passes both `minimum: 0` and
`exclusiveMaximum: 0` (every comparison with NaN is false)."""
NOT_NAN = {"not": {"type": "number", "minimum": 0, "exclusiveMaximum": 0}}


class Number(Type):
    def __init__(self, minimum: float | None = None, maximum: float | None = None):
        self.minimum, self.maximum = minimum, maximum

    def read(self, node, name, reading):
        value = node.value if type(node) is Scalar else None
        if type(value) is float and not math.isfinite(value):
            return reading.wrong(node, f"'{name}' must be a finite number, not {_shape(node)}: JSON cannot hold it", "not-finite")
        if type(value) not in (int, float):
            hint = ""
            if type(node) is Scalar and isinstance(value, str):
                if not node.plain and _looks_numeric(value):
                    hint = " (remove the quotes)"
                elif _looks_numeric(value.replace(",", "").replace("_", "").replace(" ", "")):
                    hint = " (write it without separators, e.g. 50000)"
            return reading.wrong(node, f"'{name}' must be a number, not {_shape(node)}{hint}")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            return reading.wrong(node, f"'{name}' must be {self._range()}, not {node.text}", "invalid-value")
        return value

    def _range(self) -> str:
        """Words for the bounds; either may be absent (a budget has only a minimum)."""
        if self.maximum is None:
            return f"at least {self.minimum:g}"
        if self.minimum is None:
            return f"at most {self.maximum:g}"
        return f"between {self.minimum:g} and {self.maximum:g}"

    def schema(self):
        schema: dict = {"type": "number", **FINITE, **NOT_NAN}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


def _looks_numeric(text: str) -> bool:
    """A number as YAML 1.2 writes one (ASCII digits only: `float()` would take '١٢')."""
    value = resolve_plain(text)
    return type(value) in (int, float) and math.isfinite(value)


class Flag(Type):
    def read(self, node, name, reading):
        if type(node) is not Scalar or type(node.value) is not bool:
            return reading.wrong(node, f"'{name}' must be true or false, not {_shape(node)}")
        return node.value

    def schema(self):
        return {"type": "boolean"}


_YEAR = "(19|2[01])[0-9]{2}"  # dates.FIRST_YEAR to dates.LAST_YEAR
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"  # which months have a 29th, 30th or 31st is beyond a pattern: see schema.LIMITS
DAY_PATTERN = f"^{_YEAR}-{_MONTH}-{_DAY}$"
DATE_PATTERN = f"^{_YEAR}-({_MONTH}(-{_DAY})?|Q[1-4])$"


class When(Type):
    """A date. `role` picks the day it resolves to: a start's first, an end's last."""

    def __init__(self, role: str):
        self.role = role  # "start", "end" or "day"

    def read(self, node, name, reading):
        if type(node) is not Scalar or node.value is None:
            return reading.wrong(node, f"'{name}' must be a date, not {_shape(node)}", "invalid-date")
        try:
            period = dates.parse(node.text)
        except ValueError as error:
            return reading.wrong(node, str(error), "invalid-date")
        if self.role == "day":
            if not period.is_day:
                return reading.wrong(node, f"'{name}' must be a day such as {period.first.isoformat()}, not '{node.text}'", "invalid-date")
            return period.first
        return period.first if self.role == "start" else period.last

    def schema(self):
        if self.role == "day":
            return {"type": "string", "pattern": DAY_PATTERN, "description": "a day: YYYY-MM-DD"}
        return {"type": "string", "pattern": DATE_PATTERN, "description": "a day (2026-07-01), month (2026-07) or quarter (2026-Q3)"}


class ListOf(Type):
    def __init__(self, item: Type):
        self.item = item

    def read(self, node, name, reading):
        if type(node) is not Seq:
            example = getattr(self.item, "example", node.text if type(node) is Scalar else "")
            return reading.wrong(node, f"'{name}' must be a list{f' such as [{example}]' if example else ''}, not {_shape(node)}")
        values = []
        for index, item in enumerate(node.items):
            if _blank(item):
                reading.wrong(item, f"item {index + 1} of '{name}' is blank: remove it or write it", "blank-text")
                continue
            value = self.item.read(item, name, reading)
            if value is not INVALID:
                values.append(value)
                if reading.spans is not None and isinstance(self.item, Id):
                    reading.spans[f"{name}.{len(values) - 1}"] = (item.line, item.col)
        return values

    def schema(self):
        item = self.item.schema()
        if "string" in _types(item.get("type", [])) and "enum" not in item and "pattern" not in item:
            item["pattern"] = NON_BLANK
        return {"type": "array", "items": item}


class Free(Type):
    """Free-form data, kept as it is (`extra`), but for what JSON cannot hold: `.nan`, `.inf`, `1e400`."""

    def read(self, node, name, reading):
        if type(node) is not Map:
            return reading.wrong(node, f"'{name}' must be a mapping, not {_shape(node)}")
        refused = [scalar for scalar in _scalars(node) if type(scalar.value) is float and not math.isfinite(scalar.value)]
        for scalar in refused:
            reading.wrong(scalar, f"'{name}' holds {_shape(scalar)}, which JSON cannot hold: quote it to keep it as text", "not-finite")
        return INVALID if refused else to_python(node)

    def schema(self):
        return {"type": "object", "additionalProperties": {"$ref": f"#/$defs/{FREE_VALUE}"}}


FREE_VALUE = "free-value"
"""The name, in the schema's `$defs`, of any JSON value but a non-finite number, at any depth."""


def free_value_schema() -> dict:
    ref = {"$ref": f"#/$defs/{FREE_VALUE}"}
    return {
        "anyOf": [
            {"type": ["string", "boolean", "null"]},
            {"type": "number", **FINITE, **NOT_NAN},
            {"type": "array", "items": ref},
            {"type": "object", "additionalProperties": ref},
        ]
    }


def _scalars(node: Node):
    """Every scalar of a node tree, iteratively (free-form data may nest 32 deep)."""
    todo = [node]
    while todo:
        item = todo.pop()
        if type(item) is Scalar:
            yield item
        else:
            todo.extend(item.items if type(item) is Seq else (value for _, value in item.entries.values()))


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = False
    doc: str = ""


class Struct(Type):
    """A mapping of known fields, read into a model class."""

    def __init__(self, noun: str, cls: type, fields: dict[str, Field], example: str = ""):
        self.noun, self.cls, self.fields = noun, cls, fields
        self.example = example  # one written out, for messages: `{metric: CTR, target: 2.5}`

    def read(self, node, name, reading):
        if type(node) is not Map:
            return reading.wrong(node, f"each {self.noun} must be a mapping of {', '.join(self.fields)}, not {_shape(node)}")
        spans, reading.spans = reading.spans, None
        try:
            values, complete = read_fields(node, self.fields, self.noun, reading)
        finally:
            reading.spans = spans
        if not complete:
            return INVALID
        return self.cls(**{**self.defaults(reading), **values}, at=(node.line, node.col))

    def defaults(self, reading: Reading) -> dict:
        """Values that depend on the site rather than on the file."""
        return {}

    def schema(self):
        return object_schema(self.fields)


class BudgetType(Struct):
    """A number in the site's currency, or {amount, currency, spent}."""

    def __init__(self):
        super().__init__(
            "budget",
            model.Budget,
            {
                "amount": Field(Number(0), True, "the budget"),
                "currency": Field(Currency(), False, "ISO 4217 code; default: the site's currency"),
                "spent": Field(Number(0), False, "spent so far"),
            },
        )

    def read(self, node, name, reading):
        if type(node) is Scalar:
            amount = Number(0).read(node, name, reading)
            return INVALID if amount is INVALID else model.Budget(amount=amount, currency=reading.currency, at=(node.line, node.col))
        return super().read(node, name, reading)

    def defaults(self, reading):
        return {"currency": reading.currency}

    def schema(self):
        return {"oneOf": [Number(0).schema(), object_schema(self.fields)]}


class Currency(Text):
    def read(self, node, name, reading):
        text = Text.read(self, node, name, reading)
        if text is not INVALID and not _CURRENCY.match(text):
            return reading.wrong(node, f"'{text}' is not an ISO 4217 currency code such as EUR, USD or CNY", "invalid-value")
        return text

    def schema(self):
        return {"type": "string", "pattern": "^[A-Z]{3}$"}


def read_fields(node: Map, fields: dict[str, Field], noun: str, reading: Reading, other_fields=()) -> tuple[dict, bool]:
    """Read a mapping's entries by `fields`, reporting unknown keys and missing fields.

    Returns the valid values by name, and whether every required field is there and valid.
    """
    values: dict = {}
    complete = True
    for key, (key_node, value_node) in node.entries.items():
        spec = fields.get(key)
        if spec is None:
            hint = did_you_mean(key, fields)
            if not hint:
                owner = next((kind for kind, names in other_fields if key in names), None)
                hint = f" (it is a field of a {owner}, not of a {noun})" if owner else ""
            reading.report(key_node.line, key_node.col, f"unknown key '{key}' in {_article(noun)}{hint}", "unknown-key")
            continue
        if type(value_node) is Scalar and value_node.value is None:  # `key:` left empty counts as absent
            if spec.required:
                reading.report(value_node.line, value_node.col, f"'{key}' is required but empty", "missing-field")
                complete = False
            continue
        if spec.required and _blank(value_node):
            reading.report(value_node.line, value_node.col, f"'{key}' is required but blank", "missing-field")
            complete = False
            continue
        if reading.spans is not None:
            reading.spans[key] = (value_node.line, value_node.col)
        value = spec.type.read(value_node, key, reading)
        if value is INVALID:
            complete = complete and not spec.required
        else:
            values[key] = value
    for key, spec in fields.items():
        if spec.required and key not in node.entries:
            reading.report(node.line, node.col, f"{_article(noun)} needs '{key}' ({spec.doc})", "missing-field")
            complete = False
    return values, complete


def _empty(node: Node) -> bool:
    return type(node) is Scalar and node.value is None


def _at(node: Node) -> tuple[int, int]:
    return node.line, node.col


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def object_schema(fields: dict[str, Field]) -> dict:
    schema = {
        "type": "object",
        "properties": {name: _property_schema(spec) for name, spec in fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, spec in fields.items() if spec.required]
    if required:
        schema["required"] = required
    return schema


def _property_schema(spec: Field) -> dict:
    """An optional field may be left empty (`summary:`): `read_fields` takes that as absent, so must the schema."""
    schema = spec.type.schema()
    if spec.required and "string" in _types(schema.get("type", [])) and "enum" not in schema and "pattern" not in schema:
        schema["pattern"] = NON_BLANK
    if not spec.required:  # widened in place rather than with anyOf, which would blur editors' messages
        if "oneOf" in schema:
            schema["oneOf"] = [*schema["oneOf"], {"type": "null"}]
        else:
            schema["type"] = [*_types(schema["type"]), "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
    return {**schema, "description": spec.doc} if spec.doc else schema


def _types(type_: str | list) -> list:
    return [type_] if isinstance(type_, str) else type_


NON_BLANK = r"\S"
"""Required text, and each item of a list of text, must hold more than spaces."""

STATUS = Choice(*model.STATUSES)
LEVEL = Choice(*model.LEVELS)
BUDGET = BudgetType()

MILESTONE = Struct(
    "milestone",
    model.Milestone,
    {
        "title": Field(Text(), True, "what happens"),
        "date": Field(When("day"), True, "the day, YYYY-MM-DD"),
        "done": Field(Flag(), False, "reached already"),
    },
    "{title: Launch, date: 2026-07-01}",
)

class KeyDateType(Struct):
    """A key date: a day (`date`) or a period (`start` and `end`), never both, never neither."""

    def __init__(self):
        super().__init__(
            "key date",
            model.KeyDate,
            {
                "title": Field(Text(), True, "what happens, e.g. Double 11"),
                "date": Field(When("day"), False, "the day, YYYY-MM-DD; or give start and end"),
                "start": Field(When("start"), False, "first day of a period"),
                "end": Field(When("end"), False, "last day of a period"),
                "markets": Field(ListOf(Text()), False, "where it matters, e.g. China, Germany"),
            },
        )

    def read(self, node, name, reading):
        if type(node) is not Map:
            return super().read(node, name, reading)  # says what it should be
        spans, reading.spans = reading.spans, None
        try:
            values, complete = read_fields(node, self.fields, self.noun, reading)
        finally:
            reading.spans = spans
        given = [key for key in ("date", "start", "end") if key in node.entries and not _empty(node.entries[key][1])]
        what = f"key date '{values['title']}'" if "title" in values else "this key date"
        if "date" in given and len(given) > 1:
            reading.report(*_at(node.entries[given[1]][0]), f"{what} has a 'date' and a '{given[1]}': give one day as 'date', or a period as 'start' and 'end'", "invalid-value")
            return INVALID
        if given in ([], ["start"], ["end"]):
            missing = "'date' (a day) or 'start' and 'end' (a period)" if not given else f"'{'end' if given == ['start'] else 'start'}' too, or a single 'date'"
            reading.report(node.line, node.col, f"{what} needs {missing}", "missing-field")
            return INVALID
        if not complete or any(key not in values for key in given):
            return INVALID  # already reported
        if "date" in values:
            values["start"] = values["end"] = values["date"]
        return model.KeyDate(**values, at=(node.line, node.col))

    def schema(self):
        schema = object_schema(self.fields)
        schema["oneOf"] = [{"required": ["date"], "not": {"anyOf": [{"required": ["start"]}, {"required": ["end"]}]}}, {"required": ["start", "end"], "not": {"required": ["date"]}}]
        return schema


COMMON = {
    "kind": Field(Choice(*model.KINDS), True, "goal, roadmap, campaign or calendar"),
    "id": Field(Id(), True, "unique across the site: lower-case letters, digits, hyphens"),
    "title": Field(Text(), True, "any language"),
    "owner": Field(Text(), True, "the one accountable person or team"),
    "status": Field(STATUS, False, "default: planned"),
    "summary": Field(Text(), False, "one line, shown in lists and cards"),
    "tags": Field(ListOf(Text()), False, "free labels"),
    "extra": Field(Free(), False, "free-form data, carried to the JSON export untouched"),
}

FIELDS: dict[str, dict[str, Field]] = {
    "goal": {
        **COMMON,
        "metric": Field(Text(), True, "what is measured, e.g. new users"),
        "target": Field(Number(), True, "the value to reach"),
        "deadline": Field(When("end"), True, "when the target must be reached"),
        "baseline": Field(Number(), False, "the starting value; default 0; a target below it means reduce"),
        "current": Field(Number(), False, "latest measured value; gives progress"),
        "unit": Field(Text(), False, "e.g. users, %, CNY"),
        "priority": Field(Choice(*model.PRIORITIES), False, "core or supporting; default core"),
        "parent": Field(Id("goal"), False, "the goal this one contributes to"),
        "start": Field(When("start"), False, "when work toward the target began; default: the earliest start of what serves it"),
    },
    "roadmap": {
        **COMMON,
        "type": Field(Choice(*model.ROADMAP_TYPES), True, "the kind of plan"),
        "start": Field(When("start"), True, "first day of the period covered"),
        "end": Field(When("end"), True, "last day of the period covered"),
        "goals": Field(ListOf(Id("goal")), False, "goals this roadmap serves"),
        "budget": Field(BUDGET, False, "the roadmap's total budget"),
        "milestones": Field(ListOf(MILESTONE), False, "roadmap-wide dates"),
    },
    "campaign": {
        **COMMON,
        "roadmap": Field(Id("roadmap"), True, "the roadmap it belongs to"),
        "start": Field(When("start"), True, "first day"),
        "end": Field(When("end"), True, "last day"),
        "goals": Field(ListOf(Id("goal")), False, "the goals it contributes to"),
        "channels": Field(ListOf(Text()), False, "e.g. social, email, seo, events"),
        "teams": Field(ListOf(Text()), False, "collaborating teams besides the owner"),
        "progress": Field(Number(0, 100), False, "percent complete"),
        "budget": Field(BUDGET, False, "a number in the site's currency, or {amount, currency, spent}"),
        "depends_on": Field(ListOf(Id("campaign")), False, "campaigns that must finish first"),
        "kpis": Field(
            ListOf(
                Struct(
                    "kpi",
                    model.Kpi,
                    {
                        "metric": Field(Text(), True, "what is measured"),
                        "target": Field(Number(), True, "the value to reach"),
                        "actual": Field(Number(), False, "latest measured value"),
                        "unit": Field(Text(), False, "e.g. %, leads"),
                        "alert_below": Field(Number(), False, "in alert when actual is below this"),
                        "alert_above": Field(Number(), False, "in alert when actual is above this"),
                    },
                    "{metric: CTR, target: 2.5, unit: '%'}",
                )
            ),
            False,
            "key performance indicators",
        ),
        "risks": Field(
            ListOf(
                Struct(
                    "risk",
                    model.Risk,
                    {
                        "risk": Field(Text(), True, "what could go wrong"),
                        "contingency": Field(Text(), False, "what we do if it happens"),
                        "likelihood": Field(LEVEL, False, "low, medium or high"),
                        "impact": Field(LEVEL, False, "low, medium or high"),
                    },
                    "{risk: Supplier is late, contingency: Use stock images}",
                )
            ),
            False,
            "the risk register",
        ),
        "milestones": Field(ListOf(MILESTONE), False, "dates that matter"),
        "activities": Field(
            ListOf(
                Struct(
                    "activity",
                    model.Activity,
                    {
                        "title": Field(Text(), True, "the piece of work"),
                        "start": Field(When("start"), True, "first day"),
                        "end": Field(When("end"), True, "last day"),
                        "owner": Field(Text(), False, "who does it"),
                        "status": Field(STATUS, False, "as for documents"),
                        "deliverable": Field(Text(), False, "what it produces"),
                    },
                    "{title: Brief the agency, start: 2026-03-01, end: 2026-03-14}",
                )
            ),
            False,
            "the work breakdown",
        ),
    },
    "calendar": {
        **COMMON,
        "dates": Field(ListOf(KeyDateType()), True, "the key dates: {title, date} or {title, start, end}, with markets"),
    },
}
