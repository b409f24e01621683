"""History benchmark: `mkdocs build` of a generated site with a Git history of COMMITS commits, without
history (as bench/build.py times it), with history (Last updated, What changed, trends, stale data)
and with history and `baseline` (ghost bars, variance/). Whole processes, repeated, medians.

    python bench/history.py --sizes 1000,5000 --commits 200 --runs 3 [--markdown docs/performance.md]

The first commit is the generated plan, tagged `bench-baseline`; each later commit, a day after
the one before, edits a few documents as weekly reporting does: KPI actuals and goal currents
change, and one campaign in ten moves by a week. Ratios against the build without history are
what to read: the machine is shared and noisy, so the three builds alternate, and each round's
ratio is taken within the round (paired) before the median, minimum and maximum are taken.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import ENV, THEME, _build, _git  # noqa: E402
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


def time_history(root: Path, runs: int, warm_up: int = 1) -> dict[str, list[tuple]]:
    """(wall, CPU, peak RSS) of each round, per build, after `warm_up` untimed rounds (page cache, .pyc files)."""
    samples: dict[str, list] = {name: [] for name in CONFIGS}
    for attempt in range(warm_up + runs):
        for name in CONFIGS:  # alternate, so load drifts hit all alike
            wall, cpu, rss, code, err = run(Command(_build(f"{name}.yml", f"site-{name}")), root)
            if code != 0:
                raise SystemExit(f"{name} build failed:\n{err[-3000:]}")
            if attempt >= warm_up:
                samples[name].append((wall, cpu, rss))
    return samples


def _spread(values: list[float], digits: int) -> str:
    """min / median / max."""
    return " / ".join(f"{v:.{digits}f}" for v in (min(values), statistics.median(values), max(values)))


def row(size: int, commits: int, samples: dict[str, list[tuple]]) -> str:
    """One table row: each build's wall times, and each with history against the build without, paired by round."""
    plain = samples["no_history"]
    cells = [f"{size:,}", str(commits), _spread([s[0] for s in plain], 1)]
    for name in ("history", "baseline"):
        cells += [
            _spread([s[0] for s in samples[name]], 1),
            _spread([s[0] / p[0] for s, p in zip(samples[name], plain)], 2),
            f"{statistics.median(s[1] / p[1] for s, p in zip(samples[name], plain)):.2f}",
        ]
    cells.append(f"{max(s[2] for s in samples['baseline']) / (1024 * 1024):.0f}")
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| campaigns | commits | no history (s) | history (s) | ratio (wall) | ratio (CPU) | history + baseline (s) | ratio (wall) | ratio (CPU) | peak MiB |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm-up", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument("--markdown", type=Path, help="also write the table into this Markdown file, between the bench:history markers")
    args = parser.parse_args(argv)
    print(HEADER, flush=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"milepost-history-{size}-") as tmp:
            root = Path(tmp)
            make_history(root, size, args.commits)
            samples = time_history(root, args.runs, args.warm_up)
            for name, runs in samples.items():
                print(f"{size} {name}: " + ", ".join(f"{wall:.1f} s wall {cpu:.1f} s CPU" for wall, cpu, _ in runs), file=sys.stderr, flush=True)
            rows.append(row(size, args.commits, samples))
            print(rows[-1], flush=True)
    if args.markdown:
        text = args.markdown.read_text(encoding="utf-8")
        start, end = "<!-- bench:history -->", "<!-- /bench:history -->"
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        args.markdown.write_text(f"{before}{start}\n" + "\n".join([HEADER, *rows]) + f"\n{end}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
