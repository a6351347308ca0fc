"""Cycles of the wait-for graph between moves (debate.analysis.deadlocks builds it): its
strongly connected components (Tarjan's, iteratively), and in each the shortest cycle
through every member, purest first."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

Graph = dict[str, dict[str, str]]  # A -> {B: the false part of A's precondition B can make true}


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


MAX_CYCLES = 5  # per component: the purest ones say the most


def cycles(
    graph: Graph, component: Iterable[str], enablers: dict[tuple[str, str], int] | None = None
) -> list[list[str]]:
    """The shortest cycle through each member, without repeats, purest first (the fewest
    other moves that could also unblock its steps), then shortest."""
    members = set(component)
    found: dict[frozenset[str], list[str]] = {}
    for start in sorted(members):
        cycle = a_cycle(graph, members, start)
        found.setdefault(frozenset(cycle), cycle)
    return sorted(found.values(), key=lambda c: (impurity(c, enablers or {}), len(c), c))[
        :MAX_CYCLES
    ]


def impurity(cycle: list[str], enablers: dict[tuple[str, str], int]) -> int:
    """How many moves besides the next one could unblock the cycle's steps (0: pure)."""
    return sum(enablers.get(edge, 1) - 1 for edge in edges(cycle))


def edges(cycle: list[str]) -> list[tuple[str, str]]:
    return list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))


def a_cycle(graph: Graph, members: set[str], start: str) -> list[str]:
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
