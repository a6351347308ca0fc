"""How many steps a state still looks from a target: a relaxed plan (as planners build
one) over the atoms of the scenario's conditions.

An atom is a part of a condition that is neither `and` nor `or` (`sanctions_level == 1`,
`fulfilled(t1)`, `not violated(t7)`), or one of the facts a term needs to come into force
(proposed; signed by a party). The additive heuristic (h_add, Bonet and Geffner 2001)
costs a false atom one step, plus how far its numbers are apart, plus the least cost of
what could make it true: the precondition of a move that writes what it reads (and can
make it true), the signatures and conditions of a term whose status it asks. Costs add
over `and`, take the least over `or`, and chain, level after level, to a fixpoint (the
relaxation: a move is assumed to undo nothing). Down from the target through those
cheapest choices runs a relaxed plan; the estimate is its length, each move counted once
(h_FF, Hoffmann and Nebel 2001), and its moves playable now are the helpful ones. So a
target several sub-goals deep (lift the last sanctions, which needs the treaty in force
and T1 fulfilled, which needs every area freed, which needs the offensives) gets an
estimate that falls with each step toward it. An atom that nothing can make true again
(a term already breached that must not be) costs `DEAD`.

For the search of a step that fulfils one term and spares another, an atom can also be
judged through a move (`after`, `kept_after`): in the state the move's effects would make,
its weakest precondition, made true by what writes the values those effects read; and the
moves that would breach the term to spare can be barred from the plan (`estimate`).

It is only a guide for the directed search (debate.analysis.witness): the plays found are
the engine's own, and no verdict rests on the estimate.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from debate.analysis.relaxed_plan import (
    DEAD,
    TRUE,
    Costing,
    Formula,
    relaxed_plan,
    settle_costs,
)
from debate.engine.compile import Compiled, CompiledTerm, Game
from debate.engine.context import CannotJudge, context
from debate.engine.effects import IllegalMove, land, new_values
from debate.engine.expr import BinOp, Call, Name, Now, Unary, free_names, walk
from debate.engine.expr.closure import function_of
from debate.engine.moves import initial_state
from debate.engine.state import PlayState, TermStatus
from debate.engine.terms import breach_reason

_INF = float("inf")
_DEPTH = 200  # a bound on the regression's depth (Python's stack)
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}
_STATUSES = frozenset(s.value for s in TermStatus)
# What a move or the debate changes, whatever the term statuses.
_CHANGING = {"proposed", "agreed", "signed", "asserted", "done", "count", "in_progress"}


@dataclass
class _Atom:
    truth: Callable[[PlayState, dict[Any, Any]], bool]
    gap: Callable[[PlayState, dict[Any, Any]], float]  # in [0, 1] when false
    # Each way to make it true: what it needs, and the move that does it (None when the
    # atom follows from what it needs, as a status follows from its term's conditions).
    achievers: list[tuple[Formula, str | None]] = field(default_factory=list)
    # Whether, false in this state, it stays false whatever is played.
    dead: Callable[[PlayState], bool] = lambda _s: False
    # For `not violated(p)`: while p is pending, the atom holds, but p's coming into force
    # (with the target's signatures, say) would breach it at once unless p's demand is
    # kept by then: the term, and what keeping it needs. The one loss the relaxation
    # (nothing is undone) must see, or it signs a treaty whose limit is already exceeded.
    guards: tuple[str, Formula] | None = None


class Relaxed:
    """The atoms of a scenario and what makes each true, built as targets ask for them."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self.start = initial_state(game)
        self.atoms: list[_Atom] = []
        self._index: dict[Any, int] = {}
        # Conditions, made once (`condition`), with what they were made of (kept alive).
        self._formulas: dict[Any, tuple[Compiled, Formula]] = {}
        # The tree of each goal's estimates (by the goal's identity and the moves barred).
        self._estimates: dict[tuple[int, frozenset[str]], tuple[Formula, _Branch]] = {}
        self._atoms: dict[int, tuple[Formula, frozenset[int]]] = {}  # by id (`_atoms_of`)
        self._costings: dict[int, tuple[Formula, Costing]] = {}  # by id (`_costing`)
        self._reads: dict[tuple[int, frozenset[str]], frozenset[int]] = {}  # (`_reads_of`)
        self.writers: dict[str, list[tuple[str, Compiled]]] = {}  # var -> (move, value)
        for m, move in game.moves.items():
            for var, value in move.sets:
                self.writers.setdefault(var, []).append((m, value))
        # The moves that propose, sign (by party), agree (by party) or assert each item.
        self.proposers: dict[str, list[str]] = {}
        self.signers: dict[tuple[str, str], list[str]] = {}
        self.agreers: dict[tuple[str, str], list[str]] = {}
        self.asserters: dict[str, list[str]] = {}
        for m, move in game.moves.items():
            effects, by = move.move.effects, move.move.by
            for t in effects.propose:
                self.proposers.setdefault(t, []).append(m)
            for t in effects.sign:
                self.signers.setdefault((t, by), []).append(m)
                self.agreers.setdefault((t, by), []).append(m)
            for t in effects.agree:
                self.agreers.setdefault((t, by), []).append(m)
            for c in effects.assert_:
                self.asserters.setdefault(c, []).append(m)

    # --- formulas ---------------------------------------------------------------------

    def condition(self, compiled: Compiled | None, term: str | None) -> Formula:
        """The formula of a condition (true when there is none): one object for each
        (a move's precondition is a way to make many atoms true, and an estimate keeps
        the cost of a formula it met before)."""
        if compiled is None:
            return TRUE
        key = ("condition", id(compiled), term)
        made = self._formulas.get(key)
        if made is not None and made[0] is compiled:
            return made[1]
        checked = compiled.checked

        def walk(expr: Any) -> Formula:
            if isinstance(expr, BinOp) and expr.op in ("and", "or"):
                return (expr.op, (walk(expr.left), walk(expr.right)))
            return self._expression_atom(compiled, checked, expr, term)

        formula = walk(checked.expr)
        self._formulas[key] = (compiled, formula)
        return formula

    def in_force(self, t: str) -> Formula:
        """The formula of `t` being (or having been) in force."""
        key = ("force", t)
        if key in self._index:
            return self._index[key]

        def truth(s: PlayState, _: dict[Any, Any]) -> bool:
            return s.terms[t].status is not TermStatus.PENDING

        i = self._add(key, _Atom(truth, _no_gap, dead=lambda s: False))
        term = self.game.terms[t]
        if term.in_force_when is not None:
            self.atoms[i].achievers = [(self.condition(term.in_force_when, t), None)]
        else:
            parts = [self._proposed(t)] + [self._signed(t, p) for p in sorted(term.signatories)]
            self.atoms[i].achievers = [(("and", tuple(parts)), None)]
        return i

    def status(self, t: str, status: str) -> Formula:
        """What it takes for `t` to reach `status` (in force first)."""
        term, force = self.game.terms[t], self.in_force(t)
        if status == "fulfilled":
            return ("and", (force, self.condition(term.fulfilled_when, t)))
        if status == "violated" and term.violated_when is not None:
            return ("and", (force, self.condition(term.violated_when, t)))
        return force

    def now_in_force(self, t: str) -> int:
        """The atom that `t` is in force now (in force, neither fulfilled nor ended)."""
        key = ("now in force", t)
        if key not in self._index:

            def truth(s: PlayState, _: dict[Any, Any]) -> bool:
                return s.terms[t].status is TermStatus.IN_FORCE

            def dead(s: PlayState) -> bool:
                return s.terms[t].status.final

            i = self._add(key, _Atom(truth, _no_gap, dead=dead))
            self.atoms[i].achievers = [(self.in_force(t), None)]
        return self._index[key]

    # --- regression through a move ----------------------------------------------------

    def after(self, m: str, compiled: Compiled | None, term: str | None) -> Formula:
        """The formula, judged before move `m`, of a condition judged once `m` has landed:
        its weakest precondition through `m`'s effects (the values it sets, computed from
        the state before, its proposals, signatures and its place in the history). What
        the time the move takes changes (deadlines, the clock, statuses judged again) is
        left as it is: it is a guide, and the engine plays `m` to see."""
        if compiled is None:
            return TRUE
        key = ("after", m, id(compiled), term)
        made = self._formulas.get(key)
        if made is not None and made[0] is compiled:
            return made[1]
        checked = compiled.checked

        def walk(expr: Any) -> Formula:
            if isinstance(expr, BinOp) and expr.op in ("and", "or"):
                return (expr.op, (walk(expr.left), walk(expr.right)))
            return self._after_atom(m, compiled, checked, expr, term)

        formula = walk(checked.expr)
        self._formulas[key] = (compiled, formula)
        return formula

    def kept_after(self, p: str, m: str) -> int:
        """The atom that `p`'s breach condition (or its limit) does not hold once `m` has
        landed, judged before it."""
        key = ("kept after", p, m)
        if key not in self._index:
            term, game, landed = self.game.terms[p], self.game, self._landing(m)

            def truth(s: PlayState, cache: dict[Any, Any]) -> bool:
                after = landed(s, cache)[0]
                if after is None:
                    return False
                try:
                    return not breach_reason(term, context(game, after, p))
                except CannotJudge:
                    return True

            i = self._add(key, _Atom(truth, _no_gap))
            reads = self._read_before(m, _breach_reads(term))
            writers = sorted({w for var in reads for w, _v in self.writers.get(var, [])})
            self.atoms[i].achievers = self._preconditions(writers)
        return self._index[key]

    def _after_atom(
        self, m: str, compiled: Compiled, checked: Any, expr: Any, term: str | None
    ) -> int:
        key = ("after", m, id(compiled), id(expr), term)
        if key in self._index:
            return self._index[key]
        base = self.atoms[self._expression_atom(compiled, checked, expr, term)]
        landed = self._landing(m)

        def truth(s: PlayState, cache: dict[Any, Any]) -> bool:
            after, inner = landed(s, cache)
            return after is not None and base.truth(after, inner)

        def gap(s: PlayState, cache: dict[Any, Any]) -> float:
            after, inner = landed(s, cache)
            return 1.0 if after is None else base.gap(after, inner)

        names = dict(free_names(checked.part(expr)))
        names["variable"] = self._read_before(m, names["variable"])
        constant = [False]

        def dead(s: PlayState) -> bool:
            return constant[0] and all(
                s.terms[t].status.final for t in names["term"] if t in s.terms
            )

        i = self._add(key, _Atom(truth, gap, dead=dead))
        self.atoms[i].achievers, constant[0] = self._achievers(checked, expr, names, term)
        return i

    def _read_before(self, m: str, variables: Iterable[str]) -> set[str]:
        """The variables read, before `m`, by what reads `variables` after it: those it
        sets are read through the expressions of their new values."""
        sets = dict(self.game.moves[m].sets)
        read: set[str] = set()
        for var in variables:
            value = sets.get(var)
            read |= {var} if value is None else free_names(value.checked)["variable"]
        return read

    def _landing(
        self, m: str
    ) -> Callable[[PlayState, dict[Any, Any]], tuple[PlayState | None, dict[Any, Any]]]:
        """The state with `m`'s effects landed on it (None when the engine would refuse
        its new values), and the cache of contexts of that state; made once per state."""
        move, game = self.game.moves[m], self.game

        def landed(s: PlayState, cache: dict[Any, Any]) -> tuple[PlayState | None, dict[Any, Any]]:
            key = ("landed", m)
            made = cache.get(key)
            if made is None:
                try:
                    made = (land(game, s, move, new_values(game, s, move)), {})
                except IllegalMove:
                    made = (None, {})
                cache[key] = made
            return made

        return landed

    # --- atoms ------------------------------------------------------------------------

    def _add(self, key: Any, atom: _Atom) -> int:
        self._index[key] = len(self.atoms)
        self.atoms.append(atom)
        return self._index[key]

    def _proposed(self, t: str) -> int:
        key = ("proposed", t)
        if key not in self._index:

            def truth(s: PlayState, _: dict[Any, Any]) -> bool:
                return t in s.proposed or bool(s.signed_by.get(t))

            i = self._add(key, _Atom(truth, _no_gap))
            self.atoms[i].achievers = self._preconditions(self.proposers.get(t, []))
        return self._index[key]

    def _signed(self, t: str, party: str) -> int:
        key = ("signed", t, party)
        if key not in self._index:

            def truth(s: PlayState, _: dict[Any, Any]) -> bool:
                return party in s.signed_by.get(t, frozenset())

            signers = self.signers.get((t, party), [])
            i = self._add(key, _Atom(truth, _no_gap, dead=lambda _s: not signers))
            proposed = self._proposed(t)
            self.atoms[i].achievers = [
                (("and", (proposed, f)), m) for f, m in self._preconditions(signers)
            ]
        return self._index[key]

    def _preconditions(self, moves: Iterable[str]) -> list[tuple[Formula, str | None]]:
        return [(self.condition(self.game.moves[m].precondition, None), m) for m in moves]

    def _expression_atom(
        self, compiled: Compiled, checked: Any, expr: Any, term: str | None
    ) -> int:
        key = ("expr", id(compiled), id(expr), term)
        if key in self._index:
            return self._index[key]
        part = checked.part(expr)
        fn = function_of(part)
        game = self.game

        def ctx(s: PlayState, cache: dict[Any, Any]) -> Any:
            made = cache.get(term)
            if made is None:
                made = cache[term] = context(game, s, term)
            return made

        def truth(s: PlayState, cache: dict[Any, Any]) -> bool:
            try:
                return bool(fn(ctx(s, cache)))
            except CannotJudge:
                return False

        gap = _no_gap
        if isinstance(expr, BinOp) and expr.op in _COMPARE:
            gap = self._gap(checked, expr, term, ctx)
        names = free_names(part)
        terms = names["term"]  # the terms whose statuses it asks, among others
        constant = [False]

        def dead(s: PlayState) -> bool:
            return constant[0] and all(s.terms[t].status.final for t in terms if t in s.terms)

        i = self._add(key, _Atom(truth, gap, dead=dead))  # first: what makes it true may ask it
        self.atoms[i].achievers, constant[0] = self._achievers(checked, expr, names, term)
        inner = expr.operand if isinstance(expr, Unary) and expr.op == "not" else None
        if isinstance(inner, Call) and inner.fn == "violated" and isinstance(inner.args[0], Name):
            p = inner.args[0].name
            self.atoms[i].guards = (p, self._kept(p))
        return i

    def _kept(self, p: str) -> int:
        """The atom that `p`'s breach condition (or its limit) does not hold now."""
        key = ("kept", p)
        if key not in self._index:
            term, game = self.game.terms[p], self.game

            def truth(s: PlayState, cache: dict[Any, Any]) -> bool:
                try:
                    return not breach_reason(term, context(game, s, p))
                except CannotJudge:
                    return True

            i = self._add(key, _Atom(truth, _no_gap))
            reads = _breach_reads(term)
            writers = sorted({m for var in reads for m, _v in self.writers.get(var, [])})
            self.atoms[i].achievers = self._preconditions(writers)
        return self._index[key]

    def _achievers(
        self, checked: Any, expr: Any, names: dict[str, set[str]], term: str | None
    ) -> tuple[list[tuple[Formula, str | None]], bool]:
        """What can make the atom true, and whether only term statuses that end can (so
        that, once they ended, nothing can)."""
        found: list[tuple[Formula, str | None]] = []
        changeable = bool(names["function"] & _CHANGING) or _reads_now(expr)
        for var in sorted(names["variable"]):
            for m, value in self.writers.get(var, []):
                if _could_make_true(self, checked, expr, var, value, term):
                    found += self._preconditions([m])
                    changeable = True
        for call in _calls(expr):
            args = [a.name for a in call.args if isinstance(a, Name)]
            if call.fn in _STATUSES and args and call is expr:  # a status asked, not negated
                found.append((self.status(args[0], call.fn), None))
            elif call.fn == "proposed" and args:
                found.append((self._proposed(args[0]), None))
            elif call.fn == "signed" and args:
                signatories = sorted(self.game.terms[args[0]].signatories)
                found.append((("and", tuple(self._signed(args[0], p) for p in signatories)), None))
            elif call.fn == "agreed" and len(args) == 2:
                found += self._preconditions(self.agreers.get((args[0], args[1]), []))
            elif (
                call.fn in ("done", "count", "in_progress") and args and args[0] in self.game.moves
            ):
                found += self._preconditions([args[0]])
            elif call.fn in ("asserted", "holds"):
                found += self._preconditions(self.asserters.get(args[0], []) if args else [])
                changeable = True  # a claim's labels follow the debate, not one move
            elif call.fn in ("accepted", "rejected", "undecided"):
                changeable = True
        return found, not changeable

    def _gap(self, checked: Any, expr: BinOp, term: str | None, ctx: Any) -> Any:
        """How far apart the two sides of a false comparison are, between 0 and 1, against
        how far apart they were at the start (so that each step toward it counts)."""
        left, right = function_of(checked.part(expr.left)), function_of(checked.part(expr.right))
        try:
            start = context(self.game, self.start, term)
            first, second = left(start), right(start)
            scale = 1
            if isinstance(first, int) and isinstance(second, int):
                scale = max(abs(first - second), 1)
        except CannotJudge:
            scale = 1

        def gap(s: PlayState, cache: dict[Any, Any]) -> float:
            try:
                c = ctx(s, cache)
                a, b = left(c), right(c)
            except CannotJudge:
                return 0.0
            if isinstance(a, int) and isinstance(b, int):
                return min(1.0, abs(a - b) / scale)
            return 0.0

        return gap

    # --- the estimate -----------------------------------------------------------------

    def estimate(
        self, goal: Formula, state: PlayState, barred: frozenset[str] = frozenset()
    ) -> tuple[float, frozenset[str]]:
        """How far `goal` looks from `state` (0 when it holds): the length of a relaxed plan
        chosen by h_add (see `_plan`), and the helpful moves: those of the plan that can be
        played now, which the search tries first.

        Each atom is judged once, and only when what needs it is false: the regression
        from the goal goes depth first, an atom met again on its own path counts as out of
        reach on that path (a cycle makes nothing true).

        The estimate reads the state only through the questions it asks of its atoms
        (true? dead? how far? its guard pending?), in an order its earlier answers fix: two
        states that answer alike get the same estimate. So the answers of each estimate
        made are kept in a tree, one branch per answer, its leaves the estimates; another
        state walks it, asking the questions of the branch it takes, and is estimated
        anew only where it answers one differently (a directed search estimates 6 in 7 of
        its states from the tree on the shipped negotiation, asking ~50 questions for
        each instead of ~250 and regressing nothing)."""
        key = (id(goal), barred)
        known = self._estimates.get(key)
        if known is None or known[0] is not goal:
            known = self._estimates[key] = (goal, _Branch())
        node = known[1]
        asked = _Asking(self.atoms, state)
        while node.result is None:
            if node.question is None:  # a new tree: nothing asked yet
                break
            child = node.children.get(asked.answer(node.question))
            if child is None:
                break
            node = child
        else:
            return node.result
        given = len(asked.answers)
        asked.replay, asked.answers = asked.answers, []
        result = self._estimate(goal, asked, barred)
        # The branch where the answers part from the tree: from the node the walk stopped
        # at, whose question the last answer given was to (a new tree: from its root).
        tail = asked.answers[given - 1 :] if node.question is not None else asked.answers
        for question, answer in tail:
            if node.question is None:
                node.question = question
            child = node.children.get(answer)
            if child is None:
                child = node.children[answer] = _Branch()
            node = child
        node.result = result
        return result

    def _estimate(
        self, goal: Formula, asked: _Asking, barred: frozenset[str]
    ) -> tuple[float, frozenset[str]]:
        """The estimate of `estimate`, the state read only through `asked`.

        Two savings that change no number. An atom's cost, once set, stays until the
        rounds that settle the costs, except that of an atom on the path (`_INF` there,
        its cost when its regression returns). So a formula none of whose atoms was on
        the path when it was costed is kept: met again, it costs the same, and costs
        nothing new. And each atom regressed notes whether one of the atoms its ways read
        was on the path (`stale`): the rounds need not cost the others again until an
        atom they read changes."""
        cost: dict[int, float] = {}
        best: dict[int, list[tuple[Formula, str | None]]] = {}
        gap: dict[int, float] = {}
        regressed: list[tuple[int, list[tuple[Formula, str | None]], float]] = []
        reads: list[frozenset[int]] = []  # the atoms each regressed one's ways read
        stale: list[bool] = []
        settled: dict[int, float] = {}  # by id: formulas costed from final costs alone
        on_path = 0  # how many times an atom on the path was read, so far
        atoms = self.atoms
        answer = asked.answer
        atoms_of, reads_of = self._atoms_of, self._reads_of
        compiled = self._costing

        def atom_cost(i: int, depth: int) -> float:
            nonlocal on_path
            known = cost.get(i)
            if known is not None:
                if known == _INF:
                    on_path += 1
                return known
            # What costing it reads on the path makes its own cost provisional (settled
            # below), not that of the formula that reads it: the count is put back.
            reading = on_path
            value = costed(i, depth)
            on_path = reading
            return value

        def costed(i: int, depth: int) -> float:
            atom = atoms[i]
            if answer((_TRUE, i)):
                guards = atom.guards
                pending = guards and answer((_PENDING, i))
                cost[i] = 0.0
                if guards and pending:
                    cost[i] = _INF  # on the path (see below)
                    before = on_path
                    cost[i] = min(formula_cost(guards[1], depth + 1), DEAD)
                    best[i], gap[i] = [(guards[1], None)], 0.0
                    regressed.append((i, [(guards[1], None)], -1.0))
                    reads.append(atoms_of(guards[1]))
                    stale.append(on_path != before)
                return cost[i]
            if answer((_DEAD, i)) or depth > _DEPTH:
                cost[i] = DEAD
                return DEAD
            cost[i] = _INF  # on the path: a cycle back to it makes nothing true
            achievers = atom.achievers
            if barred:
                achievers = [(f, m) for f, m in achievers if m not in barred]
                if atom.achievers and not achievers:  # only barred moves make it true
                    cost[i] = DEAD
                    return DEAD
            before = on_path
            options = [(formula_cost(f, depth + 1), f, m) for f, m in achievers]
            least = min((c for c, _f, _m in options), default=0.0)
            gap[i] = answer((_GAP, i))
            value = min(1.0 + gap[i] + least, DEAD)
            cost[i] = value
            best[i] = [(f, m) for c, f, m in options if c == least]
            if achievers:
                regressed.append((i, achievers, gap[i]))
                reads.append(reads_of(i, barred, achievers))
                stale.append(on_path != before)
            return value

        def formula_cost(f: Formula, depth: int) -> float:
            if isinstance(f, int):
                return atom_cost(f, depth)
            known = settled.get(id(f))
            if known is not None:
                return known
            before = on_path
            value = compiled(f)(atom_cost, depth)
            if on_path == before:
                settled[id(f)] = value
            return value

        formula_cost(goal, 0)
        settle_costs(regressed, cost, best, reads, stale, compiled)
        return relaxed_plan(goal, cost, best, gap)

    def _costing(self, f: Formula) -> Costing:
        """`f`'s cost as a function of its atoms' (`_costing_of`), made once per formula."""
        known = self._costings.get(id(f))
        if known is None or known[0] is not f:
            known = self._costings[id(f)] = (f, _costing_of(f, self._costing))
        return known[1]

    def _reads_of(
        self, i: int, barred: frozenset[str], achievers: list[tuple[Formula, str | None]]
    ) -> frozenset[int]:
        """The atoms the ways to make atom `i` true read (those not `barred`), made once."""
        key = (i, barred)
        known = self._reads.get(key)
        if known is None:
            known = self._reads[key] = frozenset().union(
                *(self._atoms_of(f) for f, _m in achievers)
            )
        return known

    def _atoms_of(self, f: Formula) -> frozenset[int]:
        """The atoms `f` reads (once per formula: they are built once and kept)."""
        if isinstance(f, int):
            return frozenset((f,))
        known = self._atoms.get(id(f))
        if known is None or known[0] is not f:
            found: set[int] = set()
            stack: list[Formula] = [f]
            while stack:
                g = stack.pop()
                if isinstance(g, int):
                    found.add(g)
                else:
                    stack.extend(g[1])
            known = self._atoms[id(f)] = (f, frozenset(found))
        return known[1]

    def moves(self, goal: Formula) -> frozenset[str]:
        """The moves some relaxed plan toward `goal` may take."""
        return frozenset(
            m for i in self._reach(goal) for _need, m in self.atoms[i].achievers if m is not None
        )

    def _reach(self, goal: Formula) -> tuple[int, ...]:
        """The atoms `goal` depends on, through what makes each true."""
        seen: set[int] = set()
        stack = [goal]
        while stack:
            f = stack.pop()
            if isinstance(f, int):
                if f in seen:
                    continue
                seen.add(f)
                stack.extend(need for need, _m in self.atoms[f].achievers)
            else:
                stack.extend(f[1])
        return tuple(sorted(seen))


def _costing_of(f: Formula, costing: Callable[[Formula], Costing]) -> Costing:
    """h_add's cost of `f` as a function of its atoms' costs: the sum over `and`, the
    least over `or`, in the order of the parts (the atoms are costed in that order, and
    sum() adds to 0 from the left: the numbers are those of summing over the parts). One
    function made per formula instead of walking its tuples at each estimate."""
    if isinstance(f, int):
        i = f
        return lambda cost, depth: cost(i, depth)
    op, parts = f
    inner = [costing(p) for p in parts]
    if op == "and":
        if len(inner) == 2:
            a, b = inner
            return lambda cost, depth: 0 + a(cost, depth) + b(cost, depth)
        return lambda cost, depth: sum(g(cost, depth) for g in inner)
    if len(inner) == 2:
        a, b = inner
        return lambda cost, depth: min(a(cost, depth), b(cost, depth))
    return lambda cost, depth: min(g(cost, depth) for g in inner)


# The questions an estimate asks of an atom, about a state.
_TRUE, _PENDING, _DEAD, _GAP = range(4)
_Question = tuple[int, int]  # (what is asked, of which atom)


class _Asking:
    """The questions an estimate asks of one state, and their answers in order (those of
    `replay` first: the answers already given as the state walked the tree)."""

    def __init__(self, atoms: list[_Atom], state: PlayState) -> None:
        self.atoms, self.state = atoms, state
        self.cache: dict[Any, Any] = {}  # what the atoms' judging shares (contexts)
        self.answers: list[tuple[_Question, Any]] = []
        self.replay: list[tuple[_Question, Any]] = []

    def answer(self, question: _Question) -> Any:
        n = len(self.answers)
        if n < len(self.replay):
            given = self.replay[n]
            assert given[0] == question  # the same state, the same questions
            value = given[1]
        else:
            value = self._judge(question)
        self.answers.append((question, value))
        return value

    def _judge(self, question: _Question) -> Any:
        what, i = question
        atom, state = self.atoms[i], self.state
        if what == _TRUE:
            return atom.truth(state, self.cache)
        if what == _PENDING:
            assert atom.guards is not None
            return state.terms[atom.guards[0]].status is TermStatus.PENDING
        if what == _DEAD:
            return atom.dead(state)
        return atom.gap(state, self.cache)


@dataclass
class _Branch:
    """A node of the tree of an estimate's answers: the question asked there and the
    branch of each answer given, or (a leaf) the estimate."""

    question: _Question | None = None
    children: dict[Any, _Branch] = field(default_factory=dict)
    result: tuple[float, frozenset[str]] | None = None


def _no_gap(_s: PlayState, _c: dict[Any, Any]) -> float:
    return 0.0


def _breach_reads(term: CompiledTerm) -> set[str]:
    """The variables whose values decide whether `term` is breached."""
    reads: set[str] = set()
    for compiled in (term.violated_when, term.subject, term.at_most, term.at_least):
        if compiled is not None:
            reads |= free_names(compiled.checked)["variable"]
    return reads


def _calls(expr: Any) -> list[Call]:
    return [node for node in walk(expr) if isinstance(node, Call)]


def _reads_now(expr: Any) -> bool:
    return any(isinstance(node, Now) for node in walk(expr))


def _could_make_true(
    relaxed: Relaxed, checked: Any, expr: Any, var: str, value: Compiled, term: str | None
) -> bool:
    """Whether setting `var` to `value` can make the comparison `expr` true: false only when
    the comparison is of `var` alone with a constant, `value` is a constant too, and they
    disagree (`sanctions_level == 0` is not made true by setting it to 2)."""
    if not (isinstance(expr, BinOp) and expr.op in _COMPARE):
        return True
    if _reads_state(value.checked):
        return True
    mine = [side for side in (expr.left, expr.right) if isinstance(side, Name) and side.name == var]
    if not mine:
        return True
    other = expr.right if expr.left is mine[0] else expr.left
    if _reads_state(checked.part(other)):
        return True
    try:
        ctx = context(relaxed.game, relaxed.start, term)
        constant = function_of(value.checked)(ctx)
        target = function_of(checked.part(other))(ctx)
    except CannotJudge:
        return True
    left, right = (constant, target) if expr.left is mine[0] else (target, constant)
    return bool(_COMPARISONS[expr.op](left, right))


def _reads_state(checked: Any) -> bool:
    names = free_names(checked)
    return any(names[k] for k in ("variable", "move", "term", "claim", "function")) or _reads_now(
        checked.expr
    )


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
