"""Build benchmarks: `mkdocs build` with Milepost against plain MkDocs + Material on the same
Markdown, `milepost diff` between two revisions, and the rebuild after one edit under
`mkdocs serve` and `milepost serve`. Whole processes, repeated, medians; peak memory of each.

    python bench/build.py --sizes 100,1000,5000 --runs 3 [--commits 200] [--markdown docs/performance.md]

Milepost builds with every generated page on: the site is a Git repository of `--commits` commits
(bench/history.py makes them: the first is the plan, tagged as the baseline), so "Last updated",
What changed, trends, stale data and, with `baseline`, ghost bars and variance/ are all drawn.
`--commits 0` builds without Git (`history: false`), as this benchmark did before.

Ratios are what to read: the machine is shared and noisy, so every figure of a
row is measured in the same run, alternating the commands.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from validate import Command, run  # noqa: E402  (times a command as a whole process: wall, cpu, peak RSS)

BIN = Path(sys.executable).parent
os.environ.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795000000")  # validate.run() passes os.environ on
ENV = dict(os.environ)

THEME = """\
theme:
  name: material
  features:
    - navigation.prune
    - navigation.indexes
"""
WITH_PLUGIN = "site_name: Bench\ndocs_dir: docs\n" + THEME + "plugins:\n  - search\n  - milepost:\n      today: 2026-11-23\n"
EVERY_PAGE = "      baseline: bench-baseline\n"  # with the Git history: every generated page is on
NO_GIT = "      history: false\n"
PLAIN = "site_name: Bench\ndocs_dir: docs\n" + THEME + "plugins:\n  - search\n"


def _site(root: Path, campaigns: int, commits: int) -> Path:
    if commits:
        from history import make_history  # bench/history.py imports this module: imported when needed

        make_history(root, campaigns, commits)
    else:
        generate(root / "docs", campaigns)
    (root / "with.yml").write_text(WITH_PLUGIN + (EVERY_PAGE if commits else NO_GIT))
    (root / "plain.yml").write_text(PLAIN)
    (root / "plain-nav.yml").write_text(PLAIN + _navigation(root / "docs"))
    return root


def _navigation(docs: Path) -> str:
    """A nav like Milepost's generated one (home, goals, roadmaps; campaigns reached from their
    roadmap), so the plain build is also measured without a sidebar of every campaign."""
    goals = sorted(p.relative_to(docs).as_posix() for p in (docs / "goals").glob("*.md"))
    roadmaps = sorted(p.relative_to(docs).as_posix() for p in docs.glob("*/*/index.md"))
    lines = ["nav:", "  - index.md", "  - Goals:", *(f"    - {g}" for g in goals), "  - Roadmaps:", *(f"    - {r}" for r in roadmaps)]
    return "\n".join(lines) + "\n"


def _build(config: str, out: str) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--quiet", "-f", config, "-d", out]


def _median(samples: list[tuple]) -> dict:
    return {
        "wall": statistics.median(s[0] for s in samples),
        "cpu": statistics.median(s[1] for s in samples),
        "rss": max(s[2] for s in samples) / (1024 * 1024),
    }


def time_builds(root: Path, runs: int) -> dict[str, dict]:
    commands = {
        "plugin": _build("with.yml", "site-with"),
        "plain": _build("plain.yml", "site-plain"),
        "plain_nav": _build("plain-nav.yml", "site-plain-nav"),
    }
    samples: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # alternate, so load drifts hit both alike
            wall, cpu, rss, code, err = run(Command(command), root)
            if code != 0:
                raise SystemExit(f"{name} build failed:\n{err[-3000:]}")
            samples[name].append((wall, cpu, rss))
    result = {name: _median(s) for name, s in samples.items()}
    pairs = list(zip(samples["plugin"], samples["plain_nav"]))  # run by run: the load of each pair is alike
    result["paired"] = {kind: _spread([a[i] / b[i] for a, b in pairs]) for kind, i in (("wall", 0), ("cpu", 1))}
    result["pages"] = {"largest": _largest_pages(root / "site-with")}
    return result


def _largest_pages(site: Path, count: int = 3) -> list[tuple[str, int]]:
    sizes = sorted(((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")), reverse=True)[:count]
    return [(name, size) for size, name in sizes]


def _git(root: Path, *args: str) -> None:
    env = {**ENV, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@example.com", "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@example.com"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def time_diff(root: Path, runs: int, edits: int = 100) -> dict:
    """`milepost diff HEAD~1 HEAD` after a commit that moves and re-budgets `edits` campaigns."""
    if not (root / ".git").exists():  # with --commits, the site has its history already
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "docs")
        _git(root, "commit", "-q", "-m", "base")
    files = sorted((root / "docs").rglob("*.md"))
    changed = 0
    for file in files:
        text = file.read_text(encoding="utf-8")
        if "kind: campaign" not in text:
            continue
        text, n = re.subn(r"(?m)^progress: (\d+)$", lambda m: f"progress: {min(100, int(m[1]) + 5)}", text, count=1)
        if n:
            file.write_text(text, encoding="utf-8")
            changed += 1
        if changed == edits:
            break
    _git(root, "commit", "-q", "-am", "progress")
    samples = []
    for _ in range(runs):
        wall, cpu, rss, code, err = run(Command([str(BIN / "milepost"), "diff", "HEAD~1", "HEAD", "--docs-dir", "docs"]), root)
        if code not in (0, 1):
            raise SystemExit(f"diff failed:\n{err[-3000:]}")
        samples.append((wall, cpu, rss))
    return _median(samples)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8", "replace")


def time_serve_rebuild(root: Path, runs: int, dirty: bool = False) -> list[float]:
    """Seconds from saving one campaign until `mkdocs serve` (with `--dirty`, if asked) serves
    the new campaign page and the new page of its roadmap, for each of `runs` edits."""
    command = [str(BIN / "mkdocs"), "serve", "--livereload", *(["--dirty"] if dirty else []), "-f", "with.yml"]
    return _time_edits(root, runs, command)


def time_preview(root: Path, runs: int, pause: float = 5.0) -> list[float]:
    """The same with `milepost serve`, which renders again only the pages the edit touches; `pause`
    seconds between a page showing and the next save, as someone reading it (the generated pages
    are rendered meanwhile, and a save that comes before they are done interrupts them)."""
    return _time_edits(root, runs, [str(BIN / "milepost"), "serve", "-f", "with.yml"], pause)


def _time_edits(root: Path, runs: int, command: list[str], pause: float = 0.0) -> list[float]:
    port = _port()
    server = subprocess.Popen([*command, "-a", f"127.0.0.1:{port}"], cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = next(p for p in sorted((root / "docs").rglob("*.md")) if "kind: campaign" in p.read_text(encoding="utf-8"))
    original = target.read_text(encoding="utf-8")
    try:
        url = f"http://127.0.0.1:{port}/" + target.relative_to(root / "docs").with_suffix("").as_posix() + "/"
        roadmap = url.rsplit("/", 2)[0] + "/"  # the roadmap's index.md sits beside its campaigns
        _wait(lambda: _fetch(url), 1800)
        times = []
        for attempt in range(runs):
            marker = f"Benchmark edit {attempt}"
            target.write_text(re.sub(r"(?m)^owner: .*$", f"owner: {marker}", original, count=1), encoding="utf-8")
            started = time.perf_counter()
            _wait(lambda: marker in _fetch(url) and marker in _fetch(roadmap), 1800)
            times.append(time.perf_counter() - started)
            time.sleep(pause)
        return times
    finally:
        target.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=300)  # a loaded machine takes its time removing a 5,000-page site
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _spread(samples: list[float]) -> str:
    return f"{min(samples):.2f} / {statistics.median(samples):.2f} / {max(samples):.2f}"


def _wait(check, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("timed out waiting for mkdocs serve")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commits", type=int, default=200, help="commits of the Git history the site is built with (0: no Git, history: false)")
    parser.add_argument("--serve", action="store_true", help="also time the rebuild after one edit under mkdocs serve and milepost serve")
    parser.add_argument("--markdown", type=Path, help="also write the table into this Markdown file, between the bench markers")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows, builds = [], {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"milepost-build-{size}-") as tmp:
            root = _site(Path(tmp), size, args.commits)
            result = time_builds(root, args.runs)
            builds[size] = result
            diff = time_diff(root, args.runs)
            serve = time_serve_rebuild(root, 1) if args.serve else None
            dirty = time_serve_rebuild(root, args.runs, dirty=True) if args.serve else None
            preview = time_preview(root, max(args.runs, 5)) if args.serve else None
            largest = ", ".join(f"{name} {size / 1024:,.0f} KiB" for name, size in result["pages"]["largest"])
            row = (
                f"| {size:,} | {result['plain']['wall']:.1f} | {result['plain_nav']['wall']:.1f} | {result['plugin']['wall']:.1f} | "
                f"{result['plugin']['wall'] / result['plain']['wall']:.2f} | {result['plugin']['cpu'] / result['plain']['cpu']:.2f} | "
                f"{result['paired']['wall']} | {result['paired']['cpu']} | "
                f"{result['plugin']['rss']:.0f} | {diff['wall']:.2f} | {'' if serve is None else f'{statistics.median(serve):.1f}'} | "
                f"{'' if dirty is None else f'{statistics.median(dirty):.1f}'} | {'' if preview is None else _spread(preview)} | {largest} |"
            )
            rows.append(row)
            print(row, file=sys.stderr, flush=True)
    header = (
        "| campaigns | plain build (s) | plain, same nav (s) | with Milepost (s) | ratio (wall) | ratio (CPU) "
        "| ratio to same nav, paired, min / median / max (wall) | ratio to same nav, paired, min / median / max (CPU) "
        "| peak MiB | `milepost diff` (s) | serve rebuild (s) | serve `--dirty` rebuild (s) "
        "| `milepost serve`, min / median / max (s) | largest pages |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    table = "\n".join([header, *rows])
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        growth = builds[last]["plugin"]["wall"] / builds[first]["plugin"]["wall"]
        table += f"\n\nBuild time with Milepost grows {growth:.2f}× from {first:,} to {last:,} campaigns ({last / first:.0f}× the campaigns)."
    print(table)
    if args.markdown:
        text = args.markdown.read_text(encoding="utf-8")
        start, end = "<!-- bench:build -->", "<!-- /bench:build -->"
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        args.markdown.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
