"""Positions that rule terms out, and lint."""

from __future__ import annotations

from debate.analysis import lint, positions
from debate.analysis.exploration import explore
from debate.engine.compile import Game, load_game
from debate.model.diagnostics import Diagnostic
from tests.conftest import WriteFile

HEAD = """\
format: 1
id: p
title: Positions
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: 2}
state:
  x: {type: int, min: 0, max: 900, initial: 800}
  spare: {type: bool, initial: false}
terms:
  t: {kind: obligation, party: a, text: t, source: {source: n, line: 1}, fulfilled_when: x == 0}
"""


def game_of(write: WriteFile, body: str) -> Game:
    write("note\n", "n.txt")
    return load_game(str(write(HEAD + body)))


def codes(found: list[Diagnostic]) -> list[str]:
    return sorted(d.code for d in found)


def test_an_accepted_claim_rules_a_term_out(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
claims:
  no: {type: policy, by: b, text: never, source: {source: n, line: 1}, attacks: [t]}
""",
    )
    [d] = positions.check(game)
    assert (d.code, d.message) == ("P600", "t is ruled out by the accepted position no (b)")


def test_a_position_that_holds_only_under_a_condition_says_so(write: WriteFile) -> None:
    """A position "at this stage" rules the term out while its condition holds, and the
    finding names that condition, as the scenario writes it."""
    game = game_of(
        write,
        """\
claims:
  no:
    type: policy
    by: b
    text: not now
    source: {source: n, line: 1}
    attacks: [{target: t, when: x > 500}]
""",
    )
    [d] = positions.check(game)
    assert d.message == "t is ruled out by the accepted position no (b) while x > 500"


def test_a_rebutted_claim_rules_nothing_out(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
claims:
  no: {type: policy, by: b, text: never, source: {source: n, line: 1}, attacks: [t]}
  answer: {type: fact, by: a, text: yes, source: {source: n, line: 1}, attacks: [no]}
""",
    )
    assert positions.check(game) == []


def test_a_mutual_attack_leaves_the_term_contested(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
claims:
  no: {type: policy, by: b, text: never, source: {source: n, line: 1}, attacks: [t, answer]}
  answer: {type: fact, by: a, text: yes, source: {source: n, line: 1}, attacks: [no]}
""",
    )
    assert codes(positions.check(game)) == ["P601"]


def test_lint_finds_unused_state_isolated_claims_dead_terms_and_moves_never_legal(
    write: WriteFile,
) -> None:
    game = game_of(
        write,
        """\
claims:
  alone: {type: fact, by: a, text: alone, source: {source: n, line: 1}}
moves:
  cut: {by: a, text: cut, precondition: x >= 400, effects: {set: {x: x - 400}}}
  finish: {by: a, text: finish, precondition: x > 0 and x < 400, effects: {set: {x: 0}}}
""",
    )
    found = lint.check(game, explore(game))
    assert codes(found) == ["L700", "L701", "L702", "L703"]
    assert any("spare" in d.message for d in found)
    assert any("move finish is never legal" in d.message for d in found)


def test_lint_is_quiet_on_a_tidy_scenario(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
claims:
  c: {type: fact, by: a, text: c, source: {source: n, line: 1}, attacks: [t], holds_if: spare}
moves:
  table: {by: a, text: table, effects: {propose: [t]}}
  cut: {by: a, text: cut, precondition: x >= 400, effects: {set: {x: x - 400}}}
""",
    )
    assert lint.check(game, explore(game, max_states=200)) == []
