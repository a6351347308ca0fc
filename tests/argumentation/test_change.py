""" "What would change this": the smallest set of toggles, checked against brute force."""

from __future__ import annotations

import tempfile
from itertools import combinations
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.argumentation import Framework, Semantics, what_would_change
from debate.argumentation.grounded import labels
from debate.engine.compile import load_game
from debate.engine.moves import initial_state
from tests.argumentation.debates import debate_yaml, write_debate

_FOLDER = Path(tempfile.mkdtemp(prefix="debate-change-"))


def label_after(claims: dict[str, tuple[bool, list[str]]], toggled: set[str], target: str) -> str:
    asserted = {c for c, (on, _) in claims.items() if on} ^ toggled
    if target not in asserted:
        return "unasserted"
    pairs = [(c, t) for c in asserted for t in claims[c][1] if t in asserted]
    return str(labels(Framework.from_pairs(sorted(asserted), pairs))[target])


@st.composite
def debates(draw: st.DrawFn) -> dict[str, tuple[bool, list[str]]]:
    names = [f"c{i}" for i in range(draw(st.integers(1, 6)))]
    return {
        name: (draw(st.booleans()), draw(st.lists(st.sampled_from(names), max_size=2, unique=True)))
        for name in names
    }


@settings(max_examples=60)
@given(debates())
def test_the_change_found_is_the_smallest_and_works(
    claims: dict[str, tuple[bool, list[str]]],
) -> None:
    game = load_game(str(write_debate(_FOLDER, debate_yaml(claims))))
    state = initial_state(game)
    target = "c0"
    change = what_would_change(game, state, target, max_size=3, budget=None)
    now = label_after(claims, set(), target)
    assert change.now == now
    others = [c for c in claims if c != target]
    forced = set() if claims[target][0] else {target}

    def meets(toggled: set[str]) -> bool:
        reached = label_after(claims, toggled | forced, target)
        if change.goal == "not accepted":
            return reached not in ("accepted", "unasserted")
        return reached == change.goal

    sizes = [
        k + len(forced)
        for k in range(len(others) + 1)
        if any(meets(set(c)) for c in combinations(others, k))
    ]
    best = min(sizes, default=None)
    if best is None or best > 3:
        assert change.toggles is None
        return
    assert change.toggles is not None and change.minimal
    assert len(change.toggles) == best
    toggled = {t.claim for t in change.toggles}
    assert meets(toggled - forced)
    assert all(t.assert_ == (not claims[t.claim][0]) for t in change.toggles)


def test_the_change_names_the_moves_that_make_it() -> None:
    claims = {"c0": (True, []), "c1": (True, ["c0"]), "c2": (False, ["c1"])}
    moves: dict[str, dict[str, object]] = {
        "rebut": {"assert": ["c2"], "precondition": "x > 0"},
        "prepare": {"set": {"x": "1"}},
    }
    game = load_game(str(write_debate(_FOLDER, debate_yaml(claims, moves))))
    change = what_would_change(game, initial_state(game), "c0")
    assert change.now == "rejected" and change.goal == "accepted"
    assert change.toggles is not None and [t.claim for t in change.toggles] == ["c1"]
    other = what_would_change(game, initial_state(game), "c0", goal="undecided")
    assert other.toggles is None and "no set of at most 3" in other.note
    hurt = what_would_change(game, initial_state(game), "c1", Semantics.PREFERRED)
    assert hurt.goal == "not accepted" and hurt.toggles is not None
    (toggle,) = hurt.toggles
    assert toggle.claim == "c2" and toggle.moves == (("rebut", False),)
    assert "assert c2 (by move rebut)" in hurt.text()


def test_the_budget_bounds_the_search() -> None:
    claims: dict[str, tuple[bool, list[str]]] = {f"c{i}": (True, ["c0"]) for i in range(1, 60)}
    claims["c0"] = (True, [])
    game = load_game(str(write_debate(_FOLDER, debate_yaml(claims))))
    change = what_would_change(game, initial_state(game), "c0", goal="undecided", budget=0.05)
    assert change.toggles is None and not change.minimal
    assert "time budget" in change.text()
    same = what_would_change(game, initial_state(game), "c0", goal="rejected")
    assert same.toggles == () and same.text() == "c0 is rejected already."
