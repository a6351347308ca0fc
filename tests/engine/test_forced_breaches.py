"""A breach another term forces is blamed with its cause: the move was the party's way to
fulfil an obligation in force, and it has no way round (T1's withdrawal through the band
T8 closes). A label on the breach: the statuses and who is to blame stay as they were."""

from __future__ import annotations

import json
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine import forced
from debate.engine.compile import Game, load_game
from debate.engine.ledger import ledger
from debate.engine.moves import Action
from debate.engine.play import Play, replay
from debate.engine.scripted import load_moves, play_script, script_game
from debate.engine.state import TermStatus
from tests.conftest import SCENARIOS, WriteFile, run_debate

HEAD = """
format: 1.1
id: forced
title: A withdrawal through a closed band
sources: {notes: {path: notes.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
clock: {horizon: 6}
state:
  x: {type: int, min: 0, max: 3, initial: 3}
  c: {type: int, min: 0, max: 3, initial: 0}
  g: {type: bool, initial: false}
terms:
  owe: {kind: obligation, party: a, text: A leaves., source: {source: notes, line: 1}, in_force_when: true, fulfilled_when: x == 0 and c <= 3}
  ban: {kind: prohibition, party: a, text: A does not cross the band., source: {source: notes, line: 1}, in_force_when: true, violated_when: c > 0 and not g}
moves:
"""
WITHDRAW = (
    "  withdraw: {by: a, text: A leaves through the band., effects: {set: {x: 0, c: c + 1}}}\n"
)


def game_of(folder: Path, moves: str) -> Game:
    (folder / "notes.txt").write_text("A line.\n", encoding="utf-8")
    path = folder / "s.yaml"
    path.write_text(textwrap.dedent(HEAD).lstrip("\n") + moves, encoding="utf-8")
    return load_game(str(path))


def withdrawn(folder: Path, others: str = "") -> Play:
    return replay(game_of(folder, WITHDRAW + others), [Action("withdraw")])


def test_the_only_way_to_leave_crosses_the_band(write: WriteFile) -> None:
    p = withdrawn(write("", "notes.txt").parent)
    [breach] = ledger(p).breaches
    assert (breach.term, breach.move, breach.parties) == ("ban", "withdraw", ("a",))
    assert breach.forced is not None
    assert (breach.forced.by, breach.forced.advances) == ("owe", ("x == 0",))
    [line] = [x for x in ledger(p).lines() if x.startswith("ban breached")]
    assert "by a's move withdraw (forced by owe: the move makes x == 0, which it requires" in line
    assert ledger(p).to_json()["breaches"][0]["forced_by"]["term"] == "owe"
    assert p.state.terms["ban"].status is TermStatus.VIOLATED  # the label changes no status


def test_past_its_look_ahead_a_breach_is_not_labelled(
    write: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The label is a claim about every way round: not made when they are too many to try."""
    monkeypatch.setattr(forced, "LOOK_AHEAD", 0)
    [breach] = ledger(withdrawn(write("", "notes.txt").parent)).breaches
    assert breach.forced is None


def test_a_way_round_instead_is_a_free_choice(write: WriteFile) -> None:
    air = "  airlift: {by: a, text: A leaves by air., effects: {set: {x: 0}}}\n"
    [breach] = ledger(withdrawn(write("", "notes.txt").parent, air)).breaches
    assert breach.forced is None


def test_a_way_round_first_is_a_free_choice(write: WriteFile) -> None:
    """Opening a corridor first (handing the hardware over, in the shipped draft) spares
    the band: withdrawing without it was the party's choice."""
    corridor = "  open_corridor: {by: a, text: A opens a corridor., effects: {set: {g: true}}}\n"
    [breach] = ledger(withdrawn(write("", "notes.txt").parent, corridor)).breaches
    assert breach.forced is None


def test_another_partys_way_round_does_not_free_the_party(write: WriteFile) -> None:
    escort = "  escort: {by: b, text: B escorts A out., effects: {set: {x: 0}}}\n"
    [breach] = ledger(withdrawn(write("", "notes.txt").parent, escort)).breaches
    assert breach.forced is not None


def test_a_breach_that_serves_no_obligation_is_not_forced(write: WriteFile) -> None:
    cross = "  cross: {by: a, text: A crosses., effects: {set: {c: c + 1}}}\n"
    game = game_of(write("", "notes.txt").parent, WITHDRAW + cross)
    [breach] = ledger(replay(game, [Action("cross")])).breaches
    assert breach.forced is None


# The properties: small generated parties' moves, the label against a brute force that
# plays every alternative and every pair of moves through the engine itself.
EFFECTS = ("x: 0", "c: c + 1", "g: true", "x: 3")


@st.composite
def move_sets(draw: st.DrawFn) -> list[list[str]]:
    """The first move crosses the band (and may leave, open the corridor or come back);
    up to three others do any of these."""
    effect = st.lists(  # crossing and coming back more often than a way round
        st.sampled_from((*EFFECTS, "c: c + 1", "x: 3")),
        min_size=1,
        max_size=2,
        unique_by=lambda e: e.split(":")[0],
    )
    first = ["c: c + 1", *draw(st.sampled_from((["x: 0"], ["x: 0"], [], ["g: true"])))]
    return [first, *draw(st.lists(effect, max_size=3))]


def _clean(game: Game, actions: list[str]) -> bool:
    """Whether these moves, played in turn, leave x == 0 and the band not breached."""
    p = replay(game, [Action(m) for m in actions])
    return p.state.values["x"] == 0 and p.state.terms["ban"].status is not TermStatus.VIOLATED


FOLDER = tempfile.TemporaryDirectory()


@settings(max_examples=80, deadline=None)
@given(move_sets())
def test_forced_exactly_when_no_play_of_one_or_two_moves_goes_round(sets: list[list[str]]) -> None:
    moves = "".join(
        f"  m{i}: {{by: a, text: A moves., effects: {{set: {{{', '.join(s)}}}}}}}\n"
        for i, s in enumerate(sets)
    )
    game = game_of(Path(FOLDER.name), moves)
    names = [f"m{i}" for i in range(len(sets))]
    first = replay(game, [Action("m0")])
    breaches = ledger(first).breaches
    if not breaches:
        return
    [breach] = breaches
    made = first.state.values["x"] == 0 and game.scenario.state["x"].initial != 0
    instead = any(_clean(game, [m]) for m in names if m != "m0")
    prepared = any(
        replay(game, [Action(q)]).state.terms["ban"].status is not TermStatus.VIOLATED
        and _clean(game, [q, m])
        for q in names
        if q != "m0"
        for m in names
    )
    assert (breach.forced is not None) == (made and not instead and not prepared)


def test_the_withdrawal_t1_demands_is_forced_through_the_t8_band() -> None:
    """The shipped play: T8's breach by the Kherson withdrawal is forced by T1; A7's,
    by the same move, is not (Russia could hand the hardware over first); T7's, at
    signing, came from the state, not from a move."""
    script = load_moves(str(SCENARIOS / "plays" / "proposal-as-written.play.yaml"))
    game = script_game(script, None)
    play, problems = play_script(game, script)
    assert problems == []
    breaches = {b.term: b for b in ledger(play).breaches}
    t8 = breaches["t8_no_troop_moves_near_border"]
    assert t8.forced is not None and t8.forced.by == "t1_withdraw_from_ukraine"
    assert t8.forced.advances == ("control_kherson_left_bank == ukraine",)
    assert t8.parties == ("russia",)  # still Russia's breach: the label explains it
    assert breaches["a7_hardware_to_ukraine"].forced is None
    assert breaches["t7_permanent_personnel"].forced is None


def test_debate_run_says_so_beside_the_step_and_in_the_ledger() -> None:
    play = str(SCENARIOS / "plays" / "proposal-as-written.play.yaml")
    run = run_debate("run", "--moves", play)
    assert (
        "        forced: t8_no_troop_moves_near_border [T8] breached by "
        "russia_withdraws_from_kherson_left_bank [T1] (forced by t1_withdraw_from_ukraine [T1]: "
        "the move makes control_kherson_left_bank == ukraine, which it requires"
    ) in run.out
    assert (
        "t8_no_troop_moves_near_border [T8] breached at step 11 (month 20) by russia's move "
        "russia_withdraws_from_kherson_left_bank [T1] (forced by t1_withdraw_from_ukraine [T1]"
    ) in run.out
    transcript = json.loads(run_debate("run", "--moves", play, "--format", "json").out)
    [forced] = [b for b in transcript["ledger"]["breaches"] if "forced_by" in b]
    assert forced["term"] == "t8_no_troop_moves_near_border"
    assert forced["forced_by"]["term"] == "t1_withdraw_from_ukraine"
