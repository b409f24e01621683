"""What the plugin adds to, or changes in, MkDocs' list of files: the glue on MkDocs' side.

Which pages, exports and links there are is decided in `site/` and `milepost.build`; here they
become MkDocs `File`s, and a `--dirty` build's outputs are dated back so that MkDocs renders
them again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from mkdocs.structure.files import File, Files, InclusionLevel

from milepost.build import Build
from milepost.core import urls
from milepost.core.model import Document, Site
from milepost.site import pages, stale
from milepost.site.i18n import Language
from milepost.site.navigation import navigation
from milepost.site.pages import Generated
from milepost.site.render import Renderer

ASSETS = Path(__file__).parent / "assets"
CSS, SCRIPT = "assets/milepost/milepost.css", "assets/milepost/milepost.js"

Exists = Callable[[str], bool]


def exists_in(files: Files, directory_urls: bool) -> Exists:
    """Whether the docs dir has a file at a source path, or a page written where it would be."""
    written = {file.dest_uri for file in files.documentation_pages()}
    return lambda src: files.get_file_from_path(src) is not None or urls.page_path(src, directory_urls) in written


def add_site(files: Files, config, build: Build, options, exists: Exists, log) -> dict[str, Generated]:
    """Everything a good build adds, in order: generated pages (a page of yours at timeline.md wins
    over timeline/index.md too), assets, timeline pictures, exports and, unless mkdocs.yml has its
    own, the navigation. Returns the generated pages by source."""
    planned, notes = pages.planned(build.renderer, exists)
    for note in notes:
        log.info(note)
    generated = add_pages(files, config, planned, build.language)
    add_assets(files, config)
    add_pictures(files, config, pages.pictures(build.renderer, planned, exists), build.renderer)
    add_exports(files, config, build.exports(config.site_name, config.site_url, url_of(files)), exists, log.warning)
    if config.nav is None and options.navigation:
        documentation = [f.src_uri for f in files.documentation_pages()]
        config.nav = navigation(build.site, build.language, set(build.documents), exists, documentation, set(generated), options.campaigns_in_nav)
        if not options.campaigns_in_nav:
            hide_campaigns(files, build.site)
    return generated


def add_error_preview(files: Files, config, stand_ins: Iterable[str], dirty: bool) -> None:
    """The preview while there are errors: stand-ins for the pages of the last good build (a reader
    may be on any of them) and every page of the docs dir, each showing the errors."""
    add_empty(files, config, stand_ins)
    add_assets(files, config, [CSS])
    if dirty:
        date_back(files.documentation_pages())


def add_pages(files: Files, config, planned: list[Generated], language: Language) -> dict[str, Generated]:
    """The generated pages as files, by source. Group pages are titled in on_page_markdown
    (names are not Markdown) and reached from their index, not from the navigation."""
    for generated in planned:
        content, level = ("", InclusionLevel.NOT_IN_NAV) if generated.group else (f"# {language.label(generated.page.title)}\n", InclusionLevel.UNDEFINED)
        files.append(File.generated(config, generated.src, content=content, inclusion=level))
    return {generated.src: generated for generated in planned}


def add_empty(files: Files, config, sources: Iterable[str]) -> None:
    """Pages whose content the plugin fills in (the preview's stand-ins for the pages of a good build)."""
    for src in sources:
        files.append(File.generated(config, src, content=""))


def add_assets(files: Files, config, names: Iterable[str] = (CSS, SCRIPT)) -> None:
    for name in names:
        files.append(File.generated(config, name, content=(ASSETS / Path(name).name).read_bytes()))


def add_pictures(files: Files, config, pictures: dict[str, Document | None], renderer: Renderer) -> None:
    """The timeline SVGs beside their pages (`pages.pictures`), linking to pages relative to themselves."""
    for src, doc in pictures.items():
        picture = File.generated(config, src, content="")
        picture.content_string = renderer.picture(doc, _file_linker(picture, files))
        files.append(picture)


def _file_linker(source: File, files: Files):
    """Links from a generated file that is not a page to the pages of the build."""

    def link(target: str) -> str | None:
        file = files.get_file_from_path(target)
        return file.url_relative_to(source) if file else None

    return link


def add_exports(files: Files, config, exported: dict[str, bytes], exists: Exists, warn: Callable[[str], None]) -> None:
    """The exports, except where the docs dir has its own file of that name."""
    for name, content in exported.items():
        if exists(name):
            warn(f"docs dir has its own {name}: the generated export is not published")
            continue
        files.append(File.generated(config, name, content=content))


def url_of(files: Files) -> Callable[[str], str]:
    """A document's URL from the site's root, as the exports give it ("" for a file not published)."""
    return lambda source: file.url if (file := files.get_file_from_path(source)) else ""


def hide_campaigns(files: Files, site: Site) -> None:
    """Campaigns left out of the navigation on purpose: no "not included in the nav" line for each."""
    for campaign in site.campaigns:
        if (file := files.get_file_from_path(campaign.source)) and file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
            file.inclusion = InclusionLevel.NOT_IN_NAV


def date_back(pages: Iterable[File]) -> None:
    """Make the output of `pages` older than any source, so that a `--dirty` build renders them again."""
    for file in pages:
        if os.path.isfile(file.abs_dest_path):
            os.utime(file.abs_dest_path, (0, 0))


def date_back_stale(files: Files, documents: dict[str, Document], previous: Site | None, site: Site, everything: bool) -> None:
    """A dirty build renders only the pages whose file is newer than its output: date back the output
    of every page that shows something of a changed document (of every page, if `everything`)."""
    if everything:
        date_back(files.documentation_pages())
    modified = {src for src in documents if (file := files.get_file_from_path(src)) and file.is_modified()}
    date_back(file for src in stale.to_render(modified, previous, site) if (file := files.get_file_from_path(src)))


def linker(page, files: Files):
    """Links from `page` to a docs-dir path, relative to the page's URL; None for a file not in the build."""

    known: dict[str, str | None] = {}  # a page links to the same roadmap, goal or owner many times
    by_source = files.src_uris

    def link(target: str) -> str | None:
        if target not in known:
            file = by_source.get(target) or files.get_file_from_path(target)  # sources are docs-dir paths already
            known[target] = file.url_relative_to(page.file) if file else None
        return known[target]

    return link
