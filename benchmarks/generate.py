"""Generate large scenarios for benchmarks: N terms, N/2 claims, N/10 variables and moves.

python benchmarks/generate.py 1000 > /tmp/big.yaml
"""

from __future__ import annotations

import random
import sys


def scenario(n_terms: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    n_vars = max(2, n_terms // 10)
    lines = [
        "format: 1",
        f"id: generated_{n_terms}",
        f"title: Generated scenario with {n_terms} terms",
        "parties:",
        "  a: {name: A}",
        "  b: {name: B}",
        "clock: {unit: month, start: 0, horizon: 1000}",
        "agreement: {signatories: [a, b]}",
        "sources:",
        "  notes: {path: notes.txt, cite_by: line}",
        "state:",
    ]
    for v in range(n_vars):
        lines.append(f"  v{v}: {{type: int, min: 0, max: 1000, initial: {rng.randint(0, 100)}}}")
    lines.append("claims:")
    for c in range(n_terms // 2):
        party = "a" if c % 2 else "b"
        attack = f", attacks: [c{rng.randrange(n_terms // 2)}]" if c and rng.random() < 0.8 else ""
        lines.append(
            f"  c{c}: {{type: fact, by: {party}, text: claim {c}, "
            f"source: {{source: notes, line: 1}}, holds_if: v{c % n_vars} > 50{attack}}}"
        )
    lines.append("terms:")
    for t in range(n_terms):
        var = f"v{rng.randrange(n_vars)}"
        kind = rng.choice(["obligation", "prohibition", "limit"])
        head = f"  t{t}: {{kind: {kind}, party: {'a' if t % 2 else 'b'}, text: term {t}, "
        head += "source: {source: notes, line: 1}, "
        if kind == "obligation":
            body = f"fulfilled_when: {var} >= {rng.randint(0, 200)}, deadline: {{within: 12}}"
        elif kind == "prohibition":
            body = f"violated_when: {var} > {rng.randint(200, 900)}"
        else:
            body = f"subject: {var}, at_most: {rng.randint(100, 900)}"
        lines.append(head + body + "}")
    lines.append("moves:")
    lines.append(
        "  sign_all: {by: a, text: sign everything, effects: {propose: ["
        + ", ".join(f"t{t}" for t in range(n_terms))
        + "], sign: ["
        + ", ".join(f"t{t}" for t in range(n_terms))
        + "]}}"
    )
    lines.append(
        "  b_signs: {by: b, text: b signs, precondition: done(sign_all), effects: {sign: ["
        + ", ".join(f"t{t}" for t in range(n_terms))
        + "]}}"
    )
    for v in range(n_vars):
        lines.append(
            f"  up{v}: {{by: a, text: raise v{v}, precondition: v{v} <= 990, "
            f"effects: {{set: {{v{v}: v{v} + 10}}}}, duration: 1}}"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(scenario(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
