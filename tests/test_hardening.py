"""What passes validation must never crash the build or corrupt an export.

Each class of careless or hostile input is refused by validation with its
position, or read so that every later step is safe; the builds here are real
builds in tmp folders, read as a user (or a JSON parser) would read them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from conftest import campaign, clean_site, goal, only, pos, read, roadmap
from milepost.core.dates import FIRST_YEAR, LAST_YEAR, parse
from milepost.core.model import Goal


# 1. Non-finite numbers


@pytest.mark.parametrize(
    "written, what",
    [(".nan", "YAML's not-a-number"), (".NaN", "YAML's not-a-number"), (".inf", "YAML's infinity"), ("-.Inf", "YAML's infinity"), ("1e400", "too large for a number"), ("-2e308", "too large for a number")],
)
def test_non_finite_numbers_in_extra_are_refused_where_they_are(written, what):
    text = goal(extra=f"{{reach: 1, nested: [2, {{score: {written}}}]}}")
    doc, problems = read(text)
    problem = only(problems, "not-finite")
    assert (problem.line, problem.col) == pos(text, written)
    assert f"holds {written} ({what}), which JSON cannot hold: quote it" in problem.message
    assert doc.extra == {}  # not carried to the export


def test_quoted_non_finite_in_extra_is_text_and_kept():
    doc, problems = read(goal(extra="{score: '.nan', big: '1e400'}"))
    assert problems == [] and doc.extra == {"score": ".nan", "big": "1e400"}


@pytest.mark.parametrize("field, written", [("target", ".nan"), ("current", ".inf"), ("baseline", "-.INF"), ("target", "1e309")])
def test_non_finite_numbers_say_so_without_calling_themselves_numbers(field, written):
    text = goal(**{field: written})
    _, problems = read(text)
    problem = only(problems, "not-finite")
    assert (problem.line, problem.col) == pos(text, written)
    assert problem.message.startswith(f"'{field}' must be a finite number, not {written} (")
    assert "(a number)" not in problem.message


def test_budget_nan_message_does_not_contradict_itself():
    _, problems = read(campaign(budget=".nan"))
    assert only(problems, "not-finite").message == "'budget' must be a finite number, not .nan (YAML's not-a-number): JSON cannot hold it"


def test_progress_of_huge_finite_values_is_unknown_not_nan():
    goal_ = Goal(kind="goal", id="g", title="t", owner="o", metric="m", target=1.7e308, baseline=-1.7e308, current=1.7e308)
    assert goal_.progress is None


# 4. Required text that is blank


@pytest.mark.parametrize("field", ["title", "owner", "metric"])
@pytest.mark.parametrize("written", ['""', '"   "', "'\u3000'", '"\\t"'])
def test_blank_required_text_is_missing(field, written):
    text = goal(**{field: written})
    doc, problems = read(text)
    problem = only(problems, "missing-field")
    assert (problem.line, problem.col) == pos(text, written)
    assert problem.message == f"'{field}' is required but blank"


@pytest.mark.parametrize("kpis", ['\n  - metric: "  "\n    target: 5', "\n  - {metric: '', target: 5}"])
def test_blank_required_text_in_a_nested_item_is_missing(kpis):
    doc, problems = read(campaign(kpis=kpis))
    assert only(problems, "missing-field").message == "'metric' is required but blank"
    assert doc.kpis == []


@pytest.mark.parametrize("field", ["channels", "teams", "tags"])
def test_blank_items_of_a_list_of_text_are_refused(field):
    text = campaign(**{field: '[social, "  ", ""]'})
    doc, problems = read(text)
    blank = [p for p in problems if p.code == "blank-text"]
    assert [(p.line, p.col) for p in blank] == [pos(text, '"  "'), pos(text, '""')]
    assert blank[0].message == f"item 2 of '{field}' is blank: remove it or write it"
    assert getattr(doc, field) == ["social"]


def test_blank_owner_gets_no_owner_page(check_site):
    checked = check_site({**clean_site(), "campaigns/launch.md": campaign(owner='" "')})
    assert "'owner' is required but blank" in [p.message for p in checked.errors]


def test_optional_blank_text_is_still_fine():
    doc, problems = read(goal(summary='""', unit='" "'))
    assert problems == [] and doc.unit == " "


# 6. ASCII digits only


@pytest.mark.parametrize(
    "written",
    ["\u0662\u0660\u0662\u0667-\u0660\u0663-\u0660\u0661", "\u0968\u0966\u0968\u096d-03", "２０２７-Q1", "2027-\u0660\u0663"],
    ids=["arabic-indic-day", "devanagari-month", "fullwidth-quarter", "mixed"],
)
def test_dates_with_other_digits_are_not_dates(written):
    text = campaign(start=written)
    _, problems = read(text)
    problem = only(problems, "invalid-date")
    assert (problem.line, problem.col) == pos(text, written)
    assert "is not a date" in problem.message


@pytest.mark.parametrize("written", ["\u0661\u0662", '"\u0661\u0662"', "0x\u0661\u0662", "\uff11\uff12"])
def test_numbers_with_other_digits_are_not_numbers_and_get_no_quote_hint(written):
    _, problems = read(goal(target=written))
    problem = only(problems, "wrong-type")
    assert problem.message.startswith("'target' must be a number, not '")
    assert "remove the quotes" not in problem.message and "separators" not in problem.message


@pytest.mark.parametrize("written", ["g-\u0661", "\u0661\u0662", "g\uff11"])
def test_ids_with_other_digits_are_invalid(written):
    _, problems = read(goal(written))
    assert only(problems, "invalid-id")


# 2. The range of a roadmap date


@pytest.mark.parametrize("written", ["1026-01-01", "1899-12-31", "2200-01-01", "9999-12-31", "0001-01", "3026-Q2"])
def test_dates_outside_the_plausible_years_are_refused_with_position(written):
    text = campaign(end=written)
    _, problems = read(text)
    problem = only(problems, "invalid-date")
    assert (problem.line, problem.col) == pos(text, written)
    assert f"outside the years a roadmap date may fall in ({FIRST_YEAR} to {LAST_YEAR})" in problem.message


def test_the_edges_of_the_range_are_dates():
    assert parse("1900-01-01").first.isoformat() == "1900-01-01"
    assert parse("2199-Q4").last.isoformat() == "2199-12-31"


def test_a_milestone_in_year_9999_is_refused():
    text = roadmap(milestones="\n  - {title: Someday, date: 9999-12-31}")
    _, problems = read(text)
    assert (only(problems, "invalid-date").line, only(problems, "invalid-date").col) == pos(text, "9999-12-31")


# 9. Messages


@pytest.mark.parametrize(
    "field, written, message",
    [
        ("kpis", "CTR", "'kpis' must be a list such as [{metric: CTR, target: 2.5, unit: '%'}], not 'CTR'"),
        ("channels", "social", "'channels' must be a list such as [social], not 'social'"),
    ],
    ids=["a-kpi-written-as-text-is-shown-a-kpi", "a-list-of-text-written-as-one-value-is-shown-that-value-in-a-list"],
)
def test_one_value_written_for_a_list_is_shown_a_list(field, written, message):
    _, problems = read(campaign(**{field: written}))
    assert only(problems, "wrong-type").message == message


@pytest.mark.parametrize("written", ["true", "false"])
def test_a_boolean_id_is_refused_with_a_hint_to_quote(written):
    _, problems = read(goal(written))
    assert only(problems, "invalid-id").message == f"'id' must be an id, not {written} (a boolean): quote it if you mean the id '{written}'"


def test_roadmap_json_of_a_valid_site_is_strict_json(tmp_path):
    """JavaScript's JSON.parse refuses NaN and Infinity; Python's json reads them unless told not to."""
    from sitekit import build, make_site

    docs = {**clean_site(), "goals/users.md": goal(extra="{score: 1.5, note: '.nan'}", current="0x10")}
    result = build(make_site(tmp_path, docs))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "site" / "roadmap.json").read_text(encoding="utf-8")
    data = json.loads(text, parse_constant=lambda name: pytest.fail(f"roadmap.json holds {name}"))
    [users] = data["goals"]
    assert users["extra"] == {"score": 1.5, "note": ".nan"} and users["current"] == 16
    assert all(math.isfinite(v) for v in (users["target"], users["current"], users["progress"]))


# 5. The docs dir walked before MkDocs walks it


def walk_site(tmp_path, links: dict[str, str]):
    from sitekit import build, make_site

    root = make_site(tmp_path, clean_site())
    for name, target in links.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).symlink_to(target)
    return root, build(root)


@pytest.mark.parametrize(
    "links, expected",
    [
        ({"campaigns/again": ".."}, ["docs/campaigns/again:1:1: error: this symbolic link leads back to a folder it is in (docs): MkDocs would walk it forever [link-loop]"]),
        ({"self": "self"}, ["docs/self:1:1: error: this symbolic link leads back to itself [link-loop]"]),
        ({"a": "b", "b": "a"}, ["docs/a:1:1: error: this symbolic link leads back to itself [link-loop]", "docs/b:1:1: error: this symbolic link leads back to itself [link-loop]"]),
        ({"gone.md": "nowhere.md"}, ["docs/gone.md:1:1: error: this symbolic link leads nowhere (nowhere.md) [unreadable]"]),
        ({"deep/er/top": "../.."}, ["docs/deep/er/top:1:1: error: this symbolic link leads back to a folder it is in (docs): MkDocs would walk it forever [link-loop]"]),
    ],
    ids=["loop-to-parent", "self", "pair", "broken", "loop-two-up"],
)
def test_link_loops_and_broken_links_stop_the_build_with_a_message(tmp_path, links, expected):
    _, result = walk_site(tmp_path, links)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("docs/")] == expected


def test_a_link_outside_the_docs_dir_is_refused_before_anything_is_published(tmp_path):
    from sitekit import write_tree

    secret = write_tree(tmp_path / "private", {"salaries.md": "# Salaries\n"})
    root, result = walk_site(tmp_path, {"shared": str(secret), "one.md": str(secret / "salaries.md")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if "[link-outside]" in line]
    assert [line.split(":")[0] for line in problems] == ["docs/one.md", "docs/shared"]
    assert f"leads outside the docs dir, to {secret}" in problems[1]
    assert not (root / "site").exists()


def test_a_pipe_in_the_docs_dir_is_a_problem_not_a_hang(tmp_path):
    import os

    from milepost.core.load import load
    from sitekit import write_tree

    docs = write_tree(tmp_path / "docs", {"g.md": goal()}, dedent=False)
    os.mkfifo(docs / "queue")
    loaded = load(docs)
    assert [(p.code, p.message) for p in loaded.problems] == [("unreadable", "this is not a regular file (a pipe, socket or device): MkDocs cannot publish it")]


def test_a_link_to_a_folder_inside_the_docs_dir_is_fine(tmp_path):
    root, result = walk_site(tmp_path, {"alias": "campaigns"})
    assert result.returncode == 0, result.stderr


# 3. Two documents, one URL


@pytest.mark.parametrize(
    "first, second, url",
    [
        ("plan.md", "plan/index.md", "plan/"),
        ("q1/plan.md", "q1/plan/README.md", "q1/plan/"),
        ("q1/index.md", "q1/README.md", "q1/"),
        ("plan.md", "plan.markdown", "plan/"),
    ],
)
def test_two_documents_on_one_url_are_an_error_naming_both(check_site, first, second, url):
    files = clean_site()
    files[first] = files.pop("plan.md")
    files[second] = goal("g-other", parent="g-users")
    checked = check_site(files)
    found = sorted((p.path, p.message) for p in checked.errors if p.code == "same-url")
    assert found == sorted([
        (f"roadmaps/{first}", f"this page and roadmaps/{second} would both be published at '{url}', and one would replace the other: rename or move one"),
        (f"roadmaps/{second}", f"this page and roadmaps/{first} would both be published at '{url}', and one would replace the other: rename or move one"),
    ])


def test_a_document_meeting_an_ordinary_page_is_named_once(check_site):
    checked = check_site({**clean_site(), "plan/index.md": "# Notes on the plan\n"})
    [problem] = [p for p in checked.problems if p.code == "same-url"]
    assert (problem.path, problem.line, problem.col) == ("roadmaps/plan.md", 2, 1)
    assert "roadmaps/plan/index.md would both be published at 'plan/'" in problem.message


def test_without_directory_urls_a_file_and_a_folder_index_do_not_meet(tmp_path, monkeypatch):
    from milepost.core.validate import check

    monkeypatch.chdir(tmp_path)
    from sitekit import write_tree

    write_tree(tmp_path / "docs", {**clean_site(), "plan/index.md": "# Notes\n", "plan.markdown": "# Other\n"})
    codes = lambda directory_urls: [p.path for p in check("docs", directory_urls=directory_urls).problems if p.code == "same-url"]
    assert codes(True) == ["docs/plan.md"]
    assert codes(False) == ["docs/plan.md"]  # plan.html is still shared with plan.markdown
    (tmp_path / "docs" / "plan.markdown").unlink()
    assert codes(False) == []


def test_a_page_of_yours_where_a_generated_page_goes_wins(tmp_path):
    from sitekit import built, page

    root, result = built(tmp_path, {**clean_site(), "timeline.md": "# Our own timeline\n\nDrawn by hand.\n"})
    assert result.returncode == 0, result.stderr
    assert "Drawn by hand." in page(root, "timeline/").get_text()


# 9. A comment that cuts a value short; an empty front matter among roadmap documents


@pytest.mark.parametrize(
    "field, written, kept, rest",
    [("title", "Launch #2", "Launch", "#2"), ("summary", "Summer #sale campaign", "Summer", "#sale campaign"), ("owner", "Team\t#growth", "Team", "#growth")],
)
def test_a_comment_cutting_text_short_is_a_warning_with_the_hint_to_quote(field, written, kept, rest):
    text = goal(**{field: written})
    doc, problems = read(text)
    problem = only(problems, "yaml-comment")
    assert (problem.severity, problem.line, problem.col) == ("warning", *pos(text, "#"))
    assert problem.message == f"'{field}' is read as '{kept}': YAML takes '{rest}' for a comment; quote the value to keep it: \"{kept} {rest}\""
    assert getattr(doc, field) == kept


@pytest.mark.parametrize("written", ["Launch # the second one", '"Launch #2"', "C#", "Launch#2", "1000 #2"])
def test_comments_written_as_comments_and_quoted_hashes_are_left_alone(written):
    _, problems = read(goal(title=written))
    assert [p for p in problems if p.code == "yaml-comment"] == []


def test_a_number_followed_by_a_comment_is_left_alone():
    _, problems = read(goal(target="1000 #users"))
    assert problems == []


@pytest.mark.parametrize("empty", ["---\n---\n# Notes\n", "---\n\n---\nText\n", "---\n   \n...\n"])
def test_an_empty_front_matter_beside_roadmap_documents_is_a_warning(check_site, empty):
    checked = check_site({**clean_site(), "campaigns/notes.md": empty, "about/empty.md": empty})
    found = [(p.path, p.line, p.severity) for p in checked.problems if p.code == "empty-front-matter"]
    assert found == [("roadmaps/campaigns/notes.md", 1, "warning")]  # about/ holds no roadmap document


# 2. Every date computation is safe inside the range, and a long span is capped


def edge_site(tmp_path, name: str, plan: dict, **launch) -> Path:
    from sitekit import built

    docs = clean_site()
    docs["plan.md"] = roadmap(**plan)
    docs["campaigns/launch.md"] = campaign(**launch)
    root, result = built(tmp_path / name, docs)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return root / "site"


def test_a_site_at_both_ends_of_the_range_builds_and_exports(tmp_path):
    import icalendar

    plan = {"start": "1900-01", "end": "2199-12", "milestones": "\n  - {title: The end, date: 2199-12-31}"}
    site = edge_site(tmp_path, "edge", plan, start="1900-01-01", end="2199-12-31", milestones="\n  - {title: Last day, date: 2199-12-31}")
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    spans = sorted((str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat()) for e in calendar.walk("VEVENT"))
    assert ("Campaign c-launch", "1900-01-01", "2200-01-01") in spans  # DTEND is exclusive: the day after 2199-12-31
    note = page_text(site, "timeline/index.html", "mp-timeline__long")
    assert note == "This timeline spans 300 years (1900–2199), so it marks only years. A date with a mistyped year stretches it: check the earliest and the latest dates."
    assert "this owner also has campaigns outside them" in page_text(site, "owners/ana/index.html", "mp-load__window")


def page_text(site: Path, name: str, css_class: str) -> str:
    from bs4 import BeautifulSoup

    found = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser").select_one(f".{css_class}")
    return found.get_text(" ", strip=True) if found else ""


@pytest.mark.parametrize("typo", ["1926-03-01", "1900-03-01"])
def test_a_mistyped_year_does_not_grow_pages_manyfold(tmp_path, typo):
    """1026 for 2026 grew timeline/ twelvefold and an owner page to 6.9 MB; within the range, 1926 still would."""
    sizes = {}
    for name, start in (("right", "2026-03-01"), ("typo", typo)):
        site = edge_site(tmp_path, name, {"start": "2026-01", "end": "2026-12"}, start=start, end="2026-04-30")
        sizes[name] = {page: (site / page).stat().st_size for page in ("timeline/index.html", "owners/ana/index.html", "plan/index.html")}
    for page, size in sizes["typo"].items():
        assert size < 2 * sizes["right"][page], (page, sizes)  # a century of year ticks, not of quarters and weeks
    assert page_text(site, "timeline/index.html", "mp-timeline__long").startswith(f"This timeline spans {2027 - int(typo[:4])} years")


# Raw HTML and unsafe links in bodies, on a site that refuses them


RAW_BODY = """\
Intro <script>alert(1)</script> and [site](https://example.com), [plan](../plan/), [mail](mailto:a@example.com).

`<b>inline code</b>` stays text.

```html
<div>a fenced example</div>
```

[click](javascript:alert(1)) <img src=x onerror=alert(1)>
[ref]: JaVa&#x53;cript:alert(1)
[d](data:text/html,hi) and 3 < 4.
"""


def test_raw_html_and_unsafe_links_are_errors_when_the_site_refuses_them(tmp_path):
    from sitekit import built

    docs = {**clean_site(), "campaigns/launch.md": campaign(body=RAW_BODY), "about.md": "# About\n\n<iframe src=https://example.com></iframe>\n"}
    root, result = built(tmp_path, docs, extra="      raw_html: false\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    text = campaign(body=RAW_BODY)
    found = [line.split(" error: ")[0] + " " + line.rsplit(" ", 1)[1] for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert found == [
        "docs/about.md:3:1: [raw-html]",
        "docs/campaigns/launch.md:%d:%d: [raw-html]" % pos(text, "<script>"),
        "docs/campaigns/launch.md:%d:%d: [unsafe-link]" % pos(text, "javascript:"),
        "docs/campaigns/launch.md:%d:%d: [raw-html]" % pos(text, "<img"),
        "docs/campaigns/launch.md:%d:%d: [unsafe-link]" % pos(text, "JaVa"),
        "docs/campaigns/launch.md:%d:%d: [unsafe-link]" % pos(text, "data:"),
    ]
    assert "a link to 'javascript:' in the body: this site allows only http, https, mailto, tel and relative links" in result.stderr


def test_milepost_validate_honours_raw_html_false(tmp_path):
    import subprocess
    import sys

    from sitekit import make_site

    root = make_site(tmp_path, {**clean_site(), "campaigns/launch.md": campaign(body="Hi <b onclick=x>there</b>\n")}, extra="      raw_html: false\n")
    result = subprocess.run([sys.executable, "-m", "milepost", "validate"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1
    assert "raw HTML <b> in the body: this site refuses raw HTML (raw_html: false); write it in Markdown [raw-html]" in result.stdout


def test_by_default_bodies_are_trusted_and_published_as_written(tmp_path):
    from sitekit import build, make_site, page

    root = make_site(tmp_path, {**clean_site(), "campaigns/launch.md": campaign(body="Hi <mark class=x>there</mark>\n")})
    assert build(root).returncode == 0
    assert page(root, "campaigns/launch/").select_one("mark.x").get_text() == "there"


@pytest.mark.parametrize(
    "today, env, said",
    [
        ("9999-12-31", {}, "9999-12-31 is outside the years a roadmap date may fall in (1900 to 2199)"),
        ("1026-02-15", {}, "1026-02-15 is outside the years a roadmap date may fall in (1900 to 2199)"),
        ("", {"SOURCE_DATE_EPOCH": "253402300799"}, "9999-12-31 is outside the years"),
        ("", {"SOURCE_DATE_EPOCH": "\u0661\u0662"}, "SOURCE_DATE_EPOCH is '\u0661\u0662', not whole seconds since 1970-01-01 in ASCII digits"),
    ],
)
def test_the_day_to_build_for_is_within_the_range_too(tmp_path, today, env, said):
    from sitekit import build, make_site

    root = make_site(tmp_path, clean_site(), today=today or "null")
    result = build(root, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "milepost: the day to build for (option 'today', else SOURCE_DATE_EPOCH): " + said in result.stderr


@pytest.mark.parametrize("where", ["current", "extra"])
def test_an_integer_too_large_for_a_float_is_refused_not_a_crash(where):
    """progress = (current - baseline) / (target - baseline) raised OverflowError on a 400-digit current."""
    digits = "9" * 400
    text = goal(current=digits) if where == "current" else goal(extra=f"{{big: {digits}}}")
    _, problems = read(text)
    problem = only(problems, "not-finite")
    assert (problem.line, problem.col) == pos(text, digits)
    assert "(too large for a number)" in problem.message


def test_a_quoted_huge_number_gets_its_hint_without_a_crash():
    _, problems = read(goal(target='"' + "9" * 400 + '"'))
    assert only(problems, "wrong-type").message.startswith("'target' must be a number, not '999")
