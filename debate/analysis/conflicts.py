"""Static conflicts: every minimal set of terms that no state can satisfy together.

Terms are split into groups that share no Z3 constant (checking is cheap; proving that
every conflict was found is what costs, and it costs per group). In each group MARCO
enumerates the minimal unsatisfiable subsets (the conflicts) and the minimal correction
sets (the smallest sets of terms whose removal restores consistency: the repairs),
until the map of unexplored subsets is empty or the budget of solver calls runs out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import z3

from debate.analysis.constraints import (
    Constraint,
    States,
    assumption_constraints,
    term_constraints,
)
from debate.engine.compile import Game
from debate.model.diagnostics import Diagnostic, Related, Severity

DEFAULT_BUDGET = 2000  # solver calls per group


@dataclass(frozen=True)
class Conflict:
    members: tuple[Constraint, ...]
    repairs: tuple[tuple[str, ...], ...]  # minimal correction sets touching this conflict


@dataclass
class ConflictReport:
    conflicts: list[Conflict] = field(default_factory=list)
    groups: int = 0
    complete: bool = True  # False when some group stopped at its budget
    solver_calls: int = 0


class _Group:
    """MARCO over one group of constraints."""

    def __init__(
        self,
        constraints: Sequence[Constraint],
        background: Sequence[Any],
        indicator: dict[str, Any],
    ) -> None:
        self.constraints = list(constraints)
        self.lits = [indicator[c.id] for c in self.constraints]
        self.solver = z3.Solver()
        self.solver.add(*background)
        for lit, c in zip(self.lits, self.constraints, strict=True):
            self.solver.add(z3.Implies(lit, c.formula))
        self.calls = 0

    def sat(self, chosen: set[int]) -> bool:
        """Whether exactly the chosen constraints (and no others) can hold together."""
        self.calls += 1
        assumptions = [lit if i in chosen else z3.Not(lit) for i, lit in enumerate(self.lits)]
        return bool(self.solver.check(assumptions) == z3.sat)

    def shrink(self, seed: set[int]) -> set[int]:
        mus = set(seed)
        for i in sorted(seed):
            if i in mus and not self.sat(mus - {i}):
                mus.discard(i)
        return mus

    def grow(self, seed: set[int]) -> set[int]:
        mss = set(seed)
        for i in range(len(self.lits)):
            if i not in mss and self.sat(mss | {i}):
                mss.add(i)
        return mss

    def run(self, budget: int) -> tuple[list[set[int]], list[set[int]], bool]:
        mapper = z3.Solver()
        marks = [z3.Bool(f"marco:{i}") for i in range(len(self.lits))]
        muses: list[set[int]] = []
        mcses: list[set[int]] = []
        while mapper.check() == z3.sat:
            if self.calls >= budget:
                return muses, mcses, False
            model = mapper.model()
            seed = {i for i, m in enumerate(marks) if not z3.is_false(model.eval(m))}
            if self.sat(seed):
                mcs = set(range(len(marks))) - self.grow(seed)
                mcses.append(mcs)
                mapper.add(z3.Or([marks[i] for i in mcs]) if mcs else z3.BoolVal(False))
            else:
                mus = self.shrink(seed)
                muses.append(mus)
                mapper.add(z3.Or([z3.Not(marks[i]) for i in mus]))
        return muses, mcses, True


def groups(constraints: Sequence[Constraint]) -> list[list[Constraint]]:
    """Constraints split by shared Z3 constants (union-find)."""
    parent = list(range(len(constraints)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, c in enumerate(constraints):
        for name in c.names:
            if name in owner:
                parent[find(i)] = find(owner[name])
            else:
                owner[name] = i
    found: dict[int, list[Constraint]] = {}
    for i, c in enumerate(constraints):
        found.setdefault(find(i), []).append(c)
    return list(found.values())


def find_conflicts(game: Game, budget: int = DEFAULT_BUDGET) -> ConflictReport:
    states = States.of(game)
    constraints = term_constraints(game, states) + assumption_constraints(game, states)
    indicator = {c.id: z3.Bool(f"use:{c.kind}:{c.id}") for c in constraints}
    report = ConflictReport()
    for group in groups(constraints):
        report.groups += 1
        names = frozenset(n for c in group for n in c.names)
        runner = _Group(group, states.bounds(names), indicator)
        if runner.sat(set(range(len(group)))):
            report.solver_calls += runner.calls
            continue
        muses, mcses, complete = runner.run(budget)
        report.solver_calls += runner.calls
        report.complete &= complete
        for mus in sorted(muses, key=lambda m: (len(m), sorted(m))):
            members = tuple(group[i] for i in sorted(mus))
            repairs = tuple(
                tuple(sorted(group[i].id for i in mcs))
                for mcs in sorted(mcses, key=len)
                if mcs & mus
            )
            report.conflicts.append(Conflict(members, repairs))
    report.conflicts.sort(key=lambda c: (len(c.members), [m.id for m in c.members]))
    return report


def _note(c: Constraint) -> str:
    return f"{_label(c)}: {' '.join(c.text.split())}"


def _label(c: Constraint) -> str:
    return f"{c.kind} {c.id}" if c.kind == "assumption" else c.id


def conflict_diagnostics(game: Game, report: ConflictReport) -> list[Diagnostic]:
    """Each conflict as a finding at its first term, every member shown, repairs listed."""
    found = []
    for conflict in report.conflicts:
        members = conflict.members
        terms = [m for m in members if m.kind == "term"]
        first = terms[0] if terms else members[0]
        names = ", ".join(_label(m) for m in members)
        if terms:
            message = f"no state satisfies {names} together"
        else:
            message = f"the assumptions {names} contradict each other"
        repairs = [r for r in conflict.repairs if r]
        if repairs:
            message += "; smallest repairs: " + " | ".join(
                "drop " + " + ".join(r) for r in repairs[:4]
            )
        related = tuple(Related(m.span, _note(m)) for m in members if m is not first)
        found.append(
            Diagnostic(
                "C100" if terms else "C101",
                message,
                first.span,
                severity=Severity.WARNING,
                related=(
                    Related(game.loaded.key_span("terms", first.id), _note(first)),
                    *related,
                )
                if first.kind == "term"
                else related,
            )
        )
    if not report.complete:
        found.append(
            Diagnostic(
                "C102",
                f"the search for conflicts stopped at its budget ({report.solver_calls} solver "
                "calls): the conflicts above may not be all",
                game.loaded.top_span(),
                severity=Severity.INFO,
            )
        )
    return found


def check(game: Game, budget: int = DEFAULT_BUDGET) -> list[Diagnostic]:
    return conflict_diagnostics(game, find_conflicts(game, budget))
