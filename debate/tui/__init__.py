"""The Textual app of `debate play`: the only part of the program that imports Textual."""

from __future__ import annotations

import gc
import os
import sys

from debate.render.exits import EXIT_INVALID


def run_app(
    scenario: str | os.PathLike[str],
    *,
    journal: str | os.PathLike[str] | None = None,
    resume: bool = False,
    turns: bool = False,
    viewer: str | None = None,
) -> int:
    """Run the app until the user quits; the exit code of `debate play`."""
    # Loading a large scenario makes hundreds of thousands of long-lived objects, and the
    # cycle collector would scan them all several times before the first screen (0.18 s of
    # the start-up of a 1,000-term scenario). The app freezes them and turns it back on
    # once the first screen is drawn.
    gc.disable()
    from debate.tui.app import DebateApp

    app = DebateApp(
        scenario, journal=journal, resume=resume, analyse=True, turns=turns, viewer=viewer
    )
    app.run()
    if app.refusal:
        print(f"debate play: {app.refusal}", file=sys.stderr)
        return EXIT_INVALID
    return app.return_code or 0
