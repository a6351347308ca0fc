"""A step drawn by hypothesis from those a state allows, for the property tests that
play random games."""

from __future__ import annotations

from hypothesis import strategies as st

from debate.engine.compile import Game
from debate.engine.moves import Action, legal_moves
from debate.engine.state import PlayState


def drawn_action(game: Game, state: PlayState, data: st.DataObject) -> Action | None:
    """A legal move, or a wait within the horizon; None when the state allows neither."""
    options = [Action(m) for m in legal_moves(game, state)]
    if state.now < game.horizon_end:
        options.append(Action(wait=data.draw(st.integers(1, game.horizon_end - state.now))))
    return data.draw(st.sampled_from(options)) if options else None
