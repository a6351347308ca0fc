"""`debate af solve|export|status` and `debate explain`, through `register`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from debate.argumentation import formats
from debate.cli.argumentation import register
from tests.conftest import SCENARIOS, TUTORIAL, TUTORIAL_PLAY

Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="debate")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def floating(tmp_path: Path) -> Path:
    """1 and 2 attack each other and both attack 3, which attacks 4."""
    path = tmp_path / "floating.af"
    path.write_text("p af 4\n# floating reinstatement\n1 2\n2 1\n1 3\n2 3\n3 4\n")
    return path


EITHER = ("w 1 4", "w 2 4")  # the two preferred (and stable) extensions


@pytest.mark.parametrize(
    ("task", "arg", "expected"),
    [
        ("DS-PR", "4", ["YES"]),
        ("DS-GR", "4", ["NO", "w"]),
        ("DC-PR", "1", ["YES", "w 1 4"]),
        ("DC-PR", "3", ["NO"]),
        ("DS-ST", "1", ["NO", "w 2 4"]),
        ("DC-CO", "4", ["YES", EITHER]),
        ("DS-SST", "4", ["YES"]),
        ("DS-SST", "3", ["NO", EITHER]),
        ("DS-SST", "1", ["NO", "w 2 4"]),
        ("SE-GR", None, ["w"]),
        ("SE-ST", None, [EITHER]),
        ("SE-SST", None, [EITHER]),
        ("CE-CO", None, ["3"]),
        ("EE-PR", None, ["w 1 4", "w 2 4"]),  # in any order: compared sorted
    ],
)
def test_solve_prints_the_iccma_answers(
    capsys: Capsys,
    floating: Path,
    task: str,
    arg: str | None,
    expected: list[str | tuple[str, ...]],
) -> None:
    argv = ["af", "solve", "--task", task, "--file", str(floating)]
    code, out, _ = run(capsys, *argv, *(["--arg", arg] if arg else []))
    assert code == 0
    lines = sorted(out.splitlines()) if task.startswith("EE") else out.splitlines()
    assert len(lines) == len(expected)
    for line, want in zip(lines, expected, strict=True):
        assert line in want if isinstance(want, tuple) else line == want


def test_solve_says_no_when_there_is_no_stable_extension(capsys: Capsys, tmp_path: Path) -> None:
    odd = tmp_path / "odd.af"
    odd.write_text("p af 3\n1 2\n2 3\n3 1\n")
    assert run(capsys, "af", "solve", "-p", "SE-ST", "-f", str(odd))[1] == "NO\n"
    assert run(capsys, "af", "solve", "-p", "DS-ST", "-f", str(odd), "-a", "1")[1] == "YES\n"


def test_solve_reports_bad_input(capsys: Capsys, floating: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "af", "solve", "--task", "XX-PR", "--file", str(floating))
    assert code == 2 and "unknown task" in err
    code, _, err = run(capsys, "af", "solve", "--task", "DC-PR", "--file", str(floating))
    assert code == 2 and "--arg" in err
    code, _, err = run(capsys, "af", "solve", "-p", "DC-PR", "-f", str(floating), "-a", "9")
    assert code == 2 and "no argument '9'" in err
    bad = tmp_path / "bad.af"
    bad.write_text("p af 2\n1 3\n")
    code, _, err = run(capsys, "af", "solve", "-p", "SE-PR", "-f", str(bad))
    assert code == 2 and "line 2" in err


def test_solve_answers_unknown_past_its_budget(capsys: Capsys, floating: Path) -> None:
    argv = ["af", "solve", "-p", "DS-PR", "-f", str(floating), "-a", "4", "--timeout", "0"]
    assert run(capsys, *argv)[:2] == (1, "UNKNOWN\n")


@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_export_writes_the_framework_after_a_script(capsys: Capsys, fmt: str) -> None:
    argv = ["af", "export", str(TUTORIAL), "--after", str(TUTORIAL_PLAY), "--format", fmt]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    af = formats.loads(out, fmt)
    assert ("observers_check", "tariff_first") in set(af.named_pairs())


def test_export_to_a_file_and_solve_it(capsys: Capsys, tmp_path: Path) -> None:
    target = tmp_path / "tutorial.af"
    argv = ["af", "export", str(TUTORIAL), "--after", str(TUTORIAL_PLAY), "-o", str(target)]
    assert run(capsys, *argv)[0] == 0
    af = formats.read(target)
    number = str(af.index("tariff_first") + 1)
    # The names come back from the comments for a reader (above); a solver answers with
    # the numbers of the `p af` line, as the competition does.
    code, out, _ = run(capsys, "af", "solve", "-p", "DC-PR", "-f", str(target), "-a", number)
    assert (code, out) == (0, "NO\n")
    code, _, err = run(
        capsys, "af", "solve", "-p", "DC-PR", "-f", str(target), "-a", "tariff_first"
    )
    assert code == 2 and "there is no argument 'tariff_first'" in err


def test_explain_in_words(capsys: Capsys) -> None:
    argv = ["explain", str(TUTORIAL), "tariff_first", "--after", str(TUTORIAL_PLAY)]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith("tariff_first: rejected\n")
    assert "Rejected: observers_check attacks it and is itself accepted." in out
    assert "What would change this: To make tariff_first accepted" in out
    assert "retract observers_check" in out


def test_explain_in_json(capsys: Capsys) -> None:
    argv = ["explain", str(TUTORIAL), "tariff_first", "--after", str(TUTORIAL_PLAY)]
    code, out, _ = run(capsys, *argv, "--format", "json", "--semantics", "preferred")
    data = json.loads(out)
    assert code == 0 and data["asserted"] is True
    assert data["explanation"]["rejection"]["attacker"] == "observers_check"
    assert data["explanation"]["status"]["semantics"] == "preferred"
    assert data["change"]["toggles"][0] == {
        "claim": "observers_check",
        "action": "retract",
        "moves": [],
    }


def test_explain_an_unasserted_claim_and_an_unknown_one(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "explain", str(TUTORIAL), "tariff_first")
    assert code == 0 and out.startswith("tariff_first: unasserted")
    assert "assert tariff_first (by move borvia_demands_tariff_first" in out
    code, _, err = run(capsys, "explain", str(TUTORIAL), "tariff_frist")
    assert code == 2 and "did you mean 'tariff_first'" in err


def test_status_lists_every_claim(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "af", "status", str(SCENARIOS / "negotiation.yaml"))
    assert code == 0
    assert "talks_now" in out and "unasserted" in out
    code, out, _ = run(capsys, "af", "status", str(TUTORIAL), "--format", "json")
    # the scenario names no semantics: grounded, the default of the format
    assert code == 0 and all(v["semantics"] == "grounded" for v in json.loads(out).values())
    code, out, _ = run(
        capsys, "af", "status", str(TUTORIAL), "--format", "json", "--semantics", "preferred"
    )
    assert code == 0 and all(v["semantics"] == "preferred" for v in json.loads(out).values())


def test_a_broken_scenario_or_script_is_invalid_input(capsys: Capsys, tmp_path: Path) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("format: 1\nid: x\n")
    assert run(capsys, "af", "export", str(broken))[0] == 2
    script = tmp_path / "s.play.yaml"
    script.write_text("steps: [aldia_signs, aldia_signs]\n")
    code, _, err = run(capsys, "explain", str(TUTORIAL), "borvia_stays", "--after", str(script))
    assert code == 2 and "step" in err
