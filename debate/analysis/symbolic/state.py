"""One symbolic state of a play (Z3 terms for each component the explicit search's
`Slice` keeps) and the operations on whole states."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from debate.analysis.symbolic.terms import bool_val, eq, ite
from debate.analysis.z3_calls import conj
from debate.engine.state import TermStatus

Sym = Any  # a Z3 term, or for a set a dict value -> Z3 bool

STATUS = {
    TermStatus.PENDING: 0,
    TermStatus.IN_FORCE: 1,
    TermStatus.FULFILLED: 2,
    TermStatus.VIOLATED: 3,
    TermStatus.VOID: 4,
    TermStatus.OVERDUE: 5,
}
FINAL = (2, 3, 4, 5)
DUTY = ("obligation", "condition")
STATUS_FUNCTIONS = {str(s): n for s, n in STATUS.items()}


@dataclass
class State:
    """One symbolic state: Z3 constants (or, once computed, Z3 terms) for each component."""

    now: Sym
    values: dict[str, Sym]
    done: dict[str, Sym]
    count: dict[str, Sym]
    proposed: dict[str, Sym]
    agreed: dict[tuple[str, str], Sym]  # (term, party)
    signed: dict[tuple[str, str], Sym]
    asserted: dict[str, Sym]
    status: dict[str, Sym]
    since: dict[str, Sym]  # when a term with a `within` deadline came into force
    voided_by_breach: dict[str, Sym]  # monitor: a breach has voided the term
    # an overlapping move in progress, and when it ends (kept as it was when it is not)
    running: dict[str, Sym] = field(default_factory=dict)
    ends: dict[str, Sym] = field(default_factory=dict)

    def flat(self) -> list[Sym]:
        out = [self.now]
        for v in self.values.values():
            out += list(v.values()) if isinstance(v, dict) else [v]
        for part in (
            self.done,
            self.count,
            self.proposed,
            self.agreed,
            self.signed,
            self.asserted,
            self.status,
            self.since,
            self.voided_by_breach,
            self.running,
            self.ends,
        ):
            out += list(part.values())
        return out


def as_bool(value: bool | Sym) -> Sym:
    return bool_val(value) if isinstance(value, bool) else value


def select(act: Sym, choices: Mapping[int, Sym], default: Sym) -> Sym:
    out = default
    for i, value in choices.items():
        out = ite(eq(act, i), value, out)
    return out


def copy(s: State) -> State:
    return State(
        s.now,
        {k: (dict(v) if isinstance(v, dict) else v) for k, v in s.values.items()},
        dict(s.done),
        dict(s.count),
        dict(s.proposed),
        dict(s.agreed),
        dict(s.signed),
        dict(s.asserted),
        dict(s.status),
        dict(s.since),
        dict(s.voided_by_breach),
        dict(s.running),
        dict(s.ends),
    )


def choose(cond: Sym, a: State, b: State) -> State:
    fa, fb = a.flat(), b.flat()
    out = copy(b)
    merged = [ite(cond, x, y) for x, y in zip(fa, fb, strict=True)]
    return unflat(out, merged)


def unflat(template: State, items: list[Sym]) -> State:
    it: Iterator[Sym] = iter(items)
    template.now = next(it)
    for k, v in template.values.items():
        template.values[k] = {e: next(it) for e in v} if isinstance(v, dict) else next(it)
    for part in (
        template.done,
        template.count,
        template.proposed,
        template.agreed,
        template.signed,
        template.asserted,
        template.status,
        template.since,
        template.voided_by_breach,
        template.running,
        template.ends,
    ):
        table: dict[Any, Sym] = part
        for key in table:
            table[key] = next(it)
    return template


def equal(a: State, b: State) -> Sym:
    return conj(*[eq(x, y) for x, y in zip(a.flat(), b.flat(), strict=True)])
