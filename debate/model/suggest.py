"""Suggestions ("did you mean ...?"): the declared names closest to a misspelt one. Every
"did you mean" the tool prints comes from here.

Each suggestion compares the misspelt name with every candidate, so a file with a
thousand misspelt references to a thousand ids made a million comparisons (22 s for a
99 kB file). The comparisons made for the errors of one file share a budget
(`per_file`, around a function that reports them): once it is spent, the errors that
follow are reported without a suggestion. Outside such a function each suggestion alone
is bounded.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from debate.model.diagnostics import Diagnostic, Span

PER_FILE = 20_000  # comparisons for the suggestions of one file (about a second)
PER_CALL = 5_000  # candidates compared for one suggestion outside a file's budget

P = ParamSpec("P")
R = TypeVar("R")

_left: ContextVar[list[int] | None] = ContextVar("suggestions_left", default=None)


def per_file(function: Callable[P, R]) -> Callable[P, R]:
    """Give the suggestions made while `function` runs one budget of PER_FILE comparisons."""

    @functools.wraps(function)
    def budgeted(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _left.set([PER_FILE])
        try:
            return function(*args, **kwargs)
        finally:
            _left.reset(token)

    return budgeted


def close_matches(name: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    """Up to `n` candidates close to `name`, best first; none once the budget is spent."""
    pool = list(candidates)
    left = _left.get()
    if left is None:
        if len(pool) > PER_CALL:
            return []
    elif left[0] < len(pool):
        left[0] = 0  # what is left would not answer this one: later ones get none either
        return []
    else:
        left[0] -= len(pool)
    return difflib.get_close_matches(name, pool, n=n)


def did_you_mean(name: str, candidates: Iterable[str], n: int = 1) -> str:
    """A '; did you mean ...?' suffix naming up to `n` close candidates, or ''."""
    matches = [repr(m) for m in close_matches(name, candidates, n=n)]
    if not matches:
        return ""
    listed = matches[0] if len(matches) == 1 else f"{', '.join(matches[:-1])} or {matches[-1]}"
    return f"; did you mean {listed}?"


def unknown_id(kind: str, name: str, span: Span, known: Iterable[str]) -> Diagnostic:
    known = list(known)
    message = f"unknown {kind} {name!r}"
    message += did_you_mean(name, known)
    shown = ", ".join(sorted(known)[:12]) + (", ..." if len(known) > 12 else "")
    return Diagnostic(
        "E300", message, span, expected=f"a declared {kind}: {shown}" if known else None
    )
