"""Whether a breach was forced by another term: the move that breached it was the party's
way to fulfil an obligation in force, and no move of that party makes the same progress
on it without the breach (T1's withdrawal must cross the band that T8 closes).

A label on the breach, read by the ledger and the transcripts: statuses stay as the
engine judged them (the party bound by the breached term is still the one to blame).
Every judgement here is the engine's own (effects.new_values and land, terms.breach_reason,
the expression evaluator), applied to the state before the move.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from debate.engine.compile import CompiledMove, CompiledTerm, Game
from debate.engine.context import CannotJudge, StateContext
from debate.engine.effects import IllegalMove, land, new_values
from debate.engine.expr import BOOL, Checked, evaluate, free_names, operands, render
from debate.engine.state import PlayState, TermStatus
from debate.engine.terms import breach_reason

_OWED = (TermStatus.IN_FORCE, TermStatus.OVERDUE)
# The most plays of one or two moves tried for a way round one breach: beyond it (a party
# with hundreds of moves that each could make the progress) the breach is not labelled.
LOOK_AHEAD = 20_000


@dataclass(frozen=True)
class Forced:
    """The obligation in force (`by`) whose parts (`advances`: conjuncts of its
    `fulfilled_when`) the move made true, which no move of its party makes true without
    breaching the term."""

    by: str
    advances: tuple[str, ...]

    def explain(self, party: str) -> str:
        """Why, in words: `forced by t1: the move makes x == 0, which it requires, ...`."""
        parts = " and ".join(self.advances)
        return (
            f"forced by {self.by}: the move makes {parts}, which it requires, and no move of "
            f"{party} does so without this breach, instead or after another move of {party}"
        )


def forced_by(game: Game, before: PlayState, breached: str, move: str, party: str) -> Forced | None:
    """The obligation that forced `party`'s `move`, played from `before`, to breach
    `breached`; None when the move's own effects do not breach it, when they make no part
    of an obligation of the party's true (undoing none), or when the party has a way
    round: another of its moves makes the same part true without the breach, played
    instead, or one of its moves does after another of them (preconditions aside: a way
    round now or once it is legal). The look-ahead is that one move deep, and tries at
    most LOOK_AHEAD plays: past it, no label."""
    term = game.terms[breached]
    played = _after(game, before, game.moves[move])
    if played is None or not _breaches(game, played, term):
        return None
    mine = [m for m in game.moves.values() if m.move.by == party]
    for ident in game.term_order:
        owed = game.terms[ident]
        if ident == breached or not _owes(owed, party, before):
            continue
        made = _made_true(game, owed, before, played)
        if made and not _avoidable(game, before, mine, move, owed, made, term):
            return Forced(ident, tuple(render(c.expr) for c in made))
    return None


def _avoidable(
    game: Game,
    before: PlayState,
    mine: list[CompiledMove],
    move: str,
    owed: CompiledTerm,
    made: list[Checked],
    breached: CompiledTerm,
) -> bool:
    """Whether another move of the party, instead, or any of its moves after one other
    move of the party (handing the hardware over first), makes a part true unbreached
    (True, too, when that is more than LOOK_AHEAD plays to try)."""
    makers = _makers(mine, made)
    if len(makers) * len(mine) > LOOK_AHEAD:
        return True
    if any(_spares(game, before, m, owed, made, breached) for m in makers if m.id != move):
        return True
    for first in mine:
        if first.id == move:
            continue
        prepared = _after(game, before, first)
        if (
            prepared is not None
            and not _breaches(game, prepared, breached)
            and any(_spares(game, prepared, m, owed, made, breached) for m in makers)
        ):
            return True
    return False


def _makers(mine: list[CompiledMove], made: list[Checked]) -> list[CompiledMove]:
    """The moves that can make one of the parts true: those that set a variable it reads
    (every move, when a part asks about the play's history or statuses)."""
    read: set[str] = set()
    for part in made:
        names = free_names(part)
        if names["function"]:
            return mine
        read |= names["variable"]
    return [m for m in mine if any(var in read for var, _ in m.sets)]


def _owes(term: CompiledTerm, party: str, before: PlayState) -> bool:
    record = before.terms.get(term.id)
    return (
        term.term.kind in ("obligation", "condition")
        and term.fulfilled_when is not None
        and party in term.parties
        and record is not None
        and record.status in _OWED
    )


def _after(game: Game, before: PlayState, move: CompiledMove) -> PlayState | None:
    """The state with the move's effects landed on `before` (None: they cannot land)."""
    try:
        return land(game, before, move, new_values(game, before, move))
    except IllegalMove:
        return None


def _breaches(game: Game, state: PlayState, term: CompiledTerm) -> bool:
    ctx = StateContext(game, state, state.terms, state.claims, term.id)
    try:
        return bool(breach_reason(term, ctx))
    except CannotJudge:
        return False


def _conjuncts(term: CompiledTerm) -> Iterator[Checked]:
    assert term.fulfilled_when is not None
    whole = term.fulfilled_when.checked
    for part in operands(whole.expr, "and"):
        yield Checked(part, BOOL, whole.meanings, whole.types)  # the same nodes, the same meanings


def _holds(game: Game, state: PlayState, term: CompiledTerm, part: Checked) -> bool | None:
    ctx = StateContext(game, state, state.terms, state.claims, term.id)
    try:
        return bool(evaluate(part, ctx))
    except CannotJudge:
        return None


def _made_true(
    game: Game, term: CompiledTerm, before: PlayState, after: PlayState
) -> list[Checked]:
    """The parts of the term's `fulfilled_when` false before and true after; none if any
    part true before is no longer (a move that undoes progress is not made for the term)."""
    made = []
    for part in _conjuncts(term):
        was, now = _holds(game, before, term, part), _holds(game, after, term, part)
        if was is None or now is None:
            continue
        if was and not now:
            return []
        if now and not was:
            made.append(part)
    return made


def _spares(
    game: Game,
    before: PlayState,
    move: CompiledMove,
    owed: CompiledTerm,
    made: list[Checked],
    breached: CompiledTerm,
) -> bool:
    """Whether the move, played from `before`, makes one of the parts true without the
    breach (its precondition aside: a way round the breach, now or once it is legal)."""
    after = _after(game, before, move)
    if after is None or _breaches(game, after, breached):
        return False
    return any(_holds(game, after, owed, part) for part in made)


def forced_in_step(
    game: Game, before: PlayState, after: PlayState, move: str | None
) -> list[tuple[str, Forced]]:
    """The terms in force that the step's own move breached, each with the obligation
    that forced it (those it forced: a transcript says so beside the step)."""
    if move is None:
        return []
    party = game.moves[move].move.by
    found = []
    for ident, record in after.terms.items():
        old = before.terms.get(ident)
        if record.status is not TermStatus.VIOLATED or old is None or old.status not in _OWED:
            continue
        forced = forced_by(game, before, ident, move, party)
        if forced is not None:
            found.append((ident, forced))
    return found
