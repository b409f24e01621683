"""The MkDocs plugin: thin glue between MkDocs' build events and the core.

The core reads and validates the docs dir itself (MkDocs' front-matter reader
swallows YAML errors), then the plugin adds generated pages and exports to
the build, and wraps each roadmap document's page in its generated summary.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from milepost.config import MilepostConfig
from milepost.core import dates, urls
from milepost.core.validate import check
from milepost.review import history
from milepost.site import export, pages, stale
from milepost.site.i18n import language
from milepost.site.navigation import navigation
from milepost.site.render import Renderer

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"

_MEMO: dict = {}
"""Parsed files kept across the rebuilds of one `mkdocs serve`: an edit re-reads one file."""


class MilepostPlugin(BasePlugin[MilepostConfig]):
    supports_multiple_instances = False
    dirty = False  # a `--dirty` build: only changed pages are rendered
    previous = None  # the site as the last build of this `mkdocs serve` saw it

    def on_startup(self, *, command, dirty):
        """With on_startup, MkDocs keeps one instance across the rebuilds of `mkdocs serve`: the
        site before an edit is known, so `--dirty` can rebuild the pages the edit touches."""
        self.dirty = dirty
        self.previous = None

    def on_config(self, config):
        """Validate before anything is built; state is rebuilt here on every (re)build."""
        self.docs, self.generated = {}, {}
        if not self.config.enabled:
            return config
        self.fiscal = dates.Fiscal(self.config.fiscal_year_start, self.config.fiscal_year_named_by)
        checked = check(
            config.docs_dir,
            self.config.currency,
            _MEMO,
            config.use_directory_urls,
            fiscal=self.fiscal,
            require_retrospectives=self.config.require_retrospectives,
        )
        for problem in checked.warnings:
            log.warning(str(problem))
        if checked.errors:
            raise PluginError(f"{len(checked.errors)} error(s) in roadmap documents:\n" + "\n".join(str(p) for p in checked.errors))
        try:
            self.today = dates.today(self.config.today)
        except ValueError as error:
            raise PluginError(f"milepost: option 'today': {error}") from None
        self.site, self.language = checked.site, language(config.theme.get("language"))
        self.docs = {doc.source: doc for doc in self.site.documents if doc.published}
        known = self._history(config.docs_dir)
        self.renderer = Renderer(
            self.site, self.today, self.language, self.config.overload, config.theme.custom_dir, self.config.timeline_campaigns,
            behind_margin=self.config.behind_margin, off_track_margin=self.config.off_track_margin, **known,
        )
        config.extra_css.append("assets/milepost/milepost.css")
        config.extra_javascript.append("assets/milepost/milepost.js")
        return config

    def _history(self, docs_dir: str) -> dict:
        """What Git knows, as the renderer takes it; no What changed page without Git or with `changes: 0`."""
        known = history.for_site(docs_dir, self.config.changes, self.config.currency, self.fiscal) if self.config.history else {}
        if known is None:
            log.warning("the docs dir is not in a Git repository: 'Last updated' and the What changed page are left out (set 'history: false' to build without them)")
        return known or {}

    def on_files(self, files: Files, config):
        if not self.config.enabled:
            return files
        self.files = files
        written = {file.dest_uri for file in files.documentation_pages()}
        exists = lambda src: files.get_file_from_path(src) is not None or urls.page_path(src, config.use_directory_urls) in written
        planned, notes = pages.planned(self.renderer, exists)  # a page of yours at timeline.md wins over timeline/index.md too
        for note in notes:
            log.info(note)
        for generated in planned:  # group pages are titled in on_page_markdown (names are not Markdown), reached from their index
            content, level = ("", InclusionLevel.NOT_IN_NAV) if generated.group else (f"# {self.language.label(generated.page.title)}\n", InclusionLevel.UNDEFINED)
            files.append(File.generated(config, generated.src, content=content, inclusion=level))
            self.generated[generated.src] = generated
        for asset in ("milepost.css", "milepost.js"):
            files.append(File.generated(config, f"assets/milepost/{asset}", content=(ASSETS / asset).read_bytes()))
        url_of = lambda source: file.url if (file := files.get_file_from_path(source)) else ""
        for name, content in export.exported(self.site, self.today, config.site_name, url_of, config.site_url, self.renderer.health).items():
            if exists(name):
                log.warning(f"docs dir has its own {name}: the generated export is not published")
                continue
            files.append(File.generated(config, name, content=content))
        if config.nav is None and self.config.navigation:
            documentation = [f.src_uri for f in files.documentation_pages()]
            config.nav = navigation(self.site, self.language, set(self.docs), exists, documentation, set(self.generated), self.config.campaigns_in_nav)
            if not self.config.campaigns_in_nav:  # left out on purpose: no "not included in the nav" line for each
                for campaign in self.site.campaigns:
                    if (file := files.get_file_from_path(campaign.source)) and file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
                        file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.dirty:
            self._mark_stale(files)
        return files

    def _mark_stale(self, files: Files) -> None:
        """A dirty build renders only the pages whose file is newer than its output: date back the
        output of every page that shows something of a changed document."""
        modified = {src for src in self.docs if (file := files.get_file_from_path(src)) and file.is_modified()}
        for src in stale.to_render(modified, self.previous, self.site):
            if (file := files.get_file_from_path(src)) and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))
        self.previous = self.site

    def on_page_read_source(self, page, config):
        """MkDocs gets a roadmap document's body only: its YAML reader (a third of a millisecond a file)
        has nothing to parse again; the blank first line keeps a `key: value` body from being metadata."""
        doc = self.docs.get(page.file.src_uri)
        return None if doc is None else "\n" + doc.body

    def on_page_markdown(self, markdown, page, config, files):
        """Roadmap pages get our own reading of the file: titles escaped, front matter never leaked."""
        doc = self.docs.get(page.file.src_uri)
        if doc is not None:
            page.meta = pages.document_meta(doc)
            return doc.body
        page.meta = pages.generated_meta(page.meta, self.generated.get(page.file.src_uri))
        return markdown

    def on_page_content(self, html, page, config, files):
        """Roadmap documents: the words of the generated parts go in now, for search to index;
        `on_page_context` swaps in the rich HTML after search has read the page."""
        if (doc := self.docs.get(page.file.src_uri)) is not None:
            return self.renderer.searchable(doc, html)
        if (generated := self.generated.get(page.file.src_uri)) is not None:
            return html + self.renderer.page(generated.page, self._linker(page, files), generated.group)
        return html

    @event_priority(-100)  # after Material's search plugin (priority 0) has indexed the page
    def on_page_context(self, context, page, config, nav):
        if (doc := self.docs.get(page.file.src_uri)) is not None:
            page.content = self.renderer.finished(doc, page.content, self._linker(page, self.files))
        return context

    @staticmethod
    def _linker(page, files: Files):
        def link(target: str) -> str | None:
            file = files.get_file_from_path(target)
            return file.url_relative_to(page.file) if file else None

        return link
