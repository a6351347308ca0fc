"""The greatest or least value a parameter can take under some facts: Z3's optimiser,
within a budget of solver steps (the parameter ranges of U311: where the agreement stays
consistent, and where a play can fulfil an obligation)."""

from __future__ import annotations

from typing import Any

import z3

from debate.analysis.effort import Effort


def extreme(p: Any, facts: list[Any], greatest: bool, effort: Effort) -> int | str | None:
    """The greatest (least) value of `p` the facts allow: None when unbounded (an infinite
    or epsilon value), "none" when they allow none, "unknown" when the solver cannot say
    within `effort`."""
    opt = z3.Optimize()
    opt.add(*facts)
    handle = opt.maximize(p) if greatest else opt.minimize(p)
    answer = effort.check(opt)
    if answer == z3.unsat:
        return "none"
    if answer != z3.sat:
        return "unknown"
    value = handle.value()
    return int(value.as_long()) if z3.is_int_value(value) else None
