"""`milepost new`: a new document that validates, from flags or asked for on a terminal, never overwriting."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import campaign, clean_site, goal, roadmap
from milepost.core.scaffold import slug
from sitekit import write_tree


def milepost(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "milepost", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", stdin=subprocess.DEVNULL, timeout=60)


@pytest.fixture
def project(tmp_path):
    """A project with a small valid site in roadmaps/, its roadmap in a folder of its own."""
    site = clean_site()
    site["q1/plan.md"] = site.pop("plan.md")
    write_tree(tmp_path / "roadmaps", site, dedent=False)
    return tmp_path


def validates(project: Path) -> str:
    result = milepost("validate", cwd=project)
    assert result.returncode == 0, result.stdout
    return result.stdout


def test_a_campaign_from_flags_goes_beside_its_roadmap_and_validates(project):
    result = milepost(
        "new", "campaign", "--title", "Été: lancement 2027", "--owner", "Marta Rossi", "--roadmap", "rm-2026",
        "--start", "2026-05", "--end", "2026-06-15", "--goal", "g-users", cwd=project,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "roadmaps/q1/ete-lancement-2027.md\n", "")
    text = (project / "roadmaps/q1/ete-lancement-2027.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\nkind: campaign\nid: ete-lancement-2027\ntitle: \"Été: lancement 2027\"\nowner: Marta Rossi\nroadmap: rm-2026\n"
        "start: 2026-05\nend: 2026-06-15\ngoals: [g-users]\n---\n"
    )
    assert validates(project).endswith("4 documents, 0 errors, 0 warnings\n")


@pytest.mark.parametrize(
    "args",
    [
        ("goal", "--title", "Leads from trade fairs", "--owner", "Sales", "--metric", "leads", "--target", "400", "--deadline", "2026-Q4"),
        ("roadmap", "--title", "Events 2026", "--owner", "Events team", "--type", "event", "--start", "2026-Q2", "--end", "2026-12", "--goal", "g-users"),
        ("calendar", "--title", "Retail calendar 2026–2027", "--owner", "Sofia"),
    ],
)
def test_every_kind_is_written_in_the_docs_dir_and_validates(project, args):
    result = milepost("new", *args, cwd=project)
    expected = {"goal": "leads-from-trade-fairs", "roadmap": "events-2026", "calendar": "retail-calendar-2026-2027"}[args[0]]
    assert (result.returncode, result.stdout) == (0, f"roadmaps/{expected}.md\n")
    out = milepost("validate", cwd=project)
    assert out.returncode == 0 and ", 0 errors" in out.stdout, out.stdout
    # a new goal is served by nothing yet: that warning, and only that, is expected
    assert [line for line in out.stdout.splitlines() if ": warning:" in line and "orphan-goal" not in line] == []


def test_missing_required_flags_without_a_terminal_exit_2_naming_them(project):
    result = milepost("new", "campaign", "--title", "Spring", cwd=project)
    assert result.returncode == 2
    assert result.stderr == "milepost: error: a campaign needs --owner, --roadmap, --start, --end (no terminal to ask on)\n"
    assert sorted(p.name for p in (project / "roadmaps").rglob("*.md")) == ["launch.md", "plan.md", "users.md"]


@pytest.mark.parametrize(
    "args, complaint",
    [
        (("campaign", "--title", "S", "--owner", "A", "--roadmap", "rm-2099", "--start", "2026-05", "--end", "2026-06"), "--roadmap: no roadmap has the id 'rm-2099' (known: rm-2026)"),
        (("campaign", "--title", "S", "--owner", "A", "--roadmap", "rm-2026", "--start", "2026-02-30", "--end", "2026-06"), "--start: '2026-02-30' is not a date: February 2026 has 28 days"),
        (("campaign", "--title", "S", "--owner", "A", "--roadmap", "rm-2026", "--start", "2026-06", "--end", "2026-05"), "--end: 2026-05 is before --start 2026-06"),
        (("goal", "--id", "c-launch", "--title", "S", "--owner", "A", "--metric", "m", "--target", "5", "--deadline", "2026-12"), "--id: id 'c-launch' is already used by roadmaps/campaigns/launch.md"),
        (("goal", "--title", "S", "--owner", "A", "--metric", "m", "--target", "50,000", "--deadline", "2026-12"), "--target: '50,000' is not a number: write it without separators, e.g. 50000"),
        (("calendar", "--title", "S", "--owner", "A", "--roadmap", "rm-2026"), "--roadmap: not used for a calendar"),
    ],
)
def test_wrong_values_exit_2_and_write_nothing(project, args, complaint):
    result = milepost("new", *args, cwd=project)
    assert (result.returncode, result.stderr) == (2, f"milepost: error: {complaint}\n")
    assert len(list((project / "roadmaps").rglob("*.md"))) == 3


def test_the_proposed_id_is_unique_and_a_file_is_never_overwritten(project):
    write_tree(project, {"roadmaps/launch-day.md": "An ordinary page that happens to have the name.\n"})
    args = ("new", "goal", "--owner", "A", "--metric", "m", "--target", "5", "--deadline", "2026-12")
    first = milepost(*args, "--title", "Launch day", cwd=project)
    assert first.stdout == "roadmaps/launch-day-2.md\n"
    second = milepost(*args, "--title", "Launch day", cwd=project)
    assert second.stdout == "roadmaps/launch-day-3.md\n"  # launch-day-2 is a goal's id now
    third = milepost(*args, "--title", "Launch day", "--id", "launch-day", cwd=project)
    assert (third.returncode, third.stdout) == (1, "")
    assert third.stderr == "milepost: roadmaps/launch-day.md exists: not overwritten; choose another --id\n"
    assert (project / "roadmaps/launch-day.md").read_text(encoding="utf-8") == "An ordinary page that happens to have the name.\n"


def test_slugs_are_ascii():
    assert slug("Café Crème: Straße 2026–2027") == "cafe-creme-strasse-2026-2027"
    assert slug("天猫双十一") == ""  # nothing ASCII: the kind's name is proposed instead


def converse(project: Path, args: list[str], answers: dict[str, str]) -> tuple[int, str]:
    """Run `milepost new` on a pseudo-terminal, answering each question that starts with a key of `answers`."""
    main, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "milepost", *args], cwd=project, stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    seen, pending = "", dict(answers)
    try:
        while True:
            ready, _, _ = select.select([main], [], [], 60)
            assert ready, f"no output; so far:\n{seen}"
            try:
                chunk = os.read(main, 4096).decode("utf-8", "replace")
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            last = seen.rsplit("\n", 1)[-1]
            for question in list(pending):
                if last.startswith(question) and last.rstrip().endswith(":"):
                    os.write(main, (pending.pop(question) + "\n").encode())
                    seen += "\n"
                    break
    finally:
        code = process.wait(timeout=60)
        os.close(main)
    return code, seen.replace("\r\n", "\n")


def test_on_a_terminal_it_asks_for_what_is_missing_and_again_for_a_wrong_answer(project):
    code, talk = converse(
        project,
        ["new", "campaign", "--title", "Spring launch"],
        {"Owner": "Marta Rossi", "Roadmap": "", "Start": "2026-13", "Start (": "2026-04", "End": "2026-05-15", "Goals": "g-users", "Id": ""},
    )
    assert code == 0, talk
    assert "Roadmap (its id) [rm-2026]: " in talk  # the only roadmap is offered, Enter takes it
    assert "'2026-13' is not a date: there is no month 13" in talk
    assert "Id [spring-launch]: " in talk
    assert talk.rstrip().endswith("roadmaps/q1/spring-launch.md")
    text = (project / "roadmaps/q1/spring-launch.md").read_text(encoding="utf-8")
    assert "owner: Marta Rossi\nroadmap: rm-2026\nstart: 2026-04\nend: 2026-05-15\ngoals: [g-users]\n" in text
    validates(project)


def test_a_campaign_may_start_after_another_and_last_a_span(project):
    args = ("new", "campaign", "--title", "Follow-up", "--owner", "Ana", "--roadmap", "rm-2026", "--goal", "g-users", "--end", "+3w")
    wrong = milepost(*args, "--start", "after c-nothing", cwd=project)
    assert (wrong.returncode, wrong.stderr) == (2, "milepost: error: --start: 'after c-nothing': no campaign has the id 'c-nothing'\n")
    result = milepost(*args, "--start", "after c-launch + 1w", cwd=project)
    assert (result.returncode, result.stdout) == (0, "roadmaps/q1/follow-up.md\n")
    assert "start: after c-launch + 1w\nend: +3w\n" in (project / "roadmaps/q1/follow-up.md").read_text(encoding="utf-8")
    validates(project)
