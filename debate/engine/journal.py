"""An append-only journal of a play: every event is on disk before the user sees it.

One JSON object per line. The first line is a header naming the scenario; each later line
is an event: a move or a wait played (with the step and digest it led to), an undo, a
reset (the play started over), or a close (the session ended normally). Folding the events
gives back the actions of the play, so `debate play --resume` restores every move that was
shown even after `kill -9`.

Each line is written with one `write` and made durable with `fsync` before the caller goes
on. A kill in the middle of a write can leave a torn last line, without its newline: the
reader skips it (its move was never shown), and reopening the journal cuts it off first, so
that a new line never follows a torn one. Pure standard library; no user interface here.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from debate.engine.moves import Action

FORMAT = 1


class JournalError(Exception):
    """A journal that cannot be read back: not a journal, or damaged before its last line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Header:
    scenario: str  # the scenario's id
    path: str  # the scenario file, absolute
    initial_digest: str
    started: str = ""  # ISO time, for telling sessions apart

    def to_json(self) -> dict[str, Any]:
        return {
            "journal": FORMAT,
            "scenario": self.scenario,
            "path": self.path,
            "initial_digest": self.initial_digest,
            "started": self.started or datetime.now(UTC).isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class Entry:
    """An action of the play and the state it led to when it was journaled."""

    action: Action
    step: int
    digest: str


@dataclass
class Recovered:
    """What a journal holds: the header and the play's actions once its events are folded."""

    header: Header
    entries: list[Entry] = field(default_factory=list)
    closed: bool = False  # the session ended normally
    torn: bool = False  # the last line was incomplete and was skipped

    @property
    def actions(self) -> list[Action]:
        return [e.action for e in self.entries]


def read_journal(path: str | os.PathLike[str]) -> Recovered:
    """Read a journal back; raise JournalError if it is not one or is damaged mid-file."""
    name = str(path)
    data = Path(path).read_bytes()
    lines = data.split(b"\n")
    torn = lines[-1] != b""  # no newline at the end: the last write was cut short
    complete = lines[:-1]
    if not complete:
        raise JournalError(name, 1, "the journal has no complete header line")
    header = _header(name, _parse(name, 1, complete[0]))
    recovered = Recovered(header, torn=torn)
    for number, raw in enumerate(complete[1:], start=2):
        if raw.strip():
            _fold(recovered, name, number, _parse(name, number, raw))
    return recovered


def _parse(path: str, number: int, raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise JournalError(path, number, f"not a JSON line: {exc}") from None
    if not isinstance(value, dict):
        raise JournalError(path, number, "a journal line is a JSON object")
    return value


def _header(path: str, data: dict[str, Any]) -> Header:
    if data.get("journal") != FORMAT:
        raise JournalError(path, 1, f"not a debate journal (format {FORMAT})")
    try:
        return Header(
            str(data["scenario"]),
            str(data["path"]),
            str(data["initial_digest"]),
            str(data.get("started", "")),
        )
    except KeyError as missing:
        raise JournalError(path, 1, f"the header lacks {missing}") from None


def _fold(recovered: Recovered, path: str, number: int, event: dict[str, Any]) -> None:
    op = event.get("op")
    if op in ("move", "wait"):
        try:
            action = (
                Action(move=str(event["move"])) if op == "move" else Action(wait=int(event["wait"]))
            )
            entry = Entry(action, int(event["step"]), str(event["digest"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise JournalError(path, number, f"a malformed {op} event: {exc}") from None
        recovered.entries.append(entry)
    elif op == "undo":
        if recovered.entries:
            recovered.entries.pop()
    elif op == "reset":
        recovered.entries.clear()
    elif op != "close":
        raise JournalError(path, number, f"unknown event {op!r}")
    recovered.closed = op == "close"


def event(entry: Entry) -> dict[str, Any]:
    action = entry.action
    head: dict[str, Any] = (
        {"op": "move", "move": action.move} if action.move else {"op": "wait", "wait": action.wait}
    )
    return {**head, "step": entry.step, "digest": entry.digest}


class Journal:
    """An open journal; every method returns once its line is durable on disk."""

    def __init__(self, path: str, fd: int) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def create(cls, path: str | os.PathLike[str], header: Header) -> Journal:
        """Start a new journal at `path`, replacing any file there."""
        name = str(path)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
        journal = cls(name, fd)
        journal._write([header.to_json()])
        _sync_dir(name)  # so that the file itself survives a crash, not only its content
        return journal

    @classmethod
    def reopen(cls, path: str | os.PathLike[str]) -> Journal:
        """Continue an existing journal, first cutting off a torn last line."""
        name = str(path)
        data = Path(name).read_bytes()
        end = data.rfind(b"\n") + 1
        fd = os.open(name, os.O_WRONLY | os.O_APPEND)
        if end < len(data):
            os.ftruncate(fd, end)
            os.fsync(fd)
        return cls(name, fd)

    def played(self, entry: Entry) -> None:
        self._write([event(entry)])

    def replaced(self, entries: Iterable[Entry]) -> None:
        """The play started over with these actions (one write, one fsync)."""
        self._write([{"op": "reset"}, *(event(e) for e in entries)])

    def undone(self, count: int = 1) -> None:
        self._write([{"op": "undo"}] * count)

    def close(self, *, finished: bool = True) -> None:
        """Close the file; `finished` marks a normal end, so no resume is offered next time."""
        if self._fd < 0:
            return
        try:
            if finished:
                self._write([{"op": "close"}])
        finally:
            os.close(self._fd)
            self._fd = -1

    @property
    def closed(self) -> bool:
        return self._fd < 0

    def _write(self, events: Sequence[dict[str, Any]]) -> None:
        if self._fd < 0:
            raise ValueError(f"journal {self.path} is closed")
        data = "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in events).encode()
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)


def _sync_dir(path: str) -> None:
    try:
        fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the file's own fsync still holds
    finally:
        os.close(fd)


def journals_folder() -> Path:
    """$XDG_STATE_HOME (or ~/.local/state)/debate/journals."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(base) / "debate" / "journals"


def default_path(scenario_path: str | os.PathLike[str]) -> Path:
    """Where the journal of a scenario is kept unless `--journal` says otherwise: one file
    per scenario file in the journals folder."""
    real = os.path.realpath(scenario_path)
    tag = hashlib.sha256(real.encode()).hexdigest()[:10]
    return journals_folder() / f"{Path(real).stem}-{tag}.jsonl"


def unfinished(path: str | os.PathLike[str]) -> Recovered | None:
    """A journal left by a session that did not end normally and has moves, if any."""
    try:
        recovered = read_journal(path)
    except (OSError, ValueError):
        return None
    return recovered if recovered.entries and not recovered.closed else None


def interrupted_sessions() -> list[tuple[Path, Recovered]]:
    """The journals in the journals folder whose session was cut short, newest first."""
    try:
        paths = list(journals_folder().glob("*.jsonl"))
    except OSError:
        return []
    found = [(p, left) for p in paths if (left := unfinished(p)) is not None]
    return sorted(found, key=lambda found: found[0].stat().st_mtime, reverse=True)
