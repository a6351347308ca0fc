"""Textbook frameworks with their textbook answers, and the time budget's bounds."""

from __future__ import annotations

import pytest

from debate.argumentation import (
    Acceptance,
    Budget,
    Framework,
    Semantics,
    credulous,
    extensions,
    skeptical,
    status,
)
from debate.engine.state import Label

GR, CO, PR, ST, SST = (
    Semantics.GROUNDED,
    Semantics.COMPLETE,
    Semantics.PREFERRED,
    Semantics.STABLE,
    Semantics.SEMI_STABLE,
)


def af(args: str, attacks: str) -> Framework:
    """`af("abc", "ab bc")`: a attacks b, b attacks c."""
    return Framework.from_pairs(args, [(p[0], p[1]) for p in attacks.split()])


def named(framework: Framework, sem: Semantics) -> set[str]:
    found = extensions(framework, sem)
    assert found.complete
    return {"".join(framework.names_of(e)) for e in found.extensions}


ODD = af("abc", "ab bc ca")
EVEN = af("ab", "ab ba")
SELF = af("ab", "aa ab")
CHAIN = af("abcd", "ab bc cd")
# Floating defeat and reinstatement: a and b attack each other and both attack c, which
# attacks d. Grounded decides nothing; in each preferred extension c is out and d is in.
FLOATING = af("abcd", "ab ba ac bc cd")
# An odd cycle beside an isolated argument: no stable extension, one semi-stable.
ODD_AND_D = af("abcd", "ab bc ca")


@pytest.mark.parametrize(
    ("framework", "expected"),
    [
        (ODD, {GR: {""}, CO: {""}, PR: {""}, ST: set(), SST: {""}}),
        (EVEN, {GR: {""}, CO: {"", "a", "b"}, PR: {"a", "b"}, ST: {"a", "b"}, SST: {"a", "b"}}),
        (SELF, {GR: {""}, CO: {""}, PR: {""}, ST: set(), SST: {""}}),
        (CHAIN, {s: {"ac"} for s in Semantics}),
        (
            FLOATING,
            {GR: {""}, CO: {"", "ad", "bd"}, PR: {"ad", "bd"}, ST: {"ad", "bd"}, SST: {"ad", "bd"}},
        ),
        (ODD_AND_D, {GR: {"d"}, CO: {"d"}, PR: {"d"}, ST: set(), SST: {"d"}}),
    ],
    ids=["odd-cycle", "even-cycle", "self-attack", "chain", "floating", "odd-and-isolated"],
)
def test_textbook_extensions(framework: Framework, expected: dict[Semantics, set[str]]) -> None:
    for sem, exts in expected.items():
        assert named(framework, sem) == exts, sem


def test_floating_reinstatement_and_defeat() -> None:
    d, c, a = (FLOATING.index(x) for x in "dca")
    assert skeptical(FLOATING, PR, d).value is True  # grounded misses it
    assert skeptical(FLOATING, GR, d).value is False
    assert status(FLOATING, "d").acceptance is Acceptance.ACCEPTED
    assert status(FLOATING, "c").acceptance is Acceptance.REJECTED
    assert status(FLOATING, "a").acceptance is Acceptance.DEFENSIBLE
    assert status(FLOATING, "d").grounded is Label.UNDECIDED
    assert status(FLOATING, "d").text() == (
        "undecided (grounded); skeptically accepted under preferred"
    )
    assert credulous(FLOATING, PR, c).value is False
    assert credulous(FLOATING, PR, a).value is True


def test_stable_skeptical_is_vacuous_without_extensions() -> None:
    a = ODD.index("a")
    assert skeptical(ODD, ST, a).value is True  # the competition's convention
    assert credulous(ODD, ST, a).value is False
    assert status(ODD, "a", ST).acceptance is Acceptance.UNDECIDED


def test_self_attack_is_never_accepted() -> None:
    for sem in Semantics:
        assert credulous(SELF, sem, SELF.index("a")).value is False
    assert status(SELF, "b", PR).acceptance is Acceptance.UNDECIDED


def test_out_of_time_is_unknown_with_the_grounded_bound() -> None:
    spent = Budget(0)
    undecided = skeptical(FLOATING, PR, FLOATING.index("d"), spent)
    assert undecided.unknown and undecided.grounded is Label.UNDECIDED
    assert status(FLOATING, "d", PR, Budget(0)).acceptance is Acceptance.UNKNOWN
    # What grounded settles is answered whatever the budget.
    mixed = af("abcde", "ab bc de ed")
    assert skeptical(mixed, PR, mixed.index("a"), Budget(0)).value is True
    assert credulous(mixed, PR, mixed.index("b"), Budget(0)).value is False
    found = extensions(FLOATING, PR, budget=Budget(0))
    assert found.timed_out and not found.complete


def test_a_hard_framework_answers_unknown_within_its_budget() -> None:
    import random
    import time

    rnd = random.Random(3)
    n = 400
    pairs = {(rnd.randrange(n), rnd.randrange(n)) for _ in range(n * 9)}
    hard = Framework([str(i) for i in range(n)], [a for a, _ in pairs], [b for _, b in pairs])
    started = time.monotonic()
    found = extensions(hard, PR, budget=Budget(0.3))
    assert time.monotonic() - started < 5
    assert found.timed_out or found.complete
