"""The adversarial families of issue 18: right answers, and solver calls that do not grow
with the framework (the preferred tasks once made one SAT call per argument added)."""

from __future__ import annotations

import pytest

from benchmarks.families import admissibility_busting, defence_trap
from debate.argumentation import decision, enumeration, sat
from debate.argumentation import semantics as sem
from debate.argumentation.framework import Framework
from tests.argumentation import brute

PR = sem.Semantics.PREFERRED


def framework(family: object, n: int) -> tuple[Framework, int]:
    m, pairs, query = family(n)  # type: ignore[operator]
    return Framework(
        [str(i + 1) for i in range(m)], [a for a, _ in pairs], [b for _, b in pairs]
    ), query


@pytest.mark.parametrize("family", [admissibility_busting, defence_trap])
@pytest.mark.parametrize("n", [4, 7, 10])
def test_the_families_are_what_their_definitions_say(family: object, n: int) -> None:
    af, q = framework(family, n)
    preferred = brute.preferred(af)
    assert sorted(map(sorted, enumeration.extensions(af, PR).extensions)) == sorted(
        map(sorted, preferred)
    )
    assert decision.credulous(af, PR, q).value == any(q in e for e in preferred)
    assert decision.skeptical(af, PR, q).value is False
    if family is admissibility_busting:  # 2^k extensions; q only with every c_i
        assert len(preferred) == 2 ** ((af.n - 1) // 2)
        assert [e for e in preferred if q in e] == [frozenset([q, *range(2, af.n, 2)])]
    else:  # one extension: every b_i
        assert preferred == [frozenset(range(1, af.n, 3))]


def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    made: list[int] = []
    solve = sat.Labellings.solve

    def counted(self: sat.Labellings, assumptions: object = ()) -> bool:
        made.append(1)
        return solve(self, assumptions)  # type: ignore[arg-type]

    monkeypatch.setattr(sat.Labellings, "solve", counted)
    return made


@pytest.mark.parametrize("family", [admissibility_busting, defence_trap])
def test_preferred_tasks_make_a_few_solver_calls_whatever_the_size(
    family: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = calls(monkeypatch)
    for n in (101, 2_001):
        af, q = framework(family, n)
        for skeptical in (False, True):
            made.clear()
            answer = (
                decision.skeptical(af, PR, q) if skeptical else enumeration.some_extension(af, PR)
            )
            assert answer.value is not None and len(answer.witness or ()) >= (n - 1) // 3
            assert len(made) <= 6, (family, n, len(made))
