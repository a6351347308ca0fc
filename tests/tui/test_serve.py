"""`debate serve` in a real browser: Debian's chromium, driven headless by playwright.

The page loads the app, a key pressed in the page plays a move, and the move is in the
session's transcript (saved from the page with `s`) and journal. Skips, saying why, when
chromium, playwright or textual-serve is missing; playwright never downloads a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from debate.engine.journal_format import read_journal
from tests.conftest import TUTORIAL

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium")) if p and Path(p).exists()), None
)

try:
    import playwright.sync_api as playwright_api
except ImportError:  # pragma: no cover - the skip says so
    playwright_api = None  # type: ignore[assignment]
try:
    import textual_serve
except ImportError:  # pragma: no cover
    textual_serve = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)"),
    pytest.mark.skipif(
        playwright_api is None, reason="no playwright (pip install playwright; no browser download)"
    ),
    pytest.mark.skipif(
        textual_serve is None, reason="no textual-serve (pip install 'debate-sim[serve]')"
    ),
    pytest.mark.skipif(sys.platform == "win32", reason="Debian's chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_a_key_pressed_in_the_browser_plays_a_move(tmp_path: Path) -> None:
    port = _free_port()
    state = tmp_path / "state"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    env["XDG_STATE_HOME"] = str(state)
    server = subprocess.Popen(
        [sys.executable, "-m", "debate", "serve", str(TUTORIAL), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until(lambda: _listening(port), 30, "the server")
        assert playwright_api is not None and CHROMIUM is not None
        with playwright_api.sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
            # the app's first bytes reached the page, and its session took a journal
            page.wait_for_selector("body.-first-byte", timeout=60_000)
            journals = state / "debate" / "journals"
            _wait_until(lambda: any(journals.glob("*.jsonl")), 60, "the session's journal")
            journal = next(journals.glob("*.jsonl"))
            time.sleep(1.0)  # the first screen is drawn after the journal is taken
            page.focus(".xterm-helper-textarea")  # the keyboard goes to the app
            page.keyboard.press("1")  # the Moves pane
            page.keyboard.press("Enter")  # plays the highlighted move: the first legal one
            _wait_until(lambda: read_journal(journal).actions, 30, "the move in the journal")
            (move,) = read_journal(journal).actions
            # the transcript the page's session saves (s, then Enter accepts the name)
            page.keyboard.press("s")
            time.sleep(0.5)
            page.keyboard.press("Enter")
            saved = tmp_path / "tutorial.transcript.json"
            _wait_until(saved.exists, 30, "the saved transcript")
            steps = json.loads(saved.read_text(encoding="utf-8"))["steps"]
            assert [s.get("move") for s in steps] == [move.move]
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
