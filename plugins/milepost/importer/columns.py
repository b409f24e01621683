"""The columns of an execution plan, by the headers teams give them.

Each role is declared once with its headers in English, Simplified and
Traditional Chinese, and the names of the site's own `plan.csv` export, so
that an exported plan imports back. Headers match case-insensitively, with
spaces, underscores and a trailing colon ignored; columns in any order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from milepost.importer.table import Cell

ROLES: dict[str, tuple[str, ...]] = {
    "title": ("strategy module", "module", "strategy", "title", "campaign title", "策略模块", "策略模組", "模块", "模組", "策略", "项目", "項目"),
    "goal": ("core goal", "goal", "objective", "target", "核心目标", "核心目標", "目标", "目標"),
    "measures": ("measures", "actions", "execution measures", "具体执行措施", "具體執行措施", "执行措施", "執行措施", "措施"),
    "owner": ("owner", "responsible", "负责人", "負責人"),
    "teams": ("collaborating departments", "departments", "teams", "协作部门", "協作部門", "协同部门", "協同部門"),
    "time": ("time", "timeline", "schedule", "timing", "时间节点", "時間節點", "时间", "時間"),
    "budget": ("resources", "budget", "resource needs", "资源需求", "資源需求", "预算", "預算"),
    "progress": ("progress", "status update", "进度状态", "進度狀態", "进度", "進度"),
    "risks": ("risk plan", "risks", "risk", "风险预案", "風險預案", "风险", "風險"),
    "remarks": ("remarks", "notes", "comments", "备注", "備註", "說明"),
    # the columns of the site's plan.csv
    "roadmap": ("roadmap",),
    "roadmap_title": ("roadmap_title", "roadmap title"),
    "id": ("campaign", "id", "campaign id"),
    "goals": ("goals", "goal ids"),
    "channels": ("channels", "channel", "渠道"),
    "start": ("start", "start date", "开始", "開始", "开始日期", "開始日期"),
    "end": ("end", "end date", "结束", "結束", "结束日期", "結束日期"),
    "currency": ("currency", "币种", "幣別"),
    "spent": ("spent", "已花费", "已花費"),
    "status": ("status", "状态", "狀態"),
    "kpis": ("kpis", "kpi"),
    "contingencies": ("contingencies", "contingency", "应对措施", "應對措施"),
    "url": ("url",),
}
"""role → the headers that name it."""

DERIVED = ("url",)
"""Columns the export derives from others: read, and left out of the documents."""

_BY_HEADER = {}
for _role, _headers in ROLES.items():
    for _header in _headers:
        _BY_HEADER.setdefault(re.sub(r"[\s_]+", " ", _header), _role)


def role_of(header: str) -> str | None:
    """The role a header names, or None for a column Milepost does not know."""
    key = unicodedata.normalize("NFKC", header).casefold().strip().rstrip(":：").strip()
    return _BY_HEADER.get(re.sub(r"[\s_]+", " ", key))


@dataclass(slots=True)
class Header:
    """The header row: which column holds which role, and the unknown columns by name."""

    row: int  # index into the table's rows
    roles: dict[str, str]  # column letter → role
    names: dict[str, str]  # column letter → header as written


def looks_like_header(texts: list[str]) -> bool:
    """Two known headers in one row, a title among them or not: a title row has one cell."""
    return len({role_of(text) for text in texts} - {None}) >= 2


def find_header(rows: list[list[Cell]]) -> Header | None:
    """The first row, among the first 30, that looks like a header; rows above it are titles."""
    for index, row in enumerate(rows[:30]):
        if looks_like_header([cell.text for cell in row]):
            roles, names = {}, {}
            for cell in row:
                letter = column_of(cell.ref)
                names[letter] = cell.text
                role = role_of(cell.text)
                if role and role not in roles.values():  # a second column of the same role is kept as unknown
                    roles[letter] = role
            return Header(index, roles, names)
    return None


def column_of(ref: str) -> str:
    return ref.rstrip("0123456789")
