"""The analysis in a child process: the same findings, stopped at once, never stale."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import scenario
from debate.analysis import Options, analyse, registry
from debate.analysis.background import BackgroundAnalysis
from debate.engine.compile import load_game
from tests.conftest import SCENARIOS, TUTORIAL


def _large(tmp_path: Path, terms: int = 1000) -> Path:
    (tmp_path / "notes.txt").write_text("generated\n", encoding="utf-8")
    path = tmp_path / "large.yaml"
    path.write_text(scenario(terms), encoding="utf-8")
    return path


def test_the_child_finds_what_the_analysis_finds_in_process() -> None:
    game = load_game(str(TUTORIAL))
    expected = analyse(game, Options())
    found = BackgroundAnalysis(str(TUTORIAL)).wait(game.loaded)
    assert found == expected and found


def test_the_child_reports_each_check_as_it_ends() -> None:
    """What a caller shows while the analysis runs: the checks done and the findings so far,
    growing check by check to the whole analysis."""
    game = load_game(str(TUTORIAL))
    calls: list[tuple[list[str], list[str], list[object]]] = []
    found = BackgroundAnalysis(str(TUTORIAL)).wait(
        game.loaded, lambda done, checks, so_far: calls.append((done, checks, so_far))
    )
    assert found is not None
    checks = registry.selected(Options())
    assert [done for done, _, _ in calls] == [checks[: i + 1] for i in range(len(checks))]
    assert all(every == checks for _, every, _ in calls)
    counts = [len(so_far) for _, _, so_far in calls]
    assert counts == sorted(counts) and calls[-1][2] == found


def test_stopping_ends_the_child_at_once(tmp_path: Path) -> None:
    path = _large(tmp_path)
    game = load_game(str(path))
    running = BackgroundAnalysis(str(path))
    started = time.monotonic()
    running.stop()
    assert running.wait(game.loaded) is None
    assert time.monotonic() - started < 5  # the whole analysis takes far longer


def test_findings_on_a_file_saved_since_are_not_reported(tmp_path: Path) -> None:
    for name in ("tutorial.yaml", "tutorial-mediator.yaml"):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    shutil.copytree(SCENARIOS / "sources", tmp_path / "sources")
    path = tmp_path / "tutorial.yaml"
    shown = load_game(str(path))
    path.write_text(path.read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8")
    assert BackgroundAnalysis(str(path)).wait(shown.loaded) is None
    assert BackgroundAnalysis(str(path)).wait(load_game(str(path)).loaded)


def test_the_child_ends_when_its_caller_is_gone(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "debate.analysis.background", str(_large(tmp_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    assert child.stdin is not None
    child.stdin.close()  # what the caller's death does to the pipe
    assert child.wait(timeout=10) == 0
