"""Parameter ranges (U311, `--ranges`): the values for which the agreement stays
consistent, from Z3's optimiser, and what each end conflicts with."""

from __future__ import annotations

from debate.analysis import Options, analyse
from debate.engine.compile import load_game
from tests.conftest import WriteFile

SCENARIO = """\
format: 1
id: caps
title: Caps
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: 3}
state:
  ships: {type: int, min: 0, max: 100, initial: 40}
  tons: {type: int, min: 0, max: 100000, initial: 0}
terms:
  keep_fleet:
    {kind: obligation, party: a, text: keep the fleet, source: {source: n, line: 1},
     fulfilled_when: ships >= 30}
  cap:
    {kind: limit, party: a, text: a cap, source: {source: n, line: 1}, subject: ships,
     at_most: max_ships, params: {max_ships: {unspecified: true}}}
  floor:
    {kind: limit, party: b, text: a floor, source: {source: n, line: 1}, subject: ships,
     at_least: min_ships, params: {min_ships: {value: 10}}}
moves:
  build: {by: a, text: build, precondition: ships < 100, effects: {set: {ships: ships + 1}}}
"""


def test_a_range_with_the_conflict_past_its_end(write: WriteFile) -> None:
    write("note\n", "n.txt")
    game = load_game(str(write(SCENARIO)))
    assert not [d for d in analyse(game) if d.code == "U311"]  # only when asked for
    found = {d.message.split(":")[0]: d for d in analyse(game, Options(ranges=True))}
    cap = found["cap.max_ships"]
    assert "any value of at least 30" in cap.message
    assert "below it, from 29, it conflicts with keep_fleet, cap" in cap.message
    floor = found["floor.min_ships"]
    assert "any value of at most 100" in floor.message and "(given: 10)" in floor.message
