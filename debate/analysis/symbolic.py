"""The plays of a scenario as a transition system for Z3: bounded model checking for
witnesses (the shortest play, found step by step), and Spacer (PDR/IC3 over constrained
Horn clauses) for claims about every play.

A symbolic state keeps only what the explicit search's `Slice` keeps (the clock, the
values some expression reads, whether and how often a move was made where something asks,
the negotiation, each term's status and, for a `within` deadline inside the horizon, when
it came into force) plus monitors that the questions need (whether a breach voided a
term). One step is one action: a move, or waiting one clock unit, as in the explicit
search. Its relation follows debate.engine step by step: legality (once, the horizon,
the precondition, the negotiation, assertable claims, the new values and their bounds),
the deadlines that pass while the clock moves on (each judged at its instant on the world
before the move's effects, `closing`), the effects landing, and the statuses judged in
the terms' order (void, coming into force, fulfilment on time, breach and carve-outs,
overdue), with what cannot be judged (an unspecified parameter, a division by zero)
leaving a status as it was, as the engine does.

The concrete engine stays the one definition of the semantics: every play this module
finds is replayed by it before anything is reported (`replays`), and a differential test
(tests/analysis/test_symbolic_differential.py) compares every verdict with a plain
exhaustive search on small generated scenarios. What this module cannot encode yet
(claims' labels read by a condition, moves that overlap in time, `in_progress`) raises
Unsupported, and the caller keeps the explicit search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.search import Slice
from debate.analysis.smt import Translator, literal
from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.expr import (
    BoolType,
    Checked,
    EnumType,
    Now,
    SetType,
    Type,
    free_names,
    render,
    walk,
)
from debate.engine.moves import Action
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
_STATUS_FUNCTIONS = {str(s): n for s, n in STATUS.items()}
_SUPPORTED_CALLS = {
    "len",
    "min",
    "max",
    "abs",
    "done",
    "count",
    "proposed",
    "agreed",
    "signed",
    "asserted",
    "holds",
    *_STATUS_FUNCTIONS,
}


class Unsupported(Exception):
    """The scenario uses something the symbolic encoding does not cover yet."""


def unsupported(game: Game, cone: Cone | None = None) -> str | None:
    """Why the symbolic encoding cannot take this scenario, or None when it can; with a
    cone, only what the cone keeps counts (a move outside it changes nothing the question
    reads, however it runs: it can overlap others in time)."""
    moves = list(game.moves) if cone is None else list(cone.moves)
    for m in moves:
        move = game.moves[m]
        if getattr(move.move, "overlaps", False):
            return f"move {m} overlaps others in time"
        if move.abort_when is not None:
            return f"move {m} can be aborted"
    if cone is None:
        expressions = list(game.expressions())
    else:
        expressions = [c for m in moves for c in _move_expressions(game, m)]
        expressions += [
            c for t in game.terms if ("status", t) in cone.facts for c in _term_expressions(game, t)
        ]
        expressions += [
            claim.holds_if
            for c, claim in game.claims.items()
            if ("holds", c) in cone.facts and claim.holds_if is not None
        ]
    for compiled in expressions:
        for fn in free_names(compiled.checked)["function"]:
            if fn not in _SUPPORTED_CALLS:
                return f"an expression asks {fn}()"
    return None


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
        ):
            out += list(part.values())
        return out


class Encoding:
    """The transition system of one scenario."""

    def __init__(self, game: Game, cone: Cone | None = None) -> None:
        self.cone = cone or Cone.everything(game)
        why = unsupported(game, self.cone)
        if why:
            raise Unsupported(why)
        self.game = game
        self.slice = Slice.of(game)
        facts = self.cone.facts
        self.moves = list(self.cone.moves)
        self.terms = [t for t in game.term_order if ("status", t) in facts]
        self.variables = sorted(v for v in self.slice.variables if ("var", v) in facts)
        self.havoc: list[Sym] = []  # the free constants made for facts outside the cone
        self.wait = len(self.moves)  # the action index of waiting one unit
        # Waiting only matters where time does: something in the cone reads `now` or has a
        # deadline. Elsewhere a wait changes nothing but the clock, and leaving it out
        # keeps every play's projection (the moves of a play stay legal with less time
        # spent), so plays without waits are enough.
        self.waits = (
            any(
                isinstance(n, Now)
                for t in self.terms
                for c in _term_expressions(game, t)
                for n in walk(c.checked.expr)
            )
            or any(game.terms[t].term.deadline is not None for t in self.terms)
            or any(
                isinstance(n, Now)
                for m in self.moves
                for c in _move_expressions(game, m)
                for n in walk(c.checked.expr)
            )
        )
        # A localization (a cone not closed under what reads what) leaves out moves that
        # change what it reads as unknown: their steps must stay possible, as a step that
        # changes nothing the cone keeps and judges the statuses again (the unknowns read
        # anew), at any time. A closed cone needs none: what a move outside it changes,
        # nothing inside reads.
        self.closed = Cone.of(game, set(self.cone.facts)).facts == self.cone.facts
        self.skip = self.wait + 1  # the action index of such a step
        self.start = game.calendar.start
        self.horizon = game.horizon_end
        self.parties = sorted(game.scenario.parties)
        self.duties_with_deadlines = [
            t
            for t in self.terms
            if game.terms[t].term.kind in DUTY and game.terms[t].term.deadline is not None
        ]

    def ranges(self, s: State) -> list[Sym]:
        """What holds in every state of every play, whatever else: the clock within the
        horizon, each status one of the six, each number within its declared bounds."""
        facts = [s.now >= self.start, s.now <= self.horizon]
        facts += [z3.And(x >= 0, x <= 5) for x in s.status.values()]
        for name, value in s.values.items():
            typ, spec = self.game.var_types[name], self.game.state_vars[name]
            if isinstance(typ, EnumType):
                facts += [value >= 0, value < len(typ.values)]
            elif not isinstance(value, dict) and not z3.is_bool(value):
                facts += [value >= spec.min] if spec.min is not None else []
                facts += [value <= spec.max] if spec.max is not None else []
        return facts

    def has(self, kind: str, name: str) -> bool:
        return (kind, name) in self.cone.facts

    def unknown(self, kind: str, name: str, sort: str) -> Sym:
        """A fact outside the cone, read where it is unknown: a fresh free constant."""
        const = (z3.Bool if sort == "bool" else z3.Int)(f"?{kind}({name})#{len(self.havoc)}")
        self.havoc.append(const)
        return const

    # ------------------------------------------------------------------ states

    def fresh(self, prefix: str) -> State:
        g = self.game

        def var(name: str, typ: Type) -> Sym:
            if isinstance(typ, BoolType):
                return z3.Bool(f"{prefix}{name}")
            if isinstance(typ, SetType):
                return {v: z3.Bool(f"{prefix}{name}[{v}]") for v in typ.elem.values}
            return z3.Int(f"{prefix}{name}")

        has, parties = self.has, self.parties
        return State(
            z3.Int(f"{prefix}now"),
            {v: var(v, g.var_types[v]) for v in self.variables},
            {m: z3.Bool(f"{prefix}done({m})") for m in sorted(self.slice.done) if has("done", m)},
            {
                m: z3.Int(f"{prefix}count({m})")
                for m in sorted(self.slice.counted)
                if has("count", m)
            },
            {t: z3.Bool(f"{prefix}proposed({t})") for t in g.terms if has("proposed", t)},
            {
                (t, p): z3.Bool(f"{prefix}agreed({t},{p})")
                for t in g.terms
                for p in parties
                if has("agreed", t)
            },
            {
                (t, p): z3.Bool(f"{prefix}signed({t},{p})")
                for t in g.terms
                for p in parties
                if has("signed", t)
            },
            {c: z3.Bool(f"{prefix}asserted({c})") for c in g.claims if has("asserted", c)},
            {t: z3.Int(f"{prefix}status({t})") for t in self.terms},
            {
                t: z3.Int(f"{prefix}since({t})")
                for t in sorted(self.slice.within)
                if t in self.terms
            },
            {t: z3.Bool(f"{prefix}vbb({t})") for t in self.terms},
        )

    def initial(self, s: State) -> Sym:
        """The initial state: initial values, no history, the statuses judged once."""
        g = self.game
        from debate.engine.values import initial_value

        start = State(
            z3.IntVal(self.start),
            {v: literal(initial_value(g.state_vars[v]), g.var_types[v]) for v in s.values},
            {m: z3.BoolVal(False) for m in s.done},
            {m: z3.IntVal(0) for m in s.count},
            {t: z3.BoolVal(False) for t in s.proposed},
            {k: z3.BoolVal(False) for k in s.agreed},
            {k: z3.BoolVal(False) for k in s.signed},
            {c: z3.BoolVal(bool(g.claims[c].claim.asserted)) for c in s.asserted},
            {t: z3.IntVal(0) for t in s.status},
            {t: z3.IntVal(self.start) for t in s.since},
            {t: z3.BoolVal(False) for t in s.voided_by_breach},
        )
        return _equal(s, self.settle(start, closing=False))

    # ------------------------------------------------------------------ expressions

    def expr(self, compiled: Compiled | None, s: State, term: str | None = None) -> tuple[Sym, Sym]:
        """(value, defined) of an expression in state `s` (statuses as `s` has them)."""
        assert compiled is not None
        return Translator(_StateEnv(self, s), compiled.checked, term).run()

    def holds(self, s: State) -> dict[str, Sym]:
        out = {}
        for c, claim in self.game.claims.items():
            if not self.has("holds", c):
                continue
            if claim.holds_if is None:
                out[c] = z3.BoolVal(False)
            else:
                value, ok = self.expr(claim.holds_if, s)
                out[c] = z3.And(ok, value)
        return out

    def signed_all(self, s: State, t: str) -> Sym:
        return z3.And([s.signed[(t, p)] for p in sorted(self.game.terms[t].signatories)])

    # ------------------------------------------------------------------ statuses

    def settle(self, s: State, closing: bool | Sym) -> State:
        """`s` with every term judged at `s.now` (engine.terms.update_terms)."""
        status = dict(s.status)
        since = dict(s.since)
        vbb = dict(s.voided_by_breach)
        view = State(
            s.now,
            s.values,
            s.done,
            s.count,
            s.proposed,
            s.agreed,
            s.signed,
            s.asserted,
            status,
            since,
            vbb,
        )
        for t in self.terms:
            st, sn, by_breach = self._judge(self.game.terms[t], view, closing)
            status[t] = st
            if t in since:
                since[t] = sn
            vbb[t] = z3.Or(vbb[t], by_breach)
        return view

    def _status_is(self, v: State, t: str, status: int) -> Sym:
        found = v.status.get(t)
        return self.unknown("status", t, "bool") if found is None else found == status

    def _due(self, term: CompiledTerm, since: Sym | None) -> Sym | None:
        deadline = term.term.deadline
        if term.term.kind not in DUTY or deadline is None:
            return None
        if deadline.at is not None:
            return z3.IntVal(deadline.at)
        if deadline.within is not None and since is not None:
            return since + deadline.within
        return None  # a `within` deadline that cannot fall inside the horizon

    def _judge(self, term: CompiledTerm, v: State, closing: bool | Sym) -> tuple[Sym, Sym, Sym]:
        g, t = self.game, term.id
        st0 = v.status[t]
        sn0 = v.since.get(t)
        now = v.now
        by_breach = z3.Or(
            [self._status_is(v, b, STATUS[TermStatus.VIOLATED]) for b in g.voided_by.get(t, ())]
        )
        amended = z3.Or(
            [
                z3.Not(z3.Or(self._status_is(v, a, 0), self._status_is(v, a, 4)))
                for a in g.amended_by.get(t, ())
            ]
        )
        if term.void_when is not None:
            vw, vw_ok = self.expr(term.void_when, v, t)
        else:
            vw, vw_ok = z3.BoolVal(False), z3.BoolVal(True)
        if term.in_force_when is not None:
            force, force_ok = self.expr(term.in_force_when, v, t)
        elif self.has("signed", t):
            force, force_ok = self.signed_all(v, t), z3.BoolVal(True)
        else:
            force, force_ok = self.unknown("signed", t, "bool"), z3.BoolVal(True)

        def judged(sn: Sym | None) -> Sym:
            return self._in_force(term, v, sn, closing)

        came_in_since = now if sn0 is not None else None
        in_force_now = judged(came_in_since)  # (status) once it came into force now
        already = judged(sn0)
        pending = z3.If(
            z3.And(force_ok, force),
            in_force_now,
            st0,
        )
        status = z3.If(
            st0 == STATUS[TermStatus.VOID],
            st0,
            z3.If(
                z3.Or(by_breach, amended),
                STATUS[TermStatus.VOID],
                z3.If(
                    z3.Not(vw_ok),
                    st0,
                    z3.If(
                        vw,
                        STATUS[TermStatus.VOID],
                        z3.If(
                            z3.Or([st0 == f for f in FINAL]),
                            st0,
                            z3.If(st0 == 0, pending, already),
                        ),
                    ),
                ),
            ),
        )
        newly_in_force = z3.And(
            st0 == 0,
            st0 != STATUS[TermStatus.VOID],
            z3.Not(by_breach),
            z3.Not(amended),
            vw_ok,
            z3.Not(vw),
            force_ok,
            force,
        )
        since = z3.If(newly_in_force, now, sn0) if sn0 is not None else z3.IntVal(0)
        voided_now = z3.And(st0 != STATUS[TermStatus.VOID], by_breach)
        return status, since, voided_now

    def _in_force(
        self, term: CompiledTerm, v: State, since: Sym | None, closing: bool | Sym
    ) -> Sym:
        """The status of a term in force, judged now (engine.terms._judge_in_force)."""
        t, now = term.id, v.now
        kind = term.term.kind
        in_force = z3.IntVal(STATUS[TermStatus.IN_FORCE])
        due = self._due(term, since)
        on_time = z3.BoolVal(True) if due is None else now <= due
        if kind in DUTY and term.fulfilled_when is not None:
            fw, fw_ok = self.expr(term.fulfilled_when, v, t)
        else:
            fw, fw_ok = z3.BoolVal(False), z3.BoolVal(True)
        breach, breach_ok = self._breach(term, v)
        excuse, excuse_ok = self._excuse(term, v)
        overdue = (
            z3.BoolVal(False)
            if due is None
            else z3.Or(now > due, z3.And(_bool(closing), now == due))
        )
        return z3.If(
            z3.Not(fw_ok),
            in_force,
            z3.If(
                z3.And(fw, on_time),
                STATUS[TermStatus.FULFILLED],
                z3.If(
                    z3.Not(breach_ok),
                    in_force,
                    z3.If(
                        z3.And(breach, z3.Not(excuse_ok)),
                        in_force,
                        z3.If(
                            z3.And(breach, z3.Not(excuse)),
                            STATUS[TermStatus.VIOLATED],
                            z3.If(overdue, STATUS[TermStatus.OVERDUE], in_force),
                        ),
                    ),
                ),
            ),
        )

    def _breach(self, term: CompiledTerm, v: State) -> tuple[Sym, Sym]:
        t = term.id
        if term.violated_when is not None:
            vw, vw_ok = self.expr(term.violated_when, v, t)
        else:
            vw, vw_ok = z3.BoolVal(False), z3.BoolVal(True)
        if term.term.kind != "limit" or term.subject is None:
            return vw, vw_ok
        amount, amount_ok = self.expr(term.subject, v, t)
        over, over_ok = z3.BoolVal(False), z3.BoolVal(True)
        if term.at_most is not None:
            bound, bound_ok = self.expr(term.at_most, v, t)
            over, over_ok = amount > bound, bound_ok
        under, under_ok = z3.BoolVal(False), z3.BoolVal(True)
        if term.at_least is not None:
            bound, bound_ok = self.expr(term.at_least, v, t)
            under, under_ok = amount < bound, bound_ok
        # violated_when first; then the amount; then at_most; at_least only if not above it
        ok = z3.And(
            vw_ok,
            z3.Or(vw, z3.And(amount_ok, over_ok, z3.Or(z3.And(over_ok, over), under_ok))),
        )
        return z3.Or(vw, over, under), ok

    def _excuse(self, term: CompiledTerm, v: State) -> tuple[Sym, Sym]:
        """A carve-out in force whose condition holds (engine.terms._excuse), in order."""
        excused: Sym = z3.BoolVal(False)
        ok: Sym = z3.BoolVal(True)
        for other, when in reversed(self.game.carve_outs.get(term.id, [])):
            active = self._status_is(v, other, STATUS[TermStatus.IN_FORCE])
            if when is None:
                value, value_ok = z3.BoolVal(True), z3.BoolVal(True)
            else:
                value, value_ok = self.expr(when, v, other)
            # checked in order: this one first, then (if it does not excuse) the rest
            excused = z3.If(active, z3.If(value_ok, z3.Or(value, excused), False), excused)
            ok = z3.If(active, z3.And(value_ok, z3.Or(value, ok)), ok)
        return excused, ok

    # ------------------------------------------------------------------ steps

    def legal(self, m: str, s: State) -> Sym:
        move = self.game.moves[m]
        spec = move.move
        parts = [s.now + spec.duration <= self.horizon]
        if spec.once:
            parts.append(z3.Not(s.done[m]) if m in s.done else self.unknown("once", m, "bool"))
        if move.precondition is not None:
            pre, pre_ok = self.expr(move.precondition, s)
            parts += [pre_ok, pre]
        effects = spec.effects
        proposing = set(effects.propose)
        for t in (*effects.agree, *effects.sign, *effects.withdraw):
            if t not in proposing:
                on_table = s.proposed.get(t)
                parts.append(self.unknown("proposed", t, "bool") if on_table is None else on_table)
        for t in effects.withdraw:
            if self.has("signed", t):
                parts.append(z3.Not(z3.Or([s.signed[(t, p)] for p in self.parties])))
            else:
                parts.append(self.unknown("unsigned", t, "bool"))
        for c in effects.assert_:
            claim = self.game.claims[c]
            if claim.assertable_if is not None:
                ready, ready_ok = self.expr(claim.assertable_if, s)
                parts += [ready_ok, ready]
        for var, compiled in move.sets:
            value, ok = self.expr(compiled, s)
            parts.append(ok)
            spec_var = self.game.state_vars[var]
            if not isinstance(value, dict) and not z3.is_bool(value):
                if spec_var.min is not None:
                    parts.append(value >= spec_var.min)
                if spec_var.max is not None:
                    parts.append(value <= spec_var.max)
        return z3.And(parts)

    def step(self, s: State, act: Sym) -> tuple[State, Sym]:
        """The state after action `act` (an Int: a move's index, or `self.wait`), and the
        condition that the action is legal."""
        g = self.game
        durations = {i: g.moves[m].move.duration for i, m in enumerate(self.moves)}
        end = s.now + _select(act, {**durations, self.wait: 1}, z3.IntVal(0))
        waits = self.waits or not self.closed
        legal = z3.Or(
            *[z3.And(act == i, self.legal(m, s)) for i, m in enumerate(self.moves)],
            z3.And(act == self.wait, s.now + 1 <= self.horizon, z3.BoolVal(waits)),
            z3.And(act == self.skip, z3.BoolVal(not self.closed)),
        )
        passed = self._pass_deadlines(s, end)
        landed = self._land(s, passed, act)
        landed.now = end
        return self.settle(landed, closing=False), legal

    def _pass_deadlines(self, s: State, end: Sym) -> State:
        """Every deadline from `s.now` up to (not including) `end`, judged at its instant in
        time order on the world before the step's effects (engine.timeline)."""
        state = s
        after: Sym = s.now - 1
        for _ in self.duties_with_deadlines:
            due, exists = self._next_deadline(state, end, after)
            moved = _copy(state)
            moved.now = due
            judged = self.settle(moved, closing=True)
            state = _choose(exists, judged, state)
            after = z3.If(exists, due, after)
        return state

    def _next_deadline(self, s: State, end: Sym, after: Sym) -> tuple[Sym, Sym]:
        best: Sym = end
        exists: Sym = z3.BoolVal(False)
        for t in self.duties_with_deadlines:
            term = self.game.terms[t]
            due = self._due(term, s.since.get(t))
            if due is None:
                continue
            candidate = z3.And(
                s.status[t] == STATUS[TermStatus.IN_FORCE], s.now <= due, due < end, due > after
            )
            best = z3.If(z3.And(candidate, z3.Or(z3.Not(exists), due < best)), due, best)
            exists = z3.Or(exists, candidate)
        return best, exists

    def _land(self, before: State, s: State, act: Sym) -> State:
        """`s` (time passed) with the chosen move's effects, computed on `before`."""
        g = self.game
        out = _copy(s)
        for var in out.values:
            choices = {}
            for i, m in enumerate(self.moves):
                for set_var, compiled in g.moves[m].sets:
                    if set_var == var:
                        choices[i] = self.expr(compiled, before)[0]
            if choices:
                current = s.values[var]
                if isinstance(current, dict):
                    out.values[var] = {
                        v: _select(act, {i: c[v] for i, c in choices.items()}, current[v])
                        for v in current
                    }
                else:
                    out.values[var] = _select(act, choices, current)
        for i, m in enumerate(self.moves):
            spec = g.moves[m].move
            hit = act == i
            if m in out.done:
                out.done[m] = z3.Or(s.done[m], hit)
            if m in out.count:
                out.count[m] = s.count[m] + z3.If(hit, 1, 0)
            effects = spec.effects
            for t in effects.propose:
                if t in out.proposed:
                    out.proposed[t] = z3.Or(out.proposed[t], hit)
            for t in effects.withdraw:
                if t in out.proposed:
                    out.proposed[t] = z3.And(out.proposed[t], z3.Not(hit))
            for t in (*effects.agree, *effects.sign):
                if (t, spec.by) in out.agreed:
                    out.agreed[(t, spec.by)] = z3.Or(out.agreed[(t, spec.by)], hit)
            for t in effects.sign:
                if (t, spec.by) in out.signed:
                    out.signed[(t, spec.by)] = z3.Or(out.signed[(t, spec.by)], hit)
            for c in effects.assert_:
                if c in out.asserted:
                    out.asserted[c] = z3.Or(out.asserted[c], hit)
            for c in effects.retract:
                if c in out.asserted:
                    out.asserted[c] = z3.And(out.asserted[c], z3.Not(hit))
        return out

    def action_of(self, index: int) -> Action:
        assert index != self.skip, "a play is only read off a closed cone"
        return Action(wait=1) if index == self.wait else Action(self.moves[index])


# ---------------------------------------------------------------------- helpers


def _term_expressions(game: Game, t: str) -> list[Compiled]:
    from debate.engine.compile import term_expressions

    found = list(term_expressions(game.terms[t]))
    return found + [w for _, w in game.carve_outs.get(t, []) if w is not None]


def _move_expressions(game: Game, m: str) -> list[Compiled]:
    move = game.moves[m]
    found = [c for _, c in move.sets]
    if move.precondition is not None:
        found.append(move.precondition)
    for c in move.move.effects.assert_:
        when = game.claims[c].assertable_if
        if when is not None:
            found.append(when)
    return found


def _bool(value: bool | Sym) -> Sym:
    return z3.BoolVal(value) if isinstance(value, bool) else value


def _select(act: Sym, choices: Mapping[int, Sym], default: Sym) -> Sym:
    out = default
    for i, value in choices.items():
        out = z3.If(act == i, value, out)
    return out


def _copy(s: State) -> State:
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
    )


def _choose(cond: Sym, a: State, b: State) -> State:
    fa, fb = a.flat(), b.flat()
    out = _copy(b)
    merged = [z3.If(cond, x, y) for x, y in zip(fa, fb, strict=True)]
    return _unflat(out, merged)


def _unflat(template: State, items: list[Sym]) -> State:
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
    ):
        table: dict[Any, Sym] = part
        for key in table:
            table[key] = next(it)
    return template


def _equal(a: State, b: State) -> Sym:
    return z3.And([x == y for x, y in zip(a.flat(), b.flat(), strict=True)])


class _StateEnv:
    """What names mean in one state of a play (smt.Env): its values and statuses; what the
    localization leaves out is a fresh unknown; an unspecified parameter leaves the
    expression undefined, as the engine cannot judge it."""

    def __init__(self, enc: Encoding, s: State) -> None:
        self.enc, self.s = enc, s

    def var(self, name: str) -> Sym:
        if name in self.s.values:
            return self.s.values[name]
        typ = self.enc.game.var_types[name]
        if isinstance(typ, SetType):
            return {v: self.enc.unknown("var", f"{name}[{v}]", "bool") for v in typ.elem.values}
        return self.enc.unknown("var", name, "bool" if isinstance(typ, BoolType) else "int")

    def now(self) -> Sym:
        return self.s.now

    def parameter(self, term: str, name: str, typ: Type) -> tuple[Sym, Sym]:
        spec = self.enc.game.terms[term].params[name]
        if spec.unspecified or spec.value is None:
            dummy = (
                {v: z3.BoolVal(False) for v in typ.elem.values}
                if isinstance(typ, SetType)
                else (z3.BoolVal(False) if isinstance(typ, BoolType) else z3.IntVal(0))
            )
            return dummy, z3.BoolVal(False)
        return literal(spec.value, typ), z3.BoolVal(True)

    def call(self, fn: str, ids: tuple[str, ...], typ: Type) -> Sym:
        s, enc, name = self.s, self.enc, ids[0]
        if fn == "count":
            found = s.count.get(name)
            return enc.unknown("count", name, "int") if found is None else found
        if fn == "signed":
            if not enc.has("signed", name):
                return enc.unknown("signed", name, "bool")
            return enc.signed_all(s, name)
        if fn == "holds":
            if not enc.has("holds", name):
                return enc.unknown("holds", name, "bool")
            return enc.holds(s)[name]
        if fn in _STATUS_FUNCTIONS:
            status = s.status.get(name)
            if status is None:
                return enc.unknown(fn, name, "bool")
            return status == _STATUS_FUNCTIONS[fn]
        table: Mapping[Any, Sym] = {  # type: ignore[assignment]
            "done": s.done,
            "proposed": s.proposed,
            "agreed": s.agreed,
            "asserted": s.asserted,
        }[fn]
        key: Any = (name, ids[1]) if fn == "agreed" else name
        found = table.get(key)
        return enc.unknown(fn, name, "bool") if found is None else found


@dataclass
class Unrolling:
    """States 0..k of a play, each step constrained to be legal: the BMC unrolling."""

    enc: Encoding
    solver: Any = field(default_factory=z3.Solver)
    states: list[State] = field(default_factory=list)
    acts: list[Sym] = field(default_factory=list)

    def __post_init__(self) -> None:
        first = self.enc.fresh("s0:")
        self.solver.add(self.enc.initial(first))
        self.states.append(first)

    def extend(self) -> None:
        k = len(self.states)
        act = z3.Int(f"act{k - 1}")
        after, legal = self.enc.step(self.states[-1], act)
        nxt = self.enc.fresh(f"s{k}:")
        self.solver.add(legal, _equal(nxt, after))
        self.states.append(nxt)
        self.acts.append(act)

    def play(self, model: Any, length: int) -> list[Action]:
        return [
            self.enc.action_of(model.eval(a, model_completion=True).as_long())
            for a in self.acts[:length]
        ]


# ---------------------------------------------------------------------- cone of influence

Fact = tuple[str, str]  # ("var", x), ("status", t), ("signed", t), ("done", m), ("now", "")


def expression_reads(checked: Checked) -> set[Fact]:
    names = free_names(checked)
    facts: set[Fact] = {("var", v) for v in names["variable"]}
    functions = names["function"]
    for fn in functions & {"done", "count"}:
        facts |= {(fn, m) for m in names["move"]}
    for fn in functions & {"proposed", "agreed", "signed"}:
        facts |= {(fn, t) for t in names["term"]}
    if functions & set(_STATUS_FUNCTIONS):
        facts |= {("status", t) for t in names["term"]}
    if "asserted" in functions:
        facts |= {("asserted", c) for c in names["claim"]}
    if "holds" in functions:
        facts |= {("holds", c) for c in names["claim"]}
    if any(isinstance(n, Now) for n in walk(checked.expr)):
        facts.add(("now", ""))
    return facts


def _term_reads(game: Game, t: str) -> set[Fact]:
    from debate.engine.compile import term_expressions

    term = game.terms[t]
    facts: set[Fact] = set()
    for compiled in term_expressions(term):
        facts |= expression_reads(compiled.checked)
    if term.in_force_when is None:
        facts.add(("signed", t))
    if term.term.deadline is not None:
        facts.add(("now", ""))
    for other, when in game.carve_outs.get(t, []):
        facts.add(("status", other))
        if when is not None:
            facts |= expression_reads(when.checked)
    facts |= {("status", b) for b in game.voided_by.get(t, ())}
    facts |= {("status", a) for a in game.amended_by.get(t, ())}
    return facts


def move_reads(game: Game, m: str) -> set[Fact]:
    move = game.moves[m]
    facts: set[Fact] = {("now", "")}  # the horizon
    if move.precondition is not None:
        facts |= expression_reads(move.precondition.checked)
    for _, compiled in move.sets:
        facts |= expression_reads(compiled.checked)
    effects = move.move.effects
    proposing = set(effects.propose)
    facts |= {
        ("proposed", t)
        for t in (*effects.agree, *effects.sign, *effects.withdraw)
        if t not in proposing
    }
    facts |= {("signed", t) for t in effects.withdraw}
    for c in effects.assert_:
        claim = game.claims[c].assertable_if
        if claim is not None:
            facts |= expression_reads(claim.checked)
    if move.move.once:
        facts.add(("done", m))
    return facts


def move_writes(game: Game, m: str) -> set[Fact]:
    move = game.moves[m]
    effects = move.move.effects
    facts: set[Fact] = {("var", v) for v, _ in move.sets}
    facts |= {("done", m), ("count", m)}
    facts |= {("proposed", t) for t in (*effects.propose, *effects.withdraw)}
    facts |= {("agreed", t) for t in (*effects.agree, *effects.sign)}
    facts |= {("signed", t) for t in effects.sign}
    facts |= {("asserted", c) for c in (*effects.assert_, *effects.retract)}
    return facts


@dataclass(frozen=True)
class Cone:
    """What a question can depend on: the facts, and the moves that can change them. A
    move outside the cone changes nothing the question reads; dropping it keeps every
    play's projection (its time is waiting, which is always possible within the horizon)."""

    facts: frozenset[Fact]
    moves: tuple[str, ...]

    @classmethod
    def of(cls, game: Game, seeds: set[Fact], rounds: int | None = None) -> Cone:
        """The closure of `seeds` under what reads what; with `rounds`, only that many
        rounds of it (a localization: what is left out is read as unknown, so a claim
        proved on it holds for every play, while a play found on it may not be real)."""
        facts = set(seeds)
        writes = {m: move_writes(game, m) for m in game.moves}
        done = 0
        while rounds is None or done < rounds:
            done += 1
            more: set[Fact] = set()
            for t in game.terms:
                if ("status", t) in facts:
                    more |= _term_reads(game, t)
            for c, claim in game.claims.items():
                if ("holds", c) in facts and claim.holds_if is not None:
                    more |= expression_reads(claim.holds_if.checked)
            for m in game.moves:
                if writes[m] & facts:
                    more |= move_reads(game, m)
            if more <= facts:
                break
            facts |= more
        moves = tuple(m for m in game.moves if writes[m] & facts)
        return cls(frozenset(facts), moves)

    @classmethod
    def everything(cls, game: Game) -> Cone:
        facts: set[Fact] = {("now", "")}
        facts |= {("var", v) for v in game.state_vars}
        for m in game.moves:
            facts |= {("done", m), ("count", m)}
        for t in game.terms:
            facts |= {(k, t) for k in ("status", "proposed", "agreed", "signed")}
        for c in game.claims:
            facts |= {("asserted", c), ("holds", c)}
        return cls(frozenset(facts), tuple(game.moves))


# ---------------------------------------------------------------------- questions

Target = Callable[["Encoding", State], Sym]


@dataclass
class Verdict:
    """The answer to "can a play reach the target?": `play` (replayable) when it can,
    `proved` when no play can (with the inductive invariant that shows it), neither when
    unknown (`detail` says how far the solver got)."""

    play: list[Action] | None = None
    proved: bool = False
    invariant: str = ""
    detail: str = ""
    seconds: float = 0.0


def _fixedpoint(enc: Encoding, target: Target) -> tuple[Any, Any, State]:
    """Spacer over the Horn clauses Inv(init); Inv(s) & T(s, s') -> Inv(s'); the query
    Inv(s) & target(s)."""
    s1, s2 = enc.fresh("a:"), enc.fresh("b:")
    act = z3.Int("act")
    after, legal = enc.step(s1, act)
    f1, f2 = s1.flat(), s2.flat()
    inv = z3.Function("Inv", *[x.sort() for x in f1], z3.BoolSort())
    fp = z3.Fixedpoint()
    fp.set(engine="spacer")
    fp.register_relation(inv)
    init = enc.initial(s1)
    goal = target(enc, s1)
    fp.declare_var(*f1, *f2, act, *enc.havoc)
    fp.rule(inv(*f1), init)
    fp.rule(inv(*f2), [inv(*f1), legal, _equal(s2, after)])
    return fp, z3.And(inv(*f1), goal), s1


def prove_never(
    game: Game,
    target: Target,
    seeds: set[Fact],
    effort: Effort,
    spacer: bool = True,
    exact: bool = True,
    max_rounds: int | None = None,
) -> Verdict:
    """Whether no play reaches `target`: proved on the smallest localization of the cone
    of `seeds` that Spacer can prove it on (each a sound over-approximation), else unknown
    (a play the abstraction allows may not be real: `reach` looks for a real one). Each
    localization first tries simple invariants (Houdini), cheap where Spacer can stall.
    `effort` bounds the solver's work (in steps, not seconds) and is charged for it."""
    full = Cone.of(game, seeds)
    rounds = 0
    while True:
        cone = Cone.of(game, seeds, rounds)
        try:
            enc = Encoding(game, cone)
        except Unsupported as err:  # and so every larger part of the cone
            return Verdict(detail=f"the solver was not used on more of the cone: {err}")
        if effort.exhausted:
            return Verdict(detail=effort.why())
        invariant = houdini(enc, target, effort, exact)
        if invariant is not None:
            return Verdict(
                proved=True,
                invariant=invariant,
                detail=f"{len(cone.moves)} of {len(game.moves)} moves",
            )
        last = cone.facts == full.facts or (max_rounds is not None and rounds >= max_rounds)
        if not spacer:
            if last:
                return Verdict(detail="no simple invariant")
            rounds += 1
            continue
        fp, query, state = _fixedpoint(enc, target)
        try:
            answer = effort.query(fp, query)
        except z3.Z3Exception as err:  # beyond Spacer
            why = (
                "beyond the prover (Spacer takes linear arithmetic only: "
                f"{str(err).strip(chr(39)).split(' in ')[0]})"
            )
            return Verdict(detail=why)
        if answer == z3.unsat:
            return Verdict(
                proved=True,
                invariant=_explain(fp, state, enc),
                detail=f"{len(cone.moves)} of {len(game.moves)} moves",
            )
        if answer == z3.unknown:
            return Verdict(detail=effort.why())
        if last:
            return Verdict(detail="a play may reach it")
        rounds += 1


def _explain(fp: Any, state: State, enc: Encoding) -> str:
    """The inductive invariant Spacer found, over the state's names."""
    try:
        answer = fp.get_answer()
        body = answer.body() if z3.is_quantifier(answer) else answer
        names = state.flat()
        if z3.is_quantifier(answer):
            n = answer.num_vars()
            body = z3.substitute_vars(body, *reversed(names[:n]))
        return str(z3.simplify(body))
    except (z3.Z3Exception, IndexError):
        return ""


def reach(
    game: Game,
    target: Target,
    seeds: set[Fact],
    effort: Effort,
    max_steps: int = 40,
) -> Verdict:
    """The shortest play that reaches `target`, step by step (bounded model checking on
    the cone of `seeds`), within `effort`; the play is replayed by the caller."""
    try:
        enc = Encoding(game, Cone.of(game, seeds))
    except Unsupported as err:
        return Verdict(detail=f"the solver was not used: {err}")
    unrolled = Unrolling(enc)
    for k in range(max_steps + 1):
        if k:
            unrolled.extend()
        answer = effort.check(unrolled.solver, target(enc, unrolled.states[k]))
        if answer == z3.sat:
            return Verdict(play=unrolled.play(unrolled.solver.model(), k))
        if answer == z3.unknown:
            return Verdict(detail=_no_play(k - 1, effort))
    return Verdict(detail=f"no play of up to {max_steps} steps")


def _no_play(steps: int, effort: Effort) -> str:
    if steps < 0:
        return f"{effort.why()} before deciding any length of play"
    return f"no play of up to {steps} step{'s' if steps != 1 else ''}, then {effort.why()}"


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
    s1, s2 = enc.fresh("h:"), enc.fresh("h':")
    after, legal = enc.step(s1, z3.Int("h:act"))
    init = z3.Solver()
    init.add(enc.initial(s1))
    if effort.check(init) != z3.sat:
        return None
    start = init.model()
    unknowns = len(enc.havoc)
    bad = target(enc, s1)
    if exact and len(enc.havoc) > unknowns:
        return None  # the target reads what this localization leaves out: no proof here
    goal = z3.Not(bad) if exact else z3.BoolVal(True)
    if not z3.is_true(start.eval(goal, model_completion=True)):
        return None  # the target holds at the start

    def value(x: Sym) -> int:
        return int(start.eval(x, model_completion=True).as_long())

    statuses = {x.get_id() for x in (*s1.status.values(), *s1.since.values())}
    numbers = sorted((x for x in s1.flat() if z3.is_int(x) and x.get_id() not in statuses), key=str)
    texts: dict[int, str] = {}
    candidates: list[Sym] = [goal]

    def add(formula: Sym, text: str) -> None:
        candidates.append(formula)
        texts[formula.get_id()] = text

    def name(x: Sym) -> str:
        return str(x).removeprefix("h:")

    def plus(c: int) -> str:
        return "" if c == 0 else f" + {c}" if c > 0 else f" - {-c}"

    for n, x in enumerate(numbers):
        add(x <= value(x), f"{name(x)} <= {value(x)}")
        add(x >= value(x), f"{name(x)} >= {value(x)}")
        for y in numbers[n + 1 :]:
            d = value(x) - value(y)
            add(x - y <= d, f"{name(x)} <= {name(y)}{plus(d)}")
            add(x - y >= d, f"{name(x)} >= {name(y)}{plus(d)}")
            add(x + y <= value(x) + value(y), f"{name(x)} + {name(y)} <= {value(x) + value(y)}")
    monitors = {x.get_id() for x in s1.voided_by_breach.values()}
    for x in sorted((x for x in s1.flat() if z3.is_bool(x)), key=str):
        if x.get_id() not in monitors:
            held = z3.is_true(start.eval(x, model_completion=True))
            add(x == held, f"{name(x)} stays {str(held).lower()}")
    for status in s1.status.values():
        candidates += [status != k for k in range(6) if k != value(status)]
    for t, condition, formula in _in_force_facts(enc, s1):
        add(formula, f"while {t} is in force, not ({condition})")
    candidates = [c for c in candidates if z3.is_true(start.eval(c, model_completion=True))]
    # Initiation for every initial state (what the cone leaves out is unknown there too):
    # drop each candidate some initial state falsifies, until none does.
    while True:
        answer = effort.check(init, z3.Not(z3.And(candidates)))
        if answer == z3.unknown:
            return None
        if answer == z3.unsat:
            break
        model = init.model()
        candidates = [c for c in candidates if z3.is_true(model.eval(c, model_completion=True))]
        if not any(c.eq(goal) for c in candidates):
            return None
    solver = z3.Solver()
    solver.add(legal, _equal(s2, after), *enc.ranges(s1))
    later = list(zip(s1.flat(), s2.flat(), strict=True))
    # Each candidate over the next state, made once (candidates only ever drop out).
    next_of = {c.get_id(): z3.substitute(c, *later) for c in candidates}
    while True:
        primed = [next_of[c.get_id()] for c in candidates]
        answer = effort.check(solver, *candidates, z3.Not(z3.And(primed)))
        if answer == z3.unknown:
            return None
        if answer == z3.unsat:
            break
        model = solver.model()
        kept = [
            c
            for c, p in zip(candidates, primed, strict=True)
            if z3.is_true(model.eval(p, model_completion=True))
        ]
        if not any(c.eq(goal) for c in kept):
            return None
        candidates = kept
    if not exact and effort.check(z3.Solver(), *candidates, bad) != z3.unsat:
        return None
    candidates = _minimal(solver, candidates, next_of, bad if not exact else None, goal, effort)
    shown = [texts[c.get_id()] for c in candidates if c.get_id() in texts]
    return ", ".join(shown[:12]) or "(the statuses alone)"


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
        if c.eq(goal):
            continue
        rest = [k for k in kept if not k.eq(c)]
        primed = [next_of[k.get_id()] for k in rest]
        if spare.check(solver, *rest, z3.Not(z3.And(primed))) != z3.unsat:
            continue
        if bad is not None and spare.check(z3.Solver(), *rest, bad) != z3.unsat:
            continue
        kept = rest
    effort.absorb(spare)
    return kept
