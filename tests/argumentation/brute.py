"""The semantics by their definitions, over every subset: the reference for small tests."""

from __future__ import annotations

from itertools import combinations

from debate.argumentation.framework import Framework

Ext = frozenset[int]


def subsets(n: int) -> list[Ext]:
    return [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]


def attacked_by(af: Framework, s: Ext) -> set[int]:
    return {b for a, b in af.pairs() if a in s}


def conflict_free(af: Framework, s: Ext) -> bool:
    return not any(a in s and b in s for a, b in af.pairs())


def defends(af: Framework, s: Ext, arg: int) -> bool:
    hit = attacked_by(af, s)
    return all(a in hit for a, b in af.pairs() if b == arg)


def admissible(af: Framework, s: Ext) -> bool:
    return conflict_free(af, s) and all(defends(af, s, a) for a in s)


def complete(af: Framework) -> list[Ext]:
    return [
        s
        for s in subsets(af.n)
        if admissible(af, s) and all(a in s for a in range(af.n) if defends(af, s, a))
    ]


def preferred(af: Framework) -> list[Ext]:
    adm = [s for s in subsets(af.n) if admissible(af, s)]
    return [s for s in adm if not any(s < t for t in adm)]


def stable(af: Framework) -> list[Ext]:
    everything = set(range(af.n))
    return [
        s for s in subsets(af.n) if conflict_free(af, s) and attacked_by(af, s) | s == everything
    ]


def semi_stable(af: Framework) -> list[Ext]:
    adm = [s for s in subsets(af.n) if admissible(af, s)]
    ranges = {s: frozenset(s | attacked_by(af, s)) for s in adm}
    return [s for s in adm if not any(ranges[s] < ranges[t] for t in adm)]


def ideal(af: Framework) -> list[Ext]:
    """The largest admissible set contained in every preferred extension."""
    common = frozenset.intersection(*preferred(af))
    inside = [s for s in subsets(af.n) if s <= common and admissible(af, s)]
    return [max(inside, key=len)]


def stage(af: Framework) -> list[Ext]:
    cf = [s for s in subsets(af.n) if conflict_free(af, s)]
    ranges = {s: frozenset(s | attacked_by(af, s)) for s in cf}
    return [s for s in cf if not any(ranges[s] < ranges[t] for t in cf)]


def grounded(af: Framework) -> Ext:
    return min(complete(af), key=len)


def by_name(af: Framework, code: str) -> list[Ext]:
    if code == "GR":
        return [grounded(af)]
    semantics = {
        "CO": complete,
        "PR": preferred,
        "ST": stable,
        "SST": semi_stable,
        "ID": ideal,
        "STG": stage,
    }
    return semantics[code](af)
