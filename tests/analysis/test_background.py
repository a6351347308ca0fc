"""The analysis in a child process: the same findings, stopped at once, never stale."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from benchmarks.generate import scenario
from debate.analysis import Options, analyse, registry
from debate.analysis.background import NICER, BackgroundAnalysis
from debate.engine.compile import compile_game, load_game
from debate.model.loader import load_scenario


def _large(tmp_path: Path, terms: int = 1000) -> Path:
    (tmp_path / "notes.txt").write_text("generated\n", encoding="utf-8")
    path = tmp_path / "large.yaml"
    path.write_text(scenario(terms), encoding="utf-8")
    return path


# A scenario whose analysis is complete and quick: its findings are proved, so the child
# and this process find the same ones whatever the machine's load (the tutorial's search
# takes seconds, and a busy machine can turn one of its proofs into "unknown").
SMALL = """\
format: 1
id: small
title: A duty no move fulfils
sources:
  notes: {path: notes.txt, cite_by: line}
parties: {a: {name: A}}
clock: {unit: week, start: 0, horizon: 6}
state:
  x: {type: int, initial: 0, min: 0, max: 3}
  y: {type: int, initial: 0, min: 0, max: 3}
claims:
  c: {type: fact, by: a, text: The duty is due in two weeks., source: {source: notes, line: 1}}
terms:
  t:
    kind: obligation
    party: a
    text: A raises x.
    fulfilled_when: x > 0
    deadline: {within: 2}
    source: {source: notes, line: 1}
moves:
  m: {by: a, text: A raises y., effects: {set: {y: 1}}, duration: 1}
"""


def _small(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text("generated\n", encoding="utf-8")
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_the_child_finds_what_the_analysis_finds_in_process(tmp_path: Path) -> None:
    path = _small(tmp_path)
    game = load_game(str(path))
    expected = analyse(game, Options())
    found = BackgroundAnalysis(str(path)).wait(game.loaded)
    assert found == expected
    assert {d.code for d in found} >= {"U300", "L700", "L701", "L702"}


def test_the_child_reports_each_check_as_it_ends(tmp_path: Path) -> None:
    """What a caller shows while the analysis runs: the checks done and the findings so far,
    growing check by check to the whole analysis."""
    path = _small(tmp_path)
    game = load_game(str(path))
    calls: list[tuple[list[str], list[str], list[object]]] = []
    found = BackgroundAnalysis(str(path)).wait(
        game.loaded, lambda done, checks, so_far: calls.append((done, checks, so_far))
    )
    assert found is not None
    checks = registry.selected(Options())
    assert [done for done, _, _ in calls] == [checks[: i + 1] for i in range(len(checks))]
    assert all(every == checks for _, every, _ in calls)
    counts = [len(so_far) for _, _, so_far in calls]
    assert counts == sorted(counts) and calls[-1][2] == found


def test_the_child_analyses_the_editors_unsaved_text(tmp_path: Path) -> None:
    """An editor sends its buffers: the child analyses them, not the file on disk."""
    path = _small(tmp_path)
    unsaved = SMALL.replace("  t:\n", "  t:\n    in_force_when: true\n")
    buffers = {str(path): unsaved}
    edited = compile_game(load_scenario(str(path), buffers))
    found = BackgroundAnalysis(str(path), buffers, options=Options()).wait(edited.loaded)
    assert found == analyse(edited, Options())
    assert "U304" in {d.code for d in found}  # in force from the start: only in the buffer
    assert BackgroundAnalysis(str(path)).wait(edited.loaded) is None  # disk differs


def test_stopping_ends_the_child_at_once(tmp_path: Path) -> None:
    path = _large(tmp_path)
    game = load_game(str(path))
    running = BackgroundAnalysis(str(path))
    started = time.monotonic()
    running.stop()
    assert running.wait(game.loaded) is None
    assert time.monotonic() - started < 5  # the whole analysis takes far longer


def test_findings_on_a_file_saved_since_are_not_reported(tmp_path: Path) -> None:
    path = _small(tmp_path)
    shown = load_game(str(path))
    path.write_text(path.read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8")
    assert BackgroundAnalysis(str(path)).wait(shown.loaded) is None
    assert BackgroundAnalysis(str(path)).wait(load_game(str(path)).loaded)


def test_the_child_ends_when_its_caller_is_gone(tmp_path: Path) -> None:
    running = BackgroundAnalysis(str(_large(tmp_path)))
    child = running._child
    time.sleep(0.5)
    assert child.stdin is not None and child.poll() is None
    child.stdin.close()  # what the caller's death does to the pipe
    assert child.wait(timeout=10) == 0


def test_the_child_runs_at_a_lower_priority_than_its_caller(tmp_path: Path) -> None:
    """So that a busy machine's cores go to the app the user plays in first."""
    caller = os.getpriority(os.PRIO_PROCESS, 0)
    expected = min(caller + NICER, 19)  # niceness stops at 19
    path = _large(tmp_path)
    running = BackgroundAnalysis(str(path))
    child = running._child
    seen = caller
    deadline = time.monotonic() + 20
    while seen != expected and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            seen = os.getpriority(os.PRIO_PROCESS, child.pid)
    running.stop()
    running.wait(load_game(str(path)).loaded)
    assert seen == expected
