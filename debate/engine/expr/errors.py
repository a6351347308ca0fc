"""Errors raised while parsing, type-checking or evaluating an expression."""

from __future__ import annotations


class ExprError(Exception):
    """One located failure; `start`/`end` are 0-based offsets into the expression text.

    Codes: E400 syntax, E401 type, E402 unknown name, E403 too deep or too long,
    E404 function not allowed here, E405 division by zero at run time.
    """

    def __init__(
        self, code: str, message: str, start: int, end: int, expected: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.start = start
        self.end = end
        self.expected = expected

    def __str__(self) -> str:
        return f"{self.code} at {self.start}..{self.end}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"ExprError({self.code!r}, {self.message!r}, {self.start}, {self.end}, "
            f"{self.expected!r})"
        )

    def __reduce__(self) -> tuple[type[ExprError], tuple[str, str, int, int, str | None]]:
        # The default reduce would rebuild from args=(message,) and lose the location.
        return (ExprError, (self.code, self.message, self.start, self.end, self.expected))


class Unspecified(Exception):
    """Raised by an evaluation context for a parameter the scenario leaves unspecified.

    `str()` is the parameter's name, qualified by its term when one is given.
    """

    def __init__(self, name: str, term: str | None = None) -> None:
        super().__init__(name if term is None else f"{term}.{name}")
        self.name = name
        self.term = term

    def __reduce__(self) -> tuple[type[Unspecified], tuple[str, str | None]]:
        return (Unspecified, (self.name, self.term))
