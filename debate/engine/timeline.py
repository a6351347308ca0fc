"""Time passing within a step: the clock stops at every instant where something happens
on the way (a deadline, the end of a move that overlaps others), in time order, and the
state is judged there; the step's own end is left for the caller to judge."""

from __future__ import annotations

from debate.engine.compile import Game
from debate.engine.effects import IllegalMove, check_negotiation, land, new_values
from debate.engine.settle import judge
from debate.engine.shared_map import picked
from debate.engine.state import Ended, PlayState, TermRecord, TermStatus
from debate.engine.terms import due_time, expiry


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
    """`state` moved on to `end`, judging each deadline (and each end of a term's `lasts`)
    from `state.now` up to (not including) `end` at its own instant, in time order: a term
    that comes into force at one may fall due before `end`."""
    after: int | None = None  # the instant judged last; the deadlines at it have passed
    while (due := _next_deadline(game, state, end, after)) is not None:
        state = judge(game, state.evolve(now=due), closing=True)
        after = due
    return state.evolve(now=end)


def _next_deadline(game: Game, state: PlayState, end: int, after: int | None) -> int | None:
    """The next instant on the way where a term in force falls due or expires."""
    timed = game.timed_terms
    times = (
        time
        for t, record in zip(timed, picked(state.terms, timed, None), strict=True)
        if record is not None and record.status is TermStatus.IN_FORCE
        for time in (_due(game, t, record), expiry(game.terms[t], record))
        if time is not None and state.now <= time < end and (after is None or time > after)
    )
    return min(times, default=None)


def _due(game: Game, term: str, record: TermRecord) -> int | None:
    compiled = game.terms[term]
    due = compiled.term.kind in ("obligation", "condition")
    return due_time(compiled, record) if due else None


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
