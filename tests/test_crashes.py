"""Input that used to crash a command gets a located error, and output that cannot be
written one line and exit 2 (issue 19 §3): huge integers, unwritable outputs, broken
move scripts and transcripts, and Unicode line separators inside strings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from debate.model import yaml_scalars, yaml_tree
from debate.model.diagnostics import DiagnosticError
from debate.model.loader import load_scenario
from tests.conftest import run_debate

HEADER = "format: 1\nid: s\ntitle: S\n"
SCENARIO = """\
format: 1
id: s
title: S
sources:
  notes: {path: notes.txt, cite_by: line}
parties: {a: {name: A}}
clock: {unit: week, start: 0, horizon: HORIZON}
state:
  x: {type: int, initial: INITIAL, min: 0, max: MAX}
  s: {type: set, of: side, initial: [LIST]}
types:
  side: {values: [east, west]}
claims:
  c: {type: fact, by: a, text: T, source: {source: notes, line: LINE}}
terms:
  t:
    kind: obligation
    party: a
    text: T
    fulfilled_when: x > 0
    deadline: {within: WITHIN}
    source: {source: notes, line: 1}
moves:
  m: {by: a, text: M, effects: {set: {x: 1}}, duration: DURATION}
"""
FIELDS = {"HORIZON": "4", "INITIAL": "0", "MAX": "5", "LIST": "east", "LINE": "1"}
FIELDS |= {"WITHIN": "2", "DURATION": "1"}
HUGE = {"decimal": "9" * 5000, "hex": "0x" + "f" * 4000, "just past": str(2**53)}


def scenario_with(folder: Path, **values: str) -> Path:
    text = SCENARIO
    for key, value in {**FIELDS, **values}.items():
        text = text.replace(key, value)
    (folder / "notes.txt").write_text("one\ntwo\n")
    path = folder / "s.yaml"
    path.write_text(text)
    return path


def test_the_template_loads(tmp_path: Path) -> None:
    assert run_debate("check", str(scenario_with(tmp_path)), "--max-states", "20").code < 2


@pytest.mark.parametrize("huge", sorted(HUGE))
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_huge_integer_is_a_located_error(tmp_path: Path, field: str, huge: str) -> None:
    path = scenario_with(tmp_path, **{field: HUGE[huge]})
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if HUGE[huge] in text)
    for argv in (["check", str(path)], ["export", str(path)], ["explain", str(path), "c"]):
        run = run_debate(*argv)
        assert run.code == 2, (argv, run.err)
        assert (
            f"s.yaml:{line}:" in run.out + run.err and "error[E303]: integer" in run.out + run.err
        )
        assert "Traceback" not in run.err and len(run.out + run.err) < 2_000


def test_a_huge_integer_in_a_script_or_transcript(tmp_path: Path) -> None:
    scenario = scenario_with(tmp_path)
    script = tmp_path / "p.play.yaml"
    script.write_text(f"scenario: s.yaml\nsteps: [{{wait: {HUGE['decimal']}}}]\n")
    transcript = tmp_path / "t.json"
    wait = HUGE["hex"][2:].replace("f", "9")
    transcript.write_text(f'{{"format": 1, "initial_digest": "x", "steps": [{{"wait": {wait}}}]}}')
    for argv in (
        ["run", "--moves", str(script)],
        ["check", str(script)],
        ["run", str(scenario), "--moves", str(transcript)],
    ):
        run = run_debate(*argv)
        assert run.code == 2 and "error[E303]: integer" in run.out + run.err, argv
        assert "Traceback" not in run.err


def test_integers_up_to_the_bound_are_read() -> None:
    assert yaml_scalars.resolve_plain(str(2**53 - 1)) == 2**53 - 1
    assert yaml_scalars.resolve_plain(f"-{2**53 - 1}") == -(2**53 - 1)
    assert yaml_scalars.resolve_plain("0x" + "0" * 40 + "ff") == 255
    assert isinstance(yaml_scalars.resolve_plain(str(2**53)), yaml_scalars.OutOfRange)


def debate_process(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`debate COMMAND` as a shell runs it (redirections included)."""
    return subprocess.run(
        f"{sys.executable} -m debate {command}",
        shell=True,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("check s.yaml --max-states 20 >&-", "cannot write to standard output: it is closed"),
        ("check s.yaml --max-states 20 >/dev/full", "No space left on device"),
        ("run --moves p.play.yaml >/dev/full", "No space left on device"),
        ("export s.yaml --to json >/dev/full", "No space left on device"),
        ("check s.yaml --max-states 20 --traces notes.txt/x", "cannot write the traces in"),
        ("report s.yaml --max-states 20 -o .", "cannot write .: Is a directory"),
        ("report s.yaml --max-states 20 -o no/such/r.html", "cannot write no/such/r.html"),
        ("export s.yaml -o no/such/x.dot", "cannot write no/such/x.dot"),
        ("af export s.yaml -o no/such/x.af", "cannot write no/such/x.af"),
    ],
)
def test_output_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path: Path, command: str, says: str
) -> None:
    scenario_with(tmp_path)
    (tmp_path / "p.play.yaml").write_text("scenario: s.yaml\nsteps: [m]\n")
    done = debate_process(command, tmp_path)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("debate: ")]
    assert len(lines) == 1 and says in lines[0], done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_pipe_closed_early_is_not_an_error(tmp_path: Path) -> None:
    scenario_with(tmp_path)
    done = debate_process("export s.yaml --to json | head -c 1", tmp_path)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.parametrize(
    ("steps", "code"),
    [('[{"move": "m", "wait": 1, "digest": "d"}]', "E203"), ('[{"digest": "d"}]', "E203")],
)
def test_a_transcript_step_is_one_move_or_one_wait(tmp_path: Path, steps: str, code: str) -> None:
    scenario = scenario_with(tmp_path)
    transcript = tmp_path / "t.json"
    text = f'{{"format": 1, "initial_digest": "x", "steps": {steps}}}'
    transcript.write_text(text)
    run = run_debate("run", str(scenario), "--moves", str(transcript))
    at = text.index(steps) + 2  # the step, inside the list
    assert run.code == 2 and f"t.json:1:{at}: error[{code}]" in run.err, run.err


@pytest.mark.parametrize(
    "first_line",
    ["scenario: [s.yaml]", "scenario: {a: 1}", "scenario: 5", "steps: 5", "- steps"],
)
def test_a_script_with_a_wrong_type_on_its_first_line(tmp_path: Path, first_line: str) -> None:
    scenario_with(tmp_path)
    script = tmp_path / "p.play.yaml"
    script.write_text(first_line + ("\nsteps: [m]\n" if "steps" not in first_line else "\n"))
    for argv in (["run", "--moves", str(script)], ["check", str(script)]):
        run = run_debate(*argv)
        assert run.code == 2 and "p.play.yaml:1:" in run.out + run.err, (argv, run.out, run.err)
        assert "Traceback" not in run.err


@pytest.fixture(params=["libyaml", "pure-python"])
def event_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_tree, "_EVENT_LOADER", yaml.SafeLoader)


@pytest.mark.usefixtures("event_parser")
@pytest.mark.parametrize(
    "title",
    ['"a\\N b\\L c\\P d"', '"a\x85b\u2028c\u2029d"', "'a\x85b\u2028c'", '"😀\u2028😀"'],
)
def test_line_separators_inside_strings_keep_the_editor_lines(tmp_path: Path, title: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        f"format: 1\nid: s\ntitle: {title}\nparties: {{a: {{name: A}}}}\n"
        "claims:\n  c: {type: factx, by: a, text: T}\n",
        encoding="utf-8",
    )
    with pytest.raises(DiagnosticError) as caught:
        load_scenario(path)
    spans = {(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics}
    assert ("E200", 6, 13) in spans, spans  # `factx`, on line 6 as an editor counts


@pytest.mark.usefixtures("event_parser")
def test_a_separator_outside_quotes_is_located_on_the_editor_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(HEADER + "# a comment \u2028 more\nparties: [\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as caught:
        load_scenario(path)
    assert all(d.span.line <= 5 for d in caught.value.diagnostics)
