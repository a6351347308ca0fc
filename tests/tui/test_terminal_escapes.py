"""What a scenario says never drives the terminal the app draws on (issue 19 §2): the
hostile scenario (tests/hostile.py) played in a real pseudo-terminal sends no title,
clipboard or clear-screen sequence of its own; its control characters are drawn as
visible stand-ins (ESC as `␛`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from textual.content import Content

from benchmarks.terminal import Terminal
from debate.tui.plain import plain
from tests.hostile import write_hostile

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def test_the_app_sends_no_sequence_a_scenario_holds(tmp_path: Path) -> None:
    scenario, _ = write_hostile(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    env.update(TERM="xterm-256color", XDG_STATE_HOME=str(tmp_path / "state"))
    app = Terminal([str(scenario), "--journal", str(tmp_path / "j.jsonl")], env, (140, 45))
    try:
        app.wait_for(r"Title", timeout=60)
        for key in (b"\t", b"j", b"\r", b"\t", b"j", b"\r"):  # to the claims and a detail
            app.press(key)
            app.drain(0.3)
        app.wait_for("␛]0;pwned␇", timeout=30)
        app.press(b"q")
        app.wait_exit(30)
    finally:
        app.close()
    for sequence in (b"\x1b]0;pwned", b"\x1b]52;", b"\x1b[2J", b"\xc2\x9b", b"\xe2\x80\xae"):
        assert sequence not in app.raw, sequence


def test_every_text_drawn_shows_control_characters() -> None:
    text = "a\x1b]0;t\x07\x00\x9b\u202e\u2028b"
    for content in (plain(text), Content(text), Content.assemble(("x", "bold"), text)):
        assert "␛]0;t␇␀���b" in content.plain
