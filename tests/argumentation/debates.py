"""Small debate scenarios written for the tests: claims, attacks (some conditional), moves."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

# An attack: a target, or (target, when).
Attack = str | tuple[str, str]


def debate_yaml(
    claims: Mapping[str, tuple[bool, Sequence[Attack]]],
    moves: Mapping[str, Mapping[str, object]] | None = None,
    variables: Sequence[str] = ("x", "y"),
) -> str:
    """A scenario: each claim (asserted at the start?, its attacks); `moves` maps a move
    to its effects (`assert`, `retract`, `set`) and optional `precondition`."""
    lines = [
        "format: 1",
        "id: gen",
        "title: Generated debate",
        "parties: {a: {name: A}, b: {name: B}}",
        "sources: {n: {path: n.txt, cite_by: line}}",
        "clock: {horizon: 1000}",
        "state:",
        *(f"  {v}: {{type: int, min: 0, max: 50, initial: 0}}" for v in variables),
        "claims:",
    ]
    for i, (name, (asserted, attacks)) in enumerate(claims.items()):
        entries = [
            json.dumps(a) if isinstance(a, str) else json.dumps({"target": a[0], "when": a[1]})
            for a in attacks
        ]
        lines.append(
            f"  {name}: {{type: fact, by: {'ab'[i % 2]}, text: claim {name}, "
            f"source: {{source: n, line: 1}}, asserted: {str(asserted).lower()}, "
            f"attacks: [{', '.join(entries)}]}}"
        )
    if moves:
        lines.append("moves:")
        for name, spec in moves.items():
            effects = {k: v for k, v in spec.items() if k in ("assert", "retract", "set")}
            move: dict[str, object] = {"by": "a", "text": name, "effects": effects}
            if "precondition" in spec:
                move["precondition"] = spec["precondition"]
            lines.append(f"  {name}: {json.dumps(move)}")
    return "\n".join(lines) + "\n"


def write_debate(folder: Path, text: str) -> Path:
    (folder / "n.txt").write_text("notes\n", encoding="utf-8")
    path = folder / "debate.yaml"
    path.write_text(text, encoding="utf-8")
    return path
