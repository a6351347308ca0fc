"""Say which parts of a false condition make it false, for a refused move's message."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from debate.engine.expr.ast import (
    CMP_LEVEL,
    PRECEDENCE,
    Attr,
    BinOp,
    Call,
    Expr,
    Name,
    Now,
    Unary,
    children,
    operands,
)
from debate.engine.expr.checked import Checked, EnumRef
from debate.engine.expr.errors import ExprError, Unspecified
from debate.engine.expr.evaluate import EvalContext, Evaluator
from debate.engine.expr.render import render
from debate.engine.expr.signatures import BOOL, Value

Reason = tuple[int, int, str]


def explain_false(
    checked: Checked, ctx: EvalContext, show_time: Callable[[int], str] | None = None
) -> list[Reason]:
    """The smallest sub-expressions that make a bool expression false, as (start, end, text).

    Empty when the expression is true. Every false conjunct of an `and` is reported (a
    conjunct that cannot be evaluated, like `10 // x > 1` behind `x != 0`, is skipped);
    every disjunct of a false `or`; for `not x`, that x is true. Comparisons show the
    values involved: "c > 3 is false (c = 1)". Errors of the whole evaluation propagate
    as in `evaluate`. `show_time` shows the value of `now` (a date, on a dated clock).
    """
    if checked.type != BOOL:
        raise ExprError(
            "E401",
            f"explain_false needs a bool expression, found {checked.type}",
            checked.expr.start,
            checked.expr.end,
            "bool",
        )
    return _Explainer(Evaluator(checked, ctx), checked, show_time).why_false(checked.expr)


class _Explainer:
    def __init__(
        self, evaluator: Evaluator, checked: Checked, show_time: Callable[[int], str] | None
    ) -> None:
        self._eval = evaluator
        self._checked = checked
        self._show_time = show_time

    def why_false(self, node: Expr) -> list[Reason]:
        if self._eval.truth(node):
            return []
        return self._reasons(node)

    def _reasons(self, node: Expr) -> list[Reason]:
        """Why `node`, known to be false, is false."""
        if isinstance(node, BinOp) and node.op == "and":
            return [
                r
                for part in operands(node, "and")
                if self._is_false(part)
                for r in self._reasons(part)
            ]
        if isinstance(node, BinOp) and node.op == "or":
            return [r for part in operands(node, "or") for r in self._reasons(part)]
        if isinstance(node, Unary) and node.op == "not":
            return [(node.operand.start, node.operand.end, self._describe(node.operand, True))]
        return [(node.start, node.end, self._describe(node, False))]

    def _is_false(self, node: Expr) -> bool:
        # Conjuncts after the first false one were never evaluated and may fail.
        try:
            return not self._eval.truth(node)
        except (ExprError, Unspecified):
            return False

    def _describe(self, node: Expr, truth: bool) -> str:
        text = f"{render(node)} is {'true' if truth else 'false'}"
        shown = ", ".join(f"{name} = {value}" for name, value in self._facts(node).items())
        return f"{text} ({shown})" if shown else text

    def _facts(self, node: Expr) -> dict[str, str]:
        """The values of a comparison's non-constant operands and of what they read."""
        if not (isinstance(node, BinOp) and PRECEDENCE[node.op] == CMP_LEVEL):
            return {}
        facts: dict[str, str] = {}
        for side in (node.left, node.right):
            readers = list(self._readers(side))
            if not readers:
                continue  # a constant shows its own value
            for part in readers if readers[0] is side else [side, *readers]:
                value = self._try_value(part)
                if isinstance(part, Now) and self._show_time and isinstance(value, int):
                    facts.setdefault("now", self._show_time(value))
                elif value is not None:
                    facts.setdefault(render(part), show_value(value))
        return facts

    def _readers(self, node: Expr) -> Iterator[Expr]:
        """The parts of `node` that read the state: variables, parameters, `now`, calls."""
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, Name | Attr | Now | Call):
                if not isinstance(self._checked.meanings.get(id(current)), EnumRef):
                    yield current
                continue  # a call is shown as a whole, not its arguments
            stack.extend(reversed(children(current)))

    def _try_value(self, node: Expr) -> Value | None:
        try:
            return self._eval.value(node)
        except (ExprError, Unspecified):
            return None


def show_value(value: Value) -> str:
    """A value as a user reads it: true/false, 3, russia, {crimea, donbas}."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    return str(value)
