"""Documents and their values as plain data (mappings, lists, strings, numbers): what
roadmap.json, `milepost diff --format json` and the diff's phrases are made of.

One function with options, not one copy per output: nested items lose their
positions, days become YYYY-MM-DD unless the caller still computes with them,
and a KPI's `in_alert` is added where readers want it.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date
from typing import Iterable

from milepost.core.model import Document

INTERNAL = frozenset({"at", "spans", "body", "path", "published"})
"""What a document holds for Milepost itself: positions, the prose, the path shown in messages."""

RELATIVE = ("after", "duration")
"""How a relative start or end was written: readers get the resolved days, and `written` beside them."""


def plain(value, *, days: bool = True, derived: bool = True):
    """`value` as plain data: a nested item (KPI, risk, budget …) as a mapping of its fields without
    its position, lists and tuples as lists; `days` writes a date as YYYY-MM-DD. `derived` gives it
    as readers see it: what a nested item computes (a KPI's `in_alert`), and relative dates as
    `written` instead of their parts."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, date):
        return value.isoformat() if days else value
    if dataclasses.is_dataclass(value):
        data = {name: plain(getattr(value, name), days=days, derived=derived) for name in _shown(type(value), derived)}
        if derived and hasattr(value, "in_alert"):
            data["in_alert"] = value.in_alert
        if derived and any(getattr(value, name, None) for name in RELATIVE):
            data["written"] = written(value)
        return data
    if isinstance(value, (list, tuple)):
        return [plain(item, days=days, derived=derived) for item in value]
    if isinstance(value, dict):
        return {key: plain(item, days=days, derived=derived) for key, item in value.items()}
    return value


_SCALARS = frozenset({str, int, float, bool})
"""Values that are plain data already: most of a document's, checked first (a site has hundreds of thousands)."""


@functools.lru_cache(maxsize=None)
def _shown(kind: type, derived: bool) -> tuple[str, ...]:
    """The fields of a nested item's class that `plain` gives, in order: all but its position (and,
    `derived`, the parts of a relative date)."""
    hidden = ("at", *RELATIVE) if derived else ("at",)
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in hidden)


def document_data(doc: Document, names: Iterable[str] | None = None, *, given: dict | None = None, derived: bool = True) -> dict:
    """`doc` as plain data, field by field in the order of `names` (default: every field of its
    model but the `INTERNAL` ones); `given` holds values by name that the model does not (a `url`)."""
    given = given or {}
    if names is None:
        names = [f.name for f in dataclasses.fields(doc) if f.name not in INTERNAL]
    return {name: given[name] if name in given else plain(getattr(doc, name), derived=derived) for name in names}


def written(item) -> dict:
    """How a relative start or end was written (`after spring-launch + 2w`, `+6w`), beside the resolved days."""
    return {
        "start": item.after.text if item.after else None,
        "end": item.duration.text if item.duration else None,
    }
