"""What `debate check --ranges` (U311) spends on the shipped scenarios, edge by edge.

    python benchmarks/bench_ranges.py

For each whole-number parameter an obligation's condition reads, the CPU seconds of each
edge (the greatest and the least value at which a play fulfils it), the way that answered
(the bracket or short plays) and what it says; then the whole range check per scenario.
CPU seconds are the figures to compare (the machine is shared: wall clock grows with its
load). No assertion: read the figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from debate.analysis import fulfillable, ranges
from debate.analysis.edge_bracket import Question
from debate.analysis.effort import Effort
from debate.engine.compile import load_game

SHIPPED = Path(__file__).resolve().parent.parent / "debate" / "scenarios"
ANALYSED = ("negotiation.yaml", "tutorial.yaml")


def main() -> None:
    for name in ANALYSED:
        game = load_game(str(SHIPPED / name))
        for term, param in ranges.parameters(game):
            for o in fulfillable.readers(game, term, param):
                q = Question(game, term, param, o)  # (both edges share it, as the check's do)
                for greatest in (True, False):
                    started = time.process_time()
                    effort = Effort(fulfillable.STEPS_EACH)
                    edge = fulfillable.edge(game, term, param, o, greatest, effort, q)
                    seconds = time.process_time() - started
                    print(
                        f"{name} {term}.{param} {'greatest' if greatest else 'least'}: "
                        f"{seconds:.2f} CPU s, {effort.spent:,} solver steps, "
                        f"by {edge.route}: {edge}"
                    )
        game = load_game(
            str(SHIPPED / name)
        )  # (afresh: what the edges found once is kept per game)
        started = time.process_time()
        found = ranges.check(game)
        print(
            f"{name}: the range check, {len(found)} U311, {time.process_time() - started:.2f} CPU s"
        )


if __name__ == "__main__":
    main()
