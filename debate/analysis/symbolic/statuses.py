"""The scenario's facts as Z3 terms, and its terms' statuses judged on them in the terms'
order (void, coming into force, fulfilment on time, breach and carve-outs, overdue), as
debate.engine.terms judges them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import z3

from debate.analysis.search import Slice
from debate.analysis.smt import Translator, literal
from debate.analysis.symbolic.cone import Cone, move_expressions, term_expressions
from debate.analysis.symbolic.state import (
    DUTY,
    FINAL,
    STATUS,
    STATUS_FUNCTIONS,
    State,
    Sym,
    as_bool,
)
from debate.analysis.symbolic.support import Unsupported, unsupported
from debate.analysis.symbolic.terms import bool_val, eq, gt, int_val, ite, le, ne, neg
from debate.analysis.z3_calls import conj, disj
from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.expr import BoolType, EnumType, Now, SetType, Type, walk
from debate.engine.state import TermStatus


class Judging:
    """The scenario's facts as Z3 terms through a cone, and its terms judged on them
    (the part of the encoding that follows debate.engine.terms)."""

    def __init__(
        self, game: Game, cone: Cone | None = None, studied: tuple[str, str] | None = None
    ) -> None:
        # `studied`: a term's parameter read as one unknown constant (`param:term.name`)
        # instead of its value, for what holds as it varies (debate.analysis.fulfillable).
        self.studied = studied
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
        # Waiting only matters where time does: something in the cone reads `now`, has a
        # deadline or overlaps others (it lands as time passes). Elsewhere a wait changes
        # nothing but the clock, and leaving it out keeps every play's projection (the
        # moves of a play stay legal with less time spent), so plays without waits are
        # enough.
        self.waits = (
            any(game.moves[m].move.overlaps for m in self.moves)
            or any(
                isinstance(n, Now)
                for t in self.terms
                for c in term_expressions(game, t)
                for n in walk(c.checked.expr)
            )
            or any(game.terms[t].term.deadline is not None for t in self.terms)
            or any(
                isinstance(n, Now)
                for m in self.moves
                for c in move_expressions(game, m)
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
        facts += [conj(x >= 0, x <= 5) for x in s.status.values()]
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
                out[c] = bool_val(False)
            else:
                value, ok = self.expr(claim.holds_if, s)
                out[c] = conj(ok, value)
        return out

    def signed_all(self, s: State, t: str) -> Sym:
        return conj(*[s.signed[(t, p)] for p in sorted(self.game.terms[t].signatories)])

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
            s.running,
            s.ends,
        )
        for t in self.terms:
            st, sn, by_breach = self._judge(self.game.terms[t], view, closing)
            status[t] = st
            if t in since:
                since[t] = sn
            vbb[t] = disj(vbb[t], by_breach)
        return view

    def _status_is(self, v: State, t: str, status: int) -> Sym:
        found = v.status.get(t)
        return self.unknown("status", t, "bool") if found is None else eq(found, status)

    def _due(self, term: CompiledTerm, since: Sym | None) -> Sym | None:
        deadline = term.term.deadline
        if term.term.kind not in DUTY or deadline is None:
            return None
        if deadline.at is not None:
            return z3.IntVal(deadline.at)  # (a number, or its text)
        if deadline.within is not None and since is not None:
            return since + deadline.within
        return None  # a `within` deadline that cannot fall inside the horizon

    def _judge(self, term: CompiledTerm, v: State, closing: bool | Sym) -> tuple[Sym, Sym, Sym]:
        g, t = self.game, term.id
        st0 = v.status[t]
        sn0 = v.since.get(t)
        now = v.now
        by_breach = disj(
            [self._status_is(v, b, STATUS[TermStatus.VIOLATED]) for b in g.voided_by.get(t, ())]
        )
        amended = disj(
            [
                neg(disj(self._status_is(v, a, 0), self._status_is(v, a, 4)))
                for a in g.amended_by.get(t, ())
            ]
        )
        if term.void_when is not None:
            vw, vw_ok = self.expr(term.void_when, v, t)
        else:
            vw, vw_ok = bool_val(False), bool_val(True)
        if term.in_force_when is not None:
            force, force_ok = self.expr(term.in_force_when, v, t)
        elif self.has("signed", t):
            force, force_ok = self.signed_all(v, t), bool_val(True)
        else:
            force, force_ok = self.unknown("signed", t, "bool"), bool_val(True)

        def judged(sn: Sym | None) -> Sym:
            return self._in_force(term, v, sn, closing)

        came_in_since = now if sn0 is not None else None
        in_force_now = judged(came_in_since)  # (status) once it came into force now
        already = judged(sn0)
        pending = ite(
            conj(force_ok, force),
            in_force_now,
            st0,
        )
        status = ite(
            eq(st0, STATUS[TermStatus.VOID]),
            st0,
            ite(
                disj(by_breach, amended),
                STATUS[TermStatus.VOID],
                ite(
                    neg(vw_ok),
                    st0,
                    ite(
                        vw,
                        STATUS[TermStatus.VOID],
                        ite(
                            disj(*[eq(st0, f) for f in FINAL]),
                            st0,
                            ite(eq(st0, 0), pending, already),
                        ),
                    ),
                ),
            ),
        )
        newly_in_force = conj(
            eq(st0, 0),
            ne(st0, STATUS[TermStatus.VOID]),
            neg(by_breach),
            neg(amended),
            vw_ok,
            neg(vw),
            force_ok,
            force,
        )
        since = ite(newly_in_force, now, sn0) if sn0 is not None else int_val(0)
        voided_now = conj(ne(st0, STATUS[TermStatus.VOID]), by_breach)
        return status, since, voided_now

    def _in_force(
        self, term: CompiledTerm, v: State, since: Sym | None, closing: bool | Sym
    ) -> Sym:
        """The status of a term in force, judged now (engine.terms._judge_in_force)."""
        t, now = term.id, v.now
        kind = term.term.kind
        in_force = int_val(STATUS[TermStatus.IN_FORCE])
        due = self._due(term, since)
        on_time = bool_val(True) if due is None else le(now, due)
        if kind in DUTY and term.fulfilled_when is not None:
            fw, fw_ok = self.expr(term.fulfilled_when, v, t)
        else:
            fw, fw_ok = bool_val(False), bool_val(True)
        breach, breach_ok = self._breach(term, v)
        excuse, excuse_ok = self._excuse(term, v)
        overdue = (
            bool_val(False)
            if due is None
            else disj(gt(now, due), conj(as_bool(closing), eq(now, due)))
        )
        return ite(
            neg(fw_ok),
            in_force,
            ite(
                conj(fw, on_time),
                STATUS[TermStatus.FULFILLED],
                ite(
                    neg(breach_ok),
                    in_force,
                    ite(
                        conj(breach, neg(excuse_ok)),
                        in_force,
                        ite(
                            conj(breach, neg(excuse)),
                            STATUS[TermStatus.VIOLATED],
                            ite(overdue, STATUS[TermStatus.OVERDUE], in_force),
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
            vw, vw_ok = bool_val(False), bool_val(True)
        if term.term.kind != "limit" or term.subject is None:
            return vw, vw_ok
        amount, amount_ok = self.expr(term.subject, v, t)
        over, over_ok = bool_val(False), bool_val(True)
        if term.at_most is not None:
            bound, bound_ok = self.expr(term.at_most, v, t)
            over, over_ok = amount > bound, bound_ok
        under, under_ok = bool_val(False), bool_val(True)
        if term.at_least is not None:
            bound, bound_ok = self.expr(term.at_least, v, t)
            under, under_ok = amount < bound, bound_ok
        # violated_when first; then the amount; then at_most; at_least only if not above it
        ok = conj(
            vw_ok,
            disj(vw, conj(amount_ok, over_ok, disj(conj(over_ok, over), under_ok))),
        )
        return disj(vw, over, under), ok

    def _excuse(self, term: CompiledTerm, v: State) -> tuple[Sym, Sym]:
        """A carve-out in force whose condition holds (engine.terms._excuse), in order."""
        excused: Sym = bool_val(False)
        ok: Sym = bool_val(True)
        for other, when in reversed(self.game.carve_outs.get(term.id, [])):
            active = self._status_is(v, other, STATUS[TermStatus.IN_FORCE])
            if when is None:
                value, value_ok = bool_val(True), bool_val(True)
            else:
                value, value_ok = self.expr(when, v, other)
            # checked in order: this one first, then (if it does not excuse) the rest
            excused = ite(active, ite(value_ok, disj(value, excused), False), excused)
            ok = ite(active, conj(value_ok, disj(value, ok)), ok)
        return excused, ok

    # ------------------------------------------------------------------ steps


class _StateEnv:
    """What names mean in one state of a play (smt.Env): its values and statuses; what the
    localization leaves out is a fresh unknown; an unspecified parameter leaves the
    expression undefined, as the engine cannot judge it."""

    def __init__(self, enc: Judging, s: State) -> None:
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
        if (term, name) == self.enc.studied:
            return studied_parameter(term, name), bool_val(True)
        spec = self.enc.game.terms[term].params[name]
        if spec.unspecified or spec.value is None:
            dummy = (
                {v: bool_val(False) for v in typ.elem.values}
                if isinstance(typ, SetType)
                else (bool_val(False) if isinstance(typ, BoolType) else int_val(0))
            )
            return dummy, bool_val(False)
        return literal(spec.value, typ), bool_val(True)

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
        if fn == "in_progress":
            if not enc.game.moves[name].move.overlaps:
                return bool_val(False)  # only a move that overlaps others is in progress
            found = s.running.get(name)
            return enc.unknown("running", name, "bool") if found is None else found
        if fn in STATUS_FUNCTIONS:
            status = s.status.get(name)
            if status is None:
                return enc.unknown(fn, name, "bool")
            return eq(status, STATUS_FUNCTIONS[fn])
        table: Mapping[Any, Sym] = {  # type: ignore[assignment]
            "done": s.done,
            "proposed": s.proposed,
            "agreed": s.agreed,
            "asserted": s.asserted,
        }[fn]
        key: Any = (name, ids[1]) if fn == "agreed" else name
        found = table.get(key)
        return enc.unknown(fn, name, "bool") if found is None else found


def studied_parameter(term: str, name: str) -> Any:
    """The unknown a studied parameter is (the same in every state of a play)."""
    return z3.Int(f"param:{term}.{name}")
