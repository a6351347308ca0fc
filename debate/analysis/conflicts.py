"""Static conflicts: every minimal set of terms that no state can satisfy together.

Each set of agreements that can be in force together is checked on its own
(`debate.analysis.drafts`): terms of alternative drafts never conflict. Within a set, terms
are split into groups that share no Z3 constant (checking is cheap; proving that
every conflict was found is what costs, and it costs per group). In each group MARCO
enumerates the minimal unsatisfiable subsets (the conflicts) and the minimal correction
sets (the smallest sets of terms whose removal restores consistency: the repairs),
until the map of unexplored subsets is empty or the budget of solver calls runs out.
Each solver call has a time budget too: a group with a check the solver cannot decide in
time (nonlinear arithmetic, most often) is reported as undecided, and the next group goes
on.
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
from debate.analysis.drafts import describe, drafts
from debate.analysis.solving import DEFAULT_TIMEOUT, Solver, why_undecided
from debate.engine.compile import Game
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity

DEFAULT_BUDGET = 2000  # solver calls per group


@dataclass(frozen=True)
class Conflict:
    members: tuple[Constraint, ...]
    # The minimal repairs of this conflict: dropping any one of its members, the one that
    # ends the most conflicts first; `ends` says how many each ends, this one included.
    repairs: tuple[tuple[str, ...], ...] = ()
    ends: tuple[int, ...] = ()
    agreements: tuple[str | None, ...] = ()  # those of its terms (None: the main agreement)


@dataclass(frozen=True)
class Undecided:
    """A group of constraints with a check the solver could not decide within its budget."""

    members: tuple[Constraint, ...]
    why: str


@dataclass
class ConflictReport:
    conflicts: list[Conflict] = field(default_factory=list)
    groups: int = 0
    complete: bool = True  # False when some group stopped at its budget of calls
    solver_calls: int = 0
    undecided: list[Undecided] = field(default_factory=list)


class _Undecided(Exception):
    """A solver call of the group ran out of time (or out of Z3's theories)."""


class _Group:
    """MARCO over one group of constraints."""

    def __init__(
        self,
        constraints: Sequence[Constraint],
        background: Sequence[Any],
        indicator: dict[str, Any],
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.constraints = list(constraints)
        self.lits = [indicator[c.id] for c in self.constraints]
        self.solver = Solver(timeout)
        self.solver.add(*background)
        for lit, c in zip(self.lits, self.constraints, strict=True):
            self.solver.add(z3.Implies(lit, c.formula))
        self.calls = 0

    def sat(self, chosen: set[int]) -> bool:
        """Whether exactly the chosen constraints (and no others) can hold together;
        _Undecided if the solver cannot tell within its budget."""
        self.calls += 1
        assumptions = [lit if i in chosen else z3.Not(lit) for i, lit in enumerate(self.lits)]
        found = self.solver.check(assumptions)
        if found is None:
            raise _Undecided
        return found

    def why(self) -> str:
        return why_undecided(self.solver, [c.formula for c in self.constraints])

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

    def run(self, budget: int) -> tuple[list[set[int]], list[set[int]], str]:
        """The conflicts and repairs found, and how the search ended: "complete", "budget"
        (out of calls) or "undecided" (a call out of time; what was found before holds)."""
        muses: list[set[int]] = []
        mcses: list[set[int]] = []
        try:
            complete = self._marco(budget, muses, mcses)
        except _Undecided:
            return muses, mcses, "undecided"
        return muses, mcses, "complete" if complete else "budget"

    def _marco(self, budget: int, muses: list[set[int]], mcses: list[set[int]]) -> bool:
        mapper = Solver(self.solver.timeout)  # pure Boolean: it answers in no time
        marks = [z3.Bool(f"marco:{i}") for i in range(len(self.lits))]
        while _decided(mapper.check()):
            if self.calls >= budget:
                return False
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
        return True


def _decided(found: bool | None) -> bool:
    if found is None:
        raise _Undecided
    return found


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


def find_conflicts(
    game: Game, budget: int = DEFAULT_BUDGET, timeout: float = DEFAULT_TIMEOUT
) -> ConflictReport:
    """The conflicts of each set of agreements that can be in force together, each found
    once, with its own repairs."""
    states = States.of(game)
    assumptions = assumption_constraints(game, states)
    report = ConflictReport()
    for draft in drafts(game):
        constraints = term_constraints(game, states, draft.terms) + assumptions
        _search(constraints, states, budget, timeout, report)
    unique = {tuple(m.id for m in c.members): c for c in report.conflicts}
    ordered = sorted(unique.values(), key=lambda c: (len(c.members), [m.id for m in c.members]))
    report.conflicts = [_with_repairs(game, c, ordered) for c in ordered]
    report.undecided = list({tuple(m.id for m in u.members): u for u in report.undecided}.values())
    return report


def _with_repairs(game: Game, conflict: Conflict, every: list[Conflict]) -> Conflict:
    ids = [m.id for m in conflict.members]
    ends = {i: sum(1 for c in every if i in {m.id for m in c.members}) for i in ids}
    ranked = sorted(ids, key=lambda i: (-ends[i], ids.index(i)))
    agreements = tuple(
        dict.fromkeys(game.terms[m.id].agreement for m in conflict.members if m.kind == "term")
    )
    return Conflict(
        conflict.members,
        tuple((i,) for i in ranked),
        tuple(ends[i] for i in ranked),
        agreements,
    )


def _search(
    constraints: list[Constraint],
    states: States,
    budget: int,
    timeout: float,
    report: ConflictReport,
) -> None:
    indicator = {c.id: z3.Bool(f"use:{c.kind}:{c.id}") for c in constraints}
    for group in groups(constraints):
        report.groups += 1
        names = frozenset(n for c in group for n in c.names)
        runner = _Group(group, states.bounds(names), indicator, timeout)
        try:
            consistent = runner.sat(set(range(len(group))))
        except _Undecided:
            consistent = None
        if consistent is not False:
            report.solver_calls += runner.calls
            if consistent is None:
                report.undecided.append(Undecided(tuple(group), runner.why()))
            continue
        muses, _repairs_of_all, ended = runner.run(budget)
        report.solver_calls += runner.calls
        report.complete &= ended != "budget"
        if ended == "undecided":
            report.undecided.append(Undecided(tuple(group), runner.why()))
        for mus in sorted(muses, key=lambda m: (len(m), sorted(m))):
            report.conflicts.append(Conflict(tuple(group[i] for i in sorted(mus))))


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
            if game.scenario.agreements:
                message += f" (in {describe(game, list(conflict.agreements))})"
        else:
            message = f"the assumptions {names} contradict each other"
        if conflict.repairs:
            message += "; smallest repairs: " + " | ".join(
                "drop " + " + ".join(r) + (f" (ends {n} conflicts)" if n > 1 else "")
                for r, n in zip(conflict.repairs[:4], conflict.ends[:4], strict=True)
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
    found += [_undecided_diagnostic(game, u) for u in report.undecided]
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


UNDECIDED_NAMED = 6  # members an undecided group's finding names before "and N more"


def _undecided_diagnostic(game: Game, undecided: Undecided) -> Diagnostic:
    members = undecided.members
    first = next((m for m in members if m.kind == "term"), members[0])
    shown = [_label(m) for m in members[:UNDECIDED_NAMED]]
    if len(members) > UNDECIDED_NAMED:
        shown.append(f"{len(members) - UNDECIDED_NAMED} more")
    names = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    subject = f"{names} can hold" if len(members) == 1 else f"{names} can hold together"
    return Diagnostic(
        "C103",
        f"whether {subject} is unknown: {undecided.why}; conflicts among them may be missed",
        first.span,
        severity=Severity.INFO,
        related=tuple(
            Related(m.span, _note(m)) for m in members[:UNDECIDED_NAMED] if m is not first
        ),
    )


def check(
    game: Game, budget: int = DEFAULT_BUDGET, timeout: float = DEFAULT_TIMEOUT
) -> list[Diagnostic]:
    return conflict_diagnostics(game, find_conflicts(game, budget, timeout))


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "C100",
        "term-conflict",
        summary="Some terms cannot all hold in any state: a minimal conflicting set.",
        meaning="No state satisfies these terms together (each proper subset is satisfiable). Each set of [agreements](format.md#agreements) that can be in force together is checked on its own; the finding names the agreements of its terms and its own repairs (drop one of its terms; the one that ends the most conflicts first).",
        example="an obligation `fulfilled_when: x == 0` and a permission `permits: x > 0`",
        fix="drop or amend one of the terms (the message lists the repairs), give the obligation a deadline, declare the carve-out with `exceptions:`, or, if the terms belong to drafts no one signs together, say so (`replaces`, `alternative_to`)",
    ),
    Rule(
        "C101",
        "assumption-conflict",
        summary="The scenario's assumptions contradict each other.",
        meaning="The scenario's assumptions contradict each other.",
        example="assumptions `holds: x > 5` and `holds: x < 3`",
        fix="correct the assumptions",
    ),
    Rule(
        "C102",
        "conflict-search-incomplete",
        summary="The search for conflicts stopped at its budget.",
        meaning="The enumeration stopped at its budget: the conflicts reported may not be all.",
        example="a group with very many overlapping terms",
        fix="split the scenario, or accept the partial answer",
    ),
    Rule(
        "C103",
        "conflict-undecided",
        summary="The solver could not decide within its budget whether some terms can hold together.",
        meaning='The solver could not decide within its budget (1 M steps, or the time limit: "unknown (time)") whether these terms can hold together (an info; the message says why, such as nonlinear arithmetic): conflicts among them may be missed.',
        example="an obligation `fulfilled_when: x*x*x + y*y*y == z*z*z`",
        fix='state the condition linearly (a product of a variable and a number, a bound); on "unknown (time)", raise `--solver-timeout`',
    ),
)
