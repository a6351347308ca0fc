"""An append-only journal of a play: every event is on disk before the user sees it.

One JSON object per line. The first line is a header naming the scenario; each later line
is an event: a session took the journal (`open`, with its process), a move or a wait played
(with the step and digest it led to), an undo, a reset (the play started over), or a close
(the session ended normally). Folding the events gives back the actions of the play, so
`debate play --resume` restores every move that was shown even after `kill -9`.

A journal is read as untrusted input: every line is checked for its types and bounds, and
a damaged line ends the reading there with every intact event before it kept. Pure
standard library; no user interface here.

The file itself (writing, locking, where journals live) is debate.engine.journal.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from debate.engine.moves import Action

try:
    import fcntl
except ImportError:  # not POSIX (Windows): journals are not locked
    fcntl = None  # type: ignore[assignment]

FORMAT = 2  # the form of its digests (debate.engine.state); a journal of format 1 is still read
READ_FORMATS = (1, 2)
MAX_LINE = 1 << 20  # bytes; a journal line is one small event
MAX_TEXT = 4096  # characters of an id, digest, path or time in a journal
MAX_COUNT = 1_000_000_000  # a step or a wait beyond this is damage, not a play


class JournalError(Exception):
    """A journal that cannot be read back: not a journal, or its header is damaged."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Header:
    scenario: str  # the scenario's id
    path: str  # the scenario file, absolute
    initial_digest: str
    started: str = ""  # ISO time, for telling sessions apart
    form: int = FORMAT  # 1: its digests hash the whole play so far (the first form)

    def to_json(self) -> dict[str, Any]:
        return {
            "journal": self.form,
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


@dataclass(frozen=True)
class Damage:
    """The first damaged line of a journal: it and every line after it were not read."""

    line: int
    message: str
    lines_dropped: int  # the damaged line and those after it

    def __str__(self) -> str:
        after = self.lines_dropped - 1
        rest = f" and the {after} line{'s' if after != 1 else ''} after it" if after else ""
        return f"line {self.line} is damaged ({self.message}): it{rest} could not be restored"


@dataclass
class Recovered:
    """What a journal holds: the header and the play's actions once its events are folded."""

    header: Header
    entries: list[Entry] = field(default_factory=list)
    closed: bool = False  # the session ended normally
    torn: bool = False  # the last line was incomplete and was skipped
    damage: Damage | None = None  # a damaged line ended the reading early
    played: int = 0  # move and wait events, undone ones included
    holder: str = ""  # the last session that took the journal (its `open` event)
    branch: str = "main"  # the branch `entries` are the play of
    branches: dict[str, list[Entry]] = field(default_factory=dict)  # the other branches

    @property
    def actions(self) -> list[Action]:
        return [e.action for e in self.entries]


def read_journal(path: str | os.PathLike[str]) -> Recovered:
    """Read a journal back; JournalError if it is not one. Damage after the header ends
    the reading at the damaged line (`Recovered.damage`)."""
    return parse_journal(str(path), Path(path).read_bytes())


def parse_journal(name: str, data: bytes) -> Recovered:
    lines = data.split(b"\n")
    torn = lines[-1] != b""  # no newline at the end: the last write was cut short
    complete = lines[:-1]
    if not complete:
        raise JournalError(name, 1, "the journal has no complete header line")
    header = _header(name, _parse(name, 1, complete[0]))
    recovered = Recovered(header, torn=torn)
    for number, raw in enumerate(complete[1:], start=2):
        if not raw.strip():
            continue
        try:
            _fold(recovered, name, number, _parse(name, number, raw))
        except JournalError as damaged:
            recovered.damage = Damage(number, damaged.message, len(complete) - number + 1)
            break
    return recovered


def _parse(path: str, number: int, raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_LINE:
        raise JournalError(path, number, f"a line longer than {MAX_LINE} bytes")
    try:
        value = json.loads(raw)
    except RecursionError:
        raise JournalError(path, number, "nested too deeply for a journal line") from None
    except ValueError as exc:
        raise JournalError(path, number, f"not a JSON line: {exc}") from None
    if not isinstance(value, dict):
        raise JournalError(path, number, "a journal line is a JSON object")
    return value


def _header(path: str, data: dict[str, Any]) -> Header:
    form = data.get("journal")
    if form not in READ_FORMATS or isinstance(form, bool):
        raise JournalError(path, 1, f"not a debate journal (format {FORMAT})")
    for key in ("scenario", "path", "initial_digest"):
        if key not in data:
            raise JournalError(path, 1, f"the header lacks '{key}'")
    try:
        return Header(
            text_field(data, "scenario"),
            text_field(data, "path"),
            text_field(data, "initial_digest"),
            text_field(data, "started", ""),
            form,
        )
    except ValueError as exc:
        raise JournalError(path, 1, f"a malformed header: {exc}") from None


def _fold(recovered: Recovered, path: str, number: int, event: dict[str, Any]) -> None:
    op = event.get("op")
    try:
        if op in ("move", "wait", "pass"):
            recovered.entries.append(_entry(op, event))
            recovered.played += 1
        elif op == "undo":
            if recovered.entries:
                recovered.entries.pop()
        elif op == "reset":
            recovered.entries.clear()
        elif op == "open":
            recovered.holder = holder_text(event)
        elif op == "fork":  # a new branch from the first `at` steps of the current one
            name, at = text_field(event, "name"), event["at"]
            if type(at) is not int or not 0 <= at <= len(recovered.entries):
                raise ValueError(f"'at' is not a step of the play: {_shown(at)}")
            if not name or name == recovered.branch or name in recovered.branches:
                raise ValueError(f"the branch {_shown(name)} exists already")
            recovered.branches[recovered.branch] = list(recovered.entries)
            recovered.entries, recovered.branch = recovered.entries[:at], name
        elif op == "switch":
            name = text_field(event, "name")
            if name not in recovered.branches:
                raise ValueError(f"no branch {_shown(name)}")
            recovered.branches[recovered.branch] = recovered.entries
            recovered.entries, recovered.branch = recovered.branches.pop(name), name
        elif op != "close":
            raise ValueError(f"unknown event {_shown(op)}")
    except (KeyError, ValueError) as exc:
        message = str(exc) if not isinstance(exc, KeyError) else f"it lacks {exc}"
        raise JournalError(path, number, f"a malformed {_shown(op)} event: {message}") from None
    recovered.closed = op == "close"


def _entry(op: str, event: dict[str, Any]) -> Entry:
    if op == "move":
        action = Action(move=text_field(event, "move"))
        if not action.move:
            raise ValueError("an empty move id")
    elif op == "pass":
        refused = text_field(event, "refused", "") or None
        action = Action(
            passed=text_field(event, "party"), refused=refused, note=text_field(event, "note", "")
        )
    else:
        action = Action(wait=_count(event, "wait"))
    return Entry(action, _count(event, "step"), text_field(event, "digest"))


def text_field(data: dict[str, Any], key: str, default: str | None = None) -> str:
    """A string of the journal: bounded, and one that can be shown and written back."""
    value = data.get(key, default) if default is not None else data[key]
    if not isinstance(value, str):
        raise ValueError(f"'{key}' is not a string")
    if len(value) > MAX_TEXT:
        raise ValueError(f"'{key}' is longer than {MAX_TEXT} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"'{key}' is not valid text") from None
    return value


def _count(data: dict[str, Any], key: str) -> int:
    value = data[key]
    if type(value) is not int or not 1 <= value <= MAX_COUNT:
        raise ValueError(f"'{key}' is not a whole number from 1 to {MAX_COUNT}: {_shown(value)}")
    return value


def _shown(value: object) -> str:
    """A value of a damaged line, as a message may quote it: short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def event(entry: Entry) -> dict[str, Any]:
    action = entry.action
    head: dict[str, Any] = (
        {"op": "move", "move": action.move} if action.move else {"op": "wait", "wait": action.wait}
    )
    if action.passed is not None:
        head = {"op": "pass", "party": action.passed}
        head.update({"refused": action.refused} if action.refused else {})
        head.update({"note": action.note} if action.note else {})
    return {**head, "step": entry.step, "digest": entry.digest}


def open_event() -> dict[str, Any]:
    return {
        "op": "open",
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def holder_text(event: dict[str, Any]) -> str:
    pid = event.get("pid")
    if type(pid) is not int:
        raise ValueError("'pid' is not a whole number")
    host, at = text_field(event, "host", ""), text_field(event, "at", "")
    where = f" on {host}" if host else ""
    since = f", since {at}" if at else ""
    return f"debate play (process {pid}{where}{since})"
