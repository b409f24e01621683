"""`milepost import` as a user runs it: real files in, documents that validate out, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from sitekit import write_tree

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "docs" / "samples"


def milepost(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "milepost", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "roadmaps").mkdir()
    return write_tree(tmp_path, {"mkdocs.yml": "site_name: t\ndocs_dir: roadmaps\nplugins:\n  - milepost:\n      currency: CNY\n"})


def front(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_an_id_the_sheet_gives_that_is_taken_stops_the_import(project):
    write_tree(project, {"roadmaps/launch.md": "---\nkind: goal\nid: launch\ntitle: T\nowner: O\nmetric: m\ntarget: 1\ndeadline: 2027-12-31\n---\n", "plan.csv": "title,campaign,owner,start,end\nLaunch,launch,Ann,2027-01-04,2027-02-01\nOther,other,Bo,2027-01-04,2027-02-01\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", cwd=project)
    assert result.returncode == 1
    assert "plan.csv:plan!B2: error: id 'launch' is already taken by a goal of the site: nothing is overwritten; rename it or remove the row [id-taken]" in result.stdout
    assert result.stdout.splitlines()[-1] == "nothing written: correct the errors above and import again"
    assert sorted(p.name for p in (project / "roadmaps").rglob("*.md")) == ["launch.md"]


def test_weeks_without_start_are_an_error_naming_the_cell(project):
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time\nLaunch,Ann,Week 1-4\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", cwd=project)
    assert result.returncode == 1
    assert "plan.csv:plan!C2: error: 'Week 1-4' counts weeks: give the day of week 1 with --start [needs-start]" in result.stdout
    assert list((project / "roadmaps").iterdir()) == []


def test_unreadable_cells_are_warnings_and_kept_in_the_body(project):
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time,Resources,Channel mix\nLaunch,Ann,next month,lots of money,<b>TV</b> & *radio*\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", "--start", "2027-01-04", cwd=project)
    assert "plan.csv:plan!D2: warning: cannot read an amount in 'lots of money': kept in the body [unread-cell]" in result.stdout
    assert "plan.csv:plan!C2: warning: cannot read a time in 'next month': kept in the body [unread-cell]" in result.stdout
    assert result.returncode == 1  # no time in any row: nothing to place the roadmap on
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time,Resources,Channel mix\nLaunch,Ann,next month,lots of money,<b>TV</b> & *radio*\nTeaser,Bo,Week 1-2,3k,\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", "--start", "2027-01-04", cwd=project)
    assert result.returncode == 1 and result.stdout.splitlines()[-1] == "2 campaigns, 0 goals, 1 roadmap written; 2 cells need your attention"
    body = front(project / "roadmaps/r/launch.md").split("---\n", 2)[2]
    assert "- **Resources (D2):** lots of money" in body
    assert "- **Channel mix (E2):** &lt;b&gt;TV&lt;/b&gt; &amp; \\*radio\\*" in body  # kept, never live HTML
    assert "start: 2027-01-04\nend: 2027-01-17" in front(project / "roadmaps/r/launch.md")  # the roadmap's period
    assert milepost("validate", cwd=project).returncode == 0


def test_bad_usage_exits_2(project):
    write_tree(project, {"plan.txt": "x", "noheader.csv": "a,b\nc,d\n"})
    cases = [
        (["import", "missing.csv", "--roadmap", "r"], "no such file: missing.csv"),
        (["import", "plan.txt", "--roadmap", "r"], "save the plan as .xlsx or .csv"),
        (["import", "noheader.csv", "--roadmap", "r"], "no header row in the first 30 rows"),
        (["import", "noheader.csv", "--roadmap", "Not An Id"], "is not a valid id"),
        (["import", "noheader.csv", "--roadmap", "r", "--start", "2027-13-01"], "'2027-13-01' is not a day"),
        (["import", "noheader.csv"], "--roadmap"),
    ]
    for args, complaint in cases:
        result = milepost(*args, cwd=project)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert complaint in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def _xlsx(path: Path, rows: list[list], title: str = "执行计划") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, as a user typed it with a leading apostrophe
    book.save(path)
    return path


def test_a_ten_megabyte_csv_cell_is_kept_whole(project):
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time,Remarks\nLaunch,Ann,2027-03," + "x" * 10_000_000 + "\n"})
    began = time.perf_counter()
    result = milepost("import", "plan.csv", "--roadmap", "r", cwd=project)
    assert time.perf_counter() - began < 120
    assert "plan.csv:plan!D2: warning: the cell holds 10,000,000 characters" in result.stdout
    assert front(project / "roadmaps/r/launch.md").count("x") >= 10_000_000


def test_hostile_cells_neither_run_nor_hang(project):
    huge = "长" * 10_000_000
    _xlsx(project / "plan.xlsx", [
        ["策略模块", "负责人", "时间节点", "备注"],
        ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", datetime(2027, 1, 4), huge],
    ])
    began = time.perf_counter()
    result = milepost("import", "plan.xlsx", "--roadmap", "r", cwd=project)
    assert time.perf_counter() - began < 120
    assert "plan.xlsx:执行计划!D2: warning: the cell holds 32,767 characters; a spreadsheet cell holds at most 32,767 (an .xlsx cell is read up to that many): kept in the body, unread [cell-too-long]" in result.stdout
    written = next((project / "roadmaps/r").glob("*.md"), None) if (project / "roadmaps/r").is_dir() else None
    campaign = [p for p in (project / "roadmaps/r").glob("*.md") if p.name != "r.md"]
    assert len(campaign) == 1 and written is not None
    text = front(campaign[0])
    assert 'title: "=cmd|\' /C calc\'!A0"' in text and 'owner: "=HYPERLINK(\\"http://x\\")"' in text
    assert text.count("长") == 32_767  # kept in the body, unread, as far as the reader reads it
    assert milepost("validate", cwd=project).returncode == 0


def test_a_sheet_by_name(project):
    book = openpyxl.Workbook()
    book.active.append(["cover page"])
    plan = book.create_sheet("Plan")
    plan.append(["Strategy module", "Owner", "Time"])
    plan.append(["Launch", "Ann", "2027-03"])
    book.save(project / "plan.xlsx")
    result = milepost("import", "plan.xlsx", "--roadmap", "r", "--sheet", "Plan", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "start: 2027-03-01\nend: 2027-03-31" in front(project / "roadmaps/r/launch.md")


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("gb18030", "策略模块,核心目标,负责人,协作部门,时间节点,资源需求,风险预案\n抖音挑战赛,社交媒体总曝光量达1000万,李娜,市场部/电商部,第3-8周,50万元,话题热度不足：追加投放\n"),
        ("big5", "策略模組,核心目標,負責人,協作部門,時間節點,資源需求,風險預案\n抖音挑戰賽,社群總曝光量達1000萬,李娜,市場部/電商部,第3-8週,50萬元,話題熱度不足：追加投放\n"),
    ],
)
def test_chinese_csv_exports_in_their_own_encodings(project, encoding, text):
    write_tree(project, {"plan.csv": text.encode(encoding)})
    result = milepost("import", "plan.csv", "--roadmap", "r", "--start", "2027-01-04", cwd=project)
    assert result.returncode == 0, result.stdout
    campaign = front(project / "roadmaps/r/r-01.md")
    assert "start: 2027-01-18\nend: 2027-02-28\n" in campaign
    assert "budget:\n  amount: 500000\n  currency: \"CNY\"\n" in campaign
    assert "contingency: \"追加投放\"" in campaign
    goal = front(project / "roadmaps/r/r-01-goal.md")
    assert "target: 10000000\n" in goal
    assert milepost("validate", cwd=project).returncode == 0


def test_a_campaign_column_of_names_and_a_kpi_column_of_targets(project):
    write_tree(project, {"plan.csv": "Campaign,Owner,Time,KPI\nSpring launch,Ann,2027-03,曝光1000万；互动率5%\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", cwd=project)
    assert result.returncode == 0, result.stdout
    campaign = front(project / "roadmaps/r/spring-launch.md")
    assert 'title: "Spring launch"' in campaign
    assert 'kpis:\n  - metric: "曝光"\n    target: 10000000\n  - metric: "互动率"\n    target: 5\n    unit: "%"\n' in campaign
    assert milepost("validate", cwd=project).returncode == 0



def test_the_chinese_sample_becomes_documents_that_validate(project):
    result = milepost("import", str(SAMPLES / "execution-plan-zh.csv"), "--roadmap", "spring-2027", "--start", "2027-01-04", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr  # one goal has no number: a cell needs attention
    lines = result.stdout.splitlines()
    sample = str(SAMPLES / "execution-plan-zh.csv")
    assert f"{sample}:execution-plan-zh!B7: warning: no target number in '品牌好感度提升': no goal is made, the text is kept in the campaign's body [no-target]" in lines
    assert lines[-1] == "5 campaigns, 4 goals, 1 roadmap written; 1 cell needs your attention"
    assert "wrote roadmaps/spring-2027/spring-2027-01.md (campaign spring-2027-01)" in lines
    campaign = front(project / "roadmaps/spring-2027/spring-2027-01.md")
    assert 'title: "小红书KOL种草"' in campaign and 'owner: "张伟"' in campaign
    assert "start: 2027-01-04\nend: 2027-03-28\n" in campaign
    assert '  amount: 300000\n  currency: "CNY"\n  lines:\n    - item: "KOL费用"\n      amount: 150000\n' in campaign
    assert '  - date: 2027-01-11\n    text: "笔记8篇发布"' in campaign
    assert '  - risk: "达人档期冲突"\n    contingency: "提前2个月锁定备选达人"' in campaign
    goal = front(project / "roadmaps/spring-2027/spring-2027-01-goal.md")
    assert 'metric: "新增用户"\ntarget: 50000\nunit: "人"\ndeadline: 2027-04-04\n' in goal
    roadmap = front(project / "roadmaps/spring-2027/spring-2027.md")
    assert 'title: "2027年春季新品上市执行计划"' in roadmap and "start: 2027-01-04\nend: 2027-03-28" in roadmap
    kept = front(project / "roadmaps/spring-2027/spring-2027-05.md")
    assert "品牌好感度提升" in kept and "与公关公司合作" in kept  # nothing is lost
    check = milepost("validate", cwd=project)
    assert check.returncode == 0, check.stdout
    assert check.stdout.splitlines()[-1].startswith("10 documents, 0 errors")


def test_the_english_sample_reads_every_cell(project):
    result = milepost("import", str(SAMPLES / "execution-plan-en.csv"), "--roadmap", "emea-q2", "--start", "2027-04-05", cwd=project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "4 campaigns, 4 goals, 1 roadmap written; every cell read"
    campaign = front(project / "roadmaps/emea-q2/spring-webinar-series.md")
    assert 'teams: ["Sales", "Partner marketing"]' in campaign
    assert '  amount: 48000\n  currency: "EUR"\n  lines:\n    - item: "speakers"\n      amount: 12000\n    - item: "ads"\n      amount: 20000' in campaign
    newsletter = front(project / "roadmaps/emea-q2/customer-newsletter.md")
    assert "start: 2027-04-05\nend: 2027-06-27\n" in newsletter  # ongoing: the roadmap's period
    assert "progress: 40\n" in front(project / "roadmaps/emea-q2/paid-social-retargeting.md")
    assert milepost("validate", cwd=project).returncode == 0


def test_dry_run_prints_the_documents_and_writes_nothing(project):
    result = milepost("import", str(SAMPLES / "execution-plan-en.csv"), "--roadmap", "emea-q2", "--start", "2027-04-05", "--dry-run", cwd=project)
    assert result.returncode == 0
    assert "would write roadmaps/emea-q2/trade-fair-presence.md (campaign trade-fair-presence)" in result.stdout
    assert 'title: "Trade fair presence"' in result.stdout
    assert result.stdout.splitlines()[-1] == "4 campaigns, 4 goals, 1 roadmap would be written; every cell read"
    assert list((project / "roadmaps").iterdir()) == []


def test_nothing_is_ever_overwritten(project):
    first = milepost("import", str(SAMPLES / "execution-plan-en.csv"), "--roadmap", "emea-q2", "--start", "2027-04-05", cwd=project)
    assert first.returncode == 0
    before = {p: p.read_bytes() for p in (project / "roadmaps").rglob("*.md")}
    again = milepost("import", str(SAMPLES / "execution-plan-en.csv"), "--roadmap", "emea-q2", "--start", "2027-04-05", "--out", "roadmaps/emea-q2", cwd=project)
    assert again.returncode == 0, again.stdout  # new ids beside the taken ones: spring-webinar-series-2 …
    assert "wrote roadmaps/emea-q2/spring-webinar-series-2.md (campaign spring-webinar-series-2)" in again.stdout
    assert all(p.read_bytes() == data for p, data in before.items())
    assert milepost("validate", cwd=project).returncode == 0


def test_an_xlsx_saved_by_libreoffice(project):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        assert not os.environ.get("CI"), ".ci/run installs libreoffice-calc-nogui: under CI this test never skips"
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the LibreOffice-saved .xlsx is not tested")
    subprocess.run(
        [office, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(project), str(SAMPLES / "execution-plan-zh.csv")],
        check=True, capture_output=True, timeout=240, env={"HOME": str(project), "PATH": "/usr/bin:/bin"},
    )
    saved = milepost("import", "execution-plan-zh.xlsx", "--roadmap", "spring-2027", "--start", "2027-01-04", "--dry-run", cwd=project)
    csv = milepost("import", str(SAMPLES / "execution-plan-zh.csv"), "--roadmap", "spring-2027", "--start", "2027-01-04", "--dry-run", cwd=project)
    assert saved.returncode == 1 and "5 campaigns, 4 goals, 1 roadmap would be written" in saved.stdout
    assert saved.stdout.replace("execution-plan-zh.xlsx:execution-plan-zh", "X") == csv.stdout.replace(str(SAMPLES / "execution-plan-zh.csv") + ":execution-plan-zh", "X")


def test_the_shipped_xlsx_sample_reads_like_its_csv(project, tmp_path):
    xlsx = milepost("import", str(SAMPLES / "execution-plan-zh.xlsx"), "--roadmap", "spring-2027", "--start", "2027-01-04", "--dry-run", cwd=project)
    csv = milepost("import", str(SAMPLES / "execution-plan-zh.csv"), "--roadmap", "spring-2027", "--start", "2027-01-04", "--dry-run", cwd=project)
    assert xlsx.returncode == csv.returncode == 1
    assert xlsx.stdout.replace("execution-plan-zh.xlsx:执行计划", "X") == csv.stdout.replace("execution-plan-zh.csv:execution-plan-zh", "X")

def test_a_roadmap_id_held_by_a_goal_is_an_error(project):
    write_tree(project, {"roadmaps/r.md": "---\nkind: goal\nid: r\ntitle: T\nowner: O\nmetric: m\ntarget: 1\ndeadline: 2027-12-31\n---\n", "plan.csv": "Strategy module,Owner,Time\nLaunch,Ann,2027-03\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", cwd=project)
    assert result.returncode == 1
    assert "plan.csv:plan!A2: error: 'r' is a goal, not a roadmap [id-taken]" in result.stdout
    assert sorted(p.name for p in (project / "roadmaps").rglob("*.md")) == ["r.md"]


def test_start_and_end_columns_win_over_a_time_column_which_is_kept(project):
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time,Start,End\nLaunch,Ann,spring,2027-03-02,2027-04-30\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", cwd=project)
    assert result.returncode == 0, result.stdout
    text = front(project / "roadmaps/r/launch.md")
    assert "start: 2027-03-02\nend: 2027-04-30\n" in text and "- **Time (C2):** spring" in text


def test_out_outside_the_docs_dir_is_a_folder_of_its_own(project):
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time\nLaunch,Ann,2027-03\n"})
    result = milepost("import", "plan.csv", "--roadmap", "r", "--out", "review", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "unpublished" not in result.stdout and "wrote review/launch.md (campaign launch)" in result.stdout
    assert milepost("validate", "review", cwd=project).returncode == 0


def test_a_campaign_titled_like_the_new_roadmap_gets_an_id_of_its_own(project):
    write_tree(project, {"plan.csv": "Strategy module,Owner,Time\nLaunch,Ann,2027-03\n"})
    result = milepost("import", "plan.csv", "--roadmap", "launch", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "wrote roadmaps/launch/launch.md (roadmap launch)" in result.stdout
    assert "wrote roadmaps/launch/launch-2.md (campaign launch-2)" in result.stdout
