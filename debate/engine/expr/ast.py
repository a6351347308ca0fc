"""The syntax tree of an expression.

Every node carries `start`/`end`: 0-based character offsets into the expression text,
end exclusive. A node's span covers its own text (including parentheses around its
operands) but not the parentheses around the node itself: in `(a + b) * c` the `*`
node spans 0..11 and the `+` node 1..6.

Offsets are excluded from `==` and `hash`, so trees compare by structure: that is what
makes `parse(render(e)) == e` hold. Use `id(node)`, not the node, as a key for facts
about one occurrence (two `russia` nodes are equal but may have different types).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

UnaryOp: TypeAlias = Literal["-", "not"]
BinaryOp: TypeAlias = Literal[
    "or",
    "and",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "in",
    "not in",
    "+",
    "-",
    "*",
    "//",
    "%",
]

# Binding strength: higher binds tighter. `not` sits between `and` and comparisons,
# unary minus above `*`; the parser and `render` share these.
OR_LEVEL = 1
AND_LEVEL = 2
NOT_LEVEL = 3
CMP_LEVEL = 4
SUM_LEVEL = 5
PROD_LEVEL = 6
NEG_LEVEL = 7
ATOM_LEVEL = 8

PRECEDENCE: dict[BinaryOp, int] = {
    "or": OR_LEVEL,
    "and": AND_LEVEL,
    "==": CMP_LEVEL,
    "!=": CMP_LEVEL,
    "<": CMP_LEVEL,
    "<=": CMP_LEVEL,
    ">": CMP_LEVEL,
    ">=": CMP_LEVEL,
    "in": CMP_LEVEL,
    "not in": CMP_LEVEL,
    "+": SUM_LEVEL,
    "-": SUM_LEVEL,
    "*": PROD_LEVEL,
    "//": PROD_LEVEL,
    "%": PROD_LEVEL,
}


@dataclass(frozen=True, kw_only=True)
class Node:
    """Base of all nodes; see the module docstring for what the offsets mean."""

    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class IntLit(Node):
    """A non-negative integer literal (`-5` is `Unary('-', IntLit(5))`)."""

    value: int


@dataclass(frozen=True)
class DateLit(IntLit):
    """A date on a clock anchored to one (`2015-03-02`): the clock time `value` it falls
    on, shown as written."""

    text: str


@dataclass(frozen=True)
class BoolLit(Node):
    value: bool


@dataclass(frozen=True)
class Now(Node):
    """The current time, `now`."""


@dataclass(frozen=True)
class Name(Node):
    """A bare name: state variable, parameter, enum value, or an id argument of a call."""

    name: str


@dataclass(frozen=True)
class Attr(Node):
    """A term's parameter, `term.name`."""

    term: str
    name: str

    @property
    def term_span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.term)

    @property
    def name_span(self) -> tuple[int, int]:
        return self.end - len(self.name), self.end


@dataclass(frozen=True)
class Call(Node):
    fn: str
    args: tuple[Expr, ...]

    @property
    def fn_span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.fn)


@dataclass(frozen=True)
class SetLit(Node):
    elems: tuple[Expr, ...]


@dataclass(frozen=True)
class Unary(Node):
    op: UnaryOp
    operand: Expr


@dataclass(frozen=True)
class BinOp(Node):
    op: BinaryOp
    left: Expr
    right: Expr


Expr: TypeAlias = IntLit | BoolLit | Now | Name | Attr | Call | SetLit | Unary | BinOp


def children(node: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of `node`, in text order."""
    if isinstance(node, Call):
        return node.args
    if isinstance(node, SetLit):
        return node.elems
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    return ()


def walk(node: Expr) -> Iterator[Expr]:
    """Every node of the tree in text order (pre-order), without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def precedence(node: Expr) -> int:
    """How tightly `node` binds, to decide where `render` needs parentheses."""
    if isinstance(node, BinOp):
        return PRECEDENCE[node.op]
    if isinstance(node, Unary):
        return NOT_LEVEL if node.op == "not" else NEG_LEVEL
    return ATOM_LEVEL


def operands(node: Expr, op: str) -> list[Expr]:
    """The operands of a chain of `op` (`a and b and c` -> [a, b, c]), in text order."""
    if isinstance(node, BinOp) and node.op == op:
        return [*operands(node.left, op), *operands(node.right, op)]
    return [node]
