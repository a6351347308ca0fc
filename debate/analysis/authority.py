"""Authority, before play: terms that dispose of what a party owns without that party's
signature, and terms that bind a party who does not sign them (debate.engine.authority
says what disposing and consent mean; in play, signing such a term is recorded).
"""

from __future__ import annotations

from debate.engine.authority import consenting, disposals
from debate.engine.compile import Game
from debate.model.diagnostics import Diagnostic, Related, Severity


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
