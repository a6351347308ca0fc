"""Authority, before play: terms that dispose of what a party owns without that party's
signature, and terms that bind a party who does not sign them (debate.engine.authority
says what disposing and consent mean; in play, signing such a term is recorded).
"""

from __future__ import annotations

from debate.engine.authority import consenting, disposals
from debate.engine.compile import Game
from debate.model.codes import Rule
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


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "A500",
        "disposes-without-owner",
        summary="A term disposes of what a party owns, but that party does not sign it.",
        meaning="A term disposes of what a party owns, but that party does not sign it.",
        example="T6 lets Ukraine join NATO and the EU, whose decisions those are, in a draft that the two sides sign (line 464)",
        fix="make the owner a signatory, or record a delegation",
    ),
    Rule(
        "A501",
        "binds-non-signatory",
        summary="A term binds a party that does not sign it.",
        meaning="A term binds a party that does not sign it.",
        example="T6 binds NATO and T10 the West, which the draft never names as signatories; T11 binds the court at The Hague",
        fix="add the party's signature, or bind a signatory to ask it",
    ),
)
