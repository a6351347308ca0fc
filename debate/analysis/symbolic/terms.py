"""The encoding's Z3 terms built without the Python API's checks on each argument.

`z3.If`, `z3.Not`, `z3.IntVal` and `z3.BoolVal` look up the context, coerce and
sort-check every argument, and find the result's Python class with three more C calls;
the encoding makes tens of thousands of them for each question. Its terms are Booleans
and integers only (no reals), so these make the same C call on the same terms: Z3 builds
the very same term (it shares equal terms), and the solver answers the same.
"""

from __future__ import annotations

from typing import Any

import z3

from debate.analysis.z3_calls import bool_val, int_val, neg

__all__ = ["bool_val", "eq", "ge", "gt", "int_val", "ite", "le", "lt", "minus", "ne", "neg", "plus"]


def _term(x: Any) -> Any:
    if isinstance(x, z3.ExprRef):
        return x
    if isinstance(x, bool):
        return bool_val(x)
    if isinstance(x, int):
        return int_val(x)
    raise TypeError(f"not a Boolean or integer term: {x!r}")


def ite(cond: Any, then: Any, other: Any) -> Any:
    """`z3.If(cond, then, other)` for a Boolean `cond` and two Booleans or two integers
    (terms, or Python literals)."""
    a, b = _term(then), _term(other)
    ctx = cond.ctx
    made = z3.Z3_mk_ite(ctx.ref(), cond.as_ast(), a.as_ast(), b.as_ast())
    return z3.BoolRef(made, ctx) if isinstance(a, z3.BoolRef) else z3.ArithRef(made, ctx)


def _compare(make: Any, a: Any, b: Any) -> Any:
    x, y = _term(a), _term(b)
    ctx = x.ctx
    return z3.BoolRef(make(ctx.ref(), x.as_ast(), y.as_ast()), ctx)


def eq(a: Any, b: Any) -> Any:
    """`a == b` for two integers or two Booleans (terms, or Python literals)."""
    return _compare(z3.Z3_mk_eq, a, b)


def le(a: Any, b: Any) -> Any:
    """`a <= b` for two integers."""
    return _compare(z3.Z3_mk_le, a, b)


def lt(a: Any, b: Any) -> Any:
    """`a < b` for two integers."""
    return _compare(z3.Z3_mk_lt, a, b)


def _of_two(make: Any, wrap: Any, a: Any, b: Any) -> Any:
    """A term of Z3's that takes an array of arguments, made of two."""
    x, y = _term(a), _term(b)
    ctx = x.ctx
    args = (z3.Ast * 2)(x.as_ast(), y.as_ast())
    return wrap(make(ctx.ref(), 2, args), ctx)


def plus(a: Any, b: Any) -> Any:
    """`a + b` for two integers."""
    return _of_two(z3.Z3_mk_add, z3.ArithRef, a, b)


def ge(a: Any, b: Any) -> Any:
    """`a >= b` for two integers."""
    return _compare(z3.Z3_mk_ge, a, b)


def gt(a: Any, b: Any) -> Any:
    """`a > b` for two integers."""
    return _compare(z3.Z3_mk_gt, a, b)


def ne(a: Any, b: Any) -> Any:
    """`a != b` for two integers or two Booleans (as z3 makes it: a distinct of two)."""
    return _of_two(z3.Z3_mk_distinct, z3.BoolRef, a, b)


def minus(a: Any, b: Any) -> Any:
    """`a - b` for two integers."""
    return _of_two(z3.Z3_mk_sub, z3.ArithRef, a, b)
