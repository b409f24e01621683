"""Which roadmap documents' pages an edit makes stale, for `mkdocs serve --dirty`.

A dirty rebuild only renders the pages whose file changed, but a document's
page also shows its neighbours: a roadmap lists its campaigns' dates and
budgets, a goal its campaigns grouped by roadmap, a campaign the titles of its
goals, roadmap, dependencies and dependents. So a changed document makes
stale its own page and the pages of the documents it names or that name it,
before and after the edit; and as roadmap and goal pages show the details of
their campaigns, the roadmap and goals of every campaign among those.
A calendar's key dates are on every timeline: a changed calendar makes every
roadmap and goal page stale. Generated pages are rebuilt on every build anyway.
"""

from __future__ import annotations

from milepost.core.model import Campaign, Document, Site, named_ids


def changed(before: Site, after: Site) -> set[str]:
    """Sources of the documents added, removed or changed in any way."""
    old = {doc.source: doc for doc in before.documents}
    new = {doc.source: doc for doc in after.documents}
    return {source for source in old.keys() | new.keys() if old.get(source) is not new.get(source) and old.get(source) != new.get(source)}


def _naming(site: Site, doc: Document) -> list[Document]:
    """The documents that name `doc`."""
    key = doc.id or ""
    return [*site.campaigns_of.get(key, []), *site.serving.get(key, []), *site.dependents.get(key, []), *site.children.get(key, [])]


def stale(sources: set[str], sites: list[Site]) -> set[str]:
    """Sources of the documents whose page must be rendered again when those in `sources` changed,
    looking at each of `sites` (the site before the edit, if known, and after it)."""
    found = set(sources)
    for site in sites:
        docs = {doc.source: doc for doc in site.documents}
        touched = [docs[s] for s in sources if s in docs]
        touched += [n for doc in list(touched) for n in [*(site.by_id[i] for i in named_ids(doc) if i in site.by_id), *_naming(site, doc)]]
        # roadmap and goal pages show their campaigns' details (tooltips name dependencies too)
        touched += [site.by_id[i] for c in touched if isinstance(c, Campaign) for i in [*([c.roadmap] if c.roadmap else []), *c.goals] if i in site.by_id]
        if any(doc.kind == "calendar" for doc in touched):  # key dates are drawn on every roadmap's and goal's timeline
            touched += [*site.roadmaps, *site.goals]
        found.update(doc.source for doc in touched)
    return found


def to_render(modified: set[str], previous: Site | None, site: Site) -> set[str]:
    """Sources whose page a `--dirty` rebuild must render again: the documents whose file MkDocs
    saw modified and those that changed since the `previous` build (if any), with their neighbours."""
    if previous is None:
        return stale(modified, [site])
    return stale(modified | changed(previous, site), [previous, site])
