"""Amounts as planners write them: `3万元`, `1.5亿`, `€48k`, `RMB 50,000`, `$2m`.

A number is ASCII digits only (Python's own `float` would take `١٢`), with
thousands separators, a multiplier (万/萬 10⁴, 亿/億 10⁸, 千 10³, `w` for
万, `k`, `m`) and a currency word or sign before or after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MULTIPLIERS = {"万": 1e4, "萬": 1e4, "w": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "k": 1e3, "m": 1e6, "百万": 1e6, "百萬": 1e6, "千万": 1e7, "千萬": 1e7}

CURRENCY_WORDS = {
    "人民币": "CNY", "人民幣": "CNY", "元": "CNY", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "￥": "CNY",
    "€": "EUR", "eur": "EUR", "欧元": "EUR", "歐元": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "usd": "USD", "美元": "USD", "us$": "USD",
    "£": "GBP", "gbp": "GBP", "英镑": "GBP", "英鎊": "GBP",
    "hkd": "HKD", "hk$": "HKD", "港币": "HKD", "港幣": "HKD", "港元": "HKD",
    "twd": "TWD", "nt$": "TWD", "新台币": "TWD", "新台幣": "TWD",
    "jpy": "JPY", "円": "JPY", "日元": "JPY", "日圓": "JPY",
    "chf": "CHF", "sgd": "SGD", "aud": "AUD", "cad": "CAD",
}

_WORDS = "|".join(sorted(map(re.escape, CURRENCY_WORDS), key=len, reverse=True))
_MULT = "|".join(sorted(map(re.escape, MULTIPLIERS), key=len, reverse=True))
NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?"
AMOUNT = re.compile(
    rf"(?P<pre>{_WORDS})?\s*(?P<number>-?(?:{NUMBER}))\s*(?P<mult>{_MULT})?(?![a-z])\s*(?P<post>{_WORDS})?",
    re.IGNORECASE,
)
_CODE = re.compile(r"\b([A-Z]{3})\b")


def normal(text: str) -> str:
    """Full-width digits, letters and signs as their ASCII forms (３万 is 3万)."""
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    currency: str | None  # None: the text named none
    start: int
    end: int


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text` (already `normal`), in order."""
    found = []
    for match in AMOUNT.finditer(text):
        value = float(match["number"].replace(",", ""))
        if match["mult"]:
            value *= MULTIPLIERS[match["mult"].lower()]
        word = match["pre"] or match["post"]
        found.append(Amount(_whole(value), CURRENCY_WORDS[word.lower()] if word else None, match.start(), match.end()))
    return found


def _whole(value: float) -> float:
    """1.5万 is 15000 exactly, not 15000.000000000002."""
    rounded = round(float(value), 6)
    return int(rounded) if rounded.is_integer() else rounded


def currency_in(text: str) -> str | None:
    """A currency named anywhere in the text: a word or sign, or an ISO code such as SEK."""
    for match in AMOUNT.finditer(text):
        word = match["pre"] or match["post"]
        if word:
            return CURRENCY_WORDS[word.lower()]
    code = _CODE.search(text)
    return code[1] if code else None


@dataclass(slots=True)
class Budget:
    amount: float
    currency: str | None
    lines: list[tuple[str, float]] = field(default_factory=list)  # (item, amount)


_PARENS = re.compile(r"[(（]([^()（）]*)[)）]")
_LINE_SPLIT = re.compile(r"[、,，;；]|\s+and\s+|\+")
_LEAD_WORDS = re.compile(r"^\s*(?:含|包含|包括|其中|including|incl\.?|of which)\s*[:：]?\s*", re.IGNORECASE)
_ITEM_TRIM = " :：=为為约約共"
_NOTHING = {"无", "無", "none", "n/a", "na", "-", "—", "/", "tbd", "待定"}


def read_budget(text: str) -> Budget | None:
    """`预算3万元(含KOL费用1.5万)` → 30000 CNY with a line 'KOL费用' of 15000; None when unreadable.

    The total is the first amount outside parentheses; each parenthesised
    part that names an item with an amount is a line, in the total's currency.
    """
    text = normal(text).strip()
    outside = _PARENS.sub(lambda m: " " * len(m[0]), text)
    totals = find_amounts(outside)
    if not totals:
        return None
    currency = totals[0].currency or currency_in(text)
    if len(totals) > 1 and not _PARENS.search(text):  # `KOL费用1.5万、投放1万`: the parts, adding up
        lines = _lines(text)
        return None if lines is None else Budget(_whole(sum(amount for _, amount in lines)), currency, lines)
    lines = []
    for part in _PARENS.findall(text):
        part_lines = _lines(part)
        if part_lines is None:
            return None
        lines += part_lines
    return Budget(totals[0].value, currency, lines)


def _lines(text: str) -> list[tuple[str, float]] | None:
    lines = []
    for piece in _LINE_SPLIT.split(_LEAD_WORDS.sub("", text)):
        amounts = find_amounts(piece)
        item = piece[: amounts[0].start].strip(_ITEM_TRIM) if len(amounts) == 1 else ""
        if not item:
            return None
        lines.append((item, amounts[0].value))
    return lines


def says_nothing(text: str) -> bool:
    """A cell that says there is no value: `无`, `-`, `n/a`."""
    return normal(text).strip().casefold() in _NOTHING


def read_number(text: str) -> float | None:
    """A cell that is one number and nothing else (a percent sign allowed): 40, 40%, 1,200."""
    match = re.fullmatch(rf"\s*(-?(?:{NUMBER}))\s*%?\s*", normal(text))
    return _whole(float(match[1].replace(",", ""))) if match else None
