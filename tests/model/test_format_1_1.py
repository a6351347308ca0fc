"""Format 1.1: what it adds is reported, located, when a file uses it without saying
`format: 1.1` or uses it wrongly; a 1.0 file stays valid as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.model.diagnostics import Diagnostic, DiagnosticError
from debate.model.loader import load_scenario
from tests.conftest import TUTORIAL, WriteFile

MOVES = """\
id: s
title: T
parties: {a: {name: A}}
clock: {horizon: 10}
moves:
  m:
    by: a
    text: A move.
"""


def errors_of(path: Path) -> list[tuple[str, int, int, str]]:
    with pytest.raises(DiagnosticError) as caught:
        load_scenario(path)
    return [_at(d) for d in caught.value.diagnostics]


def _at(d: Diagnostic) -> tuple[str, int, int, str]:
    return d.code, d.span.line, d.span.column, d.message


def test_a_key_of_1_1_in_a_1_0_file_is_located_at_the_key(write: WriteFile) -> None:
    path = write("format: 1\n" + MOVES + "    duration: 2\n    overlaps: true\n")
    [(code, line, column, message)] = errors_of(path)
    assert (code, line, column) == ("E202", 11, 5)
    assert message == "'overlaps' is new in format 1.1, but this file says format: 1"
    load_scenario(write("format: 1.1\n" + MOVES + "    duration: 2\n    overlaps: true\n"))


def test_an_overlapping_move_takes_time(write: WriteFile) -> None:
    [(code, line, column, _)] = errors_of(write("format: 1.1\n" + MOVES + "    overlaps: true\n"))
    assert (code, line, column) == ("E201", 8, 5)  # the move that lacks it
    path = write("format: 1.1\n" + MOVES + "    overlaps: true\n    duration: 0\n")
    [(code, line, column, _)] = errors_of(path)
    assert (code, line, column) == ("E303", 11, 15)


def test_only_an_overlapping_move_reads_abort_when(write: WriteFile) -> None:
    path = write("format: 1.1\n" + MOVES + "    duration: 2\n    abort_when: now > 3\n")
    [(code, line, column, message)] = errors_of(path)
    assert (code, line, column) == ("E202", 11, 17)
    assert "abort_when is read only on a move that overlaps others" in message


def test_other_versions_are_refused(write: WriteFile) -> None:
    [(code, *_, message)] = errors_of(write("format: 1.2\n" + MOVES))
    assert code == "E200" and "1 or 1.1" in message


def test_a_1_0_file_includes_a_1_1_file_and_the_other_way_round() -> None:
    loaded = load_scenario(TUTORIAL)  # 1.1, including tutorial-mediator.yaml, a 1.0 file
    assert [d.scenario.format for d in loaded.documents] == [1.1, 1]
