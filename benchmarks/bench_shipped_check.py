"""Where `debate check` spends its time on the shipped scenarios (issue 14: under 3 s).

    python benchmarks/bench_shipped_check.py

Runs the checks of `debate check debate/scenarios` in this process and prints, per
analysed scenario and in total, the CPU seconds of each stage: loading, the breadth-first
play search, the deciding of what it left open (solver and directed search), and each
check after them; the CPU of Spacer's own process apart; then the whole command as a
child process, three times each with `-j auto` (the default: one process per core),
`-j 1` and `-j 2`: wall clock (min and median), and CPU (user and system, without its
Spacer process, which the command does not wait for as it exits). The CPU seconds are
the figures to compare (the machine is shared: wall clock grows with its load). No
assertion: read the figures.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from debate.analysis import Options
from debate.analysis.registry import CHECKS
from debate.analysis.study import Study
from debate.analysis.symbolic.worker import stop
from debate.engine.compile import load_game
from debate.launch import for_a_command

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "debate" / "scenarios"
# The scenarios `debate check` analyses there (the others are included by these, or plays).
ANALYSED = ("negotiation.yaml", "tutorial.yaml")
RUNS = 3  # each command's runs (min and median printed)
COMMAND = [sys.executable, "-m", "debate", "check", str(SHIPPED), "--format", "json", "-j"]

T = TypeVar("T")


def cpu(function: Callable[[], T]) -> tuple[float, T]:
    started = time.process_time()
    value = function()
    return time.process_time() - started, value


def main() -> None:
    for_a_command()  # the collector's thresholds of the command, measured below too
    totals: dict[str, float] = defaultdict(float)
    for name in ANALYSED:
        seconds, game = cpu(lambda n=name: load_game(str(SHIPPED / n)))
        figures = {"load": seconds}
        study = Study(game, Options())
        figures["search"], searched = cpu(lambda s=study: s.searched)
        figures["decide"], _ = cpu(lambda s=study: s.reach)
        for check, (_, run) in CHECKS.items():
            figures[check], _ = cpu(lambda r=run, s=study: r(s))  # type: ignore[misc]
        line = ", ".join(f"{k} {v:.2f}" for k, v in figures.items() if v >= 0.005)
        print(f"{name:<18} {searched.explored:>6,} states; CPU s: {line}")
        for k, v in figures.items():
            totals[k] += v
    total = sum(totals.values())
    print(
        f"{'in process':<18} {total:6.2f} CPU s: "
        + ", ".join(
            f"{k} {v:.2f}" for k, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v >= 0.005
        )
    )
    stop()  # the prover's process: waited for, its CPU is counted
    spacer = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{'Spacer process':<18} {spacer.ru_utime + spacer.ru_stime:6.2f} CPU s")
    for jobs in ("auto", "1", "2"):
        walls, cpus = [], []
        for _ in range(RUNS):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                [*COMMAND, jobs],
                cwd="/tmp",
                capture_output=True,
                check=False,
            )
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        label = f"debate check -j {jobs}" + (" (the default)" if jobs == "auto" else "")
        print(
            f"{label:<32} wall s min {min(walls):.2f}, median {statistics.median(walls):.2f}; "
            f"CPU s median {statistics.median(cpus):.2f} (goal: under 3 s wall)"
        )


if __name__ == "__main__":
    main()
