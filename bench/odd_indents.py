"""How the reader scales on hostile front matter: many lines with an odd (NBSP) indent, each one
reported. Linear means the time for 4x the lines is about 4x (it was quadratic once: 80,000 lines
took 12 s when the file was rescanned for each report).

    python bench/odd_indents.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from milepost.core.load import read_document


def text(lines: int) -> str:
    return "---\nkind: goal\nextra:\n" + "".join(f"\u00a0 k{i:x}: 1\n" for i in range(lines)) + "---\n"


def seconds(lines: int, runs: int) -> float:
    source = text(lines)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read_document(source.encode("utf-8"), "x.md", "x.md")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    small, large = seconds(20_000, args.runs), seconds(80_000, args.runs)
    print(f"20,000 lines: {small:.2f} s; 80,000 lines: {large:.2f} s; ratio {large / small:.2f} (linear: about 4)")


if __name__ == "__main__":
    main()
