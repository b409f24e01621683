"""Where MkDocs publishes each Markdown file, and which files land on one URL.

MkDocs gives `x.md`, `x/index.md`, `x/README.md` and `x.markdown` the same
page, `x/`, and one silently replaces the other. Milepost computes each
page's place as MkDocs does, so two files meeting there are an error naming
both, before anything is built.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

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


def meetings(sources: list[str], directory_urls: bool = True) -> list[list[str]]:
    """Each group of sources written to one page, sorted; only groups of two or more."""
    by_page: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        if (page := page_path(source, directory_urls)) is not None:
            by_page[page].append(source)
    return [sorted(group) for _, group in sorted(by_page.items()) if len(group) > 1]
