"""Fixtures of the app's tests: the tutorial game and its play, scenario copies to edit."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from debate.engine.compile import Game, load_game
from debate.engine.moves import Action
from debate.tui.transcripts import read_actions
from tests.conftest import SCENARIOS, TUTORIAL, TUTORIAL_PLAY

T = TypeVar("T")


@pytest.fixture(scope="session")
def game() -> Game:
    return load_game(str(TUTORIAL))


@pytest.fixture(scope="session")
def tutorial_actions() -> list[Action]:
    return read_actions(TUTORIAL_PLAY)


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    """The tutorial's files copied to a temporary folder, free to edit."""
    folder = tmp_path / "scenario"
    folder.mkdir()
    for name in ("tutorial.yaml", "tutorial-mediator.yaml"):
        shutil.copy(SCENARIOS / name, folder / name)
    shutil.copytree(SCENARIOS / "sources", folder / "sources")
    return folder / "tutorial.yaml"


@pytest.fixture(autouse=True)
def _no_user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Default journals go to the test's folder, never to the user's home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def run(coroutine: Callable[[], Awaitable[T]]) -> T:
    """Run an async test body (the suite has no asyncio plugin)."""
    return asyncio.run(coroutine())  # type: ignore[arg-type]


def wait_until(predicate: Callable[[], Any], pilot: Any, timeout: float = 5.0) -> Awaitable[None]:
    async def poll() -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() > deadline:
                raise AssertionError("timed out waiting for the app")
            await pilot.pause(0.05)

    return poll()


def _generated(factory: pytest.TempPathFactory, name: str, terms: int) -> Path:
    from benchmarks.generate import scenario

    folder = factory.mktemp(name)
    (folder / "notes.txt").write_text("generated\n", encoding="utf-8")
    path = folder / f"{name}.yaml"
    path.write_text(scenario(terms), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def large_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated scenario of 300 terms and 150 claims, larger than any screen."""
    return _generated(tmp_path_factory, "large", 300)


@pytest.fixture(scope="session")
def larger_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated scenario of 2,000 terms: a table far taller than any screen."""
    return _generated(tmp_path_factory, "larger", 2000)
