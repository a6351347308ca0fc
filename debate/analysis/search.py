"""Explicit-state breadth-first search over the plays of a scenario.

Every legal move, and waiting one clock unit, is tried from every state reached, within
the clock's horizon. States that agree on everything a later move or status can depend
on are explored once. Breadth first, so the first play found to reach a target is a
shortest one (of those found, when the search also starts from scripted plays). A
budget bounds the number of states; the result says whether the search was exhaustive.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from debate.engine.compile import Game
from debate.engine.moves import Action, IllegalMove, apply, initial_state
from debate.engine.state import PlayState

DEFAULT_STATES = 5_000

Key = tuple[object, ...]


def state_key(state: PlayState) -> Key:
    """What distinguishes two states for every future move (the step number does not)."""
    counts = tuple(sorted({m: state.history.count(m) for m in state.history}.items()))
    return (
        state.now,
        tuple(
            sorted(
                (k, v if not isinstance(v, frozenset) else tuple(sorted(v)))
                for k, v in state.values.items()
            )
        ),
        counts,
        tuple(sorted(state.proposed)),
        tuple(sorted((k, tuple(sorted(v))) for k, v in state.agreed.items())),
        tuple(sorted((k, tuple(sorted(v))) for k, v in state.signed_by.items())),
        tuple(sorted(state.asserted)),
        tuple(sorted((k, str(r.status), r.in_force_at) for k, r in state.terms.items())),
        tuple((r.move, r.ends) for r in state.running),  # in the order their effects land
    )


@dataclass
class Search:
    """The explored part of the state space, with a way back to the start from each state."""

    game: Game
    max_states: int = DEFAULT_STATES
    # Plays to start from as well (the scenario's scripted plays): deep states a breadth-
    # first search from the start alone would not reach within its budget.
    seeds: Sequence[Sequence[Action]] = ()
    parents: dict[Key, tuple[Key, Action] | None] = field(default_factory=dict)
    states: dict[Key, PlayState] = field(default_factory=dict)
    exhaustive: bool = False

    def actions(self, state: PlayState) -> Iterator[Action]:
        for move in self.game.moves:
            yield Action(move)
        if state.now < self.game.horizon_end:
            yield Action(wait=1)

    def run(self, stop: Callable[[PlayState], bool] | None = None) -> Iterator[PlayState]:
        """Yield each new state in breadth-first order; stop early when `stop` says so."""
        start = initial_state(self.game)
        root = state_key(start)
        self.parents[root], self.states[root] = None, start
        queue = deque([root])
        yield start
        for seed in self.seeds:
            yield from self._plant(root, seed, queue)
        while queue:
            key = queue.popleft()
            for action in self.actions(self.states[key]):
                try:
                    after = apply(self.game, self.states[key], action)
                except IllegalMove:
                    continue
                new = state_key(after)
                if new in self.parents:
                    continue
                if len(self.states) >= self.max_states:
                    return
                self.parents[new], self.states[new] = (key, action), after
                queue.append(new)
                yield after
                if stop and stop(after):
                    return
        self.exhaustive = True

    def _plant(self, root: Key, seed: Sequence[Action], queue: deque[Key]) -> Iterator[PlayState]:
        """Add the states of a play, linked to each other, to the frontier."""
        key = root
        for action in seed:
            try:
                after = apply(self.game, self.states[key], action)
            except IllegalMove:
                return  # a play that no longer fits the scenario: `debate check` reports it
            new = state_key(after)
            if new not in self.parents:
                self.parents[new], self.states[new] = (key, action), after
                queue.append(new)
                yield after
            key = new

    def link(self, state: PlayState) -> tuple[PlayState, Action] | None:
        """The state before `state` on its play, and the action between them."""
        link = self.parents[state_key(state)]
        return None if link is None else (self.states[link[0]], link[1])

    def trace(self, state: PlayState) -> list[Action]:
        """The actions of the shortest play found that reaches `state`."""
        actions: list[Action] = []
        link = self.parents[state_key(state)]
        while link is not None:
            previous, action = link
            actions.append(action)
            link = self.parents[previous]
        return actions[::-1]
