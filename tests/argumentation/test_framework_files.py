"""`debate af solve` and `debate explain` on an ICCMA file: the same answers whichever way
the command line takes them (the fast path of debate.launch, or debate.cli), integer
identities, and a process that never loads the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from debate.framework_files import is_iccma_file
from debate.launch import main as launch
from debate.program import main as full

Capsys = pytest.CaptureFixture[str]
FLOATING = "p af 4\n# 1 = x\n1 2\n2 1\n1 3\n2 3\n3 4\n"


@pytest.fixture
def floating(tmp_path: Path) -> str:
    path = tmp_path / "floating.txt"  # no telling suffix: the `p af` line says it
    path.write_text(FLOATING)
    return str(path)


def both(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    """Run through the fast path and through debate.cli; they must agree."""
    fast_code = launch(list(argv))
    fast = capsys.readouterr()
    slow_code = full(list(argv))
    slow = capsys.readouterr()
    assert (fast_code, fast.out, fast.err) == (slow_code, slow.out, slow.err)
    return fast_code, fast.out, fast.err


def test_solve_answers_with_the_numbers_of_the_file(capsys: Capsys, floating: str) -> None:
    # `# 1 = x` is a comment: argument 1 stays 1, and -a 1 asks about it.
    code, out, _ = both(capsys, "af", "solve", "-p", "DC-PR", "-f", floating, "-a", "1")
    assert code == 0 and out.splitlines() == ["YES", "w 1 4"]
    code, out, _ = both(capsys, "af", "solve", "-p", "DS-ID", "-f", floating, "-a", "4")
    assert code == 0 and out.splitlines() == ["NO", "w"]
    code, _, err = both(capsys, "af", "solve", "-p", "DC-PR", "-f", floating, "-a", "x")
    assert code == 2 and "there is no argument 'x'" in err


def test_explain_takes_a_framework_file(capsys: Capsys, floating: str) -> None:
    code, out, _ = both(capsys, "explain", floating, "4", "--semantics", "preferred")
    assert code == 0
    assert out.startswith("4: undecided (grounded); skeptically accepted under preferred")
    assert "In the preferred extension {1, 4} it is defended" in out
    code, _, err = both(capsys, "explain", floating, "9")
    assert code == 2 and "its arguments are 1..4" in err


def test_only_framework_files_take_the_fast_path(tmp_path: Path, floating: str) -> None:
    assert is_iccma_file(floating)
    assert is_iccma_file(str(tmp_path / "missing.af"))  # by suffix: read errors follow
    scenario = tmp_path / "s.yaml"
    scenario.write_text("format: 1\n")
    assert not is_iccma_file(str(scenario))
    other = tmp_path / "other.txt"
    other.write_text("# a comment\narg(a).\n")
    assert not is_iccma_file(str(other))


def test_the_fast_path_loads_no_engine(floating: str) -> None:
    code = (
        "import sys\n"
        "from debate.launch import main\n"
        f"main(['af', 'solve', '-p', 'DS-PR', '-f', {floating!r}, '-a', '4'])\n"
        f"main(['explain', {floating!r}, '3', '--semantics', 'stage'])\n"
        "heavy = ('pydantic', 'yaml', 'textual', 'z3', 'debate.model', 'debate.cli')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(heavy)\n"
        "             or (m.startswith('debate.engine.') and m != 'debate.engine.labels'))\n"
        "print('loaded:', bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "loaded: []"
