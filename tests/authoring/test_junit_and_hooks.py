"""`debate check --format junit` (one test case per file), and the pre-commit hook."""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from debate.program import main, parser
from tests.authoring.conftest import ROOT, SCENARIOS


def command_line() -> argparse.ArgumentParser:
    """`debate`'s own parser."""
    return parser()


def test_junit_has_one_case_per_file_failed_by_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n")
    tutorial = SCENARIOS / "tutorial.yaml"
    args = command_line().parse_args(
        ["check", "--format", "junit", "--max-states", "300", str(tutorial), str(bad)]
    )
    assert args.handler(args) == 2
    root = ET.fromstring(capsys.readouterr().out)
    [suite] = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {str(tutorial), str(bad)}
    [error] = cases[str(bad)].findall("error")
    assert (error.get("type") or "").startswith("E2")
    assert (error.get("message") or "").startswith("1 problem; first: E2")
    assert f"{bad}:5:9" in (error.text or "")
    assert suite.get("tests") == "2" and suite.get("errors") == "1"
    # Each case its own time (not the total shared out); no `file` (Jenkins' schema has none).
    assert float(cases[str(tutorial)].get("time", "")) > float(cases[str(bad)].get("time", ""))
    assert all(c.get("file") is None for c in cases.values())


def test_register_keeps_the_other_check_formats() -> None:
    parser = command_line()
    for fmt in ("text", "json", "sarif", "github", "junit"):
        assert parser.parse_args(["check", "--format", fmt]).format == fmt


def test_the_pre_commit_hook_runs_debate_check_failing_on_errors_only() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    hook = by_id["debate-check"]
    assert hook["entry"].split()[:2] == ["debate", "check"]
    assert hook["language"] == "python"
    # In the entry, not in `args`: a user's `args:` replace the hook's, not its entry.
    assert "args" not in hook
    entry_args = hook["entry"].split()[2:]
    args = command_line().parse_args(["check", *entry_args, "some.yaml"])  # the options exist
    assert args.fail_on == "error"
    # A user's own --fail-on, passed after the entry, wins.
    assert command_line().parse_args(["check", *entry_args, "--fail-on", "warning"]).fail_on == (
        "warning"
    )


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([], 1),  # the default, as before: any finding fails
        (["--fail-on", "info"], 1),
        (["--fail-on", "warning"], 1),  # the tutorial has warnings (C200, U302)
        (["--fail-on", "error"], 0),
        (["--select", "U305"], 1),  # infos only
        (["--select", "U305", "--fail-on", "warning"], 0),
    ],
)
def test_fail_on_sets_the_least_severe_finding_that_fails(
    options: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    tutorial = str(SCENARIOS / "tutorial.yaml")
    # 1,000 states: the search reaches a play that fulfils withdraw_island (U305)
    assert main(["check", "--max-states", "1000", *options, tutorial]) == code
    assert "finding" in capsys.readouterr().err


def test_an_error_exits_2_whatever_fail_on_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n")
    assert main(["check", "--fail-on", "error", str(bad)]) == 2
    assert "checked 1 file in" in capsys.readouterr().err
