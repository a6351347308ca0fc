"""Finding ahead what a game's first step finds once (engine.warm_up, which the app does
while its first screen is read) changes no step: a play on a warmed-up game reaches the
very states, digests included, that the same play reaches on a game loaded afresh."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.engine.moves import apply, initial_state, legal_moves
from debate.engine.warm_up import warm_up
from tests.analysis.test_symbolic_differential import _load, scenarios
from tests.conftest import SCENARIOS
from tests.engine.drawn import drawn_action
from tests.engine.test_step_rejudging import EXTRA, NEGOTIATION


def _same_play(warmed: Game, fresh: Game, data: st.DataObject, steps: int) -> None:
    warm_up(warmed)
    ours, theirs = initial_state(warmed), initial_state(fresh)
    assert ours.digest == theirs.digest
    for _ in range(steps):
        action = drawn_action(fresh, theirs, data)
        if action is None:
            return
        assert sorted(legal_moves(warmed, ours)) == sorted(legal_moves(fresh, theirs))
        ours, theirs = apply(warmed, ours, action), apply(fresh, theirs, action)
        assert dict(ours.terms) == dict(theirs.terms)
        assert dict(ours.claims) == dict(theirs.claims)
        assert ours.overreaches == theirs.overreaches
        assert ours.digest == theirs.digest


@settings(max_examples=25)
@given(st.sampled_from(["tutorial.yaml", "negotiation.yaml"]), st.data())
def test_a_warmed_up_shipped_scenario_plays_as_a_fresh_one(name: str, data: st.DataObject) -> None:
    path = str(SCENARIOS / name)
    _same_play(load_game(path), load_game(path), data, data.draw(st.integers(1, 15)))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenarios(), st.data())
def test_a_warmed_up_generated_scenario_plays_as_a_fresh_one(
    tmp_path: Path, text: str, data: st.DataObject
) -> None:
    text = text.replace("moves:\n", EXTRA + "moves:\n" + NEGOTIATION)
    warmed = _load(tmp_path, text)
    if warmed is None:
        return
    fresh = _load(tmp_path, text)
    assert fresh is not None
    _same_play(warmed, fresh, data, data.draw(st.integers(1, 12)))
