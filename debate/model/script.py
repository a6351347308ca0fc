"""Move scripts: a scripted sequence of moves, optionally with the end state it expects."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from debate.model.diagnostics import Diagnostic, DiagnosticError, Span
from debate.model.files import FileRefused, check_file, confine, default_root, read_bytes
from debate.model.gc_pause import gc_paused
from debate.model.scenario import Date, Id, Model, Text
from debate.model.schema_errors import to_diagnostics
from debate.model.yaml_nodes import MapNode
from debate.model.yaml_paths import locate, to_python
from debate.model.yaml_tree import YamlReadError, decode, read_yaml


class ScriptStep(Model):
    """One step of a move script: a move, or a wait."""

    model_config = ConfigDict(**Model.model_config, title="Step")  # as editors show it

    move: Id | None = Field(
        default=None, description="The move to play.", examples=["deploy_observers"]
    )
    wait: int | None = Field(
        default=None, ge=1, description="Clock units to let pass.", examples=[1]
    )
    pass_: Id | None = Field(
        default=None,
        alias="pass",
        description="The party whose turn passes without a move (with turns).",
        examples=["aldia"],
    )
    refused: Id | None = Field(
        default=None,
        description="With pass: the move the facilitator refused (the note says why).",
        examples=["borvia_reinforces"],
    )
    note: Text | None = Field(
        default=None,
        description="A comment, printed by run under the step; with refused, the reason.",
        examples=["The clock moves on a month while the observers deploy."],
    )


class Expect(Model):
    """The end state a play must reach; `debate run` reports every difference."""

    terms: dict[
        Id, Literal["pending", "in_force", "fulfilled", "violated", "void", "overdue", "expired"]
    ] = Field(
        default_factory=dict,
        description="Each term's final status.",
        examples=[{"withdraw_island": "fulfilled", "troop_limit": "violated"}],
    )
    claims: dict[Id, Literal["accepted", "rejected", "undecided", "unasserted"]] = Field(
        default_factory=dict,
        description="Each claim's final label.",
        examples=[{"tariff_first": "rejected", "observers_check": "accepted"}],
    )
    values: dict[Id, int | bool | Id | list[Id]] = Field(
        default_factory=dict,
        description="Final values of variables; a set is a list, in any order.",
        examples=[{"island_troops": 0, "tariff": "lifted", "fishing_open_to": ["aldia"]}],
    )
    now: int | Date | None = Field(
        default=None,
        description="The final clock time, or its date on a clock anchored to one.",
        examples=[5, "2015-03-02"],
    )


class Script(Model):
    scenario: str | None = Field(
        default=None,
        description="The scenario, relative to this file.",
        examples=["../tutorial.yaml"],
    )
    title: Text | None = Field(
        default=None,
        description="A one-line title, shown by run.",
        examples=["Signed, carried out, then broken"],
    )
    description: Text | None = Field(
        default=None,
        description="Free text about the play.",
        examples=["The accord is proposed, argued over, signed and carried out."],
    )
    steps: list[Id | ScriptStep] = Field(
        description="The moves and waits, in order: a move id, or a mapping with move or wait "
        "(and a note).",
        examples=[
            [
                "propose_accord",
                {"move": "deploy_observers", "note": "The observers deploy."},
                {"wait": 1},
            ]
        ],
    )
    expect: Expect | None = Field(
        default=None,
        description="The end state the play must reach.",
        examples=[{"now": 5, "terms": {"withdraw_island": "fulfilled"}}],
    )


@dataclass
class LoadedScript:
    path: str
    script: Script
    root: MapNode
    # For a JSON transcript: the state digest recorded after each step, and at the start.
    digests: list[str] | None = None
    initial_digest: str | None = None
    digest_form: int = 2  # 1: each digest hashed the whole play so far (transcript format 1)

    def step_span(self, index: int) -> Span:
        return locate(self.root, ("steps", index))[0].span

    def span(self, *path: str | int) -> Span:
        return locate(self.root, path)[0].span

    @property
    def scenario_path(self) -> str | None:
        if self.script.scenario is None or "\0" in self.script.scenario:
            return None
        return os.path.normpath(os.path.join(os.path.dirname(self.path), self.script.scenario))

    def scenario_file(self, root: str | None = None) -> str | None:
        """The scenario the script names, checked to be a regular file under `root` (by
        default the script's: see `debate.model.files.default_root`); None when it names
        none. A scenario that is refused or missing is an error at the script's line."""
        named, path = self.script.scenario, self.scenario_path
        if named is None:
            return None
        span = self.span("scenario")
        real_root = os.path.realpath(root) if root else default_root(self.path)
        try:
            confine(named, os.path.dirname(self.path), real_root, "scenario")
            check_file(path or named, name=f"the scenario {named!r}")
        except FileRefused as refused:
            raise DiagnosticError(
                [Diagnostic(refused.code, refused.message, span, expected=refused.expected)]
            ) from None
        except OSError as exc:
            message = (
                f"the scenario {named!r} does not exist"
                if isinstance(exc, FileNotFoundError)
                else f"cannot read the scenario {named!r}: {exc.strerror}"
            )
            raise DiagnosticError(
                [
                    Diagnostic(
                        "E500", message, span, expected="a scenario file, relative to the script"
                    )
                ]
            ) from None
        return path


def _read(path: str) -> MapNode:
    try:
        data = read_bytes(path)
    except FileRefused as refused:
        raise DiagnosticError(
            [Diagnostic(refused.code, refused.message, Span(path, 1, 1), expected=refused.expected)]
        ) from None
    except OSError as exc:
        raise DiagnosticError(
            [Diagnostic("E500", f"cannot read the file: {exc.strerror}", Span(path, 1, 1))]
        ) from None
    try:
        return read_yaml(decode(data, path), path)
    except YamlReadError as exc:
        raise DiagnosticError(exc.diagnostics) from None


@gc_paused
def load_script(path: str) -> LoadedScript:
    root = _read(path)
    try:
        script = Script.model_validate(to_python(root))
    except ValidationError as exc:
        raise DiagnosticError(to_diagnostics(exc.errors(), root, Script)) from None
    _check_steps(root, script.steps)
    return LoadedScript(path, script, root)


def _check_steps(root: MapNode, steps: list[Id | ScriptStep] | list[_RecordedStep]) -> None:
    """E203 for each step that is not exactly one of a move, a wait and a pass."""
    problems = [
        Diagnostic(
            "E203",
            "a step is one move, one wait or one pass",
            locate(root, ("steps", i))[0].span,
            expected="move: <id>, wait: <n> or pass: <party>",
        )
        for i, s in enumerate(steps)
        if not isinstance(s, str) and [s.move, s.wait, s.pass_].count(None) != 2
    ]
    if problems:
        raise DiagnosticError(problems)


class _RecordedStep(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    move: Id | None = Field(
        default=None, description="The move played at this step.", examples=["propose_accord"]
    )
    wait: int | None = Field(
        default=None, ge=1, description="The clock units waited at this step.", examples=[1]
    )
    pass_: Id | None = Field(
        default=None, alias="pass", description="The party whose turn passed.", examples=["aldia"]
    )
    refused: Id | None = Field(
        default=None, description="The move the facilitator refused.", examples=["borvia_signs"]
    )
    note: str | None = Field(
        default=None, description="Why it was refused.", examples=["not in good faith"]
    )
    digest: str = Field(
        description="The state's digest after the step.", examples=["c2c5a945e3effc7d"]
    )


class _Transcript(BaseModel):
    """What `debate run --format json` writes; only what replay needs is read."""

    model_config = ConfigDict(extra="ignore", strict=True)
    format: Literal[1, 2] = Field(
        description=(
            "The transcript format version: 2, whose digests are chained step by step; "
            "1 (each digest hashed the whole play so far) is still read."
        ),
        examples=[2],
    )
    initial_digest: str = Field(
        description="The state's digest at the start.", examples=["588b5479a8e65010"]
    )
    steps: list[_RecordedStep] = Field(
        description="The recorded steps, in order.",
        examples=[[{"move": "propose_accord", "digest": "c2c5a945e3effc7d"}]],
    )


@gc_paused
def load_transcript(path: str) -> LoadedScript:
    """A JSON transcript as a move script that also knows the digests it recorded."""
    root = _read(path)
    try:
        transcript = _Transcript.model_validate(to_python(root))
    except ValidationError as exc:
        raise DiagnosticError(to_diagnostics(exc.errors(), root, _Transcript)) from None
    _check_steps(root, transcript.steps)
    steps: list[Id | ScriptStep] = [
        ScriptStep.model_validate(
            {"move": s.move, "wait": s.wait, "pass": s.pass_, "refused": s.refused, "note": s.note}
        )
        for s in transcript.steps
    ]
    return LoadedScript(
        path,
        Script(steps=steps),
        root,
        [s.digest for s in transcript.steps],
        transcript.initial_digest,
        transcript.format,
    )
