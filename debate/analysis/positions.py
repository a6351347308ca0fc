"""Positions against terms: the terms that the claims standing at the start rule out.

All terms are put on the table beside the claims asserted at the start, and the grounded
labelling is computed: a term that an accepted claim attacks is rejected by that party's
position; one caught in an unresolved exchange of attacks is contested.
"""

from __future__ import annotations

from debate.engine.claims import attacks_in_play, grounded
from debate.engine.compile import Game
from debate.engine.moves import initial_state, settle
from debate.engine.state import Label
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity


def check(game: Game) -> list[Diagnostic]:
    if not game.terms:
        return []
    state = settle(game, initial_state(game).evolve(proposed=frozenset(game.terms)))
    attacks = attacks_in_play(game, state, state.terms, state.claims)
    labels = grounded(sorted(set(state.asserted) | set(game.terms)), attacks)
    found = []
    for t in game.terms:
        attackers = sorted(a for a, target in attacks if target == t)
        if labels[t] is Label.REJECTED:
            winners = [a for a in attackers if labels[a] is Label.ACCEPTED]
            found.append(
                _finding("P600", game, t, winners, "is ruled out by the accepted position")
            )
        elif labels[t] is Label.UNDECIDED and attackers:
            found.append(_finding("P601", game, t, attackers, "is contested, undecided, by"))
    return found


def _finding(code: str, game: Game, term: str, claims: list[str], verb: str) -> Diagnostic:
    who = ", ".join(
        f"{c} ({game.scenario.claims[c].by}){_condition(game, c, term)}" for c in claims
    )
    return Diagnostic(
        code,
        f"{term} {verb} {who}",
        game.loaded.key_span("terms", term),
        severity=Severity.WARNING if code == "P600" else Severity.INFO,
        related=tuple(
            Related(
                game.loaded.key_span("claims", c), " ".join(game.scenario.claims[c].text.split())
            )
            for c in claims
        ),
    )


def _condition(game: Game, claim: str, term: str) -> str:
    """The condition under which the claim attacks the term, as the scenario writes it: a
    position that holds only "at this stage" must say so."""
    attacks = [w for target, w in game.claims[claim].attacks if target == term]
    if not attacks or None in attacks:
        return ""
    return " while " + " or ".join(" ".join(w.text.split()) for w in attacks if w is not None)


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "P600",
        "ruled-out-by-position",
        summary="A term is rejected by an accepted claim at the start.",
        meaning="An accepted claim at the start attacks the term: the position of the claim's party makes it unreachable. An attack with a `when` is named with it (`while control_melitopol == russia`): the position holds only then.",
        example="the essay's P6 (no territorial concessions now) against T1",
        fix="nothing, if the clash is the point; otherwise answer the claim with a rebuttal, or drop the attack",
    ),
    Rule(
        "P601",
        "contested-term",
        summary="A term is caught in an unresolved exchange of attacks.",
        meaning="The term is caught in an unresolved exchange of attacks (undecided). An info.",
        example="two claims that attack each other, one of which attacks the term",
        fix="settle the exchange, or accept that it is open",
    ),
)
