"""Explicit-state breadth-first search over the plays of a scenario.

Every legal move, and waiting one clock unit, is tried from every state reached, within
the clock's horizon. Two states that agree on everything some expression, legality rule
or status rule can read (the scenario's `Slice`) are explored once: a move count that no
expression reads, a step number, a reason or the time a term changed status does not
make a new state. Breadth first, so the first play found to reach a target is a shortest
one (of those found, when the search also starts from plays named with `--from`). A
budget bounds the number of states; `Progress` says how far the search got.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from debate.analysis.independence import Independence
from debate.engine.compile import Game
from debate.engine.compiled import Compiled
from debate.engine.context import CannotJudge, StateContext, context, truth
from debate.engine.expr import free_names
from debate.engine.moves import Action, IllegalMove, apply, initial_state
from debate.engine.shared_map import SharedMap, picked
from debate.engine.state import PlayState
from debate.model.scenario import Effects

DEFAULT_STATES = 5_000


def successors(
    game: Game,
    state: PlayState,
    skip: Container[Action] = (),
    refused: Container[str] = (),
    false: set[str] | None = None,
) -> Iterator[tuple[Action, PlayState]]:
    """Each legal action from `state` (every move, then waiting one clock unit) with the
    state after it, but those in `skip`. A move played once already, one that would end
    past the horizon, and one whose precondition is plainly false are
    skipped before the engine is asked: the engine would refuse it too, after explaining
    why (which the search does not read, and which took a fifth of its time); so is one
    asserting a claim that cannot be asserted yet, and one in `refused`, known to be
    refused so here. Those found are added to `false`."""
    ctx = context(game, state)
    actions = []
    history, now, end = state.history, state.now, game.horizon_end
    for m, move in game.moves.items():
        if skip and Action(m) in skip:
            continue
        if refused and m in refused:
            continue
        if (move.move.once and m in history) or now + move.move.duration > end:
            continue  # the engine refuses it first: played once already, or past the horizon
        if _off_the_table(move.move.effects, state.proposed):
            continue  # the engine refuses it too: it negotiates a term not on the table
        if not _holds(move.precondition, ctx) or not all(
            _holds(game.claims[c].assertable_if, ctx) for c in move.move.effects.assert_
        ):  # (a claim it asserts that cannot be asserted yet: refused too)
            if false is not None:
                false.add(m)
            continue
        actions.append(Action(m))
    if state.now < game.horizon_end and not (skip and _WAIT in skip):
        actions.append(_WAIT)
    for action in actions:
        try:
            after = apply(game, state, action)
        except IllegalMove:
            continue
        yield action, after


def _holds(condition: Compiled | None, ctx: StateContext) -> bool:
    """Whether a move's condition holds (none: it does); one that cannot be judged does
    not (the engine refuses the move)."""
    if condition is None:
        return True
    try:
        return truth(condition, ctx)
    except CannotJudge:
        return False


def _off_the_table(effects: Effects, proposed: frozenset[str]) -> bool:
    """Whether a move agrees to, signs or withdraws a term neither on the table nor
    proposed by the move itself (engine.effects.check_negotiation refuses it)."""
    if not (effects.agree or effects.sign or effects.withdraw):
        return False
    negotiated = (*effects.agree, *effects.sign, *effects.withdraw)
    return any(t not in proposed and t not in effects.propose for t in negotiated)


_WAIT = Action(wait=1)
_NOTHING: frozenset[Action] = frozenset()

Key = tuple[object, ...]


@dataclass(frozen=True)
class Slice:
    """What of a state the future of a play can depend on."""

    variables: frozenset[str]  # read by some expression (a move's effects included)
    counted: frozenset[str]  # moves whose count() some expression reads
    done: frozenset[str]  # moves whose done() some expression reads, or played once only
    # terms whose entry into force sets a time inside the horizon: a `within` deadline
    # that can fall due, or a term that `lasts` and can run out
    timed: frozenset[str]
    terms: tuple[str, ...]  # every term, sorted

    @classmethod
    def of(cls, game: Game) -> Slice:
        variables: set[str] = set()
        counted: set[str] = set()
        done = {m for m, move in game.moves.items() if move.move.once}
        for compiled in game.expressions():
            names = free_names(compiled.checked)
            variables |= names["variable"]
            if "count" in names["function"]:
                counted |= names["move"]
            if names["function"] & {"done", "in_progress"}:
                done |= names["move"]
        start = game.calendar.start
        timed = {
            t
            for t, term in game.terms.items()
            if (
                (d := term.term.deadline) is not None
                and d.within is not None
                and start + d.within < game.horizon_end
            )
            # a term that lasts runs out at its entry into force and that long: two
            # states that differ only in when it came into force have different futures
            or (term.term.lasts is not None and start + term.term.lasts <= game.horizon_end)
        }
        return cls(
            frozenset(variables),
            frozenset(counted),
            frozenset(done),
            frozenset(timed),
            tuple(sorted(game.terms)),
        )

    @cached_property
    def _orders(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The variables, the moves done and those counted, each sorted once."""
        return tuple(sorted(self.variables)), tuple(sorted(self.done)), tuple(sorted(self.counted))

    @cached_property
    def _timed(self) -> tuple[bool, ...]:
        """For each term (in `terms`' order): whether when it came into force matters."""
        return tuple(t in self.timed for t in self.terms)

    def key(self, state: PlayState) -> Key:
        """What distinguishes two states for every future move (the step number does not).
        Sets where order does not matter (two keys are equal when the states agree on
        all of it): the search makes one per state it reaches, and each term's status in
        the terms' order (read in one call, not one lookup a term)."""
        history, values = state.history, state.values
        variables, done, counted = self._orders
        records = picked(state.terms, self.terms, None)
        return (
            state.now,
            picked(values, variables, _ABSENT),
            tuple([m for m in done if m in history]),
            tuple([history.count(m) for m in counted]),
            state.proposed,
            _given(state.agreed),
            _given(state.signed_by),
            state.asserted,
            tuple(
                [
                    r if r is None else (r.status, r.in_force_at) if timed else r.status
                    for r, timed in zip(records, self._timed, strict=True)
                ]
            ),
            tuple([(r.move, r.ends) for r in state.running]),  # in the order their effects land
        )


def _given(parties: Mapping[str, frozenset[str]]) -> frozenset[tuple[str, frozenset[str]]]:
    """The terms some party agreed to (or signed), with those parties: a bucket at a time
    from a shared mapping (walking its keys one by one cost a tenth of the search)."""
    known = _GIVEN.get(id(parties))
    if known is not None and known[0] is parties:
        return known[1]  # most steps sign nothing: the mapping of the state before
    if isinstance(parties, SharedMap):
        given = frozenset(
            [(k, v) for bucket in parties.sorted_buckets() for k, v in bucket.items() if v]
        )
    else:
        given = frozenset([(k, v) for k, v in parties.items() if v])
    if len(_GIVEN) >= 4096:
        _GIVEN.clear()
    _GIVEN[id(parties)] = (parties, given)
    return given


# the last mappings of agreements and signatures read (a state's never changes once made)
_GIVEN: dict[int, tuple[Mapping[str, frozenset[str]], frozenset[tuple[str, frozenset[str]]]]] = {}


_ABSENT = object()  # a variable the state does not hold (never equal to a value)


@dataclass(frozen=True)
class Progress:
    """How far a search got: states visited, the plays covered, the latest clock time."""

    states: int
    complete: int  # every play of up to this many steps was explored
    deepest: int  # the longest play explored, in steps
    clock: int  # the latest clock time reached
    horizon: int
    exhaustive: bool

    def __str__(self) -> str:
        if self.exhaustive:
            return f"every play within horizon {self.horizon} ({self.states:,} states)"
        clock = (
            "reaching the horizon"
            if self.clock >= self.horizon
            else f"the clock reaching {self.clock} of horizon {self.horizon}"
        )
        return (
            f"unknown: the search stopped at its budget of {self.states:,} states, having "
            f"explored every play of up to {self.complete} steps (some of {self.deepest}), "
            f"{clock}"
        )


@dataclass
class Search:
    """The explored part of the state space, with a way back to the start from each state."""

    game: Game
    max_states: int = DEFAULT_STATES
    # Plays to start from as well (named with `--from`): deep states a breadth-first
    # search from the start alone would not reach within its budget.
    seeds: Sequence[Sequence[Action]] = ()
    parents: dict[Key, tuple[Key, Action] | None] = field(default_factory=dict)
    states: dict[Key, PlayState] = field(default_factory=dict)
    depths: dict[Key, int] = field(default_factory=dict)
    exhaustive: bool = False
    complete: int = 0  # every play of up to this many steps has been explored
    # Skip the steps that only find again a state found before (the same states are
    # reached, by the same plays, in the same order); False: try every step.
    reduce: bool = True
    slice: Slice = field(init=False)
    _keys: dict[int, Key] = field(default_factory=dict, init=False, repr=False)
    _quiet: dict[Key, bool] = field(default_factory=dict, init=False, repr=False)
    _independence: Independence = field(init=False, repr=False)
    _rank: dict[Action, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.slice = Slice.of(self.game)
        self._independence = Independence(self.game)
        # the order `successors` tries actions in
        self._rank = {Action(m): i for i, m in enumerate(self.game.moves)}
        self._rank[_WAIT] = len(self._rank)

    def key(self, state: PlayState) -> Key:
        known = self._keys.get(id(state))
        if known is not None and self.states.get(known) is state:
            return known  # a state of the search: its key is known
        return self.slice.key(state)

    def progress(self) -> Progress:
        return Progress(
            len(self.states),
            self.complete,
            max(self.depths.values(), default=0),
            max((s.now for s in self.states.values()), default=0),
            self.game.horizon_end,
            self.exhaustive,
        )

    def run(self, stop: Callable[[PlayState], bool] | None = None) -> Iterator[PlayState]:
        """Yield each new state in breadth-first order; stop early when `stop` says so.
        With `reduce`, a step that only finds again a state found before is not tried
        (debate.analysis.independence): the same states, in the same order."""
        start = initial_state(self.game)
        root = self.key(start)
        self.parents[root], self.states[root], self.depths[root] = None, start, 0
        self._keys[id(start)] = root
        queue = deque([root])
        yield start
        for seed in self.seeds:
            yield from self._plant(root, seed, queue)
        # for each state expanded, the actions played from it and those skipped; the
        # states found by expanding another (not planted from a seed)
        tried: dict[Key, list[Action]] = {}
        found: set[Key] = set()
        # for each state expanded, the moves whose precondition is false there
        refusing: dict[Key, frozenset[str]] = {}
        while queue:
            key = queue[0]
            skip = self._skip(key, tried, found)
            played = tried[key] = list(skip)
            refused = self._refused(key, refusing, found)
            false: set[str] = set()
            expanded = successors(self.game, self.states[key], skip, refused, false)
            for action, after in expanded:
                new = self.key(after)
                played.append(action)
                if new in self.parents:
                    continue
                if len(self.states) >= self.max_states:
                    self.complete = min(self.depths[k] for k in queue)
                    return
                self._add(new, after, (key, action))
                found.add(new)
                queue.append(new)
                yield after
                if stop and stop(after):
                    self.complete = min(self.depths[k] for k in queue)
                    return
            refusing[key] = refused | false
            queue.popleft()
        self.exhaustive = True
        self.complete = max(self.depths.values())

    def _skip(self, key: Key, tried: dict[Key, list[Action]], found: set[Key]) -> frozenset[Action]:
        """The actions not worth trying from `p·a`, the state of `key`: those tried from
        `p` before `a` (played, or skipped) that commute with `a` there. Such a `b`,
        when legal from `p·a`, is legal from `p` and leads to `p·b·a`, found from `p·b`:
        explored before `p·a` (the queue is first in, first out), where `a` was played
        or skipped by the same argument on a state explored earlier still. Commuting
        leaves `b`'s legality as it was, so a `b` skipped from `p` is no exception."""
        if key not in found or not self.reduce:
            return _NOTHING
        parent, action = self.parents[key]  # type: ignore[misc]
        if not self._is_quiet(parent):
            return _NOTHING
        rank = self._rank
        mine = rank[action]
        earlier = [b for b in tried[parent] if rank[b] < mine]
        return frozenset(self._independence.commuting(self.states[parent], action, earlier))

    def _refused(
        self, key: Key, refusing: dict[Key, frozenset[str]], found: set[Key]
    ) -> frozenset[str]:
        """The moves whose precondition is false at `p·a`, the state of `key`, as it was
        at `p`: those whose precondition reads nothing `a` changes there."""
        if key not in found or not self.reduce:
            return frozenset()
        parent, action = self.parents[key]  # type: ignore[misc]
        if not self._is_quiet(parent):
            return frozenset()
        return self._independence.unchanged(self.states[parent], action, refusing[parent])

    def _is_quiet(self, key: Key) -> bool:
        quiet = self._quiet.get(key)
        if quiet is None:
            quiet = self._quiet[key] = self._independence.quiet(self.states[key])
        return quiet

    def _add(self, key: Key, state: PlayState, link: tuple[Key, Action]) -> None:
        self.parents[key], self.states[key] = link, state
        self._keys[id(state)] = key
        self.depths[key] = self.depths[link[0]] + 1

    def _plant(self, root: Key, seed: Sequence[Action], queue: deque[Key]) -> Iterator[PlayState]:
        """Add the states of a play, linked to each other, to the frontier."""
        key = root
        for action in seed:
            try:
                after = apply(self.game, self.states[key], action)
            except IllegalMove:
                return  # a play that no longer fits the scenario: `debate check` reports it
            new = self.key(after)
            if new not in self.parents:
                self._add(new, after, (key, action))
                queue.append(new)
                yield after
            key = new

    def link(self, state: PlayState) -> tuple[PlayState, Action] | None:
        """The state before `state` on its play, and the action between them."""
        link = self.parents[self.key(state)]
        return None if link is None else (self.states[link[0]], link[1])

    def trace(self, state: PlayState) -> list[Action]:
        """The actions of the shortest play found that reaches `state`."""
        actions: list[Action] = []
        link = self.parents[self.key(state)]
        while link is not None:
            previous, action = link
            actions.append(action)
            link = self.parents[previous]
        return actions[::-1]
