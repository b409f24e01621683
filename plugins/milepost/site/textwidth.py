"""How wide a text is drawn, estimated without a font: what the SVG timeline places labels by.

An SVG file has no layout engine, so the build decides where each label goes and must
know roughly how wide it is. The estimate errs wide (its widths are those of the wider
common sans-serif fonts, DejaVu Sans and Noto Sans, rounded up), so a label judged to
fit its bar does fit. Chinese, Japanese and Korean characters, and the fullwidth
forms, take a whole em, about twice a Latin letter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NARROW = frozenset("iljtfI.,:;'|!()[]{}` ")
"""Characters of about a third of an em."""

WIDE = frozenset("mwMW@%&")

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 does not allow, escaped or not: YAML's "\\x01" would make the file unreadable."""


def xml_text(text: str) -> str:
    """`text` without the characters an XML file cannot hold (Jinja2 escapes the rest)."""
    return NOT_XML.sub("", text)


@lru_cache(maxsize=4096)
def _em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char in NARROW:
        return 0.34
    if char in WIDE:
        return 0.95
    if char.isupper():
        return 0.74
    if char.isdigit() or char.isascii():
        return 0.64
    if unicodedata.category(char) in ("So", "Sm"):  # ◆ ⚠ ▭ and other symbols
        return 1.0
    return 0.66


@lru_cache(maxsize=65536)
def width(text: str, size: float, bold: bool = False) -> float:
    """Pixels `text` takes at font size `size` (px), at most: bold adds a tenth. A campaign's title is
    measured for the site's timeline, its roadmap's and its goals': kept."""
    return sum(_em(char) for char in text) * size * (1.1 if bold else 1.0)


def wrap(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """`text` in lines of at most `room` pixels: broken at spaces, and between any two wide
    (CJK) characters; a word longer than a line gets a line of its own, broken by characters."""
    lines: list[str] = []
    line = ""
    for piece in re.findall(r"\s*[^\s\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]+|\s*.", text):
        candidate = line + piece
        if not line or width(candidate, size, bold) <= room:
            line = candidate
            continue
        lines.append(line)
        line = piece.lstrip()
    if line:
        lines.append(line)
    return [part for line in lines for part in _split_long(line, size, room, bold)]


def _split_long(line: str, size: float, room: float, bold: bool) -> list[str]:
    """A line still too wide (one long word), cut between characters."""
    parts, part = [], ""
    for char in line:
        if part and width(part + char, size, bold) > room:
            parts.append(part)
            part = ""
        part += char
    return [*parts, part] if part else parts
