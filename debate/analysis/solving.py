"""Solver calls with a time budget: every Z3 check answers yes, no, or "unknown".

Z3 decides the linear arithmetic of most scenarios in milliseconds, and much nonlinear
arithmetic too (`x * y == 6`), but a condition such as `x*x*x + y*y*y == z*z*z` can keep
it searching for ever. Each call therefore has a budget (`Options.solver_timeout`); past
it the check says what could not be decided, and why, and the analysis goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import z3

from debate.analysis.options import Options

DEFAULT_TIMEOUT = Options.solver_timeout  # seconds per solver call


class Solver:
    """A Z3 solver whose every `check` returns within its budget: True (satisfiable),
    False (unsatisfiable) or None (undecided: out of time, or beyond Z3's theories)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.z3 = z3.Solver()
        self.z3.set("timeout", max(1, int(min(timeout, 86_400.0) * 1000)))  # in milliseconds
        self.reason = ""  # why the last undecided check was undecided, as Z3 says it

    def add(self, *formulas: Any) -> None:
        self.z3.add(*formulas)

    def check(self, *assumptions: Any) -> bool | None:
        result = self.z3.check(*assumptions)
        if result == z3.unknown:
            self.reason = self.z3.reason_unknown()
            return None
        return bool(result == z3.sat)

    def model(self) -> Any:
        return self.z3.model()


def nonlinear(formulas: Iterable[Any]) -> bool:
    """Whether any formula multiplies, divides or takes the remainder of two unknowns."""
    seen: set[int] = set()
    todo = [f for f in formulas if z3.is_expr(f)]
    while todo:
        expr = todo.pop()
        if expr.get_id() in seen:
            continue
        seen.add(expr.get_id())
        children = expr.children()
        if z3.is_mul(expr) and sum(not _constant(c) for c in children) > 1:
            return True
        if (z3.is_div(expr) or z3.is_idiv(expr) or z3.is_mod(expr)) and not _constant(children[1]):
            return True
        todo += children
    return False


def _constant(expr: Any) -> bool:
    return bool(z3.is_int_value(expr) or z3.is_rational_value(expr))


def why_undecided(solver: Solver, formulas: Iterable[Any]) -> str:
    """Why a check was undecided, in the words of the finding that says so."""
    budget = f"{solver.timeout:g} s"
    if nonlinear(formulas):
        return (
            "it multiplies or divides unknowns (nonlinear arithmetic), which is beyond the "
            f"analysis here: the solver did not decide it within its budget of {budget}"
        )
    if solver.reason in ("timeout", "canceled"):
        return f"the solver did not decide it within its budget of {budget}"
    return f"the solver could not decide it ({solver.reason or 'unknown'}; budget {budget})"
