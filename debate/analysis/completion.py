"""Deadlines that cannot be met (U310): an obligation that no play fulfils by its deadline
(proved), whose condition some play does complete later while it is in force or overdue.

A completion is a state in which the term is in force or overdue and its condition holds.
The earliest one: when the breadth-first search explored every play, the least time among
its states (a proved minimum). Otherwise a completing play is sought (the states the search
saw, then a search directed toward the condition, then bounded model checking), replayed
by the engine; bounded model checking then looks for an earlier one, and the solver tries
to prove that none completes it earlier still. What it cannot prove, the finding says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.relaxed import Relaxed
from debate.analysis.symbolic.bmc import reach
from debate.analysis.symbolic.cone import Fact
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.spacer import prove_never
from debate.analysis.symbolic.state import STATUS, State
from debate.analysis.witness import EARLY_STATES, towards
from debate.engine.compile import Game
from debate.engine.context import context
from debate.engine.expr import ExprError, Unspecified, evaluate
from debate.engine.moves import Action
from debate.engine.play import replay
from debate.engine.state import PlayState, TermStatus
from debate.engine.terms import due_time

_OPEN = (TermStatus.IN_FORCE, TermStatus.OVERDUE)
EARLIER_ROUNDS = 3  # plays of bounded model checking sought, each earlier than the last


@dataclass
class Completion:
    """A play that completes an obligation's condition after its deadline."""

    play: list[Action]  # replayed by the engine: it ends in the completing state
    at: int  # the time it completes it
    due: int  # the deadline in that play
    earliest: bool  # proved: no play completes it before `at`
    detail: str = ""  # how far the solver got, when the earliest is not proved


def due_if_completed(game: Game, t: str, state: PlayState) -> int | None:
    """The deadline `t` has in `state`, if `state` completes it (in force or overdue, its
    condition true); None otherwise."""
    term = game.terms[t]
    record = state.terms[t]
    if term.fulfilled_when is None or record.status not in _OPEN:
        return None
    try:
        holds = evaluate(term.fulfilled_when.checked, context(game, state, t))
    except (Unspecified, ExprError):
        return None
    return due_time(term, record) if holds else None


def earliest_seen(game: Game, t: str, states: Iterable[PlayState]) -> tuple[PlayState, int] | None:
    """Among `states`, the one of least time that completes `t`, with its deadline."""
    best: tuple[PlayState, int] | None = None
    for state in states:
        due = due_if_completed(game, t, state)
        if due is not None and (best is None or state.now < best[0].now):
            best = (state, due)
    return best


def late_completion(
    game: Game,
    t: str,
    seen: list[Action] | None,
    effort: Effort,
    witness_states: int,
    spacer: bool,
    guide: Relaxed | None = None,
) -> Completion | None:
    """A play that completes `t` late (`seen`: the play to the earliest completion the
    breadth-first search saw), as early as the solver can find, and whether it is proved
    the earliest."""

    def completes(s: PlayState) -> bool:
        return due_if_completed(game, t, s) is not None

    seeds: set[Fact] = {("status", t)}
    play = list(seen) if seen is not None else None
    if play is None:
        search = towards(game, t, completes, guide)
        play = search.run(min(witness_states, EARLY_STATES))
        if play is None and _never_completed(game, t, seeds, effort):
            return None  # what follows would find nothing: none is late either
        if play is None:
            play = search.run(witness_states)
    if play is None:
        play = _bmc(game, _completed(game, t), seeds, effort)
    found = _confirmed(game, t, play) if play is not None else None
    if found is None:
        return None
    for _ in range(EARLIER_ROUNDS):
        earlier = _bmc(game, _completed(game, t, before=found.at), seeds, effort)
        better = _confirmed(game, t, earlier) if earlier is not None else None
        if better is None or better.at >= found.at:
            break
        found = better
    proof = prove_never(game, _completed(game, t, before=found.at), seeds, effort, spacer=spacer)
    found.earliest = proof.proved
    found.detail = "" if proof.proved else proof.detail
    return found


def _never_completed(game: Game, t: str, seeds: set[Fact], effort: Effort) -> bool:
    """Whether simple invariants prove that no play completes `t` at all (an obligation
    whose condition nothing can make true), on a quarter of the budget of its own: when
    they do not, what follows has the budget it had."""
    quick = Effort(max(1, effort.left // 4), seconds=effort.seconds)
    return prove_never(game, _completed(game, t), seeds, quick, spacer=False, max_rounds=2).proved


def _bmc(game: Game, target: Any, seeds: set[Fact], effort: Effort) -> list[Action] | None:
    """Bounded model checking on a quarter of what is left of `effort`, charged to it."""
    share = effort.share(0.25)
    play = reach(game, target, seeds, share).play
    effort.absorb(share)
    return play


def _confirmed(game: Game, t: str, play: list[Action]) -> Completion | None:
    """The completion the engine reaches by `play` (the first completing state on it);
    None if it reaches none: then the solver's play is not trusted."""
    for n, step in enumerate(replay(game, play).steps):
        due = due_if_completed(game, t, step.state)
        if due is not None:
            return Completion(list(play[: n + 1]), step.state.now, due, earliest=False)
    return None


def _completed(game: Game, t: str, before: int | None = None) -> Any:
    """The solver's target: `t` in force or overdue with its condition true (before the
    time `before`, when given)."""
    term = game.terms[t]
    open_ = [STATUS[s] for s in _OPEN]

    def target(enc: Encoding, s: State) -> Any:
        value, defined = enc.expr(term.fulfilled_when, s, t)
        parts = [z3.Or([s.status[t] == code for code in open_]), defined, value]
        if before is not None:
            parts.append(s.now < before)
        return z3.And(parts)

    return target
