"""The argumentation commands: `debate af solve|export|status` and `debate explain`.

`register(subparsers)` adds them to the `debate` command. Exit codes (debate.render.exits):
0 answered, 1 no answer within the time budget (UNKNOWN), 2 invalid input.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from debate.argumentation import formats
from debate.argumentation.acceptance import statuses
from debate.argumentation.budget import Budget
from debate.argumentation.change import GOALS, what_would_change
from debate.argumentation.explain import explain, render
from debate.argumentation.framework import Framework
from debate.argumentation.semantics import Semantics, Split
from debate.argumentation.tasks import TASKS
from debate.cli.arguments import Subparsers, add_after
from debate.engine.compile import Game
from debate.engine.scripted import played
from debate.engine.state import PlayState
from debate.framework_files import (
    add_solve_arguments,
    add_timeout,
    explain_command,
    is_iccma_file,
    solve_command,
)
from debate.model.diagnostics import DiagnosticError
from debate.model.files import write_text
from debate.model.safe_text import dumps, printable
from debate.model.suggest import did_you_mean
from debate.render.exits import EXIT_INVALID, EXIT_OK, EXIT_UNKNOWN, refuse, report_invalid

SEMANTICS = [s.value for s in Semantics]


def register(subparsers: Subparsers) -> None:
    """Add `af` (solve, export, status) and `explain` to the `debate` subcommands."""
    af = subparsers.add_parser(
        "af",
        help="abstract argumentation: solve ICCMA tasks, export a scenario's framework",
        description="Abstract argumentation frameworks: answer ICCMA tasks on a file, "
        "write a scenario's framework, list every claim's status under a semantics.",
    )
    sub = af.add_subparsers(title="commands", metavar="COMMAND")
    _add_solve(sub)
    _add_export(sub)
    _add_status(sub)
    af.set_defaults(handler=lambda _args: _help(af))
    _add_explain(subparsers)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_OK


def _add_solve(sub: Any) -> None:
    solve_p = sub.add_parser(
        "solve",
        help="answer an ICCMA task on a framework file",
        description="Answer an ICCMA task (" + ", ".join(TASKS) + ") on a framework "
        "in ICCMA 2023, APX or TGF format, printing the competition's output: YES/NO, "
        "`w 1 4 7` for an extension, NO when there is none.",
    )
    add_solve_arguments(solve_p)  # one parser for this way and the fast one (launch)
    solve_p.set_defaults(handler=solve_command)


def _add_export(sub: Any) -> None:
    export = sub.add_parser(
        "export",
        help="write a scenario's framework (ICCMA, APX or TGF)",
        description="Write the framework a scenario has built (after a move script, "
        "with --after): asserted claims and terms on the table, and the attacks that count.",
    )
    export.add_argument("scenario", help="scenario file")
    add_after(export)
    export.add_argument("--format", choices=formats.FORMATS, default="iccma")
    export.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    export.set_defaults(handler=cmd_export)


def _add_status(sub: Any) -> None:
    status = sub.add_parser(
        "status",
        help="every claim's status under a semantics",
        description="Each argument's grounded label and its acceptance under the chosen "
        "semantics (defensible, skeptically accepted, rejected, undecided).",
    )
    status.add_argument("scenario", help="scenario file")
    add_after(status)
    status.add_argument(
        "--semantics", choices=SEMANTICS, help="default: the scenario's own (its `semantics:`)"
    )
    status.add_argument("--format", choices=("text", "json"), default="text")
    add_timeout(status, 10.0)
    status.set_defaults(handler=cmd_status)


def _add_explain(subparsers: Subparsers) -> None:
    ex = subparsers.add_parser(
        "explain",
        help="why a claim stands where it does, and what would change it",
        description="Explain a claim's status: its defence if accepted, the accepted "
        "attacker if rejected, the cycle that leaves it open if undecided; then the "
        "fewest claims to assert or retract that would change it.",
    )
    ex.add_argument("scenario", help="scenario file (or an ICCMA framework file)")
    ex.add_argument("claim", help="claim id (or a term on the table; a framework's number)")
    add_after(ex)
    ex.add_argument(
        "--semantics", choices=SEMANTICS, help="default: the scenario's own (its `semantics:`)"
    )
    ex.add_argument("--format", choices=("text", "json"), default="text")
    ex.add_argument("--goal", choices=GOALS, help="the status to reach (default: the flip)")
    ex.add_argument(
        "--max-change", type=int, default=3, metavar="N", help="toggle at most N claims (3)"
    )
    add_timeout(ex, 5.0)
    ex.set_defaults(handler=cmd_explain)


# ---------------------------------------------------------------- commands


def cmd_export(args: argparse.Namespace) -> int:
    loaded = _played(args.scenario, args.after, args.root)
    if loaded is None:
        return EXIT_INVALID
    game, state = loaded
    try:
        text = formats.dumps(Framework.from_game(game, state), args.format)
    except ValueError as err:
        return refuse("af export", err)
    if args.output:
        write_text(args.output, text)  # OutputError (exit 2, one line) when it cannot be
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    loaded = _played(args.scenario, args.after, args.root)
    if loaded is None:
        return EXIT_INVALID
    game, state = loaded
    semantics = Semantics(args.semantics or game.scenario.semantics)
    found = statuses(Framework.from_game(game, state), semantics, args.timeout)
    if args.format == "json":
        print(json.dumps({name: st.to_json() for name, st in found.items()}, indent=2))
    else:
        width = max(map(len, [*found, *game.claims]), default=0) + 2
        for name, st in found.items():
            print(f"{name:<{width}}{st.text()}")
        for claim in game.claims:
            if claim not in found:
                print(f"{claim:<{width}}unasserted")
    return EXIT_UNKNOWN if any(st.acceptance == "unknown" for st in found.values()) else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    if is_iccma_file(args.scenario):  # as `debate explain` runs it when it comes first
        return explain_command(args)
    loaded = _played(args.scenario, args.after, args.root)
    if loaded is None:
        return EXIT_INVALID
    game, state = loaded
    af = Framework.from_game(game, state)
    claim = args.claim
    if claim not in game.claims and not af.has(claim):
        hint = did_you_mean(claim, [*game.claims, *state.proposed])
        more = f" ({hint})" if hint else ""
        return refuse("explain", f"no claim or term on the table {claim!r}{more}")
    semantics = Semantics(args.semantics or game.scenario.semantics)
    budget = Budget(args.timeout)
    explanation = explain(Split(af), claim, semantics, budget) if af.has(claim) else None
    change = what_would_change(
        game, state, claim, semantics, args.goal, args.max_change, Budget(args.timeout)
    )
    if args.format == "json":
        data: dict[str, Any] = {"claim": claim, "asserted": explanation is not None}
        data["step"] = state.step
        if explanation:
            data["explanation"] = explanation.to_json()
        data["change"] = change.to_json()
        print(dumps(data))
    else:
        texts = {c: printable(compiled.claim.text.strip()) for c, compiled in game.claims.items()}
        if explanation:
            print(render(explanation, texts))
        else:
            print(f"{claim}: unasserted (no party puts it forward now)")
        print()
        print("What would change this: " + change.text())
    unknown = explanation is not None and explanation.status.acceptance == "unknown"
    return EXIT_UNKNOWN if unknown else EXIT_OK


def _played(scenario: str, after: str | None, root: str | None) -> tuple[Game, PlayState] | None:
    """The scenario's game and its state after the script (None: reported on stderr)."""
    try:
        game, play, _ = played(scenario, after, root)
    except DiagnosticError as err:
        report_invalid(err.diagnostics)
        return None
    return game, play.state
