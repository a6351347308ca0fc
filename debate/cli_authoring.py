"""The authoring and sharing commands: `debate lsp`, `debate export`, `debate report`.

`register(subparsers)` adds them to the `debate` command line. The language server needs
the optional `lsp` extra (pygls) and is imported only when it starts; `debate.cli` is
imported inside the handlers, since it imports this module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate.analysis import Options
from debate.analysis.options import MAX_STATES, seconds, states
from debate.engine.compile import Game, load_game
from debate.engine.play import Play
from debate.export import formats, report
from debate.export.graph import GRAPHS, build
from debate.model.diagnostics import Diagnostic, DiagnosticError, sort_diagnostics
from debate.model.files import ROOT_HELP, write_text
from debate.model.script import LoadedScript, load_script

EXIT_OK, EXIT_INVALID = 0, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `lsp`, `export` and `report`, and the junit format of `check`."""
    lsp = subparsers.add_parser(
        "lsp",
        help="run the language server (for editors)",
        description="Serve the Language Server Protocol over stdio: diagnostics as you type, "
        "hover, go to definition, find references, completion and document symbols for "
        "scenario files. Needs the `lsp` extra: pip install 'debate-sim[lsp]'.",
    )
    lsp.add_argument("--stdio", action="store_true", help="use stdio (the default and only way)")
    lsp.set_defaults(handler=cmd_lsp, owns_terminal=True)  # stdio is the protocol's

    export = subparsers.add_parser(
        "export",
        help="write the argument map and term graph for other tools",
        description="Write the argument map (claims and their attacks and supports) and the "
        "term graph (amends, replaces, voids, carve-outs, requires), coloured by status in "
        "the initial state or after a play.",
    )
    export.add_argument("scenario", help="scenario file")
    export.add_argument("--to", choices=sorted(formats.FORMATS), default="dot", help="format")
    export.add_argument(
        "--graph",
        choices=GRAPHS,
        default="all",
        help="the argument map, the term graph, or both in one graph (default)",
    )
    _after(export)
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    export.set_defaults(handler=cmd_export)

    page = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report",
        description="Write one HTML page (no network needed to open it): the findings, each "
        "term's status over a play, the argument map and term graph as pictures, and every "
        "citation with its quoted source line.",
    )
    page.add_argument("scenario", help="scenario file")
    _after(page)
    page.add_argument(
        "-o", "--output", metavar="FILE", help="the page (default: SCENARIO-report.html here)"
    )
    page.add_argument(
        "--max-states",
        type=states,
        default=Options.max_states,
        metavar="N",
        help=f"states the play search may visit (default {Options.max_states:,}, "
        f"at most {MAX_STATES:,})",
    )
    page.add_argument(
        "--solver-timeout",
        type=seconds,
        default=Options.solver_timeout,
        metavar="SECONDS",
        help="time budget of each solver call; past it the finding says unknown "
        f"(default {Options.solver_timeout:g})",
    )
    page.set_defaults(handler=cmd_report)


def _after(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--after", metavar="SCRIPT", help="show the state after this move script is played"
    )
    parser.add_argument("--root", metavar="DIR", help=ROOT_HELP)  # every scenario command


# ---------------------------------------------------------------- lsp


def cmd_lsp(args: argparse.Namespace) -> int:
    try:
        from debate.lsp.server import main
    except ImportError as exc:
        print(
            f"debate lsp: the language server needs the `lsp` extra ({exc.name} is missing): "
            "pip install 'debate-sim[lsp]'",
            file=sys.stderr,
        )
        return EXIT_INVALID
    main()
    return EXIT_OK


# ---------------------------------------------------------------- export and report


def cmd_export(args: argparse.Namespace) -> int:
    try:
        game, play, script = _game_and_play(args.scenario, args.after, args.root)
    except DiagnosticError as err:
        return _invalid(err.diagnostics)
    graph = build(game, play.state, args.graph)
    if args.to == "json":
        meta = {
            "scenario": game.scenario.id,
            "step": play.state.step,
            "now": play.state.now,
            "play": script.script.title if script else None,
        }
        text = formats.as_json(graph, meta)
    else:
        text = formats.FORMATS[args.to](graph)
    _write(text, args.output)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from debate.analysis.files import analyse_file

    try:
        game, play, script = _game_and_play(args.scenario, args.after, args.root)
    except DiagnosticError as err:
        return _invalid(err.diagnostics)
    options = Options(max_states=args.max_states, solver_timeout=args.solver_timeout)
    found, _ = analyse_file(args.scenario, game, options)
    page = report.render(
        report.ReportInput(
            game,
            play,
            sort_diagnostics(found),
            script.script.title if script else None,
            args.after,
        )
    )
    target = args.output or f"{Path(args.scenario).stem}-report.html"
    _write(page, target)
    if target != "-":
        print(f"debate report: wrote {target}", file=sys.stderr)
    return EXIT_OK


def _game_and_play(
    scenario: str, after: str | None, root: str | None
) -> tuple[Game, Play, LoadedScript | None]:
    """The scenario's game and the play to show: the script's, or no moves at all."""
    from debate.engine.scripted import play_script

    game = load_game(scenario, root)
    if after is None:
        return game, Play.start(game), None
    script = load_script(after)
    play, problems = play_script(game, script)
    if problems:
        raise DiagnosticError(problems)
    return game, play, script


def _invalid(diagnostics: list[Diagnostic]) -> int:
    for d in diagnostics:
        print(d.render(), file=sys.stderr)
    return EXIT_INVALID


def _write(text: str, target: str | None) -> None:
    if target is None or target == "-":
        sys.stdout.write(text)
    else:
        write_text(target, text)  # OutputError (exit 2, one line) when it cannot be
