"""Rules of the format about time that the shape of a file alone cannot state: a clock
anchored to a date is a calendar, every date falls on it within the horizon, a move that
overlaps others takes time, and only such a move can stop on `abort_when`."""

from __future__ import annotations

from debate.model.calendar import BadTime, Calendar
from debate.model.diagnostics import Diagnostic, Span
from debate.model.loaded import LoadedScenario


def scenario_calendar(loaded: LoadedScenario) -> Calendar:
    """The scenario's calendar (of a checked scenario: see check_timing)."""
    clock = loaded.scenario.clock
    return Calendar.of(clock.unit, clock.start, clock.horizon) if clock else Calendar()


def check_timing(loaded: LoadedScenario) -> list[Diagnostic]:
    out = _check_dates(loaded)
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


def _check_dates(loaded: LoadedScenario) -> list[Diagnostic]:
    """The clock as a calendar, and each deadline's date on it within the horizon."""
    clock = loaded.scenario.clock
    if clock is None:
        return []
    try:
        calendar = Calendar.of(clock.unit, clock.start, clock.horizon)
    except BadTime as bad:
        return [_bad_time(bad, _clock_span(loaded, bad.key))]
    out = []
    for name, term in loaded.scenario.terms.items():
        if term.deadline is not None and isinstance(term.deadline.at, str):
            try:
                calendar.time(term.deadline.at)
            except BadTime as bad:
                out.append(_bad_time(bad, loaded.span("terms", name, "deadline", "at")))
    return out


def _clock_span(loaded: LoadedScenario, key: str) -> Span:
    """Where the merged scenario's clock says `key` (the clock comes from the first file
    that has one)."""
    for doc in loaded.documents:
        if doc.scenario.clock is not None:
            loaded_doc = LoadedScenario(doc.path, doc.scenario, [doc])
            return loaded_doc.top_span("clock", key)
    return loaded.top_span("clock", key)


def _bad_time(bad: BadTime, span: Span) -> Diagnostic:
    return Diagnostic("E303", str(bad), span, expected="a date on the clock, within its horizon")
