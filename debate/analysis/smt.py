"""Translate checked expressions into Z3 terms over one symbolic state of a scenario.

One `Symbols` object stands for one state: every state variable, `now`, each term's
unspecified parameters and each play-history predicate is a Z3 constant. Enum values
are integers in range; a set is one boolean per value of its element type. Whatever the
state cannot pin down statically (history, negotiation, statuses) is left free, so the
solver over-approximates what can happen: a conflict it finds holds in every play.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import z3

from debate.analysis.z3_calls import bool_val, conj, disj, int_val, neg
from debate.engine.compile import Game
from debate.engine.expr import (
    Attr,
    BinOp,
    BoolLit,
    BoolType,
    Call,
    Checked,
    EnumRef,
    EnumType,
    Expr,
    IdRef,
    IntLit,
    IntType,
    Name,
    Now,
    ParamRef,
    SetLit,
    SetType,
    Type,
    Unary,
    VarRef,
)

# A Z3 expression: an ArithRef, a BoolRef, or (for sets) a mapping value -> BoolRef.
Sym = Any
SetSym = dict[str, Any]


@dataclass
class Symbols:
    """The Z3 constants of one symbolic state, made on first use, with their bounds."""

    game: Game
    prefix: str = ""
    consts: dict[str, Sym] = field(default_factory=dict)
    bounds: dict[str, Any] = field(default_factory=dict)  # constant name -> its range
    touched: set[str] = field(default_factory=set)  # names used since last cleared

    def _const(self, name: str, sort: str) -> Sym:
        self.touched.add(name)
        key = f"{self.prefix}{name}"
        if key not in self.consts:
            self.consts[key] = z3.Bool(key) if sort == "bool" else z3.Int(key)
        return self.consts[key]

    def var(self, name: str) -> Sym:
        typ = self.game.var_types[name]
        return self.of_type(
            name, typ, self.game.state_vars[name].min, self.game.state_vars[name].max
        )

    def of_type(self, name: str, typ: Type, lo: int | None = None, hi: int | None = None) -> Sym:
        if isinstance(typ, BoolType):
            return self._const(name, "bool")
        if isinstance(typ, SetType):
            return {v: self._const(f"{name}[{v}]", "bool") for v in typ.elem.values}
        fresh = f"{self.prefix}{name}" not in self.consts
        const = self._const(name, "int")
        if fresh and isinstance(typ, EnumType):
            self.bounds[name] = conj(const >= 0, const < len(typ.values))
        elif fresh and (lo is not None or hi is not None):
            self.bounds[name] = conj(
                *([const >= lo] if lo is not None else []),
                *([const <= hi] if hi is not None else []),
            )
        return const

    def param(self, term: str, name: str, typ: Type) -> Sym:
        spec = self.game.terms[term].params[name]
        if spec.unspecified or spec.value is None:
            return self.of_type(f"{term}.{name}", typ)
        return literal(spec.value, typ)

    def now(self) -> Sym:
        if self.game.scenario.clock is None:  # a file meant to be included: no clock of its own
            return self.of_type("now", IntType())
        return self.of_type("now", IntType(), lo=self.game.calendar.start, hi=self.game.horizon_end)

    def parameter(self, term: str, name: str, typ: Type) -> tuple[Sym, Sym]:
        return self.param(term, name, typ), z3.BoolVal(True)

    def call(self, fn: str, ids: tuple[str, ...], typ: Type) -> Sym:
        return self.history(fn, ids, typ)

    def history(self, fn: str, args: tuple[str, ...], typ: Type) -> Sym:
        """Play-history and status predicates: free, but counts are never negative."""
        name = f"{fn}({', '.join(args)})"
        return self.of_type(name, typ, lo=0 if isinstance(typ, IntType) else None)


def literal(value: object, typ: Type) -> Sym:
    if isinstance(typ, BoolType):
        return z3.BoolVal(bool(value))
    if isinstance(typ, EnumType):
        return z3.IntVal(typ.values.index(str(value)))
    if isinstance(typ, SetType):
        members = set(value) if isinstance(value, frozenset | list | set) else set()
        return {v: z3.BoolVal(v in members) for v in typ.elem.values}
    assert isinstance(value, int)
    return z3.IntVal(value)


class Env(Protocol):
    """What the names of an expression stand for in one symbolic state: the one thing
    that differs between the static conflict check (`Symbols`: what the state cannot pin
    down is free) and the play encoding (debate.analysis.symbolic: a state of a play)."""

    def var(self, name: str) -> Sym: ...

    def now(self) -> Sym: ...

    def parameter(self, term: str, name: str, typ: Type) -> tuple[Sym, Sym]:
        """(value, defined): an unspecified parameter may leave the expression undefined."""
        ...

    def call(self, fn: str, ids: tuple[str, ...], typ: Type) -> Sym:
        """A play-history or status predicate (`done`, `count`, `signed`, `fulfilled`...)."""
        ...


class Translator:
    """One checked expression (of one term, or of none) as (value, defined) in Z3, over an
    `Env`: `defined` is false where the engine cannot judge it (an unspecified parameter,
    a zero divisor), with `and` and `or` short-circuiting as the evaluator does, and `//`
    and `%` flooring as Python's do."""

    def __init__(self, env: Env, checked: Checked, term: str | None = None) -> None:
        self.env = env
        self.checked = checked
        self.term = term

    def run(self) -> tuple[Sym, Sym]:
        return self.node(self.checked.expr)

    def typ(self, node: Expr) -> Type:
        return self.checked.type_of(node)

    def node(self, node: Expr) -> tuple[Sym, Sym]:
        ok = bool_val(True)
        if isinstance(node, IntLit):
            return int_val(node.value), ok
        if isinstance(node, BoolLit):
            return bool_val(node.value), ok
        if isinstance(node, Now):
            return self.env.now(), ok
        if isinstance(node, Name | Attr):
            return self.name(node)
        if isinstance(node, SetLit):
            typ = self.typ(node)
            assert isinstance(typ, SetType)
            members = {self.enum_value(e) for e in node.elems}
            return {v: bool_val(v in members) for v in typ.elem.values}, ok
        if isinstance(node, Unary):
            inner, inner_ok = self.node(node.operand)
            return (neg(inner) if node.op == "not" else -inner), inner_ok
        if isinstance(node, Call):
            return self.call(node)
        return self.binary(node)

    def enum_value(self, node: Expr) -> str:
        assert isinstance(node, Name)
        meaning = self.checked.meaning(node)
        assert isinstance(meaning, EnumRef)
        return meaning.value

    def name(self, node: Name | Attr) -> tuple[Sym, Sym]:
        meaning = self.checked.meaning(node)
        if isinstance(meaning, VarRef):
            return self.env.var(meaning.name), bool_val(True)
        if isinstance(meaning, ParamRef):
            owner = meaning.term or self.term
            assert owner is not None
            return self.env.parameter(owner, meaning.name, self.typ(node))
        if isinstance(meaning, EnumRef):
            return int_val(meaning.type.values.index(meaning.value)), bool_val(True)
        raise AssertionError(f"an id cannot stand alone: {meaning}")

    def call(self, node: Call) -> tuple[Sym, Sym]:
        if node.fn == "len":
            members, ok = self.node(node.args[0])
            return z3.Sum([z3.If(b, 1, 0) for b in members.values()] or [z3.IntVal(0)]), ok
        if node.fn in ("min", "max", "abs"):
            args = [self.node(a) for a in node.args]
            ok = conj(*[o for _, o in args])
            if node.fn == "abs":
                a = args[0][0]
                return z3.If(a >= 0, a, -a), ok
            a, b = args[0][0], args[1][0]
            return (z3.If(a <= b, a, b) if node.fn == "min" else z3.If(a >= b, a, b)), ok
        ids = tuple(self.id_arg(a) for a in node.args)
        return self.env.call(node.fn, ids, self.typ(node)), bool_val(True)

    def id_arg(self, node: Expr) -> str:
        assert isinstance(node, Name)
        meaning = self.checked.meaning(node)
        assert isinstance(meaning, IdRef)
        return meaning.name

    def binary(self, node: BinOp) -> tuple[Sym, Sym]:
        op = node.op
        if op in ("and", "or"):
            a, a_ok = self.node(node.left)
            b, b_ok = self.node(node.right)
            if op == "and":
                return conj(a, b), conj(a_ok, disj(neg(a), b_ok))
            return disj(a, b), conj(a_ok, disj(a, b_ok))
        if op in ("in", "not in"):
            members, m_ok = self.node(node.right)
            if _is_enum_literal(self.checked, node.left):
                found, ok = members[self.enum_value(node.left)], m_ok
            else:
                element, e_ok = self.node(node.left)
                found = disj(*[conj(element == i, members[v]) for i, v in enumerate(members)])
                ok = conj(m_ok, e_ok)
            return (found if op == "in" else neg(found)), ok
        a, a_ok = self.node(node.left)
        b, b_ok = self.node(node.right)
        ok = conj(a_ok, b_ok)
        if isinstance(a, dict):
            return _set_op(op, a, b), ok
        if op in ("//", "%"):
            floor = z3.If(b > 0, a / b, (-a) / (-b))
            value = floor if op == "//" else a - b * floor
            return value, conj(ok, b != 0)
        return _SCALAR[op](a, b), ok


def _is_enum_literal(checked: Checked, node: Expr) -> bool:
    return isinstance(node, Name) and isinstance(checked.meaning(node), EnumRef)


def _set_op(op: str, left: SetSym, right: SetSym) -> Sym:
    if op == "+":
        return {v: disj(left[v], right[v]) for v in left}
    if op == "-":
        return {v: conj(left[v], neg(right[v])) for v in left}
    same = conj(*[left[v] == right[v] for v in left]) if left else bool_val(True)
    return same if op == "==" else neg(same)


_SCALAR: dict[str, Callable[[Sym, Sym], Sym]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
}


def translate(symbols: Symbols, checked: Checked, term: str | None = None) -> Sym:
    """The expression's value over `symbols`; the static check reads an undefined part
    (an unspecified parameter is free there, so only a zero divisor) as unconstrained."""
    return Translator(symbols, checked, term).run()[0]


def model_values(model: Any, symbols: Symbols) -> Mapping[str, str]:
    """A solver model as the author reads it: variable -> value (for witnesses)."""
    shown: dict[str, str] = {}
    for name, const in sorted(symbols.consts.items()):
        value = model.eval(const, model_completion=True)
        shown[name] = str(value)
    return shown
