"""How a front-matter value is read into the model, with a precise message for every wrong value.

The building blocks of `fields`: a `Type` reads a node or reports where and why it is wrong, and
gives its JSON Schema; `Struct` and `read_fields` read mappings of known fields. What each kind
of document holds is declared in `fields`.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable

from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core.problems import WARNING, did_you_mean
from milepost.core.yaml12 import Map, Node, Scalar, Seq, resolve_plain, to_python

INVALID = object()
"""Returned by a reader when the value was wrong (and a problem was reported)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_ID = re.compile(ID_PATTERN)


class Reading:
    """What a reader needs besides the node: where to report, the site's currency and fiscal year."""

    def __init__(self, report: Callable[..., None], currency: str, spans: dict | None = None, fiscal: Fiscal = CALENDAR_YEAR):
        self.report = report  # (line, col, message, code[, severity])
        self.currency = currency
        self.spans = spans  # where each top-level field was written; None inside nested items
        self.fiscal = fiscal

    def wrong(self, node: Node, message: str, code: str = "wrong-type") -> object:
        self.report(node.line, node.col, message, code)
        return INVALID

    def warn(self, node: Node, message: str, code: str) -> None:
        self.report(node.line, node.col, message, code, WARNING)


def shape(node: Node) -> str:
    if type(node) is Seq:
        return "a list"
    if type(node) is Map:
        return "a mapping"
    value = node.value
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if beyond_float(value):
        return f"{node.text} ({_non_finite(node.text, value)})"
    if isinstance(value, (int, float)):
        return f"{node.text} (a number)"
    return f"'{value}'"


def beyond_float(value: object) -> bool:
    """`.nan`, `.inf`, or a number past a float's range (`1e400`, a 400-digit integer): JSON
    readers (JavaScript's among them) cannot hold it, and arithmetic on it overflows."""
    if type(value) is float:
        return not math.isfinite(value)
    return type(value) is int and abs(value) > sys.float_info.max


def _non_finite(text: str, value: float | int) -> str:
    """What a value JSON cannot hold is: `.nan` and `.inf` as written, or a number past a float's range."""
    if type(value) is int or not text.lstrip("+-").startswith("."):
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
            return reading.wrong(node, f"'{name}' must be text, not {shape(node)}")
        return node.text

    def schema(self):
        return {"type": ["string", "number", "boolean"]}


class Id(Text):
    """A slug, as written: `id: 010` is '010'. The schema takes whole numbers too, since an
    editor's YAML reader sees `id: 2027` as one; it cannot see how a number was written
    (`0x1F`, `1.5e3` are no slugs), which `schema.LIMITS` says."""

    def __init__(self, kind: str | None = None):
        self.kind = kind  # the kind a reference must point to; None for the document's own id

    def read(self, node, name, reading):
        text = Text.read(self, node, name, reading)
        if text is INVALID:
            return INVALID
        if type(node.value) is bool:
            return reading.wrong(node, f"'{name}' must be an id, not {shape(node)}: quote it if you mean the id '{text}'", "invalid-id")
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
        if beyond_float(value):
            return reading.wrong(node, f"'{name}' must be a finite number, not {shape(node)}: JSON cannot hold it", "not-finite")
        if type(value) not in (int, float):
            hint = ""
            if type(node) is Scalar and isinstance(value, str):
                if not node.plain and _looks_numeric(value):
                    hint = " (remove the quotes)"
                elif _looks_numeric(value.replace(",", "").replace("_", "").replace(" ", "")):
                    hint = " (write it without separators, e.g. 50000)"
            return reading.wrong(node, f"'{name}' must be a number, not {shape(node)}{hint}")
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
    return type(value) in (int, float) and not beyond_float(value)


class Flag(Type):
    def read(self, node, name, reading):
        if type(node) is not Scalar or type(node.value) is not bool:
            return reading.wrong(node, f"'{name}' must be true or false, not {shape(node)}")
        return node.value

    def schema(self):
        return {"type": "boolean"}


class ListOf(Type):
    def __init__(self, item: Type):
        self.item = item

    def read(self, node, name, reading):
        if type(node) is not Seq:
            example = getattr(self.item, "example", node.text if type(node) is Scalar else "")
            return reading.wrong(node, f"'{name}' must be a list{f' such as [{example}]' if example else ''}, not {shape(node)}")
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


class FreeForm(Type):
    """Free-form data, kept as it is (`extra`), but for what JSON cannot hold: `.nan`, `.inf`, `1e400`."""

    def read(self, node, name, reading):
        if type(node) is not Map:
            return reading.wrong(node, f"'{name}' must be a mapping, not {shape(node)}")
        refused = [scalar for scalar in _scalars(node) if beyond_float(scalar.value)]
        for scalar in refused:
            reading.wrong(scalar, f"'{name}' holds {shape(scalar)}, which JSON cannot hold: quote it to keep it as text", "not-finite")
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
            return reading.wrong(node, f"each {self.noun} must be a mapping of {', '.join(self.fields)}, not {shape(node)}")
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

