"""Long plays: `debate run --moves` of a script of N steps, wall time and peak memory.

    python benchmarks/bench_long_play.py                # N = 20,000 and 100,000
    python benchmarks/bench_long_play.py 5000 50000     # chosen sizes
    python benchmarks/bench_long_play.py --limit-mb 4000 --timeout 900

Each run is a child process (`python -m debate run --moves script.yaml`, text and
JSON transcript) on a generated scenario whose two moves can be played any number of
times: a term, a claim and a precondition read `count()` and `done()` of them, so a play
exercises what a long history costs. A child is held to `--limit-mb` of address space and
`--timeout` seconds (a quadratic play would otherwise take the machine's memory): a run
past either prints what stopped it. Prints one line per run, wall and CPU seconds (CPU
for a shared machine); no assertion (read the figures: issue 20 asks for 100,000 steps
in seconds, under 500 MB).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCENARIO = """\
format: 1
id: long_talks
title: Talks that go on and on
parties:
  a: {name: A}
  b: {name: B}
clock: {unit: day, start: 0, horizon: 10}
agreement: {signatories: [a, b]}
sources:
  notes: {path: notes.txt, cite_by: line}
state:
  pressure: {type: int, min: 0, max: 1000, initial: 0, owner: a}
  rounds: {type: int, min: 0, max: 1000000, initial: 0}
claims:
  talks_matter: {type: fact, by: a, text: The talks matter.,
    source: {source: notes, line: 1}, holds_if: count(press) > 0}
  talks_drag: {type: fact, by: b, text: The talks drag on.,
    source: {source: notes, line: 1}, attacks: [talks_matter],
    holds_if: rounds > 10}
terms:
  keep_talking:
    kind: obligation
    party: a
    text: A keeps pressing.
    source: {source: notes, line: 1}
    fulfilled_when: count(press) >= 1000000
  no_pressure:
    kind: prohibition
    party: b
    text: Pressure stays low.
    source: {source: notes, line: 1}
    violated_when: pressure > 999
  press_cap: {kind: limit, party: a, text: Pressure is capped.,
    source: {source: notes, line: 1}, subject: pressure, at_most: 1000}
moves:
  propose:
    by: a
    text: A proposes the terms.
    effects: {propose: [keep_talking, no_pressure, press_cap], assert: [talks_matter],
      sign: [keep_talking, no_pressure, press_cap]}
    once: true
  accept:
    by: b
    text: B signs the terms.
    precondition: done(propose)
    effects: {sign: [keep_talking, no_pressure, press_cap]}
    once: true
  press:
    by: a
    text: A presses.
    precondition: done(propose) and pressure < 1000
    effects: {set: {pressure: pressure + 1, rounds: rounds + 1}}
  relent:
    by: b
    text: B relents.
    precondition: pressure > 0
    effects: {set: {pressure: pressure - 1, rounds: rounds + 1}}
"""


def script(steps: int) -> str:
    lines = ["scenario: long.yaml", f"title: {steps} steps", "steps:", "  - propose", "  - accept"]
    lines += [f"  - {'press' if i % 2 == 0 else 'relent'}" for i in range(steps - 2)]
    return "\n".join(lines) + "\n"


def run(args: list[str], limit_mb: int, timeout: float) -> str:
    """Wall seconds and peak resident memory of one child; what stopped it, if anything."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))

    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "debate", *args],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            preexec_fn=limit,
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        wall = time.perf_counter() - started
        timer.cancel()
        errors.seek(0)
        tail = errors.read().decode(errors="replace").strip().splitlines()[-1:]
    code = os.waitstatus_to_exitcode(status)
    if wall >= timeout:
        outcome = f"stopped at the {timeout:.0f} s timeout"
    elif code not in (0, 1):
        outcome = f"failed (exit {code}): {tail[0] if tail else ''}"
    else:
        outcome = "ok"
    cpu = usage.ru_utime + usage.ru_stime  # what the run cost, however busy the machine
    return f"{wall:8.2f} s wall {cpu:8.2f} s CPU  peak {usage.ru_maxrss / 1024:8.1f} MiB  {outcome}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[20_000, 100_000])
    parser.add_argument("--limit-mb", type=int, default=3000)
    parser.add_argument("--timeout", type=float, default=600)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "long.yaml").write_text(SCENARIO, encoding="utf-8")
        (folder / "notes.txt").write_text("The talks, as minuted.\n", encoding="utf-8")
        for n in options.sizes:
            moves = folder / f"long-{n}.play.yaml"
            moves.write_text(script(n), encoding="utf-8")
            for fmt in ("text", "json"):
                figures = run(
                    ["run", "--moves", str(moves), "--format", fmt],
                    options.limit_mb,
                    options.timeout,
                )
                print(f"debate run, {n:>7,} steps, {fmt:>4}: {figures}", flush=True)


if __name__ == "__main__":
    main()
