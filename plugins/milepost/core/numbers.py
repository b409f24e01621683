"""Numbers and counts as text, written one way everywhere: reports, pages and exports.

`number` groups by threes and keeps up to two decimals (48000.0 -> "48,000",
2.5 -> "2.5"); `plan.csv` asks for every digit and no grouping. Negative zero
is 0. Locales with other groupings are Babel's work (`site/i18n.py`).
"""

from __future__ import annotations

from decimal import Decimal


def number(value: float, *, group: str = ",", point: str = ".", places: int | None = 2, half_even: bool = False) -> str:
    """`value` with `group` between thousands and `point` before decimals, rounded to `places`
    decimals with trailing zeros dropped; `places=None` writes every digit Python keeps, as written.

    Rounding is of the binary value (2.675 -> 2.67), or with `half_even` of the decimal one as
    Babel does (2.675 -> 2.68, 0.125 -> 0.12), so that pages match Babel's text exactly.
    """
    value = value or 0  # -0.0 prints as 0
    if float(value).is_integer():
        text = f"{int(value):,}"
    elif places is None:
        text = f"{value:,}"
    elif half_even:
        text = f"{Decimal(str(value)).quantize(Decimal(1).scaleb(-places)):,f}".rstrip("0").rstrip(".")
    else:
        text = f"{round(value, places):,.{places}f}".rstrip("0").rstrip(".")
    if (group, point) == (",", "."):
        return text
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def plural(count: int, noun: str) -> str:
    """'1 document', '3 documents': English nouns that take an s."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
