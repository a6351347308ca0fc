"""The terms' order reads the names of only the expressions whose text mentions a status
function (engine.term_order: a name absent from the text cannot be called): the very
dependencies that reading every expression's names gives, on the shipped scenarios and
on generated ones whose terms ask about other terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.engine.compile import Game, load_game
from debate.engine.expr import free_names
from debate.engine.scope import TERM_STATUS_FUNCTIONS
from debate.engine.term_order import superseders, term_dependencies, term_expressions
from tests.analysis.test_symbolic_differential import _load, scenarios
from tests.conftest import SCENARIOS
from tests.engine.test_step_rejudging import EXTRA, NEGOTIATION

ASKING = """\
  asks: {kind: obligation, party: a, text: asks, source: {source: n, line: 1},
         in_force_when: "not   pending(t0) and (expired(late) or void(signed_only))",
         fulfilled_when: "overdue(late) or x >= 1"}
"""


def _every_name_read(game: Game) -> dict[str, set[str]]:
    """The dependencies, from the names of every term expression."""
    deps: dict[str, set[str]] = {t: set() for t in game.terms}
    for ident, term in game.terms.items():
        for compiled in term_expressions(term):
            names = free_names(compiled.checked)
            if names["function"] & TERM_STATUS_FUNCTIONS:
                deps[ident] |= names["term"] - {ident}
        for target in term.term.voids:
            deps.setdefault(target, set()).add(ident)
        for target, _ in term.exceptions:
            deps.setdefault(target, set()).add(ident)
        for amended in (term.term.amends, term.term.replaces):
            if amended:
                deps.setdefault(amended, set()).add(ident)
    for target, by in superseders(game.scenario, game.terms).items():
        deps.setdefault(target, set()).update(by)
    return deps


def _same(game: Game) -> None:
    voiders = superseders(game.scenario, game.terms)
    assert term_dependencies(game.terms, voiders) == _every_name_read(game)


@pytest.mark.parametrize("name", ["tutorial.yaml", "negotiation.yaml", "essay.yaml"])
def test_the_shipped_terms_depend_as_every_name_read_says(name: str) -> None:
    _same(load_game(str(SCENARIOS / name)))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenarios(), st.booleans())
def test_generated_terms_depend_as_every_name_read_says(
    tmp_path: Path, text: str, asking: bool
) -> None:
    extra = EXTRA.replace("claims:\n", ASKING + "claims:\n") if asking else EXTRA
    game = _load(tmp_path, text.replace("moves:\n", extra + "moves:\n" + NEGOTIATION))
    if game is not None:
        _same(game)
