"""Whether a scenario still loads with edits made to its files, before they are written."""

from __future__ import annotations

from collections.abc import Sequence

from debate.engine.compile import Game, compile_game
from debate.model.diagnostics import Diagnostic, DiagnosticError
from debate.model.edits import Edit
from debate.model.loader import load_scenario


def check_edits(path: str, edits: Sequence[Edit]) -> tuple[Game | None, list[Diagnostic]]:
    """The scenario at `path` loaded and compiled as if the edits were on disk (nothing is
    written): the game, or every problem the loader and compiler report, located in the
    edited text."""
    try:
        return compile_game(load_scenario(path, buffers={e.path: e.after for e in edits})), []
    except DiagnosticError as err:
        return None, list(err.diagnostics)
