"""A Mermaid gantt chart of what a change did to the timeline: each campaign it moved, added or
removed, before and after, one section each. GitHub and GitLab draw Mermaid in comments; the
report's words stay above it, so nothing depends on the chart being drawn.

Mermaid reads a task line as `name :tags, id, start, duration`; a name may not hold `:`, `;`
or `#`, nor a line break, so those become spaces. Durations are in days, the last day included.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from milepost.core.model import Campaign

if TYPE_CHECKING:
    from milepost.review.compare import Changes

LIMIT = 30  # campaigns drawn at most: a chart of hundreds of rows reads as noise
_UNSAFE = re.compile(r"[:;#`\r\n\u2028\u2029]+")


def _name(text: str) -> str:
    return " ".join(_UNSAFE.sub(" ", text).split()) or "untitled"


def _task(label: str, tag: str, key: str, start: date, end: date) -> str:
    return f"    {label} :{tag}{key}, {start.isoformat()}, {(end - start).days + 1}d"


def _dated(doc) -> bool:
    return isinstance(doc, Campaign) and bool(doc.start and doc.end and doc.end >= doc.start)


def lines(changes: Changes, limit: int = LIMIT) -> list[str]:
    """The chart as Markdown lines (a fenced `mermaid` block), or none when no campaign's dates changed."""
    moved = []
    for doc in changes.documents:
        before, after = (doc.before if _dated(doc.before) else None), (doc.after if _dated(doc.after) else None)
        if before is None and after is None:
            continue
        if before and after and (before.start, before.end) == (after.start, after.end):
            continue
        moved.append((doc, before, after))
    if not moved:
        return []
    moved.sort(key=lambda item: ((item[2] or item[1]).start, item[0].key))
    out = ["```mermaid", "gantt", "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m-%d"]
    for index, (doc, before, after) in enumerate(moved[:limit]):
        out.append(f"    section {_name(doc.title)}")
        if before:
            out.append(_task("before" if after else "removed", "done, ", f"b{index}", before.start, before.end))
        if after:
            out.append(_task("after" if before else "added", "active, ", f"a{index}", after.start, after.end))
    out.append("```")
    if len(moved) > limit:
        out.append(f"The chart shows {limit} of the {len(moved)} campaigns whose dates changed.")
    return out
