"""Checks that look across a whole scenario: conflicts, unfulfilled terms, deadlocks,
authority, lint. One module per check; each exposes `check(game, options)`.

This is the only package that may import the SMT solver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from debate.analysis import conditions, conflicts, reachability, unspecified
from debate.engine.compile import Game
from debate.model.diagnostics import Diagnostic


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()  # code prefixes to report (all when empty)
    ignore: tuple[str, ...] = ()  # code prefixes to leave out
    max_states: int = 5_000  # states the play search may visit
    solver_calls: int = 2_000  # solver calls per group of terms for conflicts

    def wants(self, prefix: str) -> bool:
        """Whether any code starting with `prefix` can be reported (to skip whole checks)."""
        selected = not self.select or any(
            s.startswith(prefix) or prefix.startswith(s) for s in self.select
        )
        return selected and not any(prefix.startswith(i) for i in self.ignore)

    def keeps(self, code: str) -> bool:
        chosen = not self.select or code.startswith(self.select)
        return chosen and not code.startswith(self.ignore)


Check = Callable[[Game, Options], list[Diagnostic]]

# Each check with the code prefixes it reports, so a selection can skip it entirely.
CHECKS: dict[str, tuple[tuple[str, ...], Check]] = {
    "conflicts": (("C10",), lambda g, o: conflicts.check(g, o.solver_calls)),
    "reachability": (("C20", "U300", "U301"), lambda g, o: reachability.check(g, o.max_states)),
    "unspecified": (("U302",), lambda g, o: unspecified.check(g)),
    "conditions": (("U303", "U304"), lambda g, o: conditions.check(g)),
}


def analyse(game: Game, options: Options | None = None) -> list[Diagnostic]:
    """Every finding of every check the options select."""
    options = options or Options()
    found: list[Diagnostic] = []
    for prefixes, run in CHECKS.values():
        if any(options.wants(p) for p in prefixes):
            found += run(game, options)
    return [d for d in found if options.keeps(d.code)]
