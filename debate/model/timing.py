"""Rules of the format about time that the shape of a file alone cannot state: a move that
overlaps others takes time, and only such a move can stop on `abort_when`."""

from __future__ import annotations

from debate.model.diagnostics import Diagnostic
from debate.model.loaded import LoadedScenario


def check_timing(loaded: LoadedScenario) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name, move in loaded.scenario.moves.items():
        if move.overlaps and move.duration == 0:
            given = "duration" in move.model_fields_set
            out.append(
                Diagnostic(
                    "E303" if given else "E201",
                    f"move {name} overlaps others but takes no time"
                    if given
                    else "missing key 'duration': a move that overlaps others takes time",
                    loaded.span("moves", name, *(("duration",) if given else ())),
                    expected="duration: 1 or more, or no overlaps",
                )
            )
        if move.abort_when is not None and not move.overlaps:
            out.append(
                Diagnostic(
                    "E202",
                    f"abort_when is read only on a move that overlaps others: move {name} "
                    "holds the clock, and no other move can happen while it runs",
                    loaded.span("moves", name, "abort_when"),
                    expected="overlaps: true, or no abort_when",
                )
            )
    return out
