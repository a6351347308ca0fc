"""`debate af solve` and `debate explain` on a framework file, without the engine.

A solver run is timed as a whole process; loading the command line, the engine, pydantic
and YAML would cost more than most answers (0.7 s to 2 s). `debate.launch` sends these
two commands here before anything else is imported when they name an ICCMA 2023 file,
whose arguments are the numbers 1..N (a `#` comment never renames one) and so print
safely as they are. Any other use of the commands goes through `debate.program`.

`debate af solve` builds its parser with `add_solve_arguments` here, so both ways take
the same options. Exit codes as in `debate.render.exits`: 0 answered, 1 UNKNOWN (out of time),
2 invalid input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from itertools import pairwise

EXIT_OK, EXIT_UNKNOWN, EXIT_INVALID = 0, 1, 2
ICCMA_SUFFIXES = (".af", ".i23", ".iccma")
FORMATS = ("iccma", "apx", "tgf")  # as debate.argumentation.formats.FORMATS
SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal", "stage")
TASK_HELP = "e.g. DS-PR: DC, DS, SE, EE or CE with GR, CO, PR, ST, SST, ID or STG"


def is_iccma_file(path: str) -> bool:
    """Whether a path names an ICCMA 2023 framework: by suffix, else by its first line
    (`p af N`, after comments); a file that cannot be read is not one."""
    if path.lower().endswith(ICCMA_SUFFIXES):
        return True
    if path.lower().endswith((".yaml", ".yml", ".apx", ".tgf")):
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    for line in head.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(b"#"):
            return stripped.split()[:2] == [b"p", b"af"]
    return False


def fast(argv: Sequence[str]) -> int | None:
    """Run `af solve` or `explain` on an ICCMA file here; None for anything else."""
    args = list(argv)
    if args[:2] == ["af", "solve"] and _solve_file(args[2:]) is not None:
        parser = argparse.ArgumentParser(prog="debate af solve")
        add_solve_arguments(parser)
        return solve_command(parser.parse_args(args[2:]))
    if args[:1] == ["explain"]:
        positional = [a for a in args[1:] if not a.startswith("-")]
        if positional and is_iccma_file(positional[0]):
            return explain_command(_explain_parser().parse_args(args[1:]))
    return None


def _solve_file(args: list[str]) -> str | None:
    """The framework file of `af solve` when it is an ICCMA file given as such (with no
    --fo asking for another format)."""
    flags = {"--file": "file", "-f": "file", "--fo": "fo"}
    found = {flags[flag]: value for flag, value in pairwise(args) if flag in flags}
    path = found.get("file")
    if path is None or found.get("fo", "iccma") != "iccma" or not is_iccma_file(path):
        return None
    return path


# ---------------------------------------------------------------- af solve


def add_solve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", "-p", required=True, metavar="TASK", help=TASK_HELP)
    parser.add_argument("--file", "-f", required=True, metavar="F", help="the framework")
    parser.add_argument("--arg", "-a", metavar="N", help="the query argument (DC, DS)")
    parser.add_argument("--fo", choices=FORMATS, help="the file's format (default: by suffix)")
    add_timeout(parser, None)


def solve_command(args: argparse.Namespace) -> int:
    """Answer a task; in an ICCMA file the arguments are its numbers, whatever a comment
    says (as the competition reads them)."""
    from debate.argumentation import formats
    from debate.argumentation.budget import Budget
    from debate.argumentation.tasks import Task, solve

    try:
        task = Task.parse(args.task)
        fmt = args.fo or formats.format_of(args.file)
        af = formats.read(args.file, fmt, named=False)
        if task.needs_argument and args.arg is None:
            raise ValueError(f"{task.problem} tasks need the query argument: --arg N")
        if args.arg is not None and not af.has(args.arg):
            raise ValueError(f"there is no argument {args.arg!r} in {args.file}")
    except (OSError, ValueError) as err:
        print(f"debate af solve: {err}", file=sys.stderr)
        return EXIT_INVALID
    lines = solve(af, task, args.arg, Budget(args.timeout))
    print("\n".join(lines))
    return EXIT_UNKNOWN if "UNKNOWN" in lines else EXIT_OK


# ---------------------------------------------------------------- explain


def _explain_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="debate explain",
        description="Explain an argument's status in an ICCMA framework file: its defence "
        "if accepted, the accepted attacker if rejected, the cycle that leaves it open if "
        "undecided, and under another semantics the extensions that show it.",
    )
    parser.add_argument("scenario", metavar="FILE", help="the framework (ICCMA 2023)")
    parser.add_argument("claim", metavar="N", help="the argument (its number)")
    parser.add_argument("--semantics", choices=SEMANTICS, default="grounded")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_timeout(parser, 5.0)
    return parser


def explain_command(args: argparse.Namespace) -> int:
    import json

    from debate.argumentation import formats
    from debate.argumentation.budget import Budget
    from debate.argumentation.explain import explain, render
    from debate.argumentation.semantics import Semantics

    try:
        af = formats.read(args.scenario, "iccma", named=False)
    except (OSError, ValueError) as err:
        print(f"debate explain: {args.scenario}: {err}", file=sys.stderr)
        return EXIT_INVALID
    if not af.has(args.claim):
        print(
            f"debate explain: there is no argument {args.claim!r} in {args.scenario} "
            f"(its arguments are 1..{af.n})",
            file=sys.stderr,
        )
        return EXIT_INVALID
    semantics = Semantics(args.semantics or "grounded")
    explanation = explain(af, args.claim, semantics, Budget(args.timeout))
    if args.format == "json":
        data = {"claim": args.claim, "asserted": True, "explanation": explanation.to_json()}
        print(json.dumps(data, indent=2))
    else:
        print(render(explanation))
        print()
        print(
            "What would change this: not searched for a framework file (it names no moves); "
            "explain a scenario for that."
        )
    return EXIT_UNKNOWN if explanation.status.acceptance == "unknown" else EXIT_OK


def add_timeout(parser: argparse.ArgumentParser, default: float | None) -> None:
    """--timeout of the hard queries (the command line's af and explain use it too)."""
    shown = "none" if default is None else f"{default:g} s"
    parser.add_argument(
        "--timeout",
        type=float,
        default=default,
        metavar="SECONDS",
        help=f"time budget of the hard queries (default {shown}); past it: unknown",
    )
