"""The plugin's options in mkdocs.yml. Each attribute's docstring is its user documentation."""

from __future__ import annotations

import datetime

from mkdocs.config import base
from mkdocs.config import config_options as c


class MilepostConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to publish the docs dir as plain MkDocs pages (validation is skipped too)."""

    currency = c.Type(str, default="EUR")
    """ISO 4217 code of budgets written as plain numbers (`budget: 48000`)."""

    fiscal_year_start = c.Choice(tuple(range(1, 13)), default=1)
    """The month your fiscal year begins, 1 to 12 (4 for April). `FY2027` and `FY2027-Q1` in dates
    follow it, and timelines label fiscal quarters when it is not 1. `milepost validate` and
    `milepost diff` read it from ./mkdocs.yml."""

    fiscal_year_named_by = c.Choice(("end", "start"), default="end")
    """Which calendar year names a fiscal year: `end` (FY2027 ends in 2027, the usual way) or
    `start` (FY2027 starts in 2027). With `fiscal_year_start: 4` and `end`, FY2027-Q1 is
    2026-04-01 to 2026-06-30."""

    raw_html = c.Type(bool, default=True)
    """Publish raw HTML in Markdown bodies as written (the default: bodies are trusted, reviewed
    content, as in any MkDocs site). Set to false to make every raw HTML tag (`<script>`,
    `<iframe>`, `<img onerror=…>`) and every link whose scheme is not http, https, mailto or
    tel (`javascript:`, `data:`) in a body an error (`raw-html`, `unsafe-link`), with its
    line, in `mkdocs build` and `milepost validate`. Code blocks and inline code are left alone."""

    require_retrospectives = c.Type(bool, default=False)
    """Warn (`missing-retrospective`) about every campaign with `status: done` and no
    `retrospective`. Off by default, so that sites valid before stay valid under `--strict`; the
    home page lists such campaigns either way. `milepost validate` reads it from ./mkdocs.yml."""

    today = c.Optional(c.Type((str, datetime.date)))
    """The day the site is built for (`2026-11-23`): the today marker, overdue marks, days left.
    Default: `SOURCE_DATE_EPOCH` if set, else the build machine's clock (UTC). Set it in tests
    and for reproducible builds."""

    timeline_campaigns = c.Type(int, default=500)
    """The site-wide timeline (`timeline/`) draws every campaign while the site has at most this
    many. Above, it draws one bar per roadmap, in lanes by roadmap type, each linking to the
    roadmap's page, which draws its campaigns: thousands of bars on one page are neither light
    nor readable. 0 always draws roadmaps."""

    week_starts = c.Choice(("monday", "sunday"), default="monday")
    """The first day of each week row of the month calendar (`calendar/2027-03/`): `monday` (ISO
    8601, the default) or `sunday`. The number beside each row is the ISO week of its Monday,
    also when weeks start on Sunday (a row from Sunday 7 March 2027 is week 10, as its Monday 8
    March is)."""

    calendar_campaigns = c.Type(int, default=60)
    """A month page of the calendar draws a bar across the days of each campaign running in
    the month while at most this many run in it. Above, each day says how many campaigns run
    and lists its key dates and up to 10 milestones, starts and ends each (the rest counted),
    and the month lists the running campaigns by roadmap, with links: hundreds of bars on one
    page are neither light nor readable."""

    behind_margin = c.Type((int, float), default=5)
    """Goal health: a goal whose progress trails the share of its period gone by (start to deadline,
    at today) by at most this many points of percentage is on track; by more, behind."""

    off_track_margin = c.Type((int, float), default=20)
    """Goal health: a goal trailing the share of its period gone by by more than this many points of
    percentage is off track (between `behind_margin` and this, behind)."""

    overload = c.Type(int, default=3)
    """An owner with more campaigns than this running in one week is marked as overloaded."""

    history = c.Type(bool, default=True)
    """Read the Git history of the docs dir: "Last updated" on every roadmap document's page,
    the "What changed" page, the trends of goals and KPIs and the stale-data list. Outside a Git work tree both are left out with a warning; set this to
    false to build without history (and without the warning)."""

    changes = c.Type(int, default=10)
    """How many of the latest commits that touched roadmap documents the "What changed" page
    (`changes/`) describes, in roadmap terms; 0 leaves the page out."""

    baseline = c.Optional(c.Type(str))
    """The approved plan to compare with: a Git tag (`plan-2027-approved`), a branch or a
    commit. Every timeline then draws, behind each campaign whose dates changed since, a ghost
    bar of the baseline's dates with the slip in days (`+14 d`); campaigns added since are
    marked new; campaign and roadmap pages show the baseline beside the current dates and
    budget; `variance/` lists what slipped, moved earlier, was added or removed and how budgets
    changed; `roadmap.json` items get `"baseline"`. A revision Git cannot find fails the build.
    Needs the history that holds it: check out with `fetch-depth: 0` in CI."""

    stale_after = c.Type(int, default=14)
    """A running campaign whose KPI actuals have not changed in Git for more than this many
    days is listed as having stale data, on the home page and on its own page."""

    navigation = c.Type(bool, default=True)
    """When mkdocs.yml has no `nav`, build one: Overview, Goals, Roadmaps, Timeline, By owner,
    By channel, By team, Calendar, What changed, then the other pages (the calendar's month pages
    are reached from Calendar, as each owner's page is from By owner). With your own `nav`, generated pages
    are still built and linked from the home page."""

    campaigns_in_nav = c.Type(bool, default=False)
    """List each roadmap's campaigns under it in the generated navigation. Off by default:
    Material renders the navigation into every page, so listing thousands of campaigns makes
    every page heavier; campaigns are reached from their roadmap's page, timeline and tables."""
