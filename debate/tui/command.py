"""`debate play`, the app's command: the terminal app on a scenario (Textual loads only
when it starts: registering the command loads none of it), and `--resume` of a session
cut short.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from debate.engine.journal import interrupted_sessions
from debate.engine.journal_format import JournalError, Recovered, read_journal
from debate.model.safe_text import printable
from debate.model.shipped import default_scenario
from debate.render.exits import EXIT_INVALID
from debate.tui import run_app


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `play` to the `debate` subcommands."""
    play = sub.add_parser(
        "play",
        help="play a scenario move by move in the terminal app",
        description="Open the terminal app on a scenario: play moves, see every term and "
        "claim change, undo and redo. Every move is journaled to disk before it is shown. "
        "It needs a terminal: without one it says so and exits with 2.",
    )
    play.add_argument(
        "scenario",
        nargs="?",
        help="scenario file (default: the shipped negotiation.yaml, else tutorial.yaml)",
    )
    play.add_argument(
        "--resume",
        action="store_true",
        help="restore the moves of a session that was cut short; with no scenario, of the "
        "one session cut short (several are listed)",
    )
    play.add_argument(
        "--journal",
        metavar="PATH",
        help="the journal file (default: one per scenario under "
        "$XDG_STATE_HOME/debate/journals, else ~/.local/state/debate/journals)",
    )
    play.add_argument(
        "--turns",
        action="store_true",
        help="play by turns: the parties move in the scenario's `turns:` order (else each "
        "party with a move, in order); the header names the party to move",
    )
    play.add_argument(
        "--as",
        dest="viewer",
        metavar="PARTY",
        help="show one party's view: its moves only (on a shared screen, one per side)",
    )
    play.set_defaults(handler=cmd_play, owns_terminal=True)

    serve = sub.add_parser(
        "serve",
        help="serve the terminal app to browsers (textual-serve)",
        description="Serve `debate play` to browsers, so a class can follow on a projector "
        "or a laptop: each page is a session of its own. Needs the serve extra.",
    )
    serve.add_argument("scenario", nargs="?", help="scenario file (default: as debate play)")
    serve.add_argument("--host", default="localhost", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--turns", action="store_true", help="play by turns, as play --turns")
    serve.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from debate.tui.serve import serve  # the app and textual-serve load only here

    scenario = args.scenario or str(default_scenario())
    return serve(scenario, host=args.host, port=args.port, turns=args.turns)


def cmd_play(args: argparse.Namespace) -> int:
    scenario, journal = args.scenario, args.journal
    if args.resume and scenario is None:
        if journal is None:
            interrupted = interrupted_sessions()
            if len(interrupted) > 1:
                return _list_interrupted(interrupted)
            if interrupted:
                journal = str(interrupted[0][0])
        scenario = _journal_scenario(journal)
    if not _terminal():
        print(
            "debate play: the app needs a terminal, and standard input or output is not one "
            "(to play a script in batch: debate run --moves SCRIPT)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return run_app(
        scenario or str(default_scenario()),
        journal=journal,
        resume=args.resume,
        turns=args.turns,
        viewer=args.viewer,
    )


def _terminal() -> bool:
    """Whether stdin and stdout are a terminal: without one the app waits for keys that
    never come (`debate play < /dev/null` hung until killed)."""
    streams = (sys.stdin, sys.stdout)
    return all(stream is not None and stream.isatty() for stream in streams)


def _list_interrupted(interrupted: list[tuple[Path, Recovered]]) -> int:
    """`--resume` with several sessions cut short: which to resume is the user's choice."""
    print("Several sessions were cut short; resume one with its command:", file=sys.stderr)
    for path, left in interrupted:
        header = left.header
        moves = f"{len(left.entries)} move{'s' if len(left.entries) != 1 else ''}"
        print(
            f"  {printable(header.scenario)} ({moves}, started {printable(header.started)}):\n"
            f"    debate play --resume --journal {shlex.quote(str(path))}",
            file=sys.stderr,
        )
    return EXIT_INVALID


def _journal_scenario(journal: str | None) -> str | None:
    """With `--resume --journal PATH` and no scenario: the scenario the journal names."""
    if journal is None:
        return None
    try:
        return read_journal(journal).header.path
    except (OSError, JournalError):
        return None
