"""Where the budget goes: campaigns' planned and spent amounts attributed per currency (never converted),
for the site and by roadmap, channel, quarter and goal.

Every split is done in whole cents with the largest-remainder rule, so the parts of a campaign
always add back up to its amount to the cent, whichever way the page cuts it:

- by channel, a budget line with a `channel` counts for that channel, and the rest of the
  campaign's amount is split evenly over its channels (`unassigned` without channels);
- by quarter, the amount is spread over the quarters (fiscal ones when the fiscal year is
  shifted) in proportion to the campaign's days in each;
- by goal, a campaign serving several goals counts in full under each (the page says so).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from milepost.core.dates import CALENDAR_YEAR, Fiscal
from milepost.core.model import Campaign, Site

UNASSIGNED = "unassigned"
BURN_MARGIN = 0.10
"""A campaign whose spent share runs ahead of its elapsed share of days by more than this is flagged."""
TABLE_ROWS = 40
"""A table lists at most this many rows of a currency (the largest planned), the others summed in one
row: on a site of 250 roadmaps, every row of every currency made budget/ weigh 700 KB."""
BURNING_LISTED = 20
"""Spending ahead of time lists this many campaigns (those ending first) and counts the others."""


@dataclass(slots=True)
class Money:
    """Planned (`amount`) and spent, in cents of one currency."""

    planned: int = 0
    spent: int = 0

    @property
    def remaining(self) -> int:
        return self.planned - self.spent

    @property
    def spent_share(self) -> float:
        return self.spent / self.planned if self.planned > 0 else 0.0


Totals = dict[str, Money]
"""Money by currency code."""


@dataclass(slots=True)
class Row:
    """One line of a budget table: a name (roadmap, channel, quarter, goal) and its totals."""

    key: str
    totals: Totals = field(default_factory=dict)
    envelope: Totals = field(default_factory=dict)  # a roadmap's own budget: what its campaigns are held against
    doc: object = None  # the roadmap or goal the row is about, for its link

    def over(self, currency: str) -> bool:
        """Campaigns planned above the roadmap's envelope in `currency`."""
        held = self.envelope.get(currency)
        return held is not None and self.totals.get(currency, Money()).planned > held.planned


@dataclass(slots=True)
class Budget:
    """The budget page's tables."""

    currencies: list[str]
    site: Totals
    roadmaps: list[Row]
    channels: list[Row]
    quarters: list[Row]
    goals: list[Row]
    burning: list[Campaign]  # spent ahead of the time elapsed, at today


def cents(value: float | None) -> int:
    return 0 if value is None else round(value * 100)


def split(total: int, weights: list[int]) -> list[int]:
    """`total` cents in parts proportional to `weights` that add up to `total` exactly."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x // 1) for x in exact]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: abs(left)]:
        parts[i] += 1 if left > 0 else -1
    return parts


def _add(totals: Totals, currency: str, planned: int, spent: int) -> None:
    money = totals.setdefault(currency, Money())
    money.planned += planned
    money.spent += spent


def by_channel(campaign: Campaign) -> dict[str, tuple[int, int]]:
    """The campaign's (planned, spent) cents by channel."""
    budget = campaign.budget
    if budget is None:
        return {}
    parts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    planned, spent = cents(budget.amount), cents(budget.spent)
    for line in budget.lines:
        if line.channel:
            parts[line.channel][0] += cents(line.amount)
            parts[line.channel][1] += cents(line.spent)
            planned -= cents(line.amount)
            spent -= cents(line.spent)
    channels = list(dict.fromkeys(campaign.channels)) or [UNASSIGNED]
    for channel, p, s in zip(channels, split(planned, [1] * len(channels)), split(spent, [1] * len(channels))):
        parts[channel][0] += p
        parts[channel][1] += s
    return {name: (p, s) for name, (p, s) in parts.items()}


def quarter_name(day: date, fiscal: Fiscal) -> str:
    name, quarter = fiscal.quarter_of(day)
    return f"FY{name}-Q{quarter}" if fiscal.shifted else f"{name}-Q{quarter}"


def by_quarter(campaign: Campaign, fiscal: Fiscal = CALENDAR_YEAR) -> dict[str, tuple[int, int]]:
    """The campaign's (planned, spent) cents by quarter, in proportion to its days in each."""
    if campaign.budget is None or not (campaign.start and campaign.end):
        return {}
    days: dict[str, int] = {}
    day = campaign.start
    while day <= campaign.end:  # a quarter at a time
        last = min(campaign.end, _quarter_end(day, fiscal))
        days[quarter_name(day, fiscal)] = (last - day).days + 1
        day = last + timedelta(days=1)
    names = list(days)
    weights = [days[n] for n in names]
    planned = split(cents(campaign.budget.amount), weights)
    spent = split(cents(campaign.budget.spent), weights)
    return {n: (p, s) for n, p, s in zip(names, planned, spent)}


def _quarter_end(day: date, fiscal: Fiscal) -> date:
    """The last day of the (fiscal) quarter holding `day`."""
    first = day.year * 12 + day.month - 1 - (day.month - fiscal.start_month) % 3  # its first month, counted from year 0
    after = first + 3
    return date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def burning(campaign: Campaign, today: date) -> bool:
    """Spent runs ahead of the share of the campaign's days gone by (at today), by more than BURN_MARGIN."""
    budget = campaign.budget
    if budget is None or budget.spent is None or budget.amount <= 0 or not (campaign.start and campaign.end):
        return False
    length = (campaign.end - campaign.start).days + 1
    elapsed = min(max((today - campaign.start).days + 1, 0), length) / length
    return budget.spent / budget.amount > elapsed + BURN_MARGIN


def of_site(site: Site, today: date, fiscal: Fiscal = CALENDAR_YEAR) -> Budget:
    """Every table of the budget page, in one pass over the campaigns."""
    total: Totals = {}
    roadmaps: dict[str, Row] = {r.id: Row(r.id, doc=r) for r in site.roadmaps if r.id}
    channels: dict[str, Row] = {}
    quarters: dict[str, Row] = {}
    goals: dict[str, Row] = {g.id: Row(g.id, doc=g) for g in site.goals if g.id}
    for roadmap in site.roadmaps:
        if roadmap.id and roadmap.budget:
            _add(roadmaps[roadmap.id].envelope, roadmap.budget.currency, cents(roadmap.budget.amount), cents(roadmap.budget.spent))
    flagged = []
    for campaign in site.campaigns:
        budget = campaign.budget
        if budget is None:
            continue
        currency, planned, spent = budget.currency, cents(budget.amount), cents(budget.spent)
        _add(total, currency, planned, spent)
        if campaign.roadmap in roadmaps:
            _add(roadmaps[campaign.roadmap].totals, currency, planned, spent)
        for name, (p, s) in by_channel(campaign).items():
            _add(channels.setdefault(name, Row(name)).totals, currency, p, s)
        for name, (p, s) in by_quarter(campaign, fiscal).items():
            _add(quarters.setdefault(name, Row(name)).totals, currency, p, s)
        for goal in dict.fromkeys(campaign.goals):
            if goal in goals:
                _add(goals[goal].totals, currency, planned, spent)
        if burning(campaign, today):
            flagged.append(campaign)
    return Budget(
        currencies=sorted(total),
        site=total,
        roadmaps=[row for row in roadmaps.values() if row.totals or row.envelope],
        channels=sorted(channels.values(), key=lambda row: (row.key == UNASSIGNED, row.key.casefold(), row.key)),
        quarters=sorted(quarters.values(), key=lambda row: row.key),
        goals=[row for row in goals.values() if row.totals],  # in the site's order of goals
        burning=sorted(flagged, key=lambda c: (c.end or date.max, c.source)),
    )


@dataclass(frozen=True, slots=True)
class Shown:
    """The rows a table shows in one currency, and the sum of those it leaves out (`hidden` of them)."""

    rows: list[Row]
    rest: Money
    hidden: int


def shown(rows: list[Row], currency: str, envelope: bool = False, most: int = TABLE_ROWS) -> Shown:
    """The rows of `rows` in `currency` (with `envelope`, a roadmap's own budget counts), all of them up
    to `most`; above, the `most` largest planned, in their order, and the others' sum."""
    having = [row for row in rows if currency in row.totals or (envelope and currency in row.envelope)]
    if len(having) <= most:
        return Shown(having, Money(), 0)
    planned = lambda row: row.totals[currency].planned if currency in row.totals else 0
    kept = {id(row) for row in sorted(having, key=lambda row: -planned(row))[:most]}
    rest = Money()
    for row in having:
        if id(row) not in kept and currency in row.totals:
            rest.planned += row.totals[currency].planned
            rest.spent += row.totals[currency].spent
    return Shown([row for row in having if id(row) in kept], rest, len(having) - most)


def largest(rows: list[Row], currency: str) -> int:
    """The largest planned amount of `rows` in `currency`: the full length of the table's bars."""
    return max((row.totals[currency].planned for row in rows if currency in row.totals), default=0)


def of_goal(tables: Budget, goal_id: str) -> Totals:
    """What the campaigns serving a goal plan and spend, per currency (each in full), from the tables."""
    return next((row.totals for row in tables.goals if row.key == goal_id), {})
