"""Sums of campaign budgets, per currency: computed once for validation (over budget), the diff
(roadmap totals) and the pages (allocated, totals), which only lay them out.

Amounts in different currencies are never added up: no exchange rate is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from milepost.core.model import Budget, Campaign


def amounts(campaigns: list[Campaign]) -> dict[str, float]:
    """Currency -> the sum of the budgets of `campaigns` in it, currencies sorted."""
    totals: dict[str, float] = {}
    for campaign in campaigns:
        if campaign.budget is not None:
            totals[campaign.budget.currency] = totals.get(campaign.budget.currency, 0) + campaign.budget.amount
    return dict(sorted(totals.items()))


@dataclass(frozen=True, slots=True)
class Total:
    """What a roadmap's campaigns have in one currency, against the roadmap's own budget if it is in it."""

    currency: str
    amount: float
    spent: float
    envelope: Budget | None  # the roadmap's budget, when in this currency
    over: float  # how far the amount goes over the envelope; 0 when it does not


def totals(envelope: Budget | None, campaigns: list[Campaign]) -> list[Total]:
    """The budget and spending of `campaigns` per currency, currencies sorted, each against `envelope`."""
    spent: dict[str, float] = {}
    for campaign in campaigns:
        if campaign.budget is not None:
            spent[campaign.budget.currency] = spent.get(campaign.budget.currency, 0) + (campaign.budget.spent or 0)
    found = []
    for currency, amount in amounts(campaigns).items():
        own = envelope if envelope is not None and envelope.currency == currency else None
        over = amount - own.amount if own is not None and amount > own.amount else 0
        found.append(Total(currency, amount, spent[currency], own, over))
    return found
