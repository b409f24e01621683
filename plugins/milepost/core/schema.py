"""The JSON Schema (draft 2020-12) of roadmap front matter, built from `fields.FIELDS`.

Editors use it for completion and inline errors. It can say less than the
validator (it cannot see other files: references, cycles, budgets), never
something different, since both come from the same table.
"""

from __future__ import annotations

from milepost.core import model
from milepost.core.fields import FIELDS, object_schema

SCHEMA_ID = "https://milepost.invalid/schema/front-matter.json"


def json_schema() -> dict:
    kinds = {kind: object_schema(fields) for kind, fields in FIELDS.items()}
    for kind, schema in kinds.items():
        schema["properties"]["kind"] = {"const": kind, "description": f"this document is a {kind}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Milepost roadmap document (front matter)",
        "description": "A goal, a roadmap, a campaign or a calendar of key dates. Files without 'kind' are ordinary pages.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(model.KINDS)}},
        "allOf": [
            {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"$ref": f"#/$defs/{kind}"}}
            for kind in model.KINDS
        ],
        "$defs": kinds,
    }
