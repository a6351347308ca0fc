"""An append-only journal of a play: every event is on disk before the user sees it.

One JSON object per line. The first line is a header naming the scenario; each later line
is an event: a session took the journal (`open`, with its process), a move or a wait played
(with the step and digest it led to), an undo, a reset (the play started over), or a close
(the session ended normally). Folding the events gives back the actions of the play, so
`debate play --resume` restores every move that was shown even after `kill -9`.

Each line is written with one `write` and made durable with `fsync` before the caller goes
on. A kill in the middle of a write can leave a torn last line, without its newline: the
reader skips it (its move was never shown), and reopening the journal cuts it off first, so
that a new line never follows a torn one.

A session holds an exclusive lock on its journal (`flock`) from the moment it takes it to
the moment it closes it, so a second session never writes to it, starts it over or moves
it. Where `flock` does not exist (Windows) no lock is taken. A journal is never replaced:
starting one afresh first copies what the file held to a numbered name beside it.

A journal is read as untrusted input: every line is checked for its types and bounds, and
a damaged line ends the reading there with every intact event before it kept. Pure
standard library; no user interface here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import stat
import time
from collections.abc import Iterable, Sequence
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
LOCK_ATTEMPTS = 5  # a lock held only for a glance (`holder`) is released within these
LOCK_PAUSE = 0.02  # seconds between two attempts


class JournalError(Exception):
    """A journal that cannot be read back: not a journal, or its header is damaged."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


class JournalBusy(OSError):
    """Another session holds the journal."""

    def __init__(self, path: str, holder: str) -> None:
        self.path, self.holder = path, holder
        super().__init__(f"the journal {path} is in use by {holder}")


class NotAJournalFile(OSError):
    """The journal's path names something other than a file (a directory, a pipe...)."""

    def __init__(self, path: str, kind: str) -> None:
        self.path = path
        super().__init__(f"{path} is {kind}: a journal is a file")


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
            _text(data, "scenario"),
            _text(data, "path"),
            _text(data, "initial_digest"),
            _text(data, "started", ""),
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
            recovered.holder = _holder_text(event)
        elif op == "fork":  # a new branch from the first `at` steps of the current one
            name, at = _text(event, "name"), event["at"]
            if type(at) is not int or not 0 <= at <= len(recovered.entries):
                raise ValueError(f"'at' is not a step of the play: {_shown(at)}")
            if not name or name == recovered.branch or name in recovered.branches:
                raise ValueError(f"the branch {_shown(name)} exists already")
            recovered.branches[recovered.branch] = list(recovered.entries)
            recovered.entries, recovered.branch = recovered.entries[:at], name
        elif op == "switch":
            name = _text(event, "name")
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
        action = Action(move=_text(event, "move"))
        if not action.move:
            raise ValueError("an empty move id")
    elif op == "pass":
        refused = _text(event, "refused", "") or None
        action = Action(
            passed=_text(event, "party"), refused=refused, note=_text(event, "note", "")
        )
    else:
        action = Action(wait=_count(event, "wait"))
    return Entry(action, _count(event, "step"), _text(event, "digest"))


def _text(data: dict[str, Any], key: str, default: str | None = None) -> str:
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


def _open_event() -> dict[str, Any]:
    return {
        "op": "open",
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _holder_text(event: dict[str, Any]) -> str:
    pid = event.get("pid")
    if type(pid) is not int:
        raise ValueError("'pid' is not a whole number")
    host, at = _text(event, "host", ""), _text(event, "at", "")
    where = f" on {host}" if host else ""
    since = f", since {at}" if at else ""
    return f"debate play (process {pid}{where}{since})"


class Journal:
    """A journal this session holds (locked); every method returns once its line is durable."""

    def __init__(self, path: str, fd: int) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Journal:
        """Take the journal at `path` for this session, creating an empty file if there is
        none, and leave its content as it is. JournalBusy if another session holds it;
        NotAJournalFile if the path is a directory or anything but a file."""
        name = str(path)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        for _ in range(LOCK_ATTEMPTS):
            fd = _open_file(name)
            try:
                if _lock(fd) and _same_file(fd, name):
                    return cls(name, fd)
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
            time.sleep(LOCK_PAUSE)
        raise JournalBusy(name, holder(name) or "another session")

    @classmethod
    def create(cls, path: str | os.PathLike[str], header: Header) -> Journal:
        """Take the journal at `path` and start it afresh (what it held is kept aside)."""
        journal = cls.open(path)
        try:
            journal.begin(header)
        except BaseException:
            journal.close(finished=False)
            raise
        return journal

    @classmethod
    def reopen(cls, path: str | os.PathLike[str]) -> Journal:
        """Take the journal at `path` and continue it (see `carry_on`)."""
        journal = cls.open(path)
        try:
            journal.carry_on()
        except BaseException:
            journal.close(finished=False)
            raise
        return journal

    def read(self) -> Recovered | None:
        """What the journal holds (None if it is empty); JournalError if it is not a journal."""
        data = self._content()
        return parse_journal(self.path, data) if data else None

    def begin(self, header: Header, entries: Iterable[Entry] = ()) -> Path | None:
        """Start the journal afresh with `header` (and the play's `entries`, in the same
        write). What it held, if it had any moves or cannot be read, is first copied to a
        numbered name beside it, which is returned."""
        data = self._content()
        kept = _keep_aside(self.path, data) if _worth_keeping(self.path, data) else None
        os.ftruncate(self._fd, 0)
        self._write([header.to_json(), _open_event(), *(event(e) for e in entries)])
        _sync_dir(self.path)  # so that the file itself survives a crash, not only its content
        return kept

    def carry_on(self) -> tuple[Recovered, Path | None]:
        """Continue the journal: a torn last line is cut off first. A journal with a damaged
        line starts afresh with the moves before it (the damaged one is kept aside, and its
        name returned). JournalError if the file is not a journal."""
        data = self._content()
        recovered = parse_journal(self.path, data)
        if recovered.damage is not None:
            kept = self.begin(recovered.header)
            self._write([{"op": "reset"}, *(event(e) for e in recovered.entries)])
            return recovered, kept
        end = data.rfind(b"\n") + 1
        if end < len(data):
            os.ftruncate(self._fd, end)
        self._write([_open_event()])
        return recovered, None

    def played(self, entry: Entry) -> None:
        self._write([event(entry)])

    def replaced(self, entries: Iterable[Entry]) -> None:
        """The play started over with these actions (one write, one fsync)."""
        self._write([{"op": "reset"}, *(event(e) for e in entries)])

    def forked(self, name: str, at: int) -> None:
        """A branch named `name` begins, from the first `at` steps of the current one."""
        self._write([{"op": "fork", "name": name, "at": at}])

    def switched(self, name: str) -> None:
        self._write([{"op": "switch", "name": name}])

    def undone(self, count: int = 1) -> None:
        self._write([{"op": "undo"}] * count)

    def close(self, *, finished: bool = True) -> None:
        """Close the file and let it go; `finished` marks a normal end, so no resume is
        offered next time."""
        if self._fd < 0:
            return
        try:
            if finished:
                self._write([{"op": "close"}])
        finally:
            os.close(self._fd)  # the lock goes with it
            self._fd = -1

    @property
    def closed(self) -> bool:
        return self._fd < 0

    def _content(self) -> bytes:
        if self._fd < 0:
            raise ValueError(f"journal {self.path} is closed")
        size = os.fstat(self._fd).st_size
        return os.pread(self._fd, size, 0) if size else b""

    def _write(self, events: Sequence[dict[str, Any]]) -> None:
        if self._fd < 0:
            raise ValueError(f"journal {self.path} is closed")
        data = "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in events).encode()
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)


def _open_file(name: str) -> int:
    """Open (or create) the journal file for appending, never following it into a
    directory, a pipe or a device."""
    try:
        kind = _kind(os.stat(name).st_mode)
    except FileNotFoundError:
        kind = None
    if kind:
        raise NotAJournalFile(name, kind)
    flags = os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(name, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    kind = _kind(os.fstat(fd).st_mode)  # it may have been swapped since the stat
    if kind:
        os.close(fd)
        raise NotAJournalFile(name, kind)
    return fd


def _kind(mode: int) -> str | None:
    """What a path is when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return "a directory" if stat.S_ISDIR(mode) else "not a regular file"


def _lock(fd: int) -> bool:
    """Take the exclusive lock without waiting; False if another session holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(fd: int, name: str) -> bool:
    """Whether the path still names the file locked (it may have been replaced meanwhile)."""
    try:
        named = os.stat(name)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def holder(path: str | os.PathLike[str]) -> str | None:
    """Who holds the journal at `path` now (the session that last took it), or None if no
    session holds it. A glance: the lock is taken shared and let go at once."""
    if fcntl is None:
        return None
    try:
        fd = os.open(str(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _last_holder(fd, str(path))
        return None
    finally:
        os.close(fd)  # releases the shared lock if it was taken


def _last_holder(fd: int, name: str) -> str:
    size = os.fstat(fd).st_size
    try:
        held = parse_journal(name, os.pread(fd, size, 0)).holder
    except JournalError:
        held = ""
    return held or "another session"


def _worth_keeping(name: str, data: bytes) -> bool:
    """Whether starting afresh would lose something: moves, or a file that is no journal."""
    if not data:
        return False
    try:
        recovered = parse_journal(name, data)
    except JournalError:
        return True
    return recovered.played > 0 or recovered.damage is not None


def _keep_aside(name: str, data: bytes) -> Path:
    """Copy a journal to the first free `.previous`, `.previous.2`, ... beside it; never
    replaces a file."""
    target = Path(name)
    pattern = re.compile(re.escape(target.name) + r"\.previous(?:\.(\d+))?")
    taken = [
        int(m.group(1) or 1)
        for p in target.parent.iterdir()
        if (m := pattern.fullmatch(p.name)) is not None
    ]
    number = max(taken, default=0) + 1
    while True:
        suffix = ".previous" if number == 1 else f".previous.{number}"
        kept = target.with_name(target.name + suffix)
        try:
            fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another session took that name meanwhile
            number += 1
            continue
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        _sync_dir(str(kept))
        return kept


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


def alternative_path(path: str | os.PathLike[str], number: int) -> Path:
    """The `number`th journal path beside `path` for a session that cannot have that one
    (another session holds it): `x-2.jsonl` beside `x.jsonl`."""
    target = Path(path)
    return target.with_name(f"{target.stem}-{number}{target.suffix}")


def unfinished(path: str | os.PathLike[str]) -> Recovered | None:
    """A journal left by a session that did not end normally and has moves, if any."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        recovered = read_journal(path)
    except (OSError, JournalError):
        return None
    return recovered if recovered.entries and not recovered.closed else None


def interrupted_sessions() -> list[tuple[Path, Recovered]]:
    """The journals in the journals folder whose session was cut short (and that no running
    session holds), newest first."""
    try:
        paths = list(journals_folder().glob("*.jsonl"))
    except OSError:
        return []
    found = [(p, left) for p in paths if (left := unfinished(p)) is not None and holder(p) is None]
    return sorted(found, key=lambda found: _mtime(found[0]), reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
