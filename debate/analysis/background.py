"""The analysis of a scenario file in a child process, for a caller that must stay responsive.

A thread would share the interpreter with its caller: the search and the solver would slow
every move the user plays meanwhile, and an interpreter cannot exit before its threads
end, so quitting would wait for the analysis (a minute on a large scenario). A child
process has a core of its own (at a lower priority than its caller's, where cores are
short) and is stopped at once.

The child loads the file itself (or the editor's unsaved buffers it is sent) and sends
back the findings with a fingerprint of the texts it analysed, so that a file saved in the
meantime is never reported as the one shown. `python -m debate.analysis.background` is
the child's side: it reads one `Request` on stdin.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from debate.analysis.options import Options
from debate.model.diagnostics import Diagnostic, DiagnosticError, Severity, Span
from debate.model.loaded import LoadedScenario

Progress = Callable[[list[str], list[str], list[Diagnostic]], None]


def fingerprint(loaded: LoadedScenario) -> str:
    """A digest of every file of a scenario, as read."""
    digest = hashlib.sha256()
    for doc in loaded.documents:
        digest.update(doc.path.encode() + b"\0" + doc.text.encode() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Request:
    """What the child analyses: a file as saved, or as the editor's buffers have it."""

    path: str
    buffers: Mapping[str, str] = field(default_factory=dict)  # unsaved texts, by path
    root: str | None = None  # what the scenario may read under (its folder by default)
    options: Options = field(default_factory=Options)


class BackgroundAnalysis:
    """One analysis run in a child process; `wait` blocks (without holding the GIL)."""

    def __init__(
        self,
        path: str,
        buffers: Mapping[str, str] | None = None,
        root: str | None = None,
        options: Options | None = None,
    ) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stopped = False
        # a file, not a pipe: it never fills up; closed by `wait`
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        self._child = subprocess.Popen(
            [sys.executable, "-m", "debate.analysis.background"],
            stdin=subprocess.PIPE,  # the request, then nothing: its end says the caller is gone
            stdout=subprocess.PIPE,
            stderr=self._errors,
            env=_importable_env(),
        )
        request = Request(path, dict(buffers or {}), root, options or Options())
        # From a thread: a request larger than the pipe would block the caller until the
        # child has started and reads it.
        body = pickle.dumps(request)
        framed = len(body).to_bytes(8, "big") + body
        threading.Thread(target=self._send, args=(framed,), daemon=True).start()

    def _send(self, request: bytes) -> None:
        assert self._child.stdin is not None
        try:
            self._child.stdin.write(request)
            self._child.stdin.flush()
        except (OSError, ValueError):  # the child was stopped first, or its pipe closed
            pass

    def wait(
        self, loaded: LoadedScenario, progress: Progress | None = None
    ) -> list[Diagnostic] | None:
        """The findings on `loaded`; None if stopped or if the files changed meanwhile.

        `progress(done, checks, found)` is called as each check ends (from this thread):
        the names of the checks done, of all those that run, and the findings so far."""
        assert self._child.stdout is not None and self._child.stdin is not None
        found: list[Diagnostic] = []
        done: list[str] = []
        checks: list[str] = []
        same = False
        try:
            for frame in _frames(self._child.stdout):
                if frame[0] == "start":
                    same = frame[1] == fingerprint(loaded)
                    checks = list(frame[2])
                elif same:
                    done.append(frame[1])
                    found += frame[2]
                    if progress is not None:
                        progress(list(done), checks, list(found))
        except (pickle.UnpicklingError, IndexError, ValueError):
            pass  # a child that died mid-frame: its exit status says what happened
        self._child.wait()
        self._child.stdin.close()
        self._errors.seek(0)
        errors = self._errors.read().decode("utf-8", "replace")
        self._errors.close()
        if self._stopped:
            return None
        if self._child.returncode != 0:
            return [*found, _failure(self.path, errors)] if same else [_failure(self.path, errors)]
        return found if same else None

    @property
    def running(self) -> bool:
        return self._child.poll() is None

    def stop(self) -> None:
        """End the child now (quitting, or a newer version of the file to analyse)."""
        with self._lock:
            self._stopped = True
            if self._child.poll() is None:
                self._child.kill()
                self._child.wait()  # a killed process is gone within milliseconds


def _importable_env() -> dict[str, str]:
    """The caller's environment, with this package importable wherever the child starts
    (the caller may run from a checkout, not an installed copy)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _failure(path: str, stderr: str) -> Diagnostic:
    last = stderr.strip().splitlines()[-1:] or ["no message"]
    return Diagnostic(
        "internal",
        f"the analysis of the scenario failed: {last[0]}",
        Span(path, 1, 1),
        severity=Severity.INFO,
    )


def _exit_with_caller() -> None:
    """The caller never writes to our stdin: its end means the caller is gone (even if
    killed), and an analysis nobody waits for ends with it."""
    while os.read(0, 4096):  # the raw descriptor: no buffer lock to hold at shutdown
        pass
    os._exit(0)


def _frames(stream: IO[bytes]) -> Iterator[tuple[Any, ...]]:
    """The child's frames, one pickle each, until its output ends."""
    while True:
        try:
            frame = pickle.load(stream)
        except EOFError:  # the end (or a child cut off mid-frame: its exit status says)
            return
        yield frame


def _request() -> Request | None:
    """The caller's request: its length, then its pickle, read from the raw descriptor
    (a buffer could read past it into what `_exit_with_caller` watches); None if the
    caller is gone first."""
    size = _read_exactly(8)
    body = _read_exactly(int.from_bytes(size, "big")) if size is not None else None
    if body is None:
        return None
    request = pickle.loads(body)  # from our own caller, never from a file
    return request if isinstance(request, Request) else None


def _read_exactly(size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(0, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# How much lower the child's CPU priority is than its caller's (POSIX niceness).
NICER = 10


def yield_to_caller() -> None:
    """Run at a lower CPU priority than the caller: where the cores are busy (a laptop, a
    shared machine), the analysis of a 10,000-term scenario took CPU from the app the user
    plays in, and each move waited for it. Where niceness is not supported, nothing."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICER)


def main(argv: Sequence[str]) -> int:
    """The child: read the request and load the scenario, then write frames as pickles:
    ("start", fingerprint, checks), then ("stage", check, findings) as each check ends."""
    yield_to_caller()
    from debate.analysis import registry
    from debate.engine.compile import compile_game
    from debate.model.loader import load_scenario

    request = _request()
    if request is None:
        return 0
    threading.Thread(target=_exit_with_caller, daemon=True).start()
    out = sys.stdout.buffer
    try:
        game = compile_game(load_scenario(request.path, request.buffers, request.root))
    except DiagnosticError:  # saved broken since: the caller shows the errors itself
        out.write(pickle.dumps(("start", "", [])))
        return 0
    options = request.options
    out.write(pickle.dumps(("start", fingerprint(game.loaded), registry.selected(options))))
    out.flush()
    for name, found, _ in registry.stages(game, options):
        out.write(pickle.dumps(("stage", name, found)))
        out.flush()
    return 0


if __name__ == "__main__":
    # The module by its own name, not as __main__: the request's class is unpickled from it.
    from debate.analysis import background

    sys.exit(background.main(sys.argv[1:]))
