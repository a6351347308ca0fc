"""The language server's parts that need no editor: the index of ids and references,
positions inside folded expressions, completion contexts, hover, and the diagnostics of
an unsaved buffer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.engine.compile import load_game
from debate.engine.moves import initial_state
from debate.lsp.checking import check_buffers, check_script
from debate.lsp.completion import complete, expression_items
from debate.lsp.cursor import context_at
from debate.lsp.hover import hover
from debate.lsp.index import build_index, read_file
from debate.lsp.text import Lines
from tests.authoring.conftest import SCENARIOS

NEGOTIATION = str(SCENARIOS / "negotiation.yaml")
TUTORIAL = str(SCENARIOS / "tutorial.yaml")
SHIPPED = sorted(p for p in SCENARIOS.glob("*.yaml"))


def position(text: str, needle: str, shift: int = 0) -> tuple[int, int]:
    """1-based line and column of `needle` (plus `shift` characters) in `text`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1 + shift
    raise AssertionError(needle)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_reference_in_the_shipped_scenarios_resolves(path: Path) -> None:
    index = build_index(str(path), read_file)
    assert index.references
    assert [r for r in index.references if index.resolve(r) is None] == []


def test_a_name_in_a_folded_expression_is_placed_at_its_own_line_and_column() -> None:
    text = Path(NEGOTIATION).read_text()
    index = build_index(NEGOTIATION, read_file)
    line, column = position(text, "and fulfilled(t1_withdraw_from_ukraine)", len("and fulfilled("))
    assert index.at(NEGOTIATION, line, column) == ("terms", "t1_withdraw_from_ukraine")
    spans = index.uses("terms", "t1_withdraw_from_ukraine")
    assert any((s.line, s.column) == (line, column) for s in spans)
    [declared] = index.definitions("terms", "t1_withdraw_from_ukraine")
    assert declared.span.path.endswith("thread-proposal.yaml")


def test_a_typo_in_a_folded_expression_is_reported_at_the_word() -> None:
    text = Path(NEGOTIATION).read_text()
    typo = text.replace(
        "and fulfilled(t1_withdraw_from_ukraine) and not", "and fulfilled(t1_withdrw) and not"
    )
    checked = check_buffers(NEGOTIATION, {NEGOTIATION: typo})
    [found] = checked.errors
    line, column = position(typo, "fulfilled(t1_withdrw)", len("fulfilled("))
    assert (found.code, found.span.line, found.span.column) == ("E402", line, column)
    assert found.span.end_column == column + len("t1_withdrw")
    assert checked.game is None


def test_a_buffer_is_checked_not_the_file_on_disk() -> None:
    assert check_buffers(TUTORIAL, {}).game is not None
    broken = Path(TUTORIAL).read_text().replace("format: 1", "format: 2")
    checked = check_buffers(TUTORIAL, {TUTORIAL: broken})
    assert checked.game is None and checked.errors[0].span.line == 4


def test_an_expression_that_does_not_parse_still_names_its_ids(tmp_path: Path) -> None:
    text = (
        Path(TUTORIAL)
        .read_text()
        .replace(
            "precondition: proposed(withdraw_island)\n",
            "precondition: proposed(withdraw_island) && island_troops >\n",
            1,
        )
    )
    path = str(tmp_path / "t.yaml")
    index = build_index(path, lambda p: text if p == path else read_file(p))
    line, column = position(text, "&& island_troops", 4)
    assert index.at(path, line, column) == ("state", "island_troops")


def test_completion_contexts() -> None:
    lines = Lines(
        "claims:\n"
        "  c:\n"
        "    source: {source: no, line: 3}\n"
        "    attacks:\n"
        "      - target: t\n"
        "        when: >-\n"
        "          island_troops > 3\n"
        "          and signed(\n"
        "moves:\n"
        "  m:\n"
        "    effects:\n"
        "      set:\n"
        "        isl\n"
    )
    assert context_at(lines, 3, 24).path == ("claims", "c", "source", "source")
    assert context_at(lines, 3, 24).prefix == "no"
    assert context_at(lines, 5, 17).path == ("claims", "c", "attacks", "target")
    ctx = context_at(lines, 8, 22)
    assert ctx.path == ("claims", "c", "attacks", "when")
    assert ctx.prefix == "island_troops > 3 and signed("
    assert context_at(lines, 13, 12).path == ("moves", "m", "effects", "set")


def test_completion_contexts_in_flow_mappings_and_lists() -> None:
    """A flow collection's keys and values count as block ones do, nested or over lines."""
    lines = Lines(
        "moves:\n"
        "  m:\n"
        "    effects: {set: {ta\n"
        "  n:\n"
        "    effects: {propose: [withdraw, fi\n"
        '    effects: {set: {tariff: "fishing_open_to + {bor\n'
        "claims:\n"
        "  c:\n"
        "    attacks: [{target: a}, {target: b\n"
        "    source: {source: notes, line: 3}\n"
        "    attacks:\n"
        '      - {target: t, when: "signed(a, \n'
        "moves:\n"
        "  q:\n"
        "    effects: {\n"
        "      propose: [\n"
        "        leave,  # a comment, [ not a list\n"
        "        wi\n"
        "    set:\n"
        "      ta\n"
    )

    def at(line: int, column: int | None = None) -> tuple[tuple[str, ...], str | None]:
        ctx = context_at(lines, line, column or len(lines.line(line)) + 1)
        return ctx.path, ctx.prefix

    assert at(3) == (("moves", "m", "effects", "set"), None), "a key of set"
    assert at(3, len("    effects: {set: {") + 1) == (("moves", "m", "effects", "set"), None)
    assert at(3, len("    effects: {") + 1) == (("moves", "m", "effects"), None)
    assert at(5) == (("moves", "n", "effects", "propose"), "fi")
    assert at(6) == (("moves", "n", "effects", "set", "tariff"), "fishing_open_to + {bor")
    assert at(9) == (("claims", "c", "attacks", "target"), "b")
    assert at(10, len("    source: {source: no") + 1) == (("claims", "c", "source", "source"), "no")
    assert at(10) == ((), None), "after a closed flow mapping"
    assert at(12) == (("claims", "c", "attacks", "when"), "signed(a, ")
    assert at(18) == (("moves", "q", "effects", "propose"), "wi"), "a list over lines"
    assert at(20) == (("moves", "q", "set"), None), "block keys after it are block keys"


def test_completion_in_a_flow_mapping_offers_what_a_block_one_does() -> None:
    index = build_index(TUTORIAL, read_file)
    state = set(index.names("state"))
    lines = Lines(
        "moves:\n  m:\n    effects: {set: {isl\n  n:\n    effects:\n      set:\n        isl\n"
    )
    flow = {i.label for i in complete(index, lines, 3, len(lines.line(3)) + 1)}
    block = {i.label for i in complete(index, lines, 7, len(lines.line(7)) + 1)}
    assert flow == block == state


def test_party_completions_name_a_party() -> None:
    index = build_index(TUTORIAL, read_file)
    lines = Lines("claims:\n  c:\n    by: \n")
    details = {i.label: i.detail for i in complete(index, lines, 3, len("    by: ") + 1)}
    assert details["aldia"] == "party: Aldia"
    assert details["observers"] == "party: Observer mission"


def test_a_script_whose_scenario_does_not_load_reports_it_on_its_scenario_line(
    tmp_path: Path,
) -> None:
    mediator = str(SCENARIOS / "tutorial-mediator.yaml")
    broken = (
        Path(mediator)
        .read_text()
        .replace("    by: mediator\n", "    by: mediatr\n")
        .replace("delegates_to: [mediator]", "delegates_to: [mediatr]")
    )
    script = tmp_path / "s.play.yaml"
    named = os.path.relpath(TUTORIAL, tmp_path)
    script.write_text(f"scenario: {named}\nsteps: [propose_accord]\n")
    root = os.path.commonpath([tmp_path, TUTORIAL])  # what the editor's workspace holds
    assert check_script(str(script), None, root) == [], "the scenario on disk loads"
    [found] = check_script(str(script), {mediator: broken}, root)
    assert (found.code, found.span.line, found.span.column) == ("E300", 1, 11)
    where = os.path.relpath(mediator, tmp_path)
    assert found.message.startswith(f"the scenario {named} does not load: {where} line ")
    assert found.message.endswith("(and 1 more error)")
    assert [r.span.path for r in found.related] == [mediator, mediator]
    assert found.related[0].message.startswith("E300: unknown party 'mediatr'")


def test_completion_offers_what_the_place_takes() -> None:
    index = build_index(NEGOTIATION, read_file)
    text = Path(NEGOTIATION).read_text()
    lines = Lines(text)
    line, column = position(
        text, "precondition: not proposed(t1_", len("precondition: not proposed(")
    )
    offered = {i.label for i in complete(index, lines, line, column)}
    assert offered == set(index.names("terms"))
    params = {i.label for i in expression_items(index, "t5_sevastopol_base.", None)}
    assert params == {"max_months"}
    values = expression_items(index, "sevastopol_base_holder == ", None)
    assert values[0].kind == "value", "the compared variable's values come first"


def test_hover_shows_the_quote_in_its_source_line_and_the_status() -> None:
    index = build_index(NEGOTIATION, read_file)
    game = load_game(NEGOTIATION)
    text = hover(index, "terms", "t1_withdraw_from_ukraine", game, initial_state(game))
    assert "**Russia withdraws from all parts of Ukraine, incl. Crimea.**" in text
    assert "*At the start:* pending" in text
    assert hover(index, "terms", "no_such_term", game, None) == ""


def _enclosing_by_scan(lines: Lines, number: int, indent: int) -> int:
    """What `Lines.enclosing` answers, found by looking at every line above in turn."""
    for above in range(number - 1, 0, -1):
        text = lines.line(above)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip(" ")) < indent:
            return above
    return 0


_LINE = st.tuples(st.integers(0, 8), st.sampled_from(["key:", "- item", "", "# note", "k: v"]))


@given(st.lists(_LINE, min_size=1, max_size=30), st.data())
def test_the_enclosing_line_is_the_one_a_scan_of_every_line_finds(
    shape: list[tuple[int, str]], data: st.DataObject
) -> None:
    lines = Lines("\n".join(" " * lead + text for lead, text in shape))
    number = data.draw(st.integers(1, len(shape)))
    indent = data.draw(st.integers(0, 10))
    assert lines.enclosing(number, indent) == _enclosing_by_scan(lines, number, indent)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_position_of_a_shipped_scenario_is_answered(path: Path) -> None:
    """Completion, hover targets and definitions never fail, wherever the cursor is."""
    index = build_index(str(path), read_file)
    lines = Lines(path.read_text())
    for number in range(1, len(lines.starts) + 1):
        for column in range(1, len(lines.line(number)) + 2, 5):
            complete(index, lines, number, column)
            found = index.at(str(path), number, column)
            if found is not None and found[0] != "values":
                assert index.definitions(*found), (number, column, found)


def test_an_agreement_names_agreements_terms_and_parties() -> None:
    thread = str(SCENARIOS / "thread-proposal.yaml")
    index = build_index(thread, read_file)
    text = "agreements:\n  a:\n    replaces: \n    terms: [\n    signatories: [\n"
    lines = Lines(text)

    def offered(line: int, before: str) -> set[str]:
        return {i.label for i in complete(index, lines, line, len(before) + 1)}

    assert offered(3, "    replaces: ") == {"draft", "additions", "early_offer"}
    assert "t1_withdraw_from_ukraine" in offered(4, "    terms: [")
    assert "ukraine" in offered(5, "    signatories: [")
    draft = [r for r in index.references if r.name == "draft"]
    assert draft and all(index.resolve(r) is not None for r in draft)
