"""Broken front matter explained in plain words, at the line to change, with the parser's words after.

Each case is a real mistake in a roadmap file and the exact message it gets.
The position is where the author must act, which is not always where libyaml
noticed (an unclosed bracket is noticed lines later, at the end).
"""

from __future__ import annotations

import pytest

from conftest import only, read


def problem_of(front_matter: str) -> str:
    doc, problems = read("---\n" + front_matter + "---\nBody.\n")
    assert doc is None
    found = only(problems, "yaml-syntax")
    return f"{found.line}:{found.col}: {found.message}"


CASES = {
    "a value with ': ' needs quotes": (
        "kind: campaign\ntitle: Spring launch: the sequel\nowner: Marta\n",
        "3:8: the value of 'title' contains ':' and a space, which YAML reads as the start of another key: "
        "put the whole value in quotes, title: \"Spring launch: the sequel\" (YAML: mapping values are not allowed in this context)",
    ),
    "a value ending in ':' needs quotes": (
        "kind: campaign\nsummary: Two phases:\nowner: Marta\n",
        "3:10: the value of 'summary' ends with ':', which YAML reads as the start of another key: "
        "put the whole value in quotes, summary: \"Two phases:\" (YAML: mapping values are not allowed in this context)",
    ),
    "a key one space too far": (
        "kind: campaign\nid: spring\n owner: Marta\n",
        "4:2: 'owner' is indented 1 space more than 'id' on line 3, which it seems to belong with: start it at column 1, under 'id'; "
        "or, if it continues the value of 'id', put that whole value in quotes (YAML: mapping values are not allowed in this context)",
    ),
    "a kpi key one space too far": (
        "kind: campaign\nkpis:\n  - metric: sign-ups\n     target: 500\n",
        "5:6: 'target' is indented 1 space more than 'metric' on line 4, which it seems to belong with: start it at column 5, under 'metric'; "
        "or, if it continues the value of 'metric', put that whole value in quotes (YAML: mapping values are not allowed in this context)",
    ),
    "a kpi key one space too little": (
        "kind: campaign\nkpis:\n  - metric: sign-ups\n   target: 500\n",
        "5:4: 'target' is indented 1 space less than 'metric' on line 4, which it seems to belong with: start it at column 5, under 'metric' "
        "(YAML: did not find expected '-' indicator (while parsing a block collection at line 4, column 3))",
    ),
    "a budget key one space too little": (
        "kind: campaign\nbudget:\n  amount: 48000\n currency: EUR\n",
        "5:2: 'currency' is indented 1 space less than 'amount' on line 4, which it seems to belong with: start it at column 3, under 'amount' "
        "(YAML: did not find expected key (while parsing a block mapping at line 2, column 1))",
    ),
    "a list item one space off": (
        "kind: campaign\ntags:\n   - peak\n  - sale\n",
        "5:3: this list item is indented 1 space less than the '-' on line 4, which it seems to belong with: start it at column 4, under the '-' "
        "(YAML: did not find expected key (while parsing a block mapping at line 2, column 1))",
    ),
    "a tab in the indentation": (
        "kind: campaign\n\towner: Marta\n",
        "3:1: this line is indented with a tab; YAML needs spaces: replace the tab with spaces "
        "(YAML: found a tab character that violates indentation (while scanning a plain scalar at line 2, column 7))",
    ),
    "a list item without '-'": (
        "kind: campaign\nmilestones:\n  - {title: Go live, date: 2027-03-01}\n  {title: Read-out, date: 2027-03-15}\nowner: Marta\n",
        "5:3: this line looks like an item of the list above it but has no '- ': start it with '- ' like the item on line 4 "
        "(YAML: could not find expected ':' (while scanning a simple key at line 5, column 3))",
    ),
    "a list of mappings missing its '-'": (
        "kind: campaign\nkpis:\n  - metric: sign-ups\n    target: 500\n  metric: leads\n",
        "6:3: this line is at the indentation of the items of the list 'kpis' but has no '- ': start it with '- ' like the item on line 4, "
        "or indent it under that item's keys (YAML: did not find expected '-' indicator (while parsing a block collection at line 4, column 3))",
    ),
    "an unclosed bracket": (
        "kind: campaign\nchannels: [email, social\nowner: Marta\n",
        "3:11: the '[' opened here is never closed: add ']' at the end of the list "
        "(YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 11))",
    ),
    "an unclosed brace": (
        "kind: campaign\nbudget: {amount: 48000, currency: EUR\nowner: Marta\n",
        "3:9: the '{' opened here is never closed: add '}' at the end of the mapping "
        "(YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 3, column 9))",
    ),
    "an unclosed double quote": (
        'kind: campaign\ntitle: "Spring launch\nowner: Marta\n',
        '3:8: the quote (") opened here is never closed: add a closing " at the end of the value '
        "(YAML: found unexpected end of stream (while scanning a quoted scalar))",
    ),
    "an apostrophe inside single quotes": (
        "kind: campaign\ntitle: 'Northwind's spring'\n",
        "3:18: the apostrophe in the value of 'title' ends its single quotes: write it twice inside single quotes "
        "(title: 'Northwind''s spring'), or put the value in double quotes (YAML: did not find expected key (while parsing a block mapping at line 2, column 1))",
    ),
    "text after a closing quote": (
        'kind: campaign\ntitle: "Spring" 2027\n',
        "3:8: the value of 'title' goes on after its closing quote: put the whole value inside the quotes "
        "(YAML: did not find expected key (while parsing a block mapping at line 2, column 1))",
    ),
    "a value starting with a bracket": (
        "kind: campaign\ntitle: [Draft] Spring launch\n",
        "3:8: a value starting with '[' is read as a list: to write text, put the whole value in quotes, title: \"[Draft] Spring launch\" "
        "(YAML: did not find expected key (while parsing a block mapping at line 2, column 1))",
    ),
    "a value starting with '@'": (
        "kind: campaign\nowner: @marta\n",
        "3:8: a value cannot start with '@' without quotes (YAML reserves it): put the value in quotes (owner: \"@marta\") "
        "(YAML: found character that cannot start any token (while scanning for the next token at line 3, column 8))",
    ),
    "a value starting with '*'": (
        "kind: campaign\ntitle: *New* spring launch\n",
        "3:8: a value cannot start with '*' without quotes (YAML reserves it): put the value in quotes (title: \"*New* spring launch\") "
        "(YAML: did not find expected alphabetic or numeric character (while scanning an alias at line 3, column 8))",
    ),
    "no space after the colon": (
        "kind: campaign\nowner:Marta\ntitle: Spring\n",
        "3:7: put a space after the ':' of 'owner': owner: Marta (YAML: could not find expected ':' (while scanning a simple key at line 3, column 1))",
    ),
    "no colon at all": (
        "kind: campaign\nowner Marta\ntitle: Spring\n",
        "3:1: this line has no ':' after its key: write it as 'owner: value' (or, if it continues the line above, put that value in quotes) "
        "(YAML: could not find expected ':' (while scanning a simple key at line 3, column 1))",
    ),
    "a list on its key's line": (
        "kind: campaign\ngoals: - users\n",
        "3:8: a list cannot start on the same line as its key: write goals: [a, b], or put each item on its own line below 'goals', starting with '- ' "
        "(YAML: block sequence entries are not allowed in this context)",
    ),
    "a backslash in double quotes": (
        'kind: campaign\nsummary: "Files in C:\\plans"\n',
        "3:22: inside double quotes a backslash starts an escape such as \\n: write \\\\ for a backslash, or put the value in single quotes "
        "(YAML: found unknown escape character (while parsing a quoted scalar at line 3, column 10))",
    ),
    "a '-' item where keys are": (
        "kind: campaign\n- social\n",
        "3:1: a list item ('- ') where a key was expected: indent the list under its key (such as 'tags:' on the line above), or remove the '-' "
        "(YAML: did not find expected key (while parsing a block mapping at line 2, column 1))",
    ),
    "a '-' inside brackets": (
        "kind: campaign\ntags: [peak, - sale]\n",
        "3:14: inside [ ] or { } items are separated by commas, without '- ': write [a, b] "
        "(YAML: did not find expected node content (while parsing a flow node at line 3, column 14))",
    ),
    "text after '|'": (
        "kind: campaign\nsummary: | two lines\n",
        "3:10: after '|' the text starts on the next line, indented; to write '|' as text, put the value in quotes "
        "(YAML: did not find expected comment or line break (while scanning a block scalar at line 3, column 10))",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_yaml_mistake_gets_a_plain_message_at_the_line_to_change(name):
    text, expected = CASES[name]
    assert problem_of(text) == expected


def test_an_error_no_hint_knows_keeps_the_parser_words():
    assert problem_of("kind: campaign\ntitle: !<x\n").startswith("3:8: a value cannot start with '!'")
    from milepost.core.yaml_hints import explain

    assert explain("a: b\n", "something libyaml has never said", (0, 1), None, None) is None
