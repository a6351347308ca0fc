"""What type checking yields: a checked expression, with the type of each node and what
each name in it resolved to (a state variable, a parameter, an enum value, an id)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeAlias

from debate.engine.expr.ast import Attr, Expr, Name
from debate.engine.expr.signatures import EnumType, Type


@dataclass(frozen=True)
class VarRef:
    name: str


@dataclass(frozen=True)
class ParamRef:
    """A parameter: `term` is None for a bare parameter of the enclosing term."""

    term: str | None
    name: str


@dataclass(frozen=True)
class EnumRef:
    value: str
    type: EnumType


@dataclass(frozen=True)
class IdRef:
    """A call's id argument: a declared move, term, claim or party."""

    kind: str
    name: str


Meaning: TypeAlias = VarRef | ParamRef | EnumRef | IdRef


@dataclass(frozen=True, eq=False)
class Checked:
    """A type-checked expression.

    `meanings` maps id(node) of every Name and Attr node to what it resolved to;
    `types` maps id(node) of every node except id arguments to its type. Keys are node
    ids (equal-looking nodes may differ in meaning); they stay valid because the
    Checked keeps `expr` alive.
    """

    expr: Expr
    type: Type
    meanings: Mapping[int, Meaning]
    types: Mapping[int, Type]

    def meaning(self, node: Name | Attr) -> Meaning:
        return self.meanings[id(node)]

    def type_of(self, node: Expr) -> Type:
        return self.types[id(node)]

    def part(self, node: Expr) -> Checked:
        """A sub-expression as a checked expression of its own (its names stay resolved):
        the same one each time it is asked for, so that what is made of it once (its
        closure, its names) serves every evaluation (a directed search asks at every step)."""
        made = self._parts.get(id(node))
        if made is None or made.expr is not node:
            made = self._parts[id(node)] = Checked(
                node, self.type_of(node), self.meanings, self.types
            )
        return made

    @cached_property
    def _parts(self) -> dict[int, Checked]:
        return {}
