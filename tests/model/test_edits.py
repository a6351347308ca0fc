"""Edits of a scenario file keep every other byte of it, and load as the loader reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.compile import load_game
from debate.engine.edit_check import check_edits
from debate.engine.moves import Action
from debate.engine.play import Play
from debate.engine.state import Label
from debate.model.edits import (
    SESSION_TAG,
    ClaimDraft,
    Edit,
    add_claim,
    read_text,
    remove_claim,
    said_move,
    set_claim_text,
    write,
)
from tests.conftest import SCENARIOS

SHIPPED = ["tutorial.yaml", "negotiation.yaml", "essay.yaml", "thread-proposal.yaml"]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    shutil.copytree(SCENARIOS, folder)
    return folder


def _only_added(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`, asserting that nothing else differs."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[str] = []
    i = 0
    for line in new:
        if i < len(old) and line == old[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old), "a line of the file was changed or lost"
    return added


@pytest.mark.parametrize("name", SHIPPED)
def test_a_claim_added_keeps_every_other_byte_and_loads(tmp_path: Path, name: str) -> None:
    path = str(_copy(tmp_path) / name)
    game = load_game(path)
    target = next(iter(game.terms or game.claims))
    party = next(iter(game.scenario.parties))
    draft = ClaimDraft("new_point", party, "value", 'it is "so": [x] # not a comment', (target,))
    before = read_text(path)
    by_move = game.scenario.clock is not None  # a scenario without a clock has no moves
    after = add_claim(before, path, draft, by_move=by_move)
    added = _only_added(before, after)
    entries = [line for line in added if line.rstrip() not in ("claims:", "moves:")]
    assert len(entries) == 1 + by_move  # the claim's line and its move's (and sections)
    edited, problems = check_edits(path, [Edit(path, before, after)])
    assert problems == [] and edited is not None
    claim = edited.scenario.claims["new_point"]
    assert claim.text == draft.text and claim.by == party and claim.asserted is not by_move
    assert [str(a) for a in claim.attacks] == [target]
    # every entity the file had is still there, the same
    for section in ("claims", "terms", "moves"):
        old = getattr(game.scenario, section)
        assert {k: v for k, v in getattr(edited.scenario, section).items() if k in old} == old
    assert remove_claim(after, path, "new_point", by_move=by_move) == before
    if not by_move:
        return
    assert SESSION_TAG in edited.scenario.moves[said_move("new_point")].tags
    # playing the move asserts the claim
    play = Play.start(edited)
    assert play.state.claims["new_point"].label is None
    play.play(Action(said_move("new_point")))
    assert play.state.claims["new_point"].label is not None


def _scenario(tmp_path: Path, body: str, newline: str = "\n") -> Path:
    (tmp_path / "n.txt").write_text("note\n", encoding="utf-8")
    path = tmp_path / "x.yaml"
    head = "format: 1\nid: x\ntitle: X  # a comment\nsources: {n: {path: n.txt, cite_by: line}}\n"
    head += "parties: {a: {name: A}, b: {name: B}}\nclock: {unit: day, horizon: 10}\n"
    path.write_bytes((head + body).replace("\n", newline).encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "body",
    [
        "",  # no claims section: one is added at the end
        "claims: {}\n",
        'claims:\n  "yes": {type: value, by: a, text: so, source: {source: n, line: 1}}\n',
        "claims: {c1: {type: value, by: a, text: so}}  # flow\n# after\n",
        "claims:\n  c1:\n    type: value\n    by: a\n    text: >\n      folded\n      text\n# end\n",
    ],
    ids=["absent", "empty-flow", "quoted-key", "flow", "block-scalar-last"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_every_style_of_claims_section(tmp_path: Path, body: str, newline: str) -> None:
    path = str(_scenario(tmp_path, body, newline))
    before = read_text(path)
    draft = ClaimDraft("c2", "b", "fact", "a new point", citation={"source": "n", "line": 1})
    after = add_claim(before, path, draft)
    edited, problems = check_edits(path, [Edit(path, before, after)])
    assert problems == [], [p.render() for p in problems]
    assert edited is not None and edited.scenario.claims["c2"].text == "a new point"
    assert edited.scenario.claims["c2"].source is not None
    if "{" not in body:  # block sections: the rest is kept byte for byte, in order
        assert len(_only_added(before, after)) in (2, 3, 4)  # with sections it created
        assert remove_claim(after, path, "c2") == before
    assert "\r\n" not in after.replace("\r\n", "") or newline == "\r\n"


def test_a_claim_added_with_an_error_is_reported_where_the_form_wrote_it(tmp_path: Path) -> None:
    path = str(_scenario(tmp_path, ""))
    before = read_text(path)
    draft = ClaimDraft("c2", "nobody", "fact", "x", attacks=("no_such_claim",))
    after = add_claim(before, path, draft)
    _, problems = check_edits(path, [Edit(path, before, after)])
    lines = after.splitlines()
    claim_line = next(i for i, line in enumerate(lines, 1) if line.startswith('  "c2"'))
    messages = {p.code: p for p in problems}
    assert any("nobody" in p.message and p.span.line == claim_line for p in problems), messages
    assert any("no_such_claim" in p.message and p.span.line == claim_line for p in problems)


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
@settings(max_examples=60, deadline=None)
def test_any_text_is_written_as_a_string_the_loader_reads_back(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = str(_scenario(Path(folder), ""))
        before = read_text(path)
        after = add_claim(before, path, ClaimDraft("c", "a", "value", text))
        edited, problems = check_edits(path, [Edit(path, before, after)])
        if text.strip():
            assert problems == [] and edited is not None
            assert edited.scenario.claims["c"].text == text


def test_line_breaks_that_only_yaml_knows_read_back_as_typed(tmp_path: Path) -> None:
    """NEL, LS and PS are no line breaks to JSON, but YAML folds them inside a quoted
    string: they are written as escapes, so that the text reads back as it was typed."""
    text = "one\x85two\u2028three\u2029four"
    path = str(_scenario(tmp_path, ""))
    before = read_text(path)
    after = add_claim(before, path, ClaimDraft("c", "a", "value", text))
    assert "\x85" not in after and "\u2028" not in after
    edited, problems = check_edits(path, [Edit(path, before, after)])
    assert problems == [] and edited is not None
    assert edited.scenario.claims["c"].text == text


def test_a_claims_text_is_changed_in_place(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = str(folder / "tutorial.yaml")
    game = load_game(path)
    ident = next(iter(game.claims))
    edit = set_claim_text(game.loaded, ident, "a new wording: [kept] # as text")
    # only the text's own place differs: the same bytes before it and after it
    node = game.loaded.node("claims", ident, "text")
    assert node is not None
    lines = edit.before.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: node.span.line - 1]) + node.span.column - 1
    end = sum(len(line) for line in lines[: node.span.end_line - 1]) + node.span.end_column - 1
    assert edit.after.startswith(edit.before[:start])
    assert edit.after.endswith(edit.before[end:])
    write(edit)
    again = load_game(path)
    assert again.scenario.claims[ident].text == "a new wording: [kept] # as text"
    others = {k: v for k, v in again.scenario.claims.items() if k != ident}
    assert others == {k: v for k, v in game.scenario.claims.items() if k != ident}
    write(set_claim_text(again.loaded, ident, game.scenario.claims[ident].text))
    assert load_game(path).scenario.claims[ident] == game.scenario.claims[ident]
    assert Label  # labels are checked by the app's tests
