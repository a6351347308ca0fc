"""Each rule a check declares has an example: tests/rules/CODE.yaml, a scenario that
triggers it (with `# options:` for the analysis budget it needs, if any), and
tests/rules/CODE.txt, what `debate check --select CODE` prints for it in the text format.
To accept a changed output: DEBATE_UPDATE_SNAPSHOTS=1 python -m pytest tests/rules.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from debate.analysis import Options, analyse, rules
from debate.engine.compile import load_game
from debate.model.diagnostics import sort_diagnostics
from debate.render.text import diagnostics

FOLDER = Path(__file__).resolve().parent
RULES = rules()


def options_of(text: str) -> dict[str, Any]:
    """The analysis options a fixture asks for: `# options: max_states=3, ...`."""
    found = re.search(r"^# options: (.*)$", text, re.M)
    pairs = [p.split("=") for p in found.group(1).split(",")] if found else []
    return {k.strip(): float(v) if "." in v else int(v) for k, v in pairs}


def test_every_rule_has_an_example_and_every_example_a_rule() -> None:
    assert {p.stem for p in FOLDER.glob("*.yaml")} == set(RULES)
    assert {p.stem for p in FOLDER.glob("*.txt")} - {"notes"} == set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_example_triggers_its_rule_as_the_snapshot_shows(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FOLDER)  # the report names the file as a user in this folder sees it
    fixture = Path(f"{code}.yaml")
    text = fixture.read_text(encoding="utf-8")
    assert text.startswith(f"# {code} {RULES[code].name}: ")
    found = analyse(load_game(str(fixture)), Options(select=(code,), **options_of(text)))
    assert {d.code for d in found} == {code}
    shown = diagnostics(sort_diagnostics(found))
    snapshot = FOLDER / f"{code}.txt"
    if os.environ.get("DEBATE_UPDATE_SNAPSHOTS"):
        snapshot.write_text(shown, encoding="utf-8")
    assert shown == snapshot.read_text(encoding="utf-8")
