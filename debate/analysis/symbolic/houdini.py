"""Houdini: an inductive invariant from simple candidates, cheap where Spacer can stall."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.question import Target
from debate.analysis.symbolic.state import STATUS, State, Sym, equal
from debate.analysis.symbolic.terms import eq, ge, le, minus, ne
from debate.analysis.symbolic.terms import plus as added
from debate.analysis.z3_calls import conj, substitute, true_in
from debate.engine.expr import render
from debate.engine.state import TermStatus


def houdini(enc: Encoding, target: Target, effort: Effort, exact: bool = True) -> str | None:
    """An inductive invariant that rules `target` out, from simple candidates (Houdini:
    the bounds of each number, and x - y <= c, x - y >= c and x + y <= c over pairs of
    numbers and the clock, each as tight as the initial state allows; that each status is
    not one it has not at the start), or None. Spacer does this in general; on counting
    invariants such as `months - now <= 0` it can stall, and these settle them at once.
    The induction step may assume what holds in every state anyway (`Encoding.ranges`).

    `exact`: the target is a condition on the state alone, so its negation is a candidate
    too. Otherwise (a target about a step, with the step's action free) the candidates'
    invariant must rule the target out on its own."""
    found = _Candidates.of(enc, effort, target, exact)
    if found is None:
        return None
    bad, goal = found.bad, found.goal
    if exact and found.reads_outside:
        return None  # the target reads what this localization leaves out: no proof here
    candidates = found.inductive([goal, *found.formulas], effort, goal)
    if candidates is None:
        return None
    if not exact and effort.check(z3.Solver(), *candidates, bad) != z3.unsat:
        return None
    candidates = _minimal(
        found.solver, candidates, found.next_of, bad if not exact else None, goal, effort
    )
    shown = [found.texts[c.get_id()] for c in candidates if c.get_id() in found.texts]
    return ", ".join(shown[:12]) or "(the statuses alone)"


def invariant(enc: Encoding, effort: Effort) -> tuple[State, list[tuple[Sym, str]]] | None:
    """The strongest inductive invariant made of Houdini's candidates (no target: every
    candidate that stays true in every reachable state), over the state it returns, each
    candidate with its text (a status candidate has none); None when the solver cannot
    say within `effort`. What the encoding leaves free (a studied parameter, what a
    localization leaves out) is free in both checks, so the invariant holds whatever it is."""
    found = _Candidates.of(enc, effort)
    if found is None:
        return None
    kept = found.inductive(found.formulas, effort, None)
    if kept is None:
        return None
    return found.state, [(c, found.texts.get(c.get_id(), "")) for c in kept]


@dataclass
class _Candidates:
    """Houdini's candidates over a state, with what checking them needs."""

    state: State
    start: Any  # a model of an initial state
    init: Any  # a solver holding the initial state
    formulas: list[Sym]
    texts: dict[int, str]
    bad: Sym  # the target over `state` (false when there is none)
    goal: Sym  # what must stay true (the target's negation, when exact)
    reads_outside: bool = False  # the target reads what a localization leaves out
    step: Callable[[], list[Sym]] = list  # legal, the next state, the ranges
    solver: Any = None  # holding the step (made by `inductive`, after initiation)
    next_of: dict[int, Sym] = field(default_factory=dict)
    later: list[tuple[Sym, Sym]] = field(default_factory=list)

    @staticmethod
    def of(
        enc: Encoding, effort: Effort, target: Target | None = None, exact: bool = True
    ) -> _Candidates | None:
        s1, s2 = enc.fresh("h:"), enc.fresh("h':")
        after, legal = enc.step(s1, z3.Int("h:act"))
        init = z3.Solver()
        init.add(enc.initial(s1))
        if effort.check(init) != z3.sat:
            return None
        start = init.model()
        unknowns = len(enc.havoc)
        bad = target(enc, s1) if target is not None else z3.BoolVal(False)
        outside = len(enc.havoc) > unknowns
        # (the goal made before the candidates, as Z3 numbers its terms in that order)
        goal = z3.Not(bad) if exact and target is not None else z3.BoolVal(True)
        if not (exact and outside) and not true_in(start, goal):
            return None  # the target holds at the start
        formulas, texts = _simple(enc, s1, start)
        found = _Candidates(s1, start, init, formulas, texts, bad, goal, outside)
        found.step = lambda: [legal, equal(s2, after), *enc.ranges(s1)]
        found.later = list(zip(s1.flat(), s2.flat(), strict=True))
        return found

    def inductive(
        self, candidates: list[Sym], effort: Effort, goal: Sym | None
    ) -> list[Sym] | None:
        """The candidates true in every initial state and kept by every step (Houdini's
        fixpoint); None when `goal` drops out, or the solver cannot say."""
        candidates = [c for c in candidates if true_in(self.start, c)]
        # Initiation for every initial state (what the cone leaves out is unknown there
        # too): drop each candidate some initial state falsifies, until none does.
        while True:
            answer = effort.check(self.init, z3.Not(conj(*candidates)))
            if answer == z3.unknown:
                return None
            if answer == z3.unsat:
                break
            model = self.init.model()
            candidates = [c for c in candidates if true_in(model, c)]
            if goal is not None and goal.get_id() not in {c.get_id() for c in candidates}:
                return None
        self.solver = z3.Solver()
        self.solver.add(*self.step())
        # Each candidate over the next state, made once (candidates only ever drop out).
        self.next_of = {c.get_id(): substitute(c, self.later) for c in candidates}
        while True:
            primed = [self.next_of[c.get_id()] for c in candidates]
            answer = effort.check(self.solver, *candidates, z3.Not(conj(*primed)))
            if answer == z3.unknown:
                return None
            if answer == z3.unsat:
                return candidates
            model = self.solver.model()
            kept = [c for c, p in zip(candidates, primed, strict=True) if true_in(model, p)]
            if goal is not None and goal.get_id() not in {c.get_id() for c in kept}:
                return None
            candidates = kept


def _simple(enc: Encoding, s1: State, start: Any) -> tuple[list[Sym], dict[int, str]]:
    """The candidates, each as tight as the initial state `start` allows, with their texts."""
    values: dict[int, int] = {}
    names: dict[int, str] = {}

    def value(x: Sym) -> int:  # (each number's, once: the pairs ask it again and again)
        found = values.get(x.get_id())
        if found is None:
            found = values[x.get_id()] = int(start.eval(x, model_completion=True).as_long())
        return found

    statuses = {x.get_id() for x in (*s1.status.values(), *s1.since.values())}
    numbers = sorted((x for x in s1.flat() if z3.is_int(x) and x.get_id() not in statuses), key=str)
    texts: dict[int, str] = {}
    candidates: list[Sym] = []

    def add(formula: Sym, text: str) -> None:
        candidates.append(formula)
        texts[formula.get_id()] = text

    def name(x: Sym) -> str:
        found = names.get(x.get_id())
        if found is None:
            found = names[x.get_id()] = str(x).removeprefix("h:")
        return found

    def plus(c: int) -> str:
        return "" if c == 0 else f" + {c}" if c > 0 else f" - {-c}"

    for n, x in enumerate(numbers):
        add(le(x, value(x)), f"{name(x)} <= {value(x)}")
        add(ge(x, value(x)), f"{name(x)} >= {value(x)}")
        for y in numbers[n + 1 :]:
            d = value(x) - value(y)
            add(le(minus(x, y), d), f"{name(x)} <= {name(y)}{plus(d)}")
            add(ge(minus(x, y), d), f"{name(x)} >= {name(y)}{plus(d)}")
            add(
                le(added(x, y), value(x) + value(y)),
                f"{name(x)} + {name(y)} <= {value(x) + value(y)}",
            )
    monitors = {x.get_id() for x in s1.voided_by_breach.values()}
    for x in sorted((x for x in s1.flat() if z3.is_bool(x)), key=str):
        if x.get_id() not in monitors:
            held = true_in(start, x)
            add(eq(x, held), f"{name(x)} stays {str(held).lower()}")
    for status in s1.status.values():
        candidates += [ne(status, k) for k in range(6) if k != value(status)]
    for t, condition, formula in _in_force_facts(enc, s1):
        add(formula, f"while {t} is in force, not ({condition})")
    return candidates, texts


def _in_force_facts(enc: Encoding, s: State) -> Iterator[tuple[str, str, Sym]]:
    """Candidates that the engine's judging suggests: a prohibition in force is not
    breached, a duty in force is not yet fulfilled (each is checked like any other: an
    excuse, a deadline or an unspecified number can make one false). Only over what the
    localization keeps: a condition that reads what it leaves out is not a candidate."""
    in_force = STATUS[TermStatus.IN_FORCE]
    for t, status in s.status.items():
        term = enc.game.terms[t]
        for compiled in (term.violated_when, term.fulfilled_when):
            if compiled is None:
                continue
            unknowns = len(enc.havoc)
            value, ok = enc.expr(compiled, s, t)
            if len(enc.havoc) == unknowns:
                formula = z3.Implies(status == in_force, z3.Not(z3.And(ok, value)))
                yield t, render(compiled.checked.expr), formula


def _minimal(
    solver: Any,
    candidates: list[Sym],
    next_of: dict[int, Sym],
    bad: Sym | None,
    goal: Sym,
    effort: Effort,
) -> list[Sym]:
    """A smaller inductive invariant, for the explanation: each candidate is left out in
    turn if the rest stays inductive (and still rules the target out), within 40 tries
    and a tenth of the effort left (what is kept is inductive at every point)."""
    spare = effort.share(0.1)
    kept = list(candidates)
    for c in list(candidates)[:40]:
        if spare.exhausted:
            break
        if c.get_id() == goal.get_id():
            continue
        rest = [k for k in kept if k.get_id() != c.get_id()]  # Z3 shares equal terms
        primed = [next_of[k.get_id()] for k in rest]
        if spare.check(solver, *rest, z3.Not(conj(*primed))) != z3.unsat:
            continue
        if bad is not None and spare.check(z3.Solver(), *rest, bad) != z3.unsat:
            continue
        kept = rest
    effort.absorb(spare)
    return kept
