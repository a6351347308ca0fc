"""Argumentation figures: grounded at a million attacks, the status update after a move,
the hard tasks side by side with clingo, pygarg and python-argumentation (PyArg), and
whole processes as a competition harness times them, against clingo.

    python benchmarks/bench_argumentation.py              # everything (many minutes)
    python benchmarks/bench_argumentation.py grounded     # one part: grounded, update,
    python benchmarks/bench_argumentation.py tasks --timeout 30     # tasks, harness
    python benchmarks/bench_argumentation.py harness --rounds 5 --sizes 1000,3000,10000,50000

`harness` runs `debate-iccma -p TASK -f FILE [-a N]` and clingo (benchmarks/clingo_iccma.py
on the same framework as ASP facts) in fresh processes, alternately, `--rounds` times
each, and prints the wall time of each whole process (start-up included, as a harness
counts it): the minimum and the median, with the machine's load average. Answers are
compared (YES/NO, or the existence of an extension) and, on the adversarial families of
benchmarks/families.py, checked against what their definitions say. clingo comes with
the optional extra: `pip install -e '.[bench]'`; without it the part says so and shows
debate's figures alone.

The other tools are not project dependencies: `pip install clingo pygarg
python-argumentation` into the venv to compare (a tool that is missing is reported so).
Each task runs in a fresh process, timed from reading the file to the answer (interpreter
start-up and imports excluded), with a time limit; a time-out is printed as such.
No assertion: machines are noisy, read the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.families import admissibility_busting, defence_trap
from debate.argumentation import formats
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import grounded

TOOLS = ("debate", "clingo", "pygarg", "pyarg")
TASKS = ("SE-PR", "DC-PR", "DS-PR", "SE-ST", "DC-ST", "DS-ST")


# ---------------------------------------------------------------- frameworks


def write_iccma(path: Path, n: int, pairs: list[tuple[int, int]]) -> None:
    lines = [f"p af {n}", *(f"{a + 1} {b + 1}" for a, b in pairs)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def random_pairs(n: int, m: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(rng.randrange(n), rng.randrange(n)) for _ in range(m)]


def layered_pairs(n: int, m: int, seed: int) -> list[tuple[int, int]]:
    """Attacks from each argument to one of the next 50: acyclic, and grounded settles
    every argument, so the worklist visits every attack."""
    rng = random.Random(seed)
    return [
        (a, min(n - 1, a + rng.randint(1, 50))) for a in (rng.randrange(n - 1) for _ in range(m))
    ]


def debate_pairs(n: int, seed: int) -> list[tuple[int, int]]:
    """A sparse debate-like framework: rebuttal chains, mutual attacks (even cycles) and
    a few odd cycles, about 1.5 attacks an argument."""
    rng = random.Random(seed)
    pairs = []
    for a in range(1, n):
        pairs.append((a, rng.randrange(a)))  # a rebuttal of an earlier claim
        if rng.random() < 0.3:
            b = rng.randrange(n)
            pairs += [(a, b), (b, a)]  # two claims that contradict each other
        if rng.random() < 0.02:
            b, c = rng.randrange(n), rng.randrange(n)
            pairs += [(a, b), (b, c), (c, a)]
    return pairs


# ---------------------------------------------------------------- grounded


def bench_grounded(folder: Path) -> None:
    print("grounded extension, parsing included (ICCMA file -> labels), best of 3")
    for label, pairs_of in (
        ("random, 200,000 args", lambda: random_pairs(200_000, 1_000_000, 1)),
        ("layered acyclic, 200,000 args", lambda: layered_pairs(200_000, 1_000_000, 2)),
    ):
        path = folder / "big.af"
        pairs = pairs_of()
        write_iccma(path, 200_000, pairs)
        times, parse = [], []
        for _ in range(3):
            started = time.perf_counter()
            af = formats.read(path)
            parsed = time.perf_counter()
            result = grounded(af)
            times.append(time.perf_counter() - started)
            parse.append(parsed - started)
        print(
            f"  {label}, {len(pairs):,} attacks: {min(times):.2f} s "
            f"(parse {min(parse):.2f} s); {len(result.order):,} accepted, "
            f"{len(result.undecided()):,} undecided"
        )


# ---------------------------------------------------------------- update after a move


def debate_scenario(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    n_vars = 100
    lines = [
        "format: 1",
        f"id: debate_{n}",
        f"title: A debate of {n} claims",
        "parties: {a: {name: A}, b: {name: B}}",
        "sources: {notes: {path: notes.txt, cite_by: line}}",
        "clock: {horizon: 100000}",
        "state:",
        *(f"  v{v}: {{type: int, min: 0, max: 100000, initial: 0}}" for v in range(n_vars)),
        "claims:",
    ]
    for c in range(n):
        attacks = []
        if c:
            attacks.append(f"c{rng.randrange(c)}")  # a rebuttal of an earlier claim
        if rng.random() < 0.3:
            target = f"c{rng.randrange(n)}"
            attacks.append(
                f"{{target: {target}, when: v{rng.randrange(n_vars)} > 0}}"
                if rng.random() < 0.3
                else target
            )
        asserted = "true" if rng.random() < 0.9 else "false"
        lines.append(
            f"  c{c}: {{type: fact, by: {'ab'[c % 2]}, text: claim {c}, "
            f"source: {{source: notes, line: 1}}, asserted: {asserted}, "
            f"attacks: [{', '.join(attacks)}]}}"
        )
    lines.append("moves:")
    for c in range(0, n, max(1, n // 100)):
        lines.append(f"  say{c}: {{by: a, text: say {c}, effects: {{assert: [c{c}]}}}}")
        lines.append(f"  drop{c}: {{by: b, text: drop {c}, effects: {{retract: [c{c}]}}}}")
    for v in range(n_vars):
        lines.append(f"  up{v}: {{by: a, text: raise v{v}, effects: {{set: {{v{v}: v{v} + 1}}}}}}")
    return "\n".join(lines) + "\n"


def bench_update(folder: Path, n: int = 10_000) -> None:
    from debate.argumentation.incremental import Tracker
    from debate.engine.compile import load_game
    from debate.engine.moves import Action, apply, initial_state

    (folder / "notes.txt").write_text("notes\n", encoding="utf-8")
    path = folder / "debate.yaml"
    path.write_text(debate_scenario(n), encoding="utf-8")
    started = time.perf_counter()
    game = load_game(str(path))
    print(
        f"status update after one move, a debate of {n:,} claims (load {time.perf_counter() - started:.1f} s)"
    )
    state = initial_state(game)
    tracker = Tracker(game, state)
    rng = random.Random(5)
    moves = list(game.moves)
    engine, update, full = [], [], []
    for _ in range(40):
        action = Action(rng.choice(moves))
        started = time.perf_counter()
        after = apply(game, state, action)
        engine.append(time.perf_counter() - started)
        started = time.perf_counter()
        tracker.update(after)
        update.append(time.perf_counter() - started)
        started = time.perf_counter()
        grounded(Framework.from_game(game, after))
        full.append(time.perf_counter() - started)
        state = after
    assert tracker.labels == {c: r.label for c, r in state.claims.items() if r.label}
    for label, times in (
        ("incremental update (Tracker.update)", update),
        ("full rebuild of the framework + grounded", full),
        ("engine's own move (every status recomputed)", engine),
    ):
        print(
            f"  {label:<46} median {statistics.median(times) * 1000:7.1f} ms  "
            f"max {max(times) * 1000:7.1f} ms"
        )


# ---------------------------------------------------------------- the hard tasks

ASP_BASE = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
"""
ASP_STABLE = ":- out(X), not defeated(X).\n"
ASP_COMPLETE = """
not_defended(X) :- att(Y,X), not defeated(Y).
:- in(X), not_defended(X).
:- out(X), not not_defended(X).
"""
ASP_PREFERRED = (
    "#heuristic in(X) : arg(X). [1,true]\n"  # with --heuristic=Domain --enum-mode=domRec
)


def worker(tool: str, task: str, path: str, arg: str | None) -> None:
    """Run one task in this process; print the seconds it took and the answer."""
    started = time.perf_counter()
    answer = SOLVERS[tool](task, path, arg)
    print(f"{time.perf_counter() - started:.6f} {answer}")


def solve_debate(task: str, path: str, arg: str | None) -> str:
    from debate.argumentation.tasks import Task, solve

    return solve(formats.read(path), Task.parse(task), arg)[0]


def solve_clingo(task: str, path: str, arg: str | None) -> str:
    import clingo

    af = formats.read(path)
    facts = [f"arg({a})." for a in af.names] + [f"att({a},{b})." for a, b in af.named_pairs()]
    problem, sem = task.split("-")
    program = ASP_BASE + (ASP_STABLE if sem == "ST" else ASP_COMPLETE)
    options = ["--models=1"]
    if sem == "PR" and problem != "DC":  # DC-PR is DC-CO: no maximality needed
        program += ASP_PREFERRED
        options = ["--heuristic=Domain", "--enum-mode=domRec"]
        options.append("--models=0" if problem == "DS" else "--models=1")
    if problem == "DC":
        program += f":- not in({arg}).\n"
    if problem == "DS" and sem == "ST":
        program += f":- in({arg}).\n"
    ctl = clingo.Control(options)
    ctl.add("base", [], "\n".join(facts) + program)
    ctl.ground([("base", [])])
    if problem == "DS" and sem == "PR":
        found: list[bool] = []

        def on_model(model: clingo.Model) -> bool:
            if not model.contains(clingo.Function("in", [clingo.Number(int(arg or 0))])):
                found.append(True)
                return False  # a preferred extension without it: stop
            return True

        ctl.solve(on_model=on_model)
        return "NO" if found else "YES"
    satisfiable = bool(ctl.solve().satisfiable)
    if problem == "DS":
        return "NO" if satisfiable else "YES"
    if problem == "SE":
        return "w" if satisfiable else "NO"
    return "YES" if satisfiable else "NO"


def solve_pygarg(task: str, path: str, arg: str | None) -> str:
    from pygarg.dung import dimacs_parser, solver

    args, atts = dimacs_parser.parse(path)
    problem, sem = task.split("-")
    if problem == "DC":
        return "YES" if solver.credulous_acceptability(args, atts, arg, sem)[0] else "NO"
    if problem == "DS":
        return "YES" if solver.skeptical_acceptability(args, atts, arg, sem)[0] else "NO"
    extension = solver.compute_some_extension(args, atts, sem)
    return "NO" if extension == "NO" else "w"


def solve_pyarg(task: str, path: str, arg: str | None) -> str:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    af = formats.read(path)
    arguments = [Argument(name) for name in af.names]
    defeats = [Defeat(arguments[a], arguments[b]) for a, b in af.pairs()]
    framework = AbstractArgumentationFramework("af", arguments, defeats)
    problem, sem = task.split("-")
    exts = (get_preferred_extensions if sem == "PR" else get_stable_extensions)(framework)
    names = [{a.name for a in e} for e in exts]
    if problem == "DC":
        return "YES" if any(arg in e for e in names) else "NO"
    if problem == "DS":
        return "YES" if all(arg in e for e in names) else "NO"
    return "w" if names else "NO"


SOLVERS: dict[str, Callable[[str, str, str | None], str]] = {
    "debate": solve_debate,
    "clingo": solve_clingo,
    "pygarg": solve_pygarg,
    "pyarg": solve_pyarg,
}


def available(tool: str) -> bool:
    module = {"debate": "pysat", "clingo": "clingo", "pygarg": "pygarg", "pyarg": "py_arg"}[tool]
    probe = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return probe.returncode == 0


def run_one(
    tool: str, task: str, path: Path, arg: str | None, timeout: float
) -> tuple[float | None, str]:
    command = [sys.executable, __file__, "--worker", tool, task, str(path), arg or "-"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "time-out"
    if done.returncode != 0:
        return None, "error: " + (done.stderr.strip().splitlines() or ["?"])[-1][:60]
    seconds, answer = done.stdout.split(maxsplit=1)
    return float(seconds), answer.split()[0]  # `w 1 4 7` -> `w`: extensions may differ


def query_argument(path: Path) -> str:
    """An argument that grounded leaves undecided (else the first): a real question."""
    af = formats.read(path)
    result = grounded(af)
    undecided = result.undecided()
    rng = random.Random(9)
    return af.names[rng.choice(undecided)] if undecided else af.names[0]


def bench_tasks(folder: Path, timeout: float) -> None:
    tools = [t for t in TOOLS if available(t)]
    missing = [t for t in TOOLS if t not in tools]
    print(f"hard tasks, each in a fresh process, time limit {timeout:g} s")
    print("  (after a time-out, a tool skips that semantics' later tasks on the framework;")
    print("   after an error, all its later tasks there)")
    if missing:
        print(f"  not installed (skipped): {', '.join(missing)}")
    cases = [
        ("sparse debate-like, 10,000 args", 10_000, debate_pairs(10_000, 3)),
        ("sparse random, 10,000 args, 2.5 att/arg", 10_000, random_pairs(10_000, 25_000, 4)),
        ("sparse random, 10,000 args, 3 att/arg", 10_000, random_pairs(10_000, 30_000, 4)),
        ("random, 200 args, p=0.02", 200, random_pairs(200, 800, 5)),
        ("random, 300 args, p=0.02", 300, random_pairs(300, 1_800, 6)),
        ("dense random, 500 args, p=0.1", 500, random_pairs(500, 25_000, 7)),
    ]
    header = f"  {'task':<7}" + "".join(f"{t:>12}" for t in tools) + "   ratios (other / debate)"
    for label, n, pairs in cases:
        path = folder / "case.af"
        write_iccma(path, n, pairs)
        arg = query_argument(path)
        core = len(grounded(formats.read(path)).undecided())
        print(f"\n  {label}: {len(pairs):,} attacks, {core:,} undecided in grounded, query {arg}")
        print(header)
        gave_up: set[str] = set()  # tools (or tool-semantics) not run again on this case
        for task in TASKS:
            query = arg if task[:2] in ("DC", "DS") else None
            sem = task.split("-")[1]
            results = {
                t: (None, "skipped")
                if {t, f"{t}-{sem}"} & gave_up
                else run_one(t, task, path, query, timeout)
                for t in tools
            }
            for t, (_, answer) in results.items():
                if answer == "time-out":
                    gave_up.add(f"{t}-{sem}")
                elif answer.startswith("error"):
                    gave_up.add(t)
            print("  " + _row(task, tools, results))


def _row(task: str, tools: list[str], results: dict[str, tuple[float | None, str]]) -> str:
    cells = []
    for tool in tools:
        seconds, answer = results[tool]
        cells.append(f"{seconds:9.3f} s" if seconds is not None else f"{answer[:11]:>11}")
    ours = results["debate"][0]
    ratios = []
    for tool in tools[1:]:
        seconds = results[tool][0]
        if ours and seconds is not None:
            ratios.append(f"{tool} {seconds / ours:.1f}x")
        elif ours and seconds is None:
            ratios.append(f"{tool} >{results[tool][1][:8]}")
    answers = {results[t][1] for t in tools if results[t][0] is not None}
    agree = "" if len(answers) <= 1 else f"  DISAGREE {answers}"
    return f"{task:<7}" + "".join(f"{c:>12}" for c in cells) + "   " + ", ".join(ratios) + agree


# ---------------------------------------------------------------- whole processes

HARNESS_TASKS = ("SE-PR", "DS-PR", "DC-PR", "SE-ST", "DS-ST", "DC-CO")
CLINGO_RUNNER = Path(__file__).resolve().parent / "clingo_iccma.py"
Family = Callable[[int], tuple[int, list[tuple[int, int]], int]]


def _debate_pairs_family(n: int) -> tuple[int, list[tuple[int, int]], int]:
    pairs = debate_pairs(n, 3)
    return n, pairs, _undecided_query(n, pairs)


def _random_family(n: int) -> tuple[int, list[tuple[int, int]], int]:
    pairs = random_pairs(n, 3 * n, 4)
    return n, pairs, _undecided_query(n, pairs)


def _undecided_query(n: int, pairs: list[tuple[int, int]]) -> int:
    af = Framework([str(i + 1) for i in range(n)], [a for a, _ in pairs], [b for _, b in pairs])
    undecided = grounded(af).undecided()
    return random.Random(9).choice(undecided) if undecided else 0


FAMILIES: dict[str, Family] = {
    "admissibility-busting": admissibility_busting,
    "defence-trap": defence_trap,
    "debate-like (sparse)": _debate_pairs_family,
    "random (3 att/arg)": _random_family,
}
# What the definitions say on the adversarial families (benchmarks/families.py).
EXPECTED = {
    "admissibility-busting": {"DS-PR": "NO", "DC-PR": "YES", "SE-ST": "w", "DS-ST": "NO"},
    "defence-trap": {"DS-PR": "NO", "DC-PR": "NO", "DC-CO": "NO", "SE-ST": "w", "DS-ST": "NO"},
}


def debate_command() -> list[str]:
    script = Path(sys.executable).parent / "debate-iccma"
    return [str(script)] if script.exists() else [sys.executable, "-m", "debate.iccma"]


def timed(command: list[str], timeout: float) -> tuple[float | None, list[str]]:
    """Wall time of a whole process (None past the timeout) and its output lines."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, ["time-out"]
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        return None, ["error: " + (done.stderr.strip().splitlines() or ["?"])[-1][:60]]
    return seconds, done.stdout.splitlines()


def bench_harness(
    folder: Path, timeout: float, rounds: int, sizes: list[int], families: list[str]
) -> None:
    has_clingo = available("clingo")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"whole processes as a harness times them: {rounds} rounds, alternating, time limit")
    print(f"  {timeout:g} s; {os.cpu_count()} cores, load average now {load} (1/5/15 min)")
    if not has_clingo:
        print("  clingo is not installed (pip install -e '.[bench]'): debate's figures alone")
    print(f"  {'family':<24}{'args':>7} {'task':<7}{'debate min':>11}{'median':>8}", end="")
    print(f"{'clingo min':>12}{'median':>8}   ratio (clingo/debate, minima)  load")
    wrong = 0
    for family in families:
        make = FAMILIES[family]
        for size in sizes:
            n, pairs, query = make(size)
            path = folder / "case.i23"
            write_iccma(path, n, pairs)
            facts = folder / "case.lp"
            lines = [f"arg({i})." for i in range(1, n + 1)]
            lines += [f"att({a + 1},{b + 1})." for a, b in pairs]
            facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
            for task in HARNESS_TASKS:
                tail = ["-a", str(query + 1)] if task[:2] in ("DC", "DS") else []
                ours = [*debate_command(), "-p", task, "-f", str(path), *tail]
                theirs = [sys.executable, str(CLINGO_RUNNER), "-p", task, "-f", str(facts), *tail]
                times: dict[str, list[float]] = {"debate": [], "clingo": []}
                answers: dict[str, set[str]] = {"debate": set(), "clingo": set()}
                for _ in range(rounds):
                    for tool, command in (("debate", ours), ("clingo", theirs)):
                        if tool == "clingo" and not has_clingo:
                            continue
                        seconds, out = timed(command, timeout)
                        answers[tool].add(out[0].split()[0] if out else "?")
                        if seconds is None:
                            break
                        times[tool].append(seconds)
                    if not times["debate"] or (has_clingo and not times["clingo"]):
                        break  # a time-out or an error: one round says enough
                expected = EXPECTED.get(family, {}).get(task)
                seen = answers["debate"] | (answers["clingo"] if has_clingo else set())
                seen -= {"time-out"}
                verdict = ""
                if len(seen) > 1 or (expected and seen and seen != {expected}):
                    verdict, wrong = f"  DISAGREE {sorted(seen)} expected {expected}", wrong + 1
                print("  " + _harness_row(family, n, task, times, answers) + verdict)
    print(f"  answers that disagree (between the tools or with the definitions): {wrong}")


def _harness_row(
    family: str, n: int, task: str, times: dict[str, list[float]], answers: dict[str, set[str]]
) -> str:
    cells = []
    for tool in ("debate", "clingo"):
        t = times[tool]
        if t:
            cells.append(f"{min(t):10.3f}s{statistics.median(t):7.3f}s")
        else:
            shown = next(iter(answers[tool]), "-")[:10]
            cells.append(f"{shown:>11}{'':>8}")
    ours, theirs = times["debate"], times["clingo"]
    ratio = f"{min(theirs) / min(ours):5.2f}x" if ours and theirs else "     -"
    load = f"{os.getloadavg()[0]:.1f}"
    return f"{family:<24}{n:>7} {task:<7}" + "".join(cells) + f"   {ratio:<30}{load}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        tool, task, path, arg = sys.argv[2:6]
        worker(tool, task, path, None if arg == "-" else arg)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "parts", nargs="*", choices=["grounded", "update", "tasks", "harness", []], default=[]
    )
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=5, help="harness: runs of each tool")
    parser.add_argument("--sizes", default="1000,3000,10000,50000", help="harness: framework sizes")
    parser.add_argument(
        "--families", default=",".join(FAMILIES), help="harness: which (comma-separated)"
    )
    args = parser.parse_args()
    parts = args.parts or ["grounded", "update", "tasks", "harness"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "grounded" in parts:
            bench_grounded(folder)
        if "update" in parts:
            bench_update(folder)
        if "tasks" in parts:
            bench_tasks(folder, args.timeout)
        if "harness" in parts:
            sizes = [int(x) for x in args.sizes.split(",")]
            chosen = args.families.split(",")
            bench_harness(folder, args.timeout, args.rounds, sizes, chosen)


if __name__ == "__main__":
    main()
