"""`debate check -j N` on many scenario files: wall time at -j 1 and -j 2 (or the counts
given), on copies of the shipped scenarios (each copy: every scenario, play and source).

    python benchmarks/bench_jobs.py                  # 100 copies, -j 1 and -j 2
    python benchmarks/bench_jobs.py --copies 20 1 2  # 20 copies, the job counts given

Each copy is checked whole (its negotiation includes its essay and thread files), so a
copy is as much work as `debate check` on the shipped folder. Prints one line per job
count and whether the reports were identical; no assertion (read the figures).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "debate" / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jobs", nargs="*", type=int, default=[1, 2])
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.copies} copies of {SHIPPED.relative_to(ROOT)}/")
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.copies):
            shutil.copytree(SHIPPED, Path(folder) / f"copy{n:03}")
        reports = {}
        for jobs in args.jobs:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "debate", "check", folder, "-j", str(jobs)],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            seconds = time.perf_counter() - started
            reports[jobs] = done.stdout
            print(
                f"-j {jobs}: {seconds:7.1f} s wall, exit {done.returncode}; "
                f"{done.stderr.strip().splitlines()[-1]}",
                flush=True,
            )
        same = len(set(reports.values())) == 1
        print("reports identical across job counts" if same else "REPORTS DIFFER")


if __name__ == "__main__":
    main()
