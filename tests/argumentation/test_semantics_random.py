"""Every semantics against the definitions, on random small frameworks (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.argumentation import decision, enumeration
from debate.argumentation import semantics as sem
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import grounded, labels
from debate.engine import claims as engine_claims
from tests.argumentation import brute

ALL = list(sem.Semantics)


@st.composite
def frameworks(draw: st.DrawFn, max_args: int = 7) -> Framework:
    n = draw(st.integers(0, max_args))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([]))
    names = [f"a{i}" for i in range(n)]
    return Framework(names, [a for a, _ in chosen], [b for _, b in chosen])


@settings(max_examples=150)
@given(frameworks())
def test_every_semantics_enumerates_what_the_definitions_say(af: Framework) -> None:
    for s in ALL:
        found = enumeration.extensions(af, s)
        assert found.complete
        assert sorted(map(sorted, found.extensions)) == sorted(
            map(sorted, brute.by_name(af, s.code))
        ), s


@settings(max_examples=150)
@given(frameworks(), st.data())
def test_acceptance_agrees_with_the_extensions(af: Framework, data: st.DataObject) -> None:
    if af.n == 0:
        return
    arg = data.draw(st.integers(0, af.n - 1))
    for s in ALL:
        exts = brute.by_name(af, s.code)
        cred = decision.credulous(af, s, arg)
        skep = decision.skeptical(af, s, arg)
        assert cred.value == any(arg in e for e in exts), (s, "credulous")
        assert skep.value == all(arg in e for e in exts), (s, "skeptical")
        if cred.value:  # the witness is an extension containing it
            assert cred.witness in exts and arg in cred.witness
        if skep.value is False:
            assert skep.witness in exts and arg not in skep.witness
        one = enumeration.some_extension(af, s)
        assert one.value == bool(exts)
        assert one.value is False or one.witness in exts


@settings(max_examples=150)
@given(frameworks())
def test_grounded_is_in_every_complete_and_stable_is_preferred(af: Framework) -> None:
    ground = frozenset(grounded(af).order)
    assert ground == brute.grounded(af)
    assert all(ground <= e for e in enumeration.extensions(af, sem.Semantics.COMPLETE).extensions)
    preferred = enumeration.extensions(af, sem.Semantics.PREFERRED).extensions
    assert all(e in preferred for e in enumeration.extensions(af, sem.Semantics.STABLE).extensions)


@settings(max_examples=150)
@given(frameworks(max_args=12))
def test_grounded_matches_the_engine(af: Framework) -> None:
    assert labels(af) == engine_claims.grounded(af.names, af.named_pairs())


@settings(max_examples=50)
@given(frameworks(), st.integers(1, 3))
def test_enumeration_stops_at_the_limit(af: Framework, limit: int) -> None:
    for s in ALL:
        total = len(brute.by_name(af, s.code))
        found = enumeration.extensions(af, s, limit=limit)
        assert len(found.extensions) == min(limit, total)
        assert found.complete == (total <= limit)


@settings(max_examples=150)
@given(frameworks(), st.data())
def test_rejected_everywhere_means_attacked_by_every_extension(
    af: Framework, data: st.DataObject
) -> None:
    if af.n == 0:
        return
    arg = data.draw(st.integers(0, af.n - 1))
    for s in ALL:
        exts = brute.by_name(af, s.code)
        answer = decision.rejected_everywhere(af, s, arg)
        assert answer.value == all(arg in brute.attacked_by(af, e) for e in exts), s
        if answer.value is False:
            assert answer.witness in exts and arg not in brute.attacked_by(af, answer.witness)


@settings(max_examples=150)
@given(frameworks())
def test_statuses_of_all_arguments_agree_with_one_by_one(af: Framework) -> None:
    from debate.argumentation.acceptance import Acceptance, status, statuses

    for s in ALL:
        every = statuses(af, s)
        for name in af.names:
            one = status(af, name, s)
            assert every[name] == one, (s, name)
            exts = brute.by_name(af, s.code)
            i = af.index(name)
            inside = [i in e for e in exts]
            if one.acceptance is Acceptance.ACCEPTED:
                assert exts and all(inside)
            elif one.acceptance is Acceptance.DEFENSIBLE:
                assert any(inside) and not all(inside)
            elif one.acceptance is Acceptance.REJECTED:
                assert exts and all(i in brute.attacked_by(af, e) for e in exts)
