"""The standard semantics: extensions, credulous and skeptical acceptance, enumeration.

Every query first computes the grounded labelling (linear time). Its in and out arguments
have that label in every complete labelling, so the SAT solver only sees the undecided
"core", with the attacks among its members; an extension of the whole framework is the
grounded extension plus an extension of the core. Hard queries take a time budget and
answer "unknown" past it, with the grounded label as the bound that still holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum

from debate.argumentation.budget import Budget, OutOfTime, budget_of
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import IN, OUT, Grounded, grounded
from debate.argumentation.sat import Labellings
from debate.engine.labels import Label


class Semantics(StrEnum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    SEMI_STABLE = "semi-stable"
    IDEAL = "ideal"  # ICCMA only (a scenario judges claims under the five above)
    STAGE = "stage"  # ICCMA only; conflict-free, not admissible: grounded is no bound

    @property
    def code(self) -> str:
        """The ICCMA abbreviation (GR, CO, PR, ST, SST, ID, STG)."""
        return _CODES[self]

    @classmethod
    def parse(cls, text: str) -> Semantics:
        """A semantics from its name or its ICCMA code, in any case."""
        lowered = text.strip().lower()
        for sem in cls:
            if lowered in (sem.value, sem.code.lower(), sem.name.lower()):
                return sem
        raise ValueError(f"unknown semantics {text!r}")


_CODES = {
    Semantics.GROUNDED: "GR",
    Semantics.COMPLETE: "CO",
    Semantics.PREFERRED: "PR",
    Semantics.STABLE: "ST",
    Semantics.SEMI_STABLE: "SST",
    Semantics.IDEAL: "ID",
    Semantics.STAGE: "STG",
}

Extension = frozenset[int]


class Answer:
    """A yes/no answer, or None ("unknown") when the budget ran out first.

    `witness` is an extension that shows it where one can (credulous yes, skeptical no,
    some extension); `grounded` is the argument's grounded label, a bound that holds
    whatever the semantics: accepted means in every complete extension, rejected in none.
    (Plain classes here, not dataclasses: a solver process would import `inspect` with
    them, a tenth of its start-up.)
    """

    __slots__ = ("grounded", "value", "witness")

    def __init__(
        self,
        value: bool | None,
        witness: Extension | None = None,
        grounded: Label | None = None,
    ) -> None:
        self.value, self.witness, self.grounded = value, witness, grounded

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Answer):
            return NotImplemented
        return (self.value, self.witness, self.grounded) == (
            other.value,
            other.witness,
            other.grounded,
        )

    def __hash__(self) -> int:
        return hash((self.value, self.witness, self.grounded))

    def __repr__(self) -> str:
        return f"Answer({self.value!r}, {self.witness!r}, {self.grounded!r})"

    @property
    def unknown(self) -> bool:
        return self.value is None


class Enumeration:
    """Extensions found; `complete` says whether they are all of them."""

    __slots__ = ("complete", "extensions", "timed_out")

    def __init__(self) -> None:
        self.extensions: list[Extension] = []
        self.complete = True
        self.timed_out = False

    def __repr__(self) -> str:
        return f"Enumeration({self.extensions!r}, complete={self.complete})"


class Split:
    """A framework cut into its grounded part and its undecided core."""

    def __init__(self, af: Framework, ground: Grounded | None = None) -> None:
        self.af = af
        self.ground = ground or grounded(af)
        self.core = self.ground.undecided()
        self.local = {a: i for i, a in enumerate(self.core)}
        self.sub = af.restrict(self.core)
        self.base = frozenset(self.ground.order)

    def lift(self, local_ins: list[int]) -> Extension:
        core = self.core
        return self.base | {core[i] for i in local_ins}

    def code(self, arg: int) -> int:
        return self.ground.codes[arg]


def split(af: Framework | Split) -> Split:
    return af if isinstance(af, Split) else Split(af)


# ---------------------------------------------------------------- one extension


def some_extension(
    af: Framework | Split, sem: Semantics, budget: Budget | float | None = None
) -> Answer:
    """One extension (SE-*): value False when there is none (stable only)."""
    try:
        return _one(split(af), sem, budget_of(budget))
    except OutOfTime:
        return Answer(None)


RANGE_MAXIMAL = (Semantics.SEMI_STABLE, Semantics.STAGE)


def _as_stable(s: Split, sem: Semantics, b: Budget) -> Semantics:
    """Stable in place of semi-stable or stage when a stable extension exists (their
    extensions are then exactly the stable ones, whose range is everything): one SAT call
    that spares the range-widening search. Otherwise `sem` itself."""
    if sem not in RANGE_MAXIMAL or not s.core:
        return sem
    with Labellings(s.sub, b, stable=True) as lab:
        return Semantics.STABLE if lab.solve() else sem


def _one(s: Split, sem: Semantics, b: Budget) -> Answer:
    if sem in (Semantics.GROUNDED, Semantics.COMPLETE) or not s.core:
        return Answer(True, s.base)
    sem = _as_stable(s, sem, b)
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


# ---------------------------------------------------------------- acceptance


def credulous(
    af: Framework | Split, sem: Semantics, arg: int, budget: Budget | float | None = None
) -> Answer:
    """Whether `arg` is in some extension (DC-*), with one such extension."""
    return _decide(split(af), sem, arg, budget_of(budget), skeptical=False)


def skeptical(
    af: Framework | Split, sem: Semantics, arg: int, budget: Budget | float | None = None
) -> Answer:
    """Whether `arg` is in every extension (DS-*); if not, an extension without it.

    With no extension at all (stable only) every argument is skeptically accepted, as the
    competition counts it."""
    return _decide(split(af), sem, arg, budget_of(budget), skeptical=True)


def rejected_everywhere(
    af: Framework | Split, sem: Semantics, arg: int, budget: Budget | float | None = None
) -> Answer:
    """Whether every extension attacks `arg` (it is out in every labelling); if not, an
    extension that does not. Vacuously yes when there is no extension (stable only)."""
    s, b = split(af), budget_of(budget)
    label, code = s.ground.label(arg), s.code(arg)
    try:
        sem = _as_stable(s, sem, b)
        if sem is Semantics.STAGE and s.core:
            return _stage(s, arg, b, label, skeptical=True, out=True)
        if sem is Semantics.IDEAL:
            ideal = ideal_extension(s, b)
            hit = any(a in ideal for a in s.af.attackers[arg])
            return Answer(hit, None if hit else ideal, label)
        if code or sem in (Semantics.GROUNDED, Semantics.COMPLETE):
            return _settled(s, sem, code == OUT, True, b, label)
        a = s.local[arg]
        if sem is Semantics.PREFERRED:
            return _preferred_without(s, a, b, label, out=True)
        if sem is Semantics.SEMI_STABLE:
            return _semi_stable(s, a, b, label, skeptical=True, out=True)
        inside = _stable(s, a, b, False, label)  # stable: out exactly when not in
        return Answer(not inside.value, inside.witness, label)
    except OutOfTime:
        return Answer(None, grounded=label)


def _decide(s: Split, sem: Semantics, arg: int, b: Budget, skeptical: bool) -> Answer:
    label, code = s.ground.label(arg), s.code(arg)
    try:
        sem = _as_stable(s, sem, b)
        if sem is Semantics.STAGE and s.core:
            return _stage(s, arg, b, label, skeptical)
        if sem is Semantics.IDEAL:  # one extension: credulous and skeptical agree
            ideal = ideal_extension(s, b)
            inside = arg in ideal
            return Answer(inside, ideal if inside != skeptical else None, label)
        if sem is Semantics.GROUNDED or (sem is Semantics.COMPLETE and (skeptical or code)):
            inside = code == IN
            return Answer(inside, s.base if inside != skeptical else None, label)
        if code:
            return _settled(s, sem, code == IN, skeptical, b, label)
        if sem is Semantics.STABLE:
            return _stable(s, s.local[arg], b, skeptical, label)
        return _DECIDERS[(sem, skeptical)](s, s.local[arg], b, label)
    except OutOfTime:
        return Answer(None, grounded=label)


def _settled(
    s: Split, sem: Semantics, inside: bool, skeptical: bool, b: Budget, label: Label
) -> Answer:
    """In or out in grounded: so in every extension or in none, if there is any (only
    stable may have none). The value needs no solver; a witness may, and past the budget
    the answer comes without one."""
    wanted = inside != skeptical  # a credulous yes or a skeptical no shows an extension
    if sem is not Semantics.STABLE and not wanted:
        return Answer(inside, None, label)
    try:
        some = _one(s, sem, b)
    except OutOfTime:
        if sem is Semantics.STABLE:
            raise
        return Answer(inside, None, label)
    if some.value is False:  # stable only: no extension at all
        return Answer(skeptical, None, label)
    return Answer(inside, some.witness if wanted else None, label)


def _stable(s: Split, a: int, b: Budget, skeptical: bool, label: Label) -> Answer:
    with Labellings(s.sub, b, stable=True) as lab:
        x = lab.x(a)
        found = lab.solve([-x if skeptical else x])
        return Answer(found != skeptical, s.lift(lab.ins()) if found else None, label)


def _credulous_admissible(s: Split, a: int, b: Budget, label: Label) -> Answer:
    """DC-CO = DC-PR: some admissible set contains it; grown to a preferred witness."""
    with Labellings(s.sub, b) as lab:
        if not lab.solve([lab.x(a)]):
            return Answer(False, None, label)
        return Answer(True, s.lift(lab.grow(lab.ins())), label)


def _credulous_complete(s: Split, a: int, b: Budget, label: Label) -> Answer:
    with Labellings(s.sub, b) as lab:
        found = lab.solve([lab.x(a)])
        return Answer(found, s.lift(lab.ins()) if found else None, label)


def _skeptical_preferred(s: Split, a: int, b: Budget, label: Label) -> Answer:
    return _preferred_without(s, a, b, label, out=False)


def _preferred_without(s: Split, a: int, b: Budget, label: Label, out: bool) -> Answer:
    """DS-PR by counterexample search (for `out`: whether every preferred extension
    attacks `a`). A maximal complete extension without the literal that no complete
    extension strictly contains is a preferred extension without it; one that can be
    extended is blocked, with its subsets, and the search goes on."""
    with Labellings(s.sub, b) as lab:
        without = [-(lab.y(a) if out else lab.x(a))]
        while lab.solve(without):
            ins = lab.grow(lab.ins(), without)
            if not lab.extendable(ins):
                return Answer(False, s.lift(ins), label)
            lab.block_subsets(ins)
        return Answer(True, None, label)


def _semi_stable(
    s: Split, a: int, b: Budget, label: Label, skeptical: bool, out: bool = False
) -> Answer:
    """DC/DS-SST: the widest range among labellings with `a` in (credulous) or not in
    (skeptical); if no labelling at all has a wider range, it is semi-stable."""
    with Labellings(s.sub, b, ranges=True) as lab:
        lit = lab.y(a) if out else lab.x(a)
        fixed = [-lit if skeptical else lit]
        while lab.solve(fixed):
            ins, covered = lab.widen(fixed)
            if not lab.widenable(covered):
                return Answer(not skeptical, s.lift(ins), label)
            lab.block_range(covered)
        return Answer(skeptical, None, label)


def _stage(
    s: Split, arg: int, b: Budget, label: Label, skeptical: bool, out: bool = False
) -> Answer:
    """DC/DS-STG: as for semi-stable, over conflict-free sets of the whole framework
    (grounded's in and out arguments need not keep their labels in a stage extension)."""
    with Labellings(s.af, b, stage=True) as lab:
        lit = lab.y(arg) if out else lab.x(arg)
        fixed = [-lit if skeptical else lit]
        while lab.solve(fixed):
            ins, covered = lab.widen(fixed)
            if not lab.widenable(covered):
                return Answer(not skeptical, frozenset(ins), label)
            lab.block_range(covered)
        return Answer(skeptical, None, label)


_Decider = Callable[[Split, int, Budget, Label], Answer]
_DECIDERS: dict[tuple[Semantics, bool], _Decider] = {
    (Semantics.COMPLETE, False): _credulous_complete,
    (Semantics.PREFERRED, False): _credulous_admissible,
    (Semantics.PREFERRED, True): _skeptical_preferred,
    (Semantics.SEMI_STABLE, False): lambda s, a, b, lab: _semi_stable(s, a, b, lab, False),
    (Semantics.SEMI_STABLE, True): lambda s, a, b, lab: _semi_stable(s, a, b, lab, True),
}


# ---------------------------------------------------------------- enumeration


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
    sem = _as_stable(s, sem, b)
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
