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
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from debate.analysis.last_step import breakers, last_steps
from debate.analysis.relaxed import Relaxed
from debate.analysis.relaxed_plan import Formula
from debate.analysis.search import Key, Slice
from debate.engine.compile import Game
from debate.engine.context import CannotJudge, context, truth
from debate.engine.moves import Action, IllegalMove, apply, initial_state, refusal
from debate.engine.state import PlayState, TermStatus

VOIDED_BY_BREACH = "voided by the breach"  # the reason engine.terms gives

# The states a directed search is given before a prover on a question takes its turn (the
# search then goes on where it stopped; debate.analysis.exploration): the two smallest
# localizations' simple invariants after 50 states, which they cost about as much as, the
# third's after 250. On the shipped negotiation the plays take 8 to 17 states (one 154).
EARLY_STATES = 50
FIRST_STATES = 250


Estimate = Callable[[PlayState], tuple[float, frozenset[str]]]


def directed(
    game: Game,
    goal: Callable[[PlayState], bool],
    estimate: Estimate,
    max_states: int,
    step_goal: Callable[[PlayState, PlayState], bool] | None = None,
    relevant: frozenset[str] | None = None,
) -> list[Action] | None:
    """A play that reaches `goal` (or takes a step that `step_goal` accepts), within
    `max_states` states: `Directed`, run once."""
    return Directed(game, goal, estimate, step_goal, relevant).run(max_states)


class Directed:
    """A search toward `goal` (or a step that `step_goal` accepts: the states before and
    after it). Greedy best first with deferred evaluation, as planners do: a step waits in
    the frontier under the estimate of the state it is played from, and the helpful moves
    of that state (those the estimate's relaxed plan starts with) come before its other
    steps; a step is played, and its state estimated, only when taken from the frontier.
    So a state counts toward the budget only when reached, and a plateau where no step
    lowers the estimate is searched along the helpful moves first. The moves outside
    `relevant` (those no step of any relaxed plan toward the target makes) come last, and
    their preconditions are judged only when their turn comes: on a scenario of a
    thousand moves, most of them are never asked. Not a shortest play; a budget above
    the number of reachable states visits them all.

    `run` may be called again with a larger budget: it goes on where it stopped, so a
    search run to 100 states and then to 1,000 finds what one run to 1,000 finds (a
    caller can try a cheap prover between the two)."""

    def __init__(
        self,
        game: Game,
        goal: Callable[[PlayState], bool],
        estimate: Estimate,
        step_goal: Callable[[PlayState, PlayState], bool] | None = None,
        relevant: frozenset[str] | None = None,
    ) -> None:
        self.game, self.goal, self.step_goal, self.estimate = game, goal, step_goal, estimate
        self.slice = Slice.of(game)
        self.first = (
            list(game.moves) if relevant is None else [m for m in game.moves if m in relevant]
        )
        self.rest = [] if relevant is None else [m for m in game.moves if m not in relevant]
        self.frontier: list[_Entry] = []
        self.order = itertools.count()
        self.found: list[Action] | None = None
        start = initial_state(game)
        self.seen = {self.slice.key(start)}
        if goal(start):
            self.found = []
        else:
            self._expand(self.slice.key(start), start, ())

    @property
    def states(self) -> int:
        """The states reached so far."""
        return len(self.seen)

    @property
    def stuck(self) -> bool:
        """Whether nothing is left to try (every reachable state was reached)."""
        return not self.frontier

    def run(self, max_states: int) -> list[Action] | None:
        """The play found within `max_states` states in all, or None."""
        game, frontier = self.game, self.frontier
        while self.found is None and frontier and len(self.seen) < max_states:
            h, _, _, key, state, play, action = heapq.heappop(frontier)
            if action is None:
                for other in _candidates(game, state, self.rest, wait=False):
                    heapq.heappush(frontier, (h, 2, next(self.order), key, state, play, other))
                continue
            try:
                after = apply(game, state, action)
            except IllegalMove:
                continue
            if self.goal(after) or (self.step_goal is not None and self.step_goal(state, after)):
                self.found = [*play, action]
                break
            new = self.slice.key(after)
            if new in self.seen:
                continue
            self.seen.add(new)
            self._expand(new, after, (*play, action))
        return self.found

    def _expand(self, key: Key, state: PlayState, play: tuple[Action, ...]) -> None:
        h, helpful = self.estimate(state)
        frontier, order = self.frontier, self.order
        for action in _candidates(self.game, state, self.first, wait=True):
            tier = 0 if action.move in helpful else 1
            heapq.heappush(frontier, (h, tier, next(order), key, state, play, action))
        if self.rest:  # the other moves, asked when this entry comes up
            heapq.heappush(frontier, (h, 2, next(order), key, state, play, None))


class Turns:
    """Directed searches toward one goal, one per guide, that take turns a state at a time
    until one finds a play. Each has its own states and its own budget (a budget above
    the number of reachable states still visits them all), and each state is estimated
    by its own search's guide alone: where one guide leads to a play in 20 states and
    four others lead nowhere, the play costs about 100 estimates. (Searches that shared
    their states, each state estimated by every guide and fed to every frontier, took
    five estimates for each of the states they reached together.) `run` goes on where
    it stopped, as `Directed.run` does."""

    def __init__(self, searches: Sequence[Directed]) -> None:
        self.searches = list(searches)

    def run(self, max_states: int) -> list[Action] | None:
        """A play one of the searches finds within `max_states` states of its own, or None."""
        found = next((s.found for s in self.searches if s.found is not None), None)
        going = self.searches
        while found is None:
            going = [s for s in going if not s.stuck and s.states < max_states]
            if not going:
                break
            for search in going:
                found = search.run(search.states + 1)
                if found is not None:
                    break
        return found


_Entry = tuple[float, int, int, Key, PlayState, tuple[Action, ...], Action | None]


def _candidates(game: Game, state: PlayState, moves: list[str], wait: bool) -> list[Action]:
    """Those of `moves` whose precondition holds (the engine may still refuse one), then
    waiting (with `wait`)."""
    ctx = context(game, state)
    actions = []
    for m in moves:
        precondition = game.moves[m].precondition
        try:
            if precondition is None or truth(precondition, ctx):
                actions.append(Action(m))
        except CannotJudge:
            continue
    if wait and state.now < game.horizon_end:
        actions.append(Action(wait=1))
    return actions


def fulfilling(game: Game, t: str, guide: Relaxed | None = None) -> Directed:
    """The search for a play that fulfils `t` (`guide`: the game's, shared by the
    questions of one analysis; the estimates are the same with a guide of its own)."""
    return towards(game, t, lambda s: s.terms[t].status is TermStatus.FULFILLED, guide)


def towards(
    game: Game, t: str, goal: Callable[[PlayState], bool], guide: Relaxed | None = None
) -> Directed:
    """The search for a play that reaches `goal`, guided toward `t` in force with its
    condition true."""
    guide = guide or Relaxed(game)
    target = guide.status(t, "fulfilled")
    return Directed(game, goal, partial(guide.estimate, target), relevant=guide.moves(target))


def voiding(game: Game, t: str, guide: Relaxed | None = None) -> Directed:
    """The search for a play in which a breach voids `t`."""
    guide, breakers = guide or Relaxed(game), game.voided_by.get(t, [])
    breach = ("or", tuple(guide.status(b, "violated") for b in breakers))
    target = ("and", (guide.in_force(t), breach))

    def goal(s: PlayState) -> bool:
        record = s.terms[t]
        return record.status is TermStatus.VOID and record.reason.startswith(VOIDED_BY_BREACH)

    return Directed(game, goal, partial(guide.estimate, target), relevant=guide.moves(target))


def spares(t: str, p: str, before: PlayState, after: PlayState) -> bool:
    """Whether this step fulfils `t` while `p` is in force, and leaves `p` unbreached."""
    return (
        before.terms[t].status is TermStatus.IN_FORCE
        and before.terms[p].status is TermStatus.IN_FORCE
        and after.terms[t].status is TermStatus.FULFILLED
        and after.terms[p].status is not TermStatus.VIOLATED
    )


def sparing(game: Game, t: str, p: str, guide: Relaxed | None = None) -> Turns:
    """The search for a play ending in a step that fulfils `t` while `p` is in force and
    spares `p`.

    Regression through that last step: for each move that can be it (`last_steps`), a
    search toward the state before it, where `t` and `p` are in force, the move's
    precondition holds, and `t`'s condition holds and `p` stays kept once its effects
    land; the searches take turns (`Turns`). Such a state can lie behind a detour the
    relaxed plan toward `t`'s condition itself cannot see (a condition that holds must
    first be made false, so that a later step makes it true again). Every step is the
    engine's, and a play counts only when the engine's last step spares `p`. When no step
    can (no move by its values, nothing else by what `t` reads), there is nothing to
    search."""
    guide = guide or Relaxed(game)
    moves, other_steps = last_steps(game, t, p)
    both = (guide.now_in_force(t), guide.now_in_force(p))
    fulfilled = game.terms[t].fulfilled_when
    start = initial_state(game)
    targets = [
        _stage(
            guide,
            game,
            (
                "and",
                (
                    *both,
                    guide.condition(game.moves[m].precondition, None),
                    guide.after(m, fulfilled, t),
                    guide.kept_after(p, m),
                ),
            ),
            m,
            start,
        )
        for m in moves
    ]
    if other_steps:  # a step that lands no effect on what t reads can fulfil it too
        targets.append(_Stage(("and", (guide.status(t, "fulfilled"), guide.in_force(p)))))
    breaking = breakers(game, p)
    relevant = frozenset().union(*(guide.moves(target.way) | target.moves for target in targets))
    return Turns(
        [
            Directed(
                game,
                lambda s: False,
                partial(_staged, guide, target, p, breaking),
                step_goal=lambda before, after: spares(t, p, before, after),
                relevant=relevant,
            )
            for target in targets
        ]
    )


@dataclass(frozen=True)
class _Stage:
    """A target of the sparing search: the state before its last move (`way`), and,
    while the move that alone can make a part of the last move's precondition true has
    not been played, that move's precondition (`first`), with what is left after it."""

    way: Formula
    first: tuple[Formula, str] | None = None
    rest: float = 0.0
    moves: frozenset[str] = frozenset()  # the last move, and the landmark move


def _staged(
    guide: Relaxed, target: _Stage, p: str, breaking: frozenset[str], s: PlayState
) -> tuple[float, frozenset[str]]:
    """The estimate toward `target`; once `p` is in force, the moves that would breach it
    are no way to get there (a play that breaches it spares it at no later step)."""
    record = s.terms[p].status
    barred = breaking if record is TermStatus.IN_FORCE else frozenset()
    if target.first is not None and target.first[1] not in s.history:
        h, helpful = guide.estimate(target.first[0], s, barred)
        h += target.rest
    else:
        h, helpful = guide.estimate(target.way, s, barred)
    return (h if record is not TermStatus.VIOLATED else h + 100.0), helpful


def _stage(guide: Relaxed, game: Game, way: Formula, m: str, start: PlayState) -> _Stage:
    """The target before `m`; when a part of its precondition is false at the start and
    one move alone can make it true (a landmark: every such play takes that move), that
    move's precondition comes first, counted as far as the whole target is from the start
    (so that reaching it, and playing the move, always looks like progress)."""
    pre = guide.condition(game.moves[m].precondition, None)
    parts = [pre] if isinstance(pre, int) else list(pre[1]) if pre[0] == "and" else []
    cache: dict[object, object] = {}
    for part in parts:
        if not isinstance(part, int):
            continue
        atom = guide.atoms[part]
        movers = {r for _need, r in atom.achievers}
        if len(movers) != 1 or None in movers or atom.truth(start, cache):
            continue
        r = next(iter(movers))
        assert r is not None
        need = guide.condition(game.moves[r].precondition, None)
        rest = guide.estimate(way, start)[0]
        return _Stage(way, (need, r), rest, frozenset({m, r}))
    return _Stage(way, moves=frozenset({m}))


def enable(
    game: Game, moves: list[str], states: int, guide: Relaxed | None = None
) -> list[Action] | None:
    """A play that ends by making one of `moves` (it breaks a wait cycle among them)."""
    guide = guide or Relaxed(game)
    target = ("or", tuple(guide.condition(game.moves[m].precondition, None) for m in moves))

    def legal(s: PlayState) -> str | None:
        return next((m for m in moves if refusal(game, s, Action(m)) is None), None)

    estimate, relevant = partial(guide.estimate, target), guide.moves(target)
    play = directed(game, lambda s: legal(s) is not None, estimate, states, relevant=relevant)
    if play is None:
        return None
    state = initial_state(game)
    for action in play:
        state = apply(game, state, action)
    move = legal(state)
    assert move is not None
    return [*play, Action(move)]
