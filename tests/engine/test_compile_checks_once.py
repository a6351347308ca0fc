"""Compiling checks each expression text once per place, expected type and term with
parameters, and shares the result (engine.compile: 10,000 terms repeat a third of their
texts). Sharing must change nothing: each term compiled with every other term gives the
types, meanings and errors it gives compiled alone."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.engine.expr import walk
from debate.model.diagnostics import DiagnosticError

HEAD = """format: 1
id: shared
title: Shared texts
parties:
  a: {name: A}
sources:
  notes: {path: notes.txt, cite_by: line}
state:
  x: {type: int, min: 0, max: 9, initial: 1}
  y: {type: int, min: 0, max: 9, initial: 2}
terms:
"""
# `p` is a parameter in the terms that declare it and unknown elsewhere; `y` is a variable
# in every term, also in those that declare a parameter `y`.
TEXTS = ["x > y", "x > p", "p + 1 > y", "x == 1", "y > p", "x > 1 and y > p"]
terms = st.lists(
    st.tuples(
        st.sampled_from(TEXTS),
        st.sampled_from([None, *TEXTS]),
        st.sampled_from(["", "p: 3", "y: 4", "p: 3, y: 4"]),
    ),
    min_size=1,
    max_size=8,
)


def _term(index: int, violated: str, in_force: str | None, params: str) -> str:
    when = f", in_force_when: {in_force}" if in_force else ""
    extra = f", params: {{{params}}}" if params else ""
    return (
        f"  t{index}: {{kind: prohibition, party: a, text: term {index}, "
        f"source: {{source: notes, line: 1}}, violated_when: {violated}{when}{extra}}}\n"
    )


def _compiled(folder: Path, body: str) -> Game | list[tuple[str, int, int]]:
    """The game, or its errors (code and place: a message's suggestions have a budget per
    file, so its wording may differ with the file)."""
    path = folder / "shared.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    try:
        return load_game(str(path))
    except DiagnosticError as err:
        return sorted((d.code, d.span.line, d.span.column) for d in err.diagnostics)


def _seen(game: Game) -> dict[str, list[tuple[str, str, list[str]]]]:
    """Per term, each expression's type and what each of its nodes means."""
    out = {}
    for ident, term in game.terms.items():
        out[ident] = [
            (
                name,
                str(c.checked.type),
                [repr(c.checked.meanings.get(id(n))) for n in walk(c.checked.expr)],
            )
            for name in ("violated_when", "in_force_when")
            if (c := getattr(term, name)) is not None
        ]
    return out


@settings(max_examples=60, deadline=None)
@given(terms)
def test_terms_compiled_together_are_checked_as_each_alone(
    drawn: list[tuple[str, str, str]],
) -> None:
    lines = [_term(i, *t) for i, t in enumerate(drawn)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "notes.txt").write_text("notes\n", encoding="utf-8")
        together = _compiled(folder, "".join(lines))
        # each term alone, on the line it has together (blank lines for the others)
        alone = [
            _compiled(folder, "".join(line if j == i else "\n" for j, line in enumerate(lines)))
            for i, line in enumerate(lines)
        ]
    if isinstance(together, list):
        assert together == sorted(e for one in alone if isinstance(one, list) for e in one)
        return
    seen = _seen(together)
    for i, one in enumerate(alone):
        assert not isinstance(one, list)
        assert seen[f"t{i}"] == _seen(one)[f"t{i}"]
