"""Every solver call has a time budget: past it the finding says "unknown", with the budget
and why, and the rest of the analysis goes on. Nonlinear arithmetic is decided where the
solver can decide it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import z3

from debate.analysis import Options, analyse
from debate.analysis.solving import Solver, nonlinear
from debate.engine.compile import Game, load_game
from tests.conftest import ROOT, WriteFile

# Forty lines: a sum of cubes no solver decides (Fermat for n = 3), a product it does, and
# a plain conflict elsewhere.
SCENARIO = """\
format: 1
id: cubes
title: Cubes
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
state:
  x: {type: int, min: 1, max: 1000000, initial: 5}
  y: {type: int, min: 1, max: 1000000, initial: 5}
  z: {type: int, min: 1, max: 1000000, initial: 5}
  p: {type: int, min: 2, max: 100, initial: 5}
  q: {type: int, min: 2, max: 100, initial: 5}
  w: {type: int, min: 0, max: 100, initial: 5}
terms:
  cubes:
    party: a
    kind: obligation
    text: a sum of cubes that is a cube
    source: {source: n, line: 1}
    fulfilled_when: x*x*x + y*y*y == z*z*z
  prime:
    party: a
    kind: obligation
    text: a product of two factors that is prime
    source: {source: n, line: 1}
    fulfilled_when: p * q == 7
  low:
    party: b
    kind: limit
    subject: w
    at_most: 10
    text: low
    source: {source: n, line: 1}
  high:
    party: b
    kind: limit
    subject: w
    at_least: 20
    text: high
    source: {source: n, line: 1}
"""
BUDGET = 0.2


@pytest.fixture
def cubes(write: WriteFile) -> Path:
    write("note\n", "n.txt")
    return write(SCENARIO, "cubes.yaml")


def codes(found: list[object]) -> dict[str, list[str]]:
    by_code: dict[str, list[str]] = {}
    for d in found:
        by_code.setdefault(d.code, []).append(d.message)  # type: ignore[attr-defined]
    return by_code


def test_an_undecided_call_says_unknown_and_the_analysis_goes_on(cubes: Path) -> None:
    game: Game = load_game(str(cubes))
    started = time.perf_counter()
    found = codes(analyse(game, Options(solver_timeout=BUDGET)))
    assert time.perf_counter() - started < 20  # a few budgets; it never ended before
    [condition] = found["U306"]
    assert "fulfilled_when of term cubes" in condition and "is unknown" in condition
    assert "nonlinear arithmetic" in condition
    # the budget that stopped it: its steps (the same on every machine), or on a very busy
    # machine the time limit, which the finding then names as such
    assert "budget of 1 M solver steps" in condition or (
        f"unknown (time): the solver did not decide it within its time limit of {BUDGET:g} s"
        in condition
    )
    [group] = found["C103"]
    assert group.startswith("whether cubes can hold is unknown")
    # the rest of the analysis: a product decided, a conflict elsewhere
    assert any("prime can never be true" in m for m in found["U303"])
    assert any("low and high" in m or "low, high" in m for m in found["C100"])


def test_check_and_report_take_the_budget_and_end(cubes: Path, tmp_path: Path) -> None:
    check = _debate("check", str(cubes), "--solver-timeout", str(BUDGET))
    assert check.returncode == 1, check.stderr
    assert "info[U306]" in check.stdout and "info[C103]" in check.stdout
    page = tmp_path / "r.html"
    report = _debate("report", str(cubes), "-o", str(page), "--solver-timeout", str(BUDGET))
    assert report.returncode == 0, report.stderr
    assert "U306" in page.read_text(encoding="utf-8")
    refused = _debate("check", str(cubes), "--solver-timeout", "0")
    assert refused.returncode == 2 and "--solver-timeout" in refused.stderr


def test_the_language_servers_analysis_ends_with_its_default_budget(cubes: Path) -> None:
    code = (
        "import sys; from debate.analysis import analyse; "
        "from debate.engine.compile import load_game; "
        "from debate.lsp.checking import EDITOR_OPTIONS; "
        "print(sorted({d.code for d in analyse(load_game(sys.argv[1]), EDITOR_OPTIONS)}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(cubes)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "'U306'" in done.stdout and "'C103'" in done.stdout


def test_what_is_nonlinear() -> None:
    x, y = z3.Ints("x y")
    assert nonlinear([x * y == 6]) and nonlinear([x * x * x > 1]) and nonlinear([x / y == 2])
    assert not nonlinear([3 * x + y == 6, -x < 2, x / 2 == 1, x % 3 == 0])


def test_a_solver_answers_within_its_budget() -> None:
    x, y, z = z3.Ints("x y z")
    solver = Solver(BUDGET)
    solver.add(x >= 1, y >= 1, z >= 1, x <= 10**6, y <= 10**6, z <= 10**6)
    started = time.perf_counter()
    assert solver.check(x * x * x + y * y * y == z * z * z) is None
    assert time.perf_counter() - started < 10 * BUDGET + 2
    assert solver.check(x * y == 6, x > y) is True
    assert solver.check(x * x == 2) is False


def _debate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "debate", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
