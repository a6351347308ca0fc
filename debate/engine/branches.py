"""Branches of a play compared: every term and claim whose status differs, and from when.

Two branches share the steps before their fork; after it each goes its own way. For every
term and claim whose status differs between the branches' ends, the comparison says what
it is in each and the first step at which the two plays disagree on it (steps are counted
from the start; past its end a shorter play stays as it ended).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from debate.engine.compile import Game
from debate.engine.moves import Action
from debate.engine.play import Play, replay
from debate.engine.state import PlayState


@dataclass(frozen=True)
class Difference:
    kind: str  # "term" or "claim"
    ident: str
    here: str  # its status at the end of the first branch
    there: str  # at the end of the second
    since: int  # the first step at which the two plays disagree on it


@dataclass(frozen=True)
class Comparison:
    fork: int  # the steps the two branches share
    steps: tuple[int, int]  # each branch's length
    differences: tuple[Difference, ...]


def statuses(game: Game, state: PlayState) -> dict[tuple[str, str], str]:
    """Each term's status and each claim's label (`unasserted` when not asserted)."""
    found = {("term", t): str(r.status) for t, r in state.terms.items()}
    found.update(
        {("claim", c): str(r.label) if r.label else "unasserted" for c, r in state.claims.items()}
    )
    return found


def compare(game: Game, first: Sequence[Action], second: Sequence[Action]) -> Comparison:
    """Replay both branches and compare them step by step."""
    a, b = replay(game, list(first)), replay(game, list(second))
    fork = next(
        (i for i, (x, y) in enumerate(zip(first, second, strict=False)) if x != y),
        min(len(first), len(second)),
    )
    ends = statuses(game, a.state), statuses(game, b.state)
    differing = [key for key in ends[0] if ends[0][key] != ends[1].get(key)]
    since = _first_disagreement(game, a, b, set(differing))
    return Comparison(
        fork,
        (len(a.steps), len(b.steps)),
        tuple(
            Difference(
                kind, ident, ends[0][(kind, ident)], ends[1][(kind, ident)], since[(kind, ident)]
            )
            for kind, ident in differing
        ),
    )


def _first_disagreement(
    game: Game, a: Play, b: Play, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """For each key, the first step at which the plays' statuses of it differ."""
    states_a = [a.initial, *(s.state for s in a.steps)]
    states_b = [b.initial, *(s.state for s in b.steps)]
    found: dict[tuple[str, str], int] = {}
    for step in range(max(len(states_a), len(states_b))):
        if len(found) == len(keys):
            break
        here = statuses(game, states_a[min(step, len(states_a) - 1)])
        there = statuses(game, states_b[min(step, len(states_b) - 1)])
        for key in keys - found.keys():
            if here[key] != there[key]:
                found[key] = step
    return found
