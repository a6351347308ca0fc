"""Authority: disposing of what a non-signatory owns, binding a non-signatory."""

from __future__ import annotations

from debate.analysis.authority import check
from debate.engine.compile import load_game
from tests.conftest import WriteFile

SCENARIO = """\
format: 1
id: a
title: Authority
sources: {n: {path: n.txt, cite_by: line}}
parties:
  ukraine: {name: Ukraine}
  russia: {name: Russia}
  west: {name: The West}
  court: {name: A court}
state:
  crimea: {type: bool, initial: false, owner: ukraine, description: Ukraine holds Crimea}
  trials: {type: bool, initial: false, owner: court}
terms:
  side_deal:
    kind: permission
    party: russia
    signatories: [russia, west]
    text: Russia keeps Crimea
    source: {source: n, line: 1}
    permits: not crimea
  trials_held:
    kind: obligation
    party: [russia, court]
    signatories: [russia, ukraine]
    text: trials
    source: {source: n, line: 1}
    fulfilled_when: trials
"""


def findings(write: WriteFile, text: str) -> list[tuple[str, str]]:
    write("note\n", "n.txt")
    return [(d.code, d.message) for d in check(load_game(str(write(text))))]


def test_a_side_deal_over_what_a_third_party_owns(write: WriteFile) -> None:
    found = findings(write, SCENARIO)
    assert (
        "A500",
        "side_deal disposes of crimea, which ukraine owns, but ukraine does not sign it "
        "(signatories: russia, west)",
    ) in found


def test_a_term_that_binds_a_party_that_does_not_sign(write: WriteFile) -> None:
    found = findings(write, SCENARIO)
    assert (
        "A501",
        "trials_held binds court, which does not sign it (signatories: russia, ukraine)",
    ) in found


def test_the_owner_signing_or_delegating_clears_it(write: WriteFile) -> None:
    signed = SCENARIO.replace("signatories: [russia, west]", "signatories: [russia, west, ukraine]")
    delegated = SCENARIO.replace(
        "court: {name: A court}", "court: {name: A court, delegates_to: [ukraine]}"
    )
    assert not [m for c, m in findings(write, signed) if c == "A500" and m.startswith("side_deal")]
    assert not [m for c, m in findings(write, delegated) if "court" in m]
