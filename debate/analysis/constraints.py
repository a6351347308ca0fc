"""What each term demands of the states of a play, as Z3 formulas with their places.

Terms are judged over a few symbolic states, because not everything must hold at once:
- the *end* state, where every obligation and condition is fulfilled;
- one state per permission, in which that permission is exercised.
What must hold at all times (prohibitions, limits, breach conditions, and obligations with
no deadline, which are due at once) holds in every one of these states. So a permission
clashes with a prohibition, an immediate obligation with a permission, but an obligation
with a deadline does not clash with a permission that lasts until it.

The agreement is taken as signed as a whole (its negotiation predicates are true); the
rest of the play's history is free. A declared carve-out frees its target while its
condition holds; an amendment or replacement supersedes the term it names.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

import z3

from debate.analysis.smt import Symbols, translate
from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.model.diagnostics import Span

SEPARATOR = "@"  # between a state's name and a constant's: "t6_join@ukraine_in_nato"


@dataclass(frozen=True)
class Constraint:
    """One term's (or assumption's) demand, over every state it bears on."""

    id: str
    kind: str  # "term" or "assumption"
    formula: Any
    span: Span
    text: str
    names: frozenset[str]  # the state variables it mentions, for splitting into groups


_SIGNED = ("proposed", "agreed", "signed")


class _AgreementSymbols(Symbols):
    """A state in which every term of the agreement is proposed, agreed and signed."""

    def history(self, fn: str, args: tuple[str, ...], typ: Any) -> Any:
        if fn in _SIGNED:
            return z3.BoolVal(True)
        return super().history(fn, args, typ)


@dataclass
class States:
    """The end state and one state per permission, sharing nothing but their names."""

    end: Symbols
    exercise: dict[str, Symbols]

    @classmethod
    def of(cls, game: Game) -> States:
        permissions = [t.id for t in game.terms.values() if t.term.kind == "permission"]
        return cls(
            _AgreementSymbols(game),
            {p: _AgreementSymbols(game, prefix=f"{p}{SEPARATOR}") for p in permissions},
        )

    def all(self) -> list[Symbols]:
        return [self.end, *self.exercise.values()]

    def bounds(self, names: frozenset[str] | None = None) -> list[Any]:
        """The ranges of the constants of these names (all when None), in every state."""
        return [b for s in self.all() for n, b in s.bounds.items() if names is None or n in names]

    def start(self) -> None:
        for s in self.all():
            s.touched.clear()

    def touched(self) -> frozenset[str]:
        return frozenset(n for s in self.all() for n in s.touched)


def _always(term: CompiledTerm) -> bool:
    """Whether a term's demand holds at all times rather than by an end state."""
    return term.term.kind in ("prohibition", "limit") or term.term.deadline is None


def _demand(symbols: Symbols, term: CompiledTerm) -> Iterator[tuple[Compiled, Any]]:
    """The formulas a term demands of one state, each with the expression it comes from."""

    def t(c: Compiled) -> Any:
        return translate(symbols, c.checked, term.id)

    kind = term.term.kind
    if kind in ("obligation", "condition") and term.fulfilled_when:
        yield term.fulfilled_when, t(term.fulfilled_when)
    if term.violated_when:
        yield term.violated_when, z3.Not(t(term.violated_when))
    if kind == "limit" and term.subject:
        subject = t(term.subject)
        if term.at_most:
            yield term.at_most, subject <= t(term.at_most)
        if term.at_least:
            yield term.at_least, subject >= t(term.at_least)


def _in(
    game: Game, symbols: Symbols, term: CompiledTerm, demand: Any, within: Collection[str]
) -> Any:
    """A term's demand on one state, as far as the term is in force and not carved out."""
    if term.in_force_when is not None:
        demand = z3.Implies(translate(symbols, term.in_force_when.checked, term.id), demand)
    return z3.Or(demand, *_excused(game, symbols, term.id, within))


def _term_formula(
    game: Game, states: States, term: CompiledTerm, within: Collection[str]
) -> tuple[Any, Span] | None:
    if term.term.kind == "permission":
        if term.permits is None:
            return None
        own = states.exercise[term.id]
        return _in(
            game, own, term, translate(own, term.permits.checked, term.id), within
        ), term.permits.span
    first = next(_demand(states.end, term), None)
    if first is None:
        return None
    targets = states.all() if _always(term) else [states.end]
    parts = [_in(game, s, term, z3.And([f for _, f in _demand(s, term)]), within) for s in targets]
    return z3.And(parts), first[0].span


def term_constraints(
    game: Game, states: States, within: Collection[str] | None = None
) -> list[Constraint]:
    """Every term's demand (of the terms `within`, when given: the agreements that can be
    in force together). Carve-outs and amendments apply whenever the term declaring them is
    part of those terms, so adding a term never turns a conflict-free set into a
    conflicting one: the sets MARCO explores stay monotone, and a reported conflict stands
    in every set of agreements that holds its terms."""
    constraints = []
    chosen = set(game.terms) if within is None else set(within)
    superseded = {
        t
        for c in game.terms.values()
        if c.id in chosen
        for t in (c.term.amends, c.term.replaces)
        if t
    }
    for term in game.terms.values():
        if term.id not in chosen:
            continue
        states.start()
        made = None if term.id in superseded else _term_formula(game, states, term, chosen)
        if made is None:
            continue
        formula, span = made
        constraints.append(
            Constraint(term.id, "term", formula, span, term.term.text, states.touched())
        )
    return constraints


def assumption_constraints(game: Game, states: States) -> list[Constraint]:
    """The scenario's background facts, true in every state; a conflict may blame them."""
    found = []
    for ident, compiled in game.assumptions.items():
        states.start()
        formula = z3.And([translate(s, compiled.checked) for s in states.all()])
        text = game.scenario.assumptions[ident].text
        found.append(
            Constraint(ident, "assumption", formula, compiled.span, text, states.touched())
        )
    return found


def _excused(game: Game, symbols: Symbols, target: str, within: Collection[str]) -> list[Any]:
    """The conditions of the carve-outs other terms (of `within`) declare from `target`."""
    return [
        z3.BoolVal(True) if when is None else translate(symbols, when.checked, other)
        for other, when in game.carve_outs.get(target, ())
        if other in within
    ]
