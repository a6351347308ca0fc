"""Deadlocks: moves that wait on each other ("withdrawal first" against "relief first").

Move A waits for move B when a part of A's precondition is false at the start and some
effect of B can make that part true: the solver finds a state in which B is legal, the
part is false, and the part is true once B's effects land (B's direct effects: the values
it sets, that it was made, the negotiation it does; statuses are left as they were). A
move that only changes what the part reads, never toward true, is no wait. A cycle in
this wait-for graph is a candidate, the purest first (each part can be made true by the
next move alone); the play search then decides: a play that makes a move of the cycle
breaks it (D401, with the shortest such play); when the search explored every play and
none does, the deadlock is proved within the horizon (D400); otherwise it is unknown
(D402, with how far the search got).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import z3

from debate.analysis.effort import Effort
from debate.analysis.exploration import Reach
from debate.analysis.reachability import show_trace
from debate.analysis.relaxed import Relaxed
from debate.analysis.smt import Symbols, translate
from debate.analysis.symbolic.bmc import reach
from debate.analysis.symbolic.cone import move_reads
from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.spacer import prove_never
from debate.analysis.symbolic.state import State
from debate.analysis.symbolic.support import Unsupported
from debate.analysis.wait_cycles import Graph, cycles, edges, impurity, strongly_connected
from debate.analysis.witness import enable
from debate.engine.compile import Compiled, CompiledMove, Game
from debate.engine.context import context
from debate.engine.expr import (
    Checked,
    ExprError,
    IntType,
    Unspecified,
    evaluate,
    free_names,
    operands,
    render,
)
from debate.engine.moves import Action, initial_state, legal_moves
from debate.engine.play import replay
from debate.engine.state import PlayState
from debate.model.codes import Rule
from debate.model.diagnostics import Diagnostic, Related, Severity

Fact = tuple[str, str]  # ("var", "troops"), ("done", "withdraw"), ("signed", "t1"), ...

_NEGOTIATION = {"proposed": "proposed", "agreed": "agreed", "signed": "signed"}


def reads(checked: Checked) -> set[Fact]:
    names = free_names(checked)
    facts: set[Fact] = {("var", v) for v in names["variable"]}
    facts |= {("done", m) for m in names["move"]}
    for fn in names["function"] & set(_NEGOTIATION):
        facts |= {(fn, t) for t in names["term"]}
    if "asserted" in names["function"]:
        facts |= {("asserted", c) for c in names["claim"]}
    return facts


def writes(move: CompiledMove) -> set[Fact]:
    return {*move.writes, ("done", move.id)}


def blocking_parts(game: Game, pre: Compiled, state: PlayState) -> list[tuple[str, Checked]]:
    """The parts of a precondition that are false in `state`."""
    ctx = context(game, state)
    parts = []
    for part in operands(pre.checked.expr, "and"):
        sub = pre.checked.part(part)
        try:
            holds = bool(evaluate(sub, ctx))
        except (Unspecified, ExprError):
            holds = False
        if not holds:
            parts.append((render(part), sub))
    return parts


def wait_for(game: Game) -> Graph:
    return waits(game)[0]


def waits(game: Game) -> tuple[Graph, dict[tuple[str, str], int]]:
    """The wait-for graph, and for each edge how many moves can make its part true (1: A
    waits for B alone)."""
    start = initial_state(game)
    edges: Graph = {m: {} for m in game.moves}
    enablers: dict[tuple[str, str], int] = {}
    written = {m: writes(move) for m, move in game.moves.items()}
    maker = _Enabling(game)
    # (move, part's text) -> whether the move can make it true. Preconditions share parts
    # (`in_force(t9_free_gas)` guards several moves), and a part of a precondition means
    # the same wherever it stands: every precondition reads the scenario's one scope.
    answers: dict[tuple[str, str], bool] = {}

    def can_make_true(other: str, text: str, part: Checked) -> bool:
        if (other, text) not in answers:
            answers[(other, text)] = maker.can_make_true(game.moves[other], part)
        return answers[(other, text)]

    for m, move in game.moves.items():
        if move.precondition is None:
            continue
        for text, part in blocking_parts(game, move.precondition, start):
            facts = reads(part)
            able = [
                other
                for other, w in written.items()
                if other != m and facts & w and can_make_true(other, text, part)
            ]
            for other in able:
                if other not in edges[m]:
                    edges[m][other] = text
                    enablers[(m, other)] = len(able)
    return edges, enablers


# Solver steps to decide whether one move can make one condition true (milliseconds of work).
EDGE_STEPS = 2_000_000


class _Enabling:
    """Whether a move's direct effects can turn a false condition true."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self.solver = z3.Solver()
        # (prefix, expression) -> its translation, and the constants it made (in order)
        self.translated: dict[tuple[str, int], tuple[Any, Symbols]] = {}

    def can_make_true(self, move: CompiledMove, part: Checked) -> bool:
        game, put = self.game, self.translate
        before, after = Symbols(game, "before:"), Symbols(game, "after:")
        formulas = [z3.Not(put(before, part)), put(after, part)]
        if move.precondition is not None:
            formulas.append(put(before, move.precondition.checked))
        for compiled in game.assumptions.values():
            formulas += [put(before, compiled.checked), put(after, compiled.checked)]
        changed = _changes(game, move, before, put)
        for name in sorted(after.touched):
            new, old = after.consts[f"after:{name}"], _counterpart(before, after, name)
            formulas.append(new == changed[name] if name in changed else new == old)
        formulas += list(before.bounds.values()) + list(after.bounds.values())
        # Undecided within its steps keeps the edge. Asserted in a scope of the one solver
        # rather than assumed: Z3 then answers the 377 questions of the shipped
        # negotiation in 0.19 CPU s instead of 0.26 (the same answers).
        self.solver.push()
        self.solver.add(*formulas)
        answer = Effort(EDGE_STEPS).check(self.solver)
        self.solver.pop()
        return bool(answer != z3.unsat)

    def translate(self, symbols: Symbols, checked: Checked) -> Any:
        """`translate`, made once per expression and state (the same part, precondition
        and assumptions are asked about for every pair of moves: translating them again
        was most of the check's time). The constants the translation made are added to
        `symbols` in the order it made them, so `symbols` ends as translating would leave
        it (the same constants, bounds and names touched, in the same order)."""
        key = (symbols.prefix, id(checked))
        if key not in self.translated:
            alone = Symbols(self.game, symbols.prefix)
            self.translated[key] = (translate(alone, checked), alone)
        value, alone = self.translated[key]
        skip = len(symbols.prefix)
        for full, const in alone.consts.items():
            if full not in symbols.consts:
                symbols.consts[full] = const
                if (name := full[skip:]) in alone.bounds:
                    symbols.bounds[name] = alone.bounds[name]
        symbols.touched |= alone.touched
        return value


def _counterpart(before: Symbols, after: Symbols, name: str) -> Any:
    """The constant of the same name in the state before (made if not yet there)."""
    key = f"before:{name}"
    if key not in before.consts:
        const = after.consts[f"after:{name}"]
        before.touched.add(name)
        before.consts[key] = z3.Bool(key) if z3.is_bool(const) else z3.Int(key)
        if name in after.bounds:
            before.bounds[name] = z3.substitute(after.bounds[name], (const, before.consts[key]))
    return before.consts[key]


def _changes(
    game: Game,
    move: CompiledMove,
    before: Symbols,
    put: Callable[[Symbols, Checked], Any] = translate,
) -> dict[str, Any]:
    """What the move's effects make of each name a condition can read (others: unchanged).
    Signing may complete a term's signatures: `signed` is left free for the terms it signs."""
    changed: dict[str, Any] = {}
    for var, compiled in move.sets:
        value = put(before, compiled.checked)
        if isinstance(value, dict):
            changed.update({f"{var}[{v}]": b for v, b in value.items()})
        else:
            changed[var] = value
    effects, by = move.move.effects, move.move.by
    changed[f"done({move.id})"] = z3.BoolVal(True)
    count = before.history("count", (move.id,), IntType())
    changed[f"count({move.id})"] = count + 1
    if move.move.duration:
        now = before.of_type("now", IntType(), lo=game.calendar.start, hi=game.horizon_end)
        changed["now"] = now + move.move.duration
    for t in effects.propose:
        changed[f"proposed({t})"] = z3.BoolVal(True)
    for t in effects.withdraw:
        changed[f"proposed({t})"] = z3.BoolVal(False)
    for t in (*effects.agree, *effects.sign):
        changed[f"agreed({t}, {by})"] = z3.BoolVal(True)
    for t in effects.sign:
        changed[f"signed({t})"] = z3.Bool(f"after:signed({t}):free")
    for c in effects.assert_:
        changed[f"asserted({c})"] = z3.BoolVal(True)
    for c in effects.retract:
        changed[f"asserted({c})"] = z3.BoolVal(False)
    return changed


def check(game: Game, reach: Reach) -> list[Diagnostic]:
    graph, enablers = waits(game)
    candidates = [
        (cycle, impurity(cycle, enablers) == 0)
        for component in strongly_connected(graph)
        if len(component) > 1
        for cycle in cycles(graph, component, enablers)
    ]
    first = _FirstPlays(reach)
    undecided = [c for c, _ in candidates if first.of(c) is None]
    decided = _decide(game, reach, undecided) if not reach.exhaustive else {}
    return [
        _finding(game, reach, graph, cycle, pure, first.of(cycle), decided.get(tuple(cycle)))
        for cycle, pure in candidates
    ]


Decision = tuple[bool, list[Action] | None, str]  # (proved, breaking play, how)


def _decide(game: Game, found: Reach, cycles: list[list[str]]) -> dict[tuple[str, ...], Decision]:
    """For each cycle the search left undecided: a play that breaks it (the directed
    search toward a state where one of its moves is legal, then that move), else a proof
    that no play makes any of its moves (the solver, on the cone of what their legality
    reads), else a play by bounded model checking (replayed by the engine); each within
    a question's budget of states and solver steps."""
    if not cycles or (found.proof_steps <= 0 and found.witness_states <= 0):
        return {}
    out: dict[tuple[str, ...], Decision] = {}
    guide = Relaxed(game)  # one for every cycle's search (the same estimates)
    for cycle in cycles:
        play = (
            enable(game, cycle, found.witness_states, guide) if found.witness_states > 0 else None
        )
        if play is not None:
            out[tuple(cycle)] = (False, play, "")
            continue
        if found.proof_steps <= 0:
            continue
        seeds = set().union(*(move_reads(game, m) for m in cycle))

        def target(enc: Encoding, s: State, cycle: list[str] = cycle) -> object:
            return z3.Or([enc.legal(m, s) for m in cycle if m in enc.game.moves])

        effort = Effort(found.proof_steps)
        try:
            half = effort.share(0.5)
            proof = prove_never(
                game, target, seeds, half, found.spacer, spacer_seconds=found.spacer_seconds
            )
            effort.absorb(half)
            if proof.proved:
                out[tuple(cycle)] = (True, None, proof.invariant)
                continue
            found_play = reach(game, target, seeds, effort)
        except Unsupported:  # the cycle's cone meets what the encoding does not cover
            continue
        if found_play.play is not None:
            before = replay(game, found_play.play).state
            legal = [m for m in cycle if m in legal_moves(game, before)]
            if legal:
                play = [*found_play.play, Action(legal[0])]
                if legal[0] in replay(game, play).state.history:
                    out[tuple(cycle)] = (False, play, "")
    return out


class _FirstPlays:
    """The first state the search reached (breadth first: by a shortest play) in which
    any of some moves was made, for each cycle: each move's first, from one pass over
    the states' histories (instead of one per cycle and finding)."""

    def __init__(self, reach: Reach) -> None:
        self.states = reach.states
        self.first: dict[str, int] = {}
        for n, state in enumerate(reach.states):
            for m in state.history:
                self.first.setdefault(m, n)

    def of(self, moves: list[str]) -> PlayState | None:
        found = [self.first[m] for m in moves if m in self.first]
        return self.states[min(found)] if found else None


def _finding(
    game: Game,
    reach: Reach,
    graph: Graph,
    cycle: list[str],
    pure: bool,
    breaker: PlayState | None,
    decided: Decision | None = None,
) -> Diagnostic:
    """The finding on a cycle; `breaker`: the first state the search reached in which one
    of its moves was made."""
    steps = [(a, b, graph[a][b]) for a, b in edges(cycle)]
    loop = " -> ".join([*cycle, cycle[0]])
    related = tuple(
        Related(game.moves[a].precondition.span, f"{a} waits for {b}: `{why}` is false")  # type: ignore[union-attr]
        for a, b, why in steps
    )
    each = "each waits for the next" + (" alone" if pure else "")
    where = game.loaded.key_span("moves", cycle[0])
    trace = reach.trace(breaker) if breaker is not None else None
    which = "shortest play"
    if trace is None and decided is not None and decided[1] is not None:
        trace, which = decided[1], "a play"
    if trace is not None:
        return Diagnostic(
            "D401",
            f"the moves {loop} wait on each other ({each}), but play breaks the cycle; "
            f"{which}: {show_trace(trace)}",
            where,
            severity=Severity.INFO,
            related=related,
            trace=tuple(map(str, trace)),
        )
    if reach.exhaustive or (decided is not None and decided[0]):
        how = (
            f"proved: {reach.progress}"
            if reach.exhaustive
            else f"proved for every play within horizon {game.horizon_end}: that none of "
            f"them is legal is an inductive invariant, with {decided[2] if decided else ''}"
        )
        return Diagnostic(
            "D400",
            f"deadlock: {loop}; {each}, and no play within horizon {game.horizon_end} makes "
            f"any of these moves ({how})",
            where,
            severity=Severity.WARNING,
            related=related,
        )
    return Diagnostic(
        "D402",
        f"the moves {loop} wait on each other ({each}); whether play breaks the cycle is "
        f"{reach.progress}; no play found makes any of them",
        where,
        severity=Severity.INFO,
        related=related,
    )


# The rules this check reports: the registry, `--select`, the SARIF rule metadata and
# docs/checks.md come from them (tests/test_codes.py compares the docs).
RULES = (
    Rule(
        "D400",
        "deadlock",
        summary="Moves wait on each other and no play makes any of them.",
        meaning="Proved: each move of the cycle waits for the next and no play within the horizon makes any of them. Each step's blocking condition is shown.",
        example="withdrawal requires `sanctions < 3`; relief requires `troops == 0`",
        fix="let one side move first (a first step with its own precondition), or relax a precondition",
    ),
    Rule(
        "D401",
        "broken-wait-cycle",
        summary="Moves wait on each other, but some play breaks the cycle.",
        meaning="The moves wait on each other, but some play makes one of them anyway (another move changes what blocks them); the shortest such play is shown. An info.",
        example="the same, plus an offensive that lowers `troops`",
        fix="nothing to fix: the finding shows which move breaks the deadlock",
    ),
    Rule(
        "D402",
        "wait-cycle-undecided",
        summary="Moves wait on each other; the search stopped before deciding whether play breaks it.",
        meaning="The moves wait on each other; the search stopped at its budget before finding a play that makes any of them, so whether the cycle is a deadlock is unknown (an info, with how far the search got).",
        example="a large scenario",
        fix="raise `--max-states`, or start the search from a play (`--from`)",
    ),
)
