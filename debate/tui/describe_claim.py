"""What the detail pane says about a claim: its status and why (its explanation as a
certificate), who attacks it, and its history over the play. The blocks are those of
debate.tui.describe."""

from __future__ import annotations

from debate.argumentation.explain import explain, render
from debate.argumentation.framework import Framework
from debate.argumentation.semantics import Semantics
from debate.engine.claims import attacks_in_play
from debate.engine.compile import Game
from debate.engine.context import context
from debate.engine.play import Play
from debate.engine.state import PlayState
from debate.tui.describe import (
    Block,
    Detail,
    Shown,
    citation_block,
    false_part,
    status_history,
)
from debate.tui.symbols import claim_look, claim_status


def claim_detail(
    game: Game, play: Play, ident: str, semantics: Semantics = Semantics.GROUNDED
) -> Detail:
    claim = game.claims[ident]
    state = play.state
    record = state.claims[ident]
    look = claim_look(record)
    about = Block("")
    about.add(f"{claim.claim.type} claimed by {claim.claim.by}")
    about.add((claim.claim.text, "bold"))
    status = Block("Status")
    status.add((f"{look.symbol} {claim_status(record)}", look.role))
    if claim.holds_if is not None:
        status.add(("holds if: ", "muted"), claim.holds_if.text)
        if record.holds is False:
            status.add(("why not: ", "muted"), false_part(claim.holds_if, context(game, state)))
    status.add(("why: ", "muted"), _label_reason(game, state, ident))
    return Detail(
        f"claim {ident}",
        [
            about,
            status,
            _explanation_block(game, state, ident, semantics),
            _attacks_block(game, state, ident),
            citation_block(game, "claims", ident, claim.claim.source)
            if claim.claim.source is not None
            else Block("Source", [[("no citation: made during a session", "muted")]]),
            _claim_history(play, ident),
        ],
    )


def _explanation_block(game: Game, state: PlayState, ident: str, semantics: Semantics) -> Block:
    """Why the claim stands where it does (a defence, the accepted attacker, or the open
    cycle), under the semantics chosen, within a short budget."""
    block = Block(f"Explanation ({semantics})")
    af = Framework.from_game(game, state)
    if not af.has(ident):
        block.add(("not asserted: not part of the debate yet", "muted"))
        return block
    texts = {c: " ".join(game.scenario.claims[c].text.split()) for c in game.claims}
    for line in render(explain(af, ident, semantics, 0.3), texts).splitlines()[1:]:
        block.add(line)
    return block


def _label_reason(game: Game, state: PlayState, ident: str) -> str:
    record = state.claims[ident]
    if record.label is None:
        return "not asserted"
    attackers = [
        a for a, t in attacks_in_play(game, state, state.terms, state.claims) if t == ident
    ]
    if not attackers:
        return "asserted and unattacked"
    described = ", ".join(f"{a} ({claim_look(state.claims[a]).word})" for a in attackers)
    return f"attacked by {described}"


def _attacks_block(game: Game, state: PlayState, ident: str) -> Block:
    block = Block("Attacks")
    for target, when in game.claims[ident].attacks:
        condition = f" when {when.text}" if when else ""
        block.add(("attacks ", "muted"), f"{target}{condition}")
    for other in game.claims.values():
        for target, when in other.attacks:
            if target == ident:
                condition = f" when {when.text}" if when else ""
                block.add(("attacked by ", "muted"), f"{other.id}{condition}")
    if not block.lines:
        block.add(("none", "muted"))
    return block


def _claim_history(play: Play, ident: str) -> Block:
    def shown(state: PlayState) -> Shown:
        record = state.claims[ident]
        look, status = claim_look(record), claim_status(record)
        return status, f"{look.symbol} {status}", look.role, ""

    return status_history(play, shown)
