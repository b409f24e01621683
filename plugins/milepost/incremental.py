"""The site of `milepost serve`, kept in memory between edits: after one full build, an edit
renders again only the pages it makes stale.

MkDocs' own `serve` rebuilds the whole site after every save (a minute at 5,000 campaigns);
with `--dirty` it skips pages but leaves the search index holding only the pages it rebuilt and
the navigation of the others stale. Here the state of the full build stays in this process —
the configuration, the files, the navigation, every page with its HTML, the theme's Jinja
environment and the search plugin's entries — and an edit goes in two steps:

1. `update`: validate again (the parse cache is warm: only the changed file is parsed), render
   the pages `site.stale` says show a changed document, replace their entries in the search
   index and write it whole. A change of the navigation (a roadmap's title, a page in the nav
   added or removed, mkdocs.yml, the theme's `custom_dir`) makes it a full build instead.
2. `finish`: the generated pages (timeline, owners, channels …) and the exports, which show the
   whole site; it stops as soon as another edit comes in, and runs again after it.

While the roadmaps have errors, every page is answered with the error page of `site.preview`,
drawn on demand (`error_page`), until an edit fixes them.
"""

from __future__ import annotations

import copy
import logging
import os
import time
from pathlib import Path
from typing import Callable

import jinja2
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from milepost import files as added
from milepost.site import pages, stale
from milepost.site.navigation import navigation

log = logging.getLogger("mkdocs.milepost.serve")

SHOWN = InclusionLevel.is_in_serve  # drafts are previewed, as under `mkdocs serve`


class NeedsFullBuild(Exception):
    """The edit changed what every page shows (the navigation, the configuration)."""


class _Templates(jinja2.BytecodeCache):
    """Compiled templates kept across edits: each validation gives the renderer a new Jinja
    environment, which would otherwise compile every template again (a quarter of an edit's time)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """One served site: `full()` first, then `update(paths)` and `finish()` after each edit."""

    def __init__(self, config_file: str | None, site_dir: str, serve_url: str, dev_addr: str):
        self.config_file, self.site_dir, self.serve_url, self.dev_addr = config_file, site_dir, serve_url, dev_addr
        self.started = False
        self.templates = _Templates()
        self.pending: set[str] = set()  # sources changed since the last good update
        self.due = False  # the generated pages and exports are behind the documents
        self.broken = None  # the plugin's preview.Broken while the roadmaps have errors
        self.error_pages: dict = {}  # while broken: path below the site -> its page's File, then its error page
        self.rendered: list[str] = []  # the sources the last update rendered
        self.written: Callable[[str], None] = lambda url: None  # told the URL of each page written again

    # --- the full build -------------------------------------------------------------------

    def load(self):
        """The configuration as `mkdocs serve` reads it, with the plugins of the first load."""
        config = load_config(config_file=self.config_file, site_dir=self.site_dir, dev_addr=self.dev_addr)
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=False)
            self.started = True
        config.site_url = self.serve_url
        return config

    def full(self) -> None:
        """Build everything, as `mkdocs build` does, and keep what it made."""
        began = time.monotonic()
        config = self.load()
        self.user_nav = config.nav
        config = config.plugins.on_config(config)
        self.plugin = config.plugins["milepost"]
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        env = config.theme.get_env()
        files = config.plugins.on_files(_files(config, env), config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        for file in files.documentation_pages(inclusion=SHOWN):
            if file.page is None:
                Page(None, file, config)
            mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.assets = list(config.extra_css), list(config.extra_javascript)
        self.built_nav = config.nav
        files.copy_static_files(inclusion=SHOWN)
        self._templates()
        for file in self.doc_files:
            mkdocs_build._build_page(file.page, config, self.doc_files, nav, env, excluded=file.inclusion.is_excluded())
        config.plugins.on_post_build(config=config)
        self.broken, self.error_pages = self.plugin.broken, {}
        self.whole = self.broken is None  # a build showing errors holds no page to keep
        self.site, self.pending, self.due = self.plugin.build.site if self.whole else None, set(), False
        log.info(f"Documentation built in {time.monotonic() - began:.2f} seconds")

    @property
    def doc_files(self) -> list:
        return self.files.documentation_pages(inclusion=SHOWN)

    def _templates(self) -> None:
        """The theme's own pages (404.html, sitemap.xml) and the configuration's extra templates."""
        for name in self.config.theme.static_templates:
            mkdocs_build._build_theme_template(name, self.env, self.files, self.config, self.nav)
        for name in self.config.extra_templates:
            mkdocs_build._build_extra_template(name, self.files, self.config, self.nav)

    # --- one edit ---------------------------------------------------------------------------

    def update(self, paths: set[str]) -> None:
        """Bring the pages that show the changed files up to date (step 1). Raises
        NeedsFullBuild when a full build must do it instead."""
        began = time.monotonic()
        sources, structural = self._sources(paths)
        if not self.whole or structural is None:
            raise NeedsFullBuild
        self.pending |= sources
        self._validate()
        if self.broken is not None:
            return
        if structural:
            self._refresh_files()
        before = {page.file.src_uri: page.title for page in self.nav.pages}
        documents = {src for src in self.pending if src in self.plugin.docs or src in self.site_sources}
        wanted = stale.to_render(documents, self.site, self.plugin.build.site) | (self.pending - documents)
        self._check_navigation()
        self.rendered = self._first(wanted, documents)
        rendered = self._render(self.rendered)
        if any(before.get(page.file.src_uri, page.title) != page.title for page in self.nav.pages):
            raise NeedsFullBuild  # a page's own title (its first heading) is in the navigation
        self._write_search_index()
        log.info(f"Rebuilt {rendered} page(s) showing {', '.join(sorted(self.pending))} in {time.monotonic() - began:.2f} seconds")
        self.site, self.pending, self.due = self.plugin.build.site, set(), True

    def _first(self, wanted: set[str], documents: set[str]) -> list[str]:
        """The pages of the edited documents first, then their roadmaps' pages (what the author is
        looking at: each reloads as soon as it is written), then the others."""
        site = self.plugin.build.site
        docs = {doc.source: doc for doc in site.documents}
        roadmaps = {site.by_id[d.roadmap].source for s in documents if (d := docs.get(s)) is not None and getattr(d, "roadmap", None) in site.by_id}
        return sorted(wanted, key=lambda src: (0 if src in documents else 1 if src in roadmaps else 2, src))

    @property
    def site_sources(self) -> set[str]:
        return {doc.source for doc in self.site.documents} if self.site else set()

    def _sources(self, paths: set[str]) -> tuple[set[str], bool | None]:
        """The docs-dir sources among `paths`, and whether files came or went (None: the
        configuration or the theme changed)."""
        docs = Path(self.config.docs_dir).resolve()
        sources, structural = set(), False
        for path in paths:
            resolved = Path(path).resolve()
            if not resolved.is_relative_to(docs):
                return sources, None  # mkdocs.yml, custom_dir, a `watch` path
            source = resolved.relative_to(docs).as_posix()
            if any(part.startswith(".") for part in source.split("/")):
                continue  # MkDocs leaves dot-files out (editors' swap files)
            known, there = self.files.get_file_from_path(source) is not None, resolved.is_file()
            if not known and not there:
                continue  # a temporary file, come and gone
            structural |= known != there
            sources.add(source)
        return sources, structural

    def _validate(self) -> None:
        """The plugin's own validation and renderer, on the configuration of the full build."""
        previous = self.plugin.generated
        self.plugin.on_config(self.config)
        self.plugin.generated = previous  # kept until `finish` plans the generated pages again
        self.config.extra_css[:], self.config.extra_javascript[:] = self.assets  # on_config adds its assets each time
        if self.plugin.broken is None:
            self.plugin.build.renderer.env.bytecode_cache = self.templates
        self.broken, self.error_pages = self.plugin.broken, {}

    def _check_navigation(self) -> None:
        """The generated navigation, drawn for the site before and after the edit with the same
        files: if they differ, the edit changed the navigation (a roadmap's or goal's title)."""
        if self.user_nav is not None or not self.plugin.config.navigation:
            return
        files, plugin = self.files, self.plugin
        exists = lambda src: files.get_file_from_path(src) is not None
        listed = [f.src_uri for f in self.doc_files]
        draw = lambda site, docs: navigation(site, plugin.build.language, docs, exists, listed, set(plugin.generated), plugin.config.campaigns_in_nav)
        published_before = {doc.source for doc in self.site.documents if doc.published}
        if draw(self.site, published_before) != draw(plugin.build.site, set(plugin.docs)):
            raise NeedsFullBuild

    def _render(self, sources: list[str]) -> int:
        """Render the pages of `sources` again and write them (static files are copied); their
        entries in the search index are replaced where they were."""
        count = 0
        for source in sources:
            file = self.files.get_file_from_path(source)
            if file is None or not file.inclusion.is_in_serve():
                continue
            if not file.is_documentation_page():
                file.copy_file()
                self.written(file.url)
                continue
            if file.page is None:
                Page(None, file, self.config)
            mkdocs_build._populate_page(file.page, self.config, self.files)
            with _reindexed(self.config, file.page.url):
                mkdocs_build._build_page(file.page, self.config, self.doc_files, self.nav, self.env, excluded=file.inclusion.is_excluded())
            self.written(file.page.url)
            count += 1
        return count

    def _write_search_index(self) -> None:
        for name in ("material/search", "search"):
            if (plugin := self.config.plugins.get(name)) is not None:
                plugin.on_post_build(config=self.config)

    # --- the generated pages and the exports -----------------------------------------------

    def finish(self, interrupted: Callable[[], bool]) -> bool:
        """Render the generated pages, the timeline pictures and the exports of the edited site
        (step 2), a piece at a time; False when `interrupted()` said another edit came in first."""
        if not self.due or self.broken is not None:
            return False
        began = time.monotonic()
        came = self._plan_generated()
        generated = sorted(self.plugin.generated)
        for source in generated:
            if interrupted():
                return False
            self._render([source])
        if came:  # the pages of the edit may link to a new owner's or channel's page
            self._render(self.rendered)
        for src, doc in self._pictures().items():
            if interrupted():
                return False
            self._write_generated(src, lambda file: self.plugin.build.renderer.picture(doc, self._linker(file)).encode("utf-8"))
        build = self.plugin.build
        for name, content in build.exports(self.config.site_name, self.config.site_url, added.url_of(self.files)).items():
            self._write_generated(name, lambda file: content)
        self._templates()
        self.config.plugins.on_post_build(config=self.config)
        self.due = False
        log.info(f"Rebuilt the {len(generated)} generated pages, the timeline pictures and the exports in {time.monotonic() - began:.2f} seconds")
        return True

    def _plan_generated(self) -> bool:
        """The generated pages of the edited site (a new owner has a page, an owner without
        anything left has none): as the plugin plans them, their files added or removed here.
        True if pages came."""
        own = Files([file for file in self.files if file.generated_by is None])  # the docs dir and the theme
        self.exists = added.exists_in(own, self.config.use_directory_urls)
        planned, _ = pages.planned(self.plugin.build.renderer, self.exists)
        before, now = set(self.plugin.generated), {generated.src for generated in planned}
        fresh = Files([])
        self.plugin.generated = added.add_pages(fresh, self.config, planned, self.plugin.build.language)
        for src in sorted(before - now):
            self._remove(self.files.get_file_from_path(src))
        for file in fresh:
            if file.src_uri not in before:
                self.files.append(file)
        return bool(now - before)

    def _pictures(self) -> dict:
        """The timeline pictures the edit changed: those of the pages it rendered again, and the site's."""
        planned = [generated for src, generated in self.plugin.generated.items()]
        wanted = pages.pictures(self.plugin.build.renderer, planned, self.exists)
        docs = {doc.source for doc in wanted.values() if doc is not None} & set(self.rendered)
        return {src: doc for src, doc in wanted.items() if doc is None or doc.source in docs}

    def _write_generated(self, src: str, content: Callable) -> None:
        """A generated file that is not a page (a picture, an export): written when its bytes changed."""
        file = self.files.get_file_from_path(src)
        if file is None or not file.generated_by:
            return  # the docs dir has its own, or it was not there at the full build (the next full build adds it)
        new = content(file)
        if new != file.content_bytes:
            file.content_bytes = new
            file.copy_file()
            self.written(file.url)

    def _linker(self, source):
        """Links from a generated file that is not a page to the pages of the site."""
        return lambda target: (found.url_relative_to(source) if (found := self.files.get_file_from_path(target)) else None)

    def _remove(self, file) -> None:
        """A page or file no longer in the site: its output, and its entries in the search index."""
        if file is None:
            return
        self.files.remove(file)
        if os.path.isfile(file.abs_dest_path):
            os.remove(file.abs_dest_path)
        if file.is_documentation_page():
            with _reindexed(self.config, file.page.url if file.page else file.url):
                pass

    def _refresh_files(self) -> bool:
        """The files of the site as a build would list them now (the plugin plans the generated
        pages and writes the exports again); the pages kept move to them. True if pages came."""
        config = self.config
        config.nav = self.user_nav
        files = config.plugins.on_files(_files(config, self.env), config=config)
        set_exclusions(files, config)
        if config.nav != self.built_nav:
            raise NeedsFullBuild
        old, new = {f.src_uri: f for f in self.files}, {f.src_uri: f for f in files}
        came = [new[src] for src in sorted(new.keys() - old.keys()) if new[src].is_documentation_page()]
        if self.user_nav is None and not self.plugin.config.navigation and (came or any(old[s].is_documentation_page() for s in old.keys() - new.keys())):
            raise NeedsFullBuild  # MkDocs' own navigation lists every page
        for src in sorted(old.keys() - new.keys()):  # gone: its page, and its entries in the search index
            if old[src].dest_uri not in {f.dest_uri for f in files} and os.path.isfile(old[src].abs_dest_path):
                os.remove(old[src].abs_dest_path)
            if old[src].is_documentation_page():
                with _reindexed(config, old[src].url if old[src].url not in (".", "./") else ""):
                    pass
        for src, file in new.items():
            if src in old and old[src].page is not None:
                file.page, file.page.file = old[src].page, file
            elif file.generated_by and not file.is_documentation_page() and (src not in old or old[src].content_bytes != file.content_bytes):
                file.copy_file()  # an export
            elif src not in old and not file.is_documentation_page():
                file.copy_file()
        self.files = files
        return bool(came)

    # --- errors ---------------------------------------------------------------------------

    def error_page(self, path: str) -> bytes | None:
        """The error page to answer a request for the page at `path` (below the site) while the
        roadmaps have errors; None when there are none or no page is there."""
        if self.broken is None:
            return None
        if not self.error_pages:
            self.error_pages = {f.dest_uri: f for f in self.doc_files}  # drawn on demand, each once
        found = self.error_pages.get(path)
        if found is not None and not isinstance(found, bytes):
            found = self.error_pages[path] = self._draw_error_page(found)
        return found

    def _draw_error_page(self, file) -> bytes:
        """The page at `file`'s place, drawn by the plugin as its error page: a copy, so the
        page kept for the site and the search index stay as they were."""
        stand_in = copy.copy(file)
        page = Page(None, stand_in, self.config)
        mkdocs_build._populate_page(page, self.config, self.files)
        context = mkdocs_build.get_context(self.nav, self.doc_files, self.config, page)
        html = self.env.get_template(page.meta.get("template", "main.html")).render(context)
        return self.config.plugins.on_post_page(html, page=page, config=self.config).encode("utf-8", errors="xmlcharrefreplace")


def _files(config, env) -> Files:
    files = get_files(config)
    files.add_files_from_theme(env, config)
    return files


class _reindexed:
    """Around rendering one page again: its entries leave the search plugin's index, and the
    entries rendering adds take their place (the index stays in the order of a full build)."""

    def __init__(self, config, url: str):
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        self.entries = getattr(index, "entries", getattr(index, "_entries", None))
        self.url = url

    def __enter__(self):
        if self.entries is None:
            return
        own = lambda entry: entry["location"] == self.url or entry["location"].startswith(self.url + "#")
        self.at = next((i for i, entry in enumerate(self.entries) if own(entry)), len(self.entries))
        self.entries[:] = [entry for entry in self.entries if not own(entry)]
        self.kept = len(self.entries)

    def __exit__(self, *exc):
        if self.entries is None:
            return
        added = self.entries[self.kept :]
        del self.entries[self.kept :]
        self.entries[self.at : self.at] = added
