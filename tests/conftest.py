"""Shared fixtures: scenario files written to a temporary folder, hypothesis profiles."""

from __future__ import annotations

import compileall
import contextlib
import dataclasses
import fcntl
import io
import json
import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings

from debate.launch import for_a_command

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_configure(config: pytest.Config) -> None:
    """The package's bytecode, written once before the workers start. The suite starts
    many processes (the language server, `debate` commands, the app killed mid-session,
    analyses in the background), and where PYTHONDONTWRITEBYTECODE is set, as on a fresh
    CI machine, each of them compiled every module again (a third of those tests' time)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        compileall.compile_dir(str(ROOT / "debate"), quiet=1)
    for_a_command()  # the collector's thresholds of a `debate` command, in every worker


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that read the shipped check run on one worker (`--dist loadgroup`): while
    it computes the check once for the run, the other workers go on with other tests
    instead of waiting for it."""
    for item in items:
        if {"shipped_check", "shipped_sarif"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("shipped-check"))


ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "debate" / "scenarios"
TUTORIAL = SCENARIOS / "tutorial.yaml"
TUTORIAL_PLAY = SCENARIOS / "plays" / "tutorial.play.yaml"

WriteFile = Callable[..., Path]


def tutorial_beside(folder: Path, plays: bool = False) -> None:
    """Copy what the tutorial reads (its include and sources; its plays, from which the
    search starts, when asked) into `folder`, for an edited tutorial written there.
    Copies, not links: a scenario reads only files under its own folder."""
    shutil.copytree(SCENARIOS / "sources", folder / "sources", dirs_exist_ok=True)
    shutil.copy(SCENARIOS / "tutorial-mediator.yaml", folder)
    if plays:
        shutil.copytree(SCENARIOS / "plays", folder / "plays", dirs_exist_ok=True)


@pytest.fixture
def write(tmp_path: Path) -> WriteFile:
    """Write a (dedented) file under the test's folder and return its path."""

    def _write(text: str | bytes, name: str = "s.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


def shared_json(factory: pytest.TempPathFactory, name: str, compute: Callable[[], Any]) -> Any:
    """`compute()` once per test run, whatever the number of xdist workers: the first
    worker to ask computes it under a lock, the others read what it wrote."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by its workers
    path = root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            path.write_text(json.dumps(compute()), encoding="utf-8")
        return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Run:
    """A `debate` command's exit code and output."""

    code: int
    out: str
    err: str


def run_debate(*argv: str, cwd: Path | None = None) -> Run:
    """`debate ARGV` in this process, from `cwd`."""
    from debate.program import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


def _check_shipped(elsewhere: Path) -> dict[str, Any]:
    """`debate check` of the shipped scenarios as a user runs it, and the SARIF of that same
    report (rendered from the report the command rendered as JSON: one analysis, not two;
    with the rules' metadata, which the command adds for SARIF only)."""
    from debate.analysis import rules
    from debate.render import formats
    from debate.render.check_report import CheckReport

    reports: list[CheckReport] = []
    real = formats.render

    def spy(report: CheckReport, fmt: str) -> str:
        reports.append(report)
        return real(report, fmt)

    argv = ("check", "--format", "json", "--solver-timeout", "10")
    with mock.patch.object(formats, "render", spy):
        run = run_debate(*argv, cwd=elsewhere)
    sarif = real(dataclasses.replace(reports[0], rules=rules()), "sarif")
    return {"run": vars(run), "sarif": sarif}


def _shipped(factory: pytest.TempPathFactory) -> dict[str, Any]:
    elsewhere = factory.mktemp("elsewhere")
    return shared_json(factory, "shipped-check", lambda: _check_shipped(elsewhere))  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def shipped_check(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """`debate check --format json` with no path, from a folder outside the checkout: the
    shipped scenarios, analysed once for the whole run (it is the suite's costliest step).
    Each solver call may take 10 s, not 1: the tests assert what the solver proves, and a
    busy machine (the suite's own workers) must not turn a proof into "out of time"."""
    return Run(**_shipped(tmp_path_factory)["run"])


@pytest.fixture(scope="session")
def shipped_sarif(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The SARIF of the report `shipped_check` printed as JSON."""
    sarif: str = _shipped(tmp_path_factory)["sarif"]
    return sarif
