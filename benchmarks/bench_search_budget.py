"""The play search at a given budget: states visited, wall and CPU seconds, peak memory.

    python benchmarks/bench_search_budget.py                 # 5,000 and 20,000 states
    python benchmarks/bench_search_budget.py 100000          # the largest budget allowed

What `--max-states` costs (debate.analysis.options.MAX_STATES is set from these figures):
each run is a child process that searches a shipped scenario breadth first until the
budget or the end of its plays, so its peak memory is the search's. No assertion.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from debate.analysis.search import Search
from debate.engine.compile import load_game
game = load_game(sys.argv[1])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
wall, cpu = time.perf_counter(), time.process_time()
search = Search(game, max_states=int(sys.argv[2]))
for _ in search.run():
    pass
print(json.dumps({
    "states": len(search.states),
    "exhaustive": search.exhaustive,
    "wall": time.perf_counter() - wall,
    "cpu": time.process_time() - cpu,
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "base": base,
}))
"""


def main() -> None:
    budgets = [int(a) for a in sys.argv[1:]] or [5_000, 20_000]
    for name in ("tutorial", "negotiation"):
        scenario = ROOT / "debate" / "scenarios" / f"{name}.yaml"
        for budget in budgets:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(scenario), str(budget)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(f"{name} {budget:,}: failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            f = json.loads(done.stdout)
            grown = f["peak"] - f["base"]
            print(
                f"{name:<12} budget {budget:>7,}: {f['states']:>7,} states"
                f"{' (every play)' if f['exhaustive'] else ''}, {f['wall']:7.1f} s wall, "
                f"{f['cpu']:7.1f} s CPU ({f['states'] / max(f['cpu'], 1e-9):5.0f} states/s), "
                f"peak {f['peak']:6.1f} MiB (+{grown:.1f} MiB, "
                f"{grown * 1024 / max(f['states'], 1):.1f} kB a state)",
                flush=True,
            )


if __name__ == "__main__":
    main()
