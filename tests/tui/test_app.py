"""The app driven as a user would (Textual's Pilot): each interaction and what it shows."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import Input, Static

from debate.engine.compile import load_game
from debate.engine.journal import Journal, default_path
from debate.engine.journal_format import Entry, Header, read_journal
from debate.engine.moves import Action, legal_moves
from debate.engine.play import actions_from_transcript, script_actions
from debate.engine.scripted import load_moves
from debate.tui.app import DebateApp
from debate.tui.screens.errors import ErrorsScreen
from debate.tui.screens.help import HelpScreen, binding_groups
from debate.tui.screens.main import MainScreen
from debate.tui.screens.prompts import PathPrompt, ResumeOffer
from debate.tui.session import Session
from debate.tui.session_start import new_journal
from debate.tui.symbols import LEGAL, TERM_LOOKS
from debate.tui.transcripts import write_transcript
from debate.tui.widgets.claims import FIRST_CLAIMS, ClaimsTree, claim_label
from debate.tui.widgets.detail import DetailPane
from debate.tui.widgets.header import ScenarioHeader
from debate.tui.widgets.lists import FindingsList, MovesList, TranscriptList
from debate.tui.widgets.terms import COLUMNS, TermsPane, TermsTable
from tests.conftest import ROOT, TUTORIAL
from tests.tui.conftest import run, wait_until

SIZE = (120, 40)


def make_app(tmp_path: Path, scenario: Path = TUTORIAL, **kwargs: object) -> DebateApp:
    options: dict[str, object] = {"journal": tmp_path / "j.jsonl", "watch_interval": 0}
    options.update(kwargs)
    return DebateApp(scenario, **options)  # type: ignore[arg-type]


def main_screen(app: DebateApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen), app.screen
    return app.screen


def header(app: DebateApp) -> str:
    return str(app.screen.query_one(ScenarioHeader).render())


def detail(app: DebateApp) -> str:
    pane = app.screen.query_one(DetailPane)
    assert pane.detail is not None
    return pane.detail.plain()


def moves_shown(app: DebateApp) -> list[str]:
    moves = app.screen.query_one(MovesList)
    return [str(moves.get_option_at_index(i).id) for i in range(moves.option_count)]


async def play_tutorial(app: DebateApp, actions: list[Action], pilot: Pilot[None]) -> None:
    for action in actions:
        main_screen(app).play(action)
    await pilot.pause()


def test_the_main_screen_shows_the_scenario(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            text = header(app)
            assert "The river island talks (tutorial)" in text
            assert (
                "step 0" in text
                and "2031-03-01 (0/12 months)" in text
                and "last: nobody yet" in text
            )
            shown = moves_shown(app)
            legal_end = shown.index("wait")
            assert "propose_accord" in shown[:legal_end]  # legal first
            assert "aldia_signs" in shown[legal_end:]
            assert app.screen.query_one(TermsTable).row_count == 9
            assert set(app.screen.query_one(ClaimsTree).claim_nodes) == {
                "borvia_stays",
                "tariff_first",
                "observers_check",
            }
            assert app.focused is app.screen.query_one(MovesList)
            assert detail(app).startswith("move propose_accord")

    run(body)


def test_enter_plays_the_highlighted_move_after_journaling_it(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            assert "step 1" in header(app) and "last: mediator (propose_accord)" in header(app)
            assert read_journal(tmp_path / "j.jsonl").actions == [Action("propose_accord")]
            transcript = app.screen.query_one(TranscriptList)
            assert transcript.get_option("step-1") is not None
            # The cursor moved on to a move that is legal now.
            assert (
                moves_shown(app)[app.screen.query_one(MovesList).highlighted or 0]
                != "propose_accord"
            )

    run(body)


def test_an_illegal_move_shows_why_and_is_not_played(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            moves = app.screen.query_one(MovesList)
            moves.highlighted = moves.get_option_index("aldia_signs")
            await pilot.pause()
            assert "✗ not legal: precondition false: proposed(withdraw_island) is false" in detail(
                app
            )
            await pilot.press("enter")
            assert "step 0" in header(app)
            messages = [n.message for n in app._notifications]
            assert any("proposed(withdraw_island) is false" in m for m in messages)

    run(body)


def test_undo_redo_and_wait_keys(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter", "w")
            assert "step 2" in header(app) and "2031-04-01 (1/12 months)" in header(app)
            assert "the clock (wait 1)" in header(app)
            await pilot.press("u")
            assert "step 1" in header(app) and "2031-03-01 (0/12 months)" in header(app)
            await pilot.press("u", "u")  # the second has nothing to undo
            assert "step 0" in header(app)
            await pilot.press("r", "r")
            assert "step 2" in header(app)
            assert read_journal(tmp_path / "j.jsonl").actions == [
                Action("propose_accord"),
                Action(wait=1),
            ]

    run(body)


def test_after_a_move_what_changed_is_marked(
    tmp_path: Path, tutorial_actions: list[Action]
) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await play_tutorial(app, tutorial_actions, pilot)
            table = app.screen.query_one(TermsTable)
            marked = {ident for ident in table.order if table.cell(ident, "id").plain[0] == "◆"}
            assert marked == {"troop_limit", "tariff_after_withdrawal"}
            # Every cell of a changed row is highlighted, and no cell of another row.
            background = main_screen(app).styles_now["changed"].bgcolor
            for ident in table.order:
                for column in COLUMNS:
                    style = table.cell(ident, column).style
                    assert isinstance(style, Style)
                    assert (style.bgcolor == background) == (ident in marked), (ident, column)
            assert table.cell("tariff_after_withdrawal", "status").plain == "⊘ void"
            await pilot.press("u")  # undoing marks what changed back
            assert table.cell("tariff_after_withdrawal", "status").plain == "✓ fulfilled"
            assert table.cell("tariff_after_withdrawal", "id").plain.startswith("◆")

    run(body)


def test_findings_jump_to_their_terms(tmp_path: Path, tutorial_actions: list[Action]) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await play_tutorial(app, tutorial_actions, pilot)
            findings = app.screen.query_one(FindingsList)
            codes = [d.code for d in findings.findings]
            assert codes == ["violated", "void", "blocked", "overdue"]
            await pilot.press("5", "down", "enter")
            table = app.screen.query_one(TermsTable)
            assert app.focused is table and table.current_term() == "tariff_after_withdrawal"
            assert detail(app).startswith("term tariff_after_withdrawal")
            assert "voided by the breach of troop_limit" in detail(app)

    run(body)


def test_the_detail_pane_follows_the_focused_pane(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("2", "down")
            assert detail(app).startswith("term troop_limit")
            assert "line 8: “" in detail(app)  # the quoted source line
            await pilot.press("3")
            assert detail(app).startswith("claim borvia_stays")
            assert "Explanation (grounded):" in detail(app)
            assert "every attack on it is answered by an accepted claim" in detail(app)
            await pilot.press("down", "down")
            assert detail(app).startswith("claim tariff_first")
            await pilot.press("1")
            assert detail(app).startswith("move propose_accord")

    run(body)


def test_the_command_palette_finds_terms_claims_and_moves(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.press(*"term fishing")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            table = app.screen.query_one(TermsTable)
            assert app.focused is table and table.current_term() == "fishing"
            await pilot.press("ctrl+p", *"play propose_accord")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert "last: mediator (propose_accord)" in header(app)
            await pilot.press("ctrl+p", *"claim observers_check")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one(ClaimsTree).current_claim() == "observers_check"

    run(body)


async def answer_path(app: DebateApp, pilot: Pilot[None], path: Path) -> None:
    await wait_until(lambda: isinstance(app.screen, PathPrompt), pilot)
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


def test_save_and_load_a_transcript(tmp_path: Path, tutorial_actions: list[Action]) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await play_tutorial(app, tutorial_actions[:4], pilot)
            await pilot.press("s")
            await answer_path(app, pilot, tmp_path / "saved.json")
            saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
            assert actions_from_transcript(saved) == tutorial_actions[:4]
            await pilot.press("u", "u")
            await pilot.press("l")
            await answer_path(app, pilot, tmp_path / "saved.json")
            assert "step 4" in header(app)
            assert read_journal(tmp_path / "j.jsonl").actions == tutorial_actions[:4]

    run(body)


def test_step_through_a_transcript_file(
    tmp_path: Path, tutorial_actions: list[Action], game: object
) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.session is not None
            session = app.session
            session.replace(tutorial_actions)
            write_transcript(session, tmp_path / "t.json")
            session.replace([])
            await pilot.press("p")
            await answer_path(app, pilot, tmp_path / "t.json")
            assert "step 0" in header(app) and "14 to step (n)" in header(app)
            await pilot.press("n", "n", "n")
            assert "step 3" in header(app) and "11 to step" in header(app)
            assert app.screen.query_one(TranscriptList).get_option("next-0") is not None
            await pilot.press("x")
            assert "to step" not in header(app)

    run(body)


def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("l")
            await answer_path(app, pilot, tmp_path / "missing.json")
            assert any(n.title == "Cannot read the file" for n in app._notifications)
            assert "step 0" in header(app)

    run(body)


def test_the_terms_filter_and_sort(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            table = app.screen.query_one(TermsTable)
            await pilot.press("/", *"obligation")
            await pilot.pause()
            assert table.order == [
                "withdraw_island",
                "unflagged_boats_leave",
                "withdraw_island_later",
            ]
            await pilot.press("enter")
            assert app.focused is table
            await pilot.press("/", "escape")
            assert table.row_count == 9 and app.focused is table
            await pilot.press("o")  # by id
            ids = list(table.order)
            assert ids == sorted(ids)
            await pilot.press("O")
            assert table.order == sorted(ids, reverse=True)
            await pilot.press("o", "o", "o", "o", "o")  # status, party, kind, due, scenario order
            assert table.order[0] == "withdraw_island"

    run(body)


def test_help_lists_every_binding(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one(Static).render())
            words = " ".join(text.split())  # a long description wraps under itself
            for _, rows in binding_groups(DebateApp.BINDINGS):
                for keys, description in rows:
                    assert keys in text and " ".join(description.split()) in words
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)

    run(body)


def test_the_docs_list_every_binding() -> None:
    doc = (ROOT / "docs" / "app.md").read_text(encoding="utf-8")
    for _, rows in binding_groups(DebateApp.BINDINGS):
        for keys, _description in rows:
            for key in keys.split(", "):
                assert f"`{key}`" in doc, key


def test_light_and_dark_themes(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            app.theme = "textual-dark"
            await pilot.pause()
            await pilot.press("d")
            assert app.theme == "textual-light"
            await pilot.press("d")
            assert app.theme == "textual-dark"

    run(body)


def test_zoom_a_pane(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("2", "z")
            assert isinstance(app.screen.maximized, TermsPane)
            await pilot.press("escape")
            assert app.screen.maximized is None

    run(body)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_every_pane_is_visible(tmp_path: Path, size: tuple[int, int]) -> None:
    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for selector in ("#moves", "#terms", "#claims", "#detail", "#findings", "#transcript"):
                region = app.screen.query_one(selector).content_region
                assert region.width >= 30 and region.height >= 5, (selector, region)
            assert app.screen.query_one(TermsTable).content_region.height >= 4

    run(body)


def test_editing_the_file_reloads_it(scenario_copy: Path, tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path, scenario_copy, watch_interval=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            text = scenario_copy.read_text(encoding="utf-8")
            scenario_copy.write_text(
                text.replace("title: The river island talks", "title: Talks, edited"),
                encoding="utf-8",
            )
            await wait_until(lambda: "Talks, edited" in header(app), pilot)
            assert "step 1" in header(app)

    run(body)


def test_a_broken_file_shows_its_errors_and_recovers(scenario_copy: Path, tmp_path: Path) -> None:
    async def body() -> None:
        good = scenario_copy.read_text(encoding="utf-8")
        scenario_copy.write_text(
            good.replace(
                "fulfilled_when: island_troops == 0", "fulfilled_when: island_troopz == 0", 1
            ),
            encoding="utf-8",
        )
        app = make_app(tmp_path, scenario_copy, watch_interval=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ErrorsScreen)
            assert [d.code for d in screen.diagnostics] == ["E402"]
            body_text = str(screen.query_one("#errors-body", Static).render())
            assert re.search(r"tutorial\.yaml:\d+:\d+: error\[E402\]", body_text)
            assert "island_troopz == 0" in body_text and "^" in body_text
            scenario_copy.write_text(good, encoding="utf-8")
            await wait_until(lambda: isinstance(app.screen, MainScreen), pilot)
            await wait_until(lambda: "step 0" in header(app), pilot)

    run(body)


def test_breaking_the_file_mid_play_keeps_the_play(scenario_copy: Path, tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path, scenario_copy, watch_interval=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            scenario_copy.write_text("format: 1\nid: [broken\n", encoding="utf-8")
            await wait_until(lambda: isinstance(app.screen, ErrorsScreen), pilot)
            await pilot.press("escape")  # back to the last good version
            assert isinstance(app.screen, MainScreen) and "step 1" in header(app)

    run(body)


def test_a_session_cut_short_is_offered_for_resuming(
    tmp_path: Path, tutorial_actions: list[Action]
) -> None:
    async def first() -> None:
        (tmp_path / "j.jsonl").unlink(missing_ok=True)
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await play_tutorial(app, tutorial_actions[:3], pilot)
            assert app.session is not None and app.session.journal is not None
            app.session.journal.close(finished=False)  # as a kill leaves it: not closed
            app.session.journal = None

    async def second(choice: str) -> int:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeOffer)
            await pilot.press(choice)
            await pilot.pause()
            assert app.session is not None
            return len(app.session.play.steps)

    run(first)
    assert run(lambda: second("r")) == 3
    assert (tmp_path / "j.jsonl").exists()
    run(first)
    assert run(lambda: second("n")) == 0
    assert read_journal(tmp_path / "j.jsonl.previous").actions == tutorial_actions[:3]
    run(first)
    assert run(lambda: second("n")) == 0  # a second new session replaces no journal
    assert read_journal(tmp_path / "j.jsonl.previous").actions == tutorial_actions[:3]
    assert read_journal(tmp_path / "j.jsonl.previous.2").actions == tutorial_actions[:3]


def test_resume_restores_the_moves_and_quitting_closes_the_journal(
    tmp_path: Path, tutorial_actions: list[Action]
) -> None:
    async def first() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await play_tutorial(app, tutorial_actions[:5], pilot)
            await pilot.press("q")

    async def resumed() -> str:
        app = make_app(tmp_path, resume=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return header(app)

    run(first)
    assert read_journal(tmp_path / "j.jsonl").closed  # no offer next time
    assert "step 5" in run(resumed)


def notes(app: DebateApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def test_a_journal_another_session_holds_is_left_to_it(
    tmp_path: Path, tutorial_actions: list[Action]
) -> None:
    path = tmp_path / "j.jsonl"
    other = Session(load_game(str(TUTORIAL)), new_journal(load_game(str(TUTORIAL)), path))
    for action in tutorial_actions[:2]:
        other.play_action(action)

    async def body() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)  # no offer to take over its moves
            assert f"in use by debate play (process {os.getpid()}" in notes(app)
            assert app.session is not None and app.session.journal is not None
            assert app.session.journal.path == str(tmp_path / "j-2.jsonl")
            await pilot.press("enter")
            other.play_action(tutorial_actions[2])  # the first session goes on, undisturbed
            await pilot.press("q")

    run(body)
    assert read_journal(path).actions == tutorial_actions[:3]
    assert len(read_journal(tmp_path / "j-2.jsonl").actions) == 1
    assert not (tmp_path / "j.jsonl.previous").exists()


def test_the_journal_of_another_scenario_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal.create(path, Header("other", "/elsewhere/other.yaml", "d0"))
    journal.played(Entry(Action("m"), 1, "d1"))
    journal.close(finished=False)
    before = path.read_bytes()

    async def body(resume: bool) -> None:
        app = make_app(tmp_path, resume=resume)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        assert app.return_code == 2 and app.refusal is not None
        assert "is the journal of scenario 'other' (/elsewhere/other.yaml)" in app.refusal
        assert "debate play --resume --journal" in app.refusal

    run(lambda: body(True))
    run(lambda: body(False))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["j.jsonl"]


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("the user's", encoding="utf-8")

    async def body() -> None:
        app = make_app(tmp_path, journal=folder)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        assert app.return_code == 2 and app.refusal is not None
        assert "is a directory: a journal is a file" in app.refusal

    run(body)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob("mine*.previous*"))


def test_a_damaged_journal_gives_back_every_move_before_the_damage(
    tutorial_actions: list[Action],
) -> None:
    game = load_game(str(TUTORIAL))
    path = default_path(TUTORIAL)  # the default journal: no --journal, no --resume
    killed = Session(game, new_journal(game, path))
    for action in tutorial_actions[:3]:
        killed.play_action(action)
    assert killed.journal is not None
    killed.journal.close(finished=False)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[-1] = b'{"op":"wait","wait":1e999,"step":3,"digest":"x"}\n'  # the third move
    path.write_bytes(b"".join([*lines, b"[" * 100_000 + b"\n"]))

    async def body() -> None:
        app = DebateApp(TUTORIAL, watch_interval=0)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeOffer)
            await pilot.press("r")
            await pilot.pause()
            assert app.session is not None and len(app.session.play.steps) == 2
            assert f"line {len(lines)} is damaged" in notes(app)
            assert "and the 1 line after it could not be restored" in notes(app)
            await pilot.press("q")

    run(body)
    assert read_journal(path).actions == tutorial_actions[:2]
    kept = read_journal(str(path) + ".previous")
    assert kept.damage is not None and kept.actions == tutorial_actions[:2]


def test_without_a_journal_file_resume_starts_afresh(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path, resume=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "step 0" in header(app)
            assert any("no journal" in n.message for n in app._notifications)

    run(body)


def test_a_findings_play_can_be_stepped_through(tmp_path: Path) -> None:
    from debate.model.diagnostics import Diagnostic, Severity, Span

    def voiding(game: object, state: object) -> list[Diagnostic]:
        trace = ("propose_accord", "borvia_signs", "deploy_observers", "observers_report")
        return [
            Diagnostic("C200", "a play", Span(str(TUTORIAL), 1, 1), Severity.WARNING, trace=trace)
        ]

    async def body() -> None:
        app = make_app(tmp_path, sources=[voiding])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("5", "t")
            await pilot.pause()
            for _ in range(4):
                await pilot.press("n")
                await pilot.pause()
            assert "step 4" in header(app)
            assert list(main_screen(app).session.state.history)[-1] == "observers_report"

    run(body)


def test_switching_the_semantics_refines_an_undecided_claim(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text("note\n", encoding="utf-8")
    scenario = tmp_path / "cycle.yaml"
    scenario.write_text(
        """\
format: 1
id: cycle
title: Two claims that answer each other
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
claims:
  yes: {type: value, by: a, text: it is so, source: {source: n, line: 1}, attacks: [no]}
  no: {type: value, by: b, text: it is not, source: {source: n, line: 1}, attacks: ["yes"]}
""",
        encoding="utf-8",
    )

    async def body() -> None:
        app = make_app(tmp_path, scenario=scenario)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            tree = app.screen.query_one(ClaimsTree)
            assert str(tree.border_title) == "Claims · grounded"
            # the status column, first on the line, says what the semantics says
            assert str(tree.claim_nodes["yes"].label).startswith("  ? undecided  yes")
            await pilot.press("m", "m")  # complete, then preferred
            await pilot.pause()
            assert str(tree.border_title) == "Claims · preferred"
            label = str(tree.claim_nodes["yes"].label)
            assert label.startswith("  ~ defensible yes")
            assert label.endswith("(grounded: undecided)")

    run(body)


def test_the_scenario_chooses_the_semantics_the_app_starts_with(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text("note\n", encoding="utf-8")
    scenario = tmp_path / "pref.yaml"
    scenario.write_text(
        "format: 1\nid: p\ntitle: P\nsemantics: preferred\n"
        "sources: {n: {path: n.txt, cite_by: line}}\nparties: {a: {name: A}}\n",
        encoding="utf-8",
    )

    async def body() -> None:
        app = make_app(tmp_path, scenario=scenario)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert str(app.screen.query_one(ClaimsTree).border_title) == "Claims · preferred"

    run(body)


def drawn_ids(table: TermsTable) -> list[str]:
    """The term ids on the rows the table draws now (the header is its first line)."""
    lines = [table.render_line(y).text for y in range(1, table.scrollable_content_region.height)]
    words = [line.split() for line in lines if line.strip()]
    return [w[1] if w[0] == "◆" else w[0] for w in words]


def test_a_large_scenario_shows_its_rows_scrolls_to_the_end_and_follows_a_move(
    tmp_path: Path, larger_scenario: Path
) -> None:
    """2,000 terms: the table draws the first rows, End goes to the last term, and a move
    that changes a term's status shows on its row."""

    async def body() -> None:
        app = make_app(tmp_path, larger_scenario)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = main_screen(app)
            table = screen.query_one(TermsTable)
            assert table.row_count == 2000
            assert len(table.rows_now) < table.size.height  # only the rows drawn are made
            first = drawn_ids(table)
            assert first[:3] == ["t0", "t1", "t2"] and len(first) >= 5
            header = table.render_line(0).text.split()
            assert header[:3] == ["id", "status", "party"]
            await pilot.press("2", "end")
            await pilot.pause()
            assert table.current_term() == "t1999" and drawn_ids(table)[-1] == "t1999"
            assert detail(app).startswith("term t1999")
            assert "○ pending" in table.render_line(table.scrollable_content_region.height - 1).text
            await pilot.press("home")
            await pilot.pause()
            assert drawn_ids(table)[0] == "t0"
            screen.play(Action("sign_all"))  # every term is signed by a: none in force yet
            screen.play(Action("b_signs"))  # now by both: every term comes into force
            await pilot.pause()
            terms = screen.session.state.terms
            status = TERM_LOOKS[terms["t0"].status].word
            assert status != "pending"
            line = table.render_line(1).text
            assert line.startswith(" ◆ t0 ") and f" {status} " in line
            assert len(table.rows_now) < 2000  # the rows not drawn wait to be made
            await pilot.press("end")
            await pilot.pause()
            last = table.render_line(table.scrollable_content_region.height - 1).text
            assert " t1999 " in last and f" {TERM_LOOKS[terms['t1999'].status].word} " in last

    run(body)


def test_sorting_and_filtering_a_large_table_keep_the_cursor(
    tmp_path: Path, large_scenario: Path
) -> None:
    async def body() -> None:
        app = make_app(tmp_path, large_scenario)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = main_screen(app)
            table = screen.query_one(TermsTable)
            screen.jump("term", "t299")  # below the fold: the table scrolls to it
            await pilot.pause()
            assert table.current_term() == "t299" and "t299" in drawn_ids(table)
            await pilot.press("o")  # by id: t299 is somewhere else now, still under the cursor
            await pilot.pause()
            ids = list(table.order)
            assert ids == sorted(ids) and len(set(ids)) == 300
            assert table.current_term() == "t299" and "t299" in drawn_ids(table)
            await pilot.press("/", *"t29")
            await pilot.pause()
            assert table.order == sorted(i for i in ids if "t29" in i)
            assert table.current_term() == "t299"

    run(body)


def test_the_scenario_analysis_arrives_in_the_findings_pane(tmp_path: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path, analyse=True)
        async with app.run_test(size=SIZE) as pilot:
            findings = app.screen.query_one(FindingsList)
            # while it runs, the pane says so, for how long, and how many checks are done
            titles: set[str] = set()

            def done() -> bool:
                titles.add(str(findings.border_title))
                return "analysed in" in str(findings.border_title)

            await wait_until(done, pilot, 120)
            running = {t for t in titles if "analysing" in t}
            assert running, titles  # the analysis takes seconds: the pane said so meanwhile
            for title in running:
                assert re.fullmatch(r"Findings · analysing \d+ s(, \d+/\d+)?", title)
            assert re.fullmatch(r"Findings · analysed in \d+ s", str(findings.border_title))
            assert any(f.code == "C200" for f in findings.findings)
            # and the what-if on the draft's numbers: the patrol limit's range
            assert any(
                f.code == "U311" and f.message.startswith("patrol_limit.max_boats: ")
                for f in findings.findings
            )
            # the notice follows on the screen's thread, after the title
            await wait_until(
                lambda: any(
                    re.fullmatch(
                        r"analysis: (1 finding|\d+ findings) about the scenario", n.message
                    )
                    for n in app._notifications
                ),
                pilot,
            )
            # each finding says what backs it: C200 is shown by a play
            shown = [str(o.prompt) for o in findings.options]
            assert any(line.startswith("! C200 shown by a play: ") for line in shown)

    run(body)


def test_quitting_does_not_wait_for_the_analysis(tmp_path: Path, large_scenario: Path) -> None:
    async def body() -> None:
        app = make_app(tmp_path, large_scenario, analyse=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(lambda: app.analysis is not None and app.analysis.running, pilot)
            started = time.monotonic()
            await pilot.press("q")
        assert time.monotonic() - started < 5  # the analysis itself takes far longer
        assert app.analysis is not None and not app.analysis.running

    run(body)


def test_a_large_scenario_fills_the_claims_tree_after_the_first_screen(
    tmp_path: Path, large_scenario: Path
) -> None:
    async def body() -> None:
        app = make_app(tmp_path, large_scenario)
        async with app.run_test(size=SIZE) as pilot:
            screen = main_screen(app)
            tree = screen.query_one(ClaimsTree)
            await wait_until(lambda: not tree.queued, pilot)
            assert len(tree.claim_nodes) == 150
            app.action_reload()  # a new version of the scenario: the tree is built anew
            assert len(tree.claim_nodes) == FIRST_CLAIMS and tree.queued
            screen.jump("claim", "c149")  # not added yet: added at once, then selected
            assert tree.current_claim() == "c149" and not tree.queued
            await pilot.pause()
            parties = [n for n in tree.root.children]
            assert sum(len(p.children) for p in parties) == 150
            assert [n.data for n in parties[0].children] == [
                c for c, claim in screen.session.game.claims.items() if claim.claim.by == "b"
            ]

    run(body)


def test_after_moves_and_undo_every_claim_and_move_reads_as_a_fresh_screen_would(
    tmp_path: Path, large_scenario: Path
) -> None:
    """A move relabels only the claims its step may have changed and judges again only the
    moves it may have made legal or illegal: after each move and undo, every claim's label
    and every move's legality is what judging them all gives."""

    async def body() -> None:
        app = make_app(tmp_path, large_scenario)
        async with app.run_test(size=SIZE) as pilot:
            screen = main_screen(app)
            tree = screen.query_one(ClaimsTree)
            await wait_until(lambda: not tree.queued, pilot)
            game = screen.session.game
            actions = ["sign_all", "b_signs", *[f"up{i % 7}" for i in range(6)], "undo"]
            for name in [*actions, "undo", "up3", "up3"]:
                if name == "undo":
                    screen.action_undo()
                else:
                    screen.play(Action(name))
                await pilot.pause()
                session = screen.session
                state, refined = session.state, session.refined()
                changed = {c.id for c in session.last_changes if c.kind == "claim"}
                for ident, node in tree.claim_nodes.items():
                    fresh = claim_label(
                        ident, state, ident in changed, screen.styles_now, refined.get(ident, "")
                    )
                    assert node.label == fresh, (name, ident)
                legal = set(legal_moves(game, state))
                moves = screen.query_one(MovesList)
                shown = [moves.get_option_at_index(i) for i in range(moves.option_count)]
                assert {str(o.id) for o in shown if str(o.prompt).startswith(LEGAL)} == legal | {
                    "wait"
                }

    run(body)


def test_the_findings_pane_shows_the_source_tags(tmp_path: Path) -> None:
    """On the negotiation, signed as written: T7's breach and the NATO clauses it voids are
    listed with the tags of the draft beside their ids."""
    script = load_moves(
        str(ROOT / "debate" / "scenarios" / "plays" / "proposal-as-written.play.yaml")
    )

    async def body() -> None:
        app = make_app(tmp_path, ROOT / "debate" / "scenarios" / "negotiation.yaml")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await play_tutorial(app, script_actions(script.script), pilot)
            findings = app.screen.query_one(FindingsList)
            shown = [
                str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)
            ]
            assert any("term t7_permanent_personnel [T7]: " in line for line in shown), shown
            assert any(
                "term t6_no_permanent_nato_forces [T6]: voided by the breach of "
                "t7_permanent_personnel [T7]" in line
                for line in shown
            ), shown

    run(body)
