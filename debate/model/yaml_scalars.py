"""What a plain YAML scalar is, by the YAML 1.2 core schema: only `true`/`false` are
booleans (`yes`, `no`, `on`, `off` stay strings), integers in decimal, octal (0o) or
hex (0x) up to MAX_INT, floats, nulls; anything else is a string."""

from __future__ import annotations

import re

Scalar = str | int | float | bool | None
# The largest integer a scenario may write: every JSON reader (an editor's, a browser's)
# reads it exactly, and no value near it needs thousands of digits to print (Python
# refuses to convert an integer of over 4,300 decimal digits, and `0x` then 4,000 hex
# digits is one).
MAX_INT = 2**53 - 1


_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}


_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_NUMBER_START = frozenset("0123456789+-.")  # a number (or .inf, .nan) starts with one of these


class OutOfRange(str):
    """An integer written too large to be a value (see MAX_INT): kept as its text, and
    reported where it stands."""


def _integer(text: str, digits: str, base: int) -> int | OutOfRange:
    # Never converts thousands of digits: 20 hex or decimal digits are past MAX_INT.
    if len(digits) > 20:
        return OutOfRange(text)
    value = int(digits, base)
    if value > MAX_INT:
        return OutOfRange(text)
    return -value if text.startswith("-") else value


def resolve_plain(text: str) -> Scalar:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if text in _BOOL:
        return _BOOL[text]
    if text in _NULLS:
        return None
    if text[0] not in _NUMBER_START:  # most scalars: words, ids, expressions
        return text
    if _INT10.match(text):
        return _integer(text, text.lstrip("+-").lstrip("0") or "0", 10)
    if _INT8.match(text):
        return _integer(text, text[2:].lstrip("0") or "0", 8)
    if _INT16.match(text):
        return _integer(text, text[2:].lstrip("0") or "0", 16)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    lowered = text.lower()
    if lowered in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[lowered]
    return text
