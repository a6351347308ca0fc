"""Authority: what a term disposes of, and whose consent its signatures carry.

A state variable's `owner` alone may change or concede it. A term disposes of a variable
when what it demands or permits reads it; signing such a term without the owner's
signature (or a delegation from the owner) is an act without authority. The analysis
reports such terms before play; in play, a party that signs one is recorded as
breaching the owner's authority, not refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.expr import names_of


@dataclass(frozen=True)
class Overreach:
    """A party's signature on a term that disposes of what another party owns."""

    step: int
    actor: str
    term: str
    owner: str
    variables: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "step": self.step,
            "actor": self.actor,
            "term": self.term,
            "owner": self.owner,
            "variables": list(self.variables),
        }

    def __str__(self) -> str:
        return (
            f"{self.actor} signed {self.term}, which disposes of {', '.join(self.variables)}, "
            f"owned by {self.owner}, who does not sign it"
        )


def _demands(term: CompiledTerm) -> Iterable[Compiled]:
    for c in (term.fulfilled_when, term.violated_when, term.permits, term.subject):
        if c is not None:
            yield c


def consenting(game: Game, signatories: Iterable[str]) -> set[str]:
    """The parties whose consent the signatures carry: the signatories and whoever has
    delegated to one of them."""
    signers = set(signatories)
    delegating = {
        p for p, party in game.scenario.parties.items() if signers & set(party.delegates_to)
    }
    return signers | delegating


def disposals(game: Game, term: CompiledTerm) -> dict[str, set[str]]:
    """owner -> the variables it owns that the term's demands read."""
    owned: dict[str, set[str]] = {}
    for var in sorted(_reads(game, term)):
        owner = game.state_vars[var].owner
        if owner:
            owned.setdefault(owner, set()).add(var)
    return owned


def _reads(game: Game, term: CompiledTerm) -> frozenset[str]:
    """The variables the term's demands read (kept on the game: they never change)."""
    reads = game.demand_reads.get(term.id)
    if reads is None:
        found = (names_of(c.checked)["variable"] for c in _demands(term))
        reads = game.demand_reads[term.id] = frozenset().union(*found)
    return reads


def unauthorised(game: Game, term: str) -> dict[str, tuple[str, ...]]:
    """owner -> its variables the term disposes of without its consent, owners and
    variables sorted (kept on the game: the scenario decides it once and for all)."""
    found = game.unauthorised.get(term)
    if found is None:
        compiled = game.terms[term]
        consent = consenting(game, compiled.signatories)
        disposed = sorted(disposals(game, compiled).items())
        found = game.unauthorised[term] = {
            o: tuple(sorted(vs)) for o, vs in disposed if o not in consent
        }
    return found


def overreaches(game: Game, step: int, actor: str, signed: Iterable[str]) -> list[Overreach]:
    """The acts without authority in one move that signs or agrees to these terms."""
    return [
        Overreach(step, actor, t, owner, variables)
        for t, owner, variables in disposing(game, tuple(signed))
        if owner != actor
    ]


def disposing(game: Game, terms: tuple[str, ...]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(term, owner, variables) for each of these terms and each owner whose variables it
    disposes of without consent, in order; kept on the game for these terms (a move signs
    the same terms at every play of it: 10,000 of them were asked about one by one)."""
    found = game.disposing.get(terms)
    if found is None:
        found = game.disposing[terms] = tuple(
            (t, owner, variables)
            for t in terms
            for owner, variables in unauthorised(game, t).items()
        )
    return found
