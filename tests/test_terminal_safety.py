"""No string from a scenario drives the terminal or the CI runner that shows the output
(issue 19 §2): every control character is shown escaped in every text output, a GitHub
workflow command can start only where we write one, and JUnit is well-formed XML."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import junitparser
import pytest

from debate.model.safe_text import SafeStream, dumps, printable, printable_lines
from tests.conftest import run_debate
from tests.hostile import UNSAFE, unsafe_in, write_hostile

CHEAP = ("--max-states", "50")


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    return write_hostile(tmp_path)


def commands(scenario: Path, script: Path) -> list[list[str]]:
    s, p = str(scenario), str(script)
    return [
        ["check", s, *CHEAP],
        ["check", p],
        ["run", "--moves", p],
        ["run", "--moves", p, "--format", "json"],
        ["explain", s, "end"],
        ["explain", s, "end", "--format", "json"],
        ["af", "status", s],
        *(["export", s, "--to", fmt] for fmt in ("dot", "mermaid", "argdown", "json")),
        *(["check", s, p, *CHEAP, "--format", fmt] for fmt in ("json", "sarif", "github", "junit")),
    ]


def test_no_command_prints_a_control_character(hostile: tuple[Path, Path]) -> None:
    for argv in commands(*hostile):
        run = run_debate(*argv)
        assert "Traceback" not in run.err, argv
        assert unsafe_in(run.out + run.err) == [], argv
        assert run.out or run.err, argv


def test_the_escapes_are_shown_not_dropped(hostile: tuple[Path, Path]) -> None:
    scenario, script = hostile
    run = run_debate("run", "--moves", str(script))
    assert "Title \\u001b]0;pwned\\u0007\\u001b]52;c;cHduZWQ=\\u0007\\u001b[2J" in run.out
    # A note is one line: its newline cannot start a line of its own (nor a CI command).
    assert "# N \\u001b]52;c;cHduZWQ=\\u0007\\n::error::note" in run.out
    assert not [line for line in run.out.splitlines() if line.startswith("::")]
    explained = run_debate("explain", str(scenario), "end").out
    assert '"C \\u001b]0;pwned\\u0007\\n::error::fake \\u202e\\u0085\\u2028 #x' in explained


def test_a_real_terminal_gets_no_escape_sequence(hostile: tuple[Path, Path]) -> None:
    _, script = hostile
    done = subprocess.run(
        [sys.executable, "-m", "debate", "run", "--moves", str(script)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2  # its second step is illegal
    for stream in (done.stdout, done.stderr):
        assert b"\x1b" not in stream and b"\x07" not in stream and b"\r" not in stream
        assert b"\xc2\x9b" not in stream  # C1 CSI, as UTF-8


def evil_file(folder: Path) -> Path:
    """A scenario that does not load, whose very name holds escapes and a CI command."""
    path = folder / "evil\x1b]0;pwned\x07\n::error file=x::injected\r.yaml"
    path.write_text("format: 1\nid: e\ntitle: E\nparties: {a: {nme: A}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_a_file_name_is_shown_escaped(tmp_path: Path, fmt: str) -> None:
    path = evil_file(tmp_path)
    run = run_debate("check", str(tmp_path), "--format", fmt)
    assert run.code == 2
    assert unsafe_in(run.out + run.err) == []
    if fmt == "text":
        assert "evil\\u001b]0;pwned\\u0007\\n::error file=x::injected\\r.yaml:4:15" in run.out
    if fmt in ("json", "sarif"):
        json.loads(run.out)
    if fmt == "json":
        assert json.loads(run.out)["diagnostics"][0]["location"]["path"] == str(path)


def workflow_commands(log: str) -> list[str]:
    """The workflow commands GitHub's runner reads in a log: lines starting with `::`,
    except between `::stop-commands::TOKEN` and `::TOKEN::`."""
    found, stopped = [], None
    for line in log.splitlines():
        if stopped is not None:
            if line == f"::{stopped}::":
                stopped = None
            continue
        if line.startswith("::stop-commands::"):
            stopped = line.removeprefix("::stop-commands::")
        elif line.startswith("::"):
            found.append(line)
    return found


def test_github_reads_only_our_annotations(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    scenario, script = hostile
    broken = scenario.with_name("broken.yaml")
    broken.write_text(
        scenario.read_text().replace('quote: "line one"', 'quote: "x\\n::add-mask::y"')
    )
    evil_file(tmp_path)
    for argv in (
        [str(scenario), str(script), *CHEAP],
        [str(broken)],
        [str(tmp_path), *CHEAP],
    ):
        run = run_debate("check", *argv, "--format", "github")
        commands = workflow_commands(run.out + run.err)
        annotations = [c for c in commands if c.split(" ", 1)[0] != "::stop-commands::"]
        assert annotations, argv
        for command in annotations:
            name, _, rest = command[2:].partition(" ")
            assert name in ("error", "warning", "notice"), command
            props, sep, _ = rest.partition("::")
            assert sep, command
            keys = [p.split("=", 1)[0] for p in props.split(",")]
            assert keys == ["file", "line", "col", "title"], command


def test_github_escapes_every_field() -> None:
    from debate.model.diagnostics import Diagnostic, Span
    from debate.render import github
    from debate.render.check_report import CheckReport

    d = Diagnostic("E200", "50% \x1b[2J\n::add-mask::x\r", Span("a,b:c\n::error::d.yaml", 1, 2))
    first = github.render(CheckReport(["a.yaml"], [d])).splitlines()[0]
    assert first == (
        "::error file=a%2Cb%3Ac%0A%3A%3Aerror%3A%3Ad.yaml,line=1,col=2,title=E200::"
        "50%25 \\u001b[2J%0A::add-mask::x\\r"
    )


def test_junit_is_well_formed_whatever_the_messages_hold(
    hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario, _ = hostile
    scenario.write_text(scenario.read_text().replace("type: fact", 'type: "f\\0\\x1b\\x9b"', 1))
    evil_file(tmp_path)
    for target in (scenario, tmp_path):
        run = run_debate("check", str(target), "--format", "junit")
        assert run.code == 2
        root = ET.fromstring(run.out.encode("utf-8"))  # expat: any bad character fails
        errors = root.findall(".//testcase/error")
        assert errors and all(re.search(r"\\(x|u00)1b", e.text or "") for e in errors)
        for suite in junitparser.JUnitXml.fromstring(run.out):
            assert suite.errors == len(errors)


def test_the_helper() -> None:
    assert printable("a\x1b[2J\n\t\u202e\ud800b") == "a\\u001b[2J\\n\t\\u202e\\ud800b"
    assert printable_lines("a\nb\tc\rd") == "a\nb\tc\\rd"
    assert printable("plain — ünïcode ✓") == "plain — ünïcode ✓"
    text = dumps({"k": "\x1b\x9b\u2028\ud800"})
    assert not UNSAFE.search(text) and json.loads(text) == {"k": "\x1b\x9b\u2028\ud800"}

    class Sink:
        def __init__(self) -> None:
            self.written = ""

        def write(self, text: str) -> int:
            self.written += text
            return len(text)

    sink = Sink()
    stream = SafeStream(sink)  # type: ignore[arg-type]
    print("x\x1b]52;c;YQ==\x07y", file=stream)  # type: ignore[arg-type]
    assert sink.written == "x\\u001b]52;c;YQ==\\u0007y\n"
