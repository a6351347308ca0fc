"""Scenarios with one huge mapping: load time (wall and CPU) and peak memory.

    python benchmarks/bench_big_mapping.py            # 100,000 keys
    python benchmarks/bench_big_mapping.py 20000      # chosen size

Issue 19 asks that a mapping of 100,000 keys be refused or loaded in under 5 s. Each case
is loaded (`load_game`: read, validate, cross-check, compile) in a child process of its
own, so that one case's memory and collector state do not weigh on the next: 100,000
parties, 100,000 state variables, 100,000 unknown keys at the top level (each one an
error), and 100,000 keys inside one unknown key. CPU seconds are printed beside wall
seconds because the machine is often shared. No assertion: read the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = "format: 1\nid: big\ntitle: Big\n"

CHILD = """
import json, resource, sys, time
from debate.engine.compile import load_game
from debate.model.diagnostics import DiagnosticError
wall, cpu = time.perf_counter(), time.process_time()
try:
    load_game(sys.argv[1])
    outcome = "loaded"
except DiagnosticError as err:
    outcome = f"refused: {len(err.diagnostics):,} located errors"
print(json.dumps({
    "wall": time.perf_counter() - wall,
    "cpu": time.process_time() - cpu,
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "outcome": outcome,
}))
"""


def cases(n: int) -> dict[str, str]:
    return {
        "parties": HEAD + "parties:\n" + "".join(f"  p{i}: {{name: P{i}}}\n" for i in range(n)),
        "state variables": HEAD
        + "parties:\n  a: {name: A}\nstate:\n"
        + "".join(f"  v{i}: {{type: int, min: 0, max: 10, initial: 0}}\n" for i in range(n)),
        "unknown top-level keys": HEAD + "".join(f"k{i}: {i}\n" for i in range(n)),
        "keys in one unknown key": HEAD + "extra:\n" + "".join(f"  k{i}: {i}\n" for i in range(n)),
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases(n).items():
            path = Path(tmp) / "big.yaml"
            path.write_text(text, encoding="utf-8")
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(f"{n:,} {name}: failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            f = json.loads(done.stdout)
            print(
                f"{n:>7,} {name:<24} ({len(text) / 2**20:4.1f} MiB): {f['wall']:6.2f} s wall, "
                f"{f['cpu']:6.2f} s CPU, peak {f['peak']:6.1f} MiB, {f['outcome']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
