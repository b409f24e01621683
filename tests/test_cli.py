"""The `milepost` command, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import campaign, clean_site, goal, pos, roadmap
from sitekit import write_tree

SCRIPT = Path(sys.executable).parent / "milepost"
LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning): (?P<message>.+) \[(?P<code>[a-z0-9-]+)\]$")
SUMMARY = re.compile(r"^(\d+) documents?, (\d+) errors?, (\d+) warnings?$")


def milepost(*args: str, cwd: Path, script: bool = False) -> subprocess.CompletedProcess:
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "milepost"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60)


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


@pytest.fixture
def project(tmp_path):
    """An empty project folder; the roadmaps go in `roadmaps/` unless a test says otherwise."""
    return tmp_path


# --- exit codes and text output ---------------------------------------------------------


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_clean_site_exits_0_with_a_summary(project, script):
    write_tree(project / "roadmaps", {**clean_site(), "about.md": "# About\n"})
    result = milepost("validate", cwd=project, script=script)
    no_traceback(result)
    assert result.returncode == 0
    assert result.stdout == "3 documents, 0 errors, 0 warnings\n"


def test_one_document_is_singular(project):
    write_tree(project / "roadmaps", {"g.md": goal()})
    result = milepost("validate", cwd=project)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "roadmaps/g.md:3:5: warning: no campaign or roadmap contributes to goal 'g-users': name it in their 'goals' [orphan-goal]",
        "1 document, 0 errors, 1 warning",
    ]


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_errors_exit_1_with_one_line_each(project, script):
    plan = roadmap(start="next week", budget="100000")
    write_tree(project / "roadmaps", {**clean_site(), "plan.md": plan, "goals/brand.md": goal("g-brand", ownr="x")})
    result = milepost("validate", "roadmaps", cwd=project, script=script)
    no_traceback(result)
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    assert summary == "4 documents, 2 errors, 1 warning"
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["path"], int(m["line"]), int(m["col"]), m["severity"], m["code"]) for m in parsed] == [
        ("roadmaps/goals/brand.md", 3, 5, "warning", "orphan-goal"),
        ("roadmaps/goals/brand.md", 9, 1, "error", "unknown-key"),
        ("roadmaps/plan.md", *pos(plan, "next week"), "error", "invalid-date"),
    ]
    assert lines[1] == "roadmaps/goals/brand.md:9:1: error: unknown key 'ownr' in a goal (did you mean 'owner'?) [unknown-key]"


def test_warnings_exit_0_but_1_with_strict(project):
    write_tree(project / "roadmaps", {**clean_site(), "campaigns/launch.md": campaign(risks="\n  - risk: rain")})
    loose = milepost("validate", cwd=project)
    strict = milepost("validate", "--strict", cwd=project)
    assert (loose.returncode, strict.returncode) == (0, 1)
    assert loose.stdout == strict.stdout
    assert loose.stdout.splitlines()[-1] == "3 documents, 0 errors, 1 warning"
    assert "warning: risk 'rain' has no contingency" in loose.stdout


def test_strict_with_a_clean_site_exits_0(project):
    write_tree(project / "roadmaps", clean_site())
    assert milepost("validate", "--strict", cwd=project).returncode == 0


def test_empty_folder_is_clean(project):
    (project / "roadmaps").mkdir()
    result = milepost("validate", cwd=project)
    assert (result.returncode, result.stdout) == (0, "0 documents, 0 errors, 0 warnings\n")


# --- bad usage --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, complaint",
    [
        (["validate", "--stirct"], "unrecognized arguments: --stirct"),
        (["validate", "--format", "xml"], "invalid choice: 'xml'"),
        (["validate", "nowhere"], "no such folder: nowhere"),
        (["valdate"], "invalid choice: 'valdate'"),
        ([], "required"),
    ],
)
def test_bad_usage_exits_2(project, args, complaint):
    (project / "roadmaps").mkdir()
    result = milepost(*args, cwd=project)
    no_traceback(result)
    assert result.returncode == 2
    assert result.stdout == ""
    assert complaint in result.stderr


def test_missing_default_folder_exits_2(project):
    result = milepost("validate", cwd=project)
    assert result.returncode == 2
    assert "milepost: error: no such folder: roadmaps" in result.stderr


def test_a_file_given_as_the_folder_exits_2(project):
    write_tree(project, {"plan.md": goal()}, dedent=False)
    result = milepost("validate", "plan.md", cwd=project)
    assert result.returncode == 2 and "no such folder: plan.md" in result.stderr


# --- output formats ---------------------------------------------------------------------


def test_json_format_has_the_same_counts_and_problems(project):
    plan = roadmap(start="next week")
    write_tree(project / "roadmaps", {**clean_site(), "plan.md": plan, "campaigns/launch.md": campaign(risks="\n  - risk: rain")})
    text = milepost("validate", cwd=project)
    result = milepost("validate", "--format", "json", cwd=project)
    assert result.returncode == text.returncode == 1
    report = json.loads(result.stdout)
    assert (report["documents"], report["errors"], report["warnings"]) == (3, 1, 1)
    assert text.stdout.splitlines()[-1] == "3 documents, 1 error, 1 warning"
    line, col = pos(plan, "next week")
    assert report["problems"][1] == {
        "path": "roadmaps/plan.md",
        "line": line,
        "col": col,
        "severity": "error",
        "message": "'next week' is not a date: write a day (2026-07-01), a month (2026-07), a quarter (2026-Q3), a year (2027), an ISO week (2027-W05) or a fiscal quarter or year (FY2027-Q1, FY2027)",
        "code": "invalid-date",
    }
    as_text = [f"{p['path']}:{p['line']}:{p['col']}: {p['severity']}: {p['message']} [{p['code']}]" for p in report["problems"]]
    assert as_text == text.stdout.splitlines()[:-1]


def test_json_keeps_non_ascii_readable(project):
    write_tree(project / "roadmaps", {**clean_site(), "goals/users.md": goal(title="用户增长", colour="红")})
    report = json.loads(milepost("validate", "--format", "json", cwd=project).stdout)
    assert [p["message"] for p in report["problems"]] == ["unknown key 'colour' in a goal"]


def test_github_format_prints_annotations(project):
    plan = roadmap(start="next week")
    write_tree(project / "roadmaps", {**clean_site(), "plan.md": plan, "campaigns/launch.md": campaign(risks="\n  - risk: rain, snow")})
    result = milepost("validate", "--format", "github", cwd=project)
    assert result.returncode == 1
    line, col = pos(plan, "next week")
    launch = campaign(risks="\n  - risk: rain, snow")
    rline, rcol = pos(launch, "risk: rain")
    assert result.stdout.splitlines() == [
        f"::warning file=roadmaps/campaigns/launch.md,line={rline},col={rcol},title=risk-without-contingency::"
        "risk 'rain, snow' has no contingency: say what the team will do if it happens",
        f"::error file=roadmaps/plan.md,line={line},col={col},title=invalid-date::"
        "'next week' is not a date: write a day (2026-07-01), a month (2026-07), a quarter (2026-Q3), a year (2027), an ISO week (2027-W05) or a fiscal quarter or year (FY2027-Q1, FY2027)",
        "::notice title=milepost::3 documents, 1 error, 1 warning",
    ]


def test_github_format_escapes_properties(project):
    write_tree(project / "roadmaps", {**clean_site(), "a,b:c.md": goal("g-x", summary="100%")})
    result = milepost("validate", "--format", "github", cwd=project)
    assert "::warning file=roadmaps/a%2Cb%3Ac.md,line=3,col=5,title=orphan-goal::" in result.stdout


# --- where the docs are -----------------------------------------------------------------


MKDOCS_YML = """\
site_name: Test
docs_dir: plans
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  analytics: !ENV [ANALYTICS_KEY, none]
plugins:
  - search
  - milepost:
      currency: USD
"""


def test_docs_dir_comes_from_mkdocs_yml_with_python_tags(project):
    write_tree(project, {"mkdocs.yml": MKDOCS_YML})
    write_tree(project / "roadmaps", {"g.md": goal("g-wrong-folder", ownr="x")})
    files = clean_site()
    files["plan.md"] = roadmap(budget="100")
    files["campaigns/launch.md"] = campaign(budget="{amount: 150, currency: USD}")
    write_tree(project / "plans", files)
    result = milepost("validate", cwd=project)
    no_traceback(result)
    assert result.returncode == 0
    *lines, summary = result.stdout.splitlines()
    assert summary == "3 documents, 0 errors, 1 warning"
    assert len(lines) == 1 and lines[0].startswith("plans/plan.md:")  # over budget: the site's currency is USD
    assert "add up to 150 USD, over the roadmap's budget of 100 USD by 50 [over-budget]" in lines[0]


def test_docs_dir_argument_wins_over_mkdocs_yml(project):
    write_tree(project, {"mkdocs.yml": MKDOCS_YML})
    write_tree(project / "other", {"g.md": goal()})
    result = milepost("validate", "other", cwd=project)
    assert result.stdout.splitlines()[0].startswith("other/g.md:3:5: warning:")


def test_docs_dir_defaults_to_roadmaps_without_mkdocs_yml(project):
    write_tree(project / "roadmaps", {"a.md": goal("g-a"), "b.md": goal("g-b")})
    write_tree(project / "docs", {"c.md": goal("g-c")})
    result = milepost("validate", cwd=project)
    assert result.stdout.splitlines()[-1] == "2 documents, 0 errors, 2 warnings"
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["roadmaps/a.md", "roadmaps/b.md"]


def test_broken_mkdocs_yml_is_bad_usage(project):
    write_tree(project, {"mkdocs.yml": "site_name: [unclosed\n"})
    (project / "roadmaps").mkdir()
    result = milepost("validate", cwd=project)
    no_traceback(result)
    assert result.returncode == 2 and "cannot read mkdocs.yml" in result.stderr


# --- help and schema --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, usage",
    [(["--help"], "usage: milepost [-h]"), (["validate", "--help"], "usage: milepost validate [-h]"), (["schema", "--help"], "usage: milepost schema [-h]")],
)
def test_help(project, args, usage):
    result = milepost(*args, cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith(usage)
    if args[0] == "validate":
        assert "--strict" in result.stdout and "{text,json,github}" in result.stdout


def test_version(project):
    result = milepost("--version", cwd=project, script=True)
    assert result.returncode == 0 and re.fullmatch(r"milepost \d+\.\d+\.\d+\n", result.stdout)


def test_schema_prints_json(project):
    result = milepost("schema", cwd=project, script=True)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert sorted(schema["$defs"]) == ["calendar", "campaign", "free-value", "goal", "roadmap"]
    assert schema["$defs"]["goal"]["required"] == ["kind", "id", "title", "owner", "metric", "target", "deadline"]


def test_schema_output_writes_the_file_a_tool_can_read(project):
    """check-jsonschema cannot read a schema from a pipe: `--output` writes one it can."""
    printed = milepost("schema", cwd=project, script=True).stdout
    result = milepost("schema", "--output", "schemas/milepost.json", cwd=project, script=True)
    assert result.returncode == 2 and "cannot write schemas/milepost.json" in result.stderr  # no such folder
    (project / "schemas").mkdir()
    result = milepost("schema", "--output", "schemas/milepost.json", cwd=project, script=True)
    assert (result.returncode, result.stdout) == (0, "")
    written = (project / "schemas" / "milepost.json").read_text(encoding="utf-8")
    assert written == printed and json.loads(written)["title"] == "Milepost roadmap document (front matter)"


def test_plugins_written_as_a_mapping_still_give_the_currency(project):
    """MkDocs also takes `plugins:` as a mapping of name to options."""
    write_tree(project, {"mkdocs.yml": "site_name: Test\nplugins:\n  search: {}\n  milepost:\n    currency: USD\n"})
    files = clean_site()
    files["plan.md"] = roadmap(budget="100")
    files["campaigns/launch.md"] = campaign(budget="{amount: 150, currency: USD}")
    write_tree(project / "docs", files)
    result = milepost("validate", cwd=project)
    no_traceback(result)
    assert "add up to 150 USD, over the roadmap's budget of 100 USD by 50 [over-budget]" in result.stdout


@pytest.mark.parametrize("plugins", ["3", "'milepost'", "[3, [milepost], {milepost: 5}]"])
def test_odd_plugins_value_is_no_crash(project, plugins):
    write_tree(project, {"mkdocs.yml": f"site_name: Test\ndocs_dir: roadmaps\nplugins: {plugins}\n"})
    write_tree(project / "roadmaps", clean_site())
    result = milepost("validate", cwd=project)
    no_traceback(result)
    assert (result.returncode, result.stdout) == (0, "3 documents, 0 errors, 0 warnings\n")
