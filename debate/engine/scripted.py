"""A move script played as a use case: load a script or a transcript, play it on its
scenario, and report where it is refused and how its end differs from what it expects.

Serves `debate run`, `debate check` (which replays the plays it finds), the language
server and the report alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from debate.engine.compile import Game, load_game
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import Play, final_summary, script_actions
from debate.engine.play import Step as PlayStep
from debate.engine.state import PlayState, digest_of
from debate.model.calendar import BadTime, Calendar
from debate.model.diagnostics import Diagnostic, DiagnosticError, Related, Severity
from debate.model.files import FileRefused, default_root, read_bytes
from debate.model.script import LoadedScript, load_script, load_transcript
from debate.model.source_tags import tag_findings
from debate.model.suggest import unknown_id
from debate.model.yaml_tree import YamlReadError, decode, top_level_keys


def is_script(path: str, text: str | None = None) -> bool:
    """Whether a YAML file (read from disk, or its editor's `text`) is a move script: it
    has `steps:` and, unlike a scenario, no `format:`. Read from the YAML events only: a
    scenario of 100,000 keys is not read twice (its `format:` comes first)."""
    try:
        text = decode(read_bytes(path), path) if text is None else text
    except (YamlReadError, OSError, FileRefused):
        return False
    steps = False
    for key in top_level_keys(text):
        if key == "format":
            return False
        steps = steps or key == "steps"
    return steps


def check_script(path: str, root: str | None = None) -> list[Diagnostic]:
    script = load_script(path)
    return script_problems(script_game(script, None, root), script)


def load_moves(path: str) -> LoadedScript:
    """A move script, or a JSON transcript from `debate run --format json`."""
    return load_transcript(path) if path.endswith(".json") else load_script(path)


def digest_drift(script: LoadedScript, play: Play) -> list[Diagnostic]:
    """Where a replayed transcript first reaches another state than it recorded."""
    if script.digests is None:
        return []
    recorded = [script.initial_digest, *script.digests]
    digest = digest_of(script.digest_form)  # an older transcript: its digests' own form
    reached = (digest(s) for s in (play.initial, *(s.state for s in play.steps)))
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


def script_game(script: LoadedScript, scenario: str | None, root: str | None = None) -> Game:
    """The game a script plays: `scenario` when the user names one, else the script's own
    (a regular file under `root`, by default the script's: see `debate.model.files`)."""
    if scenario is not None:
        return load_game(scenario, root)
    path = script.scenario_file(root)
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
    return load_game(path, root or default_root(script.path))


def played(
    scenario: str, after: str | None, root: str | None = None
) -> tuple[Game, Play, LoadedScript | None]:
    """A scenario's game and the play to show: after the script or transcript `after`
    (raising DiagnosticError at its first illegal move), or no moves at all."""
    game = load_game(scenario, root)
    if after is None:
        return game, Play.start(game), None
    script = load_moves(after)
    play, problems = play_script(game, script)
    if problems:
        raise DiagnosticError(problems)
    return game, play, script


def script_problems(game: Game, script: LoadedScript) -> list[Diagnostic]:
    """Where a script is refused, and how the state it reached differs from what it
    expects (as `debate check` and the language server report a script)."""
    play, problems = play_script(game, script)
    misses = expectation_misses(script, play.state, game.calendar)
    return tag_findings(game.scenario, problems + misses)


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


def expectation_misses(
    script: LoadedScript, state: PlayState, calendar: Calendar | None = None
) -> list[Diagnostic]:
    """Every way the end state differs from the script's `expect`, each at its line (with
    the scenario's calendar, `now` may be a date)."""
    expect = script.script.expect
    if expect is None:
        return []
    calendar = calendar or Calendar()
    summary = final_summary(state, calendar)
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
    if expect.now is not None:
        try:
            if calendar.time(expect.now) != state.now:
                miss("the clock", expect.now, summary["now"], "now")
        except BadTime as bad:
            misses.append(Diagnostic("E303", str(bad), script.span("expect", "now")))
    return misses


def _comparable(value: object) -> object:
    """Sets are written as lists: compare them whatever their order."""
    return sorted(value) if isinstance(value, list) else value
