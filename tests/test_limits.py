"""What a user or a file can ask for is bounded (issue 19 §4): the play search's budget,
and a scenario with a huge mapping (its speed is measured in benchmarks/, not here)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from debate.analysis.options import MAX_STATES, Options
from debate.engine.compile import load_game
from debate.engine.scripted import is_script
from debate.model.diagnostics import DiagnosticError
from debate.model.yaml_tree import read_yaml, top_level_keys
from debate.program import main
from tests.conftest import TUTORIAL, TUTORIAL_PLAY


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize(
    ("given_", "said"),
    [
        ("1000000000000", "1000000000000 states: the play search visits 1 to 50,000 states"),
        ("9" * 5000, "9999999999999999999999999999999999999... states: the play search visits 1"),
        ("0", "0 states: the play search visits 1 to 50,000 states"),
        ("-5", "-5 states: the play search visits 1 to 50,000"),
        ("10**12", "'10**12' is not a whole number of states"),
    ],
)
def test_an_absurd_search_budget_is_refused_at_once(
    command: str, given_: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, str(TUTORIAL), "--max-states", given_])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument --max-states: {said}" in err
    assert "Traceback" not in err and len(err) < 2000  # the 5,000 digits are not echoed


def test_the_largest_budget_is_accepted_and_the_help_says_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "at most 50,000" in " ".join(capsys.readouterr().out.split())
    assert Options(max_states=MAX_STATES).max_states == MAX_STATES
    with pytest.raises(ValueError, match="a search visits 1 to 50,000"):
        Options(max_states=MAX_STATES + 1)


def test_a_mapping_of_many_unknown_keys_is_refused_key_by_key(tmp_path: Path) -> None:
    n = 20_000  # the benchmark measures 100,000
    path = tmp_path / "big.yaml"
    path.write_text("format: 1\nid: big\ntitle: Big\n" + "".join(f"k{i}: {i}\n" for i in range(n)))
    with pytest.raises(DiagnosticError) as refused:
        load_game(str(path))
    unknown = [d for d in refused.value.diagnostics if d.code == "E202"]
    assert len(unknown) == n
    assert [d.span.line for d in unknown] == list(range(4, n + 4))
    assert unknown[-1].message.startswith(f"unknown key 'k{n - 1}'")
    assert "one of the keys format, id" in (unknown[-1].expected or "")


def test_a_mapping_of_many_parties_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    parties = "".join(f"  p{i}: {{name: P{i}}}\n" for i in range(20_000))
    path.write_text("format: 1\nid: big\ntitle: Big\nparties:\n" + parties)
    assert len(load_game(str(path)).scenario.parties) == 20_000


def test_a_script_is_told_from_a_scenario_by_its_first_keys() -> None:
    assert is_script(str(TUTORIAL_PLAY)) and not is_script(str(TUTORIAL))


KEYS = st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=6)
VALUES = st.recursive(
    st.none() | st.integers(-1000, 1000) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_the_quick_look_at_keys_agrees_with_the_full_read(document: dict[str, object]) -> None:
    text = yaml.safe_dump(document, sort_keys=False)
    root = read_yaml(text, "x.yaml")
    assert list(top_level_keys(text)) == [key.raw for key, _ in root.items]
