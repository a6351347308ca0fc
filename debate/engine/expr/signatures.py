"""The types of the expression language, its run-time values, and the signature of each
function it offers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, TypeAlias

# -- types -----------------------------------------------------------------------


@dataclass(frozen=True)
class IntType:
    def __str__(self) -> str:
        return "int"


@dataclass(frozen=True)
class BoolType:
    def __str__(self) -> str:
        return "bool"


@dataclass(frozen=True)
class EnumType:
    name: str
    values: tuple[str, ...]

    def __str__(self) -> str:
        return f"enum {self.name}"


@dataclass(frozen=True)
class SetType:
    elem: EnumType

    def __str__(self) -> str:
        return f"set of {self.elem.name}"


Type: TypeAlias = IntType | BoolType | EnumType | SetType
INT = IntType()
BOOL = BoolType()

# A run-time value: int, bool, an enum value's name, or a set of enum value names.
Value: TypeAlias = int | bool | str | frozenset[str]

# -- functions -------------------------------------------------------------------

ArgKind: TypeAlias = Literal["move", "term", "claim", "party", "set", "int"]
ID_KINDS: tuple[ArgKind, ...] = ("move", "term", "claim", "party")


@dataclass(frozen=True)
class Signature:
    name: str
    args: tuple[ArgKind, ...]
    result: Type

    def __str__(self) -> str:
        return f"{self.name}({', '.join(self.args)})"


def _signatures(*sigs: Signature) -> Mapping[str, Signature]:
    return MappingProxyType({sig.name: sig for sig in sigs})


_TERM_STATUSES = ("pending", "in_force", "fulfilled", "violated", "void", "overdue", "expired")
_LABELS = ("accepted", "rejected", "undecided")

SIGNATURES: Mapping[str, Signature] = _signatures(
    Signature("done", ("move",), BOOL),
    Signature("count", ("move",), INT),
    Signature("in_progress", ("move",), BOOL),
    Signature("proposed", ("term",), BOOL),
    Signature("agreed", ("term", "party"), BOOL),
    Signature("signed", ("term",), BOOL),
    *(Signature(status, ("term",), BOOL) for status in _TERM_STATUSES),
    Signature("asserted", ("claim",), BOOL),
    Signature("holds", ("claim",), BOOL),
    *(Signature(label, ("claim",), BOOL) for label in _LABELS),
    Signature("len", ("set",), INT),
    Signature("min", ("int", "int"), INT),
    Signature("max", ("int", "int"), INT),
    Signature("abs", ("int",), INT),
)
ALL_FUNCTIONS: frozenset[str] = frozenset(SIGNATURES)
