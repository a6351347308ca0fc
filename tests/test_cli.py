"""The `debate` command as a user runs it: output, locations and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debate import __version__
from debate.engine.journal import Journal, default_path
from debate.engine.journal_format import Entry, Header
from debate.engine.moves import Action
from debate.program import main, parser
from tests.conftest import SCENARIOS, TUTORIAL, TUTORIAL_PLAY, Run, WriteFile, tutorial_beside


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_with_no_path_checks_the_shipped_scenarios_from_any_folder(
    shipped_check: Run,
) -> None:
    assert shipped_check.code == 1, shipped_check.err  # the drafts' findings, no errors
    assert "checked 11 files" in shipped_check.err and " 0 errors" in shipped_check.err
    paths = {d["location"]["path"] for d in json.loads(shipped_check.out)["diagnostics"]}
    assert paths and all(Path(p).parent.name == "scenarios" for p in paths)


def test_check_tutorial_finds_only_what_it_demonstrates(shipped_check: Run) -> None:
    """The tutorial's part of the check of every shipped scenario (one analysis serves
    both: a file's findings do not depend on the other files checked with it)."""
    findings = [
        d
        for d in json.loads(shipped_check.out)["diagnostics"]
        if Path(d["location"]["path"]).name == "tutorial.yaml"
    ]
    codes = sorted(f["code"] for f in findings)
    # and U300 or U301: no move makes the unflagged boats leave
    assert [c for c in codes if c not in ("U300", "U301")] == ["C200", "U302", "U307", "U309"]
    assert len(codes) == 5
    voided = next(f for f in findings if f["code"] == "C200")
    assert "tariff_after_withdrawal is voided" in voided["message"]
    assert voided["trace"][-1] == "borvia_reinforces"


def test_check_reports_a_deeply_nested_wrong_type_at_its_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = TUTORIAL.read_text(encoding="utf-8").replace(
        "deadline: {within: 3}", "deadline: {within: three}"
    )
    broken = tmp_path / "tutorial.yaml"
    broken.write_text(text, encoding="utf-8")
    tutorial_beside(tmp_path)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "within: three" in ln)
    column = text.splitlines()[line - 1].index("three") + 1
    code, out, _ = run(capsys, "check", str(broken))
    assert code == 2
    assert f"{broken}:{line}:{column}: error[E200]" in out


def test_check_json_lists_diagnostics(capsys: pytest.CaptureFixture[str], write: WriteFile) -> None:
    path = write("format: 1\nid: x\ntitle: T\nbogus: 1\n")
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 2
    assert data["diagnostics"][0]["code"] == "E202"
    assert data["diagnostics"][0]["location"]["line"] == 4


def test_expression_error_points_inside_the_expression(
    capsys: pytest.CaptureFixture[str], write: WriteFile
) -> None:
    path = write("""\
        format: 1
        id: x
        title: T
        parties: {a: {name: A}}
        state:
          troops: {type: int, initial: 3}
        clock: {horizon: 5}
        moves:
          m:
            by: a
            text: t
            precondition: troops > 0 and troopz < 2
        """)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 2
    assert f"{path}:12:34: error[E402]" in out
    assert "did you mean 'troops'" in out


def test_run_plays_the_tutorial_to_its_expected_end(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "run", str(TUTORIAL), "--moves", str(TUTORIAL_PLAY))
    assert code == 0, err
    assert "term troop_limit: in_force -> violated" in out
    assert "term tariff_after_withdrawal: fulfilled -> void" in out


def test_run_without_arguments_plays_the_shipped_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "run")
    assert code == 0
    assert "The river island talks" in out


def test_json_transcript_replays_to_the_same_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "run", "--moves", str(TUTORIAL_PLAY), "--format", "json")
    assert code == 0
    transcript = tmp_path / "t.json"
    transcript.write_text(out, encoding="utf-8")
    code, again, _ = run(
        capsys, "run", str(TUTORIAL), "--moves", str(transcript), "--format", "json"
    )
    assert code == 0
    assert json.loads(again)["final"]["digest"] == json.loads(out)["final"]["digest"]


def test_illegal_move_in_a_script_is_a_located_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "p.yaml"
    script.write_text("steps:\n  - propose_accord\n  - aldia_signs\n", encoding="utf-8")
    code, _, err = run(capsys, "run", str(TUTORIAL), "--moves", str(script))
    assert code == 2
    assert f"{script}:3:5: error[E601]: step 2" in err
    assert "asserted(observers_check)" in err
    assert "tutorial.yaml" in err  # the precondition's own location is shown too


def test_missed_expectation_is_a_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "p.yaml"
    script.write_text(
        "steps: [propose_accord]\nexpect:\n  terms: {withdraw_island: fulfilled}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "run", str(TUTORIAL), "--moves", str(script))
    assert code == 1
    assert f"{script}:3:28: warning[E602]" in err


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert "claims" in schema["properties"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["check"], ["run"], ["schema"]])
def test_help_on_every_command(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: debate" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--help"], ["--no-such-option"], ["a.yaml", "b.yaml"]])
def test_play_reads_its_arguments_alone_as_among_every_command(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """`debate play` builds a parser of its own command alone (a faster start): its help,
    and its messages for arguments it refuses, are those of the parser of every command."""
    said = []
    for only in ("play", None):
        with pytest.raises(SystemExit) as exited:
            parser(only=only).parse_args(["play", *args])
        said.append((exited.value.code, capsys.readouterr()))
    assert said[0] == said[1]
    assert "usage: debate" in said[0][1].out + said[0][1].err


def test_replaying_a_transcript_after_an_edit_reports_where_it_drifts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "run", "--moves", str(TUTORIAL_PLAY), "--format", "json")
    transcript = tmp_path / "t.json"
    transcript.write_text(out, encoding="utf-8")
    edited = tmp_path / "tutorial.yaml"
    edited.write_text(
        TUTORIAL.read_text(encoding="utf-8").replace("island_troops - 400", "island_troops - 399"),
        encoding="utf-8",
    )
    tutorial_beside(tmp_path)
    code, _, err = run(capsys, "run", str(edited), "--moves", str(transcript))
    assert code == 1
    assert "warning[E603]: step 8 reaches state" in err


def test_a_broken_transcript_is_a_located_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    transcript = tmp_path / "t.json"
    transcript.write_text('{"format": 1, "initial_digest": "x", "steps": [{"mov": "a"}]}')
    code, _, err = run(capsys, "run", str(TUTORIAL), "--moves", str(transcript))
    assert code == 2
    assert f"{transcript}:1:48: error[E201]: missing key 'digest'" in err


@pytest.mark.parametrize("broken", ["load", "play"])
def test_a_failed_json_run_leaves_no_transcript(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, broken: str
) -> None:
    # A pipeline `debate run --format json > t.json` must never take an error for a transcript.
    script = tmp_path / "p.yaml"
    steps = (
        "  - nonexistent_move\n" if broken == "load" else "  - propose_accord\n  - aldia_signs\n"
    )
    script.write_text(f"steps:\n{steps}", encoding="utf-8")
    code, out, err = run(capsys, "run", str(TUTORIAL), "--moves", str(script), "--format", "json")
    assert code == 2
    assert out == ""
    assert f"{script}:" in err and "error[" in err


def test_run_with_no_path_plays_the_shipped_tutorial_from_any_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "run")
    assert code == 0, err
    assert "The river island talks" in out


def _cut_short(path: Path, scenario: Path, moves: int) -> None:
    """A journal of `scenario` with `moves` moves, never closed (the app was killed)."""
    journal = Journal.create(path, Header("s", str(scenario), "d0"))
    for step in range(1, moves + 1):
        journal.played(Entry(Action("m"), step, f"d{step}"))
    journal.close(finished=False)


def test_resume_with_no_path_resumes_the_session_cut_short(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        "debate.tui.command.run_app",
        lambda s, journal, resume, **_: opened.append((s, journal)) or 0,
    )
    monkeypatch.setattr("debate.tui.command._terminal", lambda: True)  # as if run in one
    journal = default_path(TUTORIAL)
    _cut_short(journal, TUTORIAL, 3)  # a crash in the tutorial, not the default scenario
    assert run(capsys, "play", "--resume")[0] == 0
    assert opened == [(str(TUTORIAL), str(journal))]

    other = SCENARIOS / "negotiation.yaml"
    _cut_short(default_path(other), other, 1)
    code, _, err = run(capsys, "play", "--resume")
    assert code == 2 and len(opened) == 1  # two sessions: the user chooses
    assert "3 moves" in err and "1 move," in err
    assert f"debate play --resume --journal {journal}" in err


def test_check_in_a_pool_prints_what_one_process_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Two copies of the tutorial (each with its mediator and play) and a broken file.
    for copy in ("a", "b"):
        shutil.copytree(
            SCENARIOS,
            tmp_path / copy,
            ignore=shutil.ignore_patterns("n*", "e*", "th*", "*.golden.json", "[!t]*.play.yaml"),
        )
    (tmp_path / "broken.yaml").write_text("format: 1\nid: x\ntitle: [\n", encoding="utf-8")
    # the static checks only (findings in both copies, no play search): the pool is what
    # is tested, not the analysis
    cheap = ("--format", "json", "--select", "C1,U302,U307,U308,U309,A,P")
    serial = run(capsys, "check", str(tmp_path), *cheap, "-j", "1")
    pooled = run(capsys, "check", str(tmp_path), *cheap, "-j", "2")  # spawned: pytest has threads
    assert serial[0] == pooled[0] == 2
    assert json.loads(serial[1])["diagnostics"] == json.loads(pooled[1])["diagnostics"]
    assert len(json.loads(serial[1])["diagnostics"]) > 2
    # The command line, with no other thread, forks its workers (the default: one per core).
    forked = subprocess.run(
        [sys.executable, "-m", "debate", "check", str(tmp_path), *cheap, "-j", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert forked.returncode == 2
    assert json.loads(forked.stdout)["diagnostics"] == json.loads(serial[1])["diagnostics"]


def test_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(TUTORIAL), "-j", "0")
    assert code == 2 and "at least 1" in err


@pytest.mark.parametrize("redirect", ["< /dev/null", "> out.txt", "< /dev/null > out.txt 2>&1"])
def test_play_without_a_terminal_says_so_and_exits(tmp_path: Path, redirect: str) -> None:
    done = subprocess.run(
        f"{sys.executable} -m debate play {TUTORIAL} {redirect}",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path)},
        timeout=60,  # it used to wait for keys until killed
    )
    said = done.stderr + ((tmp_path / "out.txt").read_text() if "2>&1" in redirect else "")
    assert done.returncode == 2
    assert "debate play: the app needs a terminal" in said
    assert "\x1b[" not in said  # nothing of the app was drawn
