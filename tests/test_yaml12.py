"""The front matter reader against the YAML 1.2 core schema, and against ruamel.yaml in 1.2 mode.

ruamel.yaml is a test dependency only: a second, independent YAML 1.2
implementation to compare with. Where it departs from the 1.2.2 spec's core
schema (it keeps some YAML 1.1 habits), the spec wins, and each such place is
listed in `RUAMEL_DEPARTS` with the reason, so a new difference fails the test.
"""

from __future__ import annotations

import datetime
import io
import itertools
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import goal, only, pos, read
from milepost.core.yaml12 import compose, resolve_plain

RUAMEL_DEPARTS = {  # what ruamel.yaml reads differently: (the form, what the core schema reads)
    "underscores as digit separators (YAML 1.1)": (re.compile(r"[-+]?(0[box])?[0-9a-fA-F._]*_[0-9a-fA-F._]*\Z"), str),
    "binary integers 0b… (YAML 1.1)": (re.compile(r"[-+]?0b[01_]+\Z"), str),
    "a sign before 0x or 0o": (re.compile(r"[-+]0(x[0-9a-fA-F_]+|o[0-7_]+)\Z"), str),
    "a float with a leading dot and an unsigned exponent (.5e3) read as text": (re.compile(r"[-+]?\.[0-9]+[eE][0-9]+\Z"), float),
    "timestamps (YAML 1.1; the core schema has none)": (re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z"), str),
}


def ruamel_value(text: str) -> object:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    try:
        value = yaml.load(io.StringIO(f"k: {text}\n"))["k"]
    except Exception:  # noqa: BLE001 - a timestamp that is no day, for one
        return "<error>"
    return text if isinstance(value, (datetime.date, datetime.datetime)) else value


def same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    return a == b or (type(a) is float and math.isnan(a) and math.isnan(b))


def generated_scalars() -> list[str]:
    """Numbers, near-numbers and keywords: every form of the core schema and its neighbours."""
    bodies = [
        "0", "7", "00", "010", "19", "2027", "0o17", "0o8", "0o", "0x1F", "0x1f", "0xg", "0x", "0b101", "1_000", "0x1_F", "1__0",
        ".5", "1.", "0.", "1.5", "1.10", "1.5e3", "1e3", "1E+3", "1e-3", ".5e3", ".5e+3", "1.e-2", "1e", "e3", "1e400", ".",
        ".inf", ".Inf", ".INF", ".iNf", ".inF", ".nan", ".NaN", ".NAN", ".nAn", ".Nan", "inf", "nan",
        "0x 1F", "0o+7", "0x+1F", "0x-1", "\u0661\u0662", "1\u0662", "0x\u0661", "\u0661.5", "１２", "2027-02-30", "2027-13", "12:30", "1,000",
    ]
    words = ["true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "fAlse", "null", "Null", "NULL", "nULL", "~", "yes", "no", "on", "off", "Y", "n"]
    return [sign + body for sign, body in itertools.product(("", "+", "-"), bodies)] + words


def departure(text: str) -> tuple[str, type] | None:
    return next(((why, spec) for why, (form, spec) in RUAMEL_DEPARTS.items() if form.match(text)), None)


def test_the_generated_scalars_are_a_few_hundred():
    assert len(generated_scalars()) >= 190


@pytest.mark.parametrize("text", generated_scalars())
def test_plain_scalars_resolve_as_ruamel_reads_yaml_12(text):
    ours, theirs = resolve_plain(text), ruamel_value(text)
    departs = departure(text)
    if departs is None:
        assert same(ours, theirs), f"{text!r}: Milepost {ours!r}, ruamel.yaml {theirs!r}"
    else:
        why, spec = departs
        assert not same(ours, theirs), f"{text!r} is listed as a departure ({why}) but both read {ours!r}"
        assert same(ours, spec(text)), why


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="0123456789+-._eExXoObBinfaNIF~", min_size=1, max_size=8))
def test_random_numeric_looking_scalars_agree_with_ruamel(text):
    theirs = ruamel_value(text)
    if theirs == "<error>" or isinstance(theirs, (list, dict)) or departure(text):
        return  # not a plain scalar in a flow-free context (`-`, `~x`), or a departure listed above
    assert same(resolve_plain(text), theirs), text


@pytest.mark.parametrize(
    "text, value",
    [
        ("0x+1F", "0x+1F"),
        ("0x 1F", "0x 1F"),
        ("0o-7", "0o-7"),
        ("1_000", "1_000"),
        ("0x1_F", "0x1_F"),
        (".iNf", ".iNf"),
        ("-.InF", "-.InF"),
        (".nAn", ".nAn"),
        ("0x\u0661\u0662", "0x\u0661\u0662"),
        ("-.Inf", -math.inf),
        ("0x1F", 31),
        ("0o17", 15),
        ("010", 10),
    ],
)
def test_core_schema_numbers_exactly(text, value):
    assert resolve_plain(text) == value and type(resolve_plain(text)) is type(value)


def test_a_signed_hex_progress_is_text_not_31():
    doc, problems = read(goal(current="0x+1F"))
    problem = only(problems, "wrong-type")
    assert problem.message.startswith("'current' must be a number, not '0x+1F'")
    assert doc.current is None


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("style", ["{}", '"{}"', "'{}'"])
def test_yaml_12_line_separators_are_ordinary_characters_in_text(char, style):
    """YAML 1.2 (and every editor) treats them as characters; libyaml, on 1.1, as line breaks."""
    title = f"Launch{char}week"
    text = goal(title=style.format(title), summary="Before" + char + "after", colour="red")
    doc, problems = read(text)
    assert doc.title == title and doc.summary == f"Before{char}after"
    problem = only(problems, "unknown-key")
    assert (problem.line, problem.col) == pos(text, "colour") == (10, 1)
    assert len(problems) == 1


def test_line_separator_in_a_block_scalar_and_a_list():
    text = goal(summary="|\n  one\u2028two\n  three", tags="[a\u2029b, c]", colour="x")
    doc, problems = read(text)
    assert doc.summary == "one\u2028two\nthree\n"
    assert doc.tags == ["a\u2029b", "c"]
    assert (only(problems, "unknown-key").line, only(problems, "unknown-key").col) == pos(text, "colour")


def test_a_private_use_character_in_the_text_survives_the_stand_ins():
    text = goal(title="\ue000 Launch\u2028\ue001 week")
    doc, problems = read(text)
    assert problems == [] or all(p.code != "yaml-syntax" for p in problems)
    assert doc.title == "\ue000 Launch\u2028\ue001 week"


@pytest.mark.parametrize(
    "yaml_text, duplicate_line",
    [("010: a\n10: b\n", 3), ("0x0A: a\n10: b\n", 3), ("1.0: a\n1.00: b\n", 3), (".nan: a\n.NaN: b\n", 3), ("true: a\nTrue: b\n", 3)],
)
def test_keys_that_yaml_12_resolves_alike_are_duplicates(yaml_text, duplicate_line):
    _, issues = compose(yaml_text, first_line=2)
    assert [(i.line, i.code) for i in issues] == [(duplicate_line, "duplicate-key")]
    assert "YAML would keep only the last" in issues[0].message
    assert "first at line 2, written" in issues[0].message


@pytest.mark.parametrize("yaml_text, kinds", [('"1": a\n1: b\n', ("integer 1", "text")), ("'true': a\ntrue: b\n", ("boolean true", "text"))])
def test_keys_yaml_tells_apart_but_milepost_cannot_are_said_to_be_both_kept(yaml_text, kinds):
    root, issues = compose(yaml_text, first_line=2)
    assert [(i.line, i.code) for i in issues] == [(3, "duplicate-key")]
    message = issues[0].message
    assert "would keep only the last" not in message and "keeps both" in message
    assert all(kind in message for kind in kinds)
    assert len(root.entries) == 1


def test_keys_of_one_value_and_different_types_are_not_duplicates():
    root, issues = compose("1: a\n1.0: b\n'x': c\n", first_line=2)
    assert issues == [] and list(root.entries) == ["1", "1.0", "x"]
