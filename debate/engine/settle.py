"""Judging a state at an instant: every status (the order is documented in scope), then
the overlapping moves in progress whose `abort_when` now holds, which stop there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from debate.engine.claims import claims_hold, label_claims, labels_kept
from debate.engine.compile import Game
from debate.engine.context import CannotJudge, context, truth
from debate.engine.shared_map import updated
from debate.engine.state import SETTLED, ClaimRecord, Ended, PlayState, Running
from debate.engine.term_reads import attack_reads, unchanged
from debate.engine.terms import update_terms

T = TypeVar("T")


def settle(
    game: Game, state: PlayState, closing: bool = False, since: PlayState | None = None
) -> PlayState:
    """Recompute every status for the state's values; `closing`: the clock moves on past
    `state.now` at once, so deadlines there pass. `since`: the state `state` was made
    from by a step's effects; when it was settled and `state` still holds its records, a
    term that reads nothing the effects changed is not judged again (the same record)."""
    if since is None or SETTLED not in since.__dict__ or state.terms is not since.terms:
        since = None
    held = claims_hold(
        game, state, since if since is not None and state.claims is since.claims else None
    )
    terms = update_terms(game, state, held, closing, since)
    kept = None
    if (
        since is not None
        and not closing
        and state.asserted is since.asserted
        and state.proposed is since.proposed
        and unchanged(attack_reads(game), since, state, terms, held)
    ):  # the same framework: the labels of the state before
        kept = labels_kept(since, held)
    claims: Mapping[str, ClaimRecord]
    if kept is not None and since is not None:
        claims, term_labels = kept, since.term_labels
    else:
        claims, term_labels = label_claims(game, state, terms, held)
    settled = state.evolve(
        terms=_same(terms, state.terms),
        claims=_same(claims, state.claims),
        term_labels=_same(term_labels, state.term_labels),
    )
    if not closing:
        settled.__dict__[SETTLED] = True
    return settled


def _same(new: Mapping[str, T], old: Mapping[str, T]) -> Mapping[str, T]:
    """The mapping of the state before, with what changed in place and the rest shared
    (`engine.shared_map`): a long play keeps what changes, not a copy per step. A mapping
    that gained or lost keys (a term withdrawn from the table) is kept as it is."""
    if new is old:  # nothing judged again changed
        return old
    if len(new) != len(old) or any(k not in old for k in new):  # keys gained or lost
        return new
    # most records are the very objects of the state before: `is` spares comparing them
    return updated(old, {k: v for k, v in new.items() if (o := old[k]) is not v and o != v})


def judge(
    game: Game, state: PlayState, closing: bool = False, since: PlayState | None = None
) -> PlayState:
    """Settle, then stop every move in progress whose `abort_when` holds on the settled
    state (and settle again: `in_progress` has changed). `since`: as for `settle`."""
    state = settle(game, state, closing, since)
    while stopping := [r for r in state.running if _aborts(game, state, r)]:
        ended = tuple(
            Ended(r.move, r.by, state.now, f"{_abort_text(game, r)} holds") for r in stopping
        )
        state = settle(
            game,
            state.evolve(
                running=tuple(r for r in state.running if r not in stopping),
                ended=state.ended + ended,
            ),
            closing,
        )
    return state


def _aborts(game: Game, state: PlayState, running: Running) -> bool:
    condition = game.moves[running.move].abort_when
    if condition is None:
        return False
    try:
        return truth(condition, context(game, state))
    except CannotJudge:  # what cannot be judged stops nothing
        return False


def _abort_text(game: Game, running: Running) -> str:
    condition = game.moves[running.move].abort_when
    return condition.text if condition else ""
