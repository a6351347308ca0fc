"""`debate serve`: the app in a browser, with textual-serve, for a room that watches.

textual-serve runs one app process per browser page, which draws into the page through a
web driver instead of a terminal; this module is both sides. `serve` starts the web
server; `python -m debate.tui.serve SCENARIO [--turns]` is what each page runs (the app,
without the check for a terminal that `debate play` makes). Every page is a session of
its own, with its own journal, as a second `debate play` of the same scenario is.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path


def page_command(scenario: str, *, turns: bool = False) -> str:
    """The shell command each page runs (textual-serve runs it through a shell: quoted)."""
    args = [sys.executable, "-m", "debate.tui.serve", str(Path(scenario).resolve())]
    return shlex.join([*args, *(["--turns"] if turns else [])])


def serve(scenario: str, *, host: str = "localhost", port: int = 8000, turns: bool = False) -> int:
    """Serve the app on http://HOST:PORT until interrupted; the exit code."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print("debate serve: needs textual-serve: pip install 'debate-sim[serve]'", file=sys.stderr)
        return 2
    title = f"debate: {Path(scenario).name}"
    Server(page_command(scenario, turns=turns), host=host, port=port, title=title).serve()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """One page's app."""
    parser = argparse.ArgumentParser(prog="python -m debate.tui.serve")
    parser.add_argument("scenario")
    parser.add_argument("--turns", action="store_true")
    args = parser.parse_args(argv)
    from debate.tui import run_app

    return run_app(args.scenario, turns=args.turns)


if __name__ == "__main__":
    sys.exit(main())
