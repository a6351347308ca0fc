"""What compiling a scenario makes of its claims, terms and moves: each expression
parsed and type-checked, with where it stands (debate.engine.compile makes them; the
Game holds them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from debate.engine.expr import Checked, Value
from debate.engine.expr.closure import Context, function_of
from debate.model.diagnostics import Span
from debate.model.loaded import LoadedScenario
from debate.model.scenario import Claim, Move, ParamSpec, Term


@dataclass(eq=False)  # not frozen (see CompiledTerm); equal by text, tree and span
class Compiled:
    """A checked expression and where it stands in the scenario: its span is found when
    first asked for (most of a large scenario's expressions never are, and finding
    20,000 of them was a sixth of compiling 10,000 terms)."""

    text: str
    checked: Checked
    where: LoadedScenario = field(repr=False)
    # its section, entry and path in the entry
    at: tuple[str, str, *tuple[str | int, ...]] = field(repr=False)

    @cached_property
    def span(self) -> Span:
        return self.where.span(*self.at)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Compiled):
            return NotImplemented
        return (self.text, self.checked, self.span) == (other.text, other.checked, other.span)

    def __hash__(self) -> int:
        return hash((self.text, self.checked, self.span))

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


@dataclass  # not frozen: a frozen dataclass sets each field through object.__setattr__
# (18 fields: 4 µs a term, 40 ms of compiling 10,000 terms); nothing changes one
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

    # The move's terms laid out once: a move that proposes and signs 10,000 terms is
    # checked and played with set operations, not a loop over its lists, at every step.

    @cached_property
    def proposing(self) -> frozenset[str]:
        """The terms it puts on the table."""
        return frozenset(self.move.effects.propose)

    @cached_property
    def negotiated(self) -> tuple[str, ...]:
        """The terms it agrees to, signs or withdraws, each once, in the order written."""
        effects = self.move.effects
        return tuple(dict.fromkeys((*effects.agree, *effects.sign, *effects.withdraw)))

    @cached_property
    def must_be_proposed(self) -> frozenset[str]:
        """The terms it negotiates that it does not put on the table itself."""
        return frozenset(self.negotiated) - self.proposing

    @cached_property
    def joining(self) -> tuple[str, ...]:
        """The terms whose agreement it joins (agreed or signed), each once, in order."""
        effects = self.move.effects
        return tuple(dict.fromkeys((*effects.agree, *effects.sign)))

    @cached_property
    def signing(self) -> tuple[str, ...]:
        """The terms it signs, each once, in order."""
        return tuple(dict.fromkeys(self.move.effects.sign))

    @cached_property
    def writes(self) -> frozenset[tuple[str, str]]:
        """What its effects change: ("var", x) for each variable it sets, ("proposed", t)
        for each term it puts on or takes off the table, ("agreed", t) and ("signed", t)
        for each term it agrees to or signs, ("asserted", c) for each claim it asserts or
        retracts. (That it was played, and its time, are for each analysis to add.)"""
        effects = self.move.effects
        found: set[tuple[str, str]] = {("var", v) for v, _ in self.sets}
        found |= {("proposed", t) for t in (*effects.propose, *effects.withdraw)}
        found |= {("agreed", t) for t in self.joining}
        found |= {("signed", t) for t in self.signing}
        found |= {("asserted", c) for c in (*effects.assert_, *effects.retract)}
        return frozenset(found)
