"""The generated site-wide pages, declared once.

The plugin adds each to the build, the home page links those marked `browse`,
the generated navigation lists them in this order, and a build without MkDocs
can write every one: nothing here knows MkDocs.

A new page is one `Page` in `PAGES` and its template
`templates/milepost/NAME.html`. Its template sees the globals of every page
(`site`, `today`, `t`, `fmt`, `insights`, `link`) and whatever its `context`
returns, computed in Python: templates only lay out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import escape

from milepost.core.model import Campaign, Document, Site
from milepost.site import allocation, insights, months
from milepost.site.insights import Group
from milepost.site.owners import ownership
from milepost.site.render import Link, Renderer

Context = Callable[[Renderer, "Group | None"], dict]
"""What a page's template gets beyond the globals: from the renderer and, on a group's page, the group."""


WIDE = ["toc"]
"""Material's front matter `hide` of pages drawing a timeline: no table of contents beside it, and
(milepost.css) the content grid takes the window's width. The navigation stays: hidden, a
desktop reader would have no way to another page but the back button."""


def _nothing(renderer: Renderer, group: Group | None) -> dict:
    return {}


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page; with `grouping`, also one page per group below it (`owners/marta-rossi/`)."""

    name: str  # the folder it is written to, `NAME/index.md`; "home" is the site's own index.md
    title: str  # the label (i18n.LABELS) of its title
    template: str  # templates/milepost/TEMPLATE.html
    context: Context = _nothing
    grouping: Callable[[Campaign], list[str]] | None = None  # the values a campaign is grouped under
    also: Callable[[Site], list[str]] | None = None  # more groups: names that own something else
    group_template: str = "group"  # the page of one group
    browse: bool = False  # a button on the home page
    searched: bool = False  # in the search index (the others only repeat what documents' pages say)
    shown: Callable[[Renderer], bool] = lambda renderer: True  # e.g. What changed needs Git history
    wide: bool = False  # a timeline page: no table of contents, the whole window's width used
    below: Callable[[Renderer], list[Group]] | None = None  # pages below it that are not groups of campaigns (calendar/2027-03/)
    elsewhere: Callable[[Renderer], tuple[str, ...]] = lambda renderer: ()  # where its button leads when a page of yours takes its place

    @property
    def src(self) -> str:
        return "index.md" if self.name == "home" else f"{self.name}/index.md"

    def group_src(self, group: Group, part: int = 1) -> str:
        """`NAME/SLUG/index.md`, its further parts `NAME/SLUG--2/index.md` …: beside it, so that its
        campaign rows link alike and are rendered once (a slug never holds `--`)."""
        return f"{self.name}/{group.slug}{'' if part == 1 else f'--{part}'}/index.md"


ROWS_PER_PAGE = 500
"""A group's page lists at most this many campaigns (about 0.5 MB of table); the rest go on its
further parts, linked from each of them. The busiest channel of 20,000 campaigns has thousands."""


def parts(group: Group) -> int:
    """How many pages `group`'s campaign table takes."""
    return max(1, -(-len(group.campaigns) // ROWS_PER_PAGE))


def _timeline(renderer: Renderer, group: Group | None) -> dict:
    return {"timeline": renderer.site_timeline(), "timeline_svg": (renderer.svg_src(BY_NAME["timeline"].src), "timeline.svg")}


def _grouping(name: str, title: str) -> Context:
    def context(renderer: Renderer, group: Group | None) -> dict:
        if group is not None:
            return {"name": name, "title": title, "group": group}
        return {"name": name, "groups": groups(renderer, BY_NAME[name])}

    return context


def _key_dates(renderer: Renderer, group: Group | None) -> dict:
    return {"key_dates": renderer.site.key_dates()}


def _budget(renderer: Renderer, group: Group | None) -> dict:
    return {"b": renderer.budget_tables(), "largest": allocation.largest, "shown": allocation.shown, "burning_listed": allocation.BURNING_LISTED}


def _calendar(renderer: Renderer, group: Group | None) -> dict:
    """A month's page, or `calendar/` showing the month it opens on (today's, within the range)."""
    calendar = renderer.calendar()
    slug = group.slug if group else calendar.opening()
    return {
        "cal": calendar, "month": calendar.month(slug), "on_index": group is None, "sources": months.sources,
        "options": calendar.filter_options, "filter_data": months.filter_data,
    }


def _months(renderer: Renderer) -> list[Group]:
    """One page per month, titled by its name in the site's language."""
    calendar = renderer.calendar()
    return [Group(renderer.language.month_year(first), slug, []) for first, slug in zip(calendar.months, calendar.slugs)]


def _opening_month(renderer: Renderer) -> tuple[str, ...]:
    """With a page of yours at calendar/ (a `calendar` document named calendar.md, say), the home
    page's Calendar button leads to the month pages, which are still generated."""
    slug = renderer.calendar().opening()
    return months.sources(slug) if slug else ()


def _changes(renderer: Renderer, group: Group | None) -> dict:
    return {"recent": renderer.recent, "shallow": renderer.shallow}


def _home(renderer: Renderer, group: Group | None) -> dict:
    return {
        "stale": renderer.stale(),
        "quarter": insights.this_quarter(renderer.site, renderer.today, renderer.fiscal),
        "browse": [page for page in PAGES if page.browse],
        "elsewhere": {page.name: page.elsewhere(renderer) for page in PAGES if page.browse},
    }


def _variance(renderer: Renderer, group: Group | None) -> dict:
    return {"variance": renderer.variance}


PAGES: tuple[Page, ...] = (
    Page("home", "home", "home", _home, searched=True),
    Page("goals", "goals", "goals", browse=True),  # the navigation's Goals section opens on it
    Page("roadmaps", "roadmaps", "roadmaps", browse=True),  # and Roadmaps on this one
    Page("timeline", "timeline", "timeline-page", _timeline, browse=True, wide=True),
    Page("owners", "by_owner", "grouping", _grouping("owners", "by_owner"), grouping=lambda c: [c.owner] if c.owner else [], also=lambda site: sorted(ownership(site)), browse=True),
    Page("channels", "by_channel", "grouping", _grouping("channels", "by_channel"), grouping=lambda c: c.channels, browse=True),
    Page("teams", "by_team", "grouping", _grouping("teams", "by_team"), grouping=lambda c: c.teams, browse=True),
    Page(
        "calendar", "calendar_page", "calendar-month", _calendar, group_template="calendar-month", browse=True, wide=True,
        below=_months, elsewhere=_opening_month, shown=lambda renderer: bool(renderer.calendar().months),
    ),
    Page("key-dates", "key_dates", "key-dates", _key_dates, browse=True, shown=lambda renderer: bool(renderer.site.calendars)),
    Page("changes", "changes", "changes", _changes, shown=lambda renderer: renderer.recent is not None),
    Page("lessons", "lessons", "lessons", browse=True, searched=True),
    Page("variance", "variance", "variance", _variance, browse=True, shown=lambda renderer: renderer.variance is not None),
    Page("budget", "budget_page", "budget", _budget, browse=True, wide=True),  # its tables carry charts: the window's width, not a column
)
BY_NAME = {page.name: page for page in PAGES}


def groups(renderer: Renderer, page: Page) -> list[Group]:
    """The groups of `page` (owners, channels …, or the months below calendar/), each with a page of
    its own; none for other pages."""
    if page.below:
        return page.below(renderer)
    return renderer.grouped(page.name, page.grouping, page.also) if page.grouping else []


@dataclass(frozen=True, slots=True)
class Generated:
    """A page file of this build: a registry page, or the page of one of its groups."""

    src: str
    page: Page
    group: Group | None = None
    part: int = 1  # which of the group's pages (`parts`) this is


def planned(renderer: Renderer, exists: Callable[[str], bool]) -> tuple[list[Generated], list[str]]:
    """The pages to generate, and a note for each one left out because the docs dir has its own:
    a page the user wrote wins over ours (a README.md is the home page too)."""
    found, notes = [], []
    for page in PAGES:
        if not page.shown(renderer):
            continue
        if exists(page.src) or (page.name == "home" and exists("README.md")):
            notes.append(f"using your {page.src} instead of the generated {page.name} page")
            if not page.below:  # groups are listed by their index: yours replaces them too
                continue
        else:
            found.append(Generated(page.src, page))
        for group in groups(renderer, page):
            for part in range(1, parts(group) + 1):
                if exists(page.group_src(group, part)):
                    notes.append(f"using your {page.group_src(group, part)} instead of the generated page of {group.name!r}")
                    continue
                found.append(Generated(page.group_src(group, part), page, group, part))
    return found, notes


def pictures(renderer: Renderer, planned: list[Generated], exists: Callable[[str], bool]) -> dict[str, Document | None]:
    """Each timeline SVG to publish, by path: the site-wide one (None) when `timeline/` is generated,
    and each published roadmap's and goal's that draws a timeline; a file of the docs dir at that
    path wins."""
    found: dict[str, Document | None] = {}
    if any(generated.src == BY_NAME["timeline"].src for generated in planned):
        found[renderer.svg_src(BY_NAME["timeline"].src)] = None
    for doc in sorted(renderer.site.documents, key=lambda d: d.source):
        if doc.published and doc.kind in ("roadmap", "goal") and renderer.document_timeline(doc):
            found[renderer.svg_src(doc.source)] = doc
    return {src: doc for src, doc in found.items() if not exists(src)}


def html(renderer: Renderer, generated: Generated, link: Link) -> str:
    """The HTML of a generated page: the registry page's template, or its group template for one group."""
    page, group = generated.page, generated.group
    if group is None:
        return renderer.render(page.template, link, **page.context(renderer, None))
    return renderer.render(page.group_template, link, **page.context(renderer, group), **_part(page, group, generated.part))


def _part(page: Page, group: Group, part: int) -> dict:
    """What one of a group's pages lists: `shown`, its share of the campaigns (`first`, `last`: their
    numbers, from 1), and `pager`, (number, source) of every part when there are several."""
    first = (part - 1) * ROWS_PER_PAGE
    shown = group.campaigns[first : first + ROWS_PER_PAGE]
    count = parts(group)
    pager = [(n, page.group_src(group, n)) for n in range(1, count + 1)] if count > 1 else []
    return {"part": part, "shown": shown, "first": first + 1, "last": first + len(shown), "pager": pager}


def generated_meta(meta: dict, generated: Generated | None) -> dict:
    """A page's metadata as Material prints it raw into <title>, <meta> and the header: escaped. A
    group's page is titled by the group's name; generated pages other than home stay out of search,
    as they only list again what documents' own pages hold (indexing them would double the index)."""
    meta = dict(meta)
    if generated and generated.group:
        meta["title"] = generated.group.name if generated.part == 1 else f"{generated.group.name} · {generated.part}/{parts(generated.group)}"
    if generated and not generated.page.searched:
        meta["search"] = {"exclude": True}
    if generated and generated.page.wide:
        meta.setdefault("hide", WIDE)
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = str(escape(meta[key]))
    return meta


def document_meta(doc: Document) -> dict:
    """A roadmap document's page metadata, from our reading of its front matter, escaped."""
    meta = {"title": str(escape(doc.title or doc.id))}
    if doc.kind in ("roadmap", "goal"):  # their pages draw a timeline
        meta["hide"] = WIDE
    if doc.summary:
        meta["description"] = str(escape(doc.summary))
    return meta
