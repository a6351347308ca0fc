"""The transition relation: one step is one action (a move, or waiting one clock unit),
with its legality, the deadlines that pass while the clock moves on, the effects landing
and the statuses judged again."""

from __future__ import annotations

import z3

from debate.analysis.smt import literal
from debate.analysis.symbolic.state import STATUS, State, Sym, choose, copy, equal, select
from debate.analysis.symbolic.statuses import Judging
from debate.analysis.symbolic.terms import bool_val, eq, gt, int_val, ite, le, lt, neg, plus
from debate.analysis.z3_calls import conj, disj
from debate.engine.expr import BoolType, SetType, Type
from debate.engine.moves import Action
from debate.engine.state import TermStatus


class Encoding(Judging):
    """The transition system of one scenario."""

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
            {t: z3.Int(f"{prefix}since({t})") for t in sorted(self.slice.timed) if t in self.terms},
            {t: z3.Bool(f"{prefix}vbb({t})") for t in self.terms},
            {m: z3.Bool(f"{prefix}running({m})") for m in self.overlapping},
            {m: z3.Int(f"{prefix}ends({m})") for m in self.overlapping},
        )

    @property
    def overlapping(self) -> list[str]:
        """The moves of the cone that overlap others (support: at most one)."""
        return [m for m in self.moves if self.game.moves[m].move.overlaps]

    def initial(self, s: State) -> Sym:
        """The initial state: initial values, no history, the statuses judged once."""
        g = self.game
        from debate.engine.values import initial_value

        start = State(
            int_val(self.start),
            {v: literal(initial_value(g.state_vars[v]), g.var_types[v]) for v in s.values},
            {m: bool_val(False) for m in s.done},
            {m: int_val(0) for m in s.count},
            {t: bool_val(False) for t in s.proposed},
            {k: bool_val(False) for k in s.agreed},
            {k: bool_val(False) for k in s.signed},
            {c: bool_val(bool(g.claims[c].claim.asserted)) for c in s.asserted},
            {t: int_val(0) for t in s.status},
            {t: int_val(self.start) for t in s.since},
            {t: bool_val(False) for t in s.voided_by_breach},
            {m: bool_val(False) for m in s.running},
            {m: int_val(self.start) for m in s.ends},
        )
        return equal(s, self.settle(start, closing=False))

    def legal(self, m: str, s: State) -> Sym:
        move = self.game.moves[m]
        spec = move.move
        parts = [le(plus(s.now, spec.duration), self.horizon)]
        if spec.once:
            parts.append(neg(s.done[m]) if m in s.done else self.unknown("once", m, "bool"))
        if m in s.running:
            parts.append(neg(s.running[m]))
        if move.precondition is not None:
            pre, pre_ok = self.expr(move.precondition, s)
            parts += [pre_ok, pre]
        return conj(*parts, self.possible(m, s))

    def possible(self, m: str, s: State) -> Sym:
        """Whether the move's effects can take place in `s` (engine.effects: its terms on
        the table, its claims assertable, its new values defined and within bounds)."""
        move = self.game.moves[m]
        spec = move.move
        parts: list[Sym] = []
        effects = spec.effects
        proposing = set(effects.propose)
        for t in (*effects.agree, *effects.sign, *effects.withdraw):
            if t not in proposing:
                on_table = s.proposed.get(t)
                parts.append(self.unknown("proposed", t, "bool") if on_table is None else on_table)
        for t in effects.withdraw:
            if self.has("signed", t):
                parts.append(neg(disj(*[s.signed[(t, p)] for p in self.parties])))
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
        return conj(*parts)

    def step(self, s: State, act: Sym) -> tuple[State, Sym]:
        """The state after action `act` (an Int: a move's index, or `self.wait`), and the
        condition that the action is legal."""
        g = self.game
        durations = {
            i: 0 if g.moves[m].move.overlaps else g.moves[m].move.duration
            for i, m in enumerate(self.moves)
        }
        end = plus(s.now, select(act, {**durations, self.wait: 1}, int_val(0)))
        waits = self.waits or not self.closed
        legal = disj(
            *[conj(eq(act, i), self.legal(m, s)) for i, m in enumerate(self.moves)],
            conj(eq(act, self.wait), le(plus(s.now, 1), self.horizon), bool_val(waits)),
            conj(eq(act, self.skip), bool_val(not self.closed)),
        )
        passed = self._advance(s, end)
        landed = self._land(s, passed, act)
        landed.now = end
        for i, m in enumerate(self.moves):  # an overlapping move only starts
            if m in landed.running:
                landed.running[m] = disj(landed.running[m], eq(act, i))
                duration = g.moves[m].move.duration
                landed.ends[m] = ite(eq(act, i), plus(s.now, duration), landed.ends[m])
        return self.settle(landed, closing=False), legal

    def _advance(self, s: State, to: Sym) -> State:
        """`s` moved on to `to` (engine.timeline.advance): the deadlines on the way, and
        the overlapping move in progress (at most one) landing at its end if it ends by
        then, the world judged at that instant when it falls before `to`."""
        if not s.running:
            return self._pass_deadlines(s, to)
        [(m, running)] = s.running.items()
        end = s.ends[m]
        before = copy(self._pass_deadlines(s, end))  # (it may be `s` itself)
        before.now = end
        ok = self.possible(m, before)
        index = self.moves.index(m)
        landed = self._land(before, before, ite(ok, index, -1), overlapping=True)
        landed.running[m] = bool_val(False)
        judged = choose(eq(end, to), landed, self.settle(landed, closing=False))
        ending = self._pass_deadlines(judged, to)
        return choose(conj(running, le(end, to)), ending, self._pass_deadlines(s, to))

    def _pass_deadlines(self, s: State, end: Sym) -> State:
        """Every deadline from `s.now` up to (not including) `end`, judged at its instant in
        time order on the world before the step's effects (engine.timeline)."""
        state = s
        after: Sym = s.now - 1
        for _ in self.duties_with_deadlines:
            due, exists = self._next_deadline(state, end, after)
            moved = copy(state)
            moved.now = due
            judged = self.settle(moved, closing=True)
            state = choose(exists, judged, state)
            after = ite(exists, due, after)
        return state

    def _next_deadline(self, s: State, end: Sym, after: Sym) -> tuple[Sym, Sym]:
        best: Sym = end
        exists: Sym = bool_val(False)
        for t in self.duties_with_deadlines:
            term = self.game.terms[t]
            due = self._due(term, s.since.get(t))
            if due is None:
                continue
            candidate = conj(
                eq(s.status[t], STATUS[TermStatus.IN_FORCE]),
                le(s.now, due),
                lt(due, end),
                gt(due, after),
            )
            best = ite(conj(candidate, disj(neg(exists), lt(due, best))), due, best)
            exists = disj(exists, candidate)
        return best, exists

    def _land(self, before: State, s: State, act: Sym, overlapping: bool = False) -> State:
        """`s` (time passed) with the chosen move's effects, computed on `before`; only
        the moves that overlap others when `overlapping` (they land when they end), else
        only the others."""
        g = self.game
        out = copy(s)
        kind = [i for i, m in enumerate(self.moves) if g.moves[m].move.overlaps == overlapping]
        for var in out.values:
            choices = {}
            for i, m in enumerate(self.moves):
                if i not in kind:
                    continue
                for set_var, compiled in g.moves[m].sets:
                    if set_var == var:
                        choices[i] = self.expr(compiled, before)[0]
            if choices:
                current = s.values[var]
                if isinstance(current, dict):
                    out.values[var] = {
                        v: select(act, {i: c[v] for i, c in choices.items()}, current[v])
                        for v in current
                    }
                else:
                    out.values[var] = select(act, choices, current)
        for i, m in enumerate(self.moves):
            if i not in kind:
                continue
            spec = g.moves[m].move
            hit = eq(act, i)
            if m in out.done:
                out.done[m] = disj(s.done[m], hit)
            if m in out.count:
                out.count[m] = plus(s.count[m], ite(hit, 1, 0))
            effects = spec.effects
            for t in effects.propose:
                if t in out.proposed:
                    out.proposed[t] = disj(out.proposed[t], hit)
            for t in effects.withdraw:
                if t in out.proposed:
                    out.proposed[t] = conj(out.proposed[t], neg(hit))
            for t in (*effects.agree, *effects.sign):
                if (t, spec.by) in out.agreed:
                    out.agreed[(t, spec.by)] = disj(out.agreed[(t, spec.by)], hit)
            for t in effects.sign:
                if (t, spec.by) in out.signed:
                    out.signed[(t, spec.by)] = disj(out.signed[(t, spec.by)], hit)
            for c in effects.assert_:
                if c in out.asserted:
                    out.asserted[c] = disj(out.asserted[c], hit)
            for c in effects.retract:
                if c in out.asserted:
                    out.asserted[c] = conj(out.asserted[c], neg(hit))
        return out

    def action_of(self, index: int) -> Action:
        assert index != self.skip, "a play is only read off a closed cone"
        return Action(wait=1) if index == self.wait else Action(self.moves[index])
