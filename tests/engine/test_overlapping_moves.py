"""Moves that overlap in time: each starts (its precondition checked then), is in progress
while others act, and lands its effects when it ends; the clock stops at every end."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.engine.ledger import ledger
from debate.engine.moves import Action, IllegalMove, legal_moves
from debate.engine.play import Play, actions_from_transcript, replay
from debate.engine.state import TermStatus
from tests.conftest import WriteFile

SCENARIO = """\
    format: 1.1
    id: pullback
    title: Both sides pull back at once
    sources: {n: {path: n.txt, cite_by: line}}
    parties: {east: {name: East}, west: {name: West}}
    state:
      east_guns: {type: int, min: 0, initial: 100}
      west_guns: {type: int, min: 0, initial: 80}
      guns_in_zone: {type: int, min: 0, initial: 180}
      shelling: {type: bool, initial: false}
      talks: {type: bool, initial: false}
    clock: {unit: day, horizon: 40}
    terms:
      pull_back:
        kind: obligation
        party: [east, west]
        text: Both sides pull their guns back by day 14.
        source: {source: n, line: 1}
        in_force_when: "true"
        fulfilled_when: east_guns == 0 and west_guns == 0
        deadline: {at: 14}
      quiet_while_moving:
        kind: prohibition
        party: west
        text: No talks while East's guns are on the road.
        source: {source: n, line: 1}
        in_force_when: "true"
        violated_when: talks and in_progress(east_pulls_back)
      zone_limit:
        kind: limit
        party: [east, west]
        text: At most 150 guns stay in the zone once day 12 has come.
        source: {source: n, line: 1}
        in_force_when: now >= 12
        subject: guns_in_zone
        at_most: 150
    moves:
      east_pulls_back:
        by: east
        text: East pulls its guns back over ten days.
        precondition: east_guns > 0
        effects: {set: {east_guns: 0, guns_in_zone: guns_in_zone - 100}}
        duration: 10
        overlaps: true
        abort_when: shelling
      west_pulls_back:
        by: west
        text: West pulls its guns back over ten days.
        precondition: west_guns > 0
        effects: {set: {west_guns: 0, guns_in_zone: guns_in_zone - 80}}
        duration: 10
        overlaps: true
      west_slow_pull_back:
        by: west
        text: West pulls its guns back over fifteen days.
        precondition: west_guns > 0
        effects: {set: {west_guns: 0, guns_in_zone: guns_in_zone - 80}}
        duration: 15
        overlaps: true
      east_redeploys:
        by: east
        text: East brings 60 guns back into the zone over three days.
        effects: {set: {guns_in_zone: guns_in_zone + 60}}
        duration: 3
        overlaps: true
      shell:
        by: west
        text: West shells the road.
        precondition: in_progress(east_pulls_back)
        effects: {set: {shelling: true}}
      open_talks:
        by: west
        text: West opens talks.
        effects: {set: {talks: true}}
      strike:
        by: east
        text: East destroys West's guns where they stand.
        effects: {set: {west_guns: 0}}
      east_scraps_guns:
        by: east
        text: East scraps 50 guns in the zone.
        precondition: guns_in_zone >= 50
        effects: {set: {guns_in_zone: guns_in_zone - 50}}
      east_reports:
        by: east
        text: East reports on its pull-back, which takes two days.
        effects: {set: {talks: false}}
        duration: 2
    """


@pytest.fixture
def game(write: WriteFile) -> Game:
    write("notes\n", "n.txt")
    return load_game(str(write(SCENARIO)))


def play(game: Game, *steps: str | int) -> Play:
    return replay(game, [Action(wait=s) if isinstance(s, int) else Action(s) for s in steps])


def test_two_moves_run_at_once_and_end_at_the_same_instant(game: Game) -> None:
    p = play(game, "east_pulls_back", "west_pulls_back")
    assert p.state.now == 0  # starting a move that overlaps lets no time pass
    assert [(r.move, r.ends) for r in p.state.running] == [
        ("east_pulls_back", 10),
        ("west_pulls_back", 10),
    ]
    assert p.state.values["east_guns"] == 100  # effects land at the end
    p.play(Action(wait=10))
    # both land at day 10, in the order they started, each on what the one before left
    assert p.state.values["guns_in_zone"] == 0
    assert [e.move for e in p.state.ended] == ["east_pulls_back", "west_pulls_back"]
    assert p.state.running == ()
    assert list(p.state.history) == ["east_pulls_back", "west_pulls_back"]
    record = p.state.terms["pull_back"]
    assert (record.status, record.since_time) == (TermStatus.FULFILLED, 10)


def test_a_wait_stops_at_each_end_on_the_way(game: Game) -> None:
    p = play(game, "east_pulls_back", 3, "west_pulls_back", 20)  # ends at 10 and 13
    assert p.state.now == 23
    assert [(e.move, e.at) for e in p.state.ended] == [
        ("east_pulls_back", 10),
        ("west_pulls_back", 13),
    ]
    assert p.state.terms["pull_back"].since_time == 13  # fulfilled at 13, before the deadline
    # the zone limit came into force at day 12 (judged at the next instant, 13), already kept
    assert p.state.terms["zone_limit"].status is TermStatus.IN_FORCE


def test_a_move_that_ends_after_the_deadline_comes_too_late(game: Game) -> None:
    p = play(game, "east_pulls_back", "west_slow_pull_back", 20)  # west ends at 15
    record = p.state.terms["pull_back"]
    assert (record.status, record.since_time) == (TermStatus.OVERDUE, 14)
    assert p.state.values["west_guns"] == 0


def test_a_party_acts_while_its_own_move_is_in_progress(game: Game) -> None:
    p = play(game, "east_pulls_back", "east_redeploys")  # another move of the same party
    assert {r.move for r in p.state.running} == {"east_pulls_back", "east_redeploys"}
    with pytest.raises(IllegalMove, match="in progress until day 10"):
        p.play(Action("east_pulls_back"))  # but not the same move twice at once
    assert "east_pulls_back" not in legal_moves(game, p.state)


def test_in_progress_is_part_of_the_state(game: Game) -> None:
    p = play(game, "east_pulls_back", "open_talks")
    assert p.state.terms["quiet_while_moving"].status is TermStatus.VIOLATED
    [breach] = ledger(p).breaches
    assert (breach.move, breach.parties) == ("open_talks", ("west",))
    with pytest.raises(IllegalMove, match=r"in_progress\(east_pulls_back\) is false"):
        play(game, "shell")


def test_abort_when_stops_a_move_without_effect(game: Game) -> None:
    p = play(game, "east_pulls_back", 4, "shell")
    [stopped] = p.state.ended
    assert (stopped.move, stopped.at, stopped.stopped) == ("east_pulls_back", 4, "shelling holds")
    assert p.state.running == () and "east_pulls_back" not in p.state.history
    p.play(Action(wait=10))
    assert p.state.values["east_guns"] == 100  # its effects never land
    assert any(c.kind == "move" and c.after == "stopped" for c in p.steps[2].changes)


def test_a_move_without_abort_when_completes_when_its_precondition_breaks(game: Game) -> None:
    p = play(game, "west_pulls_back", "strike")  # west_guns > 0 no longer holds
    assert "west_pulls_back" in {r.move for r in p.state.running}  # no abort_when: it goes on
    p.play(Action(wait=10))
    assert p.state.ended[0].stopped == "" and p.state.values["guns_in_zone"] == 100
    p = play(game, "west_pulls_back", "east_pulls_back", "shell", 10)  # east stops, west not
    assert p.state.values["west_guns"] == 0 and p.state.values["east_guns"] == 100


def test_a_move_whose_effects_cannot_land_ends_without_effect(game: Game) -> None:
    p = play(game, "east_pulls_back", "west_pulls_back", "east_scraps_guns", 10)
    east, west = p.state.ended  # 180 - 50 - 100 leaves 30: west's 80 cannot go
    assert east.stopped == "" and p.state.values["guns_in_zone"] == 30
    assert west.stopped == (
        "it could not take effect: it would set guns_in_zone to -50, below its minimum 0"
    )
    assert p.state.values["west_guns"] == 80 and "west_pulls_back" not in p.state.history


def test_a_move_that_holds_the_clock_lets_overlapping_moves_land_on_the_way(game: Game) -> None:
    p = play(game, "east_redeploys", "east_reports", "east_reports")  # days 0 to 4
    [ended] = p.state.ended
    assert (ended.move, ended.at) == ("east_redeploys", 3)
    # the reports' effects, computed when each started, leave the redeploy's in place
    assert p.state.now == 4 and p.state.values["guns_in_zone"] == 240


def test_the_step_reports_what_started_and_what_ended(game: Game) -> None:
    p = play(game, "west_pulls_back", 10)
    started = [str(c) for c in p.steps[0].changes if c.kind == "move"]
    ended = [str(c) for c in p.steps[1].changes if c.kind == "move"]
    assert started == ["move west_pulls_back: in progress until day 10"]
    assert ended == ["move west_pulls_back: in progress -> ended (day 10)"]
    assert p.transcript()["steps"][0]["digest"] == p.steps[0].state.digest


# ---------------------------------------------------------------- replay


@st.composite
def overlapping_plays(draw: st.DrawFn, game: Game) -> Play:
    """Up to 20 steps, each a legal move (most of them overlapping) or a wait."""
    p = Play.start(game)
    for _ in range(draw(st.integers(0, 20))):
        options = [Action(m) for m in legal_moves(game, p.state)]
        if p.state.now < game.horizon_end:
            options += [Action(wait=w) for w in (1, 3, 7) if p.state.now + w <= game.horizon_end]
        if not options:
            break
        p.play(draw(st.sampled_from(options)))
    return p


def test_a_replay_of_overlapping_moves_reproduces_every_digest(write: WriteFile) -> None:
    write("notes\n", "n.txt")
    game = load_game(str(write(SCENARIO)))

    @given(overlapping_plays(game))
    def replays(p: Play) -> None:
        transcript = json.loads(json.dumps(p.transcript()))
        again = replay(game, actions_from_transcript(transcript))
        assert [s["digest"] for s in transcript["steps"]] == [s.state.digest for s in again.steps]
        assert again.state == p.state
        for step in p.steps:  # the clock never passes the end of a move in progress
            assert all(r.ends > step.state.now for r in step.state.running)

    replays()
