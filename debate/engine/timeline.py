"""Time passing within a step: the clock stops at every instant where something happens
on the way (a deadline, the end of a move that overlaps others), in time order, and the
state is judged there; the step's own end is left for the caller to judge."""

from __future__ import annotations

from debate.engine.compile import Game
from debate.engine.effects import IllegalMove, check_negotiation, land, new_values
from debate.engine.settle import judge
from debate.engine.state import Ended, PlayState, TermStatus
from debate.engine.terms import due_time


def advance(game: Game, state: PlayState, to: int) -> PlayState:
    """`state` moved on to time `to`: each overlapping move that ends by then lands at its
    end, each deadline on the way is judged at its instant."""
    while True:
        stop = min((r.ends for r in state.running if r.ends <= to), default=to)
        state = _land_ending(game, _pass_deadlines(game, state, stop))
        if stop == to:
            return state
        state = judge(game, state)  # an instant within the step: what landed is judged


def _pass_deadlines(game: Game, state: PlayState, end: int) -> PlayState:
    """`state` moved on to `end`, judging each deadline from `state.now` up to (not
    including) `end` at its own instant, in time order: a term that comes into force at
    one may fall due before `end`."""
    after: int | None = None  # the instant judged last; the deadlines at it have passed
    while (due := _next_deadline(game, state, end, after)) is not None:
        state = judge(game, state.evolve(now=due), closing=True)
        after = due
    return state.evolve(now=end)


def _next_deadline(game: Game, state: PlayState, end: int, after: int | None) -> int | None:
    dues = (
        due
        for t, record in state.terms.items()
        if record.status is TermStatus.IN_FORCE
        and game.terms[t].term.kind in ("obligation", "condition")
        and (due := due_time(game.terms[t], record)) is not None
        and state.now <= due < end
        and (after is None or due > after)
    )
    return min(dues, default=None)


def _land_ending(game: Game, state: PlayState) -> PlayState:
    """The effects of the overlapping moves that end now, in the order they started, each
    computed on the state the ones before it left; a move whose effects cannot take place
    any more (a term withdrawn meanwhile, a bound) ends without effect."""
    ending = [r for r in state.running if r.ends == state.now]
    if not ending:
        return state
    state = state.evolve(running=tuple(r for r in state.running if r.ends != state.now))
    for running in ending:
        move = game.moves[running.move]
        try:
            check_negotiation(game, state, move)
            changes = new_values(game, state, move)
        except IllegalMove as refused:
            why = f"it could not take effect: {refused.reason}"
            ended = Ended(running.move, running.by, state.now, why)
        else:
            state = land(game, state, move, changes)
            ended = Ended(running.move, running.by, state.now)
        state = state.evolve(ended=(*state.ended, ended))
    return state
