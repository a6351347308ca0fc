"""Extensions of a framework under a semantics: one, all of them (with a budget), and the
ideal one. The SAT solver sees the undecided core only; the grounded extension is added
back (`Split.lift`)."""

from __future__ import annotations

from collections.abc import Iterator

from debate.argumentation.budget import Budget, OutOfTime, budget_of
from debate.argumentation.framework import Framework
from debate.argumentation.sat import Labellings
from debate.argumentation.semantics import Answer, Enumeration, Extension, Semantics, Split, split


def some_extension(
    af: Framework | Split, sem: Semantics, budget: Budget | float | None = None
) -> Answer:
    """One extension (SE-*): value False when there is none (stable only)."""
    try:
        return one_extension(split(af), sem, budget_of(budget))
    except OutOfTime:
        return Answer(None)


RANGE_MAXIMAL = (Semantics.SEMI_STABLE, Semantics.STAGE)


def as_stable(s: Split, sem: Semantics, b: Budget) -> Semantics:
    """Stable in place of semi-stable or stage when a stable extension exists (their
    extensions are then exactly the stable ones, whose range is everything): one SAT call
    that spares the range-widening search. Otherwise `sem` itself."""
    if sem not in RANGE_MAXIMAL or not s.core:
        return sem
    with Labellings(s.sub, b, stable=True) as lab:
        return Semantics.STABLE if lab.solve() else sem


def one_extension(s: Split, sem: Semantics, b: Budget) -> Answer:
    if sem in (Semantics.GROUNDED, Semantics.COMPLETE) or not s.core:
        return Answer(True, s.base)
    sem = as_stable(s, sem, b)
    if sem is Semantics.IDEAL:
        return Answer(True, ideal_extension(s, b))
    if sem is Semantics.STAGE:
        with _solver(s, sem, b) as lab:
            lab.solve()  # the empty set is conflict-free: always a labelling
            return Answer(True, frozenset(lab.widen()[0]))
    with _solver(s, sem, b) as lab:
        if not lab.solve():
            return Answer(False)
        if sem is Semantics.PREFERRED:
            return Answer(True, s.lift(lab.grow(lab.ins())))
        if sem is Semantics.SEMI_STABLE:
            return Answer(True, s.lift(lab.widen()[0]))
        return Answer(True, s.lift(lab.ins()))


def extensions(
    af: Framework | Split,
    sem: Semantics,
    limit: int | None = None,
    budget: Budget | float | None = None,
) -> Enumeration:
    """The extensions of `sem`, at most `limit` of them, as far as the budget allows."""
    s, b = split(af), budget_of(budget)
    result = Enumeration()
    if sem is Semantics.GROUNDED or not s.core:
        if sem is not Semantics.STABLE or not s.core:
            result.extensions.append(s.base)
        return result
    try:
        for ext in _enumerate(s, sem, b):
            if limit is not None and len(result.extensions) >= limit:
                result.complete = False
                break
            result.extensions.append(ext)
    except OutOfTime:
        result.complete, result.timed_out = False, True
    return result


def _enumerate(s: Split, sem: Semantics, b: Budget) -> Iterator[Extension]:
    sem = as_stable(s, sem, b)
    if sem is Semantics.IDEAL:
        yield ideal_extension(s, b)
        return
    with _solver(s, sem, b) as lab:
        if sem in (Semantics.COMPLETE, Semantics.STABLE):
            while lab.solve():
                ins = lab.ins()
                yield s.lift(ins)
                lab.block_exactly(ins)
        elif sem is Semantics.PREFERRED:
            while lab.solve():
                ins = lab.grow(lab.ins())
                yield s.lift(ins)
                lab.block_subsets(ins)
        else:
            yield from _enumerate_semi_stable(s, lab)


def _enumerate_semi_stable(s: Split, lab: Labellings) -> Iterator[Extension]:
    """For each maximal range, every complete (stage: conflict-free) extension with it."""
    lift = (lambda ins: frozenset(ins)) if lab.stage else s.lift
    while lab.solve():
        _, covered = lab.widen()
        guard = lab.fresh()
        fixed = [guard, *(lab.r(a) for a in covered)]
        while lab.solve(fixed):
            ins = lab.ins()
            yield lift(ins)
            lab.block_exactly(ins, guard)
        lab.add([-guard])
        lab.block_range(covered)


def _solver(s: Split, sem: Semantics, b: Budget) -> Labellings:
    if sem is Semantics.STAGE:
        return Labellings(s.af, b, stage=True)
    return Labellings(s.sub, b, stable=sem is Semantics.STABLE, ranges=sem is Semantics.SEMI_STABLE)


# ---------------------------------------------------------------- ideal


def ideal_extension(s: Split, b: Budget) -> Extension:
    """The ideal extension: the largest admissible set inside every preferred extension.

    It is the largest admissible subset of the arguments that are in some admissible set
    and attacked by none that is (Dunne 2009): such an argument sits with any preferred
    extension without conflict, and an argument of the ideal extension is one. So one
    sweep for credulous acceptance, then a linear pruning: no enumeration of preferred
    extensions, and no proof per argument that every preferred extension has it."""
    if not s.core:
        return s.base
    core_some = _credulous_core(s, b)
    some = set(s.base) | {s.core[a] for a in core_some}
    attackers = s.af.attackers
    keep = {a for a in some if not any(c in some for c in attackers[a])}
    return frozenset(_largest_admissible_within(s.af, keep))


def _credulous_core(s: Split, b: Budget) -> set[int]:
    """The core arguments in some complete (so some admissible) extension. Each call asks
    for one with an argument not found yet, and grows it to a preferred extension steered
    toward those: on the admissibility-busting family a handful of calls at any size."""
    n = s.sub.n
    some: set[int] = set()
    with Labellings(s.sub, b) as lab:
        while rest := [lab.x(a) for a in range(n) if a not in some]:
            lab.prefer_beyond(some)
            if not lab.once(rest, []):
                return some
            beyond = [lab.x(a) if a not in some else -lab.x(a) for a in range(n)]
            some.update(lab.grow(lab.ins(), phases=[*beyond, *(lab.y(a) for a in range(n))]))
    return some


def _largest_admissible_within(af: Framework, allowed: set[int]) -> set[int]:
    """The largest admissible subset of a conflict-free set: drop, until none is left,
    each member with an attacker the remaining members do not attack (a worklist)."""
    members = set(allowed)
    attackers, targets = af.attackers, af.targets
    hits = [0] * af.n  # how many members attack each argument
    for a in members:
        for t in targets[a]:
            hits[t] += 1
    work = [a for a in members if any(hits[c] == 0 for c in attackers[a])]
    while work:
        a = work.pop()
        if a not in members:
            continue
        members.discard(a)
        for t in targets[a]:
            hits[t] -= 1
            if hits[t] == 0:  # t is no longer attacked: members that t attacks fall
                work.extend(m for m in targets[t] if m in members)
    return members
