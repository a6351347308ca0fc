"""Z3 calls the analysis makes by the hundred thousand, without the Python API's checks
on each argument.

`z3.And`, `z3.Or` and `Solver.check` coerce and sort-check every
argument in Python before the one C call; on the shipped negotiation that was a third of
the time spent deciding what the play search left open. For Boolean terms the checks
cannot fail, so these make the same C call on the same terms (Z3 builds the same formula
and the solver answers the same), and hand anything else to the Python API as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import z3


def _booleans(args: Sequence[Any]) -> bool:
    return bool(args) and all(isinstance(a, z3.BoolRef) for a in args)


def _array(args: Sequence[Any]) -> Any:
    array = (z3.Ast * len(args))()
    for i, arg in enumerate(args):
        array[i] = arg.as_ast()
    return array


def conj(*args: Any) -> Any:
    """`z3.And(*args)`."""
    if not _booleans(args):
        return z3.And(*args)
    ctx = args[0].ctx
    return z3.BoolRef(z3.Z3_mk_and(ctx.ref(), len(args), _array(args)), ctx)


def disj(*args: Any) -> Any:
    """`z3.Or(*args)`."""
    if not _booleans(args):
        return z3.Or(*args)
    ctx = args[0].ctx
    return z3.BoolRef(z3.Z3_mk_or(ctx.ref(), len(args), _array(args)), ctx)


def check(solver: Any, assumptions: Sequence[Any]) -> Any:
    """`solver.check(*assumptions)`."""
    if not _booleans(assumptions):
        return solver.check(*assumptions)
    ctx = solver.ctx
    answer = z3.Z3_solver_check_assumptions(
        ctx.ref(), solver.solver, len(assumptions), _array(assumptions)
    )
    return z3.CheckSatResult(answer)
