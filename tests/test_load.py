"""Reading one file: encodings, front matter, YAML 1.2 values, positions, dates."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import campaign, codes, goal, only, pos, read, roadmap
from milepost.core import dates
from milepost.core.load import load
from milepost.core.model import Campaign, Goal, Roadmap
from milepost.core.problems import ERROR, WARNING
from sitekit import write_tree


# --- encodings and line endings ---------------------------------------------------------


def test_clean_goal_reads_with_no_problem():
    doc, problems = read(goal())
    assert problems == []
    assert isinstance(doc, Goal)
    assert (doc.id, doc.title, doc.owner, doc.metric, doc.target) == ("g-users", "Goal g-users", "Growth", "new users", 1000)
    assert doc.deadline == date(2026, 12, 31)
    assert doc.status == "planned" and doc.priority == "core" and doc.baseline == 0
    assert doc.body == "\nSome prose.\n"


def test_utf8_bom_is_allowed_and_does_not_shift_columns():
    text = goal(colour="red")
    doc, problems = read(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert isinstance(doc, Goal) and doc.id == "g-users"
    problem = only(problems, "unknown-key")
    assert (problem.line, problem.col) == pos(text, "colour") == (9, 1)


def test_latin1_bytes_are_an_encoding_error_with_line_and_column():
    text = goal(title="Café de Paris")
    doc, problems = read(text.encode("latin-1"))
    assert doc is None
    assert len(problems) == 1
    problem = problems[0]
    line, col = pos(text, "é")
    assert (problem.path, problem.line, problem.col, problem.severity, problem.code) == ("x.md", line, col, ERROR, "encoding")
    assert (line, col) == (4, 11)
    assert "not UTF-8" in problem.message and "0xE9" in problem.message


def test_latin1_column_counts_characters_not_bytes():
    text = "---\nkind: goal\ntitle: 中文 é\n---\n"
    data = text.replace("é", "\udce9").encode("utf-8", "surrogateescape")  # a lone Latin-1 byte after CJK
    _, problems = read(data)
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 11, "encoding")]


def test_crlf_line_endings_read_like_lf():
    text = goal(colour="red")
    doc, problems = read(text.replace("\n", "\r\n"))
    assert isinstance(doc, Goal)
    assert doc.title == "Goal g-users" and doc.deadline == date(2026, 12, 31)
    assert [(p.line, p.col, p.code) for p in problems] == [(9, 1, "unknown-key")]


def test_old_mac_cr_line_endings_read_too():
    doc, problems = read(goal().replace("\n", "\r"))
    assert problems == [] and doc.id == "g-users"


# --- which files are read, and which would be missing from the site ---------------------


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "roadmaps"

    def write(name: str, text: str):
        write_tree(root, {name: text}, dedent=False)

    return root, write


def test_markdown_extensions_in_any_case_are_read(docs):
    root, write = docs
    write("a.md", goal("g-a"))
    write("B.MD", goal("g-b"))
    write("c.markdown", goal("g-c"))
    write("d.Markdown", goal("g-d"))
    write("notes.txt", goal("g-txt"))
    write("e.mdx", goal("g-mdx"))
    loaded = load(root)
    assert sorted(doc.id for doc in loaded.documents) == ["g-a", "g-b", "g-c", "g-d"]
    assert loaded.files == 4
    assert {doc.id: doc.source for doc in loaded.documents}["g-b"] == "B.MD"


def test_upper_case_extension_dot_file_and_dot_folder_warn_unpublished(docs):
    root, write = docs
    write("plan.md", goal("g-ok"))
    write("Plan.MD", goal("g-upper"))
    write(".hidden.md", goal("g-dotfile"))
    write(".drafts/next.md", goal("g-dotdir"))
    write("Page.MD", "---\ntitle: just a page\n---\n")  # not a roadmap document: no warning
    loaded = load(root)
    assert {doc.id: doc.published for doc in loaded.documents} == {"g-ok": True, "g-upper": False, "g-dotfile": False, "g-dotdir": False}
    warnings = sorted((p.path, p.line, p.col, p.severity, p.code) for p in loaded.problems)
    assert warnings == [
        ("roadmaps/.drafts/next.md", 2, 1, WARNING, "unpublished"),
        ("roadmaps/.hidden.md", 2, 1, WARNING, "unpublished"),
        ("roadmaps/Plan.MD", 2, 1, WARNING, "unpublished"),
    ]
    messages = {p.path: p.message for p in loaded.problems}
    assert "would be missing from the site" in messages["roadmaps/Plan.MD"]
    assert "rename it to 'Plan.md'" in messages["roadmaps/Plan.MD"]
    assert "dot-files" in messages["roadmaps/.hidden.md"]
    assert "dot-folders" in messages["roadmaps/.drafts/next.md"]


def test_unreadable_file_is_reported_not_raised(docs):
    root, write = docs
    write("a.md", goal())
    (root / "broken.md").symlink_to(root / "nowhere.md")
    loaded = load(root)
    assert [(p.path, p.code) for p in loaded.problems] == [("roadmaps/broken.md", "unreadable")]
    assert [doc.id for doc in loaded.documents] == ["g-users"]


# --- the front matter block -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["# Title\n\nkind: goal\n", "---\ntitle: About us\nid: about\n---\nHello\n"], ids=["without-front-matter", "kindless"],
)
def test_an_ordinary_page_is_quiet(text):
    assert read(text) == (None, [])


def test_unclosed_front_matter_is_an_error():
    doc, problems = read("---\nkind: goal\nid: g-users\n\n# Heading\n")
    assert doc is None
    problem = only(problems, "unclosed-front-matter")
    assert (problem.line, problem.col, problem.severity) == (1, 1, ERROR)
    assert "never closed" in problem.message


def test_front_matter_closed_by_dots_is_accepted():
    doc, problems = read(goal().replace("\n---\n", "\n...\n", 1))
    assert problems == [] and doc.id == "g-users"


@pytest.mark.parametrize(
    "yaml_text, where",
    [("- a\n- b", (2, 1)), ("just a sentence", (2, 1)), ("[kind, goal]", (2, 1))],
)
def test_front_matter_that_is_not_a_mapping_is_an_error(yaml_text, where):
    doc, problems = read(f"---\n{yaml_text}\n---\nbody\n")
    assert doc is None
    problem = only(problems, "front-matter-not-mapping")
    assert (problem.line, problem.col) == where
    assert "must be a mapping" in problem.message


def test_unknown_kind_suggests_the_closest():
    doc, problems = read(goal().replace("kind: goal", "kind: campaing"))
    assert doc is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.col, problem.severity, problem.code) == (2, 7, ERROR, "unknown-kind")
    assert "'campaing' is not one of goal, roadmap, campaign" in problem.message
    assert "did you mean 'campaign'?" in problem.message


def test_empty_kind_is_an_unknown_kind():
    _, problems = read("---\nkind:\nid: x\n---\n")
    assert [(p.line, p.code) for p in problems] == [(2, "unknown-kind")]
    assert "kind empty" in problems[0].message


def test_kindless_lookalike_warns_missing_kind_with_a_guess():
    text = "---\nid: spring-sale\nroadmap: rm-2026\nstart: 2026-03\nend: 2026-04\n---\n"
    doc, problems = read(text)
    assert doc is None
    problem = only(problems, "missing-kind")
    assert (problem.line, problem.col, problem.severity) == (2, 1, WARNING)
    assert "add 'kind: campaign'" in problem.message


# --- YAML 1.2 values --------------------------------------------------------------------


def test_norway_words_are_strings():
    doc, problems = read(goal(owner="no", title="on", summary="yes", tags="[off, NO, y]"))
    assert problems == []
    assert (doc.owner, doc.title, doc.summary, doc.tags) == ("no", "on", "yes", ["off", "NO", "y"])


def test_done_yes_is_not_a_boolean():
    text = roadmap(milestones="\n  - title: Launch\n    date: 2026-07-01\n    done: yes")
    doc, problems = read(text)
    problem = only(problems, "wrong-type")
    assert (problem.line, problem.col) == pos(text, "yes") == (13, 11)
    assert "'done' must be true or false, not 'yes'" in problem.message
    assert [m.done for m in doc.milestones] == [False]  # 'yes' is never read as true


def test_done_true_is_a_boolean():
    doc, problems = read(roadmap(milestones="\n  - title: Launch\n    date: 2026-07-01\n    done: true"))
    assert problems == []
    assert [(m.title, m.date, m.done) for m in doc.milestones] == [("Launch", date(2026, 7, 1), True)]


def test_numbers_where_text_is_expected_stay_as_written():
    doc, problems = read(goal(title="1.10", owner="010", summary="12:30", unit="0x1F", tags="[1.0, 007]"))
    assert problems == []
    assert (doc.title, doc.owner, doc.summary, doc.unit, doc.tags) == ("1.10", "010", "12:30", "0x1F", ["1.0", "007"])


def test_octal_looking_id_stays_text():
    doc, problems = read(goal("010"))
    assert problems == [] and doc.id == "010"


def test_numbers_where_numbers_are_expected():
    doc, problems = read(goal(target="1.5e3", baseline="-20", current="0o17"))
    assert problems == []
    assert (doc.target, doc.baseline, doc.current) == (1500.0, -20, 15)


def test_quoted_number_is_not_a_number_and_says_remove_the_quotes():
    text = goal(target='"1000"')
    _, problems = read(text)
    problem = only(problems, "wrong-type")
    assert (problem.line, problem.col) == pos(text, '"1000"')
    assert "'target' must be a number" in problem.message and "remove the quotes" in problem.message


def test_duplicate_key_points_at_the_second():
    text = goal().replace("owner: Growth\n", "owner: Growth\nowner: Sales\n")
    doc, problems = read(text)
    problem = only(problems, "duplicate-key")
    assert (problem.line, problem.col, problem.severity) == (6, 1, ERROR) == (*pos(text, "owner", 2), ERROR)
    assert "duplicate key 'owner' (first at line 5)" in problem.message


def test_duplicate_key_in_a_nested_mapping():
    text = campaign(kpis="\n  - metric: leads\n    target: 10\n    target: 20")
    _, problems = read(text)
    problem = only(problems, "duplicate-key")
    assert (problem.line, problem.col) == pos(text, "target", 2) == (13, 5)


def test_anchor_alias_and_tag_are_refused_where_written():
    text = goal(extra="&base {a: 1}", summary="*base", unit="!!python/object:os.system x")
    _, problems = read(text)
    anchor, alias, tag = only(problems, "yaml-anchor"), only(problems, "yaml-alias"), only(problems, "yaml-tag")
    assert (anchor.line, anchor.col) == pos(text, "&base") == (9, 8)
    assert (alias.line, alias.col) == pos(text, "*base") == (10, 10)
    assert (tag.line, tag.col) == pos(text, "!!python") == (11, 7)
    assert "anchors (&base) are not allowed" in anchor.message
    assert "aliases (*base) are not allowed" in alias.message
    assert "python/object:os.system" in tag.message
    assert {anchor.severity, alias.severity, tag.severity} == {ERROR}


def test_include_tag_is_refused():
    _, problems = read(goal(summary="!include other.md"))
    assert "yaml-tag" in codes(problems) and "!include" in only(problems, "yaml-tag").message


def test_nbsp_indentation_is_reported_and_read_as_space():
    text = goal(extra="\n\u00a0 channel: social\n  region: EU")
    assert "\u00a0".encode() == b"\xc2\xa0" and b"\xc2\xa0 channel" in text.encode("utf-8")
    doc, problems = read(text)
    problem = only(problems, "bad-indent")
    assert (problem.line, problem.col, problem.severity) == (10, 1, ERROR)
    assert "NO-BREAK SPACE (U+00A0)" in problem.message
    assert doc.extra == {"channel": "social", "region": "EU"}


def test_control_character_column_counts_cjk_as_one():
    text = goal(title="中文标题\x07 launch")
    doc, problems = read(text)
    assert doc is None
    problem = only(problems, "yaml-syntax")
    assert (problem.line, problem.col) == pos(text, "\x07") == (4, 12)
    assert "U+0007" in problem.message


def test_malformed_yaml_has_a_position():
    text = goal(tags="[a, b")
    _, problems = read(text)
    problem = only(problems, "yaml-syntax")
    assert problem.message.startswith("the '[' opened here is never closed: add ']' at the end of the list (YAML: did not find expected ',' or ']'")
    assert (problem.line, problem.col) == pos(text, "[a, b") == (9, 7)  # the list left open


# --- dates ------------------------------------------------------------------------------


def test_impossible_day_is_a_clear_invalid_date():
    text = goal(deadline="2026-02-30")
    doc, problems = read(text)
    problem = only(problems, "invalid-date")
    assert (problem.line, problem.col, problem.severity) == (*pos(text, "2026-02-30"), ERROR)
    assert problem.message == "'2026-02-30' is not a date: February 2026 has 28 days"
    assert doc.deadline is None


@pytest.mark.parametrize("written", ["next week", "07/01/2026", "2026-13", "2026-Q5", "2026-7-1", "'2026-00'"])
def test_other_non_dates_are_invalid(written):
    _, problems = read(goal(deadline=written))
    assert codes(problems) == ["invalid-date"]
    assert "is not a date" in problems[0].message


def test_dates_in_three_forms_resolve_by_role():
    doc, problems = read(roadmap(start="2026-Q3", end="'2028-02'"))
    assert problems == []
    assert isinstance(doc, Roadmap)
    assert (doc.start, doc.end) == (date(2026, 7, 1), date(2028, 2, 29))
    doc, _ = read(roadmap(start="2026-07-15", end='"2026-Q3"'))
    assert (doc.start, doc.end) == (date(2026, 7, 15), date(2026, 9, 30))
    doc, _ = read(campaign(start="2026-Q4", end="2026-Q4"))
    assert isinstance(doc, Campaign) and (doc.start, doc.end) == (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
    ],
)
def test_dates_parse(text, first, last):
    period = dates.parse(text)
    assert (period.first, period.last, period.is_day) == (first, last, first == last)


def test_milestone_date_must_be_a_day():
    text = roadmap(milestones="\n  - title: Launch\n    date: 2026-07")
    doc, problems = read(text)
    problem = only(problems, "invalid-date")
    assert (problem.line, problem.col) == pos(text, "2026-07\n") == (12, 11)
    assert "'date' must be a day such as 2026-07-01, not '2026-07'" in problem.message
    assert doc.milestones == []


def test_activity_dates_take_any_form():
    doc, problems = read(campaign(activities="\n  - title: Brief\n    start: 2026-03\n    end: 2026-Q2"))
    assert problems == []
    assert [(a.start, a.end) for a in doc.activities] == [(date(2026, 3, 1), date(2026, 6, 30))]
