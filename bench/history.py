"""History benchmark: `mkdocs build` of a generated site with a Git history of COMMITS commits, without
history (as bench/build.py times it), with history (Last updated, What changed, trends, stale data)
and with history and `baseline` (ghost bars, variance/). Whole processes, repeated, medians.

    python bench/history.py --sizes 200 --commits 200 --runs 3

The first commit is the generated plan, tagged `bench-baseline`; each later commit, a day after
the one before, edits a few documents as weekly reporting does: KPI actuals and goal currents
change, and one campaign in ten moves by a week. Ratios against the build without history are
what to read: the machine is shared and noisy, so the three builds alternate.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import ENV, THEME, _build, _git, _median  # noqa: E402
from generate import generate  # noqa: E402
from validate import Command, run  # noqa: E402

CONFIGS = {
    "no_history": "      history: false\n",
    "history": "",
    "baseline": "      baseline: bench-baseline\n",
}
EDITS_PER_COMMIT = 5
_NUMBER = re.compile(r"(?m)^(current: |  - \{metric: [^,]+, target: [^,]+, actual: )(-?[\d.]+)")
_END = re.compile(r"(?m)^end: (\d{4}-\d{2}-\d{2})$")


def _config(options: str) -> str:
    return "site_name: Bench\ndocs_dir: docs\n" + THEME + "plugins:\n  - search\n  - milepost:\n      today: 2026-11-23\n" + options


def _edit(text: str, rng: random.Random) -> str:
    """A reporting week: numbers move; sometimes the campaign's end moves a week."""
    text = _NUMBER.sub(lambda m: f"{m[1]}{round(float(m[2]) * rng.uniform(1.0, 1.1), 1)}", text, count=1)
    if rng.random() < 0.1:
        text = _END.sub(lambda m: f"end: {(datetime.fromisoformat(m[1]) + timedelta(days=7)).date().isoformat()}", text, count=1)
    return text


def make_history(root: Path, campaigns: int, commits: int, seed: int = 7) -> None:
    generate(root / "docs", campaigns)
    for name, options in CONFIGS.items():
        (root / f"{name}.yml").write_text(_config(options))
    (root / ".gitignore").write_text("site-*/\n")
    rng = random.Random(seed)
    day = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _dated_commit(root, "plan", day)
    _git(root, "tag", "bench-baseline")
    files = sorted(p for p in (root / "docs").rglob("*.md") if "kind: goal" in (text := p.read_text(encoding="utf-8")) or "kind: campaign" in text)
    for index in range(1, commits):
        for file in rng.sample(files, min(EDITS_PER_COMMIT, len(files))):
            file.write_text(_edit(file.read_text(encoding="utf-8"), rng), encoding="utf-8")
        _git(root, "add", "-A")
        _dated_commit(root, f"week {index}", day + timedelta(days=index))


def _dated_commit(root: Path, message: str, when: datetime) -> None:
    stamp = when.isoformat()
    ENV.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    try:
        _git(root, "commit", "-q", "--allow-empty", "-m", message)
    finally:
        ENV.pop("GIT_AUTHOR_DATE"), ENV.pop("GIT_COMMITTER_DATE")


def time_history(root: Path, runs: int) -> dict[str, dict]:
    samples: dict[str, list] = {name: [] for name in CONFIGS}
    for _ in range(runs):
        for name in CONFIGS:  # alternate, so load drifts hit all alike
            wall, cpu, rss, code, err = run(Command(_build(f"{name}.yml", f"site-{name}")), root)
            if code != 0:
                raise SystemExit(f"{name} build failed:\n{err[-3000:]}")
            samples[name].append((wall, cpu, rss))
    return {name: _median(s) for name, s in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200")
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        "| campaigns | commits | no history (s) | history (s) | ratio (wall) | ratio (CPU) | history + baseline (s) | ratio (wall) | ratio (CPU) | peak MiB |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"milepost-history-{size}-") as tmp:
            root = Path(tmp)
            make_history(root, size, args.commits)
            result = time_history(root, args.runs)
            plain, history, baseline = result["no_history"], result["history"], result["baseline"]
            print(
                f"| {size:,} | {args.commits} | {plain['wall']:.1f} | {history['wall']:.1f} | {history['wall'] / plain['wall']:.2f} | "
                f"{history['cpu'] / plain['cpu']:.2f} | {baseline['wall']:.1f} | {baseline['wall'] / plain['wall']:.2f} | "
                f"{baseline['cpu'] / plain['cpu']:.2f} | {baseline['rss']:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
