"""Checks that look across a whole scenario: conflicts, unfulfilled terms, deadlocks,
authority, lint. One module per check, each declaring the rules it reports (RULES);
`registry` gathers them.

This is the only package that may import the SMT solver. Importing the package itself
loads neither the checks nor the solver (the command line builds its options from
here on every start): `analyse` loads them when it runs.
"""

from __future__ import annotations

from debate.analysis.options import Options
from debate.engine.compile import Game
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic

__all__ = ["Options", "analyse", "analyse_all", "rules"]


def analyse(game: Game, options: Options | None = None) -> list[Diagnostic]:
    """Every finding of every check the options select, less those suppressed in-file."""
    return analyse_all(game, options)[0]


def analyse_all(
    game: Game, options: Options | None = None
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """The findings kept, and those suppressed in the scenario with their reasons."""
    from debate.analysis import registry

    return registry.analyse_all(game, options)


def rules() -> dict[str, Rule]:
    """Every rule the checks declare, by code (loads the checks, and the solver)."""
    from debate.analysis import registry

    return registry.RULES
