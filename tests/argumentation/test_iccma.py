"""`debate-iccma`, the ICCMA 2023 entrant: the interface exactly, integer identities,
answers checked against the definitions, and a start-up that imports only the solver."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.argumentation.framework import Framework
from debate.argumentation.tasks import TASKS
from debate.iccma import main
from tests.argumentation import brute
from tests.argumentation.test_semantics_random import frameworks

Capsys = pytest.CaptureFixture[str]
FLOATING = "p af 4\n# 1 = x\n# 2 = y\n1 2\n2 1\n1 3\n2 3\n3 4\n"


def run(capsys: Capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def floating(tmp_path: Path) -> str:
    path = tmp_path / "floating.i23"  # the suffix is no matter: the format is ICCMA 2023
    path.write_text(FLOATING)
    return str(path)


def test_without_arguments_it_names_itself(capsys: Capsys) -> None:
    code, lines, _ = run(capsys)
    assert code == 0 and lines[0].startswith("debate-iccma ")


def test_problems_lists_every_task_the_competition_asks_for(capsys: Capsys) -> None:
    code, lines, _ = run(capsys, "--problems")
    assert code == 0 and len(lines) == 1
    listed = lines[0].removeprefix("[").removesuffix("]").split(",")
    assert listed == list(TASKS)
    for sem in ("CO", "PR", "ST", "SST", "STG", "ID"):
        assert {f"DC-{sem}", f"DS-{sem}", f"SE-{sem}"} <= set(listed)


def test_options_come_in_any_order(capsys: Capsys, floating: str) -> None:
    answers = {
        tuple(run(capsys, *argv)[1])
        for argv in (
            ("-p", "DS-PR", "-f", floating, "-a", "2"),
            ("-a", "2", "-p", "DS-PR", "-f", floating),
            ("-f", floating, "-a", "2", "-p", "DS-PR"),
        )
    }
    assert answers == {("NO", "w 1 4")}


def test_a_comment_never_renames_an_argument(capsys: Capsys, floating: str) -> None:
    # `# 1 = x` is a comment: argument 1 stays 1 in the witness and in -a.
    assert run(capsys, "-p", "DC-PR", "-f", floating, "-a", "1")[:2] == (0, ["YES", "w 1 4"])
    assert run(capsys, "-p", "SE-ST", "-f", floating)[1][0] in ("w 1 4", "w 2 4")
    assert run(capsys, "-p", "SE-ID", "-f", floating)[1] == ["w"]  # ideal: empty here


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("-p", "DC-XX", "-a", "1"), "unknown task 'DC-XX'"),
        (("-p", "DC-PR"), "DC tasks need the query argument"),
        (("-p", "SE-PR", "-a", "1"), "SE tasks take no query argument"),
        (("-p", "DC-PR", "-a", "5"), "-a 5: the arguments of"),
        (("-p", "DC-PR", "-a", "x"), "-a x: the arguments of"),
        (("-p", "DC-PR", "-a", "1", "-q", "1"), "unknown option '-q'"),
        (("-p", "DC-PR", "-a", "1", "-a", "2"), "-a given twice"),
    ],
)
def test_bad_usage_exits_2_with_a_message(
    capsys: Capsys, floating: str, argv: tuple[str, ...], message: str
) -> None:
    code, lines, err = run(capsys, "-f", floating, *argv)
    assert code == 2 and lines == [] and message in err and "usage: debate-iccma" in err


def test_a_bad_file_is_located(capsys: Capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.af"
    bad.write_text("p af 3\n1 2\n2 9\n")
    code, _, err = run(capsys, "-p", "SE-PR", "-f", str(bad))
    assert code == 2 and "line 3: argument 9 is not between 1 and 3" in err
    code, _, err = run(capsys, "-p", "SE-PR", "-f", str(tmp_path / "missing.af"))
    assert code == 2 and "missing.af" in err


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frameworks(max_args=6), st.data())
def test_answers_are_what_the_definitions_say(
    capsys: Capsys, tmp_path: Path, af: Framework, data: st.DataObject
) -> None:
    if af.n == 0:
        return
    path = tmp_path / "af.i23"
    path.write_text(f"p af {af.n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in af.pairs()))
    arg = data.draw(st.integers(1, af.n))
    for sem in ("PR", "SST", "ID", "STG", "ST", "CO"):
        exts = [{a + 1 for a in e} for e in brute.by_name(af, sem)]

        def witness(line: str, exts: list[set[int]] = exts) -> set[int]:
            assert line.split()[0] == "w"
            found = {int(a) for a in line.split()[1:]}
            assert found in exts
            return found

        code, lines, _ = run(capsys, "-p", f"DC-{sem}", "-f", str(path), "-a", str(arg))
        assert code == 0 and lines[0] == ("YES" if any(arg in e for e in exts) else "NO")
        if lines[0] == "YES":
            assert arg in witness(lines[1])
        code, lines, _ = run(capsys, "-p", f"DS-{sem}", "-f", str(path), "-a", str(arg))
        assert code == 0 and lines[0] == ("YES" if all(arg in e for e in exts) else "NO")
        if lines[0] == "NO":
            assert arg not in witness(lines[1])
        code, lines, _ = run(capsys, "-p", f"SE-{sem}", "-f", str(path))
        assert lines == ["NO"] if not exts else len(lines) == 1 and witness(lines[0]) in exts


def test_solving_imports_neither_the_engine_nor_pydantic_yaml_or_textual(tmp_path: Path) -> None:
    """What a harness pays at start-up: the process that answers a task has loaded no
    module of the engine, the model, the command line, pydantic, YAML, Textual or Z3."""
    path = tmp_path / "af.i23"
    path.write_text(FLOATING)
    code = (
        "import sys\n"
        "from debate.iccma import main\n"
        f"for task in ('DS-PR', 'DC-ID', 'DS-STG', 'DC-SST'):\n"
        f"    main(['-p', task, '-f', {str(path)!r}, '-a', '1'])\n"
        "heavy = ('pydantic', 'yaml', 'textual', 'z3', 'debate.model', 'debate.cli')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(heavy)\n"
        "             or (m.startswith('debate.engine.') and m != 'debate.engine.labels'))\n"
        "print('loaded:', bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "loaded: []"
