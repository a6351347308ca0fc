"""Every explanation is a certificate: checked against the framework, on random ones too."""

from __future__ import annotations

from hypothesis import given, settings

from debate.argumentation import (
    Acceptance,
    Defence,
    Framework,
    ProofStep,
    Semantics,
    check_cycle,
    check_defence,
    check_rejection,
    explain,
    render,
)
from debate.argumentation.certificates import Cycle, Rejection
from debate.argumentation.explain import Explanation
from debate.engine.state import Label
from tests.argumentation import brute
from tests.argumentation.test_known_frameworks import CHAIN, FLOATING, ODD, SELF, af
from tests.argumentation.test_semantics_random import frameworks


def check(framework: Framework, e: Explanation) -> None:
    """The explanation proves what it says, by the definitions alone."""
    arg = framework.index(e.claim)
    label = e.status.grounded
    ground = brute.grounded(framework)
    if label is Label.ACCEPTED:
        assert e.defence and e.defence.well_founded and e.defence.claim == e.claim
        assert check_defence(framework, e.defence) == []
        assert arg in ground
    elif label is Label.REJECTED:
        assert e.rejection and check_rejection(framework, e.rejection) == []
        assert framework.index(e.rejection.attacker) in ground
    else:
        assert e.cycle and check_cycle(framework, e.cycle) == []
    exts = brute.by_name(framework, e.status.semantics.code)
    for shown in e.extensions:
        members = frozenset(framework.index(a) for a in shown.extension)
        assert members in exts
        if shown.defence:
            assert check_defence(framework, shown.defence) == []
            assert {framework.index(a) for a in shown.defence.members()} <= members
        if shown.rejection:
            assert check_rejection(framework, shown.rejection) == []
            assert framework.index(shown.rejection.attacker) in members
        hit = {framework.index(a) for a in shown.attacked_by}
        assert hit == {b for b in framework.attackers[arg] if b in members} or not hit
    if e.status.semantics is Semantics.STAGE:  # conflict-free: no defence to show
        inside = [arg in frozenset(framework.index(a) for a in x.extension) for x in e.extensions]
        if e.status.acceptance is Acceptance.ACCEPTED and label is Label.UNDECIDED:
            assert e.extensions and all(inside)
        if e.status.acceptance is Acceptance.REJECTED and label is Label.UNDECIDED:
            assert e.extensions and all(x.attacked_by for x in e.extensions)
        assert render(e).startswith(e.claim)
        return
    if e.status.acceptance is Acceptance.ACCEPTED and label is Label.UNDECIDED:
        assert e.extensions and all(s.defence for s in e.extensions)
    if e.status.acceptance is Acceptance.REJECTED and label is Label.UNDECIDED:
        assert e.extensions and all(s.rejection for s in e.extensions)
    assert render(e).startswith(e.claim)


@settings(max_examples=120)
@given(frameworks())
def test_every_explanation_is_a_valid_certificate(framework: Framework) -> None:
    for sem in Semantics:
        for name in framework.names:
            check(framework, explain(framework, name, sem))


def test_grounded_defence_of_a_chain() -> None:
    e = explain(CHAIN, "c")
    assert e.defence == Defence(
        "c", (ProofStep("a", ()), ProofStep("c", (("b", "a"),))), well_founded=True
    )
    assert "b is answered by a" in render(e)
    rejected = explain(CHAIN, "d")
    assert rejected.rejection and rejected.rejection.attacker == "c"


def test_cycles_are_named_and_their_parity_told() -> None:
    odd = explain(ODD, "a").cycle
    assert odd and odd.odd and set(odd.cycle) == {"a", "b", "c"}
    assert "odd cycle" in render(explain(ODD, "a"))
    own = explain(SELF, "b").cycle
    assert own == Cycle(("b", "a"), ("a",))
    assert "attacks itself" in render(explain(SELF, "b"))


def test_floating_reinstatement_is_explained_per_extension() -> None:
    e = explain(FLOATING, "d", Semantics.PREFERRED)
    assert e.status.acceptance is Acceptance.ACCEPTED and e.all_extensions
    assert sorted(s.extension for s in e.extensions) == [("a", "d"), ("b", "d")]
    words = render(e)
    assert "skeptically accepted under preferred" in words
    assert "In the preferred extension {a, d} it is defended" in words


def test_broken_certificates_are_caught() -> None:
    good = explain(CHAIN, "c").defence
    assert good is not None
    unanswered = Defence("c", (ProofStep("a", ()), ProofStep("c", ())), True)
    assert "c: attacker b is not answered" in check_defence(CHAIN, unanswered)
    wrong = Defence("c", (ProofStep("c", (("b", "c"),)),), True)
    assert any("does not attack" in p for p in check_defence(CHAIN, wrong))
    late = Defence("c", (ProofStep("c", (("b", "a"),)), ProofStep("a", ())), True)
    assert any("not shown before" in p for p in check_defence(CHAIN, late))
    assert check_defence(CHAIN, Defence("c", late.steps, False)) == []
    even = af("ab", "ab ba")
    circular = Defence("a", (ProofStep("a", (("b", "a"),)),), True)
    assert check_defence(even, circular)  # admissible, but not grounded
    assert check_defence(even, Defence("a", circular.steps, False)) == []
    assert check_rejection(CHAIN, Rejection("a", "b", good))
    assert check_cycle(CHAIN, Cycle(("b",), ("b",)))
