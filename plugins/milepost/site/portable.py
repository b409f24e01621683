"""The whole site as a plain docs dir, for generators that run no MkDocs plugins.

`milepost render` writes it: each roadmap document's page with its generated
summary and details around the author's Markdown, every page of the registry
(`pages.PAGES`) as Markdown holding the HTML the plugin produces, the plugin's
CSS and script, the exports and a navigation. Zensical, ProperDocs or MkDocs
without the plugin then publish the same site. The plugin and this module share
the registry, the renderer and the navigation; nothing here knows MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from milepost.core import urls
from milepost.core.model import Site
from milepost.site import export, pages
from milepost.site.i18n import Language
from milepost.site.navigation import navigation
from milepost.site.render import Renderer

ASSETS = Path(__file__).parent.parent / "assets"
ASSET_FILES = ("assets/milepost/milepost.css", "assets/milepost/milepost.js")


@dataclass(frozen=True, slots=True)
class Build:
    """What the site's mkdocs.yml says about how pages are published."""

    docs_dir: Path
    site_name: str
    site_url: str | None = None
    directory_urls: bool = True
    navigation: bool = True  # generate the navigation (mkdocs.yml has no `nav`, option `navigation`)
    campaigns_in_nav: bool = False
    links_from_source: bool = False  # Zensical: relative links in HTML are read from the page's source folder


@dataclass(frozen=True, slots=True)
class Rendered:
    """The docs dir to write, by path, and what a generator needs to know about it."""

    files: dict[str, bytes]
    nav: list | None  # None: keep the site's own nav
    not_in_nav: list[str]  # pages reached from their index, not from the navigation
    notes: list[str]


def docs_dir(site: Site, renderer: Renderer, language: Language, today: date, build: Build) -> Rendered:
    """Every file of the rendered docs dir: the site's own files as they are, its roadmap
    documents with their generated parts, the generated pages, the assets and the exports."""
    own = _own_files(build.docs_dir)
    documents = {doc.source: doc for doc in site.documents if doc.published}
    written = {urls.page_path(src, build.directory_urls) for src in own if urls.page_path(src, build.directory_urls)}
    exists = lambda src: src in own or urls.page_path(src, build.directory_urls) in written
    planned, notes = pages.planned(renderer, exists)
    exports = {name: content for name, content in _exports(site, today, build, own, planned, renderer).items() if not exists(name)}
    notes += [f"docs dir has its own {name}: the generated export is not written" for name in _export_names() if exists(name)]
    pictures = pages.pictures(renderer, planned, exists)
    present = {*own, *(g.src for g in planned), *ASSET_FILES, *exports, *pictures}
    linker = lambda src: _linker(src, present, build.directory_urls, build.links_from_source)

    files: dict[str, bytes] = {}
    for src in sorted(own):
        doc = documents.get(src)
        if doc is None:
            files[src] = (build.docs_dir / src).read_bytes()
            continue
        link = linker(src)
        head, tail = renderer.document(doc, "head", link), renderer.document(doc, "tail", link)
        files[src] = _page(pages.document_meta(doc), f"{head}\n\n{doc.body}\n\n{tail}")
    for generated in planned:
        meta = pages.generated_meta({}, generated)
        heading = "" if generated.group else f"# {language.label(generated.page.title)}\n\n"
        html = pages.html(renderer, generated, linker(generated.src))
        files[generated.src] = _page(meta, f"{heading}{html}")
    for src, doc in pictures.items():  # a file, not a page: its links are relative to where it is published
        files[src] = renderer.picture(doc, _linker(src, present, build.directory_urls, False)).encode("utf-8")
    for asset in ASSET_FILES:
        files[asset] = (ASSETS / asset.rsplit("/", 1)[1]).read_bytes()
    files.update(exports)

    nav = None
    if build.navigation:
        markdown = [src for src in sorted(files) if urls.page_path(src, build.directory_urls) and not _hidden(src)]
        published = set(documents)
        nav = navigation(site, language, published, exists_in(files, build), markdown, {g.src for g in planned}, build.campaigns_in_nav)
    hidden = [g.src for g in planned if g.group]
    if not build.campaigns_in_nav:
        hidden += [c.source for c in site.campaigns if c.source in documents]
    return Rendered(files, nav, sorted(hidden), notes)


def exists_in(files: dict[str, bytes], build: Build):
    written = {urls.page_path(src, build.directory_urls) for src in files}
    return lambda src: src in files or urls.page_path(src, build.directory_urls) in written


def _exports(site: Site, today: date, build: Build, own: set[str], planned: list, renderer: Renderer) -> dict[str, bytes]:
    present = {*own, *(g.src for g in planned), *ASSET_FILES, *_export_names()}
    url_of = lambda source: urls.url(source, build.directory_urls) if source in present else ""
    return export.exported(site, today, build.site_name, url_of, build.site_url, renderer.health)


def _export_names() -> list[str]:
    return [e.name for e in export.EXPORTS]


def _linker(page_src: str, present: set[str], directory_urls: bool, from_source: bool):
    """Links from the page at `page_src`, as the plugin's linker makes them from MkDocs' files:
    relative to the page's URL (MkDocs leaves links in HTML alone), or with `from_source` to the
    folder of its Markdown file, which Zensical takes them to be relative to (it rewrites them)."""
    base = urls.url(page_src, directory_urls)
    if from_source:
        folder = page_src.rpartition("/")[0]
        base = f"{folder}/" if folder else "./"

    def link(target: str) -> str | None:
        return urls.relative(urls.url(target, directory_urls), base) if target in present else None

    return link


def _page(meta: dict, content: str) -> bytes:
    """A Markdown page whose front matter holds the (escaped) metadata the plugin would set."""
    front = yaml.safe_dump(meta, allow_unicode=True, default_style='"', sort_keys=True, width=float("inf"))
    return f"---\n{front}---\n\n{content.strip()}\n".encode("utf-8")


def _hidden(src: str) -> bool:
    return any(part.startswith(".") for part in src.split("/"))


def _own_files(root: Path) -> set[str]:
    """The docs dir's files as MkDocs would walk them, dot-files and dot-folders left out."""
    found = set()
    for folder, dirnames, filenames in os.walk(root, followlinks=True):  # as MkDocs walks it; validation refused loops
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        relative = Path(folder).relative_to(root).as_posix()
        for name in filenames:
            if not name.startswith("."):
                found.add(name if relative == "." else f"{relative}/{name}")
    return found


def write(out: Path, files: dict[str, bytes], prune: bool = True) -> tuple[int, int]:
    """Make folder `out` hold `files`: a file whose bytes are unchanged is left alone (its mtime
    too, so a generator's live preview rebuilds only what changed); with `prune`, files no longer
    rendered are removed. Returns (written, removed)."""
    written = removed = 0
    for name, content in files.items():
        path = out / name
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.milepost-tmp")
        temporary.write_bytes(content)
        os.replace(temporary, path)
        written += 1
    if prune and out.is_dir():
        for path in sorted(out.rglob("*"), reverse=True):
            name = path.relative_to(out).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed
