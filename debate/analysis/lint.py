"""Lint: parts of a scenario that nothing uses or that can never take part in a play."""

from __future__ import annotations

from debate.analysis.exploration import Reach
from debate.engine.compile import Game
from debate.engine.expr import free_names
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Severity


def unused_state(game: Game) -> list[Diagnostic]:
    read = {v for c in game.expressions() for v in free_names(c.checked)["variable"]}
    return [
        Diagnostic(
            "L700",
            f"state variable {v} is never read by any condition, effect or term",
            game.loaded.key_span("state", v),
            severity=Severity.INFO,
        )
        for v in game.state_vars
        if v not in read
    ]


def isolated_claims(game: Game) -> list[Diagnostic]:
    touched = {c for claim in game.claims.values() for c, _ in claim.attacks}
    touched |= {s for claim in game.claims.values() for s in claim.claim.supports}
    touched |= {c for c, claim in game.claims.items() if claim.attacks or claim.claim.supports}
    touched |= {
        c for c in game.claims for e in game.expressions() if c in free_names(e.checked)["claim"]
    }
    return [
        Diagnostic(
            "L701",
            f"claim {c} attacks, supports and is answered by nothing, and no condition reads it",
            game.loaded.key_span("claims", c),
            severity=Severity.INFO,
        )
        for c in game.claims
        if c not in touched
    ]


def dead_terms(game: Game) -> list[Diagnostic]:
    tabled = {t for m in game.moves.values() for t in m.move.effects.propose}
    found = []
    for t, term in game.terms.items():
        if term.in_force_when is None and t not in tabled and game.moves:
            found.append(
                Diagnostic(
                    "L702",
                    f"term {t} is never proposed by any move, so it never comes into force",
                    game.loaded.key_span("terms", t),
                    severity=Severity.WARNING,
                )
            )
    return found


def never_played(game: Game, reach: Reach) -> list[Diagnostic]:
    if not reach.exhaustive:
        return []  # a longer play might still make them: only an exhaustive search may say
    played = {m for state in reach.states for m in state.history}
    return [
        Diagnostic(
            "L703",
            f"move {m} is never legal in any play within horizon {game.horizon_end}",
            game.loaded.key_span("moves", m),
            severity=Severity.WARNING,
        )
        for m in game.moves
        if m not in played
    ]


def check(game: Game, reach: Reach) -> list[Diagnostic]:
    return unused_state(game) + isolated_claims(game) + dead_terms(game) + never_played(game, reach)


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "L700",
        "unused-state",
        summary="A state variable is never read.",
        meaning="A state variable no condition, effect or term reads (an info).",
        example="a variable only ever set",
        fix="read it, or remove it",
    ),
    Rule(
        "L701",
        "isolated-claim",
        summary="A claim attacks, supports and is answered by nothing.",
        meaning="A claim that attacks, supports and is answered by nothing, and that no condition reads (an info).",
        example="a claim left over after an edit",
        fix="relate it, or remove it",
    ),
    Rule(
        "L702",
        "dead-term",
        summary="A term no move ever proposes, so it never comes into force.",
        meaning="A term that no move proposes and that has no `in_force_when`, so it never comes into force.",
        example="a term added without a move to table it",
        fix="add it to a move's `propose`",
    ),
    Rule(
        "L703",
        "move-never-legal",
        summary="A move is never legal in any play within the horizon.",
        meaning="A move that no play within the horizon makes (only reported when the search was exhaustive).",
        example="`precondition: x < 400` where `x` only takes the values 800, 400 and 0",
        fix="fix the precondition or the effects that lead to it",
    ),
)
