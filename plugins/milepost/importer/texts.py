"""The free-text cells of a plan, read as a person reads them.

A goal's target, unit and metric; departments as a list; a risk and its
contingency; progress notes as dated updates; the KPIs and statuses of the
site's own plan.csv. Pure functions of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from milepost.importer.amounts import NUMBER, find_amounts, normal, read_number
from milepost.importer.when import read_span, week_one


@dataclass(frozen=True, slots=True)
class GoalText:
    metric: str
    target: float
    unit: str | None


_MEASURE = re.compile(r"\s*(%|％|倍|人次|人|个|個|次|篇|件|单|單|家|位|名|条|條|场|場|元|pp|points?|percent|[a-z][a-z-]*)?", re.IGNORECASE)
_CONNECTORS = re.compile(r"(?:达到|達到|达|達|到|至|为|為|超过|超過|reach(?:es|ing)?|of|to|at least|over)\s*$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:实现|實現|完成|achieve|get|gain|win)\s*", re.IGNORECASE)


def read_goal(text: str, deadline_span: tuple[int, int] | None) -> GoalText | None:
    """`3个月内新增用户5万人` → metric 新增用户, target 50000, unit 人; None without a number.

    `deadline_span` is where the text states its deadline (see `when.read_deadline`),
    left out of the metric.
    """
    text = normal(text)
    if deadline_span:
        text = text[: deadline_span[0]] + " " + text[deadline_span[1] :]
    amounts = find_amounts(text)
    if not amounts:
        return None
    amount = amounts[-1] if len(amounts) > 1 and _is_year(text, amounts[0]) else amounts[0]
    before, after, unit = _CONNECTORS.sub("", text[: amount.start]).strip(), text[amount.end :], amount.currency
    measure = None if unit else _MEASURE.match(text, amount.end)
    if measure and measure[1]:
        unit, after = measure[1], text[measure.end() :]
    if unit and not amount.currency and re.fullmatch(r"[a-z][a-z-]*", unit, re.IGNORECASE):
        words = f"{unit}{after}".strip()  # English: `50,000 new users`, `45 points`
        unit = words.split()[-1]
        metric = before if before and " " not in words else f"{before} {words}"
    else:
        metric = f"{before} {after.strip()}"
    metric = _LEADING.sub("", re.sub(r"\s+", " ", metric)).strip(" ,，、:：;；.。")
    if unit in ("％", "percent"):
        unit = "%"
    return GoalText(metric or text.strip(), amount.value, unit)


def _is_year(text: str, amount) -> bool:
    return isinstance(amount.value, int) and 1900 <= amount.value <= 2200 and text[amount.end : amount.end + 1] in ("年", "-", "")


_LIST_SPLIT = re.compile(r"\s*[、,，/／;；&＆\n]\s*|\s+(?:and|und|et)\s+", re.IGNORECASE)


def split_list(text: str) -> list[str]:
    """`市场部、设计部/销售 and PR` → four names, duplicates dropped, order kept."""
    return list(dict.fromkeys(part.strip() for part in _LIST_SPLIT.split(text) if part.strip()))


_ITEM_BREAK = re.compile(r"\s*(?:\n|[;；]|(?<=\S)\s+(?=[0-9]{1,2}[.、)]\s))\s*")
_NUMBERING = re.compile(r"^(?:[0-9]{1,2}|[①-⑳])[.、)]?\s+|^(?:[①-⑳])\s*|^[-*•·]\s*")
_COLON = re.compile(r"[:：]")


def split_items(text: str) -> list[str]:
    """A cell's items: one a line (or between semicolons), list numbers and bullets removed."""
    return [_NUMBERING.sub("", item).strip() for item in _ITEM_BREAK.split(text.strip()) if _NUMBERING.sub("", item).strip()]


def split_risk(text: str) -> tuple[str, str | None]:
    """`达人档期冲突：提前锁定备选` → (risk, contingency), at the first colon, full-width or not."""
    risk, colon, contingency = _COLON.split(text, maxsplit=1)[0], _COLON.search(text), None
    if colon:
        contingency = text[colon.end() :].strip() or None
    return risk.strip(), contingency


@dataclass(frozen=True, slots=True)
class UpdateText:
    date: date | None  # None: the text names no day Milepost can read
    text: str
    needs_start: bool = False


_WEEK_PREFIX = re.compile(r"^(?:第\s*(\d{1,3})\s*[周週]|(?:week|wk|w)\s*(\d{1,3}))\s*[:：,，]?\s*", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"^([0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}[日号號]?|[0-9]{1,2}月[0-9]{1,2}[日号號])\s*[:：,，]?\s*")


def read_update(item: str, start: date | None) -> UpdateText:
    """`第1周:笔记2篇发布` → the Monday of week 1; `2027-01-15: …` → that day."""
    item = normal(item).strip()
    week = _WEEK_PREFIX.match(item)
    if week:
        if start is None:
            return UpdateText(None, item, needs_start=True)
        number = int(week[1] or week[2])
        text = item[week.end() :].strip() or item
        return UpdateText(week_one(start) + timedelta(weeks=number - 1), text) if number >= 1 else UpdateText(None, item)
    day = _DATE_PREFIX.match(item)
    if day:
        span = read_span(day[1], start)
        if span and span[0] == span[1]:
            return UpdateText(span[0], item[day.end() :].strip() or item)
    return UpdateText(None, item)


_KPI = re.compile(rf"^(?P<metric>.+): (?P<actual>\?|-?(?:{NUMBER}))/(?P<target>-?(?:{NUMBER}))(?: (?P<unit>.+?))?(?P<alert> \(ALERT\))?$")


def read_kpis(text: str) -> list[dict] | None:
    """The KPIs of plan.csv, `sign-ups: 3100/12000 users (ALERT); …`; None when a part is not one."""
    kpis = []
    for part in text.split("; "):
        match = _KPI.match(part.strip())
        if not match:
            return None
        kpi = {"metric": match["metric"], "target": read_number(match["target"])}
        if match["actual"] != "?":
            kpi["actual"] = read_number(match["actual"])
        if match["unit"]:
            kpi["unit"] = match["unit"]
        kpis.append(kpi)
    return kpis


STATUS_WORDS = {
    "planned": "planned", "计划中": "planned", "計劃中": "planned", "未开始": "planned", "未開始": "planned", "待启动": "planned",
    "in-progress": "in-progress", "in progress": "in-progress", "进行中": "in-progress", "進行中": "in-progress", "执行中": "in-progress", "執行中": "in-progress",
    "at-risk": "at-risk", "at risk": "at-risk", "有风险": "at-risk", "有風險": "at-risk", "风险": "at-risk",
    "delayed": "delayed", "延期": "delayed", "延迟": "delayed", "延遲": "delayed", "滞后": "delayed", "落后": "delayed",
    "done": "done", "completed": "done", "complete": "done", "已完成": "done", "完成": "done",
    "cancelled": "cancelled", "canceled": "cancelled", "已取消": "cancelled", "取消": "cancelled",
}


def read_status(text: str) -> str | None:
    return STATUS_WORDS.get(normal(text).strip().casefold())


def slug(text: str, limit: int = 40) -> str:
    """The ASCII words of a title as an id part: `Café Launch 2027` → `cafe-launch-2027`; '' for `小红书种草`."""
    ascii_text = unicodedata.normalize("NFKD", normal(text)).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:limit].rstrip("-")


def unquote(text: str) -> str:
    """plan.csv writes a leading ' before =, +, - and @ so that no spreadsheet runs a cell; undo it."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text

