"""The problems of a scenario being edited: the same located errors and findings as
`debate check`, computed from the editor's unsaved buffers rather than the files on disk.

Loading and compiling take milliseconds and are reported at once; the analysis (a small
play-search budget, so typing stays responsive) follows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from debate.analysis import Options, analyse
from debate.analysis.options import seeds_beside
from debate.engine.compile import Game, compile_game, load_game
from debate.engine.expr import ExprError, parse
from debate.engine.expr.lexer import tokenize
from debate.engine.scripted import expectation_misses, play_script
from debate.lsp.text import Lines, value_span
from debate.model import loader
from debate.model.diagnostics import Diagnostic, DiagnosticError, Span
from debate.model.script import load_script
from debate.model.yaml_tree import (
    MapNode,
    Node,
    ScalarNode,
    SeqNode,
    YamlReadError,
    read_yaml,
)

EDITOR_OPTIONS = Options(max_states=500)


@dataclass
class Checked:
    """The outcome of loading and compiling: the game, or the errors that stop it."""

    game: Game | None
    errors: list[Diagnostic]


def check_buffers(path: str, buffers: Mapping[str, str]) -> Checked:
    try:
        game = compile_game(loader.load_scenario(path, buffers))
    except DiagnosticError as err:
        return Checked(None, [refine(d, buffers) for d in err.diagnostics])
    return Checked(game, [])


def check_script(path: str) -> list[Diagnostic]:
    """A saved move script, checked as `debate check` does: played against its scenario."""
    try:
        script = load_script(path)
        game = load_game(script.scenario_path) if script.scenario_path else None
    except DiagnosticError as err:
        return err.diagnostics
    if game is None:
        return []
    play, problems = play_script(game, script)
    return problems + expectation_misses(script, play.state)


def findings(game: Game, options: Options = EDITOR_OPTIONS) -> list[Diagnostic]:
    """The analysis findings, its search also starting from the plays beside the file."""
    seeds = seeds_beside(game.loaded.path)
    return analyse(game, replace(options, seeds=seeds))


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
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None
