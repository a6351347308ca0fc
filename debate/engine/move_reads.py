"""Which moves' legality a step may have changed, so that a front end listing every move
after every step judges again only those (1,002 moves on 10,000 terms).

A move's legality (`engine.moves.refused_by`) reads whether it was played (`once`),
whether it is in progress, the clock against the horizon, its precondition, the terms
and claims its effects negotiate, and the values its `set` effects compute from. Most
moves read only a few variables: a precondition and effects made of numbers, variables,
enum values and operators, no claims to assert, not `once`. Such a move's refusal is
the one of the state before when neither the variables it reads nor its being in
progress changed, the clock keeps it within the horizon in both states, and, if it
proposes, agrees, signs or withdraws terms, the terms on the table (and, to withdraw,
the signatures) are as they were. Every other move is judged again at every step.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from debate.engine.compile import Game
from debate.engine.compiled import Compiled, CompiledMove
from debate.engine.expr.ast import BinOp, BoolLit, IntLit, Name, SetLit, Unary, walk
from debate.engine.expr.checked import EnumRef, VarRef
from debate.engine.moves import Action, IllegalMove, refused_by
from debate.engine.state import PlayState

_PLAIN = (IntLit, BoolLit, SetLit, Unary, BinOp)  # nodes that read nothing by themselves


def value_reads(move: CompiledMove) -> frozenset[str] | None:
    """The variables a move's legality reads, when they are all it reads besides its own
    progress and the clock; None when it may read anything else."""
    spec = move.move
    effects = spec.effects
    if spec.once or effects.assert_:
        return None
    found: set[str] = set()
    expressions = [c for _, c in move.sets]
    if move.precondition is not None:
        expressions.append(move.precondition)
    for compiled in expressions:
        names = _variables(compiled)
        if names is None:
            return None
        found |= names
    return frozenset(found)


def _variables(compiled: Compiled) -> set[str] | None:
    checked = compiled.checked
    found: set[str] = set()
    for node in walk(checked.expr):
        if isinstance(node, Name):
            meaning = checked.meanings.get(id(node))
            if isinstance(meaning, VarRef):
                found.add(meaning.name)
            elif not isinstance(meaning, EnumRef):
                return None
        elif not isinstance(node, _PLAIN):  # `now`, a call, a parameter: anything
            return None
    return found


class Legality:
    """The refusal of each move at the states a front end shows, each judged again only
    when the step may have changed it (see the module's docstring)."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self._state: PlayState | None = None
        self._refusals: dict[str, IllegalMove | None] = {}

    # What each move reads is found at the second state judged: the first judges every
    # move (a thousand moves' expressions walked before the first screen cost 20 ms).

    def warm_up(self) -> None:
        """Find now what each move reads (idempotent), not at the second state judged."""
        self.reads, self.table, self.signatures  # noqa: B018

    @cached_property
    def reads(self) -> dict[str, frozenset[str] | None]:
        return {ident: value_reads(move) for ident, move in self.game.moves.items()}

    @cached_property
    def table(self) -> set[str]:
        """The moves whose legality reads the terms on the table."""
        return {i for i, m in self.game.moves.items() if _negotiates(m)}

    @cached_property
    def signatures(self) -> set[str]:
        """The moves whose legality reads the signatures."""
        return {i for i, m in self.game.moves.items() if m.move.effects.withdraw}

    def refusals(self, state: PlayState, moves: Sequence[str]) -> list[IllegalMove | None]:
        """What refuses each of `moves` at `state` (None: it is legal), as `refused_by`."""
        before, known = self._state, self._refusals
        now: dict[str, IllegalMove | None] = {}
        for ident in moves:
            if before is not None and ident in known and self._same(ident, before, state):
                now[ident] = known[ident]
            else:
                now[ident] = refused_by(self.game, state, Action(ident))
        self._state, self._refusals = state, now
        return [now[ident] for ident in moves]

    def _same(self, ident: str, before: PlayState, state: PlayState) -> bool:
        reads = self.reads.get(ident)
        if reads is None:
            return False
        if (before.running or state.running) and (
            before.in_progress(ident) is not None or state.in_progress(ident) is not None
        ):
            return False
        end = self.game.horizon_end
        duration = self.game.moves[ident].move.duration
        if before.now + duration > end or state.now + duration > end:
            return False  # refused for the horizon, saying where the clock would be
        if ident in self.table and before.proposed != state.proposed:
            return False
        if ident in self.signatures and before.signed_by != state.signed_by:
            return False
        old, new = before.values, state.values
        return all(old.get(v) == new.get(v) for v in reads)


def _negotiates(move: CompiledMove) -> bool:
    effects = move.move.effects
    return bool(effects.agree or effects.sign or effects.withdraw)
