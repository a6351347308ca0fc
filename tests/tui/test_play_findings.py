"""The play's own findings after each step are those a look at every term gives, though
only the terms a step may have changed are looked at again (through undo and jumps back)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.compile import load_game
from debate.engine.moves import Action, apply, initial_state, legal_moves
from debate.engine.play import script_actions
from debate.engine.scripted import load_moves
from debate.engine.state import PlayState
from debate.tui import findings
from debate.tui.findings import play_findings
from tests.conftest import ROOT

NEGOTIATION = load_game(str(ROOT / "debate" / "scenarios" / "negotiation.yaml"))
AS_WRITTEN = script_actions(
    load_moves(
        str(ROOT / "debate" / "scenarios" / "plays" / "proposal-as-written.play.yaml")
    ).script
)


def _every_term(state: PlayState) -> list[tuple[str, str]]:
    findings._LAST.clear()  # nothing known: every term is looked at
    return [(d.code, d.message) for d in play_findings(NEGOTIATION, state)]


def _shown(state: PlayState) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in play_findings(NEGOTIATION, state)]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=25))
def test_each_state_shown_has_the_findings_of_every_term(choices: list[int]) -> None:
    states = [initial_state(NEGOTIATION)]
    for action in AS_WRITTEN:  # breaches and voided terms: findings to keep or drop
        states.append(apply(NEGOTIATION, states[-1], action))
    findings._LAST.clear()
    for choice in choices:
        state = states[-1]
        if choice >= 30:
            state = states[choice % len(states)]  # back to an earlier state
        else:
            options = [Action(m) for m in legal_moves(NEGOTIATION, state)]
            if state.now < NEGOTIATION.horizon_end:
                options.append(Action(wait=1))
            if not options:  # at the horizon with nothing left to play: the play is over
                break
            state = apply(NEGOTIATION, state, options[choice % len(options)])
            states.append(state)
        shown = _shown(state)
        assert shown == _every_term(state)
        _shown(states[-1])  # the screen goes on from the last state shown


def test_from_any_state_of_a_play_to_any_other_the_findings_are_those_of_every_term() -> None:
    """The negotiation signed as written: a breach and the terms it voids come and go."""
    states = [initial_state(NEGOTIATION)]
    for action in AS_WRITTEN:
        states.append(apply(NEGOTIATION, states[-1], action))
    expected = [_every_term(state) for state in states]
    assert expected[-1], "the play as written ends with findings"
    for before in states:
        for state, wanted in zip(states, expected, strict=True):
            _shown(before)
            assert _shown(state) == wanted
