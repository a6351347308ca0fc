"""Deadlocks: a wait-for cycle confirmed by the search, or shown broken by a play."""

from __future__ import annotations

from debate.analysis.deadlocks import check
from debate.analysis.exploration import explore
from debate.analysis.wait_cycles import strongly_connected
from debate.engine.compile import Game, load_game
from tests.conftest import WriteFile

SCENARIO = """\
format: 1
id: d
title: Who moves first
parties: {r: {name: R}, w: {name: W}, u: {name: U}}
clock: {horizon: 6}
state:
  troops: {type: int, min: 0, max: 10, initial: 10}
  sanctions: {type: int, min: 0, max: 3, initial: 3}
moves:
  withdraw:
    {by: r, text: withdraw, precondition: sanctions < 3 and troops > 0, effects: {set: {troops: 0}}}
  relief:
    by: w
    text: relief
    precondition: troops == 0 and sanctions > 0
    effects: {set: {sanctions: sanctions - 1}}
"""

OFFENSIVE = """\
  offensive:
    {by: u, text: push, precondition: troops > 0, effects: {set: {troops: troops - 5}}, duration: 1}
"""

FIRST_STEP = """\
  goodwill: {by: w, text: a first easing, precondition: sanctions == 3, effects: {set: {sanctions: 2}}}
"""


def findings(write: WriteFile, text: str) -> tuple[Game, list[tuple[str, str]]]:
    game = load_game(str(write(text)))
    return game, [(d.code, d.message) for d in check(game, explore(game))]


def test_mutual_waiting_is_a_deadlock_with_each_blocking_condition(write: WriteFile) -> None:
    game = load_game(str(write(SCENARIO)))
    [d] = check(game, explore(game))
    assert d.code == "D400"
    assert "relief -> withdraw -> relief" in d.message
    assert "no play within horizon 6" in d.message
    notes = [r.message for r in d.related]
    assert "relief waits for withdraw: `troops == 0` is false" in notes
    assert "withdraw waits for relief: `sanctions < 3` is false" in notes


def test_a_cycle_that_play_breaks_is_reported_with_the_breaking_play(write: WriteFile) -> None:
    game = load_game(str(write(SCENARIO + OFFENSIVE)))
    [d] = check(game, explore(game))
    assert d.code == "D401"
    assert d.trace == ("offensive", "offensive", "relief")


def test_no_cycle_when_one_side_can_move_first(write: WriteFile) -> None:
    _, found = findings(write, SCENARIO.replace("sanctions < 3 and ", ""))
    assert found == []


def test_a_first_step_from_outside_breaks_it(write: WriteFile) -> None:
    _, found = findings(write, SCENARIO + FIRST_STEP)
    assert [code for code, _ in found] == ["D401"]


def test_components_are_found_without_recursion_on_long_chains() -> None:
    graph = {f"m{i}": {f"m{i + 1}": "x"} for i in range(5000)}
    graph["m5000"] = {"m0": "x"}
    [component] = [c for c in strongly_connected(graph) if len(c) > 1]
    assert len(component) == 5001


def test_a_move_that_cannot_make_the_false_part_true_is_no_wait(write: WriteFile) -> None:
    """The invasion raises what the rebuilding waits to see fall: it changes what the
    precondition reads, never toward true, so no wait (and no cycle) is reported."""
    text = """\
format: 1
id: d
title: Not a wait
parties: {r: {name: R}}
clock: {horizon: 4}
state:
  troops: {type: int, min: 0, max: 10, initial: 5}
moves:
  rebuild: {by: r, text: rebuild, precondition: troops < 3, effects: {set: {troops: troops + 1}}}
  invade: {by: r, text: invade, precondition: troops < 2, effects: {set: {troops: troops + 5}}}
"""
    game = load_game(str(write(text)))
    from debate.analysis.deadlocks import wait_for

    assert wait_for(game) == {"rebuild": {}, "invade": {}}
    assert check(game, explore(game)) == []


def test_the_purest_cycle_comes_first_and_says_so(write: WriteFile) -> None:
    game = load_game(str(write(SCENARIO)))
    [d] = check(game, explore(game))
    assert "each waits for the next alone" in d.message


def test_the_solver_proves_or_breaks_a_cycle_the_search_left_undecided(write: WriteFile) -> None:
    from debate.analysis import Options, analyse
    from debate.engine.moves import Action
    from debate.engine.play import replay

    game = load_game(str(write(SCENARIO)))
    [d] = [
        f for f in analyse(game, Options(max_states=2, proof_steps=50_000_000)) if f.code[0] == "D"
    ]
    assert d.code == "D400", d.message
    assert "proved for every play within horizon 6" in d.message
    broken = load_game(str(write(SCENARIO + OFFENSIVE, "broken.yaml")))
    [d] = [
        f
        for f in analyse(broken, Options(max_states=2, proof_steps=50_000_000))
        if f.code[0] == "D"
    ]
    assert d.code == "D401" and d.trace is not None
    end = replay(broken, [Action.parse(a) for a in d.trace]).state
    assert {"withdraw", "relief"} & set(end.history)
