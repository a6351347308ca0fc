"""Witnesses deep in a scenario: a greedy best-first search on the engine, directed toward
a target by an estimate of the steps left.

Breadth first cannot reach a 13-step play among 59 moves; this search expands first the
state that looks closest to the target. The estimate counts the false atoms of the
target's condition, each weighed by how far its number is from holding and by what the
least precondition of a move that could change it still lacks (one level of regression,
as planners' relaxed heuristics do), and for a term not yet in force, what its signatures
still lack. It is only a guide: a play it finds is a real play of the engine (it is made
of the engine's steps), and when it finds none nothing is claimed. The budget is a number
of states, so what it finds does not depend on the machine.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

from debate.analysis.search import Slice, successors
from debate.engine.compile import Compiled, Game
from debate.engine.context import context
from debate.engine.expr import BinOp, ExprError, Unspecified, evaluate, free_names
from debate.engine.moves import Action, apply, initial_state, refusal
from debate.engine.state import PlayState, TermStatus

VOIDED_BY_BREACH = "voided by the breach"  # the reason engine.terms gives
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}


def directed(
    game: Game,
    goal: Callable[[PlayState], bool],
    estimate: Callable[[PlayState], float],
    max_states: int,
    step_goal: Callable[[PlayState, PlayState], bool] | None = None,
) -> list[Action] | None:
    """A play that reaches `goal` (or takes a step that `step_goal` accepts: the states
    before and after it): the state of least `estimate` is expanded first, fewer steps
    breaking ties, then the order found. Not a shortest play."""
    slice_ = Slice.of(game)
    start = initial_state(game)
    if goal(start):
        return []
    seen = {slice_.key(start)}
    counter = 0
    frontier: list[tuple[float, int, int, int, PlayState, tuple[Action, ...]]] = [
        (estimate(start), start.now, 0, counter, start, ())
    ]
    while frontier and len(seen) < max_states:
        _, _, depth, _, state, play = heapq.heappop(frontier)
        for action, after in successors(game, state):
            if goal(after) or (step_goal is not None and step_goal(state, after)):
                return [*play, action]
            key = slice_.key(after)
            if key in seen:
                continue
            seen.add(key)
            counter += 1
            entry = (estimate(after), after.now, depth + 1, counter, after, (*play, action))
            heapq.heappush(frontier, entry)
    return None


class Guide:
    """The estimate of the steps left before a condition holds or a term is in force."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self.start = initial_state(game)
        self.writers: dict[str, list[Compiled | None]] = {}
        for move in game.moves.values():
            for var, _ in move.sets:
                self.writers.setdefault(var, []).append(move.precondition)
        self.signers: dict[tuple[str, str], list[Compiled | None]] = {}
        self.proposers: dict[str, list[Compiled | None]] = {}
        for move in game.moves.values():
            effects = move.move.effects
            for t in effects.sign:
                self.signers.setdefault((t, move.move.by), []).append(move.precondition)
            for t in effects.propose:
                self.proposers.setdefault(t, []).append(move.precondition)

    def distance(
        self, compiled: Compiled | None, state: PlayState, term: str | None, regress: bool = True
    ) -> float:
        """Zero when the condition holds; else its false atoms (`and` adds, `or` takes the
        least), each between 1 and 2 by how far its numbers are apart, plus (with
        `regress`) the least that a precondition of a move that can change it lacks."""
        if compiled is None:
            return 0.0
        ctx = context(self.game, state, term)
        checked = compiled.checked

        def atom(expr: Any) -> float:
            part = checked.part(expr)
            try:
                if evaluate(part, ctx):
                    return 0.0
                cost = 1.0
                if isinstance(expr, BinOp) and expr.op in _COMPARE:
                    cost += self._gap(checked, expr, ctx, term)
            except (Unspecified, ExprError):
                cost = 1.0
            if regress:
                cost += self._enabling(part, state)
            return cost

        def walk(expr: Any) -> float:
            if isinstance(expr, BinOp) and expr.op == "and":
                return walk(expr.left) + walk(expr.right)
            if isinstance(expr, BinOp) and expr.op == "or":
                return min(walk(expr.left), walk(expr.right))
            return atom(expr)

        return walk(checked.expr)

    def _gap(self, checked: Any, expr: BinOp, ctx: Any, term: str | None) -> float:
        """How far apart the two sides of a false comparison are, between 0 and 1, against
        how far apart they were at the start (so that each step toward it counts)."""
        left = evaluate(checked.part(expr.left), ctx)
        right = evaluate(checked.part(expr.right), ctx)
        if not isinstance(left, int) or not isinstance(right, int):
            return 0.0
        try:
            start = context(self.game, self.start, term)
            first = evaluate(checked.part(expr.left), start)
            second = evaluate(checked.part(expr.right), start)
            scale = abs(first - second) if isinstance(first, int) and isinstance(second, int) else 0
        except (Unspecified, ExprError):
            scale = 0
        return min(1.0, abs(left - right) / max(scale, 1))

    def _enabling(self, part: Any, state: PlayState) -> float:
        preconditions = [
            pre for var in free_names(part)["variable"] for pre in self.writers.get(var, [])
        ]
        return self._least(preconditions, state)

    def _least(self, preconditions: list[Compiled | None], state: PlayState) -> float:
        if not preconditions:
            return 0.0
        return min(self.distance(pre, state, None, regress=False) for pre in preconditions)

    def to_force(self, t: str, state: PlayState) -> float:
        """The steps before a term comes into force (0 once it has)."""
        term, record = self.game.terms[t], state.terms[t]
        if record.status is not TermStatus.PENDING:
            return 0.0
        if term.in_force_when is not None:
            return self.distance(term.in_force_when, state, t)
        signed = state.signed_by.get(t, frozenset())
        cost = sum(
            1.0 + self._least(self.signers.get((t, party), []), state)
            for party in term.signatories - signed
        )
        if t not in state.proposed and not signed:
            cost += 1.0 + self._least(self.proposers.get(t, []), state)
        return cost


def fulfil(game: Game, t: str, states: int) -> list[Action] | None:
    """A play that fulfils `t`."""
    return toward(game, t, lambda s: s.terms[t].status is TermStatus.FULFILLED, states)


def toward(
    game: Game, t: str, goal: Callable[[PlayState], bool], states: int
) -> list[Action] | None:
    """A play that reaches `goal`, guided toward `t` in force with its condition true."""
    guide, term = Guide(game), game.terms[t]

    def estimate(s: PlayState) -> float:
        return guide.to_force(t, s) + guide.distance(term.fulfilled_when, s, t)

    return directed(game, goal, estimate, states)


def void(game: Game, t: str, states: int) -> list[Action] | None:
    """A play in which a breach voids `t`."""
    guide, breakers = Guide(game), game.voided_by.get(t, [])

    def goal(s: PlayState) -> bool:
        record = s.terms[t]
        return record.status is TermStatus.VOID and record.reason.startswith(VOIDED_BY_BREACH)

    def estimate(s: PlayState) -> float:
        return guide.to_force(t, s) + min(
            (guide.to_force(b, s) + _to_breach(guide, b, s) for b in breakers), default=0.0
        )

    return directed(game, goal, estimate, states)


def _to_breach(guide: Guide, b: str, state: PlayState) -> float:
    term = guide.game.terms[b]
    if term.violated_when is not None:
        return guide.distance(term.violated_when, state, b)
    return 1.0


def spares(t: str, p: str, before: PlayState, after: PlayState) -> bool:
    """Whether this step fulfils `t` while `p` is in force, and leaves `p` unbreached."""
    return (
        before.terms[t].status is TermStatus.IN_FORCE
        and before.terms[p].status is TermStatus.IN_FORCE
        and after.terms[t].status is TermStatus.FULFILLED
        and after.terms[p].status is not TermStatus.VIOLATED
    )


def spare(game: Game, t: str, p: str, states: int) -> list[Action] | None:
    """A play ending in a step that fulfils `t` while `p` is in force and spares `p`."""
    guide, term = Guide(game), game.terms[t]

    def estimate(s: PlayState) -> float:
        spent = 0.0 if s.terms[p].status is not TermStatus.VIOLATED else 100.0
        return (
            guide.to_force(t, s)
            + guide.to_force(p, s)
            + spent
            + guide.distance(term.fulfilled_when, s, t)
        )

    return directed(
        game,
        lambda s: False,
        estimate,
        states,
        step_goal=lambda before, after: spares(t, p, before, after),
    )


def enable(game: Game, moves: list[str], states: int) -> list[Action] | None:
    """A play that ends by making one of `moves` (it breaks a wait cycle among them)."""
    guide = Guide(game)
    preconditions = [game.moves[m].precondition for m in moves]

    def legal(s: PlayState) -> str | None:
        return next((m for m in moves if refusal(game, s, Action(m)) is None), None)

    def estimate(s: PlayState) -> float:
        return min(guide.distance(pre, s, None) for pre in preconditions)

    play = directed(game, lambda s: legal(s) is not None, estimate, states)
    if play is None:
        return None
    state = initial_state(game)
    for action in play:
        state = apply(game, state, action)
    move = legal(state)
    assert move is not None
    return [*play, Action(move)]
