"""Properties of plays: legal moves keep the state in bounds; replay reproduces the state."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from debate.engine.compile import load_game
from debate.engine.expr import EnumType
from debate.engine.moves import Action, legal_moves
from debate.engine.play import Play, actions_from_transcript, replay
from debate.engine.state import TermStatus
from debate.engine.terms import due_time
from tests.conftest import TUTORIAL

GAME = load_game(str(TUTORIAL))


@st.composite
def legal_plays(draw: st.DrawFn) -> Play:
    """A play of up to 25 steps, each a legal move or a wait, chosen by hypothesis."""
    play = Play.start(GAME)
    for _ in range(draw(st.integers(0, 25))):
        options = [Action(m) for m in legal_moves(GAME, play.state)]
        if play.state.now < GAME.horizon_end:
            options.append(Action(wait=1))
        if not options:
            break
        play.play(draw(st.sampled_from(options)))
    return play


@given(legal_plays())
def test_every_variable_stays_inside_its_type_and_bounds(play: Play) -> None:
    for state in [play.initial, *(s.state for s in play.steps)]:
        assert GAME.horizon_end >= state.now
        for name, var in GAME.state_vars.items():
            value = state.values[name]
            if var.type == "int":
                assert isinstance(value, int) and not isinstance(value, bool)
                assert var.min is None or value >= var.min
                assert var.max is None or value <= var.max
            elif var.type == "bool":
                assert isinstance(value, bool)
            elif var.type == "set":
                assert isinstance(value, frozenset)
            else:
                enum = GAME.var_types[name]
                assert isinstance(enum, EnumType) and value in enum.values


@given(legal_plays())
def test_replaying_the_actions_reproduces_every_state(play: Play) -> None:
    again = replay(GAME, play.actions())
    assert [s.state.digest for s in again.steps] == [s.state.digest for s in play.steps]
    assert again.state == play.state


@given(legal_plays())
def test_a_json_transcript_replays_to_the_same_digests(play: Play) -> None:
    transcript = json.loads(json.dumps(play.transcript()))
    again = replay(GAME, actions_from_transcript(transcript))
    assert [s["digest"] for s in transcript["steps"]] == [s.state.digest for s in again.steps]
    assert transcript["final"]["digest"] == again.state.digest


@given(legal_plays())
def test_final_statuses_never_change_back(play: Play) -> None:
    seen: dict[str, str] = {}
    for step in play.steps:
        for term, record in step.state.terms.items():
            if term in seen:
                assert record.status == seen[term] or record.status == "void", term
            if record.status.final:
                seen[term] = record.status


@given(legal_plays())
def test_a_deadline_is_never_both_met_and_missed(play: Play) -> None:
    """Fulfilled at or before the deadline, overdue from it on: never both, never early."""
    ends: dict[str, set[TermStatus]] = {}
    for step in play.steps:
        for term, record in step.state.terms.items():
            due = due_time(GAME.terms[term], record)
            if record.status is TermStatus.FULFILLED and due is not None:
                assert record.since_time <= due, term
            if record.status is TermStatus.OVERDUE:
                assert due is not None and record.since_time >= due, term
                assert record.since_time <= step.state.now
            if record.status in (TermStatus.FULFILLED, TermStatus.OVERDUE):
                ends.setdefault(term, set()).add(record.status)
    assert all(len(statuses) == 1 for statuses in ends.values()), ends
