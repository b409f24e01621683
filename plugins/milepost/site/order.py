"""The order names are listed in: naturally (Roadmap 2 before Roadmap 10) and as a reader
reads them (case and accents fold: "éte" sorts with "ete", "Email" with "email").

Locale-independent on purpose: the same input gives the same order on every build machine.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"([0-9]+)")  # ASCII digits only: Python's \d would take Arabic-Indic ones for numbers


def natural_key(text: str) -> tuple:
    """A sort key: runs of digits compare as numbers, letters without case or accents; ties
    are broken by the casefolded and then the exact text, so the order is total."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    parts = tuple(int(p) if i % 2 else p for i, p in enumerate(_DIGITS.split(bare)))
    return (parts, text.casefold(), text)


def by_name(items, name=lambda item: item):
    """`items` sorted naturally by `name(item)`."""
    return sorted(items, key=lambda item: natural_key(name(item)))


def by_title(docs):
    """Documents sorted by title (their id when untitled), then by source path."""
    return sorted(docs, key=lambda doc: (natural_key(doc.title or doc.id or ""), doc.source))
