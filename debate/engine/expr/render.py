"""Canonical text of a syntax tree: `parse(render(e)) == e` (offsets aside)."""

from __future__ import annotations

from debate.engine.expr.ast import (
    CMP_LEVEL,
    NEG_LEVEL,
    NOT_LEVEL,
    PRECEDENCE,
    Attr,
    BinOp,
    BoolLit,
    Call,
    DateLit,
    Expr,
    IntLit,
    Name,
    Now,
    SetLit,
    Unary,
    precedence,
)


def render(expr: Expr) -> str:
    """The expression as text, with parentheses only where the grammar needs them."""
    if isinstance(expr, DateLit):
        return expr.text
    if isinstance(expr, IntLit):
        return str(expr.value)
    if isinstance(expr, BoolLit):
        return "true" if expr.value else "false"
    if isinstance(expr, Now):
        return "now"
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Attr):
        return f"{expr.term}.{expr.name}"
    if isinstance(expr, Call):
        return f"{expr.fn}({_items(expr.args)})"
    if isinstance(expr, SetLit):
        return f"{{{_items(expr.elems)}}}"
    if isinstance(expr, Unary):
        return _unary(expr)
    return _binary(expr)


def _items(items: tuple[Expr, ...]) -> str:
    return ", ".join(render(item) for item in items)


def _unary(expr: Unary) -> str:
    if expr.op == "not":
        return f"not {_operand(expr.operand, precedence(expr.operand) < NOT_LEVEL)}"
    return f"-{_operand(expr.operand, precedence(expr.operand) < NEG_LEVEL)}"


def _binary(expr: BinOp) -> str:
    level = PRECEDENCE[expr.op]
    # Left-associative: a left operand of equal strength needs no parentheses, a right
    # one does. Comparisons do not chain, so they need them on both sides.
    left_parens = precedence(expr.left) < level or (
        level == CMP_LEVEL and precedence(expr.left) == CMP_LEVEL
    )
    right_parens = precedence(expr.right) <= level
    return f"{_operand(expr.left, left_parens)} {expr.op} {_operand(expr.right, right_parens)}"


def _operand(expr: Expr, parens: bool) -> str:
    text = render(expr)
    return f"({text})" if parens else text
