"""The fields of each kind of roadmap document, and how each value is read.

One table serves three purposes: reading front matter into the model (with a
precise message for every wrong value), the JSON Schema for editors
(`milepost schema`), and the field reference in the docs. Add a field here
and all three follow. The generic readers (text, ids, numbers, lists,
mappings) live in `readers`; the values particular to roadmaps (dates,
budgets, retrospectives) and the table itself live here.
"""

from __future__ import annotations

import re

from milepost.core import dates, model
from milepost.core.readers import (  # noqa: F401  ID_PATTERN, FREE_VALUE, Reading …: used through this module
    FREE_VALUE,
    ID_PATTERN,
    INVALID,
    Choice,
    Field,
    Flag,
    FreeForm,
    Id,
    ListOf,
    Number,
    Reading,
    Struct,
    Text,
    Type,
    free_value_schema,
    object_schema,
    read_fields,
    shape,
)
from milepost.core.yaml12 import Map, Node, Scalar

_CURRENCY = re.compile(r"[A-Z]{3}\Z")

_YEAR = "(19|2[01])[0-9]{2}"  # dates.FIRST_YEAR to dates.LAST_YEAR
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"  # which months have a 29th, 30th or 31st is beyond a pattern: see schema.LIMITS
DAY_PATTERN = f"^{_YEAR}-{_MONTH}-{_DAY}$"


_WEEK = "W(0[1-9]|[1-4][0-9]|5[0-3])"
DATE_PATTERN = f"^({_YEAR}(-({_MONTH}(-{_DAY})?|Q[1-4]|{_WEEK}))?|FY{_YEAR}(-Q[1-4])?)$"
AFTER_PATTERN = r"^after[ \t]+[a-z0-9][a-z0-9-]{0,63}([ \t]*\+[ \t]*[0-9]+[ \t]*[dw])?$"
DURATION_PATTERN = r"^\+[ \t]*[0-9]*[1-9][0-9]*[ \t]*[dw]$"
_DATE_WORDS = "a day (2026-07-01), month (2026-07), quarter (2026-Q3), year (2027), ISO week (2027-W05), fiscal quarter (FY2027-Q1) or fiscal year (FY2027)"


class Date(Type):
    """A date. `role` picks the day it resolves to: a start's first, an end's last.

    With `relative`, a start may follow a campaign (`after ID + 2w`, read as `model.After`) and an
    end may be a duration (`+6w`, read as `model.Duration`); `relative.resolve` turns them into days."""

    def __init__(self, role: str, relative: bool = False):
        self.role = role  # "start", "end" or "day"
        self.relative = relative

    def read(self, node, name, reading):
        if type(node) is not Scalar or node.value is None:
            return reading.wrong(node, f"'{name}' must be a date, not {shape(node)}", "invalid-date")
        text = node.text
        if self.relative and text.lstrip().startswith(("after", "+")):
            return self._relative(node, name, reading)
        try:
            period = dates.parse(text, reading.fiscal)
        except ValueError as error:
            hint = "" if self.relative or not text.lstrip().startswith(("after", "+")) else "; only a campaign's or activity's start and end can be relative"
            return reading.wrong(node, f"{error}{hint}", "invalid-date")
        if self.role == "day":
            if not period.is_day:
                return reading.wrong(node, f"'{name}' must be a day such as {period.first.isoformat()}, not '{text}'", "invalid-date")
            return period.first
        return period.first if self.role == "start" else period.last

    def _relative(self, node, name, reading):
        text = node.text.strip()
        if self.role == "start":
            after = dates.parse_after(text)
            if after is None:
                return reading.wrong(node, f"'{text}' is not a start: write a date, 'after ID' or 'after ID + 2w' (days d or weeks w)", "invalid-date")
            ref, days = after
            checked = Id("campaign").read(Scalar(ref, ref, True, node.line, node.col), name, reading)
            return INVALID if checked is INVALID else model.After(ref, days, text)
        days = dates.parse_span(text) if self.role == "end" else None
        if not days:
            what = "an end: write a date or a duration from the start such as +6w or +10d" if self.role == "end" else f"a {self.role}"
            return reading.wrong(node, f"'{text}' is not {what}", "invalid-date")
        return model.Duration(days, text)

    def schema(self):
        if self.role == "day":
            return {"type": "string", "pattern": DAY_PATTERN, "description": "a day: YYYY-MM-DD"}
        patterns, words = [DATE_PATTERN], _DATE_WORDS
        if self.relative and self.role == "start":
            patterns.append(AFTER_PATTERN)
            words += "; or after ID, after ID + 2w: the day after campaign ID ends, plus days (d) or weeks (w)"
        if self.relative and self.role == "end":
            patterns.append(DURATION_PATTERN)
            words += "; or a duration from the start: +6w, +10d"
        pattern = patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)
        # a year may be written unquoted: YAML, and so JSON, see the number 2027
        return {"type": ["string", "integer"], "pattern": pattern, "minimum": dates.FIRST_YEAR, "maximum": dates.LAST_YEAR, "description": words}


class BudgetLineType(Struct):
    """One line of a budget; a `spent` above its `amount` is a warning."""

    def __init__(self):
        super().__init__(
            "budget line",
            model.BudgetLine,
            {
                "item": Field(Text(), True, "what the money is for, e.g. KOL fees, media"),
                "amount": Field(Number(0), True, "planned, in the budget's currency"),
                "spent": Field(Number(0), False, "spent so far"),
                "channel": Field(Text(), False, "the channel it pays for; counts there in budget reports"),
            },
            "{item: KOL fees, amount: 15000}",
        )

    def read(self, node, name, reading):
        line = super().read(node, name, reading)
        if line is not INVALID and line.spent is not None and line.spent > line.amount:
            reading.warn(
                node.entries["spent"][1],
                f"budget line '{line.item}' has spent {line.spent:,.0f}, over its amount of {line.amount:,.0f} by {line.spent - line.amount:,.0f}",
                "overspent",
            )
        return line


class BudgetType(Struct):
    """A number in the site's currency, or {amount, currency, spent, lines}."""

    def __init__(self):
        super().__init__(
            "budget",
            model.Budget,
            {
                "amount": Field(Number(0), True, "the budget"),
                "currency": Field(Currency(), False, "ISO 4217 code; default: the site's currency"),
                "spent": Field(Number(0), False, "spent so far"),
                "lines": Field(ListOf(BudgetLineType()), False, "what the budget is made of: [{item, amount, spent, channel}], in its currency"),
            },
        )

    def read(self, node, name, reading):
        if type(node) is Scalar:
            amount = Number(0).read(node, name, reading)
            return INVALID if amount is INVALID else model.Budget(amount=amount, currency=reading.currency, at=(node.line, node.col))
        budget = super().read(node, name, reading)
        if budget is not INVALID:
            self._check(budget, node, reading)
        return budget

    @staticmethod
    def _check(budget: model.Budget, node: Map, reading: Reading) -> None:
        """Lines over the total and money spent over the plan: warnings, since plans do change."""
        money = lambda value: f"{value:,.0f} {budget.currency}"
        if budget.lines and budget.lines_total > budget.amount:
            over = budget.lines_total - budget.amount
            reading.warn(
                node.entries["lines"][1],
                f"the budget lines add up to {money(budget.lines_total)}, over the budget's amount of {money(budget.amount)} by {over:,.0f}",
                "budget-lines-over",
            )
        if budget.spent is not None and budget.spent > budget.amount:
            reading.warn(
                node.entries["spent"][1],
                f"spent {money(budget.spent)}, over the budget's amount of {money(budget.amount)} by {budget.spent - budget.amount:,.0f}",
                "overspent",
            )

    def defaults(self, reading):
        return {"currency": reading.currency}

    def schema(self):
        return {"oneOf": [Number(0).schema(), object_schema(self.fields)]}


class RetrospectiveType(Struct):
    """The review after the work; at least one of its three layers must be written."""

    def __init__(self):
        super().__init__(
            "retrospective",
            model.Retrospective,
            {
                "date": Field(Date("day"), False, "the day it was held, YYYY-MM-DD"),
                "result": Field(Text(), False, "what was reached against the targets, and why the gap"),
                "process": Field(Text(), False, "what went well or wrong in execution"),
                "strategy": Field(Text(), False, "what to repeat or change next time"),
            },
        )

    def read(self, node, name, reading):
        retro = super().read(node, name, reading)
        if retro is not INVALID and not any(getattr(retro, layer) for layer in model.Retrospective.LAYERS):
            given = [layer for layer in model.Retrospective.LAYERS if layer in node.entries]
            if not given:  # a layer given but wrong is reported already
                return reading.wrong(node, "a retrospective needs at least one of 'result', 'process' or 'strategy'", "missing-field")
            return INVALID
        return retro

    def schema(self):
        schema = super().schema()
        schema["anyOf"] = [{"required": [layer]} for layer in model.Retrospective.LAYERS]
        return schema


class Currency(Text):
    def read(self, node, name, reading):
        text = Text.read(self, node, name, reading)
        if text is not INVALID and not _CURRENCY.match(text):
            return reading.wrong(node, f"'{text}' is not an ISO 4217 currency code such as EUR, USD or CNY", "invalid-value")
        return text

    def schema(self):
        return {"type": "string", "pattern": "^[A-Z]{3}$"}


def _empty(node: Node) -> bool:
    return type(node) is Scalar and node.value is None


def _at(node: Node) -> tuple[int, int]:
    return node.line, node.col


STATUS = Choice(*model.STATUSES)
LEVEL = Choice(*model.LEVELS)
BUDGET = BudgetType()

MILESTONE = Struct(
    "milestone",
    model.Milestone,
    {
        "title": Field(Text(), True, "what happens"),
        "date": Field(Date("day"), True, "the day, YYYY-MM-DD"),
        "done": Field(Flag(), False, "reached already"),
    },
    "{title: Launch, date: 2026-07-01}",
)

class KeyDateType(Struct):
    """A key date: a day (`date`) or a period (`start` and `end`), never both, never neither."""

    def __init__(self):
        super().__init__(
            "key date",
            model.KeyDate,
            {
                "title": Field(Text(), True, "what happens, e.g. Double 11"),
                "date": Field(Date("day"), False, "the day, YYYY-MM-DD; or give start and end"),
                "start": Field(Date("start"), False, "first day of a period"),
                "end": Field(Date("end"), False, "last day of a period"),
                "markets": Field(ListOf(Text()), False, "where it matters, e.g. China, Germany"),
            },
        )

    def read(self, node, name, reading):
        if type(node) is not Map:
            return super().read(node, name, reading)  # says what it should be
        spans, reading.spans = reading.spans, None
        try:
            values, complete = read_fields(node, self.fields, self.noun, reading)
        finally:
            reading.spans = spans
        given = [key for key in ("date", "start", "end") if key in node.entries and not _empty(node.entries[key][1])]
        what = f"key date '{values['title']}'" if "title" in values else "this key date"
        if "date" in given and len(given) > 1:
            reading.report(*_at(node.entries[given[1]][0]), f"{what} has a 'date' and a '{given[1]}': give one day as 'date', or a period as 'start' and 'end'", "invalid-value")
            return INVALID
        if given in ([], ["start"], ["end"]):
            missing = "'date' (a day) or 'start' and 'end' (a period)" if not given else f"'{'end' if given == ['start'] else 'start'}' too, or a single 'date'"
            reading.report(node.line, node.col, f"{what} needs {missing}", "missing-field")
            return INVALID
        if not complete or any(key not in values for key in given):
            return INVALID  # already reported
        if "date" in values:
            values["start"] = values["end"] = values["date"]
        return model.KeyDate(**values, at=(node.line, node.col))

    def schema(self):
        schema = object_schema(self.fields)
        schema["oneOf"] = [{"required": ["date"], "not": {"anyOf": [{"required": ["start"]}, {"required": ["end"]}]}}, {"required": ["start", "end"], "not": {"required": ["date"]}}]
        return schema


UPDATE = Struct(
    "update",
    model.Update,
    {
        "date": Field(Date("day"), True, "the day of the status, YYYY-MM-DD"),
        "text": Field(Text(), True, "what happened"),
        "progress": Field(Number(0, 100), False, "percent complete on that day"),
    },
    "{date: 2026-03-02, text: Brief signed off, progress: 10}",
)
RETROSPECTIVE = RetrospectiveType()

COMMON = {
    "kind": Field(Choice(*model.KINDS), True, "goal, roadmap, campaign or calendar"),
    "id": Field(Id(), True, "unique across the site: lower-case letters, digits, hyphens"),
    "title": Field(Text(), True, "any language"),
    "owner": Field(Text(), True, "the one accountable person or team"),
    "status": Field(STATUS, False, "default: planned"),
    "summary": Field(Text(), False, "one line, shown in lists and cards"),
    "tags": Field(ListOf(Text()), False, "free labels"),
    "extra": Field(FreeForm(), False, "free-form data, carried to the JSON export untouched"),
}

FIELDS: dict[str, dict[str, Field]] = {
    "goal": {
        **COMMON,
        "metric": Field(Text(), True, "what is measured, e.g. new users"),
        "target": Field(Number(), True, "the value to reach"),
        "deadline": Field(Date("end"), True, "when the target must be reached"),
        "baseline": Field(Number(), False, "the starting value; default 0; a target below it means reduce"),
        "current": Field(Number(), False, "latest measured value; gives progress"),
        "unit": Field(Text(), False, "e.g. users, %, CNY"),
        "priority": Field(Choice(*model.PRIORITIES), False, "core or supporting; default core"),
        "parent": Field(Id("goal"), False, "the goal this one contributes to"),
        "start": Field(Date("start"), False, "when work toward the target began; default: the earliest start of what serves it"),
    },
    "roadmap": {
        **COMMON,
        "type": Field(Choice(*model.ROADMAP_TYPES), True, "the kind of plan"),
        "start": Field(Date("start"), True, "first day of the period covered"),
        "end": Field(Date("end"), True, "last day of the period covered"),
        "goals": Field(ListOf(Id("goal")), False, "goals this roadmap serves"),
        "budget": Field(BUDGET, False, "the roadmap's total budget"),
        "milestones": Field(ListOf(MILESTONE), False, "roadmap-wide dates"),
        "retrospective": Field(RETROSPECTIVE, False, "the review after the period: {date, result, process, strategy}"),
    },
    "campaign": {
        **COMMON,
        "roadmap": Field(Id("roadmap"), True, "the roadmap it belongs to"),
        "start": Field(Date("start", relative=True), True, "first day, or after ID (+ 2w): the day after campaign ID ends"),
        "end": Field(Date("end", relative=True), True, "last day, or a duration from the start: +6w, +10d"),
        "goals": Field(ListOf(Id("goal")), False, "the goals it contributes to"),
        "channels": Field(ListOf(Text()), False, "e.g. social, email, seo, events"),
        "teams": Field(ListOf(Text()), False, "collaborating teams besides the owner"),
        "progress": Field(Number(0, 100), False, "percent complete"),
        "budget": Field(BUDGET, False, "a number in the site's currency, or {amount, currency, spent}"),
        "depends_on": Field(ListOf(Id("campaign")), False, "campaigns that must finish first"),
        "kpis": Field(
            ListOf(
                Struct(
                    "kpi",
                    model.Kpi,
                    {
                        "metric": Field(Text(), True, "what is measured"),
                        "target": Field(Number(), True, "the value to reach"),
                        "actual": Field(Number(), False, "latest measured value"),
                        "unit": Field(Text(), False, "e.g. %, leads"),
                        "alert_below": Field(Number(), False, "in alert when actual is below this"),
                        "alert_above": Field(Number(), False, "in alert when actual is above this"),
                    },
                    "{metric: CTR, target: 2.5, unit: '%'}",
                )
            ),
            False,
            "key performance indicators",
        ),
        "risks": Field(
            ListOf(
                Struct(
                    "risk",
                    model.Risk,
                    {
                        "risk": Field(Text(), True, "what could go wrong"),
                        "contingency": Field(Text(), False, "what we do if it happens"),
                        "likelihood": Field(LEVEL, False, "low, medium or high"),
                        "impact": Field(LEVEL, False, "low, medium or high"),
                    },
                    "{risk: Supplier is late, contingency: Use stock images}",
                )
            ),
            False,
            "the risk register",
        ),
        "milestones": Field(ListOf(MILESTONE), False, "dates that matter"),
        "activities": Field(
            ListOf(
                Struct(
                    "activity",
                    model.Activity,
                    {
                        "title": Field(Text(), True, "the piece of work"),
                        "start": Field(Date("start", relative=True), True, "first day, or after ID (+ 2w)"),
                        "end": Field(Date("end", relative=True), True, "last day, or a duration: +6w, +10d"),
                        "owner": Field(Text(), False, "who does it"),
                        "status": Field(STATUS, False, "as for documents"),
                        "deliverable": Field(Text(), False, "what it produces"),
                    },
                    "{title: Brief the agency, start: 2026-03-01, end: 2026-03-14}",
                )
            ),
            False,
            "the work breakdown",
        ),
        "updates": Field(ListOf(UPDATE), False, "the progress log: [{date, text, progress}], e.g. a weekly status line"),
        "retrospective": Field(RETROSPECTIVE, False, "the review after the campaign: {date, result, process, strategy}"),
    },
    "calendar": {
        **COMMON,
        "dates": Field(ListOf(KeyDateType()), True, "the key dates: {title, date} or {title, start, end}, with markets"),
    },
}
