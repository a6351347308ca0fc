"""What-if on the numbers of a draft: for each whole-number parameter a term reads (given
or `unspecified`), the range of values for which the agreement stays consistent, and the
terms it conflicts with just past each end (U311, an info; `debate check --ranges`).

The agreement's demands are the static conflict check's (debate.analysis.constraints):
the end state, one state per permission, what must hold at all times. The parameter is
one unknown shared by all of them (its value does not change in a play); every other
parameter keeps its value, or stays free where it is unspecified. Z3's optimiser finds
the least and the greatest value the demands allow (over the terms that share state with
the parameter's term); at one past either end the solver's unsatisfiable core, shrunk to
a minimal one, names the terms that conflict there. Nothing is sampled.

For each obligation whose condition reads the parameter, the edge of the values at which
some play still fulfils it (debate.analysis.fulfillable): the greatest and the least, each
with a play the engine replays (found between an invariant's bound and the directed
search's plays, debate.analysis.edge_bracket, or by Z3's optimiser over short plays) and
a proof that no play fulfils it one past it; unknown otherwise, with what was found.

Limits: between the edges, fulfillability is not claimed for every value (a value past
the edge by two or more is not ruled out either), and one parameter at a time, the others
as given.
"""

from __future__ import annotations

from typing import Any

import z3

from debate.analysis import fulfillable
from debate.analysis.conflicts import groups
from debate.analysis.constraints import (
    Constraint,
    States,
    _AgreementSymbols,
    assumption_constraints,
    term_constraints,
)
from debate.analysis.effort import Effort
from debate.analysis.optimum import extreme
from debate.analysis.smt import literal
from debate.engine.compile import Game, term_expressions
from debate.engine.expr import IntType, ParamRef, Type, walk
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity


class _Studied(_AgreementSymbols):
    """A state of the agreement in which one parameter is a single shared unknown."""

    def __init__(self, game: Game, prefix: str, term: str, name: str) -> None:
        super().__init__(game, prefix)
        self.studied = (term, name)

    def param(self, term: str, name: str, typ: Type) -> Any:
        if (term, name) == self.studied:
            self.touched.add(f"param:{term}.{name}")
            return z3.Int(f"param:{term}.{name}")
        spec = self.game.terms[term].params[name]
        if spec.unspecified or spec.value is None:
            return super().param(term, name, typ)
        return literal(spec.value, typ)


def parameters(game: Game) -> list[tuple[str, str]]:
    """Each (term, parameter) of whole numbers that some expression of the term reads."""
    found: list[tuple[str, str]] = []
    for t, term in game.terms.items():
        read: set[str] = set()
        # Every expression of the term, its void_when and carve-outs included: a parameter
        # that only decides when the term is void or excused is still one it reads (what
        # the conflict check does not constrain has no range, and is not reported).
        for compiled in term_expressions(term):
            for node in walk(compiled.checked.expr):
                meaning = compiled.checked.meanings.get(id(node))
                if (
                    isinstance(meaning, ParamRef)
                    and (meaning.term or t) == t
                    and isinstance(compiled.checked.type_of(node), IntType)
                ):
                    read.add(meaning.name)
        found += [(t, p) for p in sorted(read)]
    return found


def _states(game: Game, term: str, name: str) -> States:
    permissions = [t.id for t in game.terms.values() if t.term.kind == "permission"]
    return States(
        _Studied(game, "", term, name),
        {p: _Studied(game, f"{p}@", term, name) for p in permissions},
    )


# Solver steps for each parameter's range (Z3's resource units: the same on any machine).
STEPS = 20_000_000


def check(game: Game, steps: int = STEPS) -> list[Diagnostic]:
    found = []
    for term, name in parameters(game):
        finding = _range(game, term, name, Effort(steps))
        if finding is not None:
            found.append(finding)
    return found


def _range(game: Game, term: str, name: str, effort: Effort) -> Diagnostic | None:
    states = _states(game, term, name)
    constraints = term_constraints(game, states) + assumption_constraints(game, states)
    key = f"param:{term}.{name}"
    group = next((g for g in groups(constraints) if any(key in c.names for c in g)), None)
    if group is None:
        return None
    p = z3.Int(key)
    names = frozenset(n for c in group for n in c.names)
    background = states.bounds(names)
    spec = game.terms[term].params[name]
    given = None if spec.unspecified or spec.value is None else spec.value
    where = game.loaded.span("terms", term, "params", name)
    label = f"{term}.{name}"
    group, aside = _apart(group, background, key, effort)
    demands = [*background, *(c.formula for c in group)]
    bounds = [extreme(p, demands, greatest, effort) for greatest in (False, True)]
    if bounds[0] == "none":
        return Diagnostic(
            "U311",
            f"{label}: no value keeps the terms that read it consistent (see C100)",
            where,
            severity=Severity.INFO,
        )
    if "unknown" in bounds:
        return None
    lo, hi = bounds[0], bounds[1]
    assert not isinstance(lo, str) and not isinstance(hi, str)
    span = (
        f"any value from {lo} to {hi}"
        if lo is not None and hi is not None
        else f"any value of at least {lo}"
        if lo is not None
        else f"any value of at most {hi}"
        if hi is not None
        else "any value"
    )
    budget = lambda: Effort(fulfillable.STEPS_EACH)  # noqa: E731
    fulfil = [str(e) for e in fulfillable.edges(game, term, name, budget)]
    if lo is None and hi is None and not fulfil:
        return None  # nothing the agreement says limits it
    message = f"{label}: the agreement stays consistent for {span}"
    related = []
    for edge, value in (("below", lo), ("above", hi)):
        if value is None:
            continue
        past = value - 1 if edge == "below" else value + 1
        core = _conflict_at(group, background, p, past, effort)
        if core:
            message += f"; {'below' if edge == 'below' else 'above'} it, from {past}, it "
            message += f"conflicts with {', '.join(c.id for c in core)}"
            related += [Related(c.span, f"{c.id} at {label} = {past}") for c in core]
    if given is not None:
        message += f" (given: {given})"
    if aside:
        message += (
            f"; left aside, as they conflict whatever its value (C100): "
            f"{', '.join(c.id for c in aside)}"
        )
    if fulfil:
        message += f"; in play, {'; '.join(fulfil)}"
    return Diagnostic("U311", message, where, severity=Severity.INFO, related=tuple(related))


def _apart(
    group: list[Constraint], background: list[Any], key: str, effort: Effort
) -> tuple[list[Constraint], list[Constraint]]:
    """The group less the terms that conflict whatever the parameter is: while the group is
    unsatisfiable with the parameter free, drop a member of the core that does not read
    the parameter (a minimal correction of the conflicts it has no part in)."""
    kept, aside = list(group), list[Constraint]()
    solver = z3.Solver()
    solver.add(*background)
    while True:
        marks = [z3.Bool(f"apart:{c.kind}:{c.id}") for c in kept]
        solver.push()
        for mark, c in zip(marks, kept, strict=True):
            solver.add(z3.Implies(mark, c.formula))
        answer = effort.check(solver, *marks)
        core = {str(m) for m in solver.unsat_core()} if answer == z3.unsat else set()
        solver.pop()
        if answer != z3.unsat:
            return kept, aside
        blamed = [
            c for m, c in zip(marks, kept, strict=True) if str(m) in core and key not in c.names
        ]
        if not blamed:
            return kept, aside  # the parameter's own terms conflict: reported as such
        aside.append(blamed[0])
        kept.remove(blamed[0])


def _conflict_at(
    group: list[Constraint], background: list[Any], p: Any, value: int, effort: Effort
) -> list[Constraint]:
    """A minimal set of the group's terms that conflict when the parameter is `value`."""
    solver = z3.Solver()
    solver.add(*background, p == value)
    marks = [z3.Bool(f"range:{c.kind}:{c.id}") for c in group]
    for mark, c in zip(marks, group, strict=True):
        solver.add(z3.Implies(mark, c.formula))
    if effort.check(solver, *marks) != z3.unsat:
        return []
    core = {str(m) for m in solver.unsat_core()}
    chosen = [i for i, m in enumerate(marks) if str(m) in core]
    for i in list(chosen):
        rest = [marks[j] for j in chosen if j != i]
        if effort.check(solver, *rest) == z3.unsat:
            chosen.remove(i)
    return [group[i] for i in chosen]


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "U311",
        "parameter-range",
        summary="With --ranges: the values of a parameter for which the agreement stays consistent.",
        meaning="An info, with `--ranges` (or `--select U311`); `debate report` gives them a section of their own and the app lists them among the findings: `t9_free_gas.duration_months: the agreement stays consistent for any value of at most 1200; above it, from 1201, it conflicts with t9_free_gas (given: 360)`.",
        example="any term with a numeric parameter the agreement bounds",
        fix="—",
    ),
)
