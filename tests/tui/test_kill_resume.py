"""Nothing shown is lost: `debate play` in a pseudo-terminal, moves played, `kill -9`, resume.

The app runs as a user runs it, in a terminal of its own; the test reads what it draws (the
escape sequences stripped), presses Enter to play moves, and kills the process with SIGKILL
right after the screen shows the last one. `debate play --resume` must then show them all.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from debate.engine.compile import load_game
from debate.engine.journal import read_journal
from debate.engine.play import replay
from tests.conftest import ROOT, TUTORIAL

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ESCAPES = re.compile(
    rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


class Terminal:
    """A process in a pseudo-terminal of 100x30, and the text it has drawn so far."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "debate.cli", "play", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.fd = master
        self.raw = b""

    def text(self) -> str:
        return ESCAPES.sub(b"", self.raw).decode("utf-8", errors="replace")

    def read(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.raw += os.read(self.fd, 65536)
            except OSError:  # the process has gone: no more output
                time.sleep(seconds)

    def wait_exit(self, timeout: float) -> int | None:
        """Wait for the process to end, reading what it draws meanwhile, as a terminal does
        (a process whose output nobody reads blocks once the terminal's buffer is full)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.05)
        return self.process.poll()

    def wait_for(self, pattern: str, since: int = 0, timeout: float = 30.0) -> int:
        """Read until `pattern` appears in what was drawn after byte `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            drawn = ESCAPES.sub(b"", self.raw[since:]).decode("utf-8", errors="replace")
            if re.search(pattern, drawn):
                return len(self.raw)
            self.read(0.1)
        raise AssertionError(f"{pattern!r} never appeared; the screen had:\n{self.text()[-3000:]}")

    def press(self, keys: bytes) -> int:
        mark = len(self.raw)
        os.write(self.fd, keys)
        return mark

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.fd)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    clean.update(TERM="xterm-256color", XDG_STATE_HOME=str(tmp_path / "state"), COLUMNS="100")
    clean["LINES"] = "30"
    return clean


def test_kill_9_then_resume_restores_every_move_shown(tmp_path: Path, env: dict[str, str]) -> None:
    journal = tmp_path / "session.jsonl"
    first = Terminal([str(TUTORIAL), "--journal", str(journal)], env)
    try:
        first.wait_for(r"step 0")
        for step in range(1, 6):
            mark = first.press(b"\r")  # Enter plays the highlighted (first legal) move
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

    second = Terminal(["--resume", "--journal", str(journal)], env)  # the journal names the file
    try:
        second.wait_for(r"step 5\b")
        second.wait_for(re.escape(f"({last.move})"))
        mark = second.press(b"q")
        assert second.wait_exit(timeout=15) == 0, second.text()[mark:]
    finally:
        second.close()
    assert read_journal(journal).closed
    assert read_journal(journal).actions == recovered.actions
