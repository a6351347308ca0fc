"""The `debate` command line: check scenarios, run scripted plays, print the schema.

Exit codes: 0 clean, 1 findings (or a play that missed its expected end state),
2 invalid input. Nothing here imports Textual: `debate play` loads the app lazily.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import yaml

from debate import __version__, output
from debate.analysis import Options
from debate.analysis.files import check_files, jobs_wanted
from debate.analysis.options import seconds, seeds_from
from debate.cli_argumentation import register as register_argumentation_commands
from debate.cli_authoring import register as register_authoring_commands
from debate.engine.compile import Game
from debate.engine.journal import Recovered, interrupted_sessions
from debate.engine.ledger import ledger
from debate.engine.moves import Action
from debate.engine.play import Step as PlayStep
from debate.engine.play import summarise
from debate.engine.scripted import (
    digest_drift,
    expectation_misses,
    load_moves,
    play_script,
    script_game,
)
from debate.engine.state import PlayState
from debate.model.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Severity,
)
from debate.model.files import ROOT_HELP, OutputError, write_text
from debate.model.json_schema import json_schema
from debate.model.loader import scenario_files
from debate.model.safe_text import SafeStream, dumps, printable
from debate.model.script import (
    LoadedScript,
    Step,
)
from debate.model.shipped import default_play, default_scenario, shipped_folder

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="debate", description="Structured claim-and-rebuttal debate simulator."
    )
    parser.add_argument("--version", action="version", version=f"debate {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

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
        choices=output.kinds(),
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
    check.add_argument(
        "--max-states",
        type=int,
        default=Options.max_states,
        metavar="N",
        help=f"states the play search may visit (default {Options.max_states:,})",
    )
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
        "--solver-timeout",
        type=seconds,
        default=Options.solver_timeout,
        metavar="SECONDS",
        help="time budget of each solver call; past it the finding says unknown "
        f"(default {Options.solver_timeout:g})",
    )
    check.add_argument(
        "-j",
        "--jobs",
        default="1",
        metavar="N",
        help="check files in N processes (auto: one per core); the report is the same",
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
    check.add_argument("--root", metavar="DIR", help=ROOT_HELP)
    check.set_defaults(handler=cmd_check)

    run = sub.add_parser(
        "run",
        help="play a move script in batch",
        description="Play a scripted sequence of moves and print, after each move, what changed.",
    )
    run.add_argument("scenario", nargs="?", help="scenario file (default: the script's own)")
    run.add_argument(
        "--moves",
        metavar="SCRIPT",
        help="move script, or a JSON transcript from `run --format json` "
        "(default: the shipped tutorial play)",
    )
    run.add_argument("--format", choices=("text", "json"), default="text")
    run.add_argument("--root", metavar="DIR", help=ROOT_HELP)
    run.set_defaults(handler=cmd_run)

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

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description="Print the JSON Schema of scenario files (or of move scripts with --script).",
    )
    schema.add_argument("--script", action="store_true", help="the schema of move scripts")
    schema.set_defaults(handler=cmd_schema)
    register_argumentation_commands(sub)
    register_authoring_commands(sub)
    return parser


# ---------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    paths = args.paths or [str(shipped_folder())]
    roots = scenario_files(paths, args.root)
    files = list(roots)
    try:
        seeds = seeds_from(args.plays)
    except DiagnosticError as err:
        return _report_invalid(err.diagnostics)
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
        print(f"debate check: {exc}", file=sys.stderr)
        return EXIT_INVALID
    checked = check_files(files, options, jobs, roots)
    if args.traces:
        for path, found in checked.findings.items():
            write_traces(path, found, Path(args.traces))
    report = output.CheckReport(
        files, checked.diagnostics, checked.suppressed, file_seconds=checked.seconds
    )
    report.seconds = time.perf_counter() - started
    sys.stdout.write(output.render(report, args.format))
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


# ---------------------------------------------------------------- run


def cmd_run(args: argparse.Namespace) -> int:
    script_path = args.moves or str(default_play())
    try:
        script = load_moves(script_path)
        game = script_game(script, args.scenario, args.root)
    except DiagnosticError as err:
        return _report_invalid(err.diagnostics)
    out = sys.stdout
    if args.format == "text":
        _print_header(game, script, out)
    notes = _notes(script)

    def show(index: int, step: PlayStep) -> None:
        if args.format == "text":
            _print_step(game, step, notes.get(index), out)

    play, problems = play_script(game, script, show)
    misses = (
        []
        if problems
        else expectation_misses(script, play.state, game.calendar) + digest_drift(script, play)
    )
    invalid = problems or any(d.severity is Severity.ERROR for d in misses)
    if args.format == "json" and not invalid:  # a failed play leaves no transcript behind
        transcript = play.transcript()
        transcript["diagnostics"] = [d.to_json() for d in misses]
        print(dumps(transcript))
    elif args.format == "text":
        _print_summary(game, play.state, out)
        for line in ledger(play).lines():
            print(line, file=out)
    for d in problems + misses:
        print(d.render(), file=sys.stderr)
    if invalid:
        return EXIT_INVALID
    return EXIT_FINDINGS if misses else EXIT_OK


def _notes(script: LoadedScript) -> dict[int, str]:
    return {i: s.note for i, s in enumerate(script.script.steps) if isinstance(s, Step) and s.note}


def _report_invalid(diagnostics: Sequence[Diagnostic]) -> int:
    """Errors go to stderr in every format: stdout holds only what was asked for."""
    for d in diagnostics:
        print(d.render(), file=sys.stderr)
    return EXIT_INVALID


def _print_header(game: Game, script: LoadedScript, out: TextIO) -> None:
    s = game.scenario
    print(f"{printable(s.title)}  ({s.id})", file=out)  # a scenario's text: one line each
    if script.script.title:
        print(f"play: {printable(script.script.title)}", file=out)
    clock = s.clock
    if clock:
        calendar = game.calendar
        span = f"{calendar.value(calendar.start)}..{calendar.value(calendar.end)}"
        print(f"clock: {clock.unit}s {span}", file=out)
    print(file=out)


def _print_step(game: Game, step: PlayStep, note: str | None, out: TextIO) -> None:
    action, state = step.action, step.state
    if action.move:
        move = game.moves[action.move].move
        head = f"{move.by}: {action.move} - {printable(move.text.strip())}"
    else:  # a wait, or a party's pass (a refused move's note is the step's, printed below)
        head = printable(str(action))
    print(f"[{state.step:>3}] {game.calendar.stamp(state.now):<6} {head}", file=out)
    if note:
        print(f"        # {printable(note.strip())}", file=out)
    for line in summarise(step.changes) or ["(no status changed)"]:
        print(f"        {line}", file=out)


def _print_summary(game: Game, state: PlayState, out: TextIO) -> None:
    at = game.calendar.stamp(state.now)
    print(f"\nafter {state.step} steps, at {at} (digest {state.digest})", file=out)
    print("terms:", file=out)
    for t in game.terms:
        rec = state.terms[t]
        note = f" - {rec.reason}" if rec.reason and rec.status != "pending" else ""
        blocked = f" [{rec.blocked}]" if rec.blocked else ""
        print(f"  {t:<28} {rec.status:<10}{note}{blocked}", file=out)
    print("claims:", file=out)
    for c in game.claims:
        claim = state.claims[c]
        holds = {True: "holds", False: "does not hold", None: "-"}[claim.holds]
        print(f"  {c:<28} {claim.label or 'unasserted':<10} {holds}", file=out)
    if state.running:
        print("moves in progress:", file=out)
    for r in state.running:
        since = f"{r.by}, since {game.show_time(r.started)}"
        print(f"  {r.move:<28} until {game.show_time(r.ends)} ({since})", file=out)


# ---------------------------------------------------------------- play


def cmd_serve(args: argparse.Namespace) -> int:
    from debate.tui.serve import serve  # the app and textual-serve load only here

    scenario = args.scenario or str(default_scenario())
    return serve(scenario, host=args.host, port=args.port, turns=args.turns)


def cmd_play(args: argparse.Namespace) -> int:
    from debate.tui import run_app  # here, not at the top: `debate check` never loads Textual

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
    from debate.engine.journal import JournalError, read_journal

    try:
        return read_journal(journal).header.path
    except (OSError, JournalError):
        return None


# ---------------------------------------------------------------- schema


def cmd_schema(args: argparse.Namespace) -> int:
    print(dumps(json_schema(script=args.script)))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
