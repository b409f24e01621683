"""HTML fragments for roadmap pages, from Jinja2 templates with autoescaping on.

MkDocs' own Jinja environment does not escape, so ours is separate: nothing
from a roadmap file reaches HTML unescaped. Templates are looked up in the
user's `custom_dir` first (`custom_dir/milepost/campaign.html` overrides
ours), like Material's own partials.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core import budgets, urls
from milepost.core.model import Campaign, Document, Goal, Site
from milepost.site import allocation, dependencies, health, insights, labels, months, owners, routes, svg, timeline, trend
from milepost.site.export import EXPORTS
from milepost.site.environment import Environment, compiled
from milepost.site.fragments import Fragments
from milepost.site.i18n import Language

PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"

SEARCHED = ("<!--milepost:search-->", "<!--/milepost:search-->")
"""Around the words of a document's generated parts while search reads the page; `finished` swaps them out."""

Link = Callable[[str], "str | None"]
"""Maps a docs-dir path (a document's `source`, or `roadmap.json`) to a URL relative to the current page."""


@dataclass
class Renderer:
    """Renders the pages of one build; given everything they show up front, it is not changed after."""

    site: Site
    today: date
    language: Language
    overload: int = 3  # more campaigns than this in one week marks an owner as overloaded
    custom_dir: str | None = None
    timeline_campaigns: int = 500  # above this many campaigns, timeline/ draws a bar per roadmap
    updated: dict = field(default_factory=dict)  # source -> the commit (sha, day, author …) that last touched it
    recent: list[dict] | None = None  # the What changed page's commits in words, newest first; None: no such page
    shallow: bool = False  # the history comes from a shallow clone
    behind_margin: float = 5  # goal health margins, in points of percentage (see site/health.py)
    off_track_margin: float = 20
    fiscal: Fiscal = CALENDAR_YEAR  # timelines label fiscal quarters when it does not start in January
    trends: dict | None = None  # from Git: `goals` (id -> points with `day` and `value`), `kpis` ((campaign id, metric) -> points)
    variance: object = None  # with the `baseline` option: the plan against it (review.variance.Variance)
    stale_after: int = 14  # days without a KPI actual changing before a running campaign's data is stale
    week_starts: str = "monday"  # the first day of a week row of the month calendar
    calendar_campaigns: int = 60  # above this many campaigns running in a month, its page counts them instead of drawing bars
    directory_urls: bool = True  # MkDocs' use_directory_urls: where a page's timeline.svg goes
    site_name: str = ""  # in the titles of the timeline pictures

    def __post_init__(self) -> None:
        dirs = [self.custom_dir] if self.custom_dir else []
        self.env = Environment(
            loader=jinja2.FileSystemLoader([*dirs, str(PACKAGE_TEMPLATES)]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # one Renderer per build: no need to stat every template on every page
            cache_size=-1,  # a dict, not Jinja's locked LRU: every render looks up the templates it imports
            bytecode_cache=compiled(self.language.code),
        )
        self.health = health.of_site(self.site, self.today, self.behind_margin, self.off_track_margin)
        self.env.globals.update(
            site=self.site,
            health=self.health,
            arrows=self.arrows,
            tip=self.tip,
            activity_bars=timeline.activity_bars,
            fragments=Fragments(self.site, self.language, self._link_on_page),
            ownership=owners.ownership(self.site),
            load_chart=owners.load_chart,
            goal_titles={g.id: g.title or g.id for g in self.site.goals if g.id},
            today=self.today,
            t=self.language.label,
            fmt=self.language,
            insights=insights,
            overload=self.overload,
            without_campaign=lambda items: [(None, item) for item in items],  # rows of a KPI or risk table of one campaign
            exports=EXPORTS,
            trend_of=self.trend_of,
            stale_since=self.stale_since,
            baseline_of=lambda doc: self.variance.of(doc) if self.variance else None,
            has_baseline=lambda: self.variance is not None,
            stale_after=self.stale_after,
            updated=self.updated,
            link=self._link_on_page,
            campaign_rows=lambda campaigns: Markup("").join(Markup("    %s\n") % self._campaign_row(c, self._page_link) for c in campaigns),
            goal_budget=lambda goal_id: allocation.of_goal(self.budget_tables(), goal_id),
            budget_totals=lambda: self.budget_tables().site,
        )
        self._timeline: timeline.Timeline | None = None
        self._charts: dict[str, timeline.Timeline | None] = {}
        self._arrows: dict[int, tuple[timeline.Timeline, list[dependencies.Arrow]]] = {}
        self._budget: allocation.Budget | None = None
        self._calendar: months.Calendar | None = None
        self._groups: dict[str, list[insights.Group]] = {}
        self._baseline: timeline.Baseline | None = None
        self._templates: dict[str, jinja2.Template] = {}
        self._rows: dict[tuple, Markup] = {}
        self._tips: dict[tuple, Markup] = {}
        self._page_link: Link = lambda target: None

    def _link_on_page(self, target: str) -> str | None:
        """`link` as templates see it: a global, so that macros are imported once a build, not with
        the context of every page; it links from the page being rendered."""
        return self._page_link(target)

    def render(self, template: str, link: Link, **context) -> str:
        """`templates/milepost/TEMPLATE.html` (a `custom_dir` one first) with the globals and `context`."""
        found = self._templates.get(template)
        if found is None:
            found = self._templates[template] = self.env.get_template(f"milepost/{template}.html")
        outer, self._page_link = self._page_link, link
        try:
            return found.render(**context)
        finally:
            self._page_link = outer

    def _campaign_row(self, campaign: Campaign, link: Link) -> Markup:
        """A campaign table's row, rendered once per campaign and set of links: the pages of its
        owner, channels and teams all list it, and all link to it the same way."""
        roadmap = self.site.by_id.get(campaign.roadmap or "")
        key = (campaign.source, link(campaign.source), link(roadmap.source) if roadmap else None)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = Markup(self.render("campaign-row", link, c=campaign))
        return row

    def tip(self, bar: timeline.Bar) -> Markup:
        """A timeline bar's tooltip, rendered once for every timeline that draws the same bar: a
        campaign is on its roadmap's timeline and on the timeline of each goal it serves."""
        ghost = bar.ghost and (bar.ghost.start, bar.ghost.end, bar.ghost.days)
        key = (
            bar.doc.source, bar.start, bar.end, bar.new, ghost, tuple(bar.blocked_by),
            tuple((m.title, m.day) for m in bar.markers), tuple(c.source for c in bar.campaigns),
        )
        found = self._tips.get(key)
        if found is None:
            template = self._templates.get("timeline-tip") or self._templates.setdefault("timeline-tip", self.env.get_template("milepost/timeline-tip.html"))
            found = self._tips[key] = Markup(template.render(bar=bar))
        return found

    def document(self, doc: Document, part: str, link: Link) -> str:
        """`part` is "head" (the summary above the author's prose) or "tail" (the details below it)."""
        chart = self.document_timeline(doc) if part == "tail" else None
        download = (self.svg_src(doc.source), f"{doc.id or 'timeline'}-timeline.svg") if chart else None
        return self.render(doc.kind, link, doc=doc, part=part, timeline=chart, timeline_svg=download, **self._document_context(doc, part))

    def _document_context(self, doc: Document, part: str) -> dict:
        """What a roadmap's page shows that Python computes: budget sums, alerts, risks (a goal's
        spending comes from the budget page's tables, `goal_budget`)."""
        if doc.kind == "roadmap":
            campaigns = self.site.campaigns_of.get(doc.id or "", [])
            if part == "head":
                return {"campaigns": campaigns}
            return {"campaigns": campaigns, "totals": budgets.totals(doc.budget, campaigns), "alerts": insights.alerts_of(campaigns), "risks": insights.risks_of(campaigns)}
        return {}

    def search_text(self, doc: Document) -> str:
        """The words of `doc`'s generated parts in a few paragraphs, for the search index."""
        return self.render("search", lambda target: None, doc=doc)

    def searchable(self, doc: Document, html: str) -> str:
        """A document's page as search indexes it: the author's HTML after the words of the generated parts."""
        return f"{SEARCHED[0]}{self.search_text(doc)}{SEARCHED[1]}{html}"

    def finished(self, doc: Document, html: str, link: Link) -> str:
        """A `searchable` page with the generated summary above the author's HTML and the details below."""
        _, _, rest = html.partition(SEARCHED[1])
        return self.document(doc, "head", link) + rest + self.document(doc, "tail", link)

    def document_timeline(self, doc: Document) -> timeline.Timeline | None:
        """The timeline on a roadmap's or goal's page, laid out once a build: its page and its SVG draw it."""
        if doc.source not in self._charts:
            chart = self._plain_document_timeline(doc)
            self._charts[doc.source] = None if chart is None else self._placed(timeline.with_key_dates(chart, self.key_dates))
        return self._charts[doc.source]

    def svg_src(self, page_src: str) -> str:
        """Where the SVG of the timeline on page `page_src` is published: beside the page."""
        return urls.beside(page_src, "timeline.svg", self.directory_urls)

    def picture(self, doc: Document | None, link: Link) -> str:
        """The SVG of `doc`'s timeline (None: the site-wide one); `link` relative to the SVG file."""
        t = self.language.label
        chart = self.site_timeline() if doc is None else self.document_timeline(doc)
        built = t("svg_built", date=self.language.date(self.today))
        if doc is None:
            title, subtitle = (f"{self.site_name} · {t('timeline')}" if self.site_name else t("timeline")), built
        else:
            title, subtitle = doc.title or doc.id or "", " · ".join(filter(None, [built, self.site_name]))
        drawing = svg.draw(chart, title, subtitle, self.language, self.today, link, self.arrows(chart))
        return self.env.get_template("milepost/timeline.svg").render(d=drawing)

    @functools.cached_property
    def key_dates(self) -> list:
        """The calendars' key dates (`Site.key_dates`), sorted once a build: every timeline shades them."""
        return self.site.key_dates()

    def arrows(self, chart: timeline.Timeline) -> list[dependencies.Arrow]:
        """The dependency arrows of a placed chart, routed once a build: its page and its SVG draw them."""
        known = self._arrows.get(id(chart))
        if known is None or known[0] is not chart:
            known = self._arrows[id(chart)] = (chart, dependencies.arrows(chart))
        return known[1]

    def _placed(self, chart: timeline.Timeline) -> timeline.Timeline:
        """`chart` with its titles inside or beside their bars and its rows stacked for them, on the
        ticks of this language; room kept beside the bars that dependency arrows leave or enter."""
        pairs = [(arrow.source, arrow.target) for arrow in dependencies.arrows(chart)]
        labels.fit(chart, lambda tick: tick.name or self.language.tick(tick.unit, tick.day), self.language.label("new"), routes.room(pairs))
        return chart

    def _plain_document_timeline(self, doc: Document) -> timeline.Timeline | None:
        if isinstance(doc, Goal):
            campaigns = [d for d in self.site.serving.get(doc.id or "", []) if isinstance(d, Campaign)]
            return self._by_roadmap(campaigns) if campaigns else None
        if doc.kind == "roadmap":
            campaigns = self.site.campaigns_of.get(doc.id or "", [])
            return timeline.build(
                campaigns,
                lambda c: c.owner or "",
                self.today,
                milestones=[(m.title, m.date, m.done, doc.source) for m in doc.milestones],
                span=(doc.start, doc.end) if doc.start and doc.end else None,
                fiscal=self.fiscal,
                baseline=self.baseline(),
            )
        return None

    def _by_roadmap(self, campaigns: list[Campaign]) -> timeline.Timeline:
        def lane_info(key: str) -> tuple[str, str]:
            roadmap = self.site.by_id.get(key)
            return (roadmap.title or key, roadmap.source) if roadmap else (key, "")

        return timeline.build(campaigns, lambda c: c.roadmap or "", self.today, lane_info=lane_info, fiscal=self.fiscal, baseline=self.baseline())

    def baseline(self) -> timeline.Baseline | None:
        """The baseline's dates as timelines draw them, made once per build."""
        if self.variance is None:
            return None
        if self._baseline is None:
            sources = {doc.id: doc.source for doc in self.site.documents if doc.id}
            self._baseline = timeline.Baseline(
                {key: (p.start, p.end) for key, p in self.variance.planned.items() if p.start and p.end},
                {(sources[key], title): day for (key, title), day in self.variance.milestones.items() if key in sources},
            )
        return self._baseline

    def trend_of(self, doc: Document, kpi=None) -> trend.Chart | None:
        """The chart of a goal's `current`, or of a campaign KPI's `actual`, over the commits that changed it."""
        if self.trends is None:
            return None
        if isinstance(doc, Goal):
            known = self.health.get(doc.id or "")
            return trend.goal_chart(doc, self.trends["goals"].get(doc.id or "", []), self.today, known.start if known else None)
        return trend.chart(self.trends["kpis"].get((doc.id or "", kpi.metric), []), self.today, kpi.target)

    def stale_since(self, campaign: Campaign) -> date | None:
        """The day a running campaign's KPI actuals last changed (its start if never), when that is
        more than `stale_after` days ago; else None. Without Git history, None."""
        if self.trends is None or not campaign.kpis or not insights.is_running(campaign, self.today):
            return None
        reported = [points[-1].day for kpi in campaign.kpis if (points := self.trends["kpis"].get((campaign.id or "", kpi.metric)))]
        last = max(reported, default=campaign.start)
        return last if (self.today - last).days > self.stale_after else None

    def stale(self) -> list[tuple[Campaign, date]]:
        """Running campaigns with stale KPI data, the longest silent first."""
        found = [(c, day) for c in self.site.campaigns if (day := self.stale_since(c))]
        return sorted(found, key=lambda pair: (pair[1], pair[0].source))

    def grouped(self, name: str, grouping: Callable[[Campaign], list[str]], also: Callable[[Site], list[str]] | None = None) -> list[insights.Group]:
        """The campaigns grouped by `grouping` (plus the groups `also` names), computed once a build under `name`."""
        if name not in self._groups:
            self._groups[name] = insights.group_by(self.site.campaigns, grouping, also(self.site) if also else ())
        return self._groups[name]

    def budget_tables(self) -> allocation.Budget:
        """The budget page's tables, computed once a build."""
        if self._budget is None:
            self._budget = allocation.of_site(self.site, self.today, self.fiscal)
        return self._budget

    def calendar(self) -> months.Calendar:
        """The month calendar's days and entries, indexed once a build."""
        if self._calendar is None:
            self._calendar = months.Calendar(self.site, self.today, self.week_starts, self.calendar_campaigns)
        return self._calendar

    def site_timeline(self) -> timeline.Timeline:
        """The site-wide timeline: every campaign, or a bar per roadmap on a site too big to draw them all."""
        if self._timeline is None:
            many = len(self.site.campaigns) > self.timeline_campaigns
            if many:
                chart = timeline.overview(self.site, self.today, self.fiscal)
            else:
                chart = timeline.site_timeline(self.site, self.today, self.fiscal, self.baseline())
            self._timeline = self._placed(timeline.with_key_dates(chart, self.key_dates))
        return self._timeline
