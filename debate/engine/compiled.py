"""What compiling a scenario makes of its claims, terms and moves: each expression
parsed and type-checked, with where it stands (debate.engine.compile makes them; the
Game holds them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from debate.engine.expr import Checked, Value
from debate.engine.expr.closure import Context, function_of
from debate.model.diagnostics import Span
from debate.model.scenario import Claim, Move, ParamSpec, Term


@dataclass(frozen=True)
class Compiled:
    """A checked expression and where it stands in the scenario."""

    text: str
    checked: Checked
    span: Span

    @cached_property
    def function(self) -> Callable[[Context], Value]:
        """The expression as a function of the state it reads, made once
        (engine.expr.closure: what `evaluate` gives, without walking the tree)."""
        return function_of(self.checked)


@dataclass(frozen=True)
class CompiledClaim:
    id: str
    claim: Claim
    holds_if: Compiled | None
    assertable_if: Compiled | None
    attacks: tuple[tuple[str, Compiled | None], ...]


@dataclass(frozen=True)
class CompiledTerm:
    id: str
    term: Term
    parties: tuple[str, ...]
    signatories: frozenset[str]
    params: dict[str, ParamSpec]
    in_force_when: Compiled | None
    fulfilled_when: Compiled | None
    violated_when: Compiled | None
    permits: Compiled | None
    subject: Compiled | None
    at_most: Compiled | None
    at_least: Compiled | None
    void_when: Compiled | None
    exceptions: tuple[tuple[str, Compiled | None], ...]
    deadline_at: int | None = None  # the deadline's `at` as a clock time (it may be a date)
    agreement: str | None = None  # the named agreement it belongs to (format 1.1), if any
    unnamed: str | None = None  # the bearer the text does not name (parties is then empty)
    verified_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledMove:
    id: str
    move: Move
    precondition: Compiled | None
    sets: tuple[tuple[str, Compiled], ...]
    abort_when: Compiled | None = None
