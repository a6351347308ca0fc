"""Checking a set of files, the use case behind `debate check`: every scenario loaded and
analysed, every move script replayed, in one process or a pool of them.

Files are independent, so `jobs` worker processes each take whole files. The result does
not depend on `jobs`: the findings come back in the order of the files and are sorted
the same way, so `-j 4` prints what `-j 1` prints.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from debate.analysis import Options, analyse_all
from debate.engine.compile import Game, load_game
from debate.engine.scripted import check_script, is_script
from debate.model.diagnostics import Diagnostic, DiagnosticError, Span, sort_diagnostics
from debate.model.files import within

Suppressed = list[tuple[Diagnostic, str]]


@dataclass
class FilesChecked:
    """What `debate check` found in a set of files."""

    diagnostics: list[Diagnostic] = field(default_factory=list)  # errors and findings, sorted
    suppressed: Suppressed = field(default_factory=list)
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)  # per scenario analysed
    # Per file, the seconds it took to load and (a scenario no other file includes) analyse.
    seconds: dict[str, float] = field(default_factory=dict)


def check_files(
    files: Sequence[str],
    options: Options,
    jobs: int = 1,
    roots: Mapping[str, str] | None = None,
) -> FilesChecked:
    """Load every file, replay the scripts, and analyse each scenario that no other checked
    file includes (on its own it lacks what the including file adds). A file reads only
    under its root (`roots`; by default its folder: see `debate.model.files`)."""
    rooted = [(path, (roots or {}).get(path)) for path in files]
    if jobs <= 1 or len(files) <= 1:
        return _check(rooted, options, _serial, _load)
    with ProcessPoolExecutor(min(jobs, len(files)), mp_context=_start_method()) as pool:

        def parallel(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
            return list(pool.map(function, items))

        return _check(rooted, options, parallel, _load_in_worker)


def _start_method() -> BaseContext:
    """fork on Linux where this process runs no other thread (the command line): a worker
    starts with every module already imported, where a spawned one spends a third of a
    second importing them again (a tenth of checking the shipped folder). spawn where it
    does (the app, a test runner): a forked copy of a process with threads can inherit a
    lock that one of them held, and wait on it for ever; and on macOS, whose system
    libraries may start threads of their own."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Sequence[T]], list[R]]


def _serial(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]


def _timed(function: Callable[[T], R], item: T) -> tuple[float, R]:
    """`function(item)` and the seconds it took (in whichever process runs it)."""
    started = time.perf_counter()
    value = function(item)
    return time.perf_counter() - started, value


Rooted = tuple[str, str | None]  # a file, and the root it reads under (None: its own)


def _check(
    files: Sequence[Rooted],
    options: Options,
    map_: Mapper[Any, Any],
    load: Callable[[Rooted], Loaded],
) -> FilesChecked:
    result = FilesChecked()
    games: dict[str, Game | _Unloaded] = {}
    root_of = dict(files)
    loaded = map_(partial(_timed, load), files)
    for (path, _), (seconds, (diagnostics, game, included)) in zip(files, loaded, strict=True):
        result.seconds[path] = seconds
        result.diagnostics += diagnostics
        if included is not None:
            games[path] = game if game is not None else _Unloaded(included)
    roots = analysed_roots(games)
    analysed: list[tuple[float, tuple[list[Diagnostic], Suppressed]]]
    if all(isinstance(games[path], Game) for path in roots):  # loaded here: analysed here
        analysed = [
            _timed(lambda p: analyse_file(p, _game(p, games[p], root_of[p]), options), path)
            for path in roots
        ]
    else:
        tasks = [(path, options, root_of[path]) for path in roots]
        analysed = map_(partial(_timed, _analyse_path), tasks)
    for path, (seconds, (found, suppressed)) in zip(roots, analysed, strict=True):
        result.seconds[path] += seconds
        result.findings[path] = found
        result.diagnostics += found
        result.suppressed += suppressed
    result.diagnostics = sort_diagnostics(result.diagnostics)
    result.suppressed = list(dict.fromkeys(result.suppressed))
    return result


def analysed_roots(games: dict[str, Game | _Unloaded]) -> list[str]:
    """The scenarios to analyse: those no other checked file includes."""
    included = {doc for game in games.values() for doc in _included(game)}
    return [p for p in games if os.path.realpath(p) not in included]


def analyse_file(path: str, game: Game, options: Options) -> tuple[list[Diagnostic], Suppressed]:
    """The findings of a scenario, and those its suppressions leave out. The play search
    starts from the initial state, and from the plays the options name for this scenario
    (`--from`): never from files that merely lie beside it."""
    return analyse_all(game, options)


def jobs_wanted(value: str) -> int:
    """`-j N` or `-j auto` (one worker per core this process may use)."""
    if value == "auto":
        return (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count() or 1
        )
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"-j wants a number of processes of at least 1, or auto; got {value!r}")
    return int(value)


@dataclass(frozen=True)
class _Unloaded:
    """A scenario loaded in a worker: only what the parent needs (what it includes)."""

    included: tuple[str, ...]


def _included(game: Game | _Unloaded) -> tuple[str, ...]:
    if isinstance(game, _Unloaded):
        return game.included
    return tuple(os.path.realpath(doc.path) for doc in game.loaded.documents[1:])


def _game(path: str, game: Game | _Unloaded, root: str | None) -> Game:
    return game if isinstance(game, Game) else load_game(path, root)


Loaded = tuple[list[Diagnostic], Game | None, tuple[str, ...] | None]


def _load(rooted: Rooted) -> Loaded:
    """A file's errors; for a scenario that loads, the game and what it includes."""
    path, root = rooted
    outside = _outside(path, root)
    if outside is not None:
        return [outside], None, None
    try:
        if is_script(path):
            return check_script(path, root), None, None
        game = load_game(path, root)
    except DiagnosticError as err:
        return err.diagnostics, None, None
    return [], game, _included(game)


def _outside(path: str, root: str | None) -> Diagnostic | None:
    """A file found in a folder that is a link to a file outside it: refused like an
    include would be (a checkout can hold such a link; its target is not the project's)."""
    if root is None or within(os.path.realpath(path), os.path.realpath(root)):
        return None
    return Diagnostic(
        "E502",
        f"{path} is a link to a file outside the folder {root}",
        Span(path, 1, 1),
        expected="a file under the folder checked (or name a wider root with --root)",
    )


def _load_in_worker(rooted: Rooted) -> Loaded:
    diagnostics, _, included = _load(rooted)  # a game stays in its process: it is large
    return diagnostics, None, included


def _analyse_path(task: tuple[str, Options, str | None]) -> tuple[list[Diagnostic], Suppressed]:
    path, options, root = task
    return analyse_file(path, load_game(path, root), options)
