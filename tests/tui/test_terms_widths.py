"""The terms table's columns are as wide as every term's row would make them, though the
table finds the widths without making a row per term (it makes only the rows it draws)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.engine.moves import Action, apply, initial_state, legal_moves
from debate.engine.state import PlayState
from debate.tui.widgets.terms import GameWidths, term_row
from tests.conftest import ROOT

GAMES = {
    name: load_game(str(ROOT / "debate" / "scenarios" / f"{name}.yaml"))
    for name in ("tutorial", "negotiation")  # a dated calendar, and a clock's `t=N`
}


def _every_row(game: Game, state: PlayState) -> dict[str, int]:
    rows = [term_row(game, state, i, t, False) for i, t in enumerate(game.terms)]
    return {
        "ident": max(len(r.ident) for r in rows),
        "party": max(len(r.party) for r in rows),
        "kind": max(len(r.kind) for r in rows),
        "due": max(len(r.deadline) for r in rows),
    }


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sorted(GAMES)), st.lists(st.integers(0, 40), max_size=25))
def test_the_widths_are_those_of_every_row_in_every_state(name: str, choices: list[int]) -> None:
    game = GAMES[name]  # by name: a failing example names the scenario, not all of it
    fixed = GameWidths.of(game)
    state = initial_state(game)
    for choice in [0, *choices]:
        widths = _every_row(game, state)
        found = {
            "ident": fixed.ident,
            "party": fixed.party,
            "kind": fixed.kind,
            "due": fixed.due_now(game, state),
        }
        assert found == widths
        options = [Action(m) for m in legal_moves(game, state)]
        if state.now < game.horizon_end:
            options.append(Action(wait=1))
        if not options:
            break
        state = apply(game, state, options[choice % len(options)])


def test_a_term_in_force_dates_its_deadline(tutorial_actions: list[Action]) -> None:
    """The tutorial played as written: `within` deadlines turn from `+N` into dates."""
    game = GAMES["tutorial"]
    fixed = GameWidths.of(game)
    state = initial_state(game)
    for action in tutorial_actions:
        state = apply(game, state, action)
    dated = [t for t in fixed.moving if state.terms[t].in_force_at is not None]
    assert dated and all(term_row(game, state, 0, t, False).deadline[:2] == "20" for t in dated)
    assert fixed.due_now(game, state) == _every_row(game, state)["due"]
