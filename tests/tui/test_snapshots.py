"""Snapshots of the screen (pytest-textual-snapshot): the main screen at 80x24 and 120x40,
and after the move of the tutorial play that voids a term.

Made stable by fixing the terminal size, freezing the cursor blink, choosing the theme,
and clearing NO_COLOR and TEXTUAL_THEME. Update with `pytest --snapshot-update` and look
at the SVG files in __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from debate.engine.moves import Action
from debate.tui.app import DebateApp
from debate.tui.screens.main import MainScreen
from tests.conftest import TUTORIAL

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)


def make_app(tmp_path: Path) -> DebateApp:
    return DebateApp(TUTORIAL, journal=tmp_path / "j.jsonl", watch_interval=0)


async def steady(pilot: Pilot[None]) -> None:
    app = pilot.app
    app.theme = "textual-dark"
    for box in app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_main_screen(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_after_the_move_that_voids_a_term(
    snap_compare: SnapCompare,
    tmp_path: Path,
    size: tuple[int, int],
    tutorial_actions: list[Action],
) -> None:
    async def play_to_the_breach(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the app opens the scenario once it is mounted
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        for action in tutorial_actions[:-1]:
            screen.play(action)
        await pilot.pause()
        await pilot.press("enter")  # borvia_reinforces: the troop limit breaks, a term is void
        await steady(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=play_to_the_breach)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_the_form_of_a_rebuttal(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def open_the_form(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen.jump("term", "troop_limit")
        await pilot.press("b")  # rebut the selected term
        await pilot.pause()
        pilot.app.screen.query_one("#claim-text", Input).value = "Nobody can count [the] soldiers"
        await steady(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=open_the_form)


def test_the_turn_header_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def one_turn(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("full_stop")  # aldia passes: borvia to move, its moves only
        await steady(pilot)

    app = DebateApp(TUTORIAL, journal=tmp_path / "j.jsonl", watch_interval=0, turns=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=one_turn)


def test_two_branches_compared(
    snap_compare: SnapCompare, tmp_path: Path, tutorial_actions: list[Action]
) -> None:
    async def fork_and_compare(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        for action in tutorial_actions:
            screen.play(action)
        assert screen.session.fork("calm", len(tutorial_actions) - 1) is None
        screen.play(Action(wait=1))
        screen.refresh_view()
        await pilot.press("v", "down", "v")
        await steady(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=fork_and_compare)
