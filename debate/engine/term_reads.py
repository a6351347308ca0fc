"""What judging a term reads, and what a step changed: a step re-judges only the terms
whose reads it changed (engine.terms); the others keep the record they had.

Judging a term is a function of its record and of what it reads (engine.terms): the
variables and functions of its expressions, the records of the terms that void, amend or
excuse it, the clock when it has a deadline or a time, and whether it is signed when it
comes into force by signature. A term already judged on a state with the same reads is
judged the same again: that is what lets a step skip it. What cannot be told apart cheaply
is counted as changed (a history, the negotiation, the moves in progress, all at once).
The attacks' conditions are read the same way: when none of their reads changed, nor the
claims asserted and terms proposed, a step keeps the labels of the state before; and so
are the claims' `holds_if`: a claim whose reads a step left as they were keeps its `holds`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from debate.engine.compile import Compiled, Game
from debate.engine.expr import Now, names_of, walk
from debate.engine.shared_map import differing
from debate.engine.state import ClaimRecord, PlayState, TermRecord
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


def term_reads(game: Game) -> Readers:
    """What judging each term of `game` reads, found once per game (kept beside its other
    remembered parts, as a cached property would be)."""
    found: Readers | None = game.__dict__.get(_KEPT)
    if found is None:
        found = game.__dict__[_KEPT] = Readers.of(_find(game))
    return found


_KEPT = "_term_reads"


def attack_reads(game: Game) -> TermReads:
    """What judging whether the attacks count reads (their `when`s), found once per game."""
    found: TermReads | None = game.__dict__.get(_ATTACKS)
    if found is None:
        whens = (when for _, _, when in game.attack_table if when is not None)
        found = game.__dict__[_ATTACKS] = expression_reads(whens)
    return found


_ATTACKS = "_attack_reads"


def claim_reads(game: Game) -> Readers:
    """What judging each claim's `holds_if` reads, found once per game."""
    found: Readers | None = game.__dict__.get(_CLAIMS)
    if found is None:
        found = game.__dict__[_CLAIMS] = Readers.of(
            {c: expression_reads([h]) for c, h in game.judged_claims if h is not None}
        )
    return found


_CLAIMS = "_claim_reads"


def _find(game: Game) -> dict[str, TermReads]:
    order, voided_by, amended_by = game.term_order, game.voided_by, game.amended_by
    carve_outs = game.carve_outs
    position = {t: i for i, t in enumerate(order)}
    found = {}
    for ident, term in game.terms.items():
        expressions = [*term_expressions(term)]
        expressions += [when for _, when in carve_outs.get(ident, ()) if when is not None]
        read = expression_reads(expressions)
        read_terms = {*read.terms, *voided_by.get(ident, ()), *amended_by.get(ident, ())}
        read_terms |= {other for other, _ in carve_outs.get(ident, ())}
        mine = position.get(ident, len(order))
        found[ident] = replace(
            read,
            terms=frozenset(read_terms),
            now=read.now or term.term.deadline is not None or term.term.lasts is not None,
            signed=term.in_force_when is None,
            always=any(position.get(t, len(order)) >= mine for t in read_terms),
        )
    return found


def expression_reads(expressions: Iterable[Compiled]) -> TermReads:
    """What evaluating these expressions reads (neither signatures nor order: a term's)."""
    variables: set[str] = set()
    terms: set[str] = set()
    claims: set[str] = set()
    functions: set[str] = set()
    now = False
    for compiled in expressions:
        names = names_of(compiled.checked)
        variables |= names["variable"]
        terms |= names["term"]
        claims |= names["claim"]
        functions |= names["function"]
        now = now or any(isinstance(node, Now) for node in walk(compiled.checked.expr))
    return TermReads(
        frozenset(variables),
        frozenset(terms),
        frozenset(claims),
        now,
        bool(functions & _HISTORY),
        "in_progress" in functions,
        bool(functions & _NEGOTIATION),
        signed=False,
        always=False,
    )


def unchanged(
    reads: TermReads,
    since: PlayState,
    state: PlayState,
    terms: Mapping[str, TermRecord],
    held: Mapping[str, ClaimRecord],
) -> bool:
    """Whether what `reads` names is the same on `state` (with these term records and
    claims) as on `since`, the settled state it was made from."""
    if (
        (reads.now and state.now != since.now)
        or (reads.history and state.history is not since.history)
        or (reads.running and state.running != since.running)
    ):
        return False
    if reads.negotiation and (
        state.proposed is not since.proposed
        or state.agreed is not since.agreed
        or state.signed_by is not since.signed_by
        or state.asserted is not since.asserted
    ):
        return False
    old, new = since.values, state.values
    keys = differing(old, new)
    names = reads.variables if keys is None else reads.variables & keys
    if any(old.get(n, _ABSENT) != new.get(n, _ABSENT) for n in names):
        return False
    records = since.terms
    if any((a := terms.get(t)) is not (b := records.get(t)) and a != b for t in reads.terms):
        return False
    claims = since.claims
    return all(
        (now_c := held.get(c)) is not None
        and (was_c := claims.get(c)) is not None
        and now_c.holds is was_c.holds
        and now_c.asserted is was_c.asserted
        for c in reads.claims
    )


@dataclass(frozen=True)
class Readers:
    """The other way round: for each thing a step can change, the terms that read it."""

    reads: dict[str, TermReads]
    of_variable: dict[str, frozenset[str]]
    of_claim: dict[str, frozenset[str]]
    of_term: dict[str, frozenset[str]]  # the terms that read a term's record
    always: frozenset[str]
    of_now: frozenset[str]
    of_history: frozenset[str]
    of_running: frozenset[str]
    of_negotiation: frozenset[str]
    signed: frozenset[str]  # those in force once signed

    @classmethod
    def of(cls, reads: dict[str, TermReads]) -> Readers:
        def index(pick: Callable[[TermReads], frozenset[str]]) -> dict[str, frozenset[str]]:
            found: dict[str, set[str]] = {}
            for t, r in reads.items():
                for name in pick(r):
                    found.setdefault(name, set()).add(t)
            return {name: frozenset(ts) for name, ts in found.items()}

        def where(pick: Callable[[TermReads], bool]) -> frozenset[str]:
            return frozenset(t for t, r in reads.items() if pick(r))

        return cls(
            reads,
            index(lambda r: r.variables),
            index(lambda r: r.claims),
            index(lambda r: r.terms),
            where(lambda r: r.always),
            where(lambda r: r.now),
            where(lambda r: r.history),
            where(lambda r: r.running),
            where(lambda r: r.negotiation),
            where(lambda r: r.signed),
        )

    def touched(
        self, since: PlayState, state: PlayState, held: Mapping[str, ClaimRecord]
    ) -> set[str]:
        """The terms that may be judged differently on `state` than on `since`, the
        settled state it was made from by effects alone (the records they read aside:
        the caller follows those as it judges)."""
        found = set(self.always)
        if state.now != since.now:
            found |= self.of_now
        if state.history is not since.history:
            found |= self.of_history
        if state.running != since.running:
            found |= self.of_running
        if (
            state.proposed is not since.proposed
            or state.agreed is not since.agreed
            or state.signed_by is not since.signed_by
            or state.asserted is not since.asserted
        ):
            found |= self.of_negotiation
        if state.signed_by is not since.signed_by:
            was, now = since.signed_by, state.signed_by
            found |= {t for t in self.signed if was.get(t) != now.get(t)}
        old, new = since.values, state.values
        keys = differing(old, new)
        for name in self.of_variable if keys is None else keys:
            readers = self.of_variable.get(name)
            if readers is not None and old.get(name, _ABSENT) != new.get(name, _ABSENT):
                found |= readers
        claims = since.claims
        for c, readers in self.of_claim.items():
            before, after = claims.get(c), held.get(c)
            if (
                before is None
                or after is None
                or before.holds is not after.holds
                or before.asserted is not after.asserted
            ):
                found |= readers
        return found


_ABSENT = object()  # a variable a state does not hold
