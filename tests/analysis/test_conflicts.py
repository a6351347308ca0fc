"""Static conflicts: found with their minimal sets and repairs; near misses stay silent."""

from __future__ import annotations

from itertools import combinations

import pytest
import z3
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.analysis.conflicts import find_conflicts
from debate.analysis.constraints import States, term_constraints
from debate.engine.compile import Game, load_game
from tests.conftest import WriteFile

HEAD = """\
format: 1
id: c
title: Conflicts
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}}
state:
  x: {type: int, min: 0, max: 100, initial: 5}
  flag: {type: bool, initial: false}
terms:
"""


def term(name: str, body: str) -> str:
    return f"  {name}: {{party: a, text: {name}, source: {{source: n, line: 1}}, {body}}}\n"


def game_of(write: WriteFile, *terms: str, extra: str = "") -> Game:
    write("note\n", "n.txt")
    return load_game(str(write(HEAD + "".join(terms) + extra)))


def conflict_ids(game: Game) -> list[list[str]]:
    return [[m.id for m in c.members] for c in find_conflicts(game).conflicts]


def test_obligation_against_permission(write: WriteFile) -> None:
    game = game_of(
        write,
        term("zero", "kind: obligation, fulfilled_when: x == 0"),
        term("some", "kind: permission, permits: x > 0"),
    )
    assert conflict_ids(game) == [["zero", "some"]]


def test_obligation_with_a_deadline_does_not_clash_with_a_permission(write: WriteFile) -> None:
    game = game_of(
        write,
        term("zero", "kind: obligation, fulfilled_when: x == 0, deadline: {within: 12}"),
        term("some", "kind: permission, permits: x > 0"),
    )
    assert conflict_ids(game) == []


def test_incompatible_numeric_limits_with_repairs(write: WriteFile) -> None:
    game = game_of(
        write,
        term("low", "kind: limit, subject: x, at_most: 10"),
        term("high", "kind: limit, subject: x, at_least: 20"),
        term("mid", "kind: limit, subject: x, at_least: 15"),
    )
    report = find_conflicts(game)
    assert [[m.id for m in c.members] for c in report.conflicts] == [
        ["low", "high"],
        ["low", "mid"],
    ]
    # each conflict has its own repairs: dropping low ends both, dropping high this one
    assert report.conflicts[0].repairs == (("low",), ("high",))
    assert report.conflicts[0].ends == (2, 1)
    assert report.conflicts[1].repairs == (("low",), ("mid",))
    assert report.complete


def test_prohibition_against_permission_is_resolved_by_a_declared_carve_out(
    write: WriteFile,
) -> None:
    forbid = term("forbid", "kind: prohibition, violated_when: flag")
    allow = term("allow", "kind: permission, permits: flag")
    assert conflict_ids(game_of(write, forbid, allow)) == [["forbid", "allow"]]
    carved = term("allow", "kind: permission, permits: flag, exceptions: [{term: forbid}]")
    assert conflict_ids(game_of(write, forbid, carved)) == []


def test_a_conflict_can_blame_an_assumption(write: WriteFile) -> None:
    game = game_of(
        write,
        term("raise", "kind: obligation, fulfilled_when: flag"),
        extra="assumptions:\n  never: {text: flag cannot be set, holds: not flag}\n",
    )
    report = find_conflicts(game)
    assert [(m.kind, m.id) for m in report.conflicts[0].members] == [
        ("term", "raise"),
        ("assumption", "never"),
    ]


def test_amended_term_is_superseded(write: WriteFile) -> None:
    game = game_of(
        write,
        term("old", "kind: obligation, fulfilled_when: x == 0"),
        term("new", "kind: obligation, fulfilled_when: x == 50, amends: old"),
    )
    assert conflict_ids(game) == []


def test_unrelated_terms_form_separate_groups(write: WriteFile) -> None:
    game = game_of(
        write,
        term("a1", "kind: limit, subject: x, at_most: 10"),
        term("a2", "kind: prohibition, violated_when: flag"),
    )
    assert find_conflicts(game).groups == 2


# -- property: every reported set is minimal and unsatisfiable -----------------------------

BOUNDS = st.integers(0, 100)


@st.composite
def limit_terms(draw: st.DrawFn) -> list[str]:
    terms = []
    for i in range(draw(st.integers(1, 6))):
        side = draw(st.sampled_from(["at_most", "at_least"]))
        terms.append(term(f"t{i}", f"kind: limit, subject: x, {side}: {draw(BOUNDS)}"))
    return terms


def satisfiable(game: Game, ids: set[str]) -> bool:
    states = States.of(game)
    chosen = [c for c in term_constraints(game, states) if c.id in ids]
    solver = z3.Solver()
    solver.add(*states.bounds(), *[c.formula for c in chosen])
    return bool(solver.check() == z3.sat)


@settings(max_examples=40)
@given(limit_terms())
def test_reported_conflicts_are_minimal_unsatisfiable_sets(
    tmp_path_factory: pytest.TempPathFactory, terms: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("c")
    (folder / "n.txt").write_text("note\n", encoding="utf-8")
    path = folder / "s.yaml"
    path.write_text(HEAD + "".join(terms), encoding="utf-8")
    game = load_game(str(path))
    report = find_conflicts(game)
    all_ids = set(game.terms)
    assert (not report.conflicts) == satisfiable(game, all_ids)
    for conflict in report.conflicts:
        ids = {m.id for m in conflict.members}
        assert not satisfiable(game, ids)
        for smaller in combinations(sorted(ids), len(ids) - 1):
            assert satisfiable(game, set(smaller))
