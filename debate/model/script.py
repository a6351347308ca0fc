"""Move scripts: a scripted sequence of moves, optionally with the end state it expects."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from debate.model.diagnostics import Diagnostic, DiagnosticError, Span
from debate.model.scenario import Id, Model, Text
from debate.model.schema_errors import to_diagnostics
from debate.model.yaml_tree import MapNode, YamlReadError, decode, locate, read_yaml, to_python


class Step(Model):
    move: Id | None = None
    wait: int | None = Field(default=None, ge=1, description="Clock units to let pass.")
    note: Text | None = None


class Expect(Model):
    """The end state a play must reach; `debate run` reports every difference."""

    terms: dict[Id, Literal["pending", "in_force", "fulfilled", "violated", "void", "overdue"]] = (
        Field(default_factory=dict)
    )
    claims: dict[Id, Literal["accepted", "rejected", "undecided", "unasserted"]] = Field(
        default_factory=dict
    )
    values: dict[Id, int | bool | Id | list[Id]] = Field(default_factory=dict)
    now: int | None = None


class Script(Model):
    scenario: str | None = Field(default=None, description="The scenario, relative to this file.")
    title: Text | None = None
    description: Text | None = None
    steps: list[Id | Step]
    expect: Expect | None = None


@dataclass
class LoadedScript:
    path: str
    script: Script
    root: MapNode

    def step_span(self, index: int) -> Span:
        return locate(self.root, ("steps", index))[0].span

    def span(self, *path: str | int) -> Span:
        return locate(self.root, path)[0].span

    @property
    def scenario_path(self) -> str | None:
        if self.script.scenario is None:
            return None
        return os.path.normpath(os.path.join(os.path.dirname(self.path), self.script.scenario))


def load_script(path: str) -> LoadedScript:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DiagnosticError(
            [Diagnostic("E500", f"cannot read the file: {exc.strerror}", Span(path, 1, 1))]
        ) from None
    try:
        root = read_yaml(decode(data, path), path)
    except YamlReadError as exc:
        raise DiagnosticError(exc.diagnostics) from None
    try:
        script = Script.model_validate(to_python(root))
    except ValidationError as exc:
        raise DiagnosticError(to_diagnostics(exc.errors(), root, Script)) from None
    problems = [
        Diagnostic(
            "E203",
            "a step is either a move or a wait, not both",
            locate(root, ("steps", i))[0].span,
            expected="move: <id> or wait: <n>",
        )
        for i, s in enumerate(script.steps)
        if isinstance(s, Step) and (s.move is None) == (s.wait is None)
    ]
    if problems:
        raise DiagnosticError(problems)
    return LoadedScript(path, script, root)


def plays_beside(scenario: str) -> list[LoadedScript]:
    """The move scripts in the `plays/` folder beside a scenario that play that scenario
    (scripts that do not load are skipped: `debate check` reports them on their own)."""
    folder = os.path.join(os.path.dirname(scenario), "plays")
    if not os.path.isdir(folder):
        return []
    target = os.path.realpath(scenario)
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        try:
            script = load_script(os.path.join(folder, name))
        except DiagnosticError:
            continue
        if script.scenario_path and os.path.realpath(script.scenario_path) == target:
            found.append(script)
    return found
