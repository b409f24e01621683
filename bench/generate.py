"""A synthetic but realistic roadmap site, for benchmarks.

    python bench/generate.py OUT_DIR N [--seed S]

writes a site with N campaigns, about N/20 roadmaps and about N/50 goals
(at least 4), laid out like a real docs dir:

    OUT_DIR/index.md                      an ordinary home page
    OUT_DIR/goals/<goal-id>.md
    OUT_DIR/<year>/<roadmap-id>/index.md  the roadmap
    OUT_DIR/<year>/<roadmap-id>/<campaign-id>.md

The site is valid: `milepost validate OUT_DIR` reports no error and no
warning. Every campaign lies inside its roadmap's period, depends only on an
earlier campaign of its roadmap that ends before it starts, and the
campaigns' budgets stay under their roadmap's budget in each currency; every
goal is served by a roadmap. The same (N, seed) always gives the same bytes.

The front matter mixes the styles people write: flow lists and mappings
(`{title: Launch, date: 2026-03-02}`), block lists, quoted and plain strings,
days, months and quarters, budgets as plain numbers or {amount, currency,
spent} in EUR and CNY, and titles in English, Chinese, French and Italian.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# --- vocabulary -------------------------------------------------------------

# (title, ascii slug for the id, language)
TOPICS = [
    ("天猫双十一预售", "tmall-double-11-presale", "zh"),
    ("微信小程序会员招募", "wechat-member-drive", "zh"),
    ("抖音直播带货", "douyin-livestream", "zh"),
    ("618 年中大促", "mid-year-618", "zh"),
    ("小红书种草计划", "xiaohongshu-seeding", "zh"),
    ("春节礼盒营销", "spring-festival-gift-box", "zh"),
    ("会员日专场", "member-day", "zh"),
    ("京东超级品牌日", "jd-super-brand-day", "zh"),
    ("Lancement de printemps", "lancement-printemps", "fr"),
    ("Salon VivaTech : stand et démos", "vivatech", "fr"),
    ("Campagne de rentrée", "campagne-rentree", "fr"),
    ("Soldes d'hiver", "soldes-hiver", "fr"),
    ("Newsletter fidélité", "newsletter-fidelite", "fr"),
    ("Webinaire clients « Café & Co »", "webinaire-clients", "fr"),
    ("Opération Black Friday France", "black-friday-fr", "fr"),
    ("Partenariat avec des créateurs", "partenariat-createurs", "fr"),
    ("Lancio d'autunno", "lancio-autunno", "it"),
    ("Campagna di Natale", "campagna-natale", "it"),
    ("Fiera di Milano: Host", "fiera-host-milano", "it"),
    ("Saldi estivi", "saldi-estivi", "it"),
    ("Programma fedeltà", "programma-fedelta", "it"),
    ("Settimana del caffè", "settimana-caffe", "it"),
    ("Promozione San Valentino", "san-valentino", "it"),
    ("Evento per i baristi a Roma", "evento-baristi-roma", "it"),
    ("Always-on paid social", "paid-social", "en"),
    ("SEO content hub", "seo-content-hub", "en"),
    ("Black Friday warm-up", "black-friday-warm-up", "en"),
    ("Referral programme", "referral", "en"),
    ("Product launch webinar", "launch-webinar", "en"),
    ("Partner co-marketing, DACH", "partner-co-marketing-dach", "en"),
    ("Email nurture track", "email-nurture", "en"),
    ("Retargeting refresh", "retargeting-refresh", "en"),
]

ROADMAP_NAMES = {  # type -> (title pattern, slug)
    "strategic": ("Strategic marketing plan {year}", "strategic-plan"),
    "campaign": ("Piano campagne {year}", "piano-campagne"),
    "channel": ("Plan des canaux {year}", "plan-canaux"),
    "event": ("Events and trade shows {year}", "events"),
    "product": ("新品上市路线图 {year}", "product-launches"),
    "digital": ("Digital marketing plan {year}", "digital-plan"),
    "portfolio": ("Portfolio marketing {year}", "portfolio"),
    "project": ("Progetto rebranding {year}", "rebranding"),
}
ROADMAP_TYPES = list(ROADMAP_NAMES)
REGIONS = ["emea", "china", "france", "italy", "dach", "nordics", "global"]

GOALS = [
    ("Online new users", "online-new-users", "new online users", "users", 0, 120000),
    ("中国线上销售额", "china-online-revenue", "online revenue in mainland China", "CNY", 7500000, 12000000),
    ("Coût par acquisition sous 18 EUR", "cpa-below-18-eur", "blended cost per acquisition", "EUR", 26, 18),
    ("Notorietà del marchio in Italia", "brand-awareness-italy", "aided brand awareness", "%", 22, 35),
    ("Marketing-qualified leads for offices", "office-mqls", "marketing-qualified leads", "leads", 0, 2400),
    ("Webinar registrations", "webinar-registrations", "registrations", "people", 0, 9000),
    ("Taux de rétention clients", "retention-rate", "12-month customer retention", "%", 61, 70),
    ("会员复购率", "member-repeat-rate", "member repeat-purchase rate", "%", 18, 30),
]

OWNERS = [
    "Chen Jing", "Sofia Bianchi", "Camille Durand", "Marco Rossi", "Li Wei", "Émilie Laurent",
    "Giulia Ferri", "Zhang Min", "Tom Becker", "Ana Ruiz", "王芳", "Lukas Meyer",
]
TEAMS = [
    "Brand", "Growth", "Content studio", "Tmall operations", "Livestream studio", "CRM", "Events",
    "Paid media", "Web", "PR Italia", "Équipe France", "Customer service China", "Design", "Sales EMEA",
]
CHANNELS = [
    "social", "email", "seo", "paid-search", "events", "tmall", "livestream", "wechat", "display",
    "pr", "partners", "webinar", "influencers", "print",
]
TAGS = ["peak", "always-on", "china", "europe", "b2b", "b2c", "ecommerce", "brand", "launch", "retention", "q4", "pilot"]

KPIS = [  # metric, unit, low, high, alert direction
    ("new users", "users", 2000, 40000, "below"),
    ("marketing-qualified leads", "leads", 50, 1500, "below"),
    ("cost per acquisition", "EUR", 12, 40, "above"),
    ("conversion rate", "%", 1, 8, "below"),
    ("GMV during the campaign", "CNY", 200000, 5000000, "below"),
    ("open rate", "%", 18, 45, "below"),
    ("registrations", "people", 100, 3000, "below"),
    ("return on ad spend", "x", 2, 6, "below"),
    ("taux de rebond", "%", 30, 60, "above"),
    ("sessioni organiche", "sessions", 5000, 90000, "below"),
]

RISKS = [
    ("Creative approval slips past the launch date", "Keep last year's creative ready as a fallback and launch with it"),
    ("Price war from a competitor's subsidised product", "Compete on bundles and member gifts, never below the floor price"),
    ("Courier delays after the peak day", "Second warehouse and a delivery-time promise on every product page"),
    ("Le salon est annulé ou déplacé", "Basculer le budget sur un webinaire et des démos en magasin"),
    ("Ritardi nella consegna dei materiali stampati", "Ordine anticipato di due settimane e fornitore di riserva a Bologna"),
    ("平台流量成本上涨", "把预算转向私域：微信社群和会员日"),
    ("Tracking breaks after the site release", "Server-side tagging tested in staging one week before go-live"),
    ("Key influencer drops out", "Two backup creators briefed and contracted on standby"),
    ("CPA above the alert line for two weeks", "Shift spend from display to search and pause the weakest ad sets"),
    ("Low registrations for the first session", "Partner newsletter swap and a reminder sequence to past attendees"),
]
LEVELS = ["low", "medium", "high"]

ACTIVITIES = [
    ("Brief and creative concept", "Approved brief"),
    ("Media plan and booking", "Signed insertion orders"),
    ("Landing page build", "Live landing page"),
    ("Email sequence", "Five emails in the CRM"),
    ("Livestream schedule with two hosts", "14 livestreams"),
    ("Traduzione e adattamento dei contenuti", "Testi in italiano"),
    ("Préparation du stand", "Stand monté et testé"),
    ("活动页面设计", "活动页上线"),
    ("Influencer outreach", "Twelve signed creators"),
    ("Read-out to the leadership team", "Results deck"),
]

MILESTONE_NAMES = [
    ("Launch", "Read-out"),
    ("Go-live", "Results review"),
    ("Lancement", "Bilan"),
    ("Lancio", "Revisione dei risultati"),
    ("预售开启", "复盘会"),
    ("Registration opens", "Event day"),
]

BODIES = {
    "en": ("Plan", "This campaign supports {goals}. It is run by {owner} with {teams}; the budget split below is the one agreed at the planning review.",
           ("Channel", "Share", "Lead"), ("Next steps", ["Confirm the media plan", "Brief the agency", "Review the first week's figures"])),
    "fr": ("Le plan", "Cette campagne contribue à {goals}. Elle est pilotée par {owner} avec {teams} ; la répartition du budget ci-dessous a été validée en revue.",
           ("Canal", "Part", "Responsable"), ("Prochaines étapes", ["Valider le plan média", "Briefer l'agence", "Relire les chiffres de la première semaine"])),
    "it": ("Il piano", "Questa campagna contribuisce a {goals}. È guidata da {owner} con {teams}; la ripartizione del budget qui sotto è quella approvata.",
           ("Canale", "Quota", "Responsabile"), ("Prossimi passi", ["Confermare il piano media", "Briefing all'agenzia", "Rivedere i numeri della prima settimana"])),
    "zh": ("活动概述", "本活动服务于 {goals}。负责人：{owner}，协作团队：{teams}。下表是评审会上确认的预算分配。",
           ("渠道", "占比", "负责人"), ("下一步", ["确认媒介计划", "给代理商做简报", "复盘第一周数据"])),
}

# --- YAML writing -----------------------------------------------------------

_NEEDS_QUOTES = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|: |\s#|:$|\s$|^[-+.\d]""")
_FLOW_SPECIAL = re.compile(r"[,\[\]{}]")
_NOT_STRINGS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


def s(text: str, flow: bool = False) -> str:
    """A string as a YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if (
        not text
        or _NEEDS_QUOTES.search(text)
        or (flow and _FLOW_SPECIAL.search(text))
        or text.lower() in _NOT_STRINGS
    ):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    return text


def n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 2))


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(s(item, flow=True) for item in items) + "]"


def flow_map(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"


# --- dates ------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


@dataclass
class Span:
    """A resolved period and how it is written in the front matter."""

    first: date
    last: date
    start_text: str
    end_text: str


def roadmap_period(rng: random.Random, year: int) -> Span:
    """Six months or a year, written as days, months or quarters."""
    half = rng.random() < 0.3
    first_month = rng.choice((1, 7)) if half else 1
    last_month = first_month + (5 if half else 11)
    first, last = date(year, first_month, 1), month_end(year, last_month)
    form = rng.choice(("quarter", "month", "day"))
    if form == "quarter":
        texts = f"{year}-Q{(first_month - 1) // 3 + 1}", f"{year}-Q{(last_month - 1) // 3 + 1}"
    elif form == "month":
        texts = f"{year}-{first_month:02d}", f"{year}-{last_month:02d}"
    else:
        texts = first.isoformat(), last.isoformat()
    return Span(first, last, *texts)


def campaign_period(rng: random.Random, within: Span) -> Span:
    """Inside `within`: mostly days, sometimes whole months."""
    if rng.random() < 0.25:
        months = (within.last.year - within.first.year) * 12 + within.last.month - within.first.month + 1
        length = rng.randint(1, min(3, months))
        offset = rng.randint(0, months - length)
        m0 = within.first.month - 1 + offset
        y1, m1 = within.first.year + m0 // 12, m0 % 12 + 1
        m2 = m0 + length - 1
        y2, m2 = within.first.year + m2 // 12, m2 % 12 + 1
        return Span(date(y1, m1, 1), month_end(y2, m2), f"{y1}-{m1:02d}", f"{y2}-{m2:02d}")
    span = (within.last - within.first).days
    length = rng.randint(14, min(100, span))
    first = within.first + timedelta(days=rng.randint(0, span - length))
    last = first + timedelta(days=length)
    return Span(first, last, first.isoformat(), last.isoformat())


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


# --- the site ---------------------------------------------------------------


@dataclass
class Goal:
    id: str
    text: str


@dataclass
class Roadmap:
    id: str
    folder: str
    type: str
    title: str
    region: str
    owner: str
    period: Span
    goals: list[str]
    campaigns: list[Campaign] = field(default_factory=list)


@dataclass
class Campaign:
    id: str
    period: Span
    text: str = ""
    budget: tuple[float, str] = (0, "EUR")  # amount, currency


def _status_and_progress(rng: random.Random) -> tuple[str, int]:
    status = rng.choices(("planned", "in-progress", "at-risk", "delayed", "done", "cancelled"), (30, 30, 10, 8, 18, 4))[0]
    progress = {"planned": 0, "done": 100}.get(status, rng.randint(5, 95))
    return status, progress


def _goals(rng: random.Random, count: int) -> list[tuple[Goal, str]]:
    """(goal, file text) for each goal; goals after the first few may have an earlier goal as parent."""
    out = []
    for index in range(count):
        title, slug, metric, unit, baseline, target = GOALS[index % len(GOALS)]
        year = 2025 + index % 3
        ident = f"{slug}-{year}-{index:03d}"
        status, _ = _status_and_progress(rng)
        scale = 1 + (index // len(GOALS)) * 0.1
        base, tgt = baseline * scale, target * scale
        current = base + (tgt - base) * rng.uniform(0, 0.9)
        deadline = rng.choice((f"{year}-12-31", f"{year}-Q4", f"{year + 1}-06"))
        lines = [
            "---",
            "kind: goal",
            f"id: {ident}",
            f"title: {s(f'{title} {year}')}",
            f"owner: {s(rng.choice(OWNERS))}",
            f"status: {status}",
            f"summary: {s(f'Reach {n(round(tgt))} {unit} of {metric} by {deadline}.')}",
            f"tags: {flow_list(rng.sample(TAGS, 2))}",
            f"metric: {s(metric)}",
            f"baseline: {n(round(base))}",
            f"target: {n(round(tgt))}",
            f"current: {n(round(current, 1))}",
            f"unit: {s(unit)}",
            f"deadline: {deadline}",
            f"priority: {'core' if index % 3 else 'supporting'}",
        ]
        if index >= 2 and rng.random() < 0.5:
            parent = out[rng.randrange(index)][0].id  # an earlier goal: no cycles
            lines.append(f"parent: {parent}")
        lines += [
            "---",
            f"# {title} {year}",
            "",
            f"Measured monthly by the analytics team from the {metric} dashboard. The baseline is last year's closing figure.",
            "",
        ]
        out.append((Goal(ident, title), "\n".join(lines)))
    return out


def _roadmaps(rng: random.Random, count: int, goal_ids: list[str]) -> list[Roadmap]:
    order = goal_ids[:]
    rng.shuffle(order)
    per = max(2, math.ceil(len(order) / count))  # every goal is served by some roadmap
    roadmaps = []
    for index in range(count):
        kind = ROADMAP_TYPES[index % len(ROADMAP_TYPES)]
        year = 2025 + (index // len(ROADMAP_TYPES)) % 3
        pattern, slug = ROADMAP_NAMES[kind]
        region = REGIONS[index % len(REGIONS)]
        ident = f"{slug}-{region}-{year}-{index:03d}"
        goals = list(dict.fromkeys(order[(index * per + k) % len(order)] for k in range(per)))
        roadmaps.append(
            Roadmap(
                ident,
                f"{year}/{ident}",
                kind,
                f"{pattern.format(year=year)} — {region.upper()}",
                region,
                rng.choice(OWNERS),
                roadmap_period(rng, year),
                goals,
            )
        )
    return roadmaps


def _campaign(rng: random.Random, roadmap: Roadmap, campaign: Campaign, topic: tuple, earlier: list[Campaign], goal_titles: dict[str, str]) -> str:
    title, _, lang = topic
    period = campaign.period
    status, progress = _status_and_progress(rng)
    owner = rng.choice(OWNERS)
    teams = rng.sample(TEAMS, rng.randint(1, 3))
    goals = rng.sample(roadmap.goals, min(len(roadmap.goals), rng.randint(1, 2)))
    channels = rng.sample(CHANNELS, rng.randint(2, 4))

    roll = rng.random()
    if roll < 0.4:
        amount, currency = rng.randrange(5000, 150000, 500), "EUR"
        budget = n(amount)
    else:
        currency = "EUR" if roll < 0.75 else "CNY"
        amount = rng.randrange(5000, 150000, 500) if currency == "EUR" else rng.randrange(50000, 1500000, 1000)
        spent = round(amount * progress / 100 * rng.uniform(0.8, 1.05), -2)
        budget = flow_map([("amount", n(amount)), ("currency", currency), ("spent", n(spent))])
    campaign.budget = (amount, currency)

    lines = [
        "---",
        "kind: campaign",
        f"id: {campaign.id}",
        f"title: {s(f'{title} {period.first.year}')}",
        f"owner: {s(owner)}",
        f"status: {status}",
        f"summary: {s(f'{title}: {len(channels)} channels, {period.first:%d %b} to {period.last:%d %b %Y}.')}",
        f"tags: {flow_list(rng.sample(TAGS, rng.randint(1, 3)))}",
        f"roadmap: {roadmap.id}",
        f"start: {period.start_text}",
        f"end: {period.end_text}",
        f"goals: {flow_list(goals)}",
        f"channels: {flow_list(channels)}",
        f"teams: {flow_list(teams)}",
        f"progress: {progress}",
        f"budget: {budget}",
    ]
    done_before = [c for c in earlier if c.period.last < period.first]
    if done_before and rng.random() < 0.35:
        deps = rng.sample(done_before, min(len(done_before), rng.choice((1, 1, 2))))
        lines.append(f"depends_on: {flow_list([d.id for d in deps])}")

    lines.append("kpis:")
    for metric, unit, low, high, direction in rng.sample(KPIS, rng.randint(2, 3)):
        target = round(rng.uniform(low, high), 1 if high < 100 else -1)
        pairs = [("metric", s(metric, flow=True)), ("target", n(target))]
        if status != "planned":
            pairs.append(("actual", n(round(target * rng.uniform(0.7, 1.2), 1 if high < 100 else -1))))
        pairs.append(("unit", s(unit, flow=True)))
        alert = round(target * (0.8 if direction == "below" else 1.25), 1 if high < 100 else -1)
        pairs.append((f"alert_{direction}", n(alert)))
        lines.append(f"  - {flow_map(pairs)}")

    lines.append("risks:")
    for risk, contingency in rng.sample(RISKS, 2):
        lines += [
            f"  - risk: {s(risk)}",
            f"    contingency: {s(contingency)}",
            f"    likelihood: {rng.choice(LEVELS)}",
            f"    impact: {rng.choice(LEVELS)}",
        ]

    first_name, last_name = rng.choice(MILESTONE_NAMES)
    middle = period.first + (period.last - period.first) / 2
    lines += [
        "milestones:",
        f"  - {flow_map([('title', s(first_name, True)), ('date', day_between(rng, period.first, middle).isoformat()), ('done', 'true' if progress > 50 else 'false')])}",
        f"  - {flow_map([('title', s(last_name, True)), ('date', period.last.isoformat()), ('done', 'true' if status == 'done' else 'false')])}",
    ]

    lines.append("activities:")
    cuts = sorted(day_between(rng, period.first, period.last) for _ in range(2))
    bounds = [(period.first, cuts[0]), (cuts[0], cuts[1]), (cuts[1], period.last)]
    for (a_first, a_last), (a_title, deliverable) in zip(bounds, rng.sample(ACTIVITIES, 3)):
        a_status = "done" if status == "done" else rng.choice(("planned", "in-progress", "done"))
        if rng.random() < 0.5:
            lines.append(
                "  - "
                + flow_map(
                    [
                        ("title", s(a_title, True)),
                        ("start", a_first.isoformat()),
                        ("end", a_last.isoformat()),
                        ("owner", s(rng.choice(TEAMS), True)),
                        ("status", a_status),
                        ("deliverable", s(deliverable, True)),
                    ]
                )
            )
        else:
            lines += [
                f"  - title: {s(a_title)}",
                f"    start: {a_first.isoformat()}",
                f"    end: {a_last.isoformat()}",
                f"    owner: {s(rng.choice(TEAMS))}",
                f"    status: {a_status}",
                f"    deliverable: {s(deliverable)}",
            ]
    if rng.random() < 0.1:
        lines.append(f"extra: {flow_map([('agency', s(rng.choice(('Blu Agency', 'Studio Nord', '蓝色工作室')), True)), ('po_number', s(f'PO-{rng.randrange(10000, 99999)}', True))])}")
    lines.append("---")

    heading, paragraph, columns, (list_title, steps) = BODIES[lang]
    shares = sorted((rng.randint(5, 60) for _ in channels), reverse=True)
    lines += [
        f"# {title} {period.first.year}",
        "",
        f"## {heading}",
        "",
        paragraph.format(goals=", ".join(goal_titles[g] for g in goals), owner=owner, teams=", ".join(teams)),
        "",
        f"| {columns[0]} | {columns[1]} | {columns[2]} |",
        "|---|---:|---|",
        *(f"| {channel} | {share}% | {rng.choice(OWNERS)} |" for channel, share in zip(channels, shares)),
        "",
        f"## {list_title}",
        "",
        *(f"- {step}" for step in steps),
        "",
    ]
    return "\n".join(lines)


def _roadmap_text(rng: random.Random, roadmap: Roadmap) -> str:
    period = roadmap.period
    status, _ = _status_and_progress(rng)
    # the budget covers its campaigns in its own currency, with a reserve: never over budget
    currency = "CNY" if roadmap.region == "china" else "EUR"
    spent = sum(c.budget[0] for c in roadmap.campaigns if c.budget[1] == currency)
    amount = max(math.ceil(spent * rng.uniform(1.05, 1.3) / 1000) * 1000, 50000 if currency == "EUR" else 500000)
    budget = n(amount) if currency == "EUR" and rng.random() < 0.5 else flow_map([("amount", n(amount)), ("currency", currency)])
    names = ["Plan approved", "Mid-period review", "Peak season starts", "Budget re-forecast", "Closing review"]
    names = [names[k] for k in sorted(rng.sample(range(len(names)), 3))]
    days = sorted(day_between(rng, period.first, period.last) for _ in range(3))
    lines = [
        "---",
        "kind: roadmap",
        f"id: {roadmap.id}",
        f"title: {s(roadmap.title)}",
        f"owner: {s(roadmap.owner)}",
        f"status: {status}",
        f"type: {roadmap.type}",
        f"summary: {s(f'{len(roadmap.campaigns)} campaigns from {period.first:%B %Y} to {period.last:%B %Y}.')}",
        f"tags: {flow_list([roadmap.type, str(period.first.year)])}",
        f"start: {period.start_text}",
        f"end: {period.end_text}",
        f"goals: {flow_list(roadmap.goals)}",
        f"budget: {budget}",
        "milestones:",
        *(f"  - {flow_map([('title', s(name, True)), ('date', day.isoformat()), ('done', 'false')])}" for name, day in zip(names, days)),
        "---",
        f"# {roadmap.title}",
        "",
        f"The plan below was agreed at the planning review. The budget is in {currency}; campaigns budgeted in another currency are approved separately.",
        "",
        "| Quarter | Focus |",
        "|---|---|",
        *(f"| Q{q} | {rng.choice(TOPICS)[0]} |" for q in range(1, 5)),
        "",
        "- Weekly stand-up on Mondays",
        "- Monthly read-out to the leadership team",
        "",
    ]
    return "\n".join(lines)


def generate(root: Path, campaigns: int, seed: int = 0) -> dict[str, int]:
    """Write a valid site of `campaigns` campaigns below `root`; returns counts by kind."""
    rng = random.Random(seed)
    root = Path(root)
    goal_count = max(4, round(campaigns / 50))
    roadmap_count = max(1, round(campaigns / 20))

    goals = _goals(rng, goal_count)
    goal_titles = {goal.id: goal.text for goal, _ in goals}
    roadmaps = _roadmaps(rng, roadmap_count, list(goal_titles))

    files: dict[str, str] = {}
    for goal, text in goals:
        files[f"goals/{goal.id}.md"] = text

    # campaigns spread over the roadmaps, each roadmap's in date order so dependencies point back in time
    per_roadmap = [campaigns // roadmap_count + (1 if k < campaigns % roadmap_count else 0) for k in range(roadmap_count)]
    number = 0
    for roadmap, count in zip(roadmaps, per_roadmap):
        periods = sorted((campaign_period(rng, roadmap.period) for _ in range(count)), key=lambda p: (p.first, p.last))
        for period in periods:
            topic = rng.choice(TOPICS)
            campaign = Campaign(f"{topic[1]}-{period.first.year}-{number:05d}", period)
            number += 1
            campaign.text = _campaign(rng, roadmap, campaign, topic, roadmap.campaigns, goal_titles)
            roadmap.campaigns.append(campaign)
            files[f"{roadmap.folder}/{campaign.id}.md"] = campaign.text
        files[f"{roadmap.folder}/index.md"] = _roadmap_text(rng, roadmap)

    files["index.md"] = "\n".join(
        [
            "# Marketing roadmaps",
            "",
            f"Synthetic benchmark site: {goal_count} goals, {roadmap_count} roadmaps, {campaigns} campaigns (seed {seed}).",
            "",
        ]
    )
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return {"goals": goal_count, "roadmaps": roadmap_count, "campaigns": campaigns, "files": len(files)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic, valid Milepost roadmap site with N campaigns.")
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder to write (must be empty or absent)")
    parser.add_argument("campaigns", metavar="N", type=int, help="number of campaigns")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0); the same seed gives the same files")
    args = parser.parse_args(argv)
    if args.campaigns < 0:
        parser.error("N must be 0 or more")
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        parser.error(f"{args.out_dir} is not empty")
    counts = generate(args.out_dir, args.campaigns, args.seed)
    print(f"{args.out_dir}: {counts['goals']} goals, {counts['roadmaps']} roadmaps, {counts['campaigns']} campaigns, {counts['files']} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
