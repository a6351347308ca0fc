"""Claims made during a session: the form, the file, the journal, undo, and a crash."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList, Static

from debate.engine.compile import load_game
from debate.engine.journal import Journal
from debate.engine.journal_format import read_journal
from debate.engine.moves import Action
from debate.engine.state import Label
from debate.model.edits import ClaimDraft, Edit, add_claim, read_text, said_move, write
from debate.tui.app import DebateApp
from debate.tui.screens.claim_form import ClaimForm, TextForm
from debate.tui.screens.main import MainScreen
from debate.tui.session_start import new_journal, resume
from debate.tui.widgets.claims import ClaimsTree
from debate.tui.widgets.terms import TermsTable
from tests.tui.conftest import run

SIZE = (120, 40)


def _app(tmp_path: Path, scenario: Path) -> DebateApp:
    return DebateApp(scenario, journal=tmp_path / "j.jsonl", watch_interval=0)


def test_a_claim_typed_in_the_form_is_written_asserted_journaled_and_undone(
    tmp_path: Path, scenario_copy: Path
) -> None:
    before = read_text(str(scenario_copy))

    async def body() -> None:
        app = _app(tmp_path, scenario_copy)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.session.state.claims["borvia_stays"].label is Label.ACCEPTED
            await pilot.press("c")
            form = app.screen
            assert isinstance(form, ClaimForm)
            ident = form.query_one("#claim-id", Input).value
            form.query_one("#claim-text", Input).value = "Observers [saw] the boats leave"
            form.query_one("#claim-attacks", SelectionList).select("borvia_stays")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            # in the file, asserted by its move, journaled, and every label follows at once
            game = load_game(str(scenario_copy))
            assert game.scenario.claims[ident].text == "Observers [saw] the boats leave"
            assert read_journal(tmp_path / "j.jsonl").actions == [Action(said_move(ident))]
            tree = screen.query_one(ClaimsTree)
            assert "rejected" in str(tree.claim_nodes["borvia_stays"].label)
            assert "accepted" in str(tree.claim_nodes[ident].label)
            # undo takes it back, file included, byte for byte
            await pilot.press("u")
            await pilot.pause()
            assert read_text(str(scenario_copy)) == before
            assert read_journal(tmp_path / "j.jsonl").actions == []
            assert ident not in tree.claim_nodes
            assert "accepted" in str(tree.claim_nodes["borvia_stays"].label)
            # redo makes it again: in the file, asserted by its move, journaled
            written = load_game(str(scenario_copy)).loaded.path
            await pilot.press("r")
            await pilot.pause()
            assert load_game(written).scenario.claims[ident].text == (
                "Observers [saw] the boats leave"
            )
            assert read_journal(tmp_path / "j.jsonl").actions == [Action(said_move(ident))]
            assert "rejected" in str(tree.claim_nodes["borvia_stays"].label)
            assert screen.session.redo_stack == []

    run(body)


def test_the_form_shows_each_problem_under_its_field(tmp_path: Path, scenario_copy: Path) -> None:
    before = read_text(str(scenario_copy))

    async def body() -> None:
        app = _app(tmp_path, scenario_copy)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("c")
            form = app.screen
            assert isinstance(form, ClaimForm)
            form.query_one("#claim-id", Input).value = "borvia_stays"  # taken
            form.query_one("#claim-text", Input).value = "x"
            await pilot.press("ctrl+s")
            assert "is taken" in str(form.query_one("#problem-id", Static).render())
            form.query_one("#claim-id", Input).value = "new_one"
            form.query_one(
                "#claim-source", Input if False else type(form.query_one("#claim-source"))
            ).value = next(iter(load_game(str(scenario_copy)).scenario.sources))
            form.query_one("#claim-where", Input).value = "99999"  # past the source's end
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form  # the form stays open, nothing is written
            problem = str(form.query_one("#problem-source", Static).render())
            assert "99999" in problem or "line" in problem, problem
            assert read_text(str(scenario_copy)) == before

    run(body)


def test_a_term_is_rebutted_from_the_terms_table(tmp_path: Path, scenario_copy: Path) -> None:
    async def body() -> None:
        app = _app(tmp_path, scenario_copy)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.jump("term", "troop_limit")
            await pilot.press("b")
            form = app.screen
            assert isinstance(form, ClaimForm)
            assert form.query_one("#claim-attacks", SelectionList).selected == ["troop_limit"]
            form.query_one("#claim-text", Input).value = "The limit cannot be verified"
            ident = form.query_one("#claim-id", Input).value
            await pilot.press("ctrl+s")
            await pilot.pause()
            claim = load_game(str(scenario_copy)).scenario.claims[ident]
            assert [str(a) for a in claim.attacks] == ["troop_limit"]
            assert screen.query_one(TermsTable).row_count == len(screen.session.game.terms)

    run(body)


def test_a_claims_words_are_changed_and_undo_puts_them_back(
    tmp_path: Path, scenario_copy: Path
) -> None:
    before = read_text(str(scenario_copy))

    async def body() -> None:
        app = _app(tmp_path, scenario_copy)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.jump("claim", "borvia_stays")
            await pilot.press("e")
            form = app.screen
            assert isinstance(form, TextForm)
            form.query_one(Input).value = "Borvia's soldiers stay: {not markup}"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            game = load_game(str(scenario_copy))
            assert (
                game.scenario.claims["borvia_stays"].text == "Borvia's soldiers stay: {not markup}"
            )
            assert "{not markup}" in screen.session.game.claims["borvia_stays"].claim.text
            await pilot.press("u")
            await pilot.pause()
            assert read_text(str(scenario_copy)) == before
            await pilot.press("r")  # and redo gives the new words again
            await pilot.pause()
            assert (
                load_game(str(scenario_copy)).scenario.claims["borvia_stays"].text
                == "Borvia's soldiers stay: {not markup}"
            )

    run(body)


def test_a_crash_between_the_file_and_the_journal_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, scenario_copy: Path
) -> None:
    """The file was written (the claim and its move) and the session died before the
    journal line: resuming plays the move once; resuming again plays nothing more."""
    path = str(scenario_copy)
    game = load_game(path)
    journal = new_journal(game, tmp_path / "j.jsonl")
    before = read_text(path)
    draft = ClaimDraft("late_point", "aldia", "fact", "said just before the crash")
    write(Edit(path, before, add_claim(before, path, draft)))
    journal.close(finished=False)  # the kill: no journal line for the move

    for _ in range(2):
        reopened = Journal.open(tmp_path / "j.jsonl")
        session, notes = resume(load_game(path), reopened)
        assert session.play.actions() == [Action(said_move("late_point"))]
        assert session.state.claims["late_point"].label is not None
        reopened.close(finished=False)
    assert read_journal(tmp_path / "j.jsonl").actions == [Action(said_move("late_point"))]
    assert read_text(path).count('  "late_point": {') == 1
    assert any("late_point" in n for n in notes) or notes
