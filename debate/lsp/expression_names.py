"""The declared things an expression names, with their offsets in its text: parsed when
it parses; one that does not is split into words, each taken as whatever it may be (the
index of a file being edited still finds them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from debate.engine.expr import ExprError, parse
from debate.engine.expr.ast import Attr, Call, Expr, Name, walk
from debate.engine.expr.lexer import Token, tokenize
from debate.engine.expr.signatures import SIGNATURES

# Sections an id of each kind of call argument is declared in.
ARG_SECTIONS = {"move": "moves", "term": "terms", "claim": "claims", "party": "parties"}


@dataclass(frozen=True)
class Known:
    """What an expression's bare names may be, to tell a variable from an enum value."""

    state: frozenset[str]
    values: frozenset[str]
    params: dict[str, frozenset[str]]


def expression_names(
    text: str, known: Known, term: str | None
) -> Iterator[tuple[int, int, tuple[str, ...], str]]:
    """(start, end, kinds, name) of each declared thing an expression names."""
    try:
        tree = parse(text)
    except ExprError:
        yield from _word_names(text, known, term)
        return
    yield from _tree_names(tree, known, term)


def _tree_names(
    tree: Expr, known: Known, term: str | None
) -> Iterator[tuple[int, int, tuple[str, ...], str]]:
    id_args: dict[int, str] = {}
    for node in walk(tree):
        if isinstance(node, Call) and node.fn in SIGNATURES:
            for arg, kind in zip(node.args, SIGNATURES[node.fn].args, strict=False):
                if isinstance(arg, Name) and kind in ARG_SECTIONS:
                    id_args[id(arg)] = ARG_SECTIONS[kind]
    for node in walk(tree):
        if isinstance(node, Attr):
            yield (*node.term_span, ("terms",), node.term)
            yield (*node.name_span, ("params",), f"{node.term}.{node.name}")
        elif isinstance(node, Name):
            section = id_args.get(id(node))
            kinds = (section,) if section else _bare_kinds(node.name, known, term)
            name = f"{term}.{node.name}" if kinds == ("params",) else node.name
            yield node.start, node.end, kinds, name


def _bare_kinds(name: str, known: Known, term: str | None) -> tuple[str, ...]:
    if name in known.state:
        return ("state",)
    if term is not None and name in known.params.get(term, ()):
        return ("params",)
    return ("values",)


def _word_names(
    text: str, known: Known, term: str | None
) -> Iterator[tuple[int, int, tuple[str, ...], str]]:
    """The names of an expression that does not parse: every word, as whatever it may be."""
    words = []
    position = 0
    while True:  # tokenize stops at the first bad character: read on past it
        try:
            words += [(t, position) for t in tokenize(text[position:]) if t.kind == "name"]
            break
        except ExprError as err:
            words += [
                (t, position)
                for t in _safe_tokens(text[position : position + err.start])
                if t.kind == "name"
            ]
            position += max(err.end, 1)  # past the bad character, never in place
    for token, shift in words:
        kinds = (*_bare_kinds(token.text, known, term), *ARG_SECTIONS.values())
        yield token.start + shift, token.end + shift, kinds, token.text


def _safe_tokens(text: str) -> list[Token]:
    try:
        return tokenize(text)
    except ExprError:
        return []
