"""How fast is `milepost validate`, against the floor of merely parsing the same YAML?

    python bench/validate.py [--sizes 1000,5000] [--runs 5] [--seed 0] [--keep DIR] [--check] [--markdown FILE]

For each size N, a synthetic valid site of N campaigns (bench/generate.py) is
written to a temporary folder, then these commands are timed as whole
processes, wall clock, `--runs` times each (interleaved, after one untimed
warm-up run of each so all read from a warm page cache), keeping the median:

- validate: `milepost validate DIR`, the console script next to sys.executable,
  with an empty cache folder on every run (`XDG_CACHE_HOME`): the first run in
  CI, every file parsed. This is the figure held against the targets.
- validate, warm cache: the same command once more on unchanged files, with
  the cache the previous run left (only when this Milepost keeps one:
  `~/.cache/milepost`, see milepost/cache.py); the pre-commit and
  `mkdocs serve` case.
- floor: a separate Python process that reads the same Markdown files, splits
  off the front matter and `yaml.load`s it with `yaml.CSafeLoader`, nothing more.

Milepost never writes into the user's own cache folder here: every run gets
one inside the temp folder.

Each command runs under a small wrapper process that times it
(`time.perf_counter` around the child, so the wrapper's own start-up is not
counted) and reports `resource.getrusage(RUSAGE_CHILDREN)`: the child's peak
RSS (ru_maxrss) and CPU time (user + sys, printed as well because wall time
is noisy on shared machines). The commands run in the temp folder, with no
mkdocs.yml, so the site's currency is the default EUR.

Targets: validate/floor <= 1.5 at 5,000 campaigns; time linear in N.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

FLOOR = r"""
import os, sys, yaml
docs = 0
for top, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if not name.lower().endswith((".md", ".markdown")):
            continue
        with open(os.path.join(top, name), "rb") as f:
            text = f.read().decode("utf-8-sig")
        if not text.startswith("---\n"):
            continue
        end = text.find("\n---", 3)
        data = yaml.load(text[4 : end + 1], Loader=yaml.CSafeLoader)
        docs += isinstance(data, dict) and "kind" in data
print(docs)
"""

WRAPPER = r"""
import json, resource, subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    started = time.perf_counter()
    code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT).returncode
    elapsed = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"elapsed": elapsed, "maxrss": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime, "code": code}))
"""
"""Runs one command and reports its wall time, CPU time and peak RSS.

A fresh, small process, so that the peak is the command's own: a child
started straight from this (large) benchmark process inherits this process's
peak RSS up to its exec, which would mask the floor's much smaller one.
"""

TARGET_RATIO = 1.5
MARKERS = ("<!-- bench:validate -->", "<!-- /bench:validate -->")
_SUMMARY = re.compile(r"^(\d+) documents?, (\d+) errors?, (\d+) warnings?$", re.MULTILINE)
_fresh = itertools.count()


@dataclass
class Command:
    argv: list[str]
    cache: Path | None = None  # XDG_CACHE_HOME to keep between runs; None: an empty one for each run


@dataclass
class Result:
    times: list[float]
    cpu: list[float]
    peaks: list[int]
    output: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks) / 2**20


def run(command: Command, cwd: Path) -> tuple[float, float, int, int, str]:
    """Wall-clock seconds, CPU seconds, peak RSS in bytes, exit code and output of one process."""
    cache = command.cache or cwd / f"cache-{next(_fresh)}"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    try:
        with tempfile.NamedTemporaryFile(prefix="milepost-bench-", suffix=".out") as out:
            wrapper = subprocess.run([sys.executable, "-c", WRAPPER, out.name, *command.argv], cwd=cwd, env=env, capture_output=True, text=True)
            if wrapper.returncode != 0:
                sys.exit(f"the timing wrapper failed:\n{wrapper.stderr}")
            report = json.loads(wrapper.stdout)
            output = Path(out.name).read_bytes().decode("utf-8", "replace")
    finally:
        if command.cache is None:
            shutil.rmtree(cache, ignore_errors=True)
    peak = report["maxrss"] * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux
    return report["elapsed"], report["cpu"], peak, report["code"], output


def measure(commands: dict[str, Command], cwd: Path, runs: int) -> dict[str, Result]:
    """Times, CPU times, peak memory and last output of each command, runs interleaved."""
    results = {name: Result([], [], []) for name in commands}
    for name, command in commands.items():  # warm-up: page cache, .pyc files, a warm cache's first fill
        _, _, _, code, output = run(command, cwd)
        if code != 0:
            sys.exit(f"{name} failed (exit {code}):\n{output[-3000:]}")
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, cpu, peak, code, output = run(command, cwd)
            if code != 0:
                sys.exit(f"{name} failed (exit {code}):\n{output[-3000:]}")
            result = results[name]
            result.times.append(elapsed)
            result.cpu.append(cpu)
            result.peaks.append(peak)
            result.output = output
    return results


def keeps_a_cache(milepost: str, site: Path, base: Path) -> bool:
    """Whether this Milepost writes a cache (milepost/cache.py): one run with a cache folder of its own."""
    probe = base / "cache-probe"
    try:
        run(Command([milepost, "validate", site.name], probe), base)
        return probe.exists() and any(path.is_file() for path in probe.rglob("*"))
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time `milepost validate` against the floor of parsing the same front matter.")
    parser.add_argument("--sizes", default="1000,5000", help="campaign counts, comma-separated (default 1000,5000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command per size (default 5); the median is kept")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated sites (default 0)")
    parser.add_argument("--keep", type=Path, help="write the sites below this folder and keep them, instead of a temp folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when the ratio target is missed at the largest size")
    parser.add_argument("--markdown", type=Path, help=f"also write the table into this Markdown file, between {MARKERS[0]} and {MARKERS[1]}")
    parser.add_argument("--milepost", help="the milepost executable (default: the one next to this Python)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if not sizes or args.runs < 1:
        parser.error("give at least one size and one run")
    milepost = args.milepost or str(Path(sys.executable).with_name("milepost"))
    if not Path(milepost).exists():
        parser.error(f"no milepost executable at {milepost}: install the project into this Python's environment")

    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}; {args.runs} timed runs per command, median kept; milepost: {milepost}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="milepost-bench-") as temp:
        base = args.keep or Path(temp)
        base.mkdir(parents=True, exist_ok=True)
        empty = base / "empty"
        empty.mkdir(exist_ok=True)
        print("start-up: timing on an empty folder…", file=sys.stderr)
        startup = measure({"validate": Command([milepost, "validate", empty.name]), "floor": Command([sys.executable, "-c", FLOOR, empty.name])}, base, args.runs)
        for size in sizes:
            site = base / f"site-{size}"
            if site.exists() and any(site.iterdir()):
                sys.exit(f"{site} exists and is not empty")
            started = time.perf_counter()
            counts = generate(site, size, args.seed)
            print(f"N={size}: generated {counts['files']} files in {time.perf_counter() - started:.1f} s; timing…", file=sys.stderr)
            commands = {"validate": Command([milepost, "validate", site.name])}
            if keeps_a_cache(milepost, site, base):
                commands["warm"] = Command([milepost, "validate", site.name], base / f"cache-warm-{size}")
            commands["floor"] = Command([sys.executable, "-c", FLOOR, site.name])
            results = measure(commands, base, args.runs)
            for name in commands.keys() - {"floor"}:
                summary = _SUMMARY.search(results[name].output)
                if summary is None:
                    sys.exit(f"unexpected output of milepost validate:\n{results[name].output[-3000:]}")
                documents, errors, warnings = map(int, summary.groups())
                if errors or warnings:
                    sys.exit(f"the generated site is not clean ({errors} errors, {warnings} warnings): fix bench/generate.py\n{results[name].output[-3000:]}")
            floor_documents = int(results["floor"].output.split()[-1])
            if floor_documents != documents:
                sys.exit(f"the floor read {floor_documents} documents, milepost {documents}")
            for name, result in results.items():
                times = ", ".join(f"{t:.3f}" for t in result.times)
                cpu = ", ".join(f"{t:.3f}" for t in result.cpu)
                print(f"  {name:8s} wall (s): {times}; CPU (s): {cpu}; peak MiB: {result.peak_mib:.1f}", file=sys.stderr)
            rows.append((size, documents, results))

    table = report(rows, startup)
    print()
    print(table)
    if args.markdown:
        text = args.markdown.read_text(encoding="utf-8")
        if MARKERS[0] not in text or MARKERS[1] not in text:
            sys.exit(f"{args.markdown} has no {MARKERS[0]} … {MARKERS[1]} markers to write the table between")
        before, _, rest = text.partition(MARKERS[0])
        _, _, after = rest.partition(MARKERS[1])
        args.markdown.write_text(f"{before}{MARKERS[0]}\n{table}\n{MARKERS[1]}{after}", encoding="utf-8")
    last = rows[-1][2]
    return 1 if args.check and last["validate"].median / last["floor"].median > TARGET_RATIO else 0


def report(rows: list, startup: dict[str, Result]) -> str:
    """The Markdown table and the verdicts."""
    out: list[str] = []
    warm = any("warm" in results for _, _, results in rows)
    first_size, _, first = rows[0]
    head = [
        "N campaigns", "documents", "validate median (s)", "floor median (s)", "validate / floor",
        "validate peak MiB", "floor peak MiB", "validate CPU (s)", "floor CPU (s)", "CPU validate / floor",
        "validate time vs smallest N", "floor time vs smallest N",
    ]
    if warm:
        head += ["validate, warm cache (s)", "warm / floor", "warm peak MiB"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---:|" * len(head))
    for size, documents, results in rows:
        v, f = results["validate"], results["floor"]
        scale = f"N ×{size / first_size:g}" if first_size else "-"
        cells = [
            f"{size:,}", f"{documents:,}", f"{v.median:.3f}", f"{f.median:.3f}", f"{v.median / f.median:.2f}",
            f"{v.peak_mib:.1f}", f"{f.peak_mib:.1f}", f"{v.cpu_median:.3f}", f"{f.cpu_median:.3f}", f"{v.cpu_median / f.cpu_median:.2f}",
            f"{v.median / first['validate'].median:.2f}× ({scale})", f"{f.median / first['floor'].median:.2f}× ({scale})",
        ]
        if warm:
            w = results.get("warm")
            cells += [f"{w.median:.3f}", f"{w.median / f.median:.2f}", f"{w.peak_mib:.1f}"] if w else ["-"] * 3
        out.append("| " + " | ".join(cells) + " |")
    v, f = startup["validate"], startup["floor"]
    cells = [
        "start-up (empty folder)", "0", f"{v.median:.3f}", f"{f.median:.3f}", f"{v.median / f.median:.2f}",
        f"{v.peak_mib:.1f}", f"{f.peak_mib:.1f}", f"{v.cpu_median:.3f}", f"{f.cpu_median:.3f}", f"{v.cpu_median / f.cpu_median:.2f}", "", "",
    ] + ([""] * 3 if warm else [])
    out.append("| " + " | ".join(cells) + " |")

    out.append("")
    last_size, _, last = rows[-1]
    v, f = last["validate"], last["floor"]
    ratio = v.median / f.median
    out.append(f"- Ratio validate/floor at {last_size:,} campaigns: {ratio:.2f} wall clock, {v.cpu_median / f.cpu_median:.2f} CPU "
          f"(target <= {TARGET_RATIO}): {'met' if ratio <= TARGET_RATIO else 'MISSED'}.")
    if "warm" in last:
        out.append(f"- With a warm cache (files unchanged since the last run): {last['warm'].median:.3f} s, {last['warm'].median / f.median:.2f}× the floor.")
    if len(rows) > 1 and first_size:
        scale = last_size / first_size
        zero = startup["validate"].median
        growth = v.median / first["validate"].median
        out.append(f"- Linearity: validate time at {last_size:,} / at {first_size:,} = {growth:.2f} for N ×{scale:g} "
              f"(linear: about {scale:g}, less by the fixed start-up cost; without start-up: "
              f"{(v.median - zero) / (first['validate'].median - zero):.2f}).")
        marginal_v = (v.median - first["validate"].median) / (last_size - first_size) * 1e6
        marginal_f = (f.median - first["floor"].median) / (last_size - first_size) * 1e6
        out.append(f"- Marginal wall time per campaign between those sizes: validate {marginal_v:.0f} µs, floor {marginal_f:.0f} µs.")

    return "\n".join(out)

if __name__ == "__main__":
    sys.exit(main())
