"""Fields of format.md "Nested values" from the execution-plan template: the progress log
(`updates`), the `retrospective`, and budget `lines`, with their rules and exact positions."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import campaign, clean_site, only, pos, roadmap
from milepost.core.model import BudgetLine, Retrospective
from milepost.core.problems import ERROR, WARNING
from milepost.core.validate import check

LAUNCH = "roadmaps/campaigns/launch.md"


def where(problem) -> str:
    return f"{problem.path}:{problem.line}:{problem.col}"


def at(text: str, needle: str, path: str = LAUNCH) -> str:
    line, col = pos(text, needle)
    return f"{path}:{line}:{col}"


UPDATES = """
  - {date: 2026-03-02, text: Brief signed off, progress: 10}
  - {date: 2026-03-16, text: Two KOL posts live, progress: 35}
  - {date: 2026-03-09, text: Landing page in review}"""


def test_updates_are_kept_as_written_and_read_newest_first(check_site):
    checked = check_site({**clean_site(), "campaigns/launch.md": campaign(updates=UPDATES)})
    assert checked.problems == []
    launch = checked.site.by_id["c-launch"]
    assert [u.text for u in launch.updates] == ["Brief signed off", "Two KOL posts live", "Landing page in review"]
    assert [u.date for u in launch.log] == [date(2026, 3, 16), date(2026, 3, 9), date(2026, 3, 2)]
    assert (launch.latest_update.text, launch.latest_update.progress) == ("Two KOL posts live", 35)


def test_an_update_needs_a_day_and_a_text(check_site):
    text = campaign(updates="\n  - {date: 2026-W10, progress: 120}")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    assert sorted((p.code, where(p), p.message) for p in checked.problems) == [
        ("invalid-date", at(text, "2026-W10"), "'date' must be a day such as 2026-03-02, not '2026-W10'"),
        ("invalid-value", at(text, "120"), "'progress' must be between 0 and 100, not 120"),
        ("missing-field", at(text, "{date"), "an update needs 'text' (what happened)"),
    ]


RETRO = """
  date: 2026-05-12
  result: 4,100 sign-ups against 5,000; the second wave came too late
  strategy: start KOL seeding two weeks before the launch"""


def test_a_retrospective_on_a_campaign_and_on_a_roadmap(check_site):
    site = {**clean_site(), "campaigns/launch.md": campaign(status="done", retrospective=RETRO), "plan.md": roadmap(retrospective="\n  process: weekly reviews worked")}
    checked = check_site(site)
    assert checked.problems == []
    assert checked.site.by_id["c-launch"].retrospective == Retrospective(
        date=date(2026, 5, 12),
        result="4,100 sign-ups against 5,000; the second wave came too late",
        strategy="start KOL seeding two weeks before the launch",
    )
    assert checked.site.by_id["rm-2026"].retrospective.process == "weekly reviews worked"


@pytest.mark.parametrize(
    "retrospective, code, needle, message",
    [
        ("\n  date: 2026-05-12", "missing-field", "date: 2026-05-12", "a retrospective needs at least one of 'result', 'process' or 'strategy'"),
        ("\n  results: fine", "unknown-key", "results", "unknown key 'results' in a retrospective (did you mean 'result'?)"),
    ],
    ids=["needs-one-of-its-three-texts", "unknown-keys-are-errors"],
)
def test_a_wrong_retrospective_is_an_error_at_its_place(check_site, retrospective, code, needle, message):
    text = campaign(retrospective=retrospective)
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    problem = only(checked.problems, code)
    assert where(problem) == at(text, needle)
    assert problem.message == message


def test_missing_retrospective_is_a_warning_only_when_required(check_site, tmp_path):
    text = campaign(status="done")
    site = {**clean_site(), "campaigns/launch.md": text}
    assert check_site(site).problems == []  # off by default: a site valid before stays valid
    checked = check("roadmaps", require_retrospectives=True)
    problem = only(checked.problems, "missing-retrospective")
    assert where(problem) == at(text, "done")
    assert problem.severity == WARNING
    assert problem.message == "campaign 'c-launch' is done but has no retrospective: add 'retrospective' with its result, process and strategy"


LINES = """
  amount: 30000
  currency: CNY
  spent: 12000
  lines:
    - {item: KOL fees, amount: 15000, spent: 9000, channel: social}
    - {item: Discount cost, amount: 10000}"""


def test_budget_lines_are_read_in_the_budget_currency(check_site):
    checked = check_site({**clean_site(), "campaigns/launch.md": campaign(budget=LINES)})
    assert checked.problems == []
    budget = checked.site.by_id["c-launch"].budget
    assert budget.lines == [BudgetLine(item="KOL fees", amount=15000, spent=9000, channel="social"), BudgetLine(item="Discount cost", amount=10000)]
    assert budget.lines_total == 25000


def test_lines_over_the_amount_and_money_overspent_are_warnings(check_site):
    text = campaign(budget="\n  amount: 20000\n  spent: 21000\n  lines:\n    - {item: Media, amount: 18000, spent: 19500}\n    - {item: Agency, amount: 4000}")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    assert sorted((p.code, where(p), p.severity, p.message) for p in checked.problems) == [
        ("budget-lines-over", at(text, "- {item: Media"), WARNING, "the budget lines add up to 22,000 EUR, over the budget's amount of 20,000 EUR by 2,000"),
        ("overspent", at(text, "21000"), WARNING, "spent 21,000 EUR, over the budget's amount of 20,000 EUR by 1,000"),
        ("overspent", at(text, "19500"), WARNING, "budget line 'Media' has spent 19,500, over its amount of 18,000 by 1,500"),
    ]


def test_a_budget_line_needs_an_item_and_an_amount(check_site):
    text = campaign(budget="\n  amount: 20000\n  lines:\n    - {amount: 500, chanel: social}")
    checked = check_site({**clean_site(), "campaigns/launch.md": text})
    assert sorted((p.code, where(p), p.severity, p.message) for p in checked.problems) == [
        ("missing-field", at(text, "{amount: 500"), ERROR, "a budget line needs 'item' (what the money is for, e.g. KOL fees, media)"),
        ("unknown-key", at(text, "chanel"), ERROR, "unknown key 'chanel' in a budget line (did you mean 'channel'?)"),
    ]
