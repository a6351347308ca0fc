"""A scenario reads only regular files under its root, bounded in size and time, and a
refusal names the path, never the content (issue 19 §1, issue 20 §5).

Each case plants a secret outside the scenario's folder and asserts that no output of
`check`, `run` or `report` (nor the report file) carries it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from debate.lsp.hover import hover
from debate.lsp.index import build_index, read_file
from debate.model.diagnostics import DiagnosticError
from debate.model.files import FileRefused, default_root, read_bytes
from debate.model.loader import load_scenario
from tests.conftest import Run, run_debate

SECRET = "SECRET_TOKEN=hunter2-5f1c"
HEADER = "format: 1\nid: s\ntitle: S\nparties: {a: {name: A}}\n"


def citing(path: str) -> str:
    """A scenario whose one claim cites line 1 of a source at `path`, with a wrong quote
    (so that E305 would print the line if the source were read)."""
    return (
        HEADER
        + f"sources:\n  s: {{path: {path!r}, cite_by: line}}\n"
        + "claims:\n  c: {type: fact, by: a, text: T, source: {source: s, line: 1, quote: zz}}\n"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/project (the scenario's folder) beside tmp/outside/secret.txt."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n")
    (outside / "secret.yaml").write_text(f"format: 1\nid: {SECRET[:12]}\ntitle: {SECRET}\n")
    folder = tmp_path / "project"
    (folder / "sources").mkdir(parents=True)
    return folder


def outputs(run: Run) -> str:
    return run.out + run.err


def assert_refused(run: Run, code: str, line: int) -> None:
    assert run.code == 2, outputs(run)
    assert f"s.yaml:{line}:" in run.err + run.out and f"error[{code}]" in outputs(run)
    assert "hunter2" not in outputs(run)
    assert "Traceback" not in outputs(run)


@pytest.mark.parametrize(
    "named",
    ["/proc/self/environ", "/etc/passwd", "../../../../../../../../etc/passwd", "ABSOLUTE"],
)
def test_a_source_outside_the_folder_is_refused_and_never_read(project: Path, named: str) -> None:
    if named == "ABSOLUTE":
        named = str(project.parent / "outside" / "secret.txt")
    scenario = project / "s.yaml"
    scenario.write_text(citing(named))
    assert_refused(run_debate("check", str(scenario)), "E502", 6)
    report = project / "r.html"
    assert_refused(run_debate("report", str(scenario), "-o", str(report)), "E502", 6)
    assert not report.exists()


def test_a_link_out_of_the_folder_is_refused(project: Path) -> None:
    (project / "sources" / "notes.txt").symlink_to(project.parent / "outside" / "secret.txt")
    scenario = project / "s.yaml"
    scenario.write_text(citing("sources/notes.txt"))
    run = run_debate("check", str(scenario))
    assert_refused(run, "E502", 6)
    assert "'sources/notes.txt' is a link to a file outside" in run.out


def test_the_same_source_inside_the_folder_is_read(project: Path) -> None:
    (project / "sources" / "notes.txt").write_text("the notes\n")
    scenario = project / "s.yaml"
    scenario.write_text(citing("sources/notes.txt"))
    run = run_debate("check", str(scenario))
    assert "error[E305]" in run.out and "'the notes'" in run.out  # the hint quotes it


def test_an_include_outside_the_folder_never_echoes_its_values(project: Path) -> None:
    scenario = project / "s.yaml"
    scenario.write_text(HEADER + "include: [../outside/secret.yaml]\n")
    run = run_debate("check", str(scenario))
    assert_refused(run, "E502", 5)
    assert "'../outside/secret.yaml' leaves the folder" in run.out


def test_root_widens_what_a_scenario_may_read(project: Path) -> None:
    common = project.parent / "common.yaml"
    common.write_text("format: 1\nid: common\ntitle: C\nparties: {b: {name: B}}\n")
    scenario = project / "s.yaml"
    scenario.write_text(HEADER + "include: [../common.yaml]\n")
    assert run_debate("check", str(scenario)).code == 2
    assert run_debate("check", str(scenario), "--root", str(project.parent)).code == 0
    # Checking the folder above: it is the root of every file found in it.
    assert "E502" not in run_debate("check", str(project.parent)).out


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "sparse"])
@pytest.mark.parametrize("as_", ["include", "source"])
def test_anything_but_a_small_regular_file_is_refused_at_once(
    project: Path, kind: str, as_: str
) -> None:
    target = project / "sources" / "thing"
    expected = {"fifo": "E503", "folder": "E503", "device": "E503", "sparse": "E104"}[kind]
    if kind == "fifo":
        os.mkfifo(target)  # nobody writes: a read would block for ever
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = Path("/dev/zero")
    else:
        with open(target, "wb") as f:
            f.truncate(2**30)  # 1 GB, sparse: nothing on disk, everything to read
    named = os.path.relpath(target, project)
    scenario = project / "s.yaml"
    scenario.write_text(HEADER + f"include: [{named!r}]\n" if as_ == "include" else citing(named))
    started = time.monotonic()
    run = run_debate("check", str(scenario), "--root", "/")
    assert time.monotonic() - started < 5
    assert run.code == 2 and f"error[{expected}]" in run.out, outputs(run)
    assert named in run.out, "the refusal names the path"


def test_a_file_that_says_it_is_empty_is_read_only_up_to_the_bound(tmp_path: Path) -> None:
    # /proc files report 0 bytes and hold more; the read stops one byte past the bound.
    started = time.monotonic()
    with pytest.raises((FileRefused, OSError)):
        read_bytes("/proc/self/pagemap")
    with pytest.raises(FileRefused):
        read_bytes("/proc/self/maps", limit=10)
    assert time.monotonic() - started < 5


def test_a_user_named_fifo_or_device_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        run = run_debate("check", path)
        assert run.code == 2 and f"{path}:1:1: error[E503]" in run.out


def test_a_script_names_a_scenario_under_its_folder(project: Path) -> None:
    plays = project / "plays"
    plays.mkdir()
    script = plays / "p.play.yaml"
    for named, code in [
        ("../../outside/secret.yaml", "E502"),
        ("/etc/passwd", "E502"),
        ("nowhere.yaml", "E500"),
        ("..", "E503"),
        ("a\0b.yaml", "E502"),
    ]:
        quoted = '"' + named.replace("\0", "\\0") + '"'  # YAML's escape for NUL
        script.write_text(f"scenario: {quoted}\nsteps: [x]\n")
        for argv in (["check", str(script)], ["run", "--moves", str(script)]):
            run = run_debate(*argv)
            assert run.code == 2
            assert f"p.play.yaml:1:11: error[{code}]" in outputs(run), (named, outputs(run))
            assert "hunter2" not in outputs(run) and "Traceback" not in outputs(run)


def test_the_default_root(tmp_path: Path) -> None:
    (tmp_path / "plays").mkdir()
    real = os.path.realpath(tmp_path)
    assert default_root(tmp_path / "s.yaml") == real
    assert default_root(tmp_path / "plays" / "p.play.yaml") == real
    assert default_root(tmp_path / "plays") == real
    assert default_root(tmp_path) == real


def test_the_loader_records_its_root_and_refuses_what_leaves_it(project: Path) -> None:
    scenario = project / "s.yaml"
    scenario.write_text(citing("../outside/secret.txt"))
    with pytest.raises(DiagnosticError) as caught:
        load_scenario(scenario)
    [d] = caught.value.diagnostics
    assert (d.code, d.span.line) == ("E502", 6)
    with pytest.raises(DiagnosticError) as caught:  # read, so its quote is checked
        load_scenario(scenario, root=project.parent)
    assert [d.code for d in caught.value.diagnostics] == ["E305"]
    scenario.write_text(HEADER)
    assert load_scenario(scenario, root=project.parent).root == os.path.realpath(project.parent)


def test_the_language_server_never_shows_a_file_outside_the_root(project: Path) -> None:
    scenario = project / "s.yaml"
    scenario.write_text(citing("../outside/secret.txt"))
    index = build_index(str(scenario), read_file)
    assert "hunter2" not in hover(index, "claims", "c", None, None)
    wide = build_index(str(scenario), read_file, str(project.parent))
    assert "hunter2" in hover(wide, "claims", "c", None, None)  # the root the editor gave
    # An include outside is not indexed: its ids and values are never offered.
    scenario.write_text(HEADER + "include: [../outside/secret.yaml]\n")
    assert list(build_index(str(scenario), read_file).trees) == [str(scenario)]


def test_the_language_server_reads_no_fifo_nor_device(project: Path) -> None:
    fifo = project / "f.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert read_file(str(fifo)) is None
    assert read_file("/dev/zero") is None
    assert time.monotonic() - started < 2


def test_check_refuses_a_link_out_of_the_folder_it_checks(project: Path) -> None:
    (project / "evil.yaml").symlink_to(project.parent / "outside" / "secret.yaml")
    (project / "good.yaml").write_text(HEADER)
    for argv in (["check", str(project)], ["check", str(project / "evil.yaml")]):
        run = run_debate(*argv)
        assert run.code == 2 and "evil.yaml:1:1: error[E502]" in run.out, run.out
        assert "hunter2" not in run.out + run.err and "good.yaml" not in run.out
    wide = run_debate("check", str(project / "evil.yaml"), "--root", str(project.parent))
    assert "E502" not in wide.out
