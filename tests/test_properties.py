"""Whatever the bytes, reading a file answers with a document or None and a list of
well-placed problems: it never raises."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milepost.core import model
from milepost.core.load import read_document
from milepost.core.problems import ERROR, WARNING, Problem

PUNCTUATION = "-:[]{}&*!|>'\"#%@,?"
CHARS = st.text(alphabet=PUNCTUATION + "\n\n  \t\r" + string.ascii_letters + "0123456789." + "\u00a0中\x85\u2028\x07\ufeff", max_size=40)
WORDS = st.sampled_from(["kind: ", "goal", "campaign", "roadmap", "\nid: ", "title", ": ", "\n- ", "\n  ", "---", "2026-Q3", "&a ", "*a", "!!str "])
YAMLISH = st.lists(st.one_of(CHARS, WORDS), max_size=12).map("".join)
"""YAML-looking text: punctuation, line breaks, odd spaces, and the words roadmaps are made of."""

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_answer(answer, text_lines: int) -> None:
    document, problems = answer
    assert document is None or isinstance(document, model.Document)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == "x.md"
        assert problem.severity in (ERROR, WARNING)
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.line <= text_lines + 1, problem  # never past the end of the file
        assert problem.code and problem.message
    if document is not None:
        assert document.kind in model.KINDS and document.path == "x.md"


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data):
    check_answer(read_document(data, "x.md", "x.md"), data.count(b"\n") + data.count(b"\r"))


@FAST
@given(YAMLISH)
def test_yamlish_front_matter_never_raises(text):
    data = b"---\n" + text.encode("utf-8") + b"\n---\n"
    check_answer(read_document(data, "x.md", "x.md"), data.count(b"\n") + data.count(b"\r"))


@FAST
@given(YAMLISH)
def test_yamlish_goal_never_raises_and_errors_point_into_the_front_matter(text):
    head = "---\nkind: goal\nid: g\n"
    data = (head + text + "\n---\nbody\n").encode("utf-8")
    document, problems = read_document(data, "x.md", "x.md")
    check_answer((document, problems), data.count(b"\n") + data.count(b"\r"))
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    front_lines = lines.split(b"\n---\n")[0].count(b"\n") + 1
    for problem in problems:
        assert problem.line <= front_lines + 1, problem
