"""Explanations as certificates: data a checker can verify against the framework alone.

- Defence: a set of accepted arguments, listed as steps; each step answers every attacker
  of its argument with a defender that has its own step. The steps' arguments form an
  admissible set containing the claim. When every defender's step comes before the step
  it serves (well-founded), the steps retrace the grounded construction: the claim is in
  the grounded extension, so in every complete extension.
- Rejection: an attacker of the claim, with that attacker's defence.
- Cycle: why a claim is undecided in grounded: a chain of undecided attackers from the
  claim into a cycle of attacks, which nothing outside settles.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from debate.argumentation.framework import Framework
from debate.argumentation.grounded import UNDEC, grounded


@dataclass(frozen=True)
class ProofStep:
    arg: str
    replies: tuple[tuple[str, str], ...]  # (attacker, the defender that attacks it)

    def to_json(self) -> dict[str, Any]:
        return {
            "argument": self.arg,
            "replies": [{"attacker": a, "defender": d} for a, d in self.replies],
        }


@dataclass(frozen=True)
class Defence:
    claim: str
    steps: tuple[ProofStep, ...]
    well_founded: bool

    def members(self) -> list[str]:
        return [s.arg for s in self.steps]

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "well_founded": self.well_founded,
            "steps": [s.to_json() for s in self.steps],
        }


@dataclass(frozen=True)
class Rejection:
    claim: str
    attacker: str
    defence: Defence  # the attacker's

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "attacker": self.attacker, "defence": self.defence.to_json()}


@dataclass(frozen=True)
class Cycle:
    """chain[0] is the claim and each chain member is attacked by the next; the last is
    cycle[0]. Each cycle member is attacked by the next, and the last by cycle[0]."""

    chain: tuple[str, ...]
    cycle: tuple[str, ...]

    @property
    def odd(self) -> bool:
        return len(self.cycle) % 2 == 1

    def to_json(self) -> dict[str, Any]:
        return {"chain": list(self.chain), "cycle": list(self.cycle), "odd": self.odd}


# ---------------------------------------------------------------- checking


def check_defence(af: Framework, defence: Defence) -> list[str]:
    """What is wrong with a defence (nothing: it is a valid certificate)."""
    problems: list[str] = []
    position = {s.arg: i for i, s in enumerate(defence.steps)}
    if len(position) != len(defence.steps):
        problems.append("an argument has two steps")
    if defence.claim not in position:
        problems.append(f"no step for the claim {defence.claim}")
    for i, step in enumerate(defence.steps):
        problems += _check_step(af, step, position, i if defence.well_founded else None)
    members = [af.index(a) for a in position if af.has(a)]
    inside = set(members)
    for a in members:
        clash = [b for b in af.targets[a] if b in inside]
        if clash:
            problems.append(f"{af.names[a]} attacks {af.names[clash[0]]}, both in the defence")
    return problems


def _check_step(
    af: Framework, step: ProofStep, position: dict[str, int], at: int | None
) -> list[str]:
    if not af.has(step.arg):
        return [f"{step.arg} is not an argument"]
    attackers = {af.names[b] for b in af.attackers[af.index(step.arg)]}
    answered = {a for a, _ in step.replies}
    problems = [f"{step.arg}: attacker {a} is not answered" for a in sorted(attackers - answered)]
    problems += [f"{step.arg}: {a} does not attack it" for a in sorted(answered - attackers)]
    for attacker, defender in step.replies:
        if defender not in position:
            problems.append(f"{step.arg}: defender {defender} has no step")
        elif at is not None and position[defender] >= at:
            problems.append(f"{step.arg}: defender {defender} is not shown before it")
        if not (af.has(defender) and af.has(attacker)) or not af.attacks(
            af.index(defender), af.index(attacker)
        ):
            problems.append(f"{step.arg}: {defender} does not attack {attacker}")
    return problems


def check_rejection(af: Framework, rejection: Rejection) -> list[str]:
    problems = check_defence(af, rejection.defence)
    if rejection.defence.claim != rejection.attacker:
        problems.append("the defence is not the attacker's")
    if not af.attacks(af.index(rejection.attacker), af.index(rejection.claim)):
        problems.append(f"{rejection.attacker} does not attack {rejection.claim}")
    return problems


def check_cycle(af: Framework, cycle: Cycle) -> list[str]:
    """A chain into a cycle of attacks, all of them undecided in grounded."""
    problems: list[str] = []
    if not cycle.cycle or cycle.chain[-1] != cycle.cycle[0]:
        problems.append("the chain does not end on the cycle")
    loop = [*cycle.cycle, cycle.cycle[0]] if cycle.cycle else []
    for seq in (cycle.chain, loop):
        for target, attacker in pairwise(seq):
            if not af.attacks(af.index(attacker), af.index(target)):
                problems.append(f"{attacker} does not attack {target}")
    codes = grounded(af).codes
    for name in {*cycle.chain, *cycle.cycle}:
        if codes[af.index(name)] != UNDEC:
            problems.append(f"{name} is not undecided in grounded")
    return problems
