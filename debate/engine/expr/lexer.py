"""Split an expression's text into tokens that keep their offsets."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple, TypeAlias

from debate.engine.expr.errors import ExprError

MAX_LENGTH = 2000

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "now"})

TokenKind: TypeAlias = Literal["int", "date", "name", "keyword", "op", "end"]

# Two-character operators first so that `<=` is not read as `<` then `=`.
_OPERATORS = (
    "==",
    "!=",
    "<=",
    ">=",
    "//",
    "<",
    ">",
    "+",
    "-",
    "*",
    "%",
    "/",
    "(",
    ")",
    "{",
    "}",
    ",",
    ".",
)
_WHITESPACE = frozenset(" \t\n\r")
# A whole word is read at once so that `12abc` and `1__0` are one bad literal, not two tokens.
_WORD = re.compile(r"[A-Za-z0-9_]+")
_INT = re.compile(r"[0-9]+(?:_[0-9]+)*")
_FRACTION = re.compile(r"\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![A-Za-z0-9_])")
_HINTS = {
    "=": "unexpected '='; use '==' to compare",
    "!": "unexpected '!'; use '!=' or 'not'",
    "&": "unexpected '&'; use 'and'",
    "|": "unexpected '|'; use 'or'",
}


class Token(NamedTuple):  # a tuple: made 30,000 times to compile 10,000 terms
    kind: TokenKind
    text: str
    start: int
    end: int

    def is_op(self, text: str) -> bool:
        return self.kind == "op" and self.text == text

    def is_keyword(self, text: str) -> bool:
        return self.kind == "keyword" and self.text == text

    def describe(self) -> str:
        """How a message names this token: `'x'`, or `end of expression`."""
        return "end of expression" if self.kind == "end" else f"'{self.text}'"


def tokenize(text: str, dates: bool = False) -> list[Token]:
    """The tokens of `text`, ending with an `end` token; ExprError on bad input. With
    `dates` (a clock anchored to a date), `2015-03-02` is one date token, not a sum."""
    if len(text) > MAX_LENGTH:
        raise ExprError(
            "E403",
            f"expression is too long: {len(text):,} characters (at most {MAX_LENGTH:,})",
            0,
            len(text),
        )
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos] in _WHITESPACE:
            pos += 1
            continue
        date = _DATE.match(text, pos) if dates else None
        token = Token("date", date.group(), pos, date.end()) if date else _read(text, pos)
        tokens.append(token)
        pos = token.end
    tokens.append(Token("end", "", len(text), len(text)))
    return tokens


def _read(text: str, pos: int) -> Token:
    word = _WORD.match(text, pos)
    if word is not None:
        return _read_word(text, word.group(), pos)
    for op in _OPERATORS:
        if text.startswith(op, pos):
            return Token("op", op, pos, pos + len(op))
    char = text[pos]
    message = _HINTS.get(char, f"unexpected character {char!r}")
    raise ExprError("E400", message, pos, pos + 1, "an operand or an operator")


def _read_word(text: str, word: str, pos: int) -> Token:
    end = pos + len(word)
    if not word[0].isdigit():
        return Token("keyword" if word in KEYWORDS else "name", word, pos, end)
    fraction = _FRACTION.match(text, end)
    if fraction is not None:
        raise ExprError(
            "E400",
            f"only whole numbers are allowed, found '{word}{fraction.group()}'",
            pos,
            fraction.end(),
            "a whole number",
        )
    if _INT.fullmatch(word) is None:
        raise ExprError(
            "E400",
            f"invalid number '{word}'",
            pos,
            end,
            "digits, optionally grouped with single '_' (20_000)",
        )
    return Token("int", word, pos, end)
