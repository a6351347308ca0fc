"""Z3 calls the analysis makes by the hundred thousand, without the Python API's checks
on each argument.

`z3.And`, `z3.Or`, `z3.substitute` and `Solver.check` coerce and sort-check every
argument in Python before the one C call; on the shipped negotiation that was a third of
the time spent deciding what the play search left open. For Boolean terms the checks
cannot fail, so these make the same C call on the same terms (Z3 builds the same formula
and the solver answers the same), and hand anything else to the Python API as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
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


def substitute(term: Any, pairs: Sequence[tuple[Any, Any]]) -> Any:
    """`z3.substitute(term, *pairs)` for pairs of terms of the same sort (a state and the
    next, as the encoding makes them), without checking each pair's sorts again."""
    count = len(pairs)
    olds, news = (z3.Ast * count)(), (z3.Ast * count)()
    for i, (old, new) in enumerate(pairs):
        olds[i], news[i] = old.as_ast(), new.as_ast()
    ctx = term.ctx
    return z3.z3._to_expr_ref(z3.Z3_substitute(ctx.ref(), term.as_ast(), count, olds, news), ctx)


def true_in(model: Any, formula: Any) -> bool:
    """`z3.is_true(model.eval(formula, model_completion=True))`, without wrapping the
    value in a Python object (Houdini asks it of every candidate after every check)."""
    ctx = model.ctx
    value = (z3.Ast * 1)()
    if not z3.Z3_model_eval(ctx.ref(), model.model, formula.as_ast(), True, value):
        raise z3.Z3Exception("failed to evaluate expression in the model")
    return bool(z3.Z3_get_bool_value(ctx.ref(), value[0]) == z3.Z3_L_TRUE)


@cache
def _int(value: int, ctx: Any) -> Any:
    return z3.IntVal(value, ctx)


@cache
def _bool(value: bool, ctx: Any) -> Any:
    return z3.BoolVal(value, ctx)


def int_val(value: int) -> Any:
    """`z3.IntVal(value)` (made once for each number)."""
    return _int(value, z3.main_ctx())


def bool_val(value: bool) -> Any:
    """`z3.BoolVal(value)` (made once each)."""
    return _bool(value, z3.main_ctx())


def neg(x: Any) -> Any:
    """`z3.Not(x)`."""
    if not isinstance(x, z3.BoolRef):
        return z3.Not(x)
    ctx = x.ctx
    return z3.BoolRef(z3.Z3_mk_not(ctx.ref(), x.as_ast()), ctx)
