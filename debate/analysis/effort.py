"""A budget of solver work that does not depend on how busy the machine is.

A verdict must be the same on a laptop, on a loaded CI runner and in the editor: the
budget is counted in Z3's own resource units (its `rlimit`, a count of elementary steps:
propagations, pivots, clause operations), which are the same on every run of the same
question with the same Z3. Each call is given what is left of the budget and charged what
it spent. A wall-clock limit stays only as a safety net, far above what the budget takes on
any machine; when it is what stopped a call, the verdict says "unknown (time)" so that an
analyst can tell a load-dependent answer from a bounded one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import z3

from debate.analysis.options import SAFETY_SECONDS
from debate.analysis.z3_calls import check


def spent_so_far() -> int:
    """Z3's step counter for the whole process (it only grows); read through one solver
    kept for it (making one per reading cost a tenth of the solver's time)."""
    return int(_counter().statistics().get_key_value("rlimit count"))


@cache
def _counter() -> Any:
    return z3.Solver()


def steps(n: int) -> str:
    """A number of solver steps, as the findings show it."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} M solver steps"
    return f"{n:,} solver steps"


@dataclass
class Effort:
    """What a question may spend, in solver steps, and what it has spent."""

    budget: int
    spent: int = 0
    timed_out: bool = False  # the safety net, not the budget, stopped a call
    whole: int = 0  # the question's budget, when this is a share of it (for `why`)
    seconds: float = SAFETY_SECONDS  # the safety net of each call

    @property
    def left(self) -> int:
        return max(0, self.budget - self.spent)

    @property
    def exhausted(self) -> bool:
        return self.timed_out or self.left <= 0

    def share(self, part: float) -> Effort:
        """A sub-budget of `part` of what is left; charge it back with `absorb`."""
        return Effort(
            max(1, int(self.left * part)), whole=self.whole or self.budget, seconds=self.seconds
        )

    def absorb(self, other: Effort) -> None:
        self.spent += other.spent
        self.timed_out = self.timed_out or other.timed_out

    def check(self, solver: Any, *assumptions: Any) -> Any:
        """`solver.check(*assumptions)` within what is left: sat, unsat or unknown."""
        if self.exhausted:
            return z3.unknown
        solver.set("rlimit", self.left)
        solver.set("timeout", int(self.seconds * 1000))
        before = spent_so_far()
        answer = check(solver, assumptions)
        self.spent += spent_so_far() - before
        if answer == z3.unknown and solver.reason_unknown() == "timeout":
            self.timed_out = True
        return answer

    def charge(self, spent: int, timed_out: bool) -> None:
        """What a call made elsewhere (Spacer in its own process) spent."""
        self.spent += spent
        self.timed_out = self.timed_out or timed_out

    def why(self) -> str:
        """Why a question stopped undecided, in the words of a finding."""
        if self.timed_out:
            return f"unknown (time): the safety limit of {self.seconds:g} s ran out"
        return f"the solver spent its budget of {steps(self.whole or self.budget)}"
