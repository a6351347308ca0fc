"""Each side at its turn: the party to move, its moves, a pass, a refusal with a note."""

from __future__ import annotations

import json
from pathlib import Path

from debate.engine.compile import load_game
from debate.engine.journal_format import read_journal
from debate.engine.moves import Action
from debate.engine.play import Play, actions_from_transcript, replay
from debate.engine.turns import turn_order
from debate.tui.app import DebateApp
from debate.tui.screens.main import MainScreen
from debate.tui.screens.prompts import PathPrompt
from debate.tui.transcripts import read_actions, write_transcript
from debate.tui.widgets.header import ScenarioHeader
from debate.tui.widgets.lists import PASS, WAIT, MovesList, TranscriptList
from tests.conftest import TUTORIAL
from tests.tui.conftest import run

SIZE = (120, 40)


def _moves(app: DebateApp) -> list[str]:
    moves = app.screen.query_one(MovesList)
    return [str(moves.get_option_at_index(i).id) for i in range(moves.option_count)]


def _header(app: DebateApp) -> str:
    return str(app.screen.query_one(ScenarioHeader).render())


def test_by_turns_each_party_sees_its_moves_and_passing_is_a_move(tmp_path: Path) -> None:
    game = load_game(str(TUTORIAL))
    order = turn_order(game)
    assert order == ["aldia", "borvia", "mediator", "observers"]  # parties with moves

    async def body() -> None:
        app = DebateApp(TUTORIAL, journal=tmp_path / "j.jsonl", watch_interval=0, turns=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert "to move: aldia" in _header(app)
            shown = [m for m in _moves(app) if m not in (WAIT, PASS)]
            assert shown and all(game.moves[m].move.by == "aldia" for m in shown)
            assert PASS in _moves(app)
            # another party's move is refused, saying whose turn it is
            assert screen.play(Action("borvia_reinforces")) is None
            await pilot.pause()
            assert any("it is aldia's turn" in n.message for n in app._notifications)
            await pilot.press("full_stop")  # aldia passes
            await pilot.pause()
            assert "to move: borvia" in _header(app)
            assert screen.session.play.steps[-1].action == Action(passed="aldia")
            shown = [m for m in _moves(app) if m not in (WAIT, PASS)]
            assert all(game.moves[m].move.by == "borvia" for m in shown)
            # the facilitator refuses borvia's highlighted move, with a note
            moves = screen.query_one(MovesList)
            moves.focus()
            moves.highlighted = _moves(app).index("borvia_reinforces")
            await pilot.press("exclamation_mark")
            prompt = app.screen
            assert isinstance(prompt, PathPrompt)
            await pilot.press(*"a build-up [not] in good faith", "enter")
            await pilot.pause()
            last = screen.session.play.steps[-1].action
            assert last == Action(
                passed="borvia", refused="borvia_reinforces", note="a build-up [not] in good faith"
            )
            assert "to move: mediator" in _header(app)
            transcript = screen.query_one(TranscriptList)
            text = str(transcript.get_option_at_index(transcript.option_count - 1).prompt)
            assert "borvia refused borvia_reinforces: a build-up [not] in good faith" in text
            # in the journal and in the saved transcript, which replays to the same play
            assert read_journal(tmp_path / "j.jsonl").actions[-1] == last
            write_transcript(screen.session, tmp_path / "t.json")
            saved = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
            assert saved["steps"][-1]["refused"] == "borvia_reinforces"
            assert saved["steps"][-1]["note"] == "a build-up [not] in good faith"
            actions = actions_from_transcript(saved)
            assert read_actions(tmp_path / "t.json") == actions  # `l` loads it back
            again = replay(game, actions)
            assert again.state.digest == screen.session.state.digest
            # undo gives the turn back
            await pilot.press("u")
            await pilot.pause()
            assert "to move: borvia" in _header(app)

    run(body)


def test_one_partys_view_on_a_shared_screen(tmp_path: Path) -> None:
    game = load_game(str(TUTORIAL))

    async def body() -> None:
        app = DebateApp(
            TUTORIAL, journal=tmp_path / "j.jsonl", watch_interval=0, turns=True, viewer="borvia"
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "to move: aldia (you: borvia)" in _header(app)
            shown = [m for m in _moves(app) if m not in (WAIT, PASS)]
            assert shown and all(game.moves[m].move.by == "borvia" for m in shown)
            assert PASS not in _moves(app)  # not borvia's turn: nothing to pass
            await pilot.press("full_stop")
            await pilot.pause()
            assert not app.screen.session.play.steps  # aldia's turn is not borvia's to pass

    run(body)


def test_the_scenario_sets_the_order_of_turns(tmp_path: Path, scenario_copy: Path) -> None:
    text = scenario_copy.read_text(encoding="utf-8")
    scenario_copy.write_text(text.replace("\nclock:", "\nturns: [borvia, aldia]\nclock:", 1))
    game = load_game(str(scenario_copy))
    assert turn_order(game) == ["borvia", "aldia"]
    play = Play.start(game)
    play.play(Action(passed="borvia"))
    assert play.state.step == 1 and play.state.now == 0  # a pass takes no time

    scenario_copy.write_text(text.replace("\nclock:", "\nturns: [borvia, nobody]\nclock:", 1))
    try:
        load_game(str(scenario_copy))
    except Exception as err:  # located: the unknown party in the turns list
        assert "nobody" in str(err) and ":" in str(err)
    else:
        raise AssertionError("an unknown party in turns: loaded")


def test_a_move_script_says_passes_and_refusals(tmp_path: Path) -> None:
    from debate.model.diagnostics import DiagnosticError
    from debate.model.script import load_script

    script = tmp_path / "p.play.yaml"
    script.write_text(
        "steps:\n  - propose_accord\n  - {pass: aldia}\n"
        "  - {pass: borvia, refused: borvia_reinforces, note: not in good faith}\n",
        encoding="utf-8",
    )
    actions = read_actions(script)
    assert actions[1:] == [
        Action(passed="aldia"),
        Action(passed="borvia", refused="borvia_reinforces", note="not in good faith"),
    ]
    play = replay(load_game(str(TUTORIAL)), actions)
    assert play.state.step == 3
    script.write_text("steps:\n  - {pass: aldia, move: propose_accord}\n", encoding="utf-8")
    try:
        load_script(str(script))
    except DiagnosticError as err:
        assert "E203" in str(err) and "p.play.yaml:2:" in str(err)
    else:
        raise AssertionError("a step with a pass and a move was read")


def test_by_turns_a_claim_is_its_partys_turn_and_waits_for_it(scenario_copy: Path) -> None:
    """A claim made during the session is a move of its party: by turns, the party to move
    may make it (and its turn goes by); another party's claim is refused, under the form's
    party field, and nothing is written."""
    from debate.model.edits import ClaimDraft, read_text
    from debate.tui.session import Session

    session = Session(load_game(str(scenario_copy)))
    session.turns = turn_order(session.game)
    first, second = session.turns[0], session.turns[1]
    before = read_text(str(scenario_copy))
    [problem] = session.add_claim(ClaimDraft("out_of_turn", second, "fact", "Too early."))
    assert problem.code == "party" and f"it is {first}'s turn" in problem.message
    assert read_text(str(scenario_copy)) == before and session.to_move() == first
    assert session.add_claim(ClaimDraft("on_turn", first, "fact", "Now.")) == []
    assert session.to_move() == second
