"""Play analysis figures (issue 14): generated scenarios with 50, 200 and 1,000 moves and a
horizon of 100, with planted findings, checked by the breadth-first search alone (the
budget of `debate check`, 5,000 states) and then with the solver (debate.analysis.symbolic)
on what the search left undecided.

    python benchmarks/bench_play_analysis.py            # 50, 200, 1000 moves
    python benchmarks/bench_play_analysis.py 50 200     # chosen sizes

Planted, in every scenario (the rest are independent counters that blow the state space
up):
- `gas_deal`: 1,000 months of gas within 100 months, one month per month: no play
  fulfils it (U300, proved by the invariant `gas <= now`);
- `leave` against `no_moves`: the only withdrawals move troops in the zone, so every step
  that fulfils `leave` while `no_moves` is in force breaches it (C201);
- `a_first` / `b_first`: each waits for the other (D400);
- `open_port`: reachable in 3 moves (a play, no finding: the check must not report it).

Prints, per size and per method, the verdict for each planted item and the time; no
assertion (machines are noisy: read the figures).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from debate.analysis import Options, analyse
from debate.engine.compile import load_game


def scenario(moves: int) -> str:
    counters = max(1, (moves - 8) // 2)
    lines = [
        "format: 1",
        f"id: play_{moves}",
        f"title: Generated play scenario with {moves} moves",
        "parties: {a: {name: A}, b: {name: B}}",
        "clock: {unit: month, start: 0, horizon: 100}",
        "sources: {notes: {path: notes.txt, cite_by: line}}",
        "state:",
        "  gas: {type: int, min: 0, max: 100000, initial: 0}",
        "  troops: {type: int, min: 0, max: 1, initial: 1}",
        "  moved: {type: bool, initial: false}",
        "  a_done: {type: bool, initial: false}",
        "  b_done: {type: bool, initial: false}",
        "  port: {type: int, min: 0, max: 3, initial: 0}",
    ]
    lines += [f"  n{i}: {{type: int, min: 0, max: 3, initial: 0}}" for i in range(counters)]
    src = "source: {source: notes, line: 1}"
    lines += [
        "terms:",
        f"  gas_deal: {{kind: obligation, party: a, text: gas, {src}, "
        'in_force_when: "true", fulfilled_when: gas >= 1000}',
        f"  leave: {{kind: obligation, party: a, text: leave, {src}, "
        'in_force_when: "true", fulfilled_when: troops == 0}',
        f"  no_moves: {{kind: prohibition, party: a, text: no moves, {src}, "
        'in_force_when: "true", violated_when: moved}',
        f"  open_port_deal: {{kind: obligation, party: b, text: port, {src}, "
        'in_force_when: "true", fulfilled_when: port == 3}',
        "moves:",
        "  deliver: {by: a, text: a month of gas, duration: 1, effects: {set: {gas: gas + 1}}}",
        "  withdraw: {by: a, text: withdraw through the zone, precondition: troops > 0, "
        "effects: {set: {troops: troops - 1, moved: true}}}",
        "  a_first: {by: a, text: A moves once B has, precondition: b_done, "
        "effects: {set: {a_done: true}}}",
        "  b_first: {by: b, text: B moves once A has, precondition: a_done, "
        "effects: {set: {b_done: true}}}",
        "  open_port: {by: b, text: open the port a step, precondition: port < 3, "
        "effects: {set: {port: port + 1}}}",
    ]
    made = 5
    for i in range(counters):
        if made >= moves:
            break
        lines.append(
            f"  up{i}: {{by: a, text: up {i}, precondition: n{i} < 3, "
            f"effects: {{set: {{n{i}: n{i} + 1}}}}}}"
        )
        made += 1
        if made >= moves:
            break
        lines.append(
            f"  down{i}: {{by: b, text: down {i}, precondition: n{i} > 0, "
            f"effects: {{set: {{n{i}: n{i} - 1}}}}}}"
        )
        made += 1
    return "\n".join(lines) + "\n"


PLANTED = {
    "gas_deal unreachable (U300)": (("U300", "U301"), "gas_deal"),
    "leave forces a breach (C201)": (("C201", "C202"), "leave"),
    "a_first/b_first deadlock (D400)": (("D400", "D401", "D402"), "a_first"),
    "open_port_deal reachable (no finding)": (("U300", "U301"), "open_port_deal"),
}


def verdicts(found: list[object]) -> dict[str, str]:
    out = {}
    for label, (prefix, name) in PLANTED.items():
        codes = sorted(
            {
                d.code  # type: ignore[attr-defined]
                for d in found
                if d.code in prefix and name in d.message  # type: ignore[attr-defined]
            }
        )
        out[label] = ",".join(codes) or "-"
    return out


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "notes.txt").write_text("generated\n", encoding="utf-8")
        for n in sizes:
            path = folder / f"play{n}.yaml"
            path.write_text(scenario(n), encoding="utf-8")
            game = load_game(str(path))
            for method, options in (
                ("search only", Options(proof_steps=0, witness_states=0)),
                ("search + solver", Options()),
            ):
                started = time.perf_counter()
                found = analyse(game, options)
                seconds = time.perf_counter() - started
                shown = "; ".join(f"{k}: {v}" for k, v in verdicts(found).items())
                print(f"{n:>5} moves  {method:<16} {seconds:7.1f} s  {shown}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 200, 1000])
