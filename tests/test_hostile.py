"""Hostile input: each gives one clear message naming the file, quickly, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import campaign, goal, only, pos, read
from milepost.settings import site_settings
from milepost.core.load import MAX_FRONT_MATTER, load
from milepost.core.problems import ERROR
from sitekit import write_tree


def test_deep_nesting_is_refused_without_crashing_the_interpreter(tmp_path):
    """CSafeLoader segfaults near 50,000 nested '[': run in a child so a crash fails the test, not the run."""
    write_tree(tmp_path / "roadmaps", {
        "flow.md": "---\nkind: goal\nid: g-flow\nextra: " + "[" * 100_000 + "\n---\n",
        "maps.md": "---\nkind: goal\nextra: " + "{a: " * 100_000 + "\n---\n",
        "block.md": "---\nkind: goal\nextra:\n" + "- " * 50_000 + "x\n---\n",
    }, dedent=False)
    result = subprocess.run(
        [sys.executable, "-m", "milepost", "validate", "roadmaps"], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "roadmaps/block.md:4:63: error: nesting deeper than 32 levels [yaml-depth]",
        "roadmaps/flow.md:4:39: error: nesting deeper than 32 levels [yaml-depth]",
        "roadmaps/maps.md:3:132: error: nesting deeper than 32 levels [yaml-depth]",
        "0 documents, 3 errors, 0 warnings",
    ]


BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


HANG = 60
"""Seconds after which a hostile input counts as hanging the reader. A guard that it ends, not a
speed target: an expanded alias bomb or a followed link loop never ends; how fast the reader is
on such input is measured by bench/odd_indents.py."""


def test_alias_bomb_is_refused_and_never_expanded():
    text = goal(extra="\n" + "".join("  " + line + "\n" for line in BOMB.splitlines()).rstrip("\n"))
    assert len(BOMB) < 431
    started = time.perf_counter()
    doc, problems = read(text)
    assert time.perf_counter() - started < HANG
    assert {p.code for p in problems} == {"yaml-anchor", "yaml-alias"}
    assert len(problems) == BOMB.count("&") + BOMB.count("*") == 81  # one per anchor and alias, no more
    assert all(p.path == "x.md" and p.severity == ERROR for p in problems)
    first = min(problems)
    assert (first.line, first.col, first.code) == (*pos(text, "&a"), "yaml-anchor")
    assert len(json.dumps(doc.extra)) < 1000  # an alias reads as nothing: serialising cannot explode


def test_alias_bomb_without_kind_is_still_refused():
    _, problems = read("---\n" + BOMB + "---\n")
    assert {p.code for p in problems} == {"yaml-anchor", "yaml-alias"}


def test_front_matter_over_the_limit_is_refused_unparsed():
    text = "---\nkind: goal\nsummary: " + "x" * MAX_FRONT_MATTER + "\n---\nbody\n"
    started = time.perf_counter()
    doc, problems = read(text, "big.md")
    assert time.perf_counter() - started < HANG
    assert doc is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.col, problem.severity, problem.code) == ("big.md", 1, 1, ERROR, "front-matter-too-large")
    assert "the limit is 1,048,576" in problem.message


def test_huge_body_under_small_front_matter_is_fine():
    doc, problems = read(goal(body="lorem ipsum " * 500_000))
    assert problems == [] and doc.id == "g-users" and len(doc.body) > 5_000_000


def test_many_odd_indents_are_each_reported_once():
    """One report per line; that it stays linear (80,000 such lines took 12 s when the file was
    rescanned for each) is measured by bench/odd_indents.py, not asserted here (no timed tests)."""
    lines = 80_000
    text = "---\nkind: goal\nextra:\n" + "".join(f"\u00a0 k{i:x}: 1\n" for i in range(lines)) + "---\n"
    doc, problems = read(text)
    assert len(problems) == lines + 6  # every odd indent, plus the goal's missing fields
    last = max(p for p in problems if p.code == "bad-indent")
    assert (last.line, last.col) == (lines + 3, 1)
    assert len(doc.extra) == lines and doc.extra[f"k{lines - 1:x}"] == 1


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\ufffe", "\x08"])
def test_control_characters_are_one_message_with_the_column(char):
    text = goal(title=f"Année 中文 {char} launch")
    doc, problems = read(text)
    assert doc is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.col, problem.code) == (*pos(text, char), "yaml-syntax")
    assert f"U+{ord(char):04X}" in problem.message


def test_line_separators_inside_text_do_not_shift_later_positions():
    """libyaml counts U+2028 and U+0085 as line breaks; editors (and YAML 1.2) do not."""
    text = goal(title='"Launch\u2028week"', summary="'Before\x85after'", colour="red")
    doc, problems = read(text)
    problem = only(problems, "unknown-key")
    assert (problem.line, problem.col) == pos(text, "colour") == (10, 1)
    assert doc.title == "Launch\u2028week"


def test_nbsp_indentation_is_one_message_per_line_and_read_as_seen():
    text = goal(extra="\n\u00a0\u00a0channel: social\n\u00a0\u00a0region: EU")
    doc, problems = read(text)
    assert [(p.line, p.col, p.code) for p in problems] == [(10, 1, "bad-indent"), (11, 1, "bad-indent")]
    assert doc.extra == {"channel": "social", "region": "EU"}  # not '\xa0channel'


def test_nbsp_indentation_inside_a_kpi_reads_its_keys():
    text = campaign(kpis="\n  - metric: leads\n  \u00a0\u00a0target: 10")
    doc, problems = read(text)
    assert [(p.line, p.col, p.code) for p in problems] == [(12, 3, "bad-indent")]
    assert [(k.metric, k.target) for k in doc.kpis] == [("leads", 10)]


@pytest.mark.parametrize(
    "data, where",
    [
        ("---\nkind: goal\n---\n".encode("utf-16"), (1, 1)),
        (goal(title="Café").encode("cp1252"), (4, 11)),
        ("# Plan\n\nA plain page – no front matter\n".encode("cp1252"), (3, 14)),
        (b"---\nkind: goal\ntitle: \xc3\n---\n", (3, 8)),
    ],
    ids=["utf-16", "cp1252-front-matter", "cp1252-ordinary-page", "truncated-utf8"],
)
def test_non_utf8_is_one_encoding_error(data, where):
    doc, problems = read(data, "plan.md")
    assert doc is None
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [("plan.md", *where, "encoding")]
    assert "save it as UTF-8" in problems[0].message


@pytest.mark.parametrize(
    "tagged",
    [
        '!!python/object/apply:os.system ["touch PWNED"]',
        '!!python/object/new:os.system ["touch PWNED"]',
        "!!python/name:os.system",
        '!!python/object/apply:subprocess.call [["touch", "PWNED"]]',
    ],
)
def test_python_tags_never_execute(tmp_path, monkeypatch, tagged):
    monkeypatch.chdir(tmp_path)
    text = goal(summary=tagged)
    write_tree(tmp_path / "docs", {"g.md": text}, dedent=False)
    loaded = load(tmp_path / "docs")
    assert not (tmp_path / "PWNED").exists()
    problem = only(loaded.problems, "yaml-tag")
    assert (problem.path, problem.line, problem.col) == ("docs/g.md", *pos(text, "!!python"))
    assert "tags (tag:yaml.org,2002:python/" in problem.message


def test_python_tags_in_mkdocs_yml_never_execute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"mkdocs.yml": 'site_name: x\ndocs_dir: plans\nhook: !!python/object/apply:os.system ["touch PWNED"]\n'})
    assert site_settings() == (Path("plans"), "EUR")
    assert not Path("PWNED").exists()


@pytest.mark.parametrize(
    "ident",
    ["../../x", "..", "a/b", "x\\\\y", '"x\\n"', "'-x'", "X", "a" * 65, "ｇｏａｌ", "x.md", "'%2e%2e'", '" x"'],
)
def test_path_like_ids_are_invalid(ident):
    text = goal(ident)
    doc, problems = read(text)
    problem = only(problems, "invalid-id")
    assert (problem.line, problem.col) == (3, 5)
    assert "is not a valid id" in problem.message
    assert doc.id is None


def test_path_like_references_are_invalid():
    text = campaign(roadmap="../../etc", goals="[g-users, ../secrets]", depends_on="['/abs']")
    doc, problems = read(text)
    assert sorted((p.line, p.col) for p in problems if p.code == "invalid-id") == sorted(
        [pos(text, "../../etc"), pos(text, "../secrets"), pos(text, "'/abs'")]
    )
    assert doc.roadmap is None and doc.goals == ["g-users"] and doc.depends_on == []


def test_number_too_long_for_python_is_a_message_not_a_crash():
    text = goal(target="1" * 5000)
    doc, problems = read(text)
    problem = only(problems, "wrong-type")
    assert (problem.line, problem.col) == pos(text, "1111")
    assert problem.message.startswith("'target' must be a number")
    assert doc.target is None


def test_symlink_loop_in_the_docs_dir_is_read_once_and_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = write_tree(tmp_path / "docs", {"g.md": goal()}, dedent=False)
    (docs / "loop").symlink_to(docs, target_is_directory=True)
    started = time.perf_counter()
    loaded = load(docs)
    assert time.perf_counter() - started < HANG
    assert [doc.source for doc in loaded.documents] == ["g.md"]
    assert [(p.path, p.code) for p in loaded.problems] == [("docs/loop", "link-loop")]  # MkDocs would end in a traceback
