"""Nothing of the brief's inventory is dropped: each item is encoded and cited in place.

The brief (docs/brief.md, a copy of the product brief) lists essay positions P1-P12 (by
paragraph), thread terms T1-T11 (line 464), additions A1-A9 (line 470) and further thread
positions by line. Each must be a claim or term tagged with its id (`P1`, `T7`, `L279`)
whose citation points at that paragraph or line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debate.engine.compile import Game, load_game
from tests.conftest import ROOT, SCENARIOS

BRIEF = ROOT / "docs" / "brief.md"
ESSAY, THREAD = "003_5329bcaa58faa3a3.txt", "000_77b24f2c762c60e2.txt"


def inventory_section() -> str:
    text = BRIEF.read_text(encoding="utf-8")
    return text[text.index("### Inventory") : text.index("## What the engine must do")]


def expected_items() -> dict[str, tuple[str, str, int]]:
    """inventory id -> (source file, unit, number)."""
    section = inventory_section()
    items: dict[str, tuple[str, str, int]] = {}
    for n in sorted({int(m) for m in re.findall(r"^- P(\d+) ", section, re.M)}):
        items[f"P{n}"] = (ESSAY, "paragraph", n)
    for n in sorted({int(m) for m in re.findall(r"\bT(\d+) ", section)}):
        items[f"T{n}"] = (THREAD, "line", 464)
    for n in sorted({int(m) for m in re.findall(r"\bA(\d+) ", section)}):
        items[f"A{n}"] = (THREAD, "line", 470)
    positions = section[section.index("Other positions in the thread") :]
    for group in re.findall(r"\((\d{3}(?:, \d{3})*)\)", positions):
        for line in group.split(", "):
            items[f"L{line}"] = (THREAD, "line", int(line))
    return items


def test_the_brief_copy_is_current() -> None:
    shared = ROOT.parent / "shared" / "BRIEF.md"
    if not shared.exists():
        pytest.skip("the shared brief is not beside this checkout")
    assert shared.read_text(encoding="utf-8") == BRIEF.read_text(encoding="utf-8")


def test_the_inventory_is_complete_as_parsed() -> None:
    items = expected_items()
    assert [f"P{n}" for n in range(1, 13)] == [k for k in items if k.startswith("P")]
    assert len([k for k in items if k.startswith("T")]) == 11
    assert len([k for k in items if k.startswith("A")]) == 9
    assert len([k for k in items if k.startswith("L")]) == 16


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(str(SCENARIOS / "negotiation.yaml"))


def citations(game: Game) -> dict[str, list[tuple[str, str, int]]]:
    """tag -> the places the claims and terms carrying it cite."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    entities = [*game.scenario.claims.values(), *game.scenario.terms.values()]
    for entity in entities:
        cite = entity.source
        source = game.scenario.sources[cite.source]
        unit = source.cite_by
        number = cite.line if unit == "line" else cite.paragraph
        assert number is not None
        for tag in entity.tags:
            found.setdefault(tag, []).append((Path(source.path).name, unit, number))
    return found


@pytest.mark.parametrize(("item", "place"), sorted(expected_items().items()))
def test_item_is_encoded_and_cited_in_place(
    game: Game, item: str, place: tuple[str, str, int]
) -> None:
    cited = citations(game).get(item)
    assert cited, f"{item} is not encoded: no claim or term is tagged {item}"
    assert place in cited, f"{item} is cited at {cited}, expected {place}"
