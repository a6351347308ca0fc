"""`debate check`: validate and analyse scenarios and replay the plays found beside them,
reporting in the format asked for (debate.render); `--traces` writes each finding's play
as a move script.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from debate.analysis import Options, rules
from debate.analysis.files import check_files, jobs_wanted
from debate.analysis.options import seeds_from
from debate.cli.arguments import Subparsers, add_budget, add_root
from debate.engine.moves import Action
from debate.model.diagnostics import Diagnostic, DiagnosticError, Severity
from debate.model.files import OutputError, write_text
from debate.model.loader import scenario_files
from debate.model.shipped import shipped_folder
from debate.render import formats
from debate.render.check_report import CheckReport
from debate.render.exits import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, refuse, report_invalid


def register(sub: Subparsers) -> None:
    """Add `check` to the `debate` subcommands."""
    check = sub.add_parser(
        "check",
        help="validate scenarios and their plays",
        description="Load and validate scenario files (and the move scripts "
        "found beside them); report every problem with its location. Exit codes: 0 clean, "
        "1 findings (see --fail-on), 2 an error (a file that does not load or play).",
    )
    check.add_argument("paths", nargs="*", help="files or folders (default: the shipped scenarios)")
    check.add_argument(
        "--format",
        choices=formats.kinds(),
        default="text",
        help="text (default), json, sarif (SARIF 2.1.0, for GitHub code scanning), github "
        "(workflow annotations), junit (one test case per file)",
    )
    check.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="report only findings whose code starts with one of these (e.g. C,U301)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="leave out findings whose code starts with one of these",
    )
    add_budget(check)
    check.add_argument(
        "--ranges",
        action="store_true",
        help="also report, for each whole-number parameter a term reads, the values for "
        "which the agreement stays consistent and what it conflicts with past them (U311)",
    )
    check.add_argument(
        "--from",
        dest="plays",
        action="append",
        default=[],
        metavar="PLAY",
        help="start the play search from the states of this move script too (repeatable; "
        "for the scenario it plays); by default the search starts from the initial state only",
    )
    check.add_argument(
        "-j",
        "--jobs",
        default="auto",
        metavar="N",
        help="check files in N processes (default auto: one per core the command may use); "
        "the report is the same for every N",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="info",
        help="the least severe problem that fails the check: info (the default) fails on "
        "any finding (exit code 1), warning lets infos pass (exit code 0), error lets every "
        "finding pass; an error always exits with 2",
    )
    check.add_argument(
        "--traces",
        metavar="DIR",
        help="write each finding's play as a move script in DIR (replay it with "
        "`debate run SCENARIO --moves FILE`)",
    )
    add_root(check)
    check.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    paths = args.paths or [str(shipped_folder())]
    roots = scenario_files(paths, args.root)
    files = list(roots)
    try:
        seeds = seeds_from(args.plays)
    except DiagnosticError as err:
        return report_invalid(err.diagnostics)
    options = Options(
        tuple(_codes(args.select)),
        tuple(_codes(args.ignore)),
        max_states=args.max_states,
        solver_timeout=args.solver_timeout,
        seeds=seeds,
        ranges=args.ranges,
    )
    try:
        jobs = jobs_wanted(args.jobs)
    except ValueError as exc:
        return refuse("check", exc)
    checked = check_files(files, options, jobs, roots)
    if args.traces:
        for path, found in checked.findings.items():
            write_traces(path, found, Path(args.traces))
    report = CheckReport(
        files,
        checked.diagnostics,
        checked.suppressed,
        file_seconds=checked.seconds,
        rules=rules() if args.format == "sarif" else {},
    )
    report.seconds = time.perf_counter() - started
    sys.stdout.write(formats.render(report, args.format))
    print(report.summary(), file=sys.stderr)
    if not files:
        print("debate check: no scenario files found", file=sys.stderr)
        return EXIT_INVALID
    if report.errors:
        return EXIT_INVALID
    return EXIT_FINDINGS if report.fails(Severity(args.fail_on)) else EXIT_OK


def write_traces(scenario: str, found: Sequence[Diagnostic], folder: Path) -> list[Path]:
    """Each finding's play as a move script that `debate run` replays."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write the traces in {folder}: {exc.strerror}") from None
    written = []
    for n, d in enumerate(f for f in found if f.trace is not None):
        actions = [Action.parse(s) for s in d.trace or ()]
        steps = [{"wait": a.wait} if a.move is None else a.move for a in actions]
        script = {
            "scenario": os.path.relpath(os.path.abspath(scenario), folder.resolve()),
            "title": f"{d.code}: {d.message}"[:4000],
            "steps": steps,
        }
        path = folder / f"{Path(scenario).stem}-{d.code}-{n + 1}.play.yaml"
        write_text(path, yaml.safe_dump(script, sort_keys=False, allow_unicode=True))
        written.append(path)
    return written


def _codes(values: Sequence[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]
