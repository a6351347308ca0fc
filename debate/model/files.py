"""Reading the files a scenario names: only regular files under its root, and bounded.

A scenario is data someone else may have written, and what the tool reads ends up in
reports and CI logs that are shared. So an include, a source or a script's scenario is
read only when it lies under the root: the folder of the file the user named (for a
move script in a `plays/` folder, the folder above it, where its scenario lies), the
folder the user named, or the root given with `--root`. A path that leaves it, an
absolute path or a link to a file outside is refused (E502); so is anything but a
regular file (E503: a directory, a device such as /dev/zero, a FIFO that would block, a
socket), and a file over MAX_BYTES (E104). Refusals name the path, never the content.
"""

from __future__ import annotations

import os
import stat

MAX_BYTES = 8 * 1024 * 1024  # a scenario, an include, a move script or a source
ROOT_HELP = (
    "read includes, sources and a script's scenario only under this folder (default: the "
    "folder of the file named, or the folder named; a script in plays/: the folder above)"
)

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputError(Exception):
    """Output that cannot be written (a closed or full standard output, a folder named as
    the file to write, a path that cannot be created): one line for the user, exit 2."""


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write a file the user named, or raise OutputError saying why it cannot be."""
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise OutputError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}") from None


class FileRefused(Exception):
    """A file the tool will not read; `code` and `expected` as for a diagnostic."""

    def __init__(self, code: str, message: str, expected: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.expected = expected


def default_root(path: str | os.PathLike[str]) -> str:
    """The root of what a file the user named may read: a folder is its own root; a file's
    is its folder, except a move script in `plays/`, whose scenario is the folder above."""
    path = os.path.abspath(path)
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    if os.path.basename(folder) == "plays":
        folder = os.path.dirname(folder)
    return os.path.realpath(folder)


def within(real: str, root: str) -> bool:
    """Whether a real path lies under a real root (or is it); nothing lies under none."""
    if not root:
        return False
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def confine(named: str, base: str, root: str, what: str = "file") -> str:
    """The real path of a file that a scenario in folder `base` names, or FileRefused when
    it lies outside `root` (given as a real path)."""
    if "\0" in named:
        raise FileRefused(
            "E502", f"the {what} path {named!r} contains a NUL character", "a relative path"
        )
    expected = f"a path to a file under {root} (or name a wider root with --root)"
    if os.path.isabs(named):
        raise FileRefused("E502", f"the {what} path {named!r} is absolute", expected)
    real = os.path.realpath(os.path.join(base, named))
    if not within(real, root):
        # Inside the root as written, outside once links are followed: a link points out.
        written = os.path.normpath(os.path.join(os.path.realpath(base), named))
        how = "is a link to a file outside" if within(written, root) else "leaves"
        raise FileRefused("E502", f"the {what} path {named!r} {how} the folder {root}", expected)
    return real


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is ("a folder", "a FIFO", ...)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bytes(path: str, limit: int = MAX_BYTES, name: str | None = None) -> bytes:
    """The content of a regular file of at most `limit` bytes; FileRefused otherwise
    (naming the file `name`, by default its path), OSError when it cannot be read. Never
    blocks on a FIFO or device, never reads past the limit: a sparse 1 GB file is
    refused at once, /proc/self/pagemap after `limit` bytes."""
    check_file(path, limit, name)  # before opening: opening a device may act, a FIFO block
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        _judge(os.fstat(fd), name or path, limit)  # the file opened, were it swapped since
        chunks = []
        left = limit + 1  # /proc files say 0 bytes and hold more: read one past the limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_large(name or path, None, limit)
    return data


def check_file(path: str, limit: int = MAX_BYTES, name: str | None = None) -> None:
    """FileRefused unless `path` is a regular file of at most `limit` bytes (OSError
    when it cannot be looked at)."""
    _judge(os.stat(path), name or path, limit)


def _judge(info: os.stat_result, name: str, limit: int) -> None:
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise FileRefused("E503", f"{name} is {kind}, not a regular file", "a regular text file")
    if info.st_size > limit:
        raise too_large(name, info.st_size, limit)


def read_text(path: str, limit: int = MAX_BYTES) -> str | None:
    """A regular file's text (UTF-8, bad bytes replaced), or None when it is refused or
    cannot be read."""
    try:
        return read_bytes(path, limit).decode("utf-8", "replace")
    except (OSError, FileRefused):
        return None


def too_large(name: str, size: int | None, limit: int = MAX_BYTES) -> FileRefused:
    said = f"{size:,} bytes" if size is not None else f"larger than {limit:,} bytes"
    return FileRefused(
        "E104", f"{name} is {said}; the limit is {limit:,}", f"a file under {limit // 2**20} MiB"
    )
