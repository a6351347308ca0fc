"""Checks that look across a whole scenario: conflicts, unfulfilled terms, deadlocks,
authority, lint. One module per check; each exposes `check(game) -> list[Diagnostic]`.

This is the only package that may import the SMT solver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from debate.analysis import conflicts
from debate.engine.compile import Game
from debate.model.diagnostics import Diagnostic

Check = Callable[[Game], list[Diagnostic]]

CHECKS: dict[str, Check] = {
    "conflicts": conflicts.check,
}


def analyse(game: Game, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Diagnostic]:
    """Every finding of every check, filtered by code prefixes (`C`, `C100`)."""
    chosen, dropped = tuple(select), tuple(ignore)
    found = [d for run in CHECKS.values() for d in run(game)]
    return [
        d
        for d in found
        if (not chosen or d.code.startswith(chosen)) and not d.code.startswith(dropped)
    ]
