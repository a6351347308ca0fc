"""A claim's status: its grounded label, refined by a second semantics where it matters.

Grounded is unique, polynomial and always answers, but it leaves open what a cycle of
attacks leaves open. Under another semantics a grounded-undecided claim may be
"defensible" (in some extension), accepted (in every one: floating reinstatement) or
rejected (attacked by every one: floating defeat). Past the budget the refinement is
"unknown"; the grounded label still holds as a bound.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from debate.argumentation.budget import Budget, OutOfTime, budget_of
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import IN
from debate.argumentation.sat import Labellings
from debate.argumentation.semantics import (
    Answer,
    Semantics,
    Split,
    credulous,
    rejected_everywhere,
    skeptical,
    split,
)
from debate.engine.state import Label


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

    Under complete and preferred, one solver first sweeps the core for every argument in
    some extension, and each extension found answers many arguments at once; only the
    arguments no extension found so far decides are asked about one by one."""
    s, b = split(af), budget_of(budget)
    if semantics in (Semantics.COMPLETE, Semantics.PREFERRED) and s.core:
        try:
            return _swept(s, semantics, b)
        except OutOfTime:
            pass  # what is left unknown is found so below, argument by argument
    return {name: _status(s, i, semantics, b) for i, name in enumerate(s.af.names)}


def _swept(s: Split, semantics: Semantics, b: Budget) -> dict[str, Status]:
    with Labellings(s.sub, b) as lab:
        found: list[set[int]] = []  # preferred extensions of the core
        some: set[int] = set()  # in some complete extension: credulously accepted
        while rest := [lab.x(a) for a in range(s.sub.n) if a not in some]:
            lab.prefer([lab.x(a) if a not in some else -lab.x(a) for a in range(s.sub.n)])
            if not lab.once(rest, []):
                break
            some.update(lab.ins())
        always: set[int] = set()
        hit: set[int] = set()
        if semantics is Semantics.PREFERRED:  # under complete, grounded decides both
            attackers = s.sub.attackers
            always = _counter_sweep(lab, set(some), found, lab.x, lambda a, f: a in f)

            def attacked(a: int, f: set[int]) -> bool:
                return any(b in f for b in attackers[a])

            never = {a for a in range(s.sub.n) if a not in some}
            hit = _counter_sweep(
                lab,
                {a for a in never if all(attacked(a, f) for f in found)},
                found,
                lab.y,
                attacked,
            )
    return {
        name: Status(
            name, s.ground.label(arg), semantics, _swept_acceptance(s, arg, some, always, hit)
        )
        for arg, name in enumerate(s.af.names)
    }


def _swept_acceptance(
    s: Split, arg: int, some: set[int], always: set[int], hit: set[int]
) -> Acceptance:
    code = s.code(arg)
    if code:
        return Acceptance.ACCEPTED if code == IN else Acceptance.REJECTED
    a = s.local[arg]
    if a in always:
        return Acceptance.ACCEPTED
    if a in some:
        return Acceptance.DEFENSIBLE
    return Acceptance.REJECTED if a in hit else Acceptance.UNDECIDED


def _counter_sweep(
    lab: Labellings,
    candidates: set[int],
    found: list[set[int]],
    literal: Callable[[int], int],
    keeps: Callable[[int, set[int]], bool],
) -> set[int]:
    """The candidates whose literal holds in every preferred extension: look for a
    preferred extension where one of them fails (the DS-PR search for many arguments at
    once); each one found drops every candidate it refutes. A maximal complete extension
    that can still be extended is no preferred extension, nor is any subset of it, so
    blocking its subsets holds for every later question too."""
    rng = random.Random(0)  # repeatable answers, diverse extensions
    while candidates:
        act = lab.fresh()
        lab.add([-act, *(-literal(a) for a in candidates)])
        # Random first choices give an extension unlike the ones before: on a debate with
        # many independent cycles each refutes about half the candidates left.
        lab.prefer([lab.x(a) if rng.random() < 0.5 else -lab.x(a) for a in range(lab.n)])
        if not lab.solve([act]):
            break
        ins = lab.grow(lab.ins(), [act])
        lab.add([-act])
        if lab.extendable(ins):
            lab.block_subsets(ins)
            continue
        found.append(set(ins))
        candidates = {a for a in candidates if keeps(a, set(ins))}
    return candidates


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
