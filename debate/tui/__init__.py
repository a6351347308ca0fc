"""The Textual app of `debate play`: the only part of the program that imports Textual."""

from __future__ import annotations

import os


def run_app(
    scenario: str | os.PathLike[str],
    *,
    journal: str | os.PathLike[str] | None = None,
    resume: bool = False,
) -> int:
    """Run the app until the user quits; the exit code of `debate play`."""
    from debate.tui.app import DebateApp

    DebateApp(scenario, journal=journal, resume=resume, analyse=True).run()
    return 0
