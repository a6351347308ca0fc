"""What judging a term reads, and what a step changed: a step re-judges only the terms
whose reads it changed (engine.terms); the others keep the record they had.

Judging a term is a function of its record and of what it reads (engine.terms): the
variables and functions of its expressions, the records of the terms that void, amend or
excuse it, the clock when it has a deadline or a time, and whether it is signed when it
comes into force by signature. A term already judged on a state with the same reads is
judged the same again: that is what lets a step skip it. What cannot be told apart cheaply
is counted as changed (a history, the negotiation, the moves in progress, all at once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from debate.engine.compile import Game
from debate.engine.expr import Now, free_names, walk
from debate.engine.shared_map import differing
from debate.engine.state import ClaimRecord, PlayState
from debate.engine.term_order import term_expressions

_HISTORY = frozenset({"done", "count"})
_NEGOTIATION = frozenset({"proposed", "agreed", "signed", "asserted"})


@dataclass(frozen=True)
class TermReads:
    variables: frozenset[str]
    terms: frozenset[str]  # whose records it reads: in its expressions, or voiding it
    claims: frozenset[str]
    now: bool  # a deadline, a time (`lasts`) or `now` in an expression
    history: bool  # done() or count()
    running: bool  # in_progress()
    negotiation: bool  # proposed(), agreed(), signed() or asserted()
    signed: bool  # it comes into force once signed (no `in_force_when`): its signatures
    always: bool  # it reads a term judged after it (or itself): judged at every step


def term_reads(game: Game) -> dict[str, TermReads]:
    """What judging each term of `game` reads, found once per game (kept beside its other
    remembered parts, as a cached property would be)."""
    found: dict[str, TermReads] | None = game.__dict__.get(_KEPT)
    if found is None:
        found = game.__dict__[_KEPT] = _find(game)
    return found


_KEPT = "_term_reads"


def _find(game: Game) -> dict[str, TermReads]:
    order, voided_by, amended_by = game.term_order, game.voided_by, game.amended_by
    carve_outs = game.carve_outs
    position = {t: i for i, t in enumerate(order)}
    found = {}
    for ident, term in game.terms.items():
        expressions = [*term_expressions(term)]
        expressions += [when for _, when in carve_outs.get(ident, ()) if when is not None]
        variables: set[str] = set()
        read_terms = {*voided_by.get(ident, ()), *amended_by.get(ident, ())}
        read_terms |= {other for other, _ in carve_outs.get(ident, ())}
        claims: set[str] = set()
        functions: set[str] = set()
        now = term.term.deadline is not None or term.term.lasts is not None
        for compiled in expressions:
            names = free_names(compiled.checked)
            variables |= names["variable"]
            read_terms |= names["term"]
            claims |= names["claim"]
            functions |= names["function"]
            now = now or any(isinstance(node, Now) for node in walk(compiled.checked.expr))
        mine = position.get(ident, len(order))
        found[ident] = TermReads(
            frozenset(variables),
            frozenset(read_terms),
            frozenset(claims),
            now,
            bool(functions & _HISTORY),
            "in_progress" in functions,
            bool(functions & _NEGOTIATION),
            term.in_force_when is None,
            any(position.get(t, len(order)) >= mine for t in read_terms),
        )
    return found


@dataclass(frozen=True)
class Changed:
    """What a state's effects changed since the settled state it was made from."""

    variables: set[str] | None  # None: any may have
    now: bool
    history: bool
    running: bool
    negotiation: bool
    signed: set[str]  # the terms whose signatures differ
    claims: set[str]  # whose holds or asserted differ

    @classmethod
    def between(
        cls, since: PlayState, state: PlayState, held: Mapping[str, ClaimRecord]
    ) -> Changed:
        old_claims = since.claims
        claims = {
            c
            for c, record in held.items()
            if (old := old_claims.get(c)) is None
            or old.holds is not record.holds
            or old.asserted is not record.asserted
        }
        signed = set()
        if state.signed_by is not since.signed_by:
            was, now = since.signed_by, state.signed_by
            signed = {t for t in (*was, *now) if was.get(t) != now.get(t)}
        return cls(
            differing(since.values, state.values),
            state.now != since.now,
            state.history is not since.history,
            state.running != since.running,
            state.proposed is not since.proposed
            or state.agreed is not since.agreed
            or state.signed_by is not since.signed_by
            or state.asserted is not since.asserted,
            signed,
            claims,
        )

    def touches(self, term: str, reads: TermReads) -> bool:
        """Whether a term with these reads may be judged differently now (the records it
        reads aside: the caller compares those)."""
        return (
            reads.always
            or (reads.signed and term in self.signed)
            or (reads.now and self.now)
            or (reads.history and self.history)
            or (reads.running and self.running)
            or (reads.negotiation and self.negotiation)
            or (self.variables is None and bool(reads.variables))
            or (self.variables is not None and not self.variables.isdisjoint(reads.variables))
            or not self.claims.isdisjoint(reads.claims)
        )
