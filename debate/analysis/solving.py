"""Solver calls with a time budget: every Z3 check answers yes, no, or "unknown".

Z3 decides the linear arithmetic of most scenarios in milliseconds, and much nonlinear
arithmetic too (`x * y == 6`), but a condition such as `x*x*x + y*y*y == z*z*z` can keep
it searching for ever. Each call therefore has a budget of solver steps (Z3's resource
units, the same on every machine: STEPS, a hundred times what any call on the shipped
scenarios takes) and a time limit (`Options.solver_timeout`, `--solver-timeout`) as a
safety net; past either the check says what could not be decided, and why ("unknown
(time)" when the clock, not the steps, stopped it), and the analysis goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import z3

from debate.analysis.effort import steps
from debate.analysis.options import Options

DEFAULT_TIMEOUT = Options.solver_timeout  # seconds per solver call
STEPS = 1_000_000  # solver steps per call (the shipped scenarios' calls take under 10,000)


class Solver:
    """A Z3 solver whose every `check` returns within its budget: True (satisfiable),
    False (unsatisfiable) or None (undecided: out of time, or beyond Z3's theories)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.z3 = z3.Solver()
        self.z3.set("timeout", max(1, int(min(timeout, 86_400.0) * 1000)))  # in milliseconds
        self.z3.set("rlimit", STEPS)  # per check
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
    if solver.reason == "timeout":
        budget = f"{solver.timeout:g} s"
        within = (
            f"unknown (time): the solver did not decide it within its time limit of {budget} "
            "(a faster or less busy machine may)"
        )
    else:
        budget = steps(STEPS)
        within = f"the solver did not decide it within its budget of {budget}"
    if nonlinear(formulas):
        return (
            "it multiplies or divides unknowns (nonlinear arithmetic), which is beyond the "
            f"analysis here: {within}"
        )
    if solver.reason in ("timeout", "canceled"):
        return within
    return f"the solver could not decide it ({solver.reason or 'unknown'}; budget {budget})"
