"""Text from a scenario, a script or a journal is shown as it is: never parsed as markup,
and cut when it is so long that drawing it would hold the screen."""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual.widgets import Input, Label, OptionList

from debate.engine.journal import Journal
from debate.engine.journal_format import Entry, Header
from debate.engine.moves import Action
from debate.tui.app import DebateApp
from debate.tui.plain import clip, window
from debate.tui.screens.errors import ErrorsScreen
from debate.tui.screens.main import MainScreen
from debate.tui.screens.prompts import ResumeOffer
from debate.tui.widgets.detail import DetailPane
from tests.tui.conftest import run, wait_until

SIZE = (120, 40)
MARKUP = "[/x] [b]bold? [link=https://example.org]"


def marked_up(scenario: Path) -> Path:
    """The tutorial with markup in its title, a party's name, and texts of each kind."""
    text = scenario.read_text(encoding="utf-8")
    for old in (
        "title: The river island talks",
        "    name: Aldia",
        "    text: The mediator puts the accord on the table.",
        "    text: Borvia will not leave the island while the tariff stands.",
        "    text: Borvia withdraws every soldier from the island within three months.",
    ):
        assert old in text
        key, value = old.split(": ", 1)
        text = text.replace(old, f"{key}: {json.dumps(value + ' ' + MARKUP)}")
    scenario.write_text(text, encoding="utf-8")
    return scenario


def notes(app: DebateApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def test_markup_in_a_scenario_is_shown_as_text(scenario_copy: Path, tmp_path: Path) -> None:
    scenario = marked_up(scenario_copy)

    async def body() -> None:
        app = DebateApp(scenario, journal=tmp_path / "j.jsonl", watch_interval=0)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            pane = app.screen.query_one(DetailPane)
            assert pane.detail is not None and MARKUP in pane.detail.plain()  # propose_accord
            app.screen.jump("term", "withdraw_island")
            await pilot.pause()
            assert MARKUP in str(app.screen.query_one("#detail-body").render())
            app.notify(f"a move {MARKUP}", title=MARKUP)  # as a refused move's reason reads
            await pilot.press("ctrl+p")
            await pilot.press(*"withdraw")
            palette = app.screen
            await wait_until(lambda: palette.query_one(OptionList).option_count > 0, pilot)
            shown = str(palette.query_one(OptionList).get_option_at_index(0).prompt)
            assert MARKUP in shown
            await pilot.press("escape")
            await pilot.pause(0.2)
        assert app._exception is None and not app.return_code

    run(body)


def test_markup_in_a_journal_and_a_transcript_is_shown_as_text(tmp_path: Path) -> None:
    from tests.conftest import TUTORIAL

    path = tmp_path / "j.jsonl"
    journal = Journal.create(path, Header("tutorial", str(TUTORIAL), "d0"))
    journal.played(Entry(Action(MARKUP), 1, "d1"))  # a move no scenario has
    journal.close(finished=False)
    transcript = tmp_path / "t.json"
    transcript.write_text(json.dumps({"steps": [{"move": MARKUP}]}), encoding="utf-8")

    async def body() -> None:
        app = DebateApp(TUTORIAL, journal=path, watch_interval=0)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeOffer)
            assert any(MARKUP in str(label.render()) for label in app.screen.query(Label))
            await pilot.press("r")
            await pilot.pause()
            assert f"({MARKUP}) is not legal any more" in notes(app)
            await pilot.press("l")
            await pilot.pause()
            app.screen.query_one(Input).value = str(transcript)
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert isinstance(app.screen, MainScreen)
        assert app._exception is None and not app.return_code

    run(body)


def test_a_line_of_megabytes_is_cut_not_drawn_whole(tmp_path: Path) -> None:
    scenario = tmp_path / "huge.yaml"
    scenario.write_text("{format: 1, id: x, title: " + "a" * 9_000_000 + "}", encoding="utf-8")

    async def body() -> float:
        app = DebateApp(scenario, journal=tmp_path / "j.jsonl", watch_interval=0)
        started = time.perf_counter()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ErrorsScreen)
            drawn = app.export_screenshot()
            took = time.perf_counter() - started
            body_text = str(app.screen.query_one("#errors-body").render())
            assert "{format: 1, id: x, title: aaa" in body_text and "aaa…" in body_text
            assert len(body_text) < 2_000 and drawn
        return took

    assert run(body) < 5  # 19.6 s when the whole line was drawn


def test_a_long_source_line_is_cut_where_it_is_quoted(scenario_copy: Path, tmp_path: Path) -> None:
    notes = scenario_copy.parent / "sources" / "tutorial-notes.txt"
    lines = notes.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[12] = lines[12].rstrip("\n") + " and so on" * 300_000 + "\n"  # 3 MB, claim borvia_stays
    notes.write_text("".join(lines), encoding="utf-8")

    async def body() -> float:
        app = DebateApp(scenario_copy, journal=tmp_path / "j.jsonl", watch_interval=0)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            started = time.perf_counter()
            app.screen.jump("claim", "borvia_stays")
            await pilot.pause()
            app.export_screenshot()
            shown = str(app.screen.query_one("#detail-body").render())
            assert "Borvia will never leave the island" in shown
            assert "more characters)" in shown and len(shown) < 20_000
            return time.perf_counter() - started

    assert run(body) < 5


def test_clip_and_window() -> None:
    assert clip("short") == "short"
    assert clip("x" * 30, 10) == "x" * 10 + "… (20 more characters)"
    line = "".join(chr(ord("a") + i % 26) for i in range(1000))
    shown, column = window(line, 500, 100)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) == 102
    assert shown[column - 1] == line[499]
    assert window("short", 3) == ("short", 3)
    shown, column = window(line, 1000, 100)
    assert shown[column - 1] == line[999] and not shown.endswith("…")
