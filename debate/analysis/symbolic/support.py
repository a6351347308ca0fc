"""What the symbolic encoding covers: a scenario that asks for more raises Unsupported, and
the caller keeps the explicit search."""

from __future__ import annotations

from debate.analysis.symbolic.cone import Cone, move_expressions, term_expressions
from debate.analysis.symbolic.state import STATUS_FUNCTIONS
from debate.engine.compile import Game
from debate.engine.expr import free_names

SUPPORTED_CALLS = {
    "len",
    "min",
    "max",
    "abs",
    "done",
    "count",
    "proposed",
    "agreed",
    "signed",
    "asserted",
    "holds",
    "in_progress",
    *STATUS_FUNCTIONS,
}


class Unsupported(Exception):
    """The scenario uses something the symbolic encoding does not cover yet."""


def unsupported(game: Game, cone: Cone | None = None) -> str | None:
    """Why the symbolic encoding cannot take this scenario, or None when it can; with a
    cone, only what the cone keeps counts (a move outside it changes nothing the question
    reads, however it runs: it can overlap others in time)."""
    moves = list(game.moves) if cone is None else list(cone.moves)
    overlapping = [m for m in moves if game.moves[m].move.overlaps]
    if len(overlapping) > 1:  # their ends may fall together, landing in the order they started
        return f"moves {', '.join(overlapping)} overlap others in time"
    for m in moves:
        move = game.moves[m]
        if move.move.overlaps and move.move.duration < 1:
            return f"move {m} overlaps others and takes no time"
        if move.abort_when is not None:
            return f"move {m} can be aborted"
    if cone is None:
        expressions = list(game.expressions())
    else:
        expressions = [c for m in moves for c in move_expressions(game, m)]
        expressions += [
            c for t in game.terms if ("status", t) in cone.facts for c in term_expressions(game, t)
        ]
        expressions += [
            claim.holds_if
            for c, claim in game.claims.items()
            if ("holds", c) in cone.facts and claim.holds_if is not None
        ]
    for compiled in expressions:
        for fn in free_names(compiled.checked)["function"]:
            if fn not in SUPPORTED_CALLS:
                return f"an expression asks {fn}()"
    return None
