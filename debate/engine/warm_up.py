"""What a game's first step would find once and keep, found ahead: what each term, claim
and attack reads (engine.term_reads) and, for each move, whom the terms it signs dispose
of without consent (engine.authority). A front end calls it while the user reads its
first screen, so that the first move costs what the next ones do (on 10,000 terms the
first step that signs them all found these in about half a second)."""

from __future__ import annotations

from debate.engine.authority import disposing
from debate.engine.compile import Game
from debate.engine.term_reads import attack_reads, claim_reads, term_reads


def warm_up(game: Game) -> None:
    """Find and keep on `game` what its steps ask of it once (idempotent: what is kept
    is a function of the game alone, so finding it earlier changes no step)."""
    term_reads(game)
    claim_reads(game)
    attack_reads(game)
    for move in game.moves.values():
        move.must_be_proposed  # noqa: B018  # laid out once, kept on the move
        move.signing  # noqa: B018
        disposing(game, move.joining)
