"""One build of the site from the plugin's options: what the plugin and `milepost render` share.

The docs dir is read and checked (the parse memo is kept across the rebuilds of `mkdocs serve`:
an edit re-reads one file), Git is asked what it knows, and the renderer is made with everything
the pages show; nothing changes it after. Nothing here knows MkDocs: the plugin turns a
`BuildError` into MkDocs' error and hands its logger's `warning` as `warn`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from milepost.core import cache, dates
from milepost.core.model import Document, Site
from milepost.core.validate import Checked, check
from milepost.review import history, revision, variance
from milepost.site import export
from milepost.site.i18n import Language, language
from milepost.site.render import Renderer

MEMO: cache.Memo = {}
"""Parsed files kept across the rebuilds of one `mkdocs serve`, and shared with Git revisions."""

Warn = Callable[[str], None]


class BuildError(Exception):
    """The site cannot be built with these options (a wrong `today`, a `baseline` that cannot be read)."""


def fiscal_year(options) -> dates.Fiscal:
    return dates.Fiscal(options.fiscal_year_start, options.fiscal_year_named_by)


def checked(options, docs_dir: str, use_directory_urls: bool = True) -> Checked:
    """The docs dir read and checked as a build reads it."""
    return check(
        docs_dir, options.currency, MEMO, use_directory_urls,
        fiscal=fiscal_year(options), require_retrospectives=options.require_retrospectives, raw_html=options.raw_html,
    )


@dataclass
class Build:
    """A valid site ready to render: the day it is built for, its language, what Git knows, the renderer."""

    site: Site
    today: date
    language: Language
    renderer: Renderer
    known: dict = field(default_factory=dict)  # from Git, as `_git` returns it
    documents: dict[str, Document] = field(init=False)  # the published roadmap documents by source: their pages get a summary

    def __post_init__(self) -> None:
        self.documents = {doc.source: doc for doc in self.site.documents if doc.published}

    def exports(self, site_name: str, site_url: str | None, url_of: export.UrlOf) -> dict[str, bytes]:
        """roadmap.json, calendar.ics and plan.csv, by name."""
        found = self.known.get("variance")
        baseline = None if found is None else {doc.id: found.of(doc) for doc in self.site.documents if doc.id}
        return export.exported(self.site, self.today, site_name, url_of, site_url, self.renderer.health, baseline, self.known.get("trends"))


def prepare(
    options, site: Site, docs_dir: str, theme_language: str | None, custom_dir: str | None, warn: Warn,
    directory_urls: bool = True, site_name: str = "",
) -> Build:
    """The build of a site that validated, with the plugin's `options` and MkDocs' `use_directory_urls` and `site_name`."""
    try:
        today = dates.today(options.today)
    except ValueError as error:
        raise BuildError(f"milepost: the day to build for (option 'today', else SOURCE_DATE_EPOCH): {error}") from None
    fiscal = fiscal_year(options)
    known = _git(options, docs_dir, site, fiscal, warn) if options.history or options.baseline else {}
    found = language(theme_language)
    renderer = Renderer(
        site, today, found, options.overload, custom_dir, options.timeline_campaigns,
        behind_margin=options.behind_margin, off_track_margin=options.off_track_margin, fiscal=fiscal, stale_after=options.stale_after,
        week_starts=options.week_starts, calendar_campaigns=options.calendar_campaigns, directory_urls=directory_urls, site_name=site_name, **known,
    )
    return Build(site, today, found, renderer, known)


def _git(options, docs_dir: str, site: Site, fiscal: dates.Fiscal, warn: Warn) -> dict:
    """What Git knows, as the renderer takes it: the history of the branch (one pass, kept per HEAD
    across `mkdocs serve` rebuilds) and, with `baseline`, the plan against it. No What changed page
    without Git or with `changes: 0`."""
    repo = history.repository(docs_dir)
    if repo is None:
        if options.baseline:
            raise BuildError(f"milepost: option 'baseline': {docs_dir} is not in a Git repository, so '{options.baseline}' cannot be read")
        warn("the docs dir is not in a Git repository: 'Last updated' and the What changed page are left out (set 'history: false' to build without them)")
        return {}
    known: dict = {}
    if options.history:
        try:
            known = history.for_site(repo, options.changes, options.currency, MEMO, fiscal)
        except revision.RevisionError as error:
            warn(f"cannot read the Git history: 'Last updated', What changed and trends are left out ({error})")
        if known.get("shallow"):
            warn(
                "the docs dir is in a shallow clone: 'Last updated', the What changed page, the trends of goals and KPIs and "
                "stale KPI data see only the commits it holds, and 'baseline' needs its revision: check out with fetch-depth: 0"
            )
    if options.baseline:
        try:
            planned = history.baseline(repo, options.baseline, options.currency, MEMO, fiscal)
        except revision.RevisionError as error:
            raise BuildError(f"milepost: option 'baseline': {error}") from None
        known["variance"] = variance.compare(planned.site, site, options.baseline, planned.commit)
    return known
