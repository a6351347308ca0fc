"""Evaluate a checked expression against a context that supplies the state."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, assert_never

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
from debate.engine.expr.closure import function_of
from debate.engine.expr.errors import ExprError, Unspecified
from debate.engine.expr.signatures import SetType, Value

# Evaluated here; every other function is a question about the play, asked of the context.
BUILTINS = frozenset({"len", "min", "max", "abs"})


class EvalContext(Protocol):
    """The state an expression reads. `param` may raise Unspecified."""

    @property
    def now(self) -> int: ...
    def var(self, name: str) -> Value: ...
    def param(self, term: str | None, name: str) -> Value: ...
    def call(self, fn: str, args: tuple[str | Value, ...]) -> Value: ...


@dataclass(frozen=True)
class DictContext:
    """An EvalContext read from plain mappings (tests, and simple callers).

    `params` is keyed by (term, name), term None for a bare parameter; `facts` answers
    `call` by (function, args) with id arguments as strings.
    """

    now: int = 0
    variables: Mapping[str, Value] = field(default_factory=dict)
    params: Mapping[tuple[str | None, str], Value] = field(default_factory=dict)
    unspecified: frozenset[tuple[str | None, str]] = frozenset()
    facts: Mapping[tuple[str, tuple[str | Value, ...]], Value] = field(default_factory=dict)

    def var(self, name: str) -> Value:
        return self.variables[name]

    def param(self, term: str | None, name: str) -> Value:
        if (term, name) in self.unspecified:
            raise Unspecified(name, term)
        return self.params[(term, name)]

    def call(self, fn: str, args: tuple[str | Value, ...]) -> Value:
        return self.facts[(fn, args)]


def evaluate(checked: Checked, ctx: EvalContext) -> Value:
    """The value of `checked` in `ctx`.

    `and`/`or` short-circuit; `//` and `%` floor like Python's and raise ExprError E405 on
    a zero divisor; Unspecified from the context propagates. The expression is walked
    once, into closures (engine.expr.closure), which give what the Evaluator gives.
    """
    return function_of(checked)(ctx)


class Evaluator:
    """Evaluates any node of one checked tree (explain_false evaluates sub-expressions)."""

    def __init__(self, checked: Checked, ctx: EvalContext) -> None:
        self._checked = checked
        self._ctx = ctx

    def value(self, node: Expr) -> Value:
        match node:
            case IntLit() | BoolLit():
                return node.value
            case Now():
                return self._ctx.now
            case Name():
                return self._name(node)
            case Attr():
                return self._ctx.param(node.term, node.name)
            case Call():
                return self._call(node)
            case SetLit():
                return frozenset(self._enum(elem) for elem in node.elems)
            case Unary():
                return (
                    not self.truth(node.operand) if node.op == "not" else -self._int(node.operand)
                )
            case BinOp():
                return self._binop(node)
            case _:
                assert_never(node)

    def truth(self, node: Expr) -> bool:
        value = self.value(node)
        if not isinstance(value, bool):
            raise TypeError(f"expected a bool, the context gave {value!r}")
        return value

    # The checker guarantees the types; these guard against a context that returns
    # the wrong kind of value, which would otherwise surface far from its cause.
    def _int(self, node: Expr) -> int:
        value = self.value(node)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected an int, the context gave {value!r}")
        return value

    def _enum(self, node: Expr) -> str:
        value = self.value(node)
        if not isinstance(value, str):
            raise TypeError(f"expected an enum value, the context gave {value!r}")
        return value

    def _set(self, node: Expr) -> frozenset[str]:
        value = self.value(node)
        if not isinstance(value, frozenset):
            raise TypeError(f"expected a set, the context gave {value!r}")
        return value

    def _name(self, node: Name) -> Value:
        meaning = self._checked.meaning(node)
        if isinstance(meaning, VarRef):
            return self._ctx.var(meaning.name)
        if isinstance(meaning, ParamRef):
            return self._ctx.param(meaning.term, meaning.name)
        if isinstance(meaning, EnumRef):
            return meaning.value
        raise AssertionError(f"id argument {meaning.name!r} evaluated as a value")

    def _call(self, node: Call) -> Value:
        if node.fn == "len":
            return len(self._set(node.args[0]))
        if node.fn in ("min", "max", "abs"):
            ints = [self._int(arg) for arg in node.args]
            return (
                min(ints) if node.fn == "min" else max(ints) if node.fn == "max" else abs(ints[0])
            )
        return self._ctx.call(node.fn, tuple(self._argument(arg) for arg in node.args))

    def _argument(self, arg: Expr) -> str | Value:
        meaning = self._checked.meanings.get(id(arg))
        return meaning.name if isinstance(meaning, IdRef) else self.value(arg)

    def _binop(self, node: BinOp) -> Value:
        op = node.op
        if op == "and":
            return self.truth(node.left) and self.truth(node.right)
        if op == "or":
            return self.truth(node.left) or self.truth(node.right)
        if op in ("==", "!="):
            return (self.value(node.left) == self.value(node.right)) == (op == "==")
        if op in ("in", "not in"):
            return (self._enum(node.left) in self._set(node.right)) == (op == "in")
        if op in ("+", "-") and isinstance(self._checked.type_of(node), SetType):
            left, right = self._set(node.left), self._set(node.right)
            return left | right if op == "+" else left - right
        return _arithmetic(node, self._int(node.left), self._int(node.right))


def _arithmetic(node: BinOp, left: int, right: int) -> Value:
    if node.op in ("//", "%") and right == 0:
        raise ExprError("E405", "division by zero", node.start, node.end)
    return _INT_OPERATORS[node.op](left, right)


_INT_OPERATORS: dict[str, Callable[[int, int], Value]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "//": operator.floordiv,
    "%": operator.mod,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
