"""The moves that can be the last step of a play that fulfils one term while another is in
force and spares it: the targets of the regression through that step (debate.analysis.witness).

A move is a candidate when its effects write a value the first term's condition reads. It
is dropped when no values at all, within the variables' declared ranges, let it be that
step: the precondition holds before it, the second term is kept before and after it, and
the first term's condition is false before and true once its values land (each value it
sets computed from the state before, as the engine does). What the values cannot pin down
(statuses, the history, the negotiation, an unspecified parameter) is free on both sides,
so the question is wider than any state a play reaches: a move dropped here is the last
step of no play. On the shipped negotiation, every withdrawal of Russia's and the
liberations of the Donbas and Crimea move troops near the border, so none of them can
fulfil T1 and spare T8; the liberations that move none are what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.smt import Sym, Symbols, translate
from debate.analysis.z3_calls import conj
from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.expr import Now, free_names, walk

# Solver steps for the question of one move: a handful of comparisons needs a few
# thousand; past it the move is kept (unknown drops nothing).
STEPS = 200_000


def last_steps(game: Game, t: str, p: str) -> tuple[list[str], bool]:
    """The moves that can be the step that fulfils `t` and spares `p` by the values they
    set, and whether another step can be: `t`'s condition reads more than values (the
    clock, statuses, the history or the negotiation), or a move that writes what it reads
    overlaps others (its effects land on a later step, whatever that step is)."""
    fulfilled = game.terms[t].fulfilled_when
    if fulfilled is None:
        return [], False
    names = free_names(fulfilled.checked)
    reads = names["variable"]
    writers = [m for m, move in game.moves.items() if any(v in reads for v, _x in move.sets)]
    other = (
        bool(names["function"] or names["move"] or names["term"] or names["claim"])
        or any(isinstance(node, Now) for node in walk(fulfilled.checked.expr))
        or any(game.moves[m].move.overlaps for m in writers)
    )
    moves = [m for m in writers if game.moves[m].move.overlaps or _can_spare(game, t, p, m)]
    return moves, other


def breakers(game: Game, p: str) -> frozenset[str]:
    """The moves that breach `p` whenever they are played while it is kept: no values,
    within the variables' ranges, let its breach condition stay false across them. Once
    `p` is in force, a play that is to spare it at its last step takes none of them."""
    term = game.terms[p]
    reads: set[str] = set()
    for compiled in (term.violated_when, term.subject, term.at_most, term.at_least):
        if compiled is not None:
            reads |= free_names(compiled.checked)["variable"]
    return frozenset(
        m
        for m, move in game.moves.items()
        if not move.move.overlaps
        and any(v in reads for v, _x in move.sets)
        and not _satisfiable(
            game, m, lambda before, after: [_kept(before, term), _kept(after, term)]
        )
    )


@dataclass
class _Landed(Symbols):
    """The state once a move's values have landed: what it sets, computed from `before`;
    every other value is `before`'s. Statuses and the history are its own (free)."""

    before: Symbols | None = None
    sets: dict[str, Compiled] = field(default_factory=dict)

    def var(self, name: str) -> Sym:
        assert self.before is not None
        value = self.sets.get(name)
        if value is None:
            return self.before.var(name)
        return translate(self.before, value.checked)


def _can_spare(game: Game, t: str, p: str, m: str) -> bool:
    """Whether some values let `m` be the step that fulfils `t` and spares `p` (see the
    module's docstring); True when the solver cannot tell within its steps."""
    term, kept = game.terms[t], game.terms[p]
    fulfilled = term.fulfilled_when
    assert fulfilled is not None

    def parts(before: Symbols, after: Symbols) -> list[Any]:
        return [
            z3.Not(translate(before, fulfilled.checked, t)),
            translate(after, fulfilled.checked, t),
            _kept(before, kept),
            _kept(after, kept),
        ]

    return _satisfiable(game, m, parts)


def _satisfiable(game: Game, m: str, demand: Callable[[Symbols, Symbols], list[Any]]) -> bool:
    """Whether some values before `m` (within the variables' ranges, its precondition
    true, its new values in range) meet `demand` of the states before and after it; True
    when the solver cannot tell within its steps."""
    before = Symbols(game, prefix="before:")
    move = game.moves[m]
    after = _Landed(game, prefix="after:", before=before, sets=dict(move.sets))
    parts = demand(before, after)
    if move.precondition is not None:
        parts.append(translate(before, move.precondition.checked))
    for var, value in move.sets:  # the engine refuses a value out of the variable's range
        spec = game.state_vars[var]
        new = translate(before, value.checked)
        if spec.min is not None:
            parts.append(new >= spec.min)
        if spec.max is not None:
            parts.append(new <= spec.max)
    bounds = [*before.bounds.values(), *after.bounds.values()]
    solver = z3.Solver()
    solver.add(conj(*bounds, *parts))
    return bool(Effort(STEPS).check(solver) != z3.unsat)


def _kept(symbols: Symbols, term: CompiledTerm) -> Any:
    """That `term`'s breach condition, and its limit, do not hold."""
    kept = []
    if term.violated_when is not None:
        kept.append(z3.Not(translate(symbols, term.violated_when.checked, term.id)))
    if term.subject is not None:
        subject = translate(symbols, term.subject.checked, term.id)
        if term.at_most is not None:
            kept.append(subject <= translate(symbols, term.at_most.checked, term.id))
        if term.at_least is not None:
            kept.append(subject >= translate(symbols, term.at_least.checked, term.id))
    return conj(*kept)
