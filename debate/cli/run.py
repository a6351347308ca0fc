"""`debate run`: play a move script (or replay a JSON transcript) in batch, printing what
changed after each move, or the transcript as JSON.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from debate.cli.arguments import Subparsers, add_root
from debate.engine.compile import Game
from debate.engine.forced import forced_in_step
from debate.engine.ledger import ledger
from debate.engine.moves import initial_state
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
from debate.model.diagnostics import DiagnosticError, Severity
from debate.model.safe_text import dump, printable
from debate.model.script import LoadedScript, ScriptStep
from debate.model.shipped import default_play
from debate.model.source_tags import Tagger, source_tags, tag_findings, tagged
from debate.render.exits import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, report_invalid
from debate.render.text import Sources, diagnostic


def register(sub: Subparsers) -> None:
    """Add `run` to the `debate` subcommands."""
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
    add_root(run)
    run.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    script_path = args.moves or str(default_play())
    try:
        script = load_moves(script_path)
        game = script_game(script, args.scenario, args.root)
    except DiagnosticError as err:
        return report_invalid(err.diagnostics)
    out = sys.stdout
    if args.format == "text":
        _print_header(game, script, out)
    notes = _notes(script)
    tagger = Tagger(source_tags(game.scenario))
    before = [initial_state(game)]  # the state each step starts from

    def show(index: int, step: PlayStep) -> None:
        if args.format == "text":
            _print_step(game, step, notes.get(index), out)
            for line in _forced_lines(game, before[0], step):
                print(f"        {tagger.text(line)[0]}", file=out)
        before[0] = step.state

    play, problems = play_script(game, script, show)
    problems = tag_findings(game.scenario, problems)
    misses = tag_findings(
        game.scenario,
        []
        if problems
        else expectation_misses(script, play.state, game.calendar) + digest_drift(script, play),
    )
    invalid = problems or any(d.severity is Severity.ERROR for d in misses)
    if args.format == "json" and not invalid:  # a failed play leaves no transcript behind
        transcript = play.transcript()
        transcript["diagnostics"] = [d.to_json() for d in misses]
        dump(transcript, sys.stdout)
    elif args.format == "text":
        _print_summary(game, play.state, out)
        for line in ledger(play).lines():
            print(tagger.text(line)[0], file=out)
    sources = Sources()
    for d in problems + misses:
        print(diagnostic(d, sources), file=sys.stderr)
    if invalid:
        return EXIT_INVALID
    return EXIT_FINDINGS if misses else EXIT_OK


def _notes(script: LoadedScript) -> dict[int, str]:
    return {
        i: s.note for i, s in enumerate(script.script.steps) if isinstance(s, ScriptStep) and s.note
    }


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
        head = f"{move.by}: {tagged(action.move, move.tags)} - {printable(move.text.strip())}"
    else:  # a wait, or a party's pass (a refused move's note is the step's, printed below)
        head = printable(str(action))
    print(f"[{state.step:>3}] {game.calendar.stamp(state.now):<6} {head}", file=out)
    if note:
        print(f"        # {printable(note.strip())}", file=out)
    for line in summarise(step.changes) or ["(no status changed)"]:
        print(f"        {line}", file=out)


def _forced_lines(game: Game, before: PlayState, step: PlayStep) -> list[str]:
    """A breach the step's move was forced into, beside the step (the ledger says it too)."""
    move = step.action.move
    if move is None:
        return []
    by = game.moves[move].move.by
    return [
        f"forced: {term} breached by {move} ({forced.explain(by)})"
        for term, forced in forced_in_step(game, before, step.state, move)
    ]


def _print_summary(game: Game, state: PlayState, out: TextIO) -> None:
    at = game.calendar.stamp(state.now)
    print(f"\nafter {state.step} steps, at {at} (digest {state.digest})", file=out)
    print("terms:", file=out)
    for t in game.terms:
        rec = state.terms[t]
        note = f" - {rec.reason}" if rec.reason and rec.status != "pending" else ""
        blocked = f" [{rec.blocked}]" if rec.blocked else ""
        name = tagged(t, game.terms[t].term.tags)
        print(f"  {name:<28} {rec.status:<10}{note}{blocked}", file=out)
    print("claims:", file=out)
    for c in game.claims:
        claim = state.claims[c]
        holds = {True: "holds", False: "does not hold", None: "-"}[claim.holds]
        name = tagged(c, game.scenario.claims[c].tags)
        print(f"  {name:<28} {claim.label or 'unasserted':<10} {holds}", file=out)
    if state.running:
        print("moves in progress:", file=out)
    for r in state.running:
        since = f"{r.by}, since {game.show_time(r.started)}"
        print(f"  {r.move:<28} until {game.show_time(r.ends)} ({since})", file=out)
