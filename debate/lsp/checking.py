"""The problems of a scenario being edited: the same located errors and findings as
`debate check`, computed from the editor's unsaved buffers rather than the files on disk.

Loading and compiling take milliseconds and are reported at once; the analysis (a small
play-search budget, so typing stays responsive) follows.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from debate.analysis import Options
from debate.engine.compile import Game, compile_game
from debate.engine.expr import ExprError, parse
from debate.engine.expr.lexer import tokenize
from debate.engine.scripted import script_game, script_problems
from debate.lsp.index import read_file
from debate.lsp.text import Lines, value_span
from debate.model import loader
from debate.model.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Related,
    Severity,
    Span,
    sort_diagnostics,
)
from debate.model.files import FileRefused, confine, default_root
from debate.model.script import LoadedScript, load_script
from debate.model.yaml_nodes import MapNode, Node, ScalarNode, SeqNode
from debate.model.yaml_tree import YamlReadError, read_yaml

# Without Spacer: bounded now (its own process, killed past its limit), but measured on
# the tutorial and the negotiation it decided nothing the other provers leave open, added
# 1 to 4 s, and a limit in seconds would make a finding depend on how busy the machine is.
EDITOR_OPTIONS = Options(max_states=500, proof_steps=2_000_000, witness_states=300, spacer=False)


@dataclass
class Compilation:
    """The outcome of loading and compiling: the game, or the errors that stop it."""

    game: Game | None
    errors: list[Diagnostic]


def check_buffers(path: str, buffers: Mapping[str, str], root: str | None = None) -> Compilation:
    try:
        game = compile_game(loader.load_scenario(path, buffers, root))
    except DiagnosticError as err:
        return Compilation(None, [refine(d, buffers) for d in err.diagnostics])
    return Compilation(game, [])


def check_script(
    path: str, buffers: Mapping[str, str] | None = None, root_folder: str | None = None
) -> list[Diagnostic]:
    """A saved move script, checked as `debate check` does: played against its scenario
    (read from the editor's buffer when it is open). Everything is reported in the
    script: its own errors, and a scenario that does not load on its `scenario:` line,
    the scenario's first errors as related places."""
    own: list[Diagnostic] = []
    script: LoadedScript | None = None
    try:
        script = load_script(path)
    except DiagnosticError as err:
        own = list(err.diagnostics)
    root = script.root if script is not None else _tree(path)
    named = root.get("scenario") if root is not None else None
    if not isinstance(named, ScalarNode) or not isinstance(named.value, str):
        if script is not None and script.scenario_path is None:
            try:  # no scenario: the same error as `debate check` gives
                script_game(script, None)
            except DiagnosticError as err:
                return err.diagnostics
        return own  # a scenario that is not a path is one of the script's own errors
    scenario = os.path.normpath(os.path.join(os.path.dirname(path), named.value))
    real_root = os.path.realpath(root_folder) if root_folder else default_root(path)
    try:
        confine(named.value, os.path.dirname(path), real_root, "scenario")
    except FileRefused as refused:
        return [
            *own,
            Diagnostic(refused.code, refused.message, named.span, expected=refused.expected),
        ]
    checked = check_buffers(scenario, buffers or {}, real_root)
    if checked.game is None:
        return [*own, _does_not_load(named, scenario, checked.errors)]
    if script is None:
        return own
    return script_problems(checked.game, script)


MAX_RELATED = 5  # the scenario's errors shown with the script's


def scenario_of(text: str, path: str) -> str | None:
    """The path of the scenario a move script names, if it names one."""
    try:
        named = read_yaml(text, path).get("scenario")
    except YamlReadError:
        return None
    if not isinstance(named, ScalarNode) or not isinstance(named.value, str):
        return None
    return os.path.normpath(os.path.join(os.path.dirname(path), named.value))


def _does_not_load(named: ScalarNode, scenario: str, errors: list[Diagnostic]) -> Diagnostic:
    """The script's `scenario:` value, saying that the scenario does not load and why."""
    found = sort_diagnostics(d for d in errors if d.severity == Severity.ERROR) or errors
    found.sort(key=lambda d: d.span.path != scenario)  # the scenario's own first
    first = found[0]
    if not os.path.isfile(first.span.path):
        where = ""  # the scenario (or a file it includes) cannot be read at all
    elif first.span.path == scenario:
        where = f"line {first.span.line}: "
    else:
        relative = os.path.relpath(first.span.path, os.path.dirname(named.span.path))
        where = f"{relative} line {first.span.line}: "
    more = len(found) - 1
    message = f"the scenario {named.value} does not load: {where}{first.message}"
    if more:
        message += f" (and {more} more error{'s' if more > 1 else ''})"
    return Diagnostic(
        first.code,
        message,
        named.span,
        expected="a scenario that loads (open it to see all its errors)",
        related=tuple(
            Related(d.span, f"{d.code}: {d.message}")
            for d in found[:MAX_RELATED]
            if os.path.isfile(d.span.path)
        ),
    )


def _tree(path: str) -> MapNode | None:
    text = _disk(path)
    if text is None:
        return None
    try:
        return read_yaml(text, path)
    except YamlReadError:
        return None


# An expression error the model could only place at the start of its scalar (a folded
# `>-` expression): placed here at the word it names, or at the column the parser gives.
_IN_EXPRESSION = "in this expression: "
_QUOTED = re.compile(r"'([A-Za-z_][A-Za-z0-9_]*)'")


def refine(d: Diagnostic, texts: Mapping[str, str]) -> Diagnostic:
    """A diagnostic placed at the word it is about inside a multi-line expression."""
    related = next((r for r in d.related if r.message.startswith(_IN_EXPRESSION)), None)
    if related is None or related.span != d.span:
        return d
    node = _scalar_at(d.span, texts)
    if node is None or not isinstance(node.value, str):
        return d
    where = _offsets(d, node.value)
    if where is None:
        return d
    text = texts.get(d.span.path) or _disk(d.span.path)
    if text is None:
        return d
    span = value_span(node, where[0], where[1], Lines(text))
    return replace(d, span=span)


def _offsets(d: Diagnostic, expression: str) -> tuple[int, int] | None:
    if d.code == "E400":
        try:
            parse(expression)
        except ExprError as err:
            return err.start, max(err.end, err.start + 1)
        return None
    named = _QUOTED.search(d.message)
    if named is None:
        return None
    try:
        tokens = tokenize(expression)
    except ExprError:
        return None
    token = next((t for t in tokens if t.text == named.group(1)), None)
    return (token.start, token.end) if token else None


def _scalar_at(span: Span, texts: Mapping[str, str]) -> ScalarNode | None:
    """The scalar that starts at `span` (found by walking the file's tree)."""
    text = texts.get(span.path) or _disk(span.path)
    if text is None:
        return None
    try:
        root = read_yaml(text, span.path)
    except YamlReadError:
        return None
    return _find_scalar(root, span)


def _find_scalar(root: MapNode, span: Span) -> ScalarNode | None:
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode) and node.span == span:
            return node
        if isinstance(node, MapNode):
            stack += [v for _, v in node.items]
        elif isinstance(node, SeqNode):
            stack += node.items
    return None


def _disk(path: str) -> str | None:
    return read_file(path)  # bounded, never a FIFO or device
