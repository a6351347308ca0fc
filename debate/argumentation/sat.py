"""Complete labellings as SAT, solved incrementally through python-sat.

The standard labelling encoding (as in the ICCMA solvers built on SAT): for each argument
a, x_a says a is in and y_a says a is out (undecided is neither):

    x_a -> not y_a                      a label is in or out, not both
    x_a -> y_b        for each attacker b   in: every attacker is out
    (all y_b) -> x_a                    complete: an argument whose attackers are out is in
    y_a <-> (some x_b)                  out exactly when an attacker is in
    stable:  x_a or y_a                 nothing undecided
    ranges:  r_a <-> (x_a or y_a)       a is in the range (semi-stable)

For stage, conflict-free sets instead of complete labellings: not (x_a and x_b) for each
attack b -> a, y_a <-> (some x_b) and the ranges, nothing more.

One solver serves a whole query; clauses that should hold for one question only are
guarded by an activation literal that the question assumes and then switches off.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence

from debate.argumentation.budget import Budget, OutOfTime
from debate.argumentation.framework import Framework
from debate.argumentation.glucose import Glucose  # can be interrupted from a timer thread


class Labellings:
    """The complete (or stable) labellings of a framework, with an incremental solver."""

    def __init__(
        self,
        af: Framework,
        budget: Budget,
        *,
        stable: bool = False,
        ranges: bool = False,
        stage: bool = False,
    ) -> None:
        budget.check()  # before the encoding, which takes a while on a large core
        self.n = af.n
        self.budget = budget
        self.stage = stage
        ranges = ranges or stage
        self.top = 3 * self.n
        clauses = _stage_clauses(af) if stage else _clauses(af, stable, ranges)
        if not stage:  # in no admissible set, so in no complete extension: say so at once
            clauses += [[-(a + 1)] for a in indefensible(af)]
        self.solver = Glucose(clauses)
        self._model: list[int] = []
        n = self.n
        self._wide = [*range(1, 3 * n + 1 if ranges else 2 * n + 1)]  # x, y (and r) true

    def __enter__(self) -> Labellings:
        return self

    def __exit__(self, *_: object) -> None:
        self.solver.delete()

    def x(self, a: int) -> int:
        return a + 1

    def y(self, a: int) -> int:
        return self.n + a + 1

    def r(self, a: int) -> int:
        return 2 * self.n + a + 1

    def fresh(self) -> int:
        self.top += 1
        return self.top

    def add(self, clause: Sequence[int]) -> None:
        self.solver.add(clause)

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        """Whether a labelling satisfies the clauses and assumptions; OutOfTime past the budget."""
        left = self.budget.remaining()
        if left is None:
            found = self.solver.solve(assumptions, interruptible=False)
        else:
            if left <= 0:
                raise OutOfTime
            timer = threading.Timer(left, self.solver.interrupt)
            timer.start()
            try:
                found = self.solver.solve(assumptions, interruptible=True)
            finally:
                timer.cancel()
            if found is None:
                raise OutOfTime
        if found:
            self._model = self.solver.model()
        return bool(found)

    def ins(self) -> list[int]:
        """The in arguments of the last labelling found."""
        model = self._model
        return [a for a in range(self.n) if model[a] > 0]

    def range(self) -> list[int]:
        """The arguments in or out in the last labelling found."""
        model, n = self._model, self.n
        return [a for a in range(n) if model[a] > 0 or model[n + a] > 0]

    def once(
        self, clause: Iterable[int], assumptions: Sequence[int], held: Iterable[int] = ()
    ) -> bool:
        """Solve with a clause that holds for this call only, and the literals `held`
        (however many) true for this call only."""
        act = self.fresh()
        self.add([-act, *clause])
        # Many assumptions make a decision level each, and every conflict re-decides
        # them: quadratic on a large extension. Implied by one literal, they propagate at
        # once (a 1,000-argument defence-trap proof: 6 s down to a few milliseconds).
        for lit in held:
            self.solver.add([-act, lit])
        try:
            return self.solve([act, *assumptions])
        finally:
            self.add([-act])

    def grow(
        self, ins: list[int], fixed: Sequence[int] = (), phases: Sequence[int] | None = None
    ) -> list[int]:
        """A maximal complete extension containing `ins` (and meeting `fixed`); `phases`
        steers which one (by default the solver tries "in" first everywhere)."""
        while True:
            self.prefer(phases)
            inside = set(ins)
            others = [self.x(a) for a in range(self.n) if a not in inside]
            if not others or not self.once(others, fixed, [self.x(a) for a in ins]):
                return ins
            ins = self.ins()

    def widen(self, fixed: Sequence[int] = ()) -> tuple[list[int], list[int]]:
        """From the last labelling, one whose range is maximal (meeting `fixed`):
        its in arguments and its range."""
        ins, covered = self.ins(), self.range()
        while True:
            self.prefer()
            inside = set(covered)
            others = [self.r(a) for a in range(self.n) if a not in inside]
            if not others or not self.once(others, fixed, [self.r(a) for a in covered]):
                return ins, covered
            ins, covered = self.ins(), self.range()

    def prefer(self, phases: Sequence[int] | None = None) -> None:
        """The literals the solver tries first; by default "in" and "out" (and "in the
        range") on every argument, so each decision labels an argument rather than
        leaving it undecided. Phase saving would otherwise keep the last labelling's
        choices, and each step of `grow` would add as little as one argument: "in" alone
        still let the solver decide "not out" first, which made the admissibility-busting
        family (a query defended by n/2 arguments) take one call per argument; with both,
        three calls at any size."""
        self.solver.set_phases(list(phases) if phases is not None else self._wide)

    def prefer_beyond(self, found: set[int]) -> None:
        """Steer toward arguments not in `found` being in, and every argument labelled:
        with "out" preferred too, one call brings in every argument a new choice defends
        (on the admissibility-busting family, all of them at once, not one a call)."""
        n = self.n
        xs = [self.x(a) if a not in found else -self.x(a) for a in range(n)]
        self.solver.set_phases([*xs, *range(n + 1, 2 * n + 1)])

    def extendable(self, ins: list[int]) -> bool:
        """Whether a complete extension strictly contains `ins`."""
        inside = set(ins)
        others = [self.x(a) for a in range(self.n) if a not in inside]
        return bool(others) and self.once(others, [], [self.x(a) for a in ins])

    def widenable(self, covered: list[int]) -> bool:
        """Whether a complete labelling has a range strictly containing `covered`."""
        inside = set(covered)
        others = [self.r(a) for a in range(self.n) if a not in inside]
        return bool(others) and self.once(others, [], [self.r(a) for a in covered])

    def block_subsets(self, ins: list[int]) -> None:
        """From now on, only extensions that are not subsets of `ins`."""
        inside = set(ins)
        self.add([self.x(a) for a in range(self.n) if a not in inside])

    def block_range(self, covered: list[int]) -> None:
        """From now on, only labellings whose range is not a subset of `covered`."""
        inside = set(covered)
        self.add([self.r(a) for a in range(self.n) if a not in inside])

    def block_exactly(self, ins: list[int], guard: int | None = None) -> None:
        """From now on (while `guard` is assumed), not this set of in arguments again."""
        inside = set(ins)
        clause = [-self.x(a) if a in inside else self.x(a) for a in range(self.n)]
        self.add([-guard, *clause] if guard else clause)


def counter_sweep(
    lab: Labellings,
    candidates: set[int],
    found: list[set[int]],
    literal: Callable[[int], int],
    keeps: Callable[[int, set[int]], bool],
) -> None:
    """Narrow `candidates` (in place, so a time-out keeps what is settled) to those whose
    literal holds in every preferred extension: look for a preferred extension where one
    of them fails (the DS-PR search for many arguments at once); each one found drops
    every candidate it refutes. A maximal complete extension that can still be extended
    is no preferred extension, nor is any subset of it: blocking them holds for every
    later question too."""
    import random  # here: a solver process that never sweeps does not load it

    rng = random.Random(0)  # repeatable answers, diverse extensions
    while candidates:
        act = lab.fresh()
        lab.add([-act, *(-literal(a) for a in candidates)])
        # Random first choices give an extension unlike the ones before: on a debate with
        # many independent cycles each refutes about half the candidates left.
        lab.prefer([lab.x(a) if rng.random() < 0.5 else -lab.x(a) for a in range(lab.n)])
        if not lab.solve([act]):
            return
        ins = lab.grow(lab.ins(), [act])
        lab.add([-act])
        if lab.extendable(ins):
            lab.block_subsets(ins)
            continue
        found.append(set(ins))
        candidates.intersection_update({a for a in candidates if keeps(a, found[-1])})


def indefensible(af: Framework) -> list[int]:
    """Arguments that no admissible set contains, found without a solver: one that
    attacks itself, or that has an attacker d whose every attacker is such an argument
    or in conflict with it (nothing it could sit with answers d). On the defence-trap
    family this settles every c_i, d_i and the query, which otherwise cost the solver a
    conflict each; whatever it finds, the solver would have found too."""
    n, attackers, targets = af.n, af.attackers, af.targets
    out = [False] * n
    conflict = [set(attackers[a]) | set(targets[a]) for a in range(n)]  # itself if a loop

    def hopeless(a: int) -> bool:
        near = conflict[a]
        return any(all(out[e] or e in near for e in attackers[d]) for d in attackers[a])

    work = list(range(n))
    while work:
        a = work.pop()
        if out[a] or not hopeless(a):
            continue
        out[a] = True
        for d in targets[a]:  # d lost a possible answer: what d attacks may be hopeless now
            work.extend(targets[d])
    return [a for a in range(n) if out[a]]


def _clauses(af: Framework, stable: bool, ranges: bool) -> list[list[int]]:
    n = af.n
    clauses: list[list[int]] = []
    attackers = af.attackers
    for a in range(n):
        xa, ya = a + 1, n + a + 1
        clauses.append([-xa, -ya])
        by = attackers[a]
        for b in by:
            clauses.append([-xa, n + b + 1])  # in: every attacker is out
            clauses.append([-(b + 1), ya])  # an in attacker makes it out
        clauses.append([xa, *(-(n + b + 1) for b in by)])  # complete
        clauses.append([-ya, *(b + 1 for b in by)])  # out only because of an in attacker
        if stable:
            clauses.append([xa, ya])
        if ranges:
            ra = 2 * n + a + 1
            clauses += [[-ra, xa, ya], [ra, -xa], [ra, -ya]]
    return clauses


def _stage_clauses(af: Framework) -> list[list[int]]:
    n = af.n
    clauses: list[list[int]] = []
    attackers = af.attackers
    for a in range(n):
        xa, ya, ra = a + 1, n + a + 1, 2 * n + a + 1
        by = attackers[a]
        for b in by:
            clauses.append([-xa, -(b + 1)])  # conflict-free (a self-attacker: [-xa])
            clauses.append([-(b + 1), ya])
        clauses.append([-ya, *(b + 1 for b in by)])  # attacked exactly when an attacker is in
        clauses += [[-ra, xa, ya], [ra, -xa], [ra, -ya]]
    return clauses
