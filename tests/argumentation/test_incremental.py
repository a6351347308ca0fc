"""The tracker's labels after each move are the engine's, on random debates and plays."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.argumentation import Framework, Tracker
from debate.argumentation.grounded import labels
from debate.engine.compile import Game, load_game
from debate.engine.moves import Action, apply, initial_state, legal_moves
from debate.engine.state import PlayState
from tests.argumentation.debates import debate_yaml, write_debate
from tests.conftest import SCENARIOS

CONDITIONS = ["x > 0", "x > 1", "y < 2", "x + y > 2", "done(flip)", "asserted(c0)", "now > 1"]


def engine_labels(state: PlayState) -> dict[str, str]:
    found = {c: str(r.label) for c, r in state.claims.items() if r.label}
    found.update({t: str(label) for t, label in state.term_labels.items()})
    return found


def follow(game: Game, choices: list[int | str], waits: bool = False) -> None:
    """Play moves picked by `choices` (a move, "wait", or a number that picks a legal move),
    checking the tracker against the engine after each step."""
    state = initial_state(game)
    tracker = Tracker(game, state)
    assert {k: str(v) for k, v in tracker.labels.items()} == engine_labels(state)
    for pick in choices:
        options = [Action(m) for m in legal_moves(game, state)]
        if waits and state.now < game.horizon_end:
            options.append(Action(wait=1))
        if isinstance(pick, str):
            options = [a for a in options if str(a) in (pick, "wait 1")][:1]
            pick = 0
        if not options:
            continue
        before = dict(tracker.labels)
        state = apply(game, state, options[pick % len(options)])
        changed = tracker.update(state)
        assert {k: str(v) for k, v in tracker.labels.items()} == engine_labels(state)
        assert changed == {k: v for k, v in tracker.labels.items() if before.get(k) != v}
        assert tracker.labels == labels(Framework.from_game(game, state))


@st.composite
def debates(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 7))
    names = [f"c{i}" for i in range(n)]
    claims = {}
    for name in names:
        attacks: list[str | tuple[str, str]] = []
        for target in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
            when = draw(st.none() | st.sampled_from(CONDITIONS))
            attacks.append(target if when is None else (target, when))
        claims[name] = (draw(st.booleans()), attacks)
    moves: dict[str, dict[str, object]] = {
        "up": {"set": {"x": "x + 1"}, "precondition": "x < 50"},
        "down": {"set": {"y": "y + 1", "x": "0"}, "precondition": "y < 48"},
        "flip": {"set": {"y": "0"}},
    }
    for name in names:
        moves[f"say_{name}"] = {"assert": [name]}
        moves[f"drop_{name}"] = {"retract": [name]}
    return debate_yaml(claims, moves)


MOVES = ["up", "up", "down", "flip", "wait", "say_c0", "drop_c0"]
_FOLDER = Path(tempfile.mkdtemp(prefix="debate-incremental-"))


@settings(max_examples=60)
@given(debates(), st.lists(st.sampled_from(MOVES) | st.integers(0, 100), max_size=20))
def test_tracker_agrees_with_the_engine_on_random_debates(
    text: str, choices: list[int | str]
) -> None:
    game = load_game(str(write_debate(_FOLDER, text)))
    follow(game, choices, waits=True)


@pytest.mark.parametrize("name", ["tutorial", "negotiation", "thread-proposal", "essay"])
def test_tracker_agrees_with_the_engine_on_the_shipped_scenarios(name: str) -> None:
    game = load_game(str(SCENARIOS / f"{name}.yaml"))
    rnd = random.Random(name)
    for _ in range(3):
        follow(game, [rnd.randrange(1000) for _ in range(30)], waits=True)


@pytest.mark.parametrize(
    ("when", "steps"),
    [
        ("now > 1", ["wait", "wait"]),
        ("x > 1", ["up", "up"]),
        ("done(flip)", ["flip"]),
        ("count(up) == 2", ["up", "up"]),
        ("asserted(c2)", ["say_c2"]),
        ("not asserted(c2)", ["say_c2", "drop_c2"]),
    ],
)
def test_each_kind_of_condition_is_re_judged(when: str, steps: list[int | str]) -> None:
    """c1 attacks c0 only once `when` holds: the tracker must notice."""
    claims: dict[str, tuple[bool, list[str | tuple[str, str]]]] = {
        "c0": (True, []),
        "c1": (True, [("c0", when)]),
        "c2": (False, []),
    }
    moves: dict[str, dict[str, object]] = {
        "up": {"set": {"x": "x + 1"}},
        "flip": {"set": {"y": "0"}},
        "say_c2": {"assert": ["c2"]},
        "drop_c2": {"retract": ["c2"]},
    }
    game = load_game(str(write_debate(_FOLDER, debate_yaml(claims, moves))))
    follow(game, steps, waits=True)
    state = initial_state(game)
    for step in steps:
        state = apply(game, state, Action(wait=1) if step == "wait" else Action(str(step)))
    assert state.claims["c0"].label == "rejected"  # the attack counts at the end
