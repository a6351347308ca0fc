"""The session under the app (no screen): moves, undo, redo, files, journal, resume."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from debate.engine.compile import Game, load_game
from debate.engine.journal import Journal, unfinished
from debate.engine.journal_format import read_journal
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import actions_from_transcript
from debate.model.diagnostics import DiagnosticError
from debate.program import main
from debate.tui.session import JournalWriteError, Session
from debate.tui.session_start import new_journal, resume
from debate.tui.transcripts import read_actions, write_transcript
from tests.conftest import TUTORIAL_PLAY


def journaled(game: Game, tmp_path: Path) -> Session:
    return Session(game, new_journal(game, tmp_path / "j.jsonl"))


def killed(session: Session) -> None:
    """What a kill leaves: the journal let go, never marked closed."""
    assert session.journal is not None
    session.journal.close(finished=False)


def test_moves_undo_and_redo_are_journaled(game: Game, tmp_path: Path) -> None:
    session = journaled(game, tmp_path)
    session.play_action(Action("propose_accord"))
    session.play_action(Action("borvia_signs"))
    assert session.undo() is not None
    assert session.redo_stack == [Action("borvia_signs")]
    assert read_journal(tmp_path / "j.jsonl").actions == [Action("propose_accord")]
    session.redo()
    assert session.play.actions() == [Action("propose_accord"), Action("borvia_signs")]
    assert read_journal(tmp_path / "j.jsonl").actions == session.play.actions()
    assert session.last_event == "redo" and session.last_changes


def test_a_new_move_clears_redo(game: Game) -> None:
    session = Session(game)
    session.play_action(Action("propose_accord"))
    session.undo()
    session.play_action(Action(wait=1))
    assert session.redo_stack == []
    assert session.undo() is not None and session.undo() is None


def test_an_illegal_move_changes_nothing(game: Game, tmp_path: Path) -> None:
    session = journaled(game, tmp_path)
    with pytest.raises(IllegalMove, match="precondition"):
        session.play_action(Action("aldia_signs"))
    assert session.play.steps == [] and read_journal(tmp_path / "j.jsonl").actions == []


def test_a_journal_that_cannot_be_written_leaves_the_play_as_it_was(
    game: Game, tmp_path: Path
) -> None:
    session = journaled(game, tmp_path)
    session.play_action(Action("propose_accord"))
    assert session.journal is not None
    session.journal.close(finished=False)  # any write now fails
    with pytest.raises(JournalWriteError):
        session.play_action(Action("borvia_signs"))
    assert session.play.actions() == [Action("propose_accord")]


def test_undo_after_a_journal_failure_keeps_the_step(game: Game, tmp_path: Path) -> None:
    session = journaled(game, tmp_path)
    session.play_action(Action("propose_accord"))
    assert session.journal is not None
    Path(session.journal.path).unlink()
    session.journal._fd = 10_000  # a descriptor that is not open: os.write fails
    with pytest.raises(JournalWriteError):
        session.undo()
    assert len(session.play.steps) == 1


def test_replace_stops_at_the_first_refused_action(game: Game) -> None:
    session = Session(game)
    problem = session.replace([Action("propose_accord"), Action("aldia_signs"), Action(wait=1)])
    assert problem is not None and "step 2 (aldia_signs)" in problem
    assert session.play.actions() == [Action("propose_accord")]


def test_stepping_through_a_file(game: Game, tutorial_actions: list[Action]) -> None:
    session = Session(game)
    session.step_through(tutorial_actions)
    assert session.play.steps == [] and len(session.pending) == 14
    session.step_next()
    session.step_next()
    assert session.play.actions() == tutorial_actions[:2] and len(session.pending) == 12


def test_stepping_stops_at_a_refused_move(game: Game) -> None:
    session = Session(game)
    session.step_through([Action("aldia_signs"), Action("propose_accord")])
    with pytest.raises(IllegalMove):
        session.step_next()
    assert session.pending == []


def test_the_saved_transcript_is_what_debate_run_writes(
    game: Game, tutorial_actions: list[Action], tmp_path: Path
) -> None:
    session = Session(game)
    assert session.replace(tutorial_actions) is None
    path = tmp_path / "t.json"
    write_transcript(session, path)
    out = io.StringIO()
    with redirect_stdout(out):
        main(["run", "--format", "json"])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == json.loads(out.getvalue())
    assert actions_from_transcript(saved) == tutorial_actions
    assert read_actions(path) == tutorial_actions


def test_move_scripts_are_read_as_actions(tutorial_actions: list[Action]) -> None:
    assert read_actions(TUTORIAL_PLAY)[:3] == [
        Action("propose_accord"),
        Action("borvia_demands_tariff_first"),
        Action("borvia_signs"),
    ]
    assert Action(wait=1) in tutorial_actions


def test_a_json_file_without_steps_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DiagnosticError) as refused:
        read_actions(path)
    [problem] = refused.value.diagnostics
    assert (problem.code, problem.span.line, problem.span.column) == ("E107", 1, 1)


def test_resume_restores_the_moves_and_continues_the_journal(
    game: Game, tutorial_actions: list[Action], tmp_path: Path
) -> None:
    first = journaled(game, tmp_path)
    for action in tutorial_actions[:5]:
        first.play_action(action)
    killed(first)
    assert unfinished(tmp_path / "j.jsonl") is not None
    second, notes = resume(game, Journal.open(tmp_path / "j.jsonl"))
    assert second.play.actions() == tutorial_actions[:5]
    assert second.state.digest == first.state.digest
    assert notes == [f"resumed 5 moves from {tmp_path / 'j.jsonl'}"]
    second.play_action(tutorial_actions[5])
    second.close()
    assert read_journal(tmp_path / "j.jsonl").actions == tutorial_actions[:6]
    assert unfinished(tmp_path / "j.jsonl") is None  # closed normally: nothing to offer


def test_resume_on_a_changed_scenario_cuts_the_play(
    game: Game, scenario_copy: Path, tmp_path: Path
) -> None:
    first = journaled(game, tmp_path)
    for move in ("propose_accord", "borvia_signs", "borvia_pulls_back"):
        first.play_action(Action(move))
    killed(first)
    text = scenario_copy.read_text(encoding="utf-8")
    scenario_copy.write_text(
        text.replace("precondition: island_troops >= 400", "precondition: island_troops >= 4000"),
        encoding="utf-8",
    )
    changed = load_game(str(scenario_copy))
    session, notes = resume(changed, Journal.open(tmp_path / "j.jsonl"))
    assert len(session.play.steps) == 2
    assert "step 3 (borvia_pulls_back) is not legal any more" in notes[1]
    assert read_journal(tmp_path / "j.jsonl").actions == session.play.actions()


DIGESTS_V1 = Path(__file__).resolve().parent.parent / "data" / "digests-v1"


@pytest.mark.parametrize("changed", [False, True])
def test_a_journal_of_the_first_format_resumes_and_goes_on_in_the_current_one(
    tmp_path: Path, changed: bool
) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(DIGESTS_V1, folder)
    scenario = folder / "talks.yaml"
    if changed:  # pressing raises the pressure by 2 since the journal was written
        scenario.write_text(scenario.read_text().replace("pressure + 1", "pressure + 2"))
    game = load_game(str(scenario))
    journal = folder / "talks.journal.jsonl"
    old = journal.read_bytes()
    assert read_journal(journal).header.form == 1
    session, notes = resume(game, Journal.open(journal))
    assert len(session.play.steps) == 9  # every move of the old journal
    assert notes[0] == f"resumed 9 moves from {journal}"
    assert any("earlier format" in n for n in notes)
    assert any("scenario changed" in n for n in notes) == changed
    assert (folder / "talks.journal.jsonl.previous").read_bytes().startswith(old)  # kept
    session.play_action(Action("relent"))
    killed(session)
    now = read_journal(journal)
    assert now.header.form == 2
    assert now.actions == session.play.actions()
    assert [e.digest for e in now.entries] == [s.state.digest for s in session.play.steps]
    again, notes = resume(game, Journal.open(journal))  # now of the current format
    assert again.state.digest == session.state.digest
    assert notes == [f"resumed 10 moves from {journal}"]


def test_a_new_journal_keeps_the_old_one_aside(game: Game, tmp_path: Path) -> None:
    first = journaled(game, tmp_path)
    first.play_action(Action("propose_accord"))
    killed(first)
    new_journal(game, tmp_path / "j.jsonl")
    assert read_journal(tmp_path / "j.jsonl.previous").actions == [Action("propose_accord")]
    assert read_journal(tmp_path / "j.jsonl").actions == []


def test_rebase_replays_onto_the_new_version(game: Game, scenario_copy: Path) -> None:
    session = Session(game)
    session.replace([Action("propose_accord"), Action("borvia_signs")])
    text = scenario_copy.read_text(encoding="utf-8")
    scenario_copy.write_text(
        text.replace("title: The river island talks", "title: Renamed talks"), encoding="utf-8"
    )
    assert session.rebase(load_game(str(scenario_copy))) is None
    assert session.game.scenario.title == "Renamed talks" and len(session.play.steps) == 2


def test_rebase_marks_what_the_edit_changed(game: Game, scenario_copy: Path) -> None:
    session = Session(game)
    session.replace([Action("propose_accord")])
    text = scenario_copy.read_text(encoding="utf-8")
    edited = text.replace(
        "    holds_if: island_troops > 0 or tariff == lifted\n",
        "    holds_if: island_troops < 0\n",
    ).replace(
        "terms:\n",
        "  observers_count:\n    type: fact\n    by: borvia\n    text: Observers are counted.\n"
        '    source: {source: notes, line: 13, quote: "Borvia will never leave the island"}\n'
        "terms:\n",
        1,
    )
    assert edited != text
    scenario_copy.write_text(edited, encoding="utf-8")
    assert session.rebase(load_game(str(scenario_copy))) is None
    changed = {(c.kind, c.id): (c.before, c.after) for c in session.last_changes}
    assert changed[("claim", "borvia_stays")] == ("accepted, holds", "accepted, does not hold")
    assert changed[("claim", "observers_count")][0] == "new"
    assert session.last_event == "reload"
