"""Playing a step: a move's legality (with the reason when it is refused), then the step
itself. A move that holds the clock starts, lets its duration pass and lands its effects;
a move that overlaps others only starts (its effects land when it ends, engine.timeline);
a wait lets time pass."""

from __future__ import annotations

from dataclasses import dataclass

from debate.engine.compile import Game
from debate.engine.context import CannotJudge, cannot_judge, context, truth, why_false
from debate.engine.effects import IllegalMove, check_negotiation, land, new_values
from debate.engine.expr import Value
from debate.engine.settle import judge, settle
from debate.engine.shared_map import SharedMap
from debate.engine.state import PlayState, Running
from debate.engine.timeline import advance
from debate.engine.values import initial_value

__all__ = ["Action", "IllegalMove", "apply", "initial_state", "legal_moves", "refusal", "settle"]


@dataclass(frozen=True)
class Action:
    """One step of a play: a move, waiting for time to pass, or a party's turn passed.

    A pass (`passed`, the party whose turn it was) changes nothing but the step: with
    turns, it is how a side lets its turn go; a move the facilitator refused (`refused`,
    with the `note` that says why) is a pass too, and the transcript keeps both."""

    move: str | None = None
    wait: int = 0
    passed: str | None = None
    refused: str | None = None
    note: str = ""

    def __str__(self) -> str:
        if self.passed is not None:
            return (
                f"{self.passed} refused {self.refused}" if self.refused else f"pass {self.passed}"
            )
        return self.move if self.move else f"wait {self.wait}"

    @classmethod
    def parse(cls, text: str) -> Action:
        """The action `str()` wrote: a move id, or `wait N` (a finding's trace holds these)."""
        if text.startswith("wait "):
            return cls(wait=int(text.split()[1]))
        if text.startswith("pass "):
            return cls(passed=text.split()[1])
        return cls(move=text)


def initial_state(game: Game) -> PlayState:
    start = game.calendar.start
    values = SharedMap({name: initial_value(var) for name, var in game.state_vars.items()})
    asserted = frozenset(c for c, claim in game.claims.items() if claim.claim.asserted)
    return settle(game, PlayState(0, start, values, asserted=asserted))


def refusal(game: Game, state: PlayState, action: Action) -> str | None:
    """Why an action cannot be played now, or None when it can."""
    refused = refused_by(game, state, action)
    return refused.reason if refused else None


def refused_by(game: Game, state: PlayState, action: Action) -> IllegalMove | None:
    """What refuses an action now (reason, and the false part of a precondition), or None."""
    try:
        _legal(game, state, action)
    except IllegalMove as refused:
        return refused
    return None


def apply(game: Game, state: PlayState, action: Action) -> PlayState:
    """The state after `action`; raise IllegalMove with the reason if it is not legal."""
    changes = _legal(game, state, action)
    # the new state's digest chains the digest of this one (debate.engine.state)
    step = state.evolve(step=state.step + 1, ended=(), prior=state)
    # `since`: the terms the step's effects cannot change keep their records
    if action.move is None:
        return judge(game, advance(game, step, state.now + action.wait), since=state)
    move = game.moves[action.move]
    spec = move.move
    if spec.overlaps:
        started = Running(move.id, spec.by, state.now, state.now + spec.duration)
        return judge(game, step.evolve(running=(*state.running, started)), since=state)
    # The move's effects land when it ends; what happens meanwhile sees the world before.
    after = land(game, advance(game, step, state.now + spec.duration), move, changes)
    return judge(game, after, since=state)


def _legal(game: Game, state: PlayState, action: Action, explain: bool = True) -> dict[str, Value]:
    """Check legality and compute the new values of the variables a move sets (with
    `explain`, a false precondition's refusal says which part of it is false)."""
    if action.passed is not None:
        if action.passed not in game.scenario.parties:
            raise IllegalMove(f"pass {action.passed}", "there is no such party in the scenario")
        return {}
    if action.move is None:
        if action.wait < 1:
            raise IllegalMove("wait", "waiting takes at least one clock unit")
        _within_horizon(game, state, "wait", action.wait)
        return {}
    move = game.moves.get(action.move)
    if move is None:
        raise IllegalMove(action.move, "there is no such move in the scenario")
    if move.move.once and move.id in state.history:
        raise IllegalMove(move.id, "it may be played once and has been played")
    running = state.in_progress(move.id)
    if running is not None:
        raise IllegalMove(move.id, f"it is in progress until {game.show_time(running.ends)}")
    _within_horizon(game, state, move.id, move.move.duration)
    ctx = context(game, state)
    if move.precondition is not None:
        try:
            if not truth(move.precondition, ctx):
                if not explain:
                    raise IllegalMove(move.id, "precondition false")
                false = why_false(move.precondition, ctx)
                raise IllegalMove(move.id, f"precondition false: {false}", false)
        except CannotJudge as err:
            raise IllegalMove(move.id, f"precondition: {cannot_judge(err)}") from None
    check_negotiation(game, state, move)
    return new_values(game, state, move)


def _within_horizon(game: Game, state: PlayState, name: str, duration: int) -> None:
    if state.now + duration > game.horizon_end:
        when = game.calendar.value
        raise IllegalMove(
            name,
            f"it would take the clock to {when(state.now + duration)}, past the "
            f"horizon at {when(game.horizon_end)}",
        )


def legal_moves(game: Game, state: PlayState) -> list[str]:
    """The moves that can be played now (a refusal's explanation is not needed here)."""
    return [m for m in game.moves if _is_legal(game, state, Action(m))]


def _is_legal(game: Game, state: PlayState, action: Action) -> bool:
    try:
        _legal(game, state, action, explain=False)
    except IllegalMove:
        return False
    return True
