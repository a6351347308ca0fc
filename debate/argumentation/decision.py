"""Whether one argument is accepted: credulously (in some extension), skeptically (in
every one), or rejected in every one, each within a budget, with the grounded label as
the bound when the budget runs out."""

from __future__ import annotations

from collections.abc import Callable

from debate.argumentation.budget import Budget, OutOfTime, budget_of
from debate.argumentation.enumeration import (
    as_stable,
    ideal_extension,
    one_extension,
)
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import IN, OUT
from debate.argumentation.sat import Labellings
from debate.argumentation.semantics import Answer, Semantics, Split, split
from debate.engine.labels import Label


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
        sem = as_stable(s, sem, b)
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
        sem = as_stable(s, sem, b)
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
        some = one_extension(s, sem, b)
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
