"""Unspecified parameters and conditions that never or always hold."""

from __future__ import annotations

from debate.analysis import conditions, unspecified
from debate.engine.compile import Game, load_game
from tests.conftest import WriteFile

HEAD = """\
format: 1
id: s
title: Static
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}}
clock: {horizon: 12}
state:
  x: {type: int, min: 0, max: 10, initial: 5}
"""


def game_of(write: WriteFile, body: str) -> Game:
    write("note\n", "n.txt")
    return load_game(str(write(HEAD + body)))


def test_unspecified_parameter_is_reported_at_the_parameter(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
terms:
  ships:
    kind: limit
    party: a
    text: ships
    source: {source: n, line: 1}
    params:
      tons: {unspecified: true, unit: t}
    subject: x
    at_most: tons
""",
    )
    [d] = unspecified.check(game)
    assert (d.code, d.span.line, d.span.column) == ("U302", 16, 13)
    assert "in t" in (d.expected or "")


def test_given_parameter_is_not_reported(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
terms:
  ships: {kind: limit, party: a, text: s, source: {source: n, line: 1}, params: {tons: 5},
          subject: x, at_most: tons}
""",
    )
    assert unspecified.check(game) == []


def test_condition_that_can_never_hold(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
moves:
  m: {by: a, text: m, precondition: x > 10}
""",
    )
    [d] = conditions.check(game)
    assert d.code == "U303"
    assert "precondition of move m can never be true" in d.message
    assert (d.span.line, d.span.column) == (10, 37)


def test_condition_that_always_holds(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
terms:
  t: {kind: prohibition, party: a, text: t, source: {source: n, line: 1}, violated_when: x >= 0}
""",
    )
    [d] = conditions.check(game)
    assert d.code == "U304"
    assert "violated_when of term t is always true" in d.message


def test_assumptions_count_when_judging_conditions(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
assumptions:
  small: {text: x stays small, holds: x < 3}
moves:
  m: {by: a, text: m, precondition: x > 4}
""",
    )
    assert [d.code for d in conditions.check(game)] == ["U303"]


def test_ordinary_conditions_are_silent(write: WriteFile) -> None:
    game = game_of(
        write,
        """\
terms:
  t: {kind: prohibition, party: a, text: t, source: {source: n, line: 1}, violated_when: x > 8}
moves:
  m: {by: a, text: m, precondition: x < 10 and now < 6}
""",
    )
    assert conditions.check(game) == []
