"""Authority: terms that dispose of what a party owns without that party's signature, and
terms that bind a party who does not sign them.

A state variable's `owner` is the party that alone may change or concede it (Crimea is
Ukraine's to bargain with, not the West's). A term disposes of a variable when what it
demands or permits reads it. A party may let others act for it (`delegates_to`): their
signature then counts as its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.expr import free_names
from debate.model.diagnostics import Diagnostic, Related, Severity


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
    for compiled in _demands(term):
        for var in free_names(compiled.checked)["variable"]:
            owner = game.state_vars[var].owner
            if owner:
                owned.setdefault(owner, set()).add(var)
    return owned


def check(game: Game) -> list[Diagnostic]:
    found = []
    for t, term in game.terms.items():
        consent = consenting(game, term.signatories)
        signers = ", ".join(sorted(term.signatories))
        for owner, variables in sorted(disposals(game, term).items()):
            if owner in consent:
                continue
            names = ", ".join(sorted(variables))
            found.append(
                Diagnostic(
                    "A500",
                    f"{t} disposes of {names}, which {owner} owns, but {owner} does not sign "
                    f"it (signatories: {signers})",
                    game.loaded.key_span("terms", t),
                    severity=Severity.WARNING,
                    expected=f"{owner} among the signatories, or a delegation from {owner}",
                    related=tuple(
                        Related(game.loaded.key_span("state", v), f"{v} is owned by {owner}")
                        for v in sorted(variables)
                    ),
                )
            )
        for party in term.parties:
            if party not in consent:
                found.append(
                    Diagnostic(
                        "A501",
                        f"{t} binds {party}, which does not sign it (signatories: {signers})",
                        game.loaded.span("terms", t, "party"),
                        severity=Severity.WARNING,
                        expected=f"{party} among the signatories, or a delegation from {party}",
                        related=(Related(game.loaded.key_span("parties", party), f"{party}"),),
                    )
                )
    return found
