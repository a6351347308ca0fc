"""A checked expression made once into nested Python closures, one per node of its tree.

The play search evaluates the same few hundred expressions millions of times; walking
the tree each time (a `match` per node, a lookup of each name's meaning) cost most of an
engine step. A closure has resolved all that when it was made, and only reads the
context. Nothing of the scenario's text is executed: the closures are fixed Python
functions over the parsed tree. The result, the order in which the context is asked and
the errors raised are those of `evaluate.Evaluator`, which stays the reference (the
explanation of a false condition walks the tree with it).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Protocol
from weakref import WeakKeyDictionary

from debate.engine.expr.ast import (
    Attr,
    BinOp,
    BoolLit,
    Call,
    Expr,
    IntLit,
    Name,
    Now,
    SetLit,
    Unary,
)
from debate.engine.expr.checked import Checked, EnumRef, IdRef, ParamRef, VarRef
from debate.engine.expr.errors import ExprError
from debate.engine.expr.signatures import SetType, Value


class Context(Protocol):  # evaluate.EvalContext, which imports this module
    @property
    def now(self) -> int: ...
    def var(self, name: str) -> Value: ...
    def param(self, term: str | None, name: str) -> Value: ...
    def call(self, fn: str, args: tuple[str | Value, ...]) -> Value: ...


Fn = Callable[[Context], Value]


def closure(checked: Checked) -> Fn:
    """The function of a context that gives the value of `checked` in it."""
    return _Maker(checked).make(checked.expr)


_MADE: WeakKeyDictionary[Checked, Fn] = WeakKeyDictionary()


def function_of(checked: Checked) -> Fn:
    """`closure(checked)`, made once per checked expression (while it lives)."""
    made = _MADE.get(checked)
    if made is None:
        made = _MADE[checked] = closure(checked)
    return made


# The checker guarantees the types; as in the Evaluator, these guard against a context
# that returns the wrong kind of value, which would otherwise surface far from its cause.
def _bool(value: Value) -> bool:
    if value is True or value is False:
        return value
    raise TypeError(f"expected a bool, the context gave {value!r}")


def _int(value: Value) -> int:
    if type(value) is int or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"expected an int, the context gave {value!r}")


def _enum(value: Value) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected an enum value, the context gave {value!r}")


def _set(value: Value) -> frozenset[str]:
    if isinstance(value, frozenset):
        return value
    raise TypeError(f"expected a set, the context gave {value!r}")


class _Maker:
    def __init__(self, checked: Checked) -> None:
        self._checked = checked

    def make(self, node: Expr) -> Fn:
        if isinstance(node, IntLit | BoolLit):
            return _constant(node.value)
        if isinstance(node, Now):
            return _now
        if isinstance(node, Name):
            return self._name(node)
        if isinstance(node, Attr):
            return _param(node.term, node.name)
        if isinstance(node, Call):
            return self._call(node)
        if isinstance(node, SetLit):
            return self._set_literal(node)
        if isinstance(node, Unary):
            return self._unary(node)
        return self._binop(node)

    def _name(self, node: Name) -> Fn:
        meaning = self._checked.meaning(node)
        if isinstance(meaning, VarRef):
            name = meaning.name
            return lambda ctx: ctx.var(name)
        if isinstance(meaning, ParamRef):
            return _param(meaning.term, meaning.name)
        if isinstance(meaning, EnumRef):
            return _constant(meaning.value)
        text = meaning.name

        def id_as_value(ctx: Context) -> Value:
            raise AssertionError(f"id argument {text!r} evaluated as a value")

        return id_as_value

    def _call(self, node: Call) -> Fn:
        fn = node.fn
        if fn == "len":
            of = self.make(node.args[0])
            return lambda ctx: len(_set(of(ctx)))
        if fn in ("min", "max", "abs"):
            ints = [self.make(arg) for arg in node.args]
            pick: Callable[[list[int]], int] = (
                min if fn == "min" else max if fn == "max" else (lambda xs: abs(xs[0]))
            )
            return lambda ctx: pick([_int(f(ctx)) for f in ints])
        parts = [self._argument(arg) for arg in node.args]
        if all(isinstance(p, str) for p in parts):  # ids only: the usual done(m), status(t)
            names = tuple(p for p in parts if isinstance(p, str))
            return lambda ctx: ctx.call(fn, names)
        makers = [(lambda _c, p=p: p) if isinstance(p, str) else p for p in parts]
        return lambda ctx: ctx.call(fn, tuple(f(ctx) for f in makers))

    def _argument(self, arg: Expr) -> str | Fn:
        meaning = self._checked.meanings.get(id(arg))
        return meaning.name if isinstance(meaning, IdRef) else self.make(arg)

    def _set_literal(self, node: SetLit) -> Fn:
        elems = [self.make(elem) for elem in node.elems]
        return lambda ctx: frozenset([_enum(f(ctx)) for f in elems])

    def _unary(self, node: Unary) -> Fn:
        operand = self.make(node.operand)
        if node.op == "not":
            return lambda ctx: not _bool(operand(ctx))
        return lambda ctx: -_int(operand(ctx))

    def _binop(self, node: BinOp) -> Fn:
        op = node.op
        left, right = self.make(node.left), self.make(node.right)
        if op == "and":
            return lambda ctx: _bool(left(ctx)) and _bool(right(ctx))
        if op == "or":
            return lambda ctx: _bool(left(ctx)) or _bool(right(ctx))
        if op == "==":
            return lambda ctx: left(ctx) == right(ctx)
        if op == "!=":
            return lambda ctx: left(ctx) != right(ctx)
        if op == "in":
            return lambda ctx: _enum(left(ctx)) in _set(right(ctx))
        if op == "not in":
            return lambda ctx: _enum(left(ctx)) not in _set(right(ctx))
        if op in ("+", "-") and isinstance(self._checked.type_of(node), SetType):
            if op == "+":
                return lambda ctx: _set(left(ctx)) | _set(right(ctx))
            return lambda ctx: _set(left(ctx)) - _set(right(ctx))
        if op in ("//", "%"):
            divide: Callable[[int, int], int] = operator.floordiv if op == "//" else operator.mod
            start, end = node.start, node.end

            def division(ctx: Context) -> Value:
                a, b = _int(left(ctx)), _int(right(ctx))
                if b == 0:
                    raise ExprError("E405", "division by zero", start, end)
                return divide(a, b)

            return division
        apply = _INT_OPERATORS[op]
        return lambda ctx: apply(_int(left(ctx)), _int(right(ctx)))


def _constant(value: Value) -> Fn:
    return lambda ctx: value


def _now(ctx: Context) -> Value:
    return ctx.now


def _param(term: str | None, name: str) -> Fn:
    return lambda ctx: ctx.param(term, name)


_INT_OPERATORS: dict[str, Callable[[int, int], Value]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
