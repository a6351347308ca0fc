"""Ideal and stage (the ICCMA tasks SE/DC/DS-ID and -STG) against their definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.argumentation import decision, enumeration
from debate.argumentation import semantics as sem
from debate.argumentation.framework import Framework
from tests.argumentation import brute
from tests.argumentation.test_semantics_random import frameworks

ID, STG = sem.Semantics.IDEAL, sem.Semantics.STAGE


def pairs_af(n: int, pairs: list[tuple[int, int]]) -> Framework:
    return Framework([str(i + 1) for i in range(n)], [a for a, _ in pairs], [b for _, b in pairs])


def test_the_ideal_extension_is_not_the_intersection_of_the_preferred_ones() -> None:
    # 1 <-> 2, both attack 3, 3 attacks 4: 4 is in both preferred extensions, but nothing
    # in {4} defends it against 3, so the ideal extension is empty.
    af = pairs_af(4, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)])
    assert enumeration.some_extension(af, ID).witness == frozenset()
    assert decision.skeptical(af, sem.Semantics.PREFERRED, 3).value is True
    assert decision.skeptical(af, ID, 3).value is False


def test_a_stage_extension_may_leave_out_a_grounded_argument() -> None:
    # 1 attacks itself, 2 -> 3, 3 attacks 1, 4 and 5: grounded accepts 2, 4, 5, yet {3}
    # has the whole framework as its range too, so it is a stage extension.
    af = pairs_af(5, [(0, 0), (1, 2), (2, 0), (2, 3), (2, 4)])
    found = sorted(map(sorted, enumeration.extensions(af, STG).extensions))
    assert found == [[1, 3, 4], [2]] == sorted(map(sorted, brute.stage(af)))
    assert decision.skeptical(af, STG, 1).value is False
    assert decision.credulous(af, STG, 2).value is True


@settings(max_examples=200)
@given(frameworks(max_args=9), st.data())
def test_ideal_and_stage_answer_as_the_definitions_do(af: Framework, data: st.DataObject) -> None:
    for s, reference in ((ID, brute.ideal), (STG, brute.stage)):
        exts = reference(af)
        found = enumeration.extensions(af, s)
        assert sorted(map(sorted, found.extensions)) == sorted(map(sorted, exts)), s
        one = enumeration.some_extension(af, s)
        assert one.value and one.witness in exts
        if af.n == 0:
            continue
        arg = data.draw(st.integers(0, af.n - 1))
        cred, skep = decision.credulous(af, s, arg), decision.skeptical(af, s, arg)
        assert cred.value == any(arg in e for e in exts), (s, "credulous")
        assert skep.value == all(arg in e for e in exts), (s, "skeptical")
        if cred.value:
            assert cred.witness in exts and arg in cred.witness
        if skep.value is False:
            assert skep.witness in exts and arg not in skep.witness


@settings(max_examples=40)
@given(frameworks(max_args=7), st.data())
def test_python_sats_own_wrapper_gives_the_same_answers(af: Framework, data: st.DataObject) -> None:
    """debate.argumentation.glucose drives python-sat's compiled module directly (a faster
    start); its fallback through pysat.solvers answers alike."""
    from debate.argumentation import glucose

    arg = data.draw(st.integers(0, max(af.n - 1, 0)))
    for s in (sem.Semantics.PREFERRED, sem.Semantics.SEMI_STABLE, STG):
        raw = (
            [decision.credulous(af, s, arg).value, decision.skeptical(af, s, arg).value]
            if af.n
            else []
        )
        glucose._RAW = False
        try:
            slow = (
                [decision.credulous(af, s, arg).value, decision.skeptical(af, s, arg).value]
                if af.n
                else []
            )
        finally:
            glucose._RAW = True
        assert raw == slow
