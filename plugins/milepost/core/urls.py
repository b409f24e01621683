"""Where MkDocs publishes each Markdown file, and which files land on one URL.

MkDocs gives `x.md`, `x/index.md`, `x/README.md` and `x.markdown` the same
page, `x/`, and one silently replaces the other. Milepost computes each
page's place as MkDocs does, so two files meeting there are an error naming
both, before anything is built.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from urllib.parse import quote

PAGE_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs publishes as a page (compared case-sensitively, as MkDocs does)."""


def page_path(source: str, directory_urls: bool = True) -> str | None:
    """The file a page is written to below the site dir (`x/index.html`), or None if not a page."""
    parent, name = posixpath.split(source)
    stem, extension = posixpath.splitext(name)
    if extension not in PAGE_EXTENSIONS:
        return None
    stem = "index" if stem == "README" else stem
    if stem == "index" or not directory_urls:
        return posixpath.join(parent, f"{stem}.html")
    return posixpath.join(parent, stem, "index.html")


def beside(source: str, name: str, directory_urls: bool = True) -> str:
    """The path of a file `name` published beside the page of `source`: in the page's folder
    (`q1/plan/timeline.svg`), or without directory URLs named after the page (`q1/plan.timeline.svg`;
    an index page's folder holds `name` itself)."""
    parent, page = posixpath.split(page_path(source, directory_urls) or source)
    stem = posixpath.splitext(page)[0]
    return posixpath.join(parent, name if stem == "index" else f"{stem}.{name}")


def meetings(sources: list[str], directory_urls: bool = True) -> list[list[str]]:
    """Each group of sources written to one page, sorted; only groups of two or more."""
    by_page: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        if (page := page_path(source, directory_urls)) is not None:
            by_page[page].append(source)
    return [sorted(group) for _, group in sorted(by_page.items()) if len(group) > 1]


def url(source: str, directory_urls: bool = True) -> str:
    """A file's URL below the site root as MkDocs writes it (`x/`, `./` for the home page,
    `roadmap.json` for a file that is not a page), percent-encoded."""
    path = page_path(source, directory_urls) or source
    parent, name = posixpath.split(path)
    if directory_urls and name == "index.html":
        path = f"{parent or '.'}/"
    return quote(path)


def relative(target: str, base: str) -> str:
    """URL `target` seen from the page at URL `base` (both from `url`), as MkDocs relates them."""
    parent, _, name = base.rpartition("/")
    if "." in name:
        base = parent
    base_parts, target_parts = _parts(base), _parts(target)
    common = 0
    for a, b in zip(base_parts, target_parts):
        if a != b:
            break
        common += 1
    up = [".."] * (len(base_parts) - common)
    joined = "/".join(up + target_parts[common:]) or "."
    return joined + "/" if target.endswith("/") else joined


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []
