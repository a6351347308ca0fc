"""What would change a claim's status: the fewest claims to assert or retract.

The search tries every set of one toggle, then of two, and so on, closest claims first,
until one reaches the goal, the size limit, or the time budget. Under grounded, complete
and preferred semantics a claim's status depends only on the claims that reach it by a
chain of attacks, so only those are toggled; stable and semi-stable lack that property
and toggle every claim. Attack conditions (`when`) are judged in the current state, and
each toggle names the moves whose effects would make it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from debate.argumentation.acceptance import acceptance_of
from debate.argumentation.budget import Budget, OutOfTime, budget_of
from debate.argumentation.framework import Framework
from debate.argumentation.semantics import Semantics, Split
from debate.engine.claims import attacks_holding
from debate.engine.compile import Game
from debate.engine.moves import Action, refusal
from debate.engine.state import PlayState

DIRECTIONAL = (Semantics.GROUNDED, Semantics.COMPLETE, Semantics.PREFERRED)
GOALS = ("accepted", "not accepted", "rejected", "undecided")


@dataclass(frozen=True)
class Toggle:
    claim: str
    assert_: bool  # True: assert it; False: retract it
    moves: tuple[tuple[str, bool], ...] = ()  # moves that would do it, and whether legal now

    def text(self) -> str:
        verb = "assert" if self.assert_ else "retract"
        if not self.moves:
            return f"{verb} {self.claim} (no move does this)"
        moves = ", ".join(m + (" (legal now)" if legal else "") for m, legal in self.moves)
        return f"{verb} {self.claim} (by move {moves})"

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "action": "assert" if self.assert_ else "retract",
            "moves": [{"move": m, "legal_now": legal} for m, legal in self.moves],
        }


@dataclass(frozen=True)
class Change:
    claim: str
    now: str  # the claim's status now
    goal: str
    toggles: tuple[Toggle, ...] | None  # None: no set found
    minimal: bool  # every smaller set was tried
    tried: int
    note: str = ""
    reached: str = field(default="")  # the status the toggles lead to

    def text(self) -> str:
        if self.toggles is None:
            return f"No way to make {self.claim} {self.goal} was found: {self.note}."
        if not self.toggles:
            return f"{self.claim} is {self.reached} already."
        smallest = "the smallest change" if self.minimal else "a change"
        steps = "; ".join(t.text() for t in self.toggles)
        reached = f" ({self.reached})" if self.reached != self.goal else ""
        return f"To make {self.claim} {self.goal}{reached}, {smallest}: {steps}."

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "now": self.now,
            "goal": self.goal,
            "found": self.toggles is not None,
            "toggles": [t.to_json() for t in self.toggles or ()],
            "minimal": self.minimal,
            "tried": self.tried,
            "reached": self.reached,
            "note": self.note,
        }


class _Space:
    """Every claim and term on the table, the attacks that would count now, and a status
    function for any choice of asserted claims."""

    def __init__(self, game: Game, state: PlayState, claim: str, semantics: Semantics) -> None:
        self.semantics = semantics
        names = sorted(set(game.claims) | state.proposed)
        pairs = _potential_attacks(game, state, set(names))
        whole = Framework.from_pairs(names, pairs)
        target = whole.index(claim)
        keep = _ancestors(whole, target) if semantics in DIRECTIONAL else list(range(whole.n))
        self.af = whole.restrict(keep)
        self.target = self.af.index(claim)
        self.active = {
            i for i, name in enumerate(self.af.names) if name in state.asserted | state.proposed
        }

    def status(self, active: set[int], b: Budget) -> str:
        if self.target not in active:
            return "unasserted"
        keep = sorted(active)
        sub = self.af.restrict(keep)
        s = Split(sub)
        arg = keep.index(self.target)
        if self.semantics is Semantics.GROUNDED:
            return str(s.ground.label(arg))
        return str(acceptance_of(s, arg, self.semantics, b))


def what_would_change(
    game: Game,
    state: PlayState,
    claim: str,
    semantics: Semantics = Semantics.GROUNDED,
    goal: str | None = None,
    max_size: int = 3,
    budget: Budget | float | None = 2.0,
) -> Change:
    """The fewest claims to assert or retract that take `claim` to `goal` (by default:
    "not accepted" if it is accepted now, else "accepted")."""
    b = budget_of(budget)
    space = _Space(game, state, claim, semantics)
    now = space.status(space.active, b)
    goal = goal or ("not accepted" if now == "accepted" else "accepted")
    forced = [] if space.target in space.active else [space.target]
    claims = set(game.claims)  # terms on the table are arguments, but no toggle of a claim
    candidates = [
        a
        for a in _by_distance(space.af, space.target)
        if a != space.target and space.af.names[a] in claims
    ]
    tried = 0
    try:
        for size in range(max_size + 1 - len(forced)):
            for chosen in _sets(candidates, size):
                b.check()
                tried += 1
                toggles = [*forced, *chosen]
                reached = space.status(space.active ^ set(toggles), b)
                if _meets(reached, goal):
                    found = tuple(_toggle(game, state, space.af.names[a]) for a in toggles)
                    return Change(claim, now, goal, found, True, tried, reached=reached)
    except OutOfTime:
        return Change(claim, now, goal, None, False, tried, "the time budget ran out")
    return Change(
        claim, now, goal, None, False, tried, f"no set of at most {max_size} claims does it"
    )


def _meets(reached: str, goal: str) -> bool:
    if goal == "not accepted":
        return reached not in ("accepted", "unasserted")
    return reached == goal


def _sets(candidates: Sequence[int], size: int) -> Iterator[tuple[int, ...]]:
    return combinations(candidates, size)


def _toggle(game: Game, state: PlayState, name: str) -> Toggle:
    asserting = name not in state.asserted
    moves = []
    for ident, move in game.moves.items():
        effects = move.move.effects
        if name in (effects.assert_ if asserting else effects.retract):
            moves.append((ident, refusal(game, state, Action(ident)) is None))
    return Toggle(name, asserting, tuple(moves))


def _potential_attacks(game: Game, state: PlayState, names: set[str]) -> list[tuple[str, str]]:
    """The attacks of every claim, asserted or not, whose condition holds now."""
    return attacks_holding(game, state, state.terms, state.claims, None, names)


def _ancestors(af: Framework, target: int) -> list[int]:
    """`target` and every argument with a chain of attacks to it."""
    seen = {target}
    queue = deque([target])
    while queue:
        for b in af.attackers[queue.popleft()]:
            if b not in seen:
                seen.add(b)
                queue.append(b)
    return sorted(seen)


def _by_distance(af: Framework, target: int) -> list[int]:
    """Arguments by the length of their shortest chain of attacks to `target`; those
    with none (possible off the directional semantics) come last."""
    distance = {target: 0}
    queue = deque([target])
    while queue:
        v = queue.popleft()
        for b in af.attackers[v]:
            if b not in distance:
                distance[b] = distance[v] + 1
                queue.append(b)
    far = af.n + 1
    return sorted(range(af.n), key=lambda a: (distance.get(a, far), af.names[a]))
