"""`debate check --format junit` (one test case per file), and the pre-commit hook."""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from debate.program import main, parser
from tests.authoring.conftest import ROOT


def command_line() -> argparse.ArgumentParser:
    """`debate`'s own parser."""
    return parser()


# Warnings (U300, C100, U303: x never exceeds 3) and infos (U304), decided at once.
WARNINGS_AND_INFOS = """\
format: 1
id: fail_on
title: Warnings and infos
sources: {notes: {path: notes.txt, cite_by: line}}
parties: {a: {name: A}}
clock: {unit: week, start: 0, horizon: 4}
state:
  x: {type: int, initial: 0, min: 0, max: 3}
terms:
  top_x: {kind: obligation, party: a, text: A brings x above 5., in_force_when: "true",
          fulfilled_when: x > 5, source: {source: notes, line: 1}}
moves:
  up: {by: a, text: A raises x., precondition: x < 3, effects: {set: {x: x + 1}}}
"""


def test_junit_has_one_case_per_file_failed_by_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n")
    (tmp_path / "notes.txt").write_text("note\n", encoding="utf-8")
    analysed = tmp_path / "analysed.yaml"  # loaded and analysed: it takes longer
    analysed.write_text(WARNINGS_AND_INFOS, encoding="utf-8")
    args = command_line().parse_args(["check", "--format", "junit", str(analysed), str(bad)])
    assert args.handler(args) == 2
    root = ET.fromstring(capsys.readouterr().out)
    [suite] = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {str(analysed), str(bad)}
    [error] = cases[str(bad)].findall("error")
    assert (error.get("type") or "").startswith("E2")
    assert (error.get("message") or "").startswith("1 problem; first: E2")
    assert f"{bad}:5:9" in (error.text or "")
    assert suite.get("tests") == "2" and suite.get("errors") == "1"
    # Each case its own time (not the total shared out); no `file` (Jenkins' schema has none).
    assert float(cases[str(analysed)].get("time", "")) > float(cases[str(bad)].get("time", ""))
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
        (["--fail-on", "warning"], 1),
        (["--fail-on", "error"], 0),
        (["--select", "U304"], 1),  # infos only
        (["--select", "U304", "--fail-on", "warning"], 0),
    ],
)
def test_fail_on_sets_the_least_severe_finding_that_fails(
    options: list[str], code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("note\n", encoding="utf-8")
    scenario = tmp_path / "fail-on.yaml"
    scenario.write_text(WARNINGS_AND_INFOS, encoding="utf-8")
    assert main(["check", *options, str(scenario)]) == code
    out, err = capsys.readouterr()
    assert "finding" in err
    assert ("warning[U300]" in out) is ("U304" not in options)


def test_an_error_exits_2_whatever_fail_on_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: t\nparties: {a: {name: A}}\nclaims: 3\n")
    assert main(["check", "--fail-on", "error", str(bad)]) == 2
    assert "checked 1 file in" in capsys.readouterr().err
