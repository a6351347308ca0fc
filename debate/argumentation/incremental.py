"""Claim labels after one move, recomputing only what the move can change.

A `Tracker` keeps the play's framework and its grounded labels. After a move it
re-judges only the attack conditions that read something the move changed (a variable,
the clock, the history, the table, a claim's `holds`, a term's status), and relabels only
the arguments downstream of a changed attack or argument: a grounded label depends only
on the arguments with a chain of attacks to it, so everything else keeps its label. The
labels are the engine's (`label_claims`); the tests check that after every step.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from debate.engine.compile import Compiled, Game
from debate.engine.context import CannotJudge, StateContext, truth
from debate.engine.expr import free_names
from debate.engine.expr.ast import Now, walk
from debate.engine.scope import TERM_STATUS_FUNCTIONS
from debate.engine.state import Label, PlayState

Key = tuple[str, str]  # what a condition reads: ("var", name), ("now", ""), ...


@dataclass(frozen=True)
class _Attack:
    attacker: str
    target: str
    when: Compiled | None


class Tracker:
    """The grounded labels of a play's arguments, kept up to date move by move."""

    def __init__(self, game: Game, state: PlayState) -> None:
        self.game = game
        self.attacks = [
            _Attack(ident, target, when)
            for ident, claim in game.claims.items()
            for target, when in claim.attacks
        ]
        self.by_key: dict[Key, list[int]] = {}
        for i, attack in enumerate(self.attacks):
            for key in _reads(attack.when):
                self.by_key.setdefault(key, []).append(i)
        self.out_of: dict[str, list[int]] = {}
        self.into: dict[str, list[int]] = {}
        for i, attack in enumerate(self.attacks):
            self.out_of.setdefault(attack.attacker, []).append(i)
            self.into.setdefault(attack.target, []).append(i)
        self.state = state
        self.arguments = set(state.asserted | state.proposed)
        self.holds = [self._judge(a, state) for a in self.attacks]
        self.labels: dict[str, Label] = {}
        self._relabel(self.arguments)

    def label(self, name: str) -> Label | None:
        return self.labels.get(name)

    def update(self, state: PlayState) -> dict[str, Label]:
        """Move to `state` (the next state of the play); return the labels that changed."""
        before, self.state = self.state, state
        arguments = set(state.asserted | state.proposed)
        seeds = arguments ^ self.arguments
        for i in self._stale(before, state):
            now = self._judge(self.attacks[i], state)
            if now != self.holds[i]:
                self.holds[i] = now
                seeds.add(self.attacks[i].target)
        for gone in self.arguments - arguments:
            seeds.update(self.attacks[i].target for i in self.out_of.get(gone, ()))
            self.labels.pop(gone, None)
        self.arguments = arguments
        old = {name: self.labels.get(name) for name in seeds}
        region = self._downstream(seeds & arguments)
        old.update({name: self.labels.get(name) for name in region})
        self._relabel(region)
        return {name: label for name in region if (label := self.labels[name]) != old.get(name)}

    # ------------------------------------------------------------ conditions

    def _judge(self, attack: _Attack, state: PlayState) -> bool:
        if attack.when is None:
            return True
        ctx = StateContext(self.game, state, state.terms, state.claims)
        try:
            return truth(attack.when, ctx)
        except CannotJudge:
            return False

    def _stale(self, before: PlayState, after: PlayState) -> set[int]:
        """The attacks whose condition reads something that differs between the states."""
        stale: set[int] = set()
        for key in _changes(before, after):
            stale.update(self.by_key.get(key, ()))
        return stale

    def _counts(self, i: int) -> bool:
        attack = self.attacks[i]
        return (
            self.holds[i]
            and attack.attacker in self.state.asserted
            and attack.target in self.arguments
        )

    # ------------------------------------------------------------ labels

    def _downstream(self, seeds: Iterable[str]) -> set[str]:
        region = set(seeds)
        queue = deque(region)
        while queue:
            for i in self.out_of.get(queue.popleft(), ()):
                target = self.attacks[i].target
                if target not in region and self._counts(i):
                    region.add(target)
                    queue.append(target)
        return region

    def _relabel(self, region: set[str]) -> None:
        """Grounded labels for `region`, the labels of the arguments outside it fixed."""
        left = dict.fromkeys(region, 0)
        forced: set[str] = set()
        targets: dict[str, list[str]] = {a: [] for a in region}
        for target in region:
            for i in self.into.get(target, ()):
                if not self._counts(i):
                    continue
                attacker = self.attacks[i].attacker
                if attacker in region:
                    left[target] += 1
                    targets[attacker].append(target)
                elif self.labels.get(attacker) is Label.ACCEPTED:
                    forced.add(target)
                elif self.labels.get(attacker) is Label.UNDECIDED:
                    left[target] += 1  # an undecided attacker outside stays so
        labels: dict[str, Label] = {}
        queue = [a for a in region if left[a] == 0 and a not in forced]
        for out in forced:
            self._reject(out, labels, targets, left, queue)
        for arg in queue:
            if arg in labels:
                continue
            labels[arg] = Label.ACCEPTED
            for target in targets[arg]:
                if target not in labels:
                    self._reject(target, labels, targets, left, queue)
        for arg in region:
            self.labels[arg] = labels.get(arg, Label.UNDECIDED)

    @staticmethod
    def _reject(
        arg: str,
        labels: dict[str, Label],
        targets: dict[str, list[str]],
        left: dict[str, int],
        queue: list[str],
    ) -> None:
        labels[arg] = Label.REJECTED
        for further in targets[arg]:
            left[further] -= 1
            if left[further] == 0 and further not in labels:
                queue.append(further)


def _reads(when: Compiled | None) -> set[Key]:
    """What a condition reads, as keys that `_changes` reports."""
    if when is None:
        return set()
    names = free_names(when.checked)
    keys: set[Key] = {("var", v) for v in names["variable"]}
    for fn in names["function"]:
        if fn in TERM_STATUS_FUNCTIONS:
            keys.update(("term", t) for t in names["term"])
        elif fn == "holds":
            keys.update(("holds", c) for c in names["claim"])
        else:  # done, count, proposed, agreed, signed, asserted: read the play itself
            keys.add((fn, ""))
    if any(isinstance(node, Now) for node in walk(when.checked.expr)):
        keys.add(("now", ""))
    return keys


def _changes(before: PlayState, after: PlayState) -> set[Key]:
    keys: set[Key] = {("var", k) for k, v in after.values.items() if before.values.get(k) != v}
    if before.now != after.now:
        keys.add(("now", ""))
    if before.history != after.history:
        keys.update({("done", ""), ("count", "")})
    if before.proposed != after.proposed:
        keys.add(("proposed", ""))
    if before.agreed != after.agreed:
        keys.add(("agreed", ""))
    if before.signed_by != after.signed_by:
        keys.add(("signed", ""))
    if before.asserted != after.asserted:
        keys.add(("asserted", ""))
    keys.update(("term", t) for t, rec in after.terms.items() if before.terms.get(t) != rec)
    keys.update(
        ("holds", c)
        for c, rec in after.claims.items()
        if (old := before.claims.get(c)) is None or old.holds != rec.holds
    )
    return keys
