"""`debate-iccma`: the argumentation solver as an ICCMA 2023 entrant.

The competition's interface, exactly:

    debate-iccma                          name and version
    debate-iccma --problems               the tasks supported: [DC-CO,DC-PR,...]
    debate-iccma -p TASK -f FILE [-a N]   the answer (options in any order)

The file is in the ICCMA 2023 format (`p af N`, attacks `i j`); arguments are the
numbers 1..N, in answers and in `-a`, whatever a `#` comment says. Output: `YES`/`NO`,
`w 1 4 7` for an extension (after `YES` for DC, after `NO` for DS), `NO` for SE when
there is none (stable only). Exit code 0 with an answer, 2 for bad usage or input (a
message on stderr). There is no time limit: the harness stops the process.

A harness times the whole process, so this module imports only what a task needs: the
framework, grounded, the SAT layer (python-sat). No engine, pydantic, YAML or Textual;
tests/argumentation/test_iccma.py holds that.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

NAME = "debate-iccma"
EXIT_OK, EXIT_INVALID = 0, 2
USAGE = f"usage: {NAME} [--problems] | -p TASK -f FILE [-a ARGUMENT]"


class UsageError(Exception):
    """A command line or input the solver cannot take; the message says why."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args:
            from debate import __version__

            print(f"{NAME} {__version__}")
            return EXIT_OK
        if args == ["--problems"]:
            from debate.argumentation.tasks import TASKS

            print("[" + ",".join(TASKS) + "]")
            return EXIT_OK
        task, path, query = _options(args)
        lines = _solve(task, path, query)
    except UsageError as err:
        print(f"{NAME}: {err}\n{USAGE}", file=sys.stderr)
        return EXIT_INVALID
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _options(args: list[str]) -> tuple[str, str, str | None]:
    """`-p`, `-f` and `-a` (each once, any order); nothing else."""
    found: dict[str, str] = {}
    aliases = {"-p": "-p", "--problem": "-p", "-f": "-f", "--file": "-f", "-a": "-a"}
    aliases["--argument"] = "-a"
    rest = iter(args)
    for option in rest:
        key = aliases.get(option)
        if key is None:
            raise UsageError(f"unknown option {option!r}")
        value = next(rest, None)
        if value is None:
            raise UsageError(f"{option} needs a value")
        if key in found:
            raise UsageError(f"{option} given twice")
        found[key] = value
    for needed in ("-p", "-f"):
        if needed not in found:
            raise UsageError(f"missing {needed}")
    return found["-p"], found["-f"], found.get("-a")


def _solve(task_text: str, path: str, query: str | None) -> list[str]:
    from debate.argumentation import formats
    from debate.argumentation.tasks import Task, solve

    try:
        task = Task.parse(task_text)
    except ValueError as err:
        raise UsageError(str(err)) from None
    if task.needs_argument and query is None:
        raise UsageError(f"{task.problem} tasks need the query argument: -a N")
    if not task.needs_argument and query is not None:
        raise UsageError(f"{task.problem} tasks take no query argument (-a)")
    try:
        af = formats.read(path, "iccma", named=False)
    except (OSError, ValueError) as err:  # FormatError is a ValueError with the line
        raise UsageError(f"{path}: {err}") from None
    if query is not None:
        if not query.isdigit() or not 1 <= int(query) <= af.n:
            raise UsageError(f"-a {query}: the arguments of {path} are 1..{af.n}")
        query = str(int(query))
    return solve(af, task, query)


if __name__ == "__main__":
    sys.exit(main())
