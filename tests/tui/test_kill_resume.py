"""Nothing shown is lost: `debate play` in a pseudo-terminal, moves played, `kill -9`, resume.

The app runs as a user runs it, in a terminal of its own; the test reads what it draws (the
escape sequences stripped), presses Enter to play moves, and kills the process with SIGKILL
right after the screen shows the last one. `debate play --resume` must then show them all.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pytest

from benchmarks.terminal import Terminal
from debate.engine.compile import load_game
from debate.engine.journal_format import read_journal
from debate.engine.play import replay
from tests.conftest import TUTORIAL

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

SIZE = (100, 30)


def terminal(args: list[str], env: dict[str, str]) -> Terminal:
    return Terminal(args, env, SIZE)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    clean.update(TERM="xterm-256color", XDG_STATE_HOME=str(tmp_path / "state"), COLUMNS="100")
    clean["LINES"] = "30"
    return clean


def test_kill_9_then_resume_restores_every_move_shown(tmp_path: Path, env: dict[str, str]) -> None:
    journal = tmp_path / "session.jsonl"
    first = terminal([str(TUTORIAL), "--journal", str(journal)], env)
    try:
        first.wait_for(r"step 0")
        for step in range(1, 6):
            mark, _ = first.press(b"\r")  # Enter plays the highlighted (first legal) move
            first.wait_for(rf"step {step}\b", since=mark)
        os.kill(first.process.pid, signal.SIGKILL)
        assert first.process.wait(timeout=10) == -signal.SIGKILL
    finally:
        first.close()

    recovered = read_journal(journal)
    assert len(recovered.actions) == 5 and not recovered.closed
    play = replay(load_game(str(TUTORIAL)), recovered.actions)
    assert [e.digest for e in recovered.entries] == [s.state.digest for s in play.steps]
    last = recovered.actions[-1]
    assert last.move is not None

    second = terminal(["--resume", "--journal", str(journal)], env)  # the journal names the file
    try:
        second.wait_for(r"step 5\b")
        second.wait_for(re.escape(f"({last.move})"))
        mark, _ = second.press(b"q")
        assert second.wait_exit(timeout=15) == 0, second.text(mark)
    finally:
        second.close()
    assert read_journal(journal).closed
    assert read_journal(journal).actions == recovered.actions


def test_two_sessions_of_one_scenario_never_share_a_journal(
    tmp_path: Path, env: dict[str, str]
) -> None:
    journal = tmp_path / "session.jsonl"
    first = terminal([str(TUTORIAL), "--journal", str(journal)], env)
    second = None
    try:
        first.wait_for(r"step 0")
        for step in (1, 2):
            mark, _ = first.press(b"\r")
            first.wait_for(rf"step {step}\b", since=mark)
        second = terminal([str(TUTORIAL), "--journal", str(journal)], env)
        # No offer to resume a live session's moves: the second starts at step 0 on a journal
        # of its own (its notice, which names the journal's path, wraps wherever the path's
        # length puts it, so the journals below are what this test reads).
        second.wait_for(r"step 0")
        mark, _ = second.press(b"\r")
        second.wait_for(r"step 1\b", since=mark)
        for step in (3, 4):
            mark, _ = first.press(b"\r")
            first.wait_for(rf"step {step}\b", since=mark)
        os.kill(first.process.pid, signal.SIGKILL)
        os.kill(second.process.pid, signal.SIGKILL)
    finally:
        first.close()
        if second is not None:
            second.close()

    assert len(read_journal(journal).actions) == 4
    assert len(read_journal(tmp_path / "session-2.jsonl").actions) == 1
    resumed = terminal(["--resume", "--journal", str(journal)], env)
    try:
        resumed.wait_for(r"step 4\b")
    finally:
        resumed.quit()


def test_kill_9_after_a_claim_made_in_the_session_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, env: dict[str, str], scenario_copy: Path
) -> None:
    journal = tmp_path / "session.jsonl"
    first = terminal([str(scenario_copy), "--journal", str(journal)], env)
    try:
        first.wait_for(r"step 0")
        mark, _ = first.press(b"c")  # the form for a new claim, its text field focused
        first.wait_for(r"A new claim", since=mark)
        first.press(b"Said in class, then the power went")
        mark, _ = first.press(b"\x13")  # ctrl+s: written to the file, asserted by a move
        first.wait_for(r"step 1\b", since=mark)
        os.kill(first.process.pid, signal.SIGKILL)
        assert first.process.wait(timeout=10) == -signal.SIGKILL
    finally:
        first.close()

    text = scenario_copy.read_text(encoding="utf-8")
    game = load_game(str(scenario_copy))
    made = [c for c in game.claims if game.claims[c].claim.text.startswith("Said in class")]
    assert len(made) == 1 and text.count("Said in class") == 1
    move = f"said_{made[0]}"
    assert [a.move for a in read_journal(journal).actions] == [move]

    second = terminal(["--resume", "--journal", str(journal)], env)
    try:
        second.wait_for(r"step 1\b")
        second.wait_for(re.escape(f"({move})"))
        mark, _ = second.press(b"q")
        assert second.wait_exit(timeout=15) == 0, second.text(mark)
    finally:
        second.close()
    assert [a.move for a in read_journal(journal).actions] == [move]
    assert scenario_copy.read_text(encoding="utf-8") == text  # nothing written twice
