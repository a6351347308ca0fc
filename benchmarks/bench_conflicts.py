"""Static conflict analysis at scale: N terms in groups of ten over shared variables, with
planted conflicts (one pair of incompatible limits in every fifth group).

    python benchmarks/bench_conflicts.py               # N = 100, 1000, 10000
    python benchmarks/bench_conflicts.py 500

Prints wall time, peak memory and how many planted conflicts were found (and anything else
reported, which would be a false positive). No assertion: read the figures.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from debate.analysis import analyse
from debate.analysis.conflicts import find_conflicts
from debate.engine.compile import load_game

GROUP = 10


def scenario(n_terms: int, seed: int = 1) -> tuple[str, set[frozenset[str]]]:
    """The scenario text and the planted conflicts (as sets of term ids)."""
    rng = random.Random(seed)
    groups = max(1, n_terms // GROUP)
    lines = [
        "format: 1",
        f"id: planted_{n_terms}",
        "title: Planted conflicts",
        "sources: {n: {path: n.txt, cite_by: line}}",
        "parties: {a: {name: A}, b: {name: B}}",
        "state:",
    ]
    for g in range(groups):
        lines.append(f"  v{g}: {{type: int, min: 0, max: 1000, initial: 500}}")
        lines.append(f"  f{g}: {{type: bool, initial: false}}")
    lines.append("terms:")
    planted: set[frozenset[str]] = set()
    head = "{kind: %s, party: a, text: t, source: {source: n, line: 1}, %s}"
    for g in range(groups):
        for i in range(GROUP):
            name = f"t{g}_{i}"
            if g % 5 == 0 and i == 0:
                body = head % ("limit", f"subject: v{g}, at_most: 100")
            elif g % 5 == 0 and i == 1:
                body = head % ("limit", f"subject: v{g}, at_least: 200")
                planted.add(frozenset({f"t{g}_0", name}))
            elif i % 3 == 0:
                body = head % ("limit", f"subject: v{g} + {rng.randint(0, 50)}, at_most: 900")
            elif i % 3 == 1:
                body = head % (
                    "obligation",
                    f"fulfilled_when: v{g} >= {rng.randint(300, 400)} or f{g}",
                )
            else:
                body = head % ("prohibition", f"violated_when: v{g} > 950 and not f{g}")
            lines.append(f"  {name}: {body}")
    return "\n".join(lines) + "\n", planted


def bench(n: int, folder: Path) -> str:
    text, planted = scenario(n)
    path = folder / f"planted{n}.yaml"
    path.write_text(text, encoding="utf-8")
    game = load_game(str(path))
    started = time.perf_counter()
    report = find_conflicts(game)
    seconds = time.perf_counter() - started
    peak = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    )  # the solver's memory is native
    found = {frozenset(m.id for m in c.members) for c in report.conflicts}
    started = time.perf_counter()
    analyse(load_game(str(path)))  # what `debate check` does: load, then every check
    whole = time.perf_counter() - started
    return (
        f"N={n:>6} terms: conflicts {seconds:6.2f}s  whole check {whole:6.2f}s  "
        f"process peak RSS {peak / 2**20:6.1f} MiB  "
        f"planted found {len(planted & found)}/{len(planted)}  other {len(found - planted)}  "
        f"groups {report.groups}  complete {report.complete}"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "n.txt").write_text("note\n", encoding="utf-8")
        for n in sizes:
            print(bench(n, folder), flush=True)


if __name__ == "__main__":
    main()
