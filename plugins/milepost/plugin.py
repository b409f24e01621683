"""The MkDocs plugin: thin glue between MkDocs' build events and the core.

The core reads and validates the docs dir itself (MkDocs' front-matter reader
swallows YAML errors), then the plugin adds generated pages and exports to
the build, and wraps each roadmap document's page in its generated summary.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from milepost.core import dates
from milepost.site import export, stale
from milepost.review import history
from milepost.config import MilepostConfig
from milepost.site.i18n import language
from milepost.site.render import Renderer
from milepost.core.validate import check

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
PAGES = {
    "index.md": "home",
    "timeline/index.md": "timeline",
    "owners/index.md": "owners",
    "channels/index.md": "channels",
    "teams/index.md": "teams",
    "changes/index.md": "changes",
}
SEARCHED = ("<!--milepost:search-->", "<!--/milepost:search-->")

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
        self.docs = {}
        self.generated = {}
        self.in_git = False
        if not self.config.enabled:
            return config
        checked = check(config.docs_dir, self.config.currency, _MEMO)
        for problem in checked.warnings:
            log.warning(str(problem))
        if checked.errors:
            raise PluginError(f"{len(checked.errors)} error(s) in roadmap documents:\n" + "\n".join(str(p) for p in checked.errors))
        try:
            today = dates.today(self.config.today)
        except ValueError as error:
            raise PluginError(f"milepost: option 'today': {error}") from None
        self.site = checked.site
        self.docs = {doc.source: doc for doc in self.site.documents if doc.published}
        self.renderer = Renderer(
            self.site, today, language(config.theme.get("language")), self.config.overload, config.theme.custom_dir, self.config.timeline_campaigns
        )
        if self.config.history:
            self._read_history(config.docs_dir)
        for asset in ("milepost.css", "milepost.js"):
            (config.extra_javascript if asset.endswith(".js") else config.extra_css).append(f"assets/milepost/{asset}")
        return config

    def _read_history(self, docs_dir: str) -> None:
        repo = history.repository(docs_dir)
        if repo is None:
            log.warning("the docs dir is not in a Git repository: 'Last updated' and the What changed page are left out (set 'history: false' to build without them)")
            return
        self.in_git = True
        self.renderer.updated = history.last_changes(repo)
        if self.config.changes > 0:
            self.renderer.recent = history.recent_changes(repo, self.config.changes, self.config.currency)
            self.renderer.shallow = history.is_shallow(repo)

    def on_files(self, files: Files, config):
        if not self.config.enabled:
            return files
        self.files = files
        for src, name in PAGES.items():
            if name == "changes" and not (self.in_git and self.config.changes > 0):
                continue
            taken = files.get_file_from_path(src) or (src == "index.md" and files.get_file_from_path("README.md"))
            if taken:  # a page the user wrote wins over ours
                log.info(f"using your {src} instead of the generated {name} page")
                continue
            self.generated[src] = (name, None)
            files.append(File.generated(config, src, content=f"# {self.renderer.page_title(name)}\n"))
            for group in self.renderer.groups.get(name, []):
                page = f"{name}/{group.slug}/index.md"
                if files.get_file_from_path(page):
                    log.info(f"using your {page} instead of the generated page of {group.name!r}")
                    continue
                self.generated[page] = (name, group)
                # titled in on_page_markdown (names are not Markdown); reached from their index, not the nav
                files.append(File.generated(config, page, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        for asset in ("milepost.css", "milepost.js"):
            files.append(File.generated(config, f"assets/milepost/{asset}", content=(ASSETS / asset).read_bytes()))

        def url_of(source: str) -> str:
            file = files.get_file_from_path(source)
            return file.url if file else ""

        outputs = {
            "roadmap.json": export.to_json(self.site, url_of).encode("utf-8"),
            "calendar.ics": export.to_ics(self.site, self.renderer.today, config.site_name, url_of, config.site_url),
            "plan.csv": export.to_csv(self.site, url_of),
        }
        for name, content in outputs.items():
            if files.get_file_from_path(name):
                log.warning(f"docs dir has its own {name}: the generated export is not published")
                continue
            files.append(File.generated(config, name, content=content))
        if config.nav is None and self.config.navigation:
            config.nav = self._navigation(files)
            if not self.config.campaigns_in_nav:  # left out on purpose: no "not included in the nav" line for each
                for campaign in self.site.campaigns:
                    if (file := files.get_file_from_path(campaign.source)) and file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
                        file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.dirty:
            self._mark_stale(files)
        return files

    def _mark_stale(self, files: Files) -> None:
        """A dirty build renders only the pages whose file is newer than its output: date back the
        output of every page that shows something of a changed document (`stale`)."""
        sources = {src for src in self.docs if (file := files.get_file_from_path(src)) and file.is_modified()}
        sites = [self.site] if self.previous is None else [self.previous, self.site]
        if self.previous is not None:
            sources |= stale.changed(self.previous, self.site)
        for src in stale.stale(sources, sites):
            file = files.get_file_from_path(src)
            if file and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))
        self.previous = self.site

    def _navigation(self, files: Files) -> list:
        """Home, Goals, Roadmaps with their campaigns, Timeline, groupings, then every other page."""
        titles = {name: self.renderer.page_title(name) for name in PAGES.values()}
        label = self.renderer.language.label
        home = "index.md" if files.get_file_from_path("index.md") else "README.md"
        nav: list = [{titles["home"]: home}]
        entry = lambda doc: {str(escape(doc.title or doc.id)): doc.source}  # nav titles print raw in Material
        nav.append({label("goals"): [entry(g) for g in self.site.goals if g.source in self.docs]})
        roadmaps = []
        for roadmap in self.site.roadmaps:
            if roadmap.source not in self.docs:
                continue
            if not self.config.campaigns_in_nav:
                roadmaps.append(entry(roadmap))
                continue
            campaigns = [entry(c) for c in self.site.campaigns_of.get(roadmap.id, []) if c.source in self.docs]
            roadmaps.append({str(escape(roadmap.title or roadmap.id)): [roadmap.source, *campaigns]})
        nav.append({label("roadmaps"): roadmaps})
        calendars = [entry(c) for c in self.site.calendars if c.source in self.docs]
        if calendars:
            nav.append({label("key_dates"): calendars})
        for src in ("timeline/index.md", "owners/index.md", "channels/index.md", "teams/index.md", "changes/index.md"):
            if files.get_file_from_path(src):
                nav.append({titles[PAGES[src]]: src})
        listed = {home, *self.generated, *PAGES, *(doc.source for doc in self.site.documents)}  # group pages are reached from their index
        nav.extend(f.src_uri for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri) if f.src_uri not in listed)
        return nav

    def on_page_read_source(self, page, config):
        """Roadmap documents were read and validated in `on_config`: MkDocs gets their body with
        no front matter left for its own YAML reader (pure Python, a third of a millisecond a
        file) to parse again. The blank first line keeps it from taking a body that starts with
        `key: value` for MultiMarkdown metadata."""
        doc = self.docs.get(page.file.src_uri)
        return None if doc is None else "\n" + doc.body

    def on_page_markdown(self, markdown, page, config, files):
        """Roadmap pages get our own reading of the file: titles escaped, front matter never leaked."""
        doc = self.docs.get(page.file.src_uri)
        if doc is not None:
            page.meta = {"title": str(escape(doc.title or doc.id))}
            if doc.summary:
                page.meta["description"] = str(escape(doc.summary))
            return doc.body
        name, group = self.generated.get(page.file.src_uri, ("home", None))
        if group is not None:
            page.meta["title"] = group.name
        if name != "home":
            # they only list again what each campaign's own page holds: indexing them would
            # double the search index and most of its build time at scale
            page.meta["search"] = {"exclude": True}
        for key in ("title", "description"):  # Material prints these raw into <title>, <meta> and the header
            if isinstance(page.meta.get(key), str):
                page.meta[key] = str(escape(page.meta[key]))
        return markdown

    def on_page_content(self, html, page, config, files):
        """Roadmap documents: the words of the generated parts go in now, for search to index;
        `on_page_context` swaps in the rich HTML after search has read the page."""
        src = page.file.src_uri
        doc = self.docs.get(src)
        if doc is not None:
            return f"{SEARCHED[0]}{self.renderer.search_text(doc)}{SEARCHED[1]}{html}"
        if src in self.generated:
            name, group = self.generated[src]
            return html + self.renderer.page(name, self._linker(page, files), group)
        return html

    @event_priority(-100)  # after Material's search plugin (priority 0) has indexed the page
    def on_page_context(self, context, page, config, nav):
        doc = self.docs.get(page.file.src_uri)
        if doc is not None:
            link = self._linker(page, self.files)
            _, _, rest = page.content.partition(SEARCHED[1])
            page.content = self.renderer.document(doc, "head", link) + rest + self.renderer.document(doc, "tail", link)
        return context

    @staticmethod
    def _linker(page, files: Files):
        def link(target: str) -> str | None:
            file = files.get_file_from_path(target)
            return file.url_relative_to(page.file) if file else None

        return link
