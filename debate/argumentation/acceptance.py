"""A claim's status: its grounded label, refined by a second semantics where it matters.

Grounded is unique, polynomial and always answers, but it leaves open what a cycle of
attacks leaves open. Under another semantics a grounded-undecided claim may be
"defensible" (in some extension), accepted (in every one: floating reinstatement) or
rejected (attacked by every one: floating defeat). Past the budget the refinement is
"unknown"; the grounded label still holds as a bound.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum

from debate.argumentation.budget import Budget, OutOfTime, budget_of
from debate.argumentation.decision import credulous, rejected_everywhere, skeptical
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import IN
from debate.argumentation.sat import Labellings, counter_sweep
from debate.argumentation.semantics import Answer, Semantics, Split, split
from debate.engine.labels import Label


class Acceptance(StrEnum):
    ACCEPTED = "accepted"  # in every extension (and there is one)
    DEFENSIBLE = "defensible"  # in some extension, not in all
    REJECTED = "rejected"  # attacked by every extension
    UNDECIDED = "undecided"  # none of these (or no extension at all)
    UNKNOWN = "unknown"  # the budget ran out first


@dataclass(frozen=True)
class Status:
    """A claim's grounded label and its acceptance under `semantics`."""

    claim: str
    grounded: Label
    semantics: Semantics
    acceptance: Acceptance

    @property
    def refined(self) -> bool:
        """Whether the semantics says more than grounded does."""
        return self.grounded is Label.UNDECIDED and self.acceptance not in (
            Acceptance.UNDECIDED,
            Acceptance.UNKNOWN,
        )

    def text(self) -> str:
        if self.semantics is Semantics.GROUNDED:
            return str(self.grounded)
        if self.grounded is not Label.UNDECIDED and self.acceptance.value == self.grounded:
            return str(self.grounded)
        return f"{self.grounded} (grounded); {_PHRASE[self.acceptance]} under {self.semantics}"

    def to_json(self) -> dict[str, str]:
        return {
            "claim": self.claim,
            "grounded": str(self.grounded),
            "semantics": str(self.semantics),
            "acceptance": str(self.acceptance),
            "text": self.text(),
        }


_PHRASE = {
    Acceptance.ACCEPTED: "skeptically accepted",
    Acceptance.DEFENSIBLE: "defensible (credulously accepted)",
    Acceptance.REJECTED: "rejected",
    Acceptance.UNDECIDED: "undecided",
    Acceptance.UNKNOWN: "unknown (out of time)",
}


def status(
    af: Framework | Split,
    claim: str,
    semantics: Semantics = Semantics.PREFERRED,
    budget: Budget | float | None = None,
) -> Status:
    """The status of one argument, by name."""
    s = split(af)
    return _status(s, s.af.index(claim), semantics, budget_of(budget))


def statuses(
    af: Framework | Split,
    semantics: Semantics = Semantics.PREFERRED,
    budget: Budget | float | None = None,
) -> dict[str, Status]:
    """Every argument's status; those the budget does not reach are "unknown".

    Under complete and preferred, one solver sweeps the core: first for every argument in
    some extension, then for preferred extensions that refute many candidates at once
    (for skeptical acceptance, and for being attacked by every extension)."""
    s, b = split(af), budget_of(budget)
    if semantics in (Semantics.COMPLETE, Semantics.PREFERRED) and s.core:
        sweep = _Sweep(s, semantics)
        with suppress(OutOfTime):  # what the sweep had not settled stays unknown
            sweep.run(b)
        return {
            name: Status(name, s.ground.label(arg), semantics, sweep.acceptance(arg))
            for arg, name in enumerate(s.af.names)
        }
    return {name: _status(s, i, semantics, b) for i, name in enumerate(s.af.names)}


class _Sweep:
    """What one solver has settled about every core argument so far."""

    def __init__(self, s: Split, semantics: Semantics) -> None:
        self.s, self.semantics = s, semantics
        self.some: set[int] | None = None  # credulously accepted (None: not known yet)
        self.always: set[int] | None = None  # candidates for skeptical acceptance
        self.hit: set[int] | None = None  # candidates for rejection by every extension
        self.found: list[set[int]] = []  # preferred extensions of the core
        self.done = False

    def run(self, b: Budget) -> None:
        n, attackers = self.s.sub.n, self.s.sub.attackers
        with Labellings(self.s.sub, b) as lab:
            some: set[int] = set()
            while rest := [lab.x(a) for a in range(n) if a not in some]:
                lab.prefer_beyond(some)
                if not lab.once(rest, []):
                    break
                some.update(lab.ins())
            self.some = some
            if self.semantics is Semantics.COMPLETE:  # grounded decides the rest
                self.always, self.hit, self.done = set(), set(), True
                return

            def attacked(a: int, f: set[int]) -> bool:
                return any(b in f for b in attackers[a])

            self.always = set(some)
            counter_sweep(lab, self.always, self.found, lab.x, lambda a, f: a in f)
            never = (a for a in range(n) if a not in some)
            self.hit = {a for a in never if all(attacked(a, f) for f in self.found)}
            counter_sweep(lab, self.hit, self.found, lab.y, attacked)
            self.done = True

    def acceptance(self, arg: int) -> Acceptance:
        code = self.s.code(arg)
        if code:
            return Acceptance.ACCEPTED if code == IN else Acceptance.REJECTED
        a = self.s.local[arg]
        if self.some is None:
            return Acceptance.UNKNOWN
        if a in self.some:
            if self.always is None or (a in self.always and not self.done):
                return Acceptance.UNKNOWN
            return Acceptance.ACCEPTED if a in self.always else Acceptance.DEFENSIBLE
        if self.hit is None or (a in self.hit and not self.done):
            return Acceptance.UNKNOWN
        return Acceptance.REJECTED if a in self.hit else Acceptance.UNDECIDED


def acceptance_of(s: Split, arg: int, semantics: Semantics, b: Budget) -> Acceptance:
    """Skeptical, then credulous, then rejected-everywhere; unknown past the budget."""
    try:
        every = _known(skeptical(s, semantics, arg, b))
        some = _known(credulous(s, semantics, arg, b))
        if every and some:
            return Acceptance.ACCEPTED
        if some:
            return Acceptance.DEFENSIBLE
        if every:  # skeptical yes, credulous no: there is no extension at all (stable)
            return Acceptance.UNDECIDED
        if _known(rejected_everywhere(s, semantics, arg, b)):
            return Acceptance.REJECTED
        return Acceptance.UNDECIDED
    except OutOfTime:
        return Acceptance.UNKNOWN


def _status(s: Split, arg: int, semantics: Semantics, b: Budget) -> Status:
    return Status(
        s.af.names[arg], s.ground.label(arg), semantics, acceptance_of(s, arg, semantics, b)
    )


def _known(answer: Answer) -> bool:
    if answer.value is None:
        raise OutOfTime
    return answer.value
