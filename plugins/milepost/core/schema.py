"""The JSON Schema (draft 2020-12) of roadmap front matter, built from `fields.FIELDS`.

Editors use it for completion and inline errors. Both come from the same
table, and a property test (tests/test_schema_agreement.py) holds them to the
same verdict field by field, except for `LIMITS`: what JSON Schema cannot say,
which the schema's own description lists for its users.
"""

from __future__ import annotations

from milepost.core import model
from milepost.core.fields import FIELDS, FREE_VALUE, free_value_schema, object_schema

SCHEMA_ID = "https://milepost.invalid/schema/front-matter.json"

LIMITS = (
    "other files: references, duplicate ids, cycles, budgets, periods",
    "the calendar: 2027-02-30, 2027-04-31 and 2026-W53 pass the schema's patterns but are no days or weeks",
    "how a value was written, since the schema sees only what YAML made of it: whether an unquoted "
    "id that YAML reads as a number (0x1F, 1.5e3, 1e400) is a slug as written; duplicate keys, anchors and tags",
)
"""What `milepost validate` refuses and JSON Schema cannot express."""


def json_schema() -> dict:
    kinds = {kind: object_schema(fields) for kind, fields in FIELDS.items()}
    for kind, schema in kinds.items():
        schema["properties"]["kind"] = {"const": kind, "description": f"this document is a {kind}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Milepost roadmap document (front matter)",
        "description": "A goal, a roadmap, a campaign or a calendar of key dates. Files without 'kind' are ordinary pages. "
        "Run 'milepost validate' as well: this schema cannot check " + "; ".join(LIMITS) + ".",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(model.KINDS)}},
        "allOf": [
            {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"$ref": f"#/$defs/{kind}"}}
            for kind in model.KINDS
        ],
        "$defs": {**kinds, FREE_VALUE: free_value_schema()},
    }
