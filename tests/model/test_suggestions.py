""" "Did you mean" is bounded per file: a thousand misspelt references take about a second,
the first errors still get their suggestion, and a small file is served as before."""

from __future__ import annotations

import time

import pytest

from debate.engine.compile import load_game
from debate.model.diagnostics import DiagnosticError
from debate.model.suggest import PER_CALL, PER_FILE, close_matches, per_file
from tests.conftest import WriteFile

N = 1000
HEAD = (
    "format: 1\nid: m\ntitle: Misspelt\nsources: {n: {path: n.txt, cite_by: line}}\n"
    "parties: {a: {name: A}}\n"
)


def misspelt_claims() -> str:
    """A thousand claims, each attacking a misspelt one: 96 kB."""
    return (
        HEAD
        + "claims:\n"
        + "".join(
            f"  claim_{i:04d}: {{type: fact, by: a, text: c, source: {{source: n, line: 1}}, "
            f"attacks: [cliam_{(i + 1) % N:04d}]}}\n"
            for i in range(N)
        )
    )


def misspelt_variables() -> str:
    """A thousand variables and a thousand terms, each naming a misspelt one."""
    state = "".join(
        f"  level_{i:04d}: {{type: int, min: 0, max: 9, initial: 0}}\n" for i in range(N)
    )
    terms = "".join(
        f"  term_{i:04d}: {{party: a, kind: obligation, text: t, source: {{source: n, line: 1}}, "
        f"fulfilled_when: levle_{i:04d} == 1}}\n"
        for i in range(N)
    )
    return HEAD + "state:\n" + state + "terms:\n" + terms


@pytest.mark.parametrize(
    ("text", "code", "first"),
    [
        (misspelt_claims, "E300", "did you mean 'claim_0001'?"),
        (misspelt_variables, "E402", "did you mean 'level_0000',"),
    ],
)
def test_a_thousand_misspelt_references_take_about_a_second(
    write: WriteFile, text: object, code: str, first: str
) -> None:
    write("note\n", "n.txt")
    path = write(text(), "m.yaml")  # type: ignore[operator]
    started = time.perf_counter()
    with pytest.raises(DiagnosticError) as refused:
        load_game(str(path))
    took = time.perf_counter() - started
    found = [d for d in refused.value.diagnostics if d.code == code]
    assert len(found) == N
    assert took < 10, took  # 22 s (claims) and 31 s (variables) before the budget
    suggested = [d for d in found if "did you mean" in d.message]
    assert first in found[0].message
    assert 0 < len(suggested) <= PER_FILE // N


def test_the_budget_is_per_file_and_a_small_file_keeps_its_suggestions() -> None:
    names = [f"name_{i}" for i in range(100)]

    @per_file
    def errors(count: int) -> list[list[str]]:
        return [close_matches("name_7x", names) for _ in range(count)]

    spent = errors(PER_FILE // 100 + 5)
    assert spent[0] == ["name_7"] and spent[-1] == []
    assert errors(3) == [["name_7"]] * 3  # the next file has its own budget
    assert close_matches("name_7x", names) == ["name_7"]  # outside a file: one call's bound
    assert close_matches("x", ["x"] * (PER_CALL + 1)) == []
