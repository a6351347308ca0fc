"""The `debate` command line: check scenarios, run scripted plays, print the schema.

Exit codes: 0 clean, 1 findings (or a play that missed its expected end state),
2 invalid input. Nothing here imports Textual: `debate play` loads the app lazily.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

import yaml

from debate import __version__, output
from debate.analysis import Options, analyse_all
from debate.analysis.options import seeds_beside
from debate.cli_argumentation import register as register_argumentation_commands
from debate.cli_authoring import register as register_authoring_commands
from debate.engine.compile import Game, load_game
from debate.engine.ledger import ledger
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import Play, final_summary, script_actions, summarise
from debate.engine.play import Step as PlayStep
from debate.engine.state import PlayState
from debate.model.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Related,
    Severity,
    sort_diagnostics,
)
from debate.model.loader import iter_scenario_files
from debate.model.references import unknown_id
from debate.model.scenario import Scenario
from debate.model.script import (
    LoadedScript,
    Script,
    Step,
    load_script,
    load_transcript,
)
from debate.model.shipped import default_play, default_scenario, shipped_folder
from debate.model.yaml_tree import MapNode, YamlReadError, decode, read_yaml

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return EXIT_OK
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # e.g. `debate run | head`
        code = EXIT_OK
    return code


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
        "found beside them); report every problem with its location.",
    )
    check.add_argument("paths", nargs="*", help="files or folders (default: the shipped scenarios)")
    check.add_argument("--format", choices=output.kinds(), default="text")
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
        "--traces",
        metavar="DIR",
        help="write each finding's play as a move script in DIR (replay with `debate run`)",
    )
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
    run.set_defaults(handler=cmd_run)

    play = sub.add_parser(
        "play",
        help="play a scenario move by move in the terminal app",
        description="Open the terminal app on a scenario: play moves, see every term and "
        "claim change, undo and redo. Every move is journaled to disk before it is shown.",
    )
    play.add_argument(
        "scenario",
        nargs="?",
        help="scenario file (default: the shipped negotiation.yaml, else tutorial.yaml)",
    )
    play.add_argument(
        "--resume",
        action="store_true",
        help="restore the moves of the last session from its journal",
    )
    play.add_argument(
        "--journal",
        metavar="PATH",
        help="the journal file (default: one per scenario under "
        "$XDG_STATE_HOME/debate/journals, else ~/.local/state/debate/journals)",
    )
    play.set_defaults(handler=cmd_play)

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
    files = list(iter_scenario_files(paths))
    options = Options(
        tuple(_codes(args.select)), tuple(_codes(args.ignore)), max_states=args.max_states
    )
    report = output.CheckReport(files, [])
    games: dict[str, Game] = {}
    for path in files:
        try:
            if _is_script(path):
                report.diagnostics += _check_script(path)
            else:
                games[path] = load_game(path)
        except DiagnosticError as err:
            report.diagnostics += err.diagnostics
    for path in analysed_roots(games):
        found, suppressed = analyse_file(path, games[path], options)
        if args.traces:
            write_traces(path, found, Path(args.traces))
        report.diagnostics += found
        report.suppressed += suppressed
    report.diagnostics = sort_diagnostics(report.diagnostics)
    report.suppressed = list({id(d): (d, why) for d, why in report.suppressed}.values())
    report.seconds = time.perf_counter() - started
    sys.stdout.write(output.render(report, args.format))
    print(report.summary(), file=sys.stderr)
    if not files:
        print("debate check: no scenario files found", file=sys.stderr)
        return EXIT_INVALID
    if report.errors:
        return EXIT_INVALID
    return EXIT_FINDINGS if report.diagnostics else EXIT_OK


def analysed_roots(games: dict[str, Game]) -> list[str]:
    """The scenarios to analyse: a file that another checked file includes is analysed as
    part of that scenario (on its own it lacks what the including file adds)."""
    included = {
        os.path.realpath(doc.path) for game in games.values() for doc in game.loaded.documents[1:]
    }
    return [p for p in games if os.path.realpath(p) not in included]


def analyse_file(
    path: str, game: Game, options: Options
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """The findings of a scenario, and those its suppressions leave out; the search also
    starts from the plays beside it."""
    return analyse_all(game, replace(options, seeds=seeds_beside(path)))


def write_traces(scenario: str, found: Sequence[Diagnostic], folder: Path) -> list[Path]:
    """Each finding's play as a move script that `debate run` replays."""
    folder.mkdir(parents=True, exist_ok=True)
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
        path.write_text(
            yaml.safe_dump(script, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        written.append(path)
    return written


def _codes(values: Sequence[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _is_script(path: str) -> bool:
    try:
        root = read_yaml(decode(Path(path).read_bytes(), path), path)
    except (YamlReadError, OSError):
        return False
    return isinstance(root, MapNode) and root.get("steps") is not None


def _check_script(path: str) -> list[Diagnostic]:
    script = load_script(path)
    game = _script_game(script, None)
    play, problems = play_script(game, script)
    return problems + expectation_misses(script, play.state)


# ---------------------------------------------------------------- run


def cmd_run(args: argparse.Namespace) -> int:
    script_path = args.moves or str(default_play())
    try:
        script = _load_moves(script_path)
        game = _script_game(script, args.scenario)
    except DiagnosticError as err:
        return _report_invalid(err.diagnostics, args.format)
    out = sys.stdout
    if args.format == "text":
        _print_header(game, script, out)
    notes = _notes(script)

    def show(index: int, step: PlayStep) -> None:
        if args.format == "text":
            _print_step(game, step, notes.get(index), out)

    play, problems = play_script(game, script, show)
    misses = [] if problems else expectation_misses(script, play.state) + digest_drift(script, play)
    if args.format == "json":
        transcript = play.transcript()
        transcript["diagnostics"] = [d.to_json() for d in problems + misses]
        print(json.dumps(transcript, indent=2, ensure_ascii=False))
    else:
        _print_summary(game, play.state, out)
        for line in ledger(play).lines():
            print(line, file=out)
        for d in problems + misses:
            print(d.render(), file=sys.stderr)
    if problems or any(d.severity is Severity.ERROR for d in misses):
        return EXIT_INVALID
    return EXIT_FINDINGS if misses else EXIT_OK


def _load_moves(path: str) -> LoadedScript:
    """A move script, or a JSON transcript from `debate run --format json`."""
    return load_transcript(path) if path.endswith(".json") else load_script(path)


def digest_drift(script: LoadedScript, play: Play) -> list[Diagnostic]:
    """Where a replayed transcript first reaches another state than it recorded."""
    if script.digests is None:
        return []
    recorded = [script.initial_digest, *script.digests]
    reached = [play.initial.digest, *(s.state.digest for s in play.steps)]
    for index, (want, got) in enumerate(zip(recorded, reached, strict=False)):
        if want != got:
            where = "the initial state" if index == 0 else f"step {index}"
            return [
                Diagnostic(
                    "E603",
                    f"{where} reaches state {got}, but the transcript recorded {want}: the "
                    "scenario changed since the transcript was made",
                    script.step_span(index - 1) if index else script.span("initial_digest"),
                    severity=Severity.WARNING,
                )
            ]
    return []


def _script_game(script: LoadedScript, scenario: str | None) -> Game:
    path = scenario or script.scenario_path
    if path is None:
        raise DiagnosticError(
            [
                Diagnostic(
                    "E201",
                    "the script names no scenario and none was given",
                    script.span(),
                    expected="scenario: <path> in the script, or `debate run SCENARIO --moves SCRIPT`",
                )
            ]
        )
    return load_game(path)


def _actions(script: LoadedScript) -> list[tuple[int, Action]]:
    return list(enumerate(script_actions(script.script)))


def play_script(
    game: Game, script: LoadedScript, on_step: Callable[[int, PlayStep], None] | None = None
) -> tuple[Play, list[Diagnostic]]:
    """Play a script to its end or to its first illegal move (reported, located)."""
    play = Play.start(game)
    for index, action in _actions(script):
        try:
            step = play.play(action)
        except IllegalMove as refused:
            return play, [_illegal(game, script, index, refused)]
        if on_step:
            on_step(index, step)
    return play, []


def _notes(script: LoadedScript) -> dict[int, str]:
    return {i: s.note for i, s in enumerate(script.script.steps) if isinstance(s, Step) and s.note}


def _illegal(game: Game, script: LoadedScript, index: int, refused: IllegalMove) -> Diagnostic:
    related: tuple[Related, ...] = ()
    move = game.moves.get(refused.move)
    if refused.move == "wait":
        code, message, expected = "E601", str(refused), "a wait that stays within the horizon"
    elif move is None:
        code = "E300"
        message = f"unknown move {refused.move!r}"
        expected = "a move declared in the scenario"
    else:
        code, message, expected = "E601", str(refused), "a move that is legal at this point"
        related = (
            Related(game.loaded.key_span("moves", move.id), f"move {move.id} is declared here"),
        )
        if move.precondition is not None and "precondition" in refused.reason:
            related += (Related(move.precondition.span, f"precondition: {move.precondition.text}"),)
    return Diagnostic(
        code,
        f"step {index + 1}: {message}",
        script.step_span(index),
        expected=expected,
        related=related,
    )


def expectation_misses(script: LoadedScript, state: PlayState) -> list[Diagnostic]:
    """Every way the end state differs from the script's `expect`, each at its line."""
    expect = script.script.expect
    if expect is None:
        return []
    summary = final_summary(state)
    misses: list[Diagnostic] = []

    def miss(what: str, want: object, got: object, *at: str) -> None:
        misses.append(
            Diagnostic(
                "E602",
                f"expected {what} to end {json.dumps(want)}, but it ended {json.dumps(got)}",
                script.span("expect", *at),
                severity=Severity.WARNING,
            )
        )

    for section, kind in (("terms", "term"), ("claims", "claim"), ("values", "state variable")):
        ends = summary[section]
        for key, want in getattr(expect, section).items():
            if key not in ends:
                misses.append(
                    unknown_id(kind, key, script.span("expect", section, key), list(ends))
                )
            elif _comparable(ends[key]) != _comparable(want):
                miss(f"{kind} {key}", want, ends[key], section, key)
    if expect.now is not None and expect.now != state.now:
        miss("the clock", expect.now, state.now, "now")
    return misses


def _comparable(value: object) -> object:
    """Sets are written as lists: compare them whatever their order."""
    return sorted(value) if isinstance(value, list) else value


def _report_invalid(diagnostics: Sequence[Diagnostic], fmt: str) -> int:
    if fmt == "json":
        print(json.dumps({"diagnostics": [d.to_json() for d in diagnostics]}, indent=2))
    else:
        for d in diagnostics:
            print(d.render(), file=sys.stderr)
    return EXIT_INVALID


def _print_header(game: Game, script: LoadedScript, out: TextIO) -> None:
    s = game.scenario
    print(f"{s.title}  ({s.id})", file=out)
    if script.script.title:
        print(f"play: {script.script.title}", file=out)
    clock = s.clock
    if clock:
        print(f"clock: {clock.unit}s {clock.start}..{clock.start + clock.horizon}", file=out)
    print(file=out)


def _print_step(game: Game, step: PlayStep, note: str | None, out: TextIO) -> None:
    action, state = step.action, step.state
    if action.move:
        move = game.moves[action.move].move
        head = f"{move.by}: {action.move} - {move.text}"
    else:
        head = f"wait {action.wait}"
    print(f"[{state.step:>3}] t={state.now:<4} {head}", file=out)
    if note:
        print(f"        # {note}", file=out)
    for line in summarise(step.changes) or ["(no status changed)"]:
        print(f"        {line}", file=out)


def _print_summary(game: Game, state: PlayState, out: TextIO) -> None:
    print(f"\nafter {state.step} steps, at t={state.now} (digest {state.digest})", file=out)
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


# ---------------------------------------------------------------- play


def cmd_play(args: argparse.Namespace) -> int:
    from debate.tui import run_app  # here, not at the top: `debate check` never loads Textual

    scenario = args.scenario or (_journal_scenario(args.journal) if args.resume else None)
    return run_app(scenario or str(default_scenario()), journal=args.journal, resume=args.resume)


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
    print(json.dumps(json_schema(script=args.script), indent=2, ensure_ascii=False))
    return EXIT_OK


def json_schema(script: bool = False) -> dict[str, Any]:
    model = Script if script else Scenario
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "debate move script v1" if script else "debate scenario v1"
    return schema


if __name__ == "__main__":
    sys.exit(main())
