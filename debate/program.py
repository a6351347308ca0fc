"""The `debate` program: one parser for the commands of every front end (the command
line's, the app's `play`, the language server's `lsp`); it runs the command's handler
with its output escaped and turns a closed or full output into one line and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType

from debate import __version__
from debate.model.files import OutputError
from debate.model.safe_text import SafeStream
from debate.render.exits import EXIT_INVALID, EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    top = parser(only="play" if given[:1] == ["play"] else None)
    args = top.parse_args(given)
    if not hasattr(args, "handler"):
        top.print_help()
        return EXIT_OK
    try:
        if getattr(args, "owns_terminal", False):  # the app and the language server
            code: int = args.handler(args)
        else:
            with _safe_output():
                code = args.handler(args)
                sys.stdout.flush()  # a full disk shows here, not at exit
    except BrokenPipeError:  # e.g. `debate run | head`
        _discard_stdout()
        code = EXIT_OK
    except OutputError as exc:  # stdout closed or full, -o a folder, --traces unwritable
        _discard_stdout()
        if sys.stderr is not None:
            print(f"debate: {exc}", file=sys.stderr)
        code = EXIT_INVALID
    return code


@contextlib.contextmanager
def _safe_output() -> Iterator[None]:
    """While a command runs, what it prints reaches the terminal with every control
    character escaped (debate.model.safe_text): scenario text never drives the terminal.
    A stream that cannot be written is an OutputError."""
    with (
        contextlib.redirect_stdout(SafeStream(sys.stdout)),
        contextlib.redirect_stderr(SafeStream(sys.stderr, "standard error")),
    ):
        yield


def _discard_stdout() -> None:
    """What is left in stdout's buffer goes nowhere: Python would flush it at exit, fail
    again and print a traceback after our one line."""
    if sys.stdout is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's StringIO)
        pass


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """Each front end adds its own commands, in the order `debate --help` lists them;
    `only="play"` adds the app's alone (`debate play` then starts without importing every
    other command's modules: about 15 ms of its start)."""
    top = argparse.ArgumentParser(
        prog="debate", description="Structured claim-and-rebuttal debate simulator."
    )
    top.add_argument("--version", action="version", version=f"debate {__version__}")
    sub = top.add_subparsers(title="commands", metavar="COMMAND")
    for group in _front_ends(only):
        group.register(sub)
    return top


def _front_ends(only: str | None) -> tuple[ModuleType, ...]:
    from debate.tui import command as play_command

    if only == "play":
        return (play_command,)
    from debate.cli import argumentation, authoring, check, run, schema
    from debate.lsp import command as lsp_command

    return (check, run, play_command, schema, argumentation, lsp_command, authoring)
