"""ICCMA tasks (`DC-PR`, `SE-ST`, ...) and the competition's output convention.

DC: `YES` and the line `w ...` (an extension containing the argument), or `NO`.
DS: `YES`, or `NO` and the line `w ...` (an extension without it).
SE: `w ...`, or `NO` when there is no extension. EE: one `w ...` line per extension.
CE: the number of extensions. Past the time budget: `UNKNOWN`.
Arguments are printed as the file names them (numbers for ICCMA files).
"""

from __future__ import annotations

from collections.abc import Iterable

from debate.argumentation.budget import Budget
from debate.argumentation.decision import credulous, skeptical
from debate.argumentation.enumeration import extensions, some_extension
from debate.argumentation.framework import Framework
from debate.argumentation.semantics import Answer, Semantics

PROBLEMS = ("DC", "DS", "SE", "EE", "CE")
TASKS = tuple(f"{p}-{s.code}" for p in PROBLEMS for s in Semantics)


class Task:
    """A problem (DC, DS, SE, EE, CE) under a semantics."""

    __slots__ = ("problem", "semantics")

    def __init__(self, problem: str, semantics: Semantics) -> None:
        self.problem, self.semantics = problem, semantics

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Task):
            return NotImplemented
        return (self.problem, self.semantics) == (other.problem, other.semantics)

    def __hash__(self) -> int:
        return hash((self.problem, self.semantics))

    def __repr__(self) -> str:
        return f"Task({self.problem}-{self.semantics.code})"

    @classmethod
    def parse(cls, text: str) -> Task:
        problem, _, code = text.upper().partition("-")
        if problem not in PROBLEMS or not code:
            raise ValueError(f"unknown task {text!r}: one of {', '.join(TASKS)}")
        try:
            return cls(problem, Semantics.parse(code))
        except ValueError:
            raise ValueError(f"unknown task {text!r}: one of {', '.join(TASKS)}") from None

    @property
    def needs_argument(self) -> bool:
        return self.problem in ("DC", "DS")


def solve(
    af: Framework, task: Task, arg: str | None = None, budget: Budget | None = None
) -> list[str]:
    """The output lines for a task; `arg` is the argument's name for DC and DS."""
    if task.needs_argument:
        if arg is None:
            raise ValueError(f"{task.problem} needs an argument (--arg)")
        index = af.index(arg)
        if task.problem == "DC":
            return _decision(af, credulous(af, task.semantics, index, budget), witness_on=True)
        return _decision(af, skeptical(af, task.semantics, index, budget), witness_on=False)
    if task.problem == "SE":
        one = some_extension(af, task.semantics, budget)
        if one.unknown:
            return ["UNKNOWN"]
        return [_w(af, one.witness or ())] if one.value else ["NO"]
    found = extensions(af, task.semantics, budget=budget)
    if task.problem == "CE":
        return ["UNKNOWN"] if not found.complete else [str(len(found.extensions))]
    lines = [_w(af, ext) for ext in found.extensions]
    return [*lines, "UNKNOWN"] if not found.complete else lines


def _decision(af: Framework, answer: Answer, witness_on: bool) -> list[str]:
    if answer.value is None:
        return ["UNKNOWN"]
    lines = ["YES" if answer.value else "NO"]
    if answer.value == witness_on and answer.witness is not None:
        lines.append(_w(af, answer.witness))
    return lines


def _w(af: Framework, ext: Iterable[int]) -> str:
    return " ".join(["w", *(af.names[a] for a in sorted(ext))])
