"""The navigation built when mkdocs.yml has none, as MkDocs reads a `nav`: plain lists and mappings."""

from __future__ import annotations

from typing import Callable

from markupsafe import escape

from milepost.core.model import Document, Site
from milepost.site.i18n import Language
from milepost.site.pages import PAGES


def _title(doc: Document) -> str:
    return str(escape(doc.title or doc.id))  # nav titles print raw in Material


def navigation(
    site: Site, language: Language, published: set[str], exists: Callable[[str], bool], pages: list[str], generated: set[str], campaigns_in_nav: bool
) -> list:
    """Home, Goals, Roadmaps (with their campaigns if `campaigns_in_nav`), Key dates, the registry's pages, then
    every other page of `pages` (the build's Markdown pages) by path.

    `published` holds the sources of roadmap documents with a page; `exists(src)` says whether the
    build has a page at `src`; `generated` the pages generated for this build, whose group pages
    are reached from their index, not from the navigation.
    """
    label = language.label
    home = "index.md" if exists("index.md") else "README.md"
    nav: list = [{label("home"): home}]
    nav.append({label("goals"): [{_title(g): g.source} for g in site.goals if g.source in published]})
    roadmaps = []
    for roadmap in site.roadmaps:
        if roadmap.source not in published:
            continue
        if not campaigns_in_nav:
            roadmaps.append({_title(roadmap): roadmap.source})
            continue
        campaigns = [{_title(c): c.source} for c in site.campaigns_of.get(roadmap.id, []) if c.source in published]
        roadmaps.append({_title(roadmap): [roadmap.source, *campaigns]})
    nav.append({label("roadmaps"): roadmaps})
    calendars = [{_title(c): c.source} for c in site.calendars if c.source in published]
    if calendars:
        nav.append({label("key_dates"): calendars})
    nav.extend({label(page.title): page.src} for page in PAGES if page.name != "home" and exists(page.src))
    listed = {home, *generated, *(page.src for page in PAGES), *(doc.source for doc in site.documents)}
    nav.extend(src for src in sorted(pages) if src not in listed)
    return nav
