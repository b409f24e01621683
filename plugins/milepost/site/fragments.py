"""The pieces of HTML every generated page repeats most (a link to a document, a period, a status
chip, a progress bar), built in Python: drawn tens of thousands of times on a big site, each as a
Jinja macro cost ten times as much. Everything from a roadmap file is escaped (Markup.format).

`macros.html` exports them under the names its macros had (`doc_link`, `period`, `status`,
`progress_bar`), so templates import them from there as before; a `custom_dir` copy of
`macros.html` may define its own macros of those names instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from markupsafe import Markup, escape

from milepost.core.model import Site
from milepost.site.i18n import Language

LINK = Markup('<a href="{}" class="mp-link mp-link--{}">{}</a>')
PERIOD = Markup('<time datetime="{}">{}</time> – <time datetime="{}">{}</time>')
PROGRESS = Markup(
    '<span class="mp-progress{}" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{}" aria-label="{}"{}>'
    '<span class="mp-progress__fill" style="width: {}%"></span>{}</span>\n<span class="mp-progress__value">{}</span>'
)
PACE = Markup('<span class="mp-progress__pace" style="left: {}%" title="{}"></span>')
STATUS = Markup('<span class="mp-status mp-status--{}"><span class="mp-status__icon" aria-hidden="true"></span>{}</span>')


@dataclass(frozen=True)
class Fragments:
    site: Site
    language: Language
    link: Callable[[str], "str | None"]  # from the page being rendered

    def doc_link(self, id_or_doc) -> Markup:
        """A document (or its id) as a link to its page, by title; the id as it is when unknown."""
        doc = self.site.by_id.get(id_or_doc) if isinstance(id_or_doc, str) else id_or_doc
        if doc is None:
            return escape(id_or_doc)
        url = self.link(doc.source)
        return LINK.format(url, doc.kind, doc.title or doc.id) if url else escape(doc.title or doc.id)

    def period(self, start: date | None, end: date | None) -> Markup:
        if not (start and end):
            return Markup("")
        return PERIOD.format(start.isoformat(), self.language.date(start), end.isoformat(), self.language.date(end))

    def status(self, value) -> Markup:
        return STATUS.format(value, self.language.label(f"status_{value}"))

    def progress_bar(self, value, label, state=None, pace=None) -> Markup:
        """A share done as a bar and a percentage; `state`: a goal's health, which colours the fill;
        `pace`: the share expected by today (0…1), drawn as a line."""
        shown = min(max(value or 0, 0), 100)
        health = Markup(' data-health="{}"').format(state) if state else ""
        line = "" if pace is None else PACE.format(round(pace * 100, 2), self.language.label("pace", p=self.language.percent(pace * 100)))
        paced = " mp-progress--paced" if pace is not None else ""
        return PROGRESS.format(paced, round(shown, 1), label, health, round(shown, 2), line, self.language.percent(value))
