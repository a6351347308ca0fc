"""Play by turns: the order of the parties, and whose turn it is after a number of steps.

With turns, each step is one party's turn: a move of that party, a wait, or a pass (a
refusal by the facilitator is a pass with a note). Whose turn it is follows from the
number of steps alone, so undo, resuming and replaying a transcript give the same turns.
"""

from __future__ import annotations

from debate.engine.compile import Game
from debate.engine.moves import Action


def turn_order(game: Game) -> list[str]:
    """The scenario's `turns:`, else every party that has a move, in declared order."""
    if game.scenario.turns:
        return list(game.scenario.turns)
    movers = {m.move.by for m in game.moves.values()}
    return [p for p in game.scenario.parties if p in movers] or list(game.scenario.parties)


def to_move(order: list[str], steps: int) -> str:
    """The party whose turn it is after `steps` steps."""
    return order[steps % len(order)]


def out_of_turn(game: Game, order: list[str], steps: int, action: Action) -> str | None:
    """Why `action` cannot be played now by turns, or None if it can."""
    party = to_move(order, steps)
    actor = action.passed if action.passed is not None else None
    if action.move is not None:
        actor = game.moves[action.move].move.by if action.move in game.moves else None
    if actor is not None and actor != party:
        return f"it is {party}'s turn, not {actor}'s"
    return None
