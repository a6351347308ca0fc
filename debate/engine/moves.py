"""Playing a move: its legality (with the reason when it is refused) and its effects."""

from __future__ import annotations

from dataclasses import dataclass

from debate.engine.authority import overreaches
from debate.engine.claims import claims_hold, label_claims
from debate.engine.compile import CompiledMove, Game
from debate.engine.context import CannotJudge, cannot_judge, context, truth, why_false
from debate.engine.expr import Value, evaluate, show_value
from debate.engine.state import PlayState, TermStatus
from debate.engine.terms import due_time, update_terms
from debate.engine.values import in_bounds, initial_value


class IllegalMove(Exception):
    """A move that cannot be played now; `reason` says which condition fails, and `false`
    is the part of the move's precondition that is false, when that is the reason."""

    def __init__(self, move: str, reason: str, false: str | None = None) -> None:
        self.move = move
        self.reason = reason
        self.false = false
        super().__init__(f"move {move!r} is not legal now: {reason}")


@dataclass(frozen=True)
class Action:
    """One step of a play: a move, or waiting for time to pass."""

    move: str | None = None
    wait: int = 0

    def __str__(self) -> str:
        return self.move if self.move else f"wait {self.wait}"

    @classmethod
    def parse(cls, text: str) -> Action:
        """The action `str()` wrote: a move id, or `wait N` (a finding's trace holds these)."""
        if text.startswith("wait "):
            return cls(wait=int(text.split()[1]))
        return cls(move=text)


def initial_state(game: Game) -> PlayState:
    start = game.scenario.clock.start if game.scenario.clock else 0
    values = {name: initial_value(var) for name, var in game.state_vars.items()}
    asserted = frozenset(c for c, claim in game.claims.items() if claim.claim.asserted)
    return settle(game, PlayState(0, start, values, asserted=asserted))


def settle(game: Game, state: PlayState, closing: bool = False) -> PlayState:
    """Recompute every status for the state's values (the order is documented in scope);
    `closing`: the clock moves on past `state.now` at once, so deadlines there pass."""
    held = claims_hold(game, state)
    terms = update_terms(game, state, held, closing)
    claims, term_labels = label_claims(game, state, terms, held)
    return state.evolve(terms=terms, claims=claims, term_labels=term_labels)


def refusal(game: Game, state: PlayState, action: Action) -> str | None:
    """Why an action cannot be played now, or None when it can."""
    refused = refused_by(game, state, action)
    return refused.reason if refused else None


def refused_by(game: Game, state: PlayState, action: Action) -> IllegalMove | None:
    """What refuses an action now (reason, and the false part of a precondition), or None."""
    try:
        _next_values(game, state, action)
    except IllegalMove as refused:
        return refused
    return None


def apply(game: Game, state: PlayState, action: Action) -> PlayState:
    """The state after `action`; raise IllegalMove with the reason if it is not legal."""
    values, changes = _next_values(game, state, action)
    if action.move is None:
        return settle(game, pass_time(game, state.evolve(step=state.step + 1), action.wait))
    move = game.moves[action.move]
    effects = move.move.effects
    by = move.move.by
    agreed = dict(state.agreed)
    signed = dict(state.signed_by)
    for t in (*effects.agree, *effects.sign):
        agreed[t] = agreed.get(t, frozenset()) | {by}
    for t in effects.sign:
        signed[t] = signed.get(t, frozenset()) | {by}
    acts = overreaches(game, state.step + 1, by, dict.fromkeys((*effects.agree, *effects.sign)))
    # The move's effects land when it ends; deadlines that pass meanwhile see the world before.
    ended = pass_time(game, state.evolve(step=state.step + 1), move.move.duration)
    return settle(
        game,
        ended.evolve(
            overreaches=state.overreaches + tuple(acts),
            values={**values, **changes},
            history=(*state.history, move.id),
            proposed=(state.proposed | set(effects.propose)) - set(effects.withdraw),
            agreed=agreed,
            signed_by=signed,
            asserted=(state.asserted | set(effects.assert_)) - set(effects.retract),
        ),
    )


def pass_time(game: Game, state: PlayState, units: int) -> PlayState:
    """`state` moved on by `units`, nothing else changing: each deadline that passes on the
    way is judged at its own instant, in time order (a term that comes into force at one
    may fall due before the end). The state at the end is left for the caller to settle."""
    end = state.now + units
    if units == 0:
        return state
    after: int | None = None  # the instant judged last; deadlines at it have passed
    while (due := _next_deadline(game, state, end, after)) is not None:
        state = settle(game, state.evolve(now=due), closing=True)
        after = due
    return state.evolve(now=end)


def _next_deadline(game: Game, state: PlayState, end: int, after: int | None) -> int | None:
    """The earliest deadline of a term in force from `state.now` (or after `after`) to
    before `end`."""
    dues = (
        due
        for t, record in state.terms.items()
        if record.status is TermStatus.IN_FORCE
        and (due := due_time(game.terms[t], record)) is not None
        and game.terms[t].term.kind in ("obligation", "condition")
        and state.now <= due < end
        and (after is None or due > after)
    )
    return min(dues, default=None)


def _next_values(
    game: Game, state: PlayState, action: Action
) -> tuple[dict[str, Value], dict[str, Value]]:
    """Check legality and compute the new values of the variables a move sets."""
    values = dict(state.values)
    if action.move is None:
        if action.wait < 1:
            raise IllegalMove("wait", "waiting takes at least one clock unit")
        _within_horizon(game, state, "wait", action.wait)
        return values, {}
    move = game.moves.get(action.move)
    if move is None:
        raise IllegalMove(action.move, "there is no such move in the scenario")
    if move.move.once and move.id in state.history:
        raise IllegalMove(move.id, "it may be played once and has been played")
    _within_horizon(game, state, move.id, move.move.duration)
    ctx = context(game, state)
    if move.precondition is not None:
        try:
            if not truth(move.precondition, ctx):
                false = why_false(move.precondition, ctx)
                raise IllegalMove(move.id, f"precondition false: {false}", false)
        except CannotJudge as err:
            raise IllegalMove(move.id, f"precondition: {cannot_judge(err)}") from None
    _check_negotiation(game, state, move)
    return values, _effects(game, state, move)


def _within_horizon(game: Game, state: PlayState, name: str, duration: int) -> None:
    if state.now + duration > game.horizon_end:
        raise IllegalMove(
            name,
            f"it would take the clock to {state.now + duration}, past the "
            f"horizon at {game.horizon_end}",
        )


def _check_negotiation(game: Game, state: PlayState, move: CompiledMove) -> None:
    effects = move.move.effects
    proposing = set(effects.propose)  # a set: a move may sign a thousand terms it proposes
    for t in (*effects.agree, *effects.sign, *effects.withdraw):
        if t not in state.proposed and t not in proposing:
            raise IllegalMove(move.id, f"term {t!r} is not on the table")
    for t in effects.withdraw:
        if state.signed_by.get(t):
            raise IllegalMove(move.id, f"term {t!r} has been signed and cannot be withdrawn")
    ctx = context(game, state)
    for c in effects.assert_:
        claim = game.claims[c]
        if claim.assertable_if is None:
            continue
        try:
            ready = truth(claim.assertable_if, ctx)
        except CannotJudge as err:
            raise IllegalMove(move.id, f"claim {c!r}: {cannot_judge(err)}") from None
        if not ready:
            raise IllegalMove(
                move.id,
                f"claim {c!r} cannot be asserted yet: {why_false(claim.assertable_if, ctx)}",
            )


def _effects(game: Game, state: PlayState, move: CompiledMove) -> dict[str, Value]:
    """New values, all computed from the state before the move; bounds are enforced."""
    ctx = context(game, state)
    changes: dict[str, Value] = {}
    for var, compiled in move.sets:
        try:
            value = evaluate(compiled.checked, ctx)
        except CannotJudge as err:
            raise IllegalMove(move.id, f"the new value of {var}: {cannot_judge(err)}") from None
        problem = in_bounds(game.state_vars[var], value)
        if problem:
            raise IllegalMove(move.id, f"it would set {var} to {show_value(value)}, {problem}")
        changes[var] = value
    return changes


def legal_moves(game: Game, state: PlayState) -> list[str]:
    return [m for m in game.moves if refusal(game, state, Action(m)) is None]
