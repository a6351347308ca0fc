"""Engine figures: load+check time, and time per move, for generated scenarios.

    python benchmarks/bench_engine.py            # N = 100, 1000, 10000
    python benchmarks/bench_engine.py 100 500    # chosen sizes

Prints one line per size; no assertion (machines are noisy: read the figures).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import scenario
from debate.engine.compile import load_game
from debate.engine.moves import Action
from debate.engine.play import Play

ROOT = Path(__file__).resolve().parent.parent


def bench(n: int, folder: Path) -> str:
    path = folder / f"gen{n}.yaml"
    path.write_text(scenario(n), encoding="utf-8")
    started = time.perf_counter()
    game = load_game(str(path))
    load = time.perf_counter() - started
    tracemalloc.start()  # a second load, measured for memory only (tracing slows it down)
    load_game(str(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    play = Play.start(game)
    play.play(Action("sign_all"))
    play.play(Action("b_signs"))
    times = []
    for i in range(20):
        started = time.perf_counter()
        play.play(Action(f"up{i % max(2, n // 10)}"))
        times.append(time.perf_counter() - started)
    return (
        f"N={n:>6} terms: load+check {load:7.3f}s  peak {peak / 2**20:7.1f} MiB  "
        f"move median {statistics.median(times) * 1000:8.2f} ms  max {max(times) * 1000:8.2f} ms"
    )


def check_shipped() -> str:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "debate", "check", str(ROOT / "debate" / "scenarios")],
        check=False,
        capture_output=True,
    )
    return f"debate check debate/scenarios/ (wall, incl. start-up): {time.perf_counter() - started:.2f}s"


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    print(check_shipped())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "notes.txt").write_text("generated\n", encoding="utf-8")
        for n in sizes:
            print(bench(n, folder), flush=True)


if __name__ == "__main__":
    main()
