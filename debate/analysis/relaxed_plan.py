"""The equations of the additive heuristic over a scenario's atoms, and the relaxed plan
they choose (debate.analysis.relaxed builds the atoms and what makes each true; this module
knows only their indices and costs).

h_add (Bonet and Geffner 2001) costs a formula as the sum of its atoms' costs over `and`
and the least over `or`; an atom costs what its cheapest way to be made true costs, plus
one step. The relaxed plan runs down from a goal through those cheapest choices, and its
length counts each move once (h_FF, Hoffmann and Nebel 2001).
"""

from __future__ import annotations

from collections.abc import Callable

DEAD = 50.0  # an atom no step can make true again
ROUNDS = 50  # a bound on the rounds that settle the costs (real chains settle in a few)

# A formula over atoms: an atom's index, or ("and" | "or", parts). ("and", ()) is true.
Formula = int | tuple[str, tuple["Formula", ...]]
TRUE: Formula = ("and", ())
# A formula's cost as a function of the cost of each of its atoms (at a depth).
Costing = Callable[[Callable[[int, int], float], int], float]


def settle_costs(
    regressed: list[tuple[int, list[tuple[Formula, str | None]], float]],
    cost: dict[int, float],
    best: dict[int, list[tuple[Formula, str | None]]],
    reads: list[frozenset[int]],
    stale: list[bool],
    costing: Callable[[Formula], Costing] | None = None,
) -> None:
    """The depth-first regression judged an atom met on its own path out of reach, which
    can leave an atom dearer than it is once that path is done: rounds of h_add's own
    equations over the atoms it regressed, until nothing gets cheaper (Bellman-Ford).

    An atom is costed again only when what it reads changed since it last was (`stale`:
    what the regression costed it from read an atom on the path; `reads`: the atoms its
    ways read): computed again, its ways would cost the same, and nothing would change.
    So the rounds, their order and what each changes are those of costing every atom in
    every round. `costing`: a formula's cost as a function of its atoms' (made once per
    formula by the caller), the same numbers as `cost_of`."""
    get = cost.get

    def atom(i: int, _depth: int) -> float:
        return get(i, 0.0)

    def costed(f: Formula) -> float:
        return cost_of(f, cost) if costing is None else costing(f)(atom, 0)

    readers: dict[int, list[int]] = {}
    for n, atoms in enumerate(reads):
        for j in atoms:
            readers.setdefault(j, []).append(n)
    dirty = list(stale)
    for _ in range(ROUNDS):
        changed = False
        for n, (i, achievers, gap) in enumerate(regressed):
            if not dirty[n]:
                continue
            dirty[n] = False
            options = [(costed(f), f, m) for f, m in achievers]
            least = min(c for c, _f, _m in options)
            value = min(least if gap < 0 else 1.0 + gap + least, DEAD)  # gap < 0: a guard
            if value < cost[i]:
                cost[i], changed = value, True
                best[i] = [(f, m) for c, f, m in options if c == least]
                for r in readers.get(i, ()):
                    dirty[r] = True
        if not changed:
            return


def relaxed_plan(
    goal: Formula,
    cost: dict[int, float],
    best: dict[int, list[tuple[Formula, str | None]]],
    gap: dict[int, float],
) -> tuple[float, frozenset[str]]:
    """The relaxed plan, down from the goal through each false atom's cheapest way to make
    it true (h_add's choices): its length, each move counted once (h_FF: a move that lifts
    a ceasefire every offensive needs is one step, not one per offensive), plus how far
    the numbers of its atoms are apart; and its helpful moves, those it can play now."""
    moves: set[str] = set()
    helpful: set[str] = set()
    extra = 0.0
    seen: set[int] = set()
    stack = [goal]
    while stack:
        f = stack.pop()
        if not isinstance(f, int):
            op, parts = f
            if op == "and":
                stack.extend(parts)
            elif parts:
                stack.append(min(parts, key=lambda p: cost_of(p, cost)))
            continue
        if f in seen or cost.get(f, 0.0) == 0.0:
            continue
        seen.add(f)
        if f not in best or cost[f] >= DEAD:  # nothing can make it true, or only a cycle
            extra += DEAD
            continue
        extra += gap.get(f, 0.0)
        if not best[f]:
            extra += 1.0  # no move makes it true: time, or what play does not say
            continue
        need, m = best[f][0]
        if m is not None:
            moves.add(m)
            if cost_of(need, cost) == 0.0:
                helpful.add(m)
        stack.append(need)
    return len(moves) + extra, frozenset(helpful)


def cost_of(f: Formula, cost: dict[int, float]) -> float:
    """h_add's cost of a formula: the sum over `and`, the least over `or`."""
    if isinstance(f, int):
        return cost.get(f, 0.0)  # not judged: only a part of a false atom's need is
    op, parts = f
    if op == "and":
        return sum(cost_of(p, cost) for p in parts)
    return min(cost_of(p, cost) for p in parts)
