"""The navigation built when mkdocs.yml has none, as MkDocs reads a `nav`: plain lists and mappings."""

from __future__ import annotations

from typing import Callable

from markupsafe import escape

from milepost.core.model import Document, Site
from milepost.site.i18n import Language
from milepost.site.order import by_title
from milepost.site.pages import BY_NAME, PAGES


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
    # Goals and Roadmaps open on their index page: with `navigation.indexes` Material would
    # otherwise make a section's first child (a roadmap's own index.md) the section's link, and
    # drop it from the list. Documents are listed by title, in natural order.
    indexes = {name: [f"{name}/index.md"] if exists(f"{name}/index.md") else [] for name in ("goals", "roadmaps")}
    taken = {*indexes["goals"], *indexes["roadmaps"]}
    listed_docs = lambda docs: [doc for doc in by_title(docs) if doc.source in published and doc.source not in taken]
    nav.append({label("goals"): [*indexes["goals"], *({_title(g): g.source} for g in listed_docs(site.goals))]})
    roadmaps = []
    for roadmap in listed_docs(site.roadmaps):
        if not campaigns_in_nav:
            roadmaps.append({_title(roadmap): roadmap.source})
            continue
        campaigns = [{_title(c): c.source} for c in by_title(site.campaigns_of.get(roadmap.id, [])) if c.source in published]
        roadmaps.append({_title(roadmap): [roadmap.source, *campaigns]})
    nav.append({label("roadmaps"): [*indexes["roadmaps"], *roadmaps]})
    calendars = [{_title(c): c.source} for c in by_title(site.calendars) if c.source in published]
    key_dates = BY_NAME["key-dates"].src
    if calendars or exists(key_dates):  # the key-dates page is the section's index, the calendars below it
        nav.append({label("key_dates"): [key_dates, *calendars] if exists(key_dates) else calendars})
    nav.extend({label(page.title): page.src} for page in PAGES if page.name not in ("home", "goals", "roadmaps", "key-dates") and exists(page.src))
    listed = {home, *generated, *(page.src for page in PAGES), *(doc.source for doc in site.documents)}
    nav.extend(src for src in sorted(pages) if src not in listed)
    return nav
