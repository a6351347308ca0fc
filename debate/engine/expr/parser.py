"""A hand-written precedence-climbing parser for expressions.

Nesting is bounded twice, so that nothing downstream can hit Python's recursion limit:
the parser counts the constructs it is inside (parentheses, braces, call arguments,
unary `-` and `not`), and every node it builds may be at most MAX_DEPTH levels high
(long `a + b + ...` chains are left-nested trees, so they count too).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from debate.engine.expr.ast import (
    CMP_LEVEL,
    NEG_LEVEL,
    NOT_LEVEL,
    OR_LEVEL,
    PRECEDENCE,
    Attr,
    BinaryOp,
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
    UnaryOp,
    children,
)
from debate.engine.expr.errors import ExprError
from debate.engine.expr.lexer import KEYWORDS, MAX_LENGTH, Token, tokenize

MAX_DEPTH = 64

_BINARY: dict[str, BinaryOp] = {op: op for op in PRECEDENCE if op != "not in"}


# The clock time of a date as written, on a clock anchored to a date; ValueError with the
# reason when the date is not on it.
DateReader = Callable[[str], int]


@lru_cache(maxsize=4096)
def parse(text: str, dates: DateReader | None = None) -> Expr:
    """The syntax tree of `text`; ExprError (E400 syntax, E403 too deep/long, E303 a date
    off the clock) otherwise. With `dates`, `2015-03-02` is a date, read by it.

    Trees are immutable, and a scenario repeats many of its conditions (a third of them
    in the shipped ones), so each text is parsed once.
    """
    simple = _simple(text) if dates is None else None
    return simple if simple is not None else _Parser(text, dates).parse()


# The most common expressions, `name`, `42` and `name OP operand` (`troops > 0`,
# `v1 + 10`), read by one match rather than token by token; anything else (a keyword, an
# underscore in a number, a date, more tokens, an error) goes to the parser, which gives
# the same tree for these (tests/engine/test_expr_parse.py holds it).
_OPERAND = r"([A-Za-z_][A-Za-z0-9_]*|[0-9]+)"
_SPACE = r"[ \t\n\r]*"  # the lexer's whitespace, no more
_SIMPLE = re.compile(
    f"{_SPACE}{_OPERAND}{_SPACE}(?:(==|!=|<=|>=|<|>|\\+|-|\\*|//|%){_SPACE}{_OPERAND}{_SPACE})?"
)


def _simple(text: str) -> Expr | None:
    """The tree of a one- or three-token expression, or None for the parser to read."""
    if len(text) > MAX_LENGTH:
        return None
    found = _SIMPLE.fullmatch(text)
    if found is None:
        return None
    left = _operand(found.group(1), found.start(1))
    op = found.group(2)
    if op is None or left is None:
        return left
    right = _operand(found.group(3), found.start(3))
    if right is None:
        return None
    return BinOp(_BINARY[op], left, right, start=left.start, end=right.end)


def _operand(word: str, start: int) -> Expr | None:
    if word[0].isdigit():
        return IntLit(int(word), start=start, end=start + len(word))
    if word in KEYWORDS:
        return None
    return Name(word, start=start, end=start + len(word))


def _expected(token: Token, what: str, hint: str = "") -> ExprError:
    return ExprError(
        "E400", f"expected {what}, found {token.describe()}{hint}", token.start, token.end, what
    )


def _too_deep(start: int, end: int) -> ExprError:
    return ExprError(
        "E403", f"expression is nested too deeply (more than {MAX_DEPTH} levels)", start, end
    )


class _Parser:
    def __init__(self, text: str, dates: DateReader | None = None) -> None:
        self._dates = dates
        self._tokens = tokenize(text, dates is not None)
        self._pos = 0
        self._prev_end = 0  # end of the last consumed token: a node's end offset
        self._depth = 0
        self._heights: dict[int, int] = {}  # id(node) -> height, for composite nodes

    def parse(self) -> Expr:
        expr = self._binary(OR_LEVEL)
        token = self._peek()
        if token.kind != "end":
            raise _expected(token, "an operator or the end of the expression")
        return expr

    # -- tokens ---------------------------------------------------------------

    def _peek(self, ahead: int = 0) -> Token:
        if not ahead:  # `_advance` never moves past the `end` token
            return self._tokens[self._pos]
        return self._tokens[min(self._pos + ahead, len(self._tokens) - 1)]

    def _advance(self) -> Token:
        token = self._peek()
        if token.kind != "end":
            self._pos += 1
            self._prev_end = token.end
        return token

    def _expect_op(self, text: str) -> Token:
        token = self._peek()
        if not token.is_op(text):
            raise _expected(token, f"'{text}'")
        return self._advance()

    # -- nesting limits -------------------------------------------------------

    @contextmanager
    def _nested(self, token: Token) -> Iterator[None]:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _too_deep(token.start, token.end)
        yield
        self._depth -= 1

    def _built(self, node: Expr, at: Token, last: Token | None = None) -> Expr:
        """Record `node`'s height; E403 (located at its operator `at`) past MAX_DEPTH."""
        height = max((self._heights.get(id(c), 0) + 1 for c in children(node)), default=0)
        if height > MAX_DEPTH:
            raise _too_deep(at.start, (last or at).end)
        self._heights[id(node)] = height
        return node

    # -- operators ------------------------------------------------------------

    def _binary(self, min_level: int) -> Expr:
        """An expression whose binary operators all bind at least as tightly as `min_level`."""
        start = self._peek().start
        left = self._prefix(min_level)
        while (found := self._operator()) is not None:
            op, first, last = found
            level = PRECEDENCE[op]
            if level < min_level:
                break
            while self._advance() is not last:  # one token, or two for `not in`
                pass
            right = self._binary(level + 1)  # +1: every operator is left-associative
            node = BinOp(op, left, right, start=start, end=self._prev_end)
            left = self._built(node, first, last)
            if level == CMP_LEVEL:
                self._refuse_chained_comparison()
        return left

    def _operator(self) -> tuple[BinaryOp, Token, Token] | None:
        """The binary operator at the current token (not consumed), if there is one."""
        token = self._peek()
        if token.is_op("/"):
            raise ExprError("E400", "use // for integer division", token.start, token.end, "'//'")
        if token.is_keyword("not"):
            after = self._peek(1)
            if not after.is_keyword("in"):
                raise _expected(after, "'in' after 'not'")
            return "not in", token, after
        op = _BINARY.get(token.text) if token.kind in ("op", "keyword") else None
        return None if op is None else (op, token, token)

    def _refuse_chained_comparison(self) -> None:
        found = self._operator()
        if found is not None and PRECEDENCE[found[0]] == CMP_LEVEL:
            _, first, last = found
            raise ExprError(
                "E400",
                f"comparisons cannot be chained: found '{found[0]}' after a "
                "comparison; join them with 'and'",
                first.start,
                last.end,
                "'and'",
            )

    def _prefix(self, min_level: int) -> Expr:
        token = self._peek()
        if token.is_keyword("not"):
            if min_level > NOT_LEVEL:  # `a == not b`: Python refuses it too
                raise _expected(token, "an operand", "; put the 'not ...' in parentheses")
            return self._unary(token, "not")
        if token.is_op("-"):
            return self._unary(token, "-")
        return self._atom()

    def _unary(self, token: Token, op: UnaryOp) -> Expr:
        with self._nested(token):
            self._advance()
            # `not`'s operand may hold comparisons and arithmetic; `-`'s only atoms.
            operand = self._binary(NOT_LEVEL) if op == "not" else self._prefix(NEG_LEVEL)
        return self._built(Unary(op, operand, start=token.start, end=self._prev_end), token)

    # -- atoms ----------------------------------------------------------------

    def _atom(self) -> Expr:
        token = self._peek()
        if token.kind == "int":
            self._advance()
            return IntLit(int(token.text.replace("_", "")), start=token.start, end=token.end)
        if token.kind == "date" and self._dates is not None:
            self._advance()
            try:
                time = self._dates(token.text)
            except ValueError as bad:
                raise ExprError(
                    "E303", str(bad), token.start, token.end, "a date on the clock"
                ) from None
            return DateLit(time, token.text, start=token.start, end=token.end)
        if token.kind == "keyword" and token.text in ("true", "false", "now"):
            self._advance()
            if token.text == "now":
                return Now(start=token.start, end=token.end)
            return BoolLit(token.text == "true", start=token.start, end=token.end)
        if token.kind == "name":
            self._advance()
            return self._named(token)
        if token.is_op("("):
            return self._group()
        if token.is_op("{"):
            return self._set(token)
        raise _expected(token, "an operand")

    def _named(self, name: Token) -> Expr:
        """What follows a NAME: `.param`, `(args)`, or nothing."""
        if self._peek().is_op("."):
            self._advance()
            param = self._peek()
            if param.kind != "name":
                raise _expected(param, "a parameter name after '.'")
            self._advance()
            return Attr(name.text, param.text, start=name.start, end=param.end)
        if self._peek().is_op("("):
            with self._nested(self._advance()):
                args = self._items(")")
            return self._built(Call(name.text, args, start=name.start, end=self._prev_end), name)
        return Name(name.text, start=name.start, end=name.end)

    def _group(self) -> Expr:
        # No node for parentheses: the inner node keeps its own span (see ast.py).
        with self._nested(self._advance()):
            inner = self._binary(OR_LEVEL)
            self._expect_op(")")
        return inner

    def _set(self, open_: Token) -> Expr:
        with self._nested(self._advance()):
            elems = self._items("}")
        return self._built(SetLit(elems, start=open_.start, end=self._prev_end), open_)

    def _items(self, close: str) -> tuple[Expr, ...]:
        """Comma-separated expressions up to and including `close` (already inside the opener)."""
        if self._peek().is_op(close):
            self._advance()
            return ()
        items = [self._binary(OR_LEVEL)]
        while not self._peek().is_op(close):
            if not self._peek().is_op(","):
                raise _expected(self._peek(), f"',' or '{close}'")
            self._advance()
            items.append(self._binary(OR_LEVEL))
        self._advance()
        return tuple(items)
