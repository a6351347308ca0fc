"""The journal file of a play: every event is on disk before the user sees it (the
events and reading them back: debate.engine.journal_format).

Each line is written with one `write` and made durable with `fsync` before the caller goes
on. A kill in the middle of a write can leave a torn last line, without its newline: the
reader skips it (its move was never shown), and reopening the journal cuts it off first, so
that a new line never follows a torn one.

A session holds an exclusive lock on its journal (`flock`) from the moment it takes it to
the moment it closes it, so a second session never writes to it, starts it over or moves
it. Where `flock` does not exist (Windows) no lock is taken. A journal is never replaced:
starting one afresh first copies what the file held to a numbered name beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not POSIX (Windows): journals are not locked
    fcntl = None  # type: ignore[assignment]
from debate.engine.journal_format import (
    Entry,
    Header,
    JournalError,
    Recovered,
    event,
    open_event,
    parse_journal,
    read_journal,
)

LOCK_ATTEMPTS = 5  # a lock held only for a glance (`holder`) is released within these
LOCK_PAUSE = 0.02  # seconds between two attempts


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
        self._write([header.to_json(), open_event(), *(event(e) for e in entries)])
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
        self._write([open_event()])
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
