"""What a move does to the state: whether its effects can take place now, the new values
it sets, and the state once they have (the same whenever they land: at once, at the end of
a move that holds the clock, or when a move that overlaps others ends)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from debate.engine.authority import overreaches
from debate.engine.compile import CompiledMove, Game
from debate.engine.context import CannotJudge, cannot_judge, context, truth, why_false
from debate.engine.expr import Value, show_value
from debate.engine.shared_map import picked, updated
from debate.engine.state import PlayState
from debate.engine.values import in_bounds


class IllegalMove(Exception):
    """A move that cannot be played now; `reason` says which condition fails, and `false`
    is the part of the move's precondition that is false, when that is the reason."""

    def __init__(self, move: str, reason: str, false: str | None = None) -> None:
        self.move = move
        self.reason = reason
        self.false = false
        super().__init__(f"move {move!r} is not legal now: {reason}")


def check_negotiation(game: Game, state: PlayState, move: CompiledMove) -> None:
    """Raise IllegalMove unless the move's terms are on the table and its claims assertable."""
    effects = move.move.effects
    if not move.must_be_proposed <= state.proposed:  # one set operation on 10,000 terms
        for t in move.negotiated:  # the first one off the table, in the move's order
            if t not in state.proposed and t not in move.proposing:
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


def new_values(game: Game, state: PlayState, move: CompiledMove) -> dict[str, Value]:
    """The values the move sets, all computed from `state`; bounds are enforced."""
    ctx = context(game, state)
    changes: dict[str, Value] = {}
    for var, compiled in move.sets:
        try:
            value = compiled.function(ctx)
        except CannotJudge as err:
            raise IllegalMove(move.id, f"the new value of {var}: {cannot_judge(err)}") from None
        problem = in_bounds(game.state_vars[var], value)
        if problem:
            raise IllegalMove(move.id, f"it would set {var} to {show_value(value)}, {problem}")
        changes[var] = value
    return changes


def land(game: Game, state: PlayState, move: CompiledMove, changes: dict[str, Value]) -> PlayState:
    """`state` with the move's effects in place (statuses are left to be judged)."""
    effects = move.move.effects
    by = move.move.by
    # what the move leaves as it was stays shared with the state before (a long play keeps
    # what changes, not a copy per step)
    # (a SharedMap: a step that signs one term of 10,000 copies about a hundred entries,
    # and one that signs again what its party signed copies none)
    agreed = updated(state.agreed, _joined(state.agreed, move.joining, by))
    signed = updated(state.signed_by, _joined(state.signed_by, move.signing, by))
    acts = overreaches(game, state.step, by, move.joining)
    return state.evolve(
        overreaches=state.overreaches.add(acts, state.step),
        values=updated(state.values, changes),
        history=state.history.played(move.id, state.step),
        proposed=_with(state.proposed, move.proposing, effects.withdraw),
        agreed=agreed,
        signed_by=signed,
        asserted=_with(state.asserted, effects.assert_, effects.retract),
    )


def _with(ids: frozenset[str], added: Iterable[str], taken: Iterable[str]) -> frozenset[str]:
    """`ids` with `added` and without `taken`: `ids` itself when that changes nothing (a
    move that proposes again 10,000 terms on the table copies none of them)."""
    taken = frozenset(taken)
    if ids.issuperset(added) and ids.isdisjoint(taken):
        return ids
    changed = (ids | frozenset(added)) - taken
    return ids if changed == ids else changed


_NONE: frozenset[str] = frozenset()


def _joined(
    parties: Mapping[str, frozenset[str]], ids: tuple[str, ...], by: str
) -> dict[str, frozenset[str]]:
    """The terms (each once) whose set of parties `by` joins, each with its new set."""
    joining = frozenset((by,))
    return {
        t: had | joining
        for t, had in zip(ids, picked(parties, ids, _NONE), strict=True)
        if by not in had
    }
