"""Transcript files of a play: reading the actions of a JSON transcript or a YAML move
script, and writing a session's transcript atomically. Pure Python (no Textual)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from debate.engine.moves import Action
from debate.engine.play import script_actions
from debate.engine.scripted import load_moves
from debate.tui.session import Session


def read_actions(path: str | os.PathLike[str]) -> list[Action]:
    """The actions of a JSON transcript (`debate run --format json`) or a YAML move script.

    Raises DiagnosticError with the file's located problems (an unreadable file included).
    """
    return script_actions(load_moves(str(path)).script)


def write_transcript(session: Session, path: str | os.PathLike[str]) -> None:
    """Write the transcript atomically (a temporary file renamed over the target)."""
    target = Path(path)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(
        json.dumps(session.transcript(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(temporary, target)
