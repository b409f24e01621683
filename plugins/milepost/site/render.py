"""HTML fragments for roadmap pages, from Jinja2 templates with autoescaping on.

MkDocs' own Jinja environment does not escape, so ours is separate: nothing
from a roadmap file reaches HTML unescaped. Templates are looked up in the
user's `custom_dir` first (`custom_dir/milepost/campaign.html` overrides
ours), like Material's own partials.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from milepost.review import diff
from milepost.site import insights, timeline
from milepost.site.i18n import Language
from milepost.core.model import Campaign, Document, Goal, Site

PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"

Link = Callable[[str], "str | None"]
"""Maps a docs-dir path (a document's `source`, or `roadmap.json`) to a URL relative to the current page."""

GROUPINGS = {  # page -> (title label, the values a campaign is grouped under)
    "owners": ("by_owner", lambda c: [c.owner] if c.owner else []),
    "channels": ("by_channel", lambda c: c.channels),
    "teams": ("by_team", lambda c: c.teams),
}


@dataclass
class Renderer:
    site: Site
    today: date
    language: Language
    overload: int = 3  # more campaigns than this in one week marks an owner as overloaded
    custom_dir: str | None = None
    timeline_campaigns: int = 500  # above this many campaigns, timeline/ draws a bar per roadmap
    updated: dict = field(default_factory=dict)  # source -> history.Commit that last touched it
    recent: list = field(default_factory=list)  # (history.Commit, diff.Changes), newest first
    shallow: bool = False  # the history comes from a shallow clone

    def __post_init__(self) -> None:
        dirs = [self.custom_dir] if self.custom_dir else []
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([*dirs, str(PACKAGE_TEMPLATES)]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # one Renderer per build: no need to stat every template on every page
        )
        self.env.globals.update(
            site=self.site,
            today=self.today,
            t=self.language.label,
            fmt=self.language,
            insights=insights,
            overload=self.overload,
            pairs=lambda owner, items: [(owner, item) for item in items],
            diff_summary=diff.summary,
            diff_entries=diff.entries,
        )
        self.site_timeline = None
        self._templates: dict[str, jinja2.Template] = {}
        self._rows: dict[tuple, Markup] = {}
        self.groups = {name: insights.group_by(self.site.campaigns, key) for name, (_, key) in GROUPINGS.items()}

    def _render(self, template: str, link: Link, **context) -> str:
        found = self._templates.get(template)
        if found is None:
            found = self._templates[template] = self.env.get_template(f"milepost/{template}.html")
        return found.render(link=link, updated=self.updated, campaign_row=lambda c: self._campaign_row(c, link), **context)

    def _campaign_row(self, campaign: Campaign, link: Link) -> Markup:
        """A campaign table's row, rendered once per campaign and set of links: the pages of its
        owner, channels and teams all list it, and all link to it the same way."""
        roadmap = self.site.by_id.get(campaign.roadmap or "")
        key = (campaign.source, link(campaign.source), link(roadmap.source) if roadmap else None)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = Markup(self._render("campaign-row", link, c=campaign))
        return row

    def document(self, doc: Document, part: str, link: Link) -> str:
        """`part` is "head" (the summary above the author's prose) or "tail" (the details below it)."""
        chart = self._document_timeline(doc) if part == "tail" else None
        return self._render(doc.kind, link, doc=doc, part=part, timeline=chart)

    def search_text(self, doc: Document) -> str:
        """The words of `doc`'s generated parts in a few paragraphs, for the search index."""
        return self._render("search", lambda target: None, doc=doc)

    def _document_timeline(self, doc: Document) -> timeline.Timeline | None:
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
            )
        return None

    def _by_roadmap(self, campaigns: list[Campaign]) -> timeline.Timeline:
        def lane_info(key: str) -> tuple[str, str]:
            roadmap = self.site.by_id.get(key)
            return (roadmap.title or key, roadmap.source) if roadmap else (key, "")

        return timeline.build(campaigns, lambda c: c.roadmap or "", self.today, lane_info=lane_info)

    def page(self, name: str, link: Link, group: insights.Group | None = None) -> str:
        """A generated site-wide page: `home`, `timeline`, `changes`, or `owners`, `channels`,
        `teams` (the index of groups, or with `group` the page of one)."""
        if name == "timeline":
            if self.site_timeline is None:
                many = len(self.site.campaigns) > self.timeline_campaigns
                self.site_timeline = timeline.overview(self.site, self.today) if many else timeline.site_timeline(self.site, self.today)
            return self._render("timeline-page", link, timeline=self.site_timeline)
        if name in GROUPINGS:
            if group is not None:
                return self._render("group", link, name=name, title=GROUPINGS[name][0], group=group)
            return self._render("grouping", link, name=name, groups=self.groups[name])
        if name == "changes":
            return self._render("changes", link, recent=self.recent, shallow=self.shallow)
        return self._render(name, link)

    def page_title(self, name: str) -> str:
        return self.language.label({"home": "home", "timeline": "timeline", "changes": "changes", **{k: v[0] for k, v in GROUPINGS.items()}}[name])
