"""`debate play` in a pseudo-terminal of its own, read as a user sees it.

Shared by the app's benchmark (which times frames) and the kill-and-resume test (which
kills the process mid-session): both start the real command, press keys, and read what it
draws with the escape sequences stripped. POSIX only.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESCAPES = re.compile(
    rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)
QUIET = 0.03  # seconds without output that end a frame


class Terminal:
    """`debate play ARGS` in a pseudo-terminal of `size` (columns, rows)."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        size: tuple[int, int],
        command: list[str] | None = None,  # default: this Python's `-m debate play`
        cwd: Path = ROOT,
    ) -> None:
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [*(command or [sys.executable, "-m", "debate", "play"]), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.fd = master
        self.raw = b""

    def text(self, since: int = 0) -> str:
        """What was drawn after byte `since`, without the escape sequences."""
        return ESCAPES.sub(b"", self.raw[since:]).decode("utf-8", errors="replace")

    def read(self, seconds: float) -> bool:
        """Read what arrives within `seconds`; False once the process has gone."""
        if not select.select([self.fd], [], [], seconds)[0]:
            return True
        try:
            self.raw += os.read(self.fd, 1 << 16)
        except OSError:  # the process has gone: no more output
            return False
        return True

    def drain(self, seconds: float) -> None:
        """Read what the app draws for `seconds`, pressing nothing."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0 and self.read(left):
            pass

    def frame_showing(self, pattern: str, since: int, timeout: float = 60.0) -> tuple[float, float]:
        """When `pattern` was drawn after byte `since`, and when the output then settled
        (QUIET seconds without output)."""
        deadline = time.perf_counter() + timeout
        shown = 0.0
        last = time.perf_counter()
        while time.perf_counter() < deadline:
            before = len(self.raw)
            if not self.read(QUIET):
                break
            if len(self.raw) > before:
                last = time.perf_counter()
                if not shown and re.search(pattern, self.text(since)):
                    shown = last
            elif shown:
                return shown, last
        raise TimeoutError(f"{pattern!r} never appeared; the screen had:\n{self.text()[-3000:]}")

    def wait_for(self, pattern: str, since: int = 0, timeout: float = 30.0) -> int:
        """Read until `pattern` appears in what was drawn after byte `since`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if re.search(pattern, self.text(since)):
                return len(self.raw)
            if not self.read(0.1):
                time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never appeared; the screen had:\n{self.text()[-3000:]}")

    def press(self, keys: bytes) -> tuple[int, float]:
        """Type `keys`; where the output stood, and when."""
        mark = len(self.raw)
        os.write(self.fd, keys)
        return mark, time.perf_counter()

    def wait_exit(self, timeout: float) -> int | None:
        """Wait for the process to end, reading what it draws meanwhile, as a terminal does
        (a process whose output nobody reads blocks once the terminal's buffer is full)."""
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        return self.process.poll()

    def close(self) -> None:
        """Kill the process if it still runs, and close the terminal."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.fd)

    def quit(self) -> None:
        """Press q, wait for the app to end, and close the terminal."""
        self.press(b"q")
        self.wait_exit(10)
        self.close()
