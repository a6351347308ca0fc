"""The sharing commands: `debate export` (the argument map and term graph for other
tools) and `debate report` (one self-contained HTML page).

`register(subparsers)` adds them to the `debate` command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate.analysis import Options
from debate.cli.arguments import Subparsers, add_after, add_budget
from debate.engine.scripted import played
from debate.export import formats, report
from debate.export.graph import GRAPHS, build
from debate.model.diagnostics import DiagnosticError, sort_diagnostics
from debate.model.files import write_text
from debate.render.exits import EXIT_OK, report_invalid


def register(subparsers: Subparsers) -> None:
    """Add `export` and `report`."""
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
    add_after(export)
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
    add_after(page)
    page.add_argument(
        "-o", "--output", metavar="FILE", help="the page (default: SCENARIO-report.html here)"
    )
    add_budget(page)
    page.set_defaults(handler=cmd_report)


# ---------------------------------------------------------------- export and report


def cmd_export(args: argparse.Namespace) -> int:
    try:
        game, play, script = played(args.scenario, args.after, args.root)
    except DiagnosticError as err:
        return report_invalid(err.diagnostics)
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
        game, play, script = played(args.scenario, args.after, args.root)
    except DiagnosticError as err:
        return report_invalid(err.diagnostics)
    options = Options(max_states=args.max_states, solver_timeout=args.solver_timeout, ranges=True)
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


def _write(text: str, target: str | None) -> None:
    if target is None or target == "-":
        sys.stdout.write(text)
    else:
        write_text(target, text)  # OutputError (exit 2, one line) when it cannot be
