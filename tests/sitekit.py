"""Build real sites in temporary folders and read what they produce."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
site_name: {site_name}
{docs_dir}theme:
  name: material
  language: {language}
{theme}plugins:
{search}  - milepost:
      today: {today}
{options}{extra}"""


def write_tree(root: Path, files: dict[str, str | bytes], *, dedent: bool = True) -> Path:
    """Write `files` (path below `root` -> content) and return `root`: the one way tests write a tree.

    Text is dedented and its leading blank lines dropped, so that a document can be an indented
    triple-quoted literal; with `dedent=False` it is written as it is, for tests that say exactly
    where in a file a problem must be reported. Bytes are always written as they are."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n") if dedent else content, encoding="utf-8")
    return root


def edit(path: Path, *changes: str, count: int = -1) -> None:
    """An author's edit of the file at `path`: `edit(path, old, new)`, or more pairs `old, new, old2,
    new2` replaced in turn, written once (a watching server sees one edit). Each `old` must be
    there, so that an edit never silently does nothing; `count` as `str.replace`'s."""
    text = path.read_text(encoding="utf-8")
    for old, new in zip(changes[::2], changes[1::2], strict=True):
        assert old in text, (path, old)
        text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")


def example_site(root: Path) -> Path:
    """A copy of the example site (docs, theme overrides, mkdocs.yml) in `root`, outside Git, built
    for a fixed day."""
    shutil.copytree(ROOT / "roadmaps", root / "roadmaps")
    shutil.copytree(ROOT / "theme_overrides", root / "theme_overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return write_tree(root, {"mkdocs.yml": config.replace("      currency: EUR", "      currency: EUR\n      history: false\n      today: 2026-11-23")}, dedent=False)


def make_site(
    root: Path, docs: dict[str, str], *, language="en", today="2027-02-15", extra="", history=False,
    search=True, theme="", docs_dir="docs", site_name="Fixture roadmaps",
) -> Path:
    """A site in `root`: its mkdocs.yml and `docs` in `root/docs_dir`; without Git history unless
    `history` (tmp folders are not repositories). `extra` is YAML text put after the plugin's
    options (indent it six spaces to add one), `theme` lines put under `theme:`."""
    settings = MKDOCS_YML.format(
        site_name=site_name, docs_dir="" if docs_dir == "docs" else f"docs_dir: {docs_dir}\n", language=language, theme=theme,
        search="  - search\n" if search else "", today=today, options="" if history else "      history: false\n", extra=extra,
    )
    write_tree(root, {"mkdocs.yml": settings})
    write_tree(root / docs_dir, docs)
    return root


def built(root: Path, docs: dict[str, str], *flags: str, **settings) -> tuple[Path, subprocess.CompletedProcess]:
    """`make_site` and `build` in one: the site's root and how its build went."""
    make_site(root, docs, **settings)
    return root, build(root, *flags)


def run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def start(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.Popen:
    """`run` for a process that keeps running (a server, a watcher); what it says on stderr is kept."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.Popen(args, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def build(root: Path, *flags: str, tool: str = "mkdocs", env: dict | None = None) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", tool, "build", *flags], root, env)


def git(cwd: Path, *args: str, author: str = "Ann Author", when: str | None = None) -> str:
    """Git in a test repository: a fixed identity (and date, with `when`), no user or system configuration."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "ann@example.com",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "ann@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": "/nonexistent",
    }
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 120.0, interval: float = 0.2):
    """The first true value of `predicate()` (a server not answering yet counts as false); a hang
    guard, never a timing assertion."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(interval)
    raise AssertionError("timed out")


@contextlib.contextmanager
def serve_folder(folder: Path):
    """A built site served on a free port of 127.0.0.1, quietly, for the browser tests; its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def browser_pages(context, base: str):
    """An opener of fresh pages in a Playwright `context`: `open(path, width=1280, height=900, media=None)`
    loads `base + path`, with the page's script errors in `page.js_errors`; every page is closed at the end."""
    pages = []

    def open_page(path: str, width: int = 1280, height: int = 900, media: str | None = None):
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size({"width": width, "height": height})
        page.js_errors = []
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        if media:
            page.emulate_media(media=media)
        page.goto(base + path)
        return page

    try:
        yield open_page
    finally:
        for page in pages:
            page.close()


def page(root: Path, url: str) -> BeautifulSoup:
    """The built page at `url` (e.g. 'q1/spring/'), parsed."""
    path = root / "site" / url
    if url.endswith("/") or not url:
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolve(from_url: str, href: str) -> str:
    """Resolve a relative link found on the page at `from_url` to a site path such as 'q1/spring/'."""
    parts = [p for p in from_url.split("/") if p]
    for piece in href.split("#")[0].split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    target = "/".join(parts)
    return target + "/" if href.split("#")[0].endswith("/") else target
