"""Raw HTML and unsafe links in Markdown bodies, for sites that refuse them (`raw_html: false`).

Front matter is untrusted and always escaped. A body is Markdown that
MkDocs publishes as written, raw HTML included: trusted, reviewed content by
default. A site that wants bodies to be Markdown only turns the option on,
and each tag or link Markdown would pass through is a problem with its line.
Code (fenced blocks, inline code spans) is text, and is left alone.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from milepost.core.load import FRONT_MATTER_CLOSE, FRONT_MATTER_OPEN
from milepost.core.problems import ERROR, Problem

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
"""Link schemes a body may use; relative links (`../plan/`, `#risks`) have none and are fine."""

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])|<!--|<\?|<![A-Za-z]|<!\[CDATA\[")  # opening tags: a closing one has its opener
_TARGETS = (
    re.compile(r"\]\(\s*<?([^)\s>]+)"),  # [text](target)
    re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),  # [label]: target
    re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^>\s]*)>"),  # <scheme:target>
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_IN_SCHEMES = re.compile(r"[\x00-\x20]")  # browsers drop tabs and newlines inside `java\tscript:`


def unsafe(body: str, first_line: int) -> list[tuple[int, int, str, str]]:
    """(line, column, message, code) of each raw HTML tag and unsafe link in `body`, whose
    first line is line `first_line` of its file."""
    found = []
    fence = None
    for number, line in enumerate(body.split("\n"), first_line):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening[1]
            continue
        text = _CODE_SPAN.sub(lambda span: " " * len(span[0]), line)  # columns stay where they were
        found.extend((number, col, message, code) for col, message, code in _in_line(text))
    return found


def _in_line(text: str):
    for tag in _TAG.finditer(text):
        shown = f"<{tag[1]}>" if tag[1] else tag[0]
        yield tag.start() + 1, f"raw HTML {shown} in the body: this site refuses raw HTML (raw_html: false); write it in Markdown", "raw-html"
    for form in _TARGETS:
        for link in form.finditer(text):
            scheme = _scheme(link[1])
            if scheme is not None and scheme not in SAFE_SCHEMES:
                yield link.start(1) + 1, f"a link to '{scheme}:' in the body: this site allows only {', '.join(SAFE_SCHEMES)} and relative links", "unsafe-link"


def _scheme(target: str) -> str | None:
    """The scheme a browser would see, after entities (`&#106;avascript:`) and ignored characters."""
    seen = _IGNORED_IN_SCHEMES.sub("", html.unescape(target))
    match = _SCHEME.match(seen)
    return match[1].lower() if match else None


def problems(docs_dir: str | os.PathLike, sources: list[str], shown) -> list[Problem]:
    """Every raw HTML tag and unsafe link in the bodies of `sources` (paths below `docs_dir`),
    as errors at `shown(source)`. Files that cannot be read or decoded were reported by `load`."""
    found = []
    for source in sources:
        try:
            text = Path(docs_dir, source).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except (OSError, UnicodeDecodeError):
            continue
        body, first_line = _body(text)
        found.extend(Problem(shown(source), line, col, ERROR, message, code) for line, col, message, code in unsafe(body, first_line))
    return found


def _body(text: str) -> tuple[str, int]:
    """The Markdown below the front matter, split as `load` splits it, and the line it starts on."""
    opening = FRONT_MATTER_OPEN.match(text)
    close = FRONT_MATTER_CLOSE.search(text, opening.end()) if opening else None
    if close is None:
        return text, 1
    start = text.find("\n", close.end()) + 1
    return (text[start:], text.count("\n", 0, start) + 1) if start else ("", 1)
