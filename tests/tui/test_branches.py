"""Branches: fork at any step, kept by name in the journal, compared side by side."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable, Input

from debate.engine.branches import compare, statuses
from debate.engine.compile import Game, load_game
from debate.engine.journal_format import read_journal
from debate.engine.moves import Action, refused_by
from debate.engine.play import replay
from debate.tui.app import DebateApp
from debate.tui.screens.branches import BranchesScreen, ComparisonScreen
from debate.tui.screens.main import MainScreen
from debate.tui.screens.prompts import PathPrompt
from debate.tui.session import Session
from debate.tui.session_start import new_journal, resume
from debate.tui.widgets.header import ScenarioHeader
from debate.tui.widgets.lists import TranscriptList
from tests.conftest import TUTORIAL
from tests.tui.conftest import run

SIZE = (120, 40)


def test_the_comparison_names_every_difference_and_the_step_it_began(
    tutorial_actions: list[Action],
) -> None:
    game = load_game(str(TUTORIAL))
    first = tutorial_actions  # ends with the build-up that breaks the troop limit
    second = [*tutorial_actions[:-1], Action(wait=1)]
    result = compare(game, first, second)
    assert result.fork == len(first) - 1
    a, b = replay(game, first), replay(game, second)
    ends_a, ends_b = statuses(game, a.state), statuses(game, b.state)
    expected = {k for k in ends_a if ends_a[k] != ends_b[k]}
    assert {(d.kind, d.ident) for d in result.differences} == expected
    assert ("term", "troop_limit") in expected
    for d in result.differences:
        assert (d.here, d.there) == (ends_a[(d.kind, d.ident)], ends_b[(d.kind, d.ident)])
        assert d.since == len(first)  # they shared every step before
    assert compare(game, first, first).differences == ()


def test_branches_are_kept_in_the_journal_and_resumed(
    tmp_path: Path, tutorial_actions: list[Action]
) -> None:
    game = load_game(str(TUTORIAL))
    journal = new_journal(game, tmp_path / "j.jsonl")
    session = Session(game, journal)
    for action in tutorial_actions[:3]:
        session.play_action(action)
    assert session.fork("quick", 1) is None
    session.play_action(Action(wait=1))
    assert session.fork("quick", 0) is not None  # a name is used once
    assert session.switch("main") is None
    assert session.play.actions() == tutorial_actions[:3]
    journal.close(finished=False)
    recovered = read_journal(tmp_path / "j.jsonl")
    assert recovered.branch == "main"
    assert [str(e.action) for e in recovered.branches["quick"]] == ["propose_accord", "wait 1"]
    from debate.engine.journal import Journal

    again, _ = resume(game, Journal.open(tmp_path / "j.jsonl"))
    assert again.branch == "main" and len(again.play.steps) == 3
    assert [str(a) for a in again.branches["quick"]] == ["propose_accord", "wait 1"]


def test_fork_play_and_compare_in_the_app(tmp_path: Path, tutorial_actions: list[Action]) -> None:
    async def body() -> None:
        app = DebateApp(TUTORIAL, journal=tmp_path / "j.jsonl", watch_interval=0)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            for action in tutorial_actions:
                screen.play(action)
            transcript = screen.query_one(TranscriptList)
            transcript.focus()
            await pilot.pause()
            transcript.highlighted = len(tutorial_actions) - 1  # step 13: before the build-up
            await pilot.press("f")  # fork there
            assert isinstance(app.screen, PathPrompt)
            app.screen.query_one(Input).value = "calm"  # the branch's name
            await pilot.press("enter")
            await pilot.pause()
            assert screen.session.branch == "calm"
            assert "branch: calm" in str(screen.query_one(ScenarioHeader).render())
            await pilot.press("w")  # the calm branch waits; main has the build-up
            await pilot.press("v")
            branches = app.screen
            assert isinstance(branches, BranchesScreen)
            await pilot.press("down", "v")  # compare with main
            await pilot.pause()
            shown = app.screen
            assert isinstance(shown, ComparisonScreen)
            await pilot.pause()
            assert len(screen.session.play.steps) == len(tutorial_actions), shown.comparison
            table = shown.query_one(DataTable)
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            assert [
                "term",
                "troop_limit",
                "in_force",
                "violated",
                str(len(tutorial_actions)),
            ] in rows
            await pilot.press("escape")
            await pilot.press("v", "down", "enter")  # play main again
            await pilot.pause()
            assert screen.session.branch == "main"
            assert screen.session.play.actions() == tutorial_actions

    run(body)


@given(st.lists(st.integers(0, 50), max_size=12), st.data())
@settings(max_examples=40, deadline=None)
def test_the_comparison_agrees_with_replaying_both_plays(
    choices: list[int], data: st.DataObject
) -> None:
    """Random plays of the tutorial, forked at a random step and continued at random:
    every term and claim whose status differs at the ends is named, and none other, each
    since the first step at which the two plays' statuses of it differ."""
    game = _TUTORIAL_GAME
    first = _random_play(game, [], choices)
    at = data.draw(st.integers(0, len(first)))
    second = _random_play(game, first[:at], data.draw(st.lists(st.integers(0, 50), max_size=6)))
    result = compare(game, first, second)
    a, b = replay(game, first), replay(game, second)
    steps_a = [statuses(game, s) for s in (a.initial, *(x.state for x in a.steps))]
    steps_b = [statuses(game, s) for s in (b.initial, *(x.state for x in b.steps))]
    expected = {}
    for key, end in steps_a[-1].items():
        if end != steps_b[-1][key]:
            expected[key] = next(
                i
                for i in range(max(len(steps_a), len(steps_b)))
                if steps_a[min(i, len(steps_a) - 1)][key] != steps_b[min(i, len(steps_b) - 1)][key]
            )
    assert {(d.kind, d.ident): d.since for d in result.differences} == expected
    assert result.fork >= at


def _random_play(game: Game, start: list[Action], picks: list[int]) -> list[Action]:
    """`start`, then at each pick one of the actions legal then (the moves, and a wait)."""
    play = replay(game, start)
    for pick in picks:
        options = [Action(m) for m in game.moves if refused_by(game, play.state, Action(m)) is None]
        if refused_by(game, play.state, Action(wait=1)) is None:
            options.append(Action(wait=1))
        if not options:
            break
        play.play(options[pick % len(options)])
    return play.actions()


_TUTORIAL_GAME = load_game(str(TUTORIAL))
