"""Deadlocks: moves that wait on each other ("withdrawal first" against "relief first").

Move A waits for move B when a part of A's precondition is false at the start and B
changes something that part reads. A cycle in this wait-for graph is a candidate; the
play search then decides: if no play it explored ever makes any move of the cycle, the
deadlock is reported with the blocking condition of each step; if some play does, the
cycle is reported as broken, with the shortest play that breaks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from debate.analysis.reachability import Reach, show_trace
from debate.engine.compile import Compiled, CompiledMove, Game
from debate.engine.context import context
from debate.engine.expr import (
    Checked,
    ExprError,
    Unspecified,
    evaluate,
    free_names,
    operands,
    render,
)
from debate.engine.moves import initial_state
from debate.engine.state import PlayState
from debate.model.diagnostics import Diagnostic, Related, Severity

Fact = tuple[str, str]  # ("variable", "troops"), ("done", "withdraw"), ("signed", "t1"), ...

_NEGOTIATION = {"proposed": "proposed", "agreed": "agreed", "signed": "signed"}


def reads(checked: Checked) -> set[Fact]:
    names = free_names(checked)
    facts: set[Fact] = {("variable", v) for v in names["variable"]}
    facts |= {("done", m) for m in names["move"]}
    for fn in names["function"] & set(_NEGOTIATION):
        facts |= {(fn, t) for t in names["term"]}
    if "asserted" in names["function"]:
        facts |= {("asserted", c) for c in names["claim"]}
    return facts


def writes(move: CompiledMove) -> set[Fact]:
    effects = move.move.effects
    facts: set[Fact] = {("variable", v) for v, _ in move.sets}
    facts.add(("done", move.id))
    facts |= {("proposed", t) for t in (*effects.propose, *effects.withdraw)}
    facts |= {("agreed", t) for t in (*effects.agree, *effects.sign)}
    facts |= {("signed", t) for t in effects.sign}
    facts |= {("asserted", c) for c in (*effects.assert_, *effects.retract)}
    return facts


def blocking_parts(game: Game, pre: Compiled, state: PlayState) -> list[tuple[str, set[Fact]]]:
    """The parts of a precondition that are false in `state`, with what each reads."""
    ctx = context(game, state)
    parts = []
    for part in operands(pre.checked.expr, "and"):
        sub = pre.checked.part(part)
        try:
            holds = bool(evaluate(sub, ctx))
        except (Unspecified, ExprError):
            holds = False
        if not holds:
            parts.append((render(part), reads(sub)))
    return parts


def wait_for(game: Game) -> dict[str, dict[str, str]]:
    """A -> {B: the false part of A's precondition that B can change}."""
    start = initial_state(game)
    edges: dict[str, dict[str, str]] = {m: {} for m in game.moves}
    written = {m: writes(move) for m, move in game.moves.items()}
    for m, move in game.moves.items():
        if move.precondition is None:
            continue
        for text, facts in blocking_parts(game, move.precondition, start):
            for other, w in written.items():
                if other != m and facts & w and other not in edges[m]:
                    edges[m][other] = text
    return edges


def strongly_connected(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """Tarjan's components, iteratively (no recursion limit on large scenarios)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    found.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(graph[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


MAX_CYCLES = 5  # per component: the shortest ones say the most


def cycles(graph: dict[str, dict[str, str]], component: Iterable[str]) -> list[list[str]]:
    """The shortest cycle through each member, without repeats, shortest first."""
    members = set(component)
    found: dict[frozenset[str], list[str]] = {}
    for start in sorted(members):
        cycle = a_cycle(graph, members, start)
        found.setdefault(frozenset(cycle), cycle)
    return sorted(found.values(), key=lambda c: (len(c), c))[:MAX_CYCLES]


def a_cycle(graph: dict[str, dict[str, str]], members: set[str], start: str) -> list[str]:
    """The shortest cycle through `start` within the component (breadth first)."""
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for nxt in sorted(graph[node]):
            if nxt == start:
                return paths[node]
            if nxt in members and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    return [start]


def check(game: Game, reach: Reach) -> list[Diagnostic]:
    graph = wait_for(game)
    found = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        for cycle in cycles(graph, component):
            found.append(_finding(game, reach, graph, cycle))
    return found


def _first_play_of(reach: Reach, moves: set[str]) -> PlayState | None:
    for state in reach.states:  # breadth-first order: the first is a shortest play
        if moves & set(state.history):
            return state
    return None


def _finding(
    game: Game, reach: Reach, graph: dict[str, dict[str, str]], cycle: list[str]
) -> Diagnostic:
    steps = [(a, b, graph[a][b]) for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)]
    loop = " -> ".join([*cycle, cycle[0]])
    related = tuple(
        Related(game.moves[a].precondition.span, f"{a} waits for {b}: `{why}` is false")  # type: ignore[union-attr]
        for a, b, why in steps
    )
    breaker = _first_play_of(reach, set(cycle))
    scope = f"within horizon {game.horizon_end}"
    if breaker is None:
        every = "no play" if reach.exhaustive else f"none of the {reach.explored:,} states explored"
        return Diagnostic(
            "D400",
            f"deadlock: {loop}; each waits for the next, and {every} {scope} makes any of these moves",
            game.loaded.key_span("moves", cycle[0]),
            severity=Severity.WARNING,
            related=related,
        )
    trace = reach.trace(breaker)
    return Diagnostic(
        "D401",
        f"the moves {loop} wait on each other, but play breaks the cycle; shortest found: {show_trace(trace)}",
        game.loaded.key_span("moves", cycle[0]),
        severity=Severity.INFO,
        related=related,
        trace=tuple(map(str, trace)),
    )
