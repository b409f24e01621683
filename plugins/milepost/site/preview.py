"""What the live preview (`mkdocs serve`) shows while roadmap documents have errors: the errors.

When a rebuild fails, MkDocs' live server holds every request until a build
succeeds, so the browser waits on a page that never comes. Under `mkdocs
serve` the plugin lets the build finish instead, with this page in place of
every page, listing each error at its `file:line:col`; live reload brings the
real page back as soon as the files are fixed. `mkdocs build` still fails on
errors: only the preview is forgiving.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2

from milepost.core.problems import Problem
from milepost.site.i18n import Language

TEMPLATES = Path(__file__).parent.parent / "templates"


@dataclass(slots=True)
class Broken:
    """A docs dir that does not validate, as the preview shows it."""

    errors: list[Problem]
    warnings: list[Problem]
    language: Language
    custom_dir: str | None = None

    @property
    def title(self) -> str:
        return self.language.label("preview_title", n=len(self.errors))

    def page(self) -> str:
        """The HTML of the error page, from `milepost/preview.html` (a `custom_dir` one first), escaped."""
        dirs = [self.custom_dir] if self.custom_dir else []
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([*dirs, str(TEMPLATES)]), autoescape=True, undefined=jinja2.StrictUndefined)
        template = env.get_template("milepost/preview.html")
        return template.render(errors=self.errors, warnings=self.warnings, t=self.language.label, fmt=self.language)


def stand_ins(last_pages: set[str], exists: Callable[[str], bool]) -> list[str]:
    """The generated pages to show the errors at: those of the last good build (a reader may be on
    any of them) and the home page, unless the docs dir has its own."""
    wanted = {"index.md", *last_pages}
    if exists("README.md"):
        wanted.discard("index.md")
    return sorted(src for src in wanted if not exists(src))
