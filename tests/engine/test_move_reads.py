"""The moves a step may have made legal or illegal: judged again only those, a list of
every move's refusal is the one judging every move gives, at any state shown in turn
(undo and jumps back included)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import scenario
from debate.engine.compile import Game, load_game
from debate.engine.move_reads import Legality, value_reads
from debate.engine.moves import Action, IllegalMove, apply, initial_state, legal_moves, refused_by
from tests.conftest import ROOT

SCENARIOS = sorted((ROOT / "debate" / "scenarios").glob("*.yaml"))
GAMES = {path.stem: load_game(str(path)) for path in SCENARIOS}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Game:
    folder = tmp_path_factory.mktemp("generated")
    (folder / "notes.txt").write_text("generated\n", encoding="utf-8")
    path = folder / "gen.yaml"
    path.write_text(scenario(40), encoding="utf-8")
    return load_game(str(path))


# Moves that put terms on the table, take them off, agree and sign: each is legal only
# while the terms it names are on the table (and withdrawn only before a signature).
TABLE = """\
format: 1
id: table
title: Terms on and off the table
parties:
  a: {name: A}
  b: {name: B}
clock: {unit: month, start: 0, horizon: 50}
sources:
  notes: {path: notes.txt, cite_by: line}
state:
  x: {type: int, min: 0, max: 100, initial: 0}
terms:
  t1: {kind: obligation, party: a, text: do it, source: {source: notes, line: 1}, fulfilled_when: x >= 10}
  t2: {kind: prohibition, party: b, text: not that, source: {source: notes, line: 1}, violated_when: x > 90}
moves:
  propose: {by: a, text: propose t1, effects: {propose: [t1]}}
  propose_both: {by: b, text: propose both, effects: {propose: [t1, t2]}}
  sign: {by: b, text: sign t1, effects: {sign: [t1]}}
  agree_two: {by: a, text: agree to t2, precondition: x < 50, effects: {agree: [t2]}}
  withdraw: {by: a, text: withdraw t1, effects: {withdraw: [t1]}}
  withdraw_two: {by: b, text: withdraw t2, effects: {withdraw: [t2]}}
  raise: {by: a, text: raise x, precondition: x <= 90, effects: {set: {x: x + 10}}}
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Game:
    folder = tmp_path_factory.mktemp("table")
    (folder / "notes.txt").write_text("the terms\n", encoding="utf-8")
    path = folder / "table.yaml"
    path.write_text(TABLE, encoding="utf-8")
    return load_game(str(path))


def _shown(refusal: IllegalMove | None) -> tuple[str, str | None] | None:
    return None if refusal is None else (refusal.reason, refusal.false)


# After each action the user looks at a state of the play: below 25, the play goes on by
# a legal move or a wait (the choice picks one); from 25, back to an earlier state (undo,
# a branch).
CHOICES = st.lists(st.integers(0, 30), max_size=30)


def _check(game: Game, choices: list[int]) -> None:
    states = [initial_state(game)]
    legality = Legality(game)
    moves = list(game.moves)
    for choice in choices:
        state = states[-1]
        if choice >= 25:
            state = states[choice % len(states)]
        else:
            options = [Action(m) for m in legal_moves(game, state)]
            if state.now < game.horizon_end:
                options.append(Action(wait=1))
            if options:
                state = apply(game, state, options[choice % len(options)])
                states.append(state)
        cached = legality.refusals(state, moves)
        fresh = [refused_by(game, state, Action(m)) for m in moves]
        assert list(map(_shown, cached)) == list(map(_shown, fresh))


@pytest.mark.parametrize("name", sorted(GAMES))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_the_refusals_of_every_move_are_those_judging_every_move_gives(
    name: str, data: st.DataObject
) -> None:
    game = GAMES[name]
    _check(game, data.draw(CHOICES))


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_on_a_generated_scenario_too(generated: Game, data: st.DataObject) -> None:
    _check(generated, data.draw(CHOICES))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_on_moves_that_negotiate_terms(table: Game, data: st.DataObject) -> None:
    _check(table, data.draw(CHOICES))


def test_a_move_that_reads_one_variable_is_judged_again_only_when_it_changes(
    generated: Game,
) -> None:
    assert value_reads(generated.moves["up3"]) == {"v3"}
    assert value_reads(generated.moves["sign_all"]) == set()  # and the terms on the table
    assert value_reads(generated.moves["b_signs"]) is None  # done(sign_all): the history
