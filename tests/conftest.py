"""Shared builders: small roadmap documents and sites written into tmp_path.

Documents are written as plain text, so a test can say exactly where in the
file a problem must be reported; `pos` finds that place independently of the
code under test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from milepost.core.load import read_document
from milepost.core.validate import check
from sitekit import write_tree


def front(kind: str, /, *, body: str = "Some prose.\n", **fields: object) -> str:
    """A document: `---`, `kind`, then each field as written (None leaves it out), `---`, body.

    Values are YAML text, put after `key: ` verbatim, so they can span lines.
    """
    lines = ["---", f"kind: {kind}"]
    lines += [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n---\n\n" + body


def goal(id: str = "g-users", **fields: object) -> str:
    base = {"id": id, "title": f"Goal {id}", "owner": "Growth", "metric": "new users", "target": "1000", "deadline": "2026-12"}
    return front("goal", **{**base, **fields})


def roadmap(id: str = "rm-2026", **fields: object) -> str:
    base = {"id": id, "title": "Plan 2026", "owner": "Marketing", "type": "campaign", "start": "2026-01", "end": "2026-12", "goals": "[g-users]"}
    return front("roadmap", **{**base, **fields})


def campaign(id: str = "c-launch", **fields: object) -> str:
    base = {
        "id": id,
        "title": f"Campaign {id}",
        "owner": "Ana",
        "roadmap": "rm-2026",
        "start": "2026-03-01",
        "end": "2026-04-30",
        "goals": "[g-users]",
    }
    return front("campaign", **{**base, **fields})


def pos(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the `nth` occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def read(text: str | bytes, source: str = "x.md"):
    """read_document on one file's text or bytes."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(data, source, source)


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def only(problems, code: str):
    """The one problem with `code`; fails listing every problem otherwise."""
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, f"expected exactly one [{code}], got:\n" + "\n".join(map(str, problems))
    return found[0]


@pytest.fixture
def check_site(tmp_path: Path, monkeypatch):
    """`check_site({"a.md": text, ...})` writes a docs dir `roadmaps/` under tmp_path, chdirs there, and checks it."""
    monkeypatch.chdir(tmp_path)

    def build(files: dict[str, str | bytes]):
        write_tree(tmp_path / "roadmaps", files, dedent=False)
        return check("roadmaps")

    return build


def clean_site() -> dict[str, str]:
    """A small site with no problem at all; tests change one thing in it."""
    return {
        "goals/users.md": goal(),
        "plan.md": roadmap(budget="100000"),
        "campaigns/launch.md": campaign(
            budget="20000",
            kpis="\n  - metric: signups\n    target: 500\n    actual: 450\n    alert_below: 300",
            risks="\n  - risk: the agency is late\n    contingency: in-house team takes over\n    likelihood: medium",
        ),
    }


@pytest.fixture(autouse=True, scope="session")
def _private_cache_home(tmp_path_factory):
    """`milepost validate` keeps parsed files in the user's cache folder: tests get their own."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))


IN_CI = os.environ.get("CI") == "true"
BROWSER_SKIP = "browser tests skipped: "
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium"))
"""CHROMIUM=/path/to/chromium picks another browser binary; CHROMIUM= with nothing pretends there is none."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _browser_unavailable() -> str:
    """Why the browser tests cannot run here; "" when they can."""
    if not CHROMIUM:
        return "no Chromium (install Debian's chromium package: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    return ""


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright, one for each module that uses it. Without it every test that
    needs it is skipped, and counted, with the reason in one line of the summary; under CI=true
    that is a failure instead: the browser tests must run in CI."""
    unavailable = _browser_unavailable()
    if unavailable and IN_CI:
        pytest.fail(f"browser tests cannot run under CI=true: {unavailable}", pytrace=False)
    if unavailable:
        pytest.skip(BROWSER_SKIP + unavailable)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def context(browser):
    """One browser context for a module (a context costs more than a page); each test gets its own pages."""
    context = browser.new_context(reduced_motion="reduce")
    yield context
    context.close()


def pytest_report_teststatus(report, config):
    """Browser tests skipped for want of Chromium are counted under their reason in pytest's last line,
    `… passed, 35 browser tests skipped: no Chromium (…)`, instead of one -ra line per test function."""
    if report.skipped and isinstance(report.longrepr, tuple) and BROWSER_SKIP in report.longrepr[2]:
        return BROWSER_SKIP + report.longrepr[2].split(BROWSER_SKIP, 1)[1], "s", "SKIPPED"
    return None
