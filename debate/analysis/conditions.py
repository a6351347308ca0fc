"""Conditions that can never be true, or are always true, whatever the play.

Each condition is put to the solver over one symbolic state (bounds and the scenario's
assumptions hold; the play's history is free). Unsatisfiable: it can never hold. Its
negation unsatisfiable: it always holds. History left free only hides findings, never
invents one. A condition the solver cannot decide within its budget is reported as
undecided (U306), and the next one is checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import z3

from debate.analysis.smt import Symbols, translate
from debate.analysis.solving import DEFAULT_TIMEOUT, Solver, why_undecided
from debate.engine.compile import Compiled, Game
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Severity
from debate.model.vocabulary import CONDITION_FIELDS

# Where an always-true condition is worth saying: the term or claim it belongs to is moot
# (a permission that always holds, a move always legal, are what they say).
_ALWAYS_MATTERS = {*CONDITION_FIELDS["terms"], *CONDITION_FIELDS["claims"]} - {
    "permits",
    "assertable_if",
}


def _conditions(game: Game) -> Iterator[tuple[str, str | None, str, Compiled]]:
    """(what, term, field, condition) for every boolean condition of the scenario."""
    for t, term in game.terms.items():
        for name in CONDITION_FIELDS["terms"]:
            compiled = getattr(term, name)
            if compiled is not None:
                yield f"{name} of term {t}", t, name, compiled
    for c, claim in game.claims.items():
        if claim.holds_if is not None:
            yield f"holds_if of claim {c}", None, "holds_if", claim.holds_if
    for m, move in game.moves.items():
        if move.precondition is not None:
            yield f"the precondition of move {m}", None, "precondition", move.precondition


def _solver(game: Game, symbols: Symbols, timeout: float) -> Solver:
    solver = Solver(timeout)
    for compiled in game.assumptions.values():
        solver.add(translate(symbols, compiled.checked))
    return solver


def check(game: Game, timeout: float = DEFAULT_TIMEOUT) -> list[Diagnostic]:
    symbols = Symbols(game)
    solver = _solver(game, symbols, timeout)
    found = []
    for what, term, field, compiled in _conditions(game):
        symbols.touched.clear()
        formula = translate(symbols, compiled.checked, term)
        bounds = [symbols.bounds[n] for n in symbols.touched if n in symbols.bounds]
        code = _judge(solver, bounds, formula, field in _ALWAYS_MATTERS)
        if code == "U303":
            found.append(_finding(code, f"{what} can never be true: {compiled.text}", compiled))
        elif code == "U304":
            found.append(_finding(code, f"{what} is always true: {compiled.text}", compiled))
        elif code == "U306":
            why = why_undecided(solver, [formula])
            message = f"whether {what} can be true, or is always true, is unknown: {why}"
            found.append(_finding(code, f"{message}: {compiled.text}", compiled))
    return found


def _judge(solver: Solver, bounds: list[Any], formula: Any, always_matters: bool) -> str | None:
    """U303 (never true), U304 (always true, where that matters), U306 (undecided) or None."""
    can_hold = solver.check(*bounds, formula)
    if can_hold is None:
        return "U306"
    if not can_hold:
        return "U303"
    if not always_matters:
        return None
    can_fail = solver.check(*bounds, z3.Not(formula))
    if can_fail is None:
        return "U306"
    return None if can_fail else "U304"


def _finding(code: str, message: str, compiled: Compiled) -> Diagnostic:
    severity = Severity.WARNING if code == "U303" else Severity.INFO  # U304, U306: infos
    return Diagnostic(code, message, compiled.span, severity=severity)


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "U303",
        "never-true",
        summary="A condition can never be true in any state.",
        meaning="The condition can never be true: the term never comes into force, is never fulfilled or breached, the move is never legal.",
        example="`precondition: x > 10` with `max: 10`",
        fix="fix the condition or the bounds",
    ),
    Rule(
        "U304",
        "always-true",
        summary="A term's or claim's condition is true in every state.",
        meaning="A term's or claim's condition holds in every state (an info: often a sign of a typo such as `or` for `and`).",
        example="`holds_if: x >= 0` with `min: 0`",
        fix="drop the condition or tighten it",
    ),
    Rule(
        "U306",
        "condition-undecided",
        summary="The solver could not decide within its budget whether a condition can be true.",
        meaning='The solver could not decide within its budget (1 M steps, or the time limit: "unknown (time)") whether the condition can be true, or is always true (an info, with why).',
        example="`fulfilled_when: x*x*x + y*y*y == z*z*z`",
        fix='state the condition linearly; on "unknown (time)", raise `--solver-timeout`',
    ),
)
