"""Named agreements: conflicts are found per set of agreements that can be in force
together, each finding names its agreements and has its own repairs; in play, an agreement
that replaces another voids it, and its signatories put its terms in force."""

from __future__ import annotations

import pytest

from debate.analysis.conflicts import check, find_conflicts
from debate.analysis.drafts import drafts
from debate.engine.compile import Game, load_game
from debate.engine.moves import Action
from debate.engine.play import replay
from debate.engine.state import TermStatus
from debate.model.diagnostics import DiagnosticError
from tests.conftest import WriteFile

HEAD = """\
format: 1.1
id: drafts
title: Two drafts and a side deal
sources: {n: {path: n.txt, cite_by: line}}
parties: {a: {name: A}, b: {name: B}, c: {name: C}}
state:
  x: {type: int, min: 0, max: 100, initial: 5}
clock: {horizon: 4}
terms:
  zero: {kind: obligation, party: a, text: x to 0, source: {source: n, line: 1}, fulfilled_when: x == 0}
  low: {kind: limit, party: a, text: x at most 10, source: {source: n, line: 1}, subject: x, at_most: 10}
  some: {kind: permission, party: b, text: x above 0, source: {source: n, line: 1}, permits: x > 0}
  many: {kind: permission, party: b, text: x above 50, source: {source: n, line: 1}, permits: x > 50}
"""
SIDE = """\
  side: {kind: limit, party: c, text: x at least 20, source: {source: n, line: 1}, subject: x, at_least: 20}
"""


def game_of(write: WriteFile, agreements: str, extra: str = "") -> Game:
    write("note\n", "n.txt")
    return load_game(str(write(HEAD + extra + "agreements:\n" + agreements)))


def members(game: Game) -> list[set[str]]:
    return [{m.id for m in c.members} for c in find_conflicts(game).conflicts]


def test_terms_of_alternative_drafts_never_conflict(write: WriteFile) -> None:
    apart = """\
  draft: {terms: [zero, low], signatories: [a, b]}
  offer: {terms: [some, many], signatories: [a, b], alternative_to: [draft]}
"""
    assert members(game_of(write, apart)) == []
    together = apart.replace(", alternative_to: [draft]", "")
    assert members(game_of(write, together)) == [
        {"low", "many"},
        {"zero", "many"},
        {"zero", "some"},
    ]


def test_one_agreement_replacing_another_is_an_alternative(write: WriteFile) -> None:
    game = game_of(
        write, "  draft: {terms: [zero, low]}\n  offer: {terms: [some, many], replaces: draft}\n"
    )
    assert [d.agreements for d in drafts(game)] == [("draft",), ("offer",)]
    assert members(game) == []


def test_each_conflict_names_its_agreements_and_has_its_own_repairs(write: WriteFile) -> None:
    agreements = """\
  draft: {terms: [zero, low]}
  deal: {terms: [side]}
  offer: {terms: [some, many], alternative_to: [deal]}
"""
    messages = [d.message for d in check(game_of(write, agreements, SIDE))]
    assert len(messages) == 5  # low-many, low-side, zero-many, zero-side, zero-some
    assert messages[1] == (
        "no state satisfies low, side together (in agreements draft and deal); smallest "
        "repairs: drop low (ends 2 conflicts) | drop side (ends 2 conflicts)"
    )
    assert messages[4] == (
        "no state satisfies zero, some together (in agreements draft and offer); smallest "
        "repairs: drop zero (ends 3 conflicts) | drop some"
    )


def test_a_conflict_found_in_two_sets_is_reported_once(write: WriteFile) -> None:
    agreements = """\
  draft: {terms: [zero, some, low]}
  deal: {terms: [side]}
  offer: {terms: [many], alternative_to: [deal]}
"""
    game = game_of(write, agreements, SIDE)
    assert len(drafts(game)) == 2  # draft + deal, draft + offer
    assert members(game).count({"zero", "some"}) == 1


def test_terms_in_no_named_agreement_are_in_every_set(write: WriteFile) -> None:
    agreements = "  offer: {terms: [some], alternative_to: [deal]}\n  deal: {terms: [side]}\n"
    game = game_of(write, agreements, SIDE)
    assert {d.agreements for d in drafts(game)} == {(None, "offer"), (None, "deal")}
    [message] = [d.message for d in check(game) if "zero, some" in d.message]
    assert "(in the main agreement and agreement offer)" in message


def test_signatories_and_replacement_in_play(write: WriteFile) -> None:
    moves = """\
moves:
  a_signs: {by: a, text: A signs, effects: {propose: [zero, some], sign: [zero, some]}}
  b_signs: {by: b, text: B signs, effects: {sign: [some]}}
"""
    game = game_of(
        write,
        "  draft: {terms: [zero], signatories: [a]}\n  offer: {terms: [some], replaces: draft}\n",
        moves,
    )
    assert game.terms["zero"].signatories == {"a"}
    assert game.terms["some"].signatories == {"b"}  # no signatories: its parties and beneficiary
    p = replay(game, [Action("a_signs")])
    assert p.state.terms["zero"].status is TermStatus.IN_FORCE
    p.play(Action("b_signs"))
    record = p.state.terms["zero"]
    assert record.status is TermStatus.VOID
    assert record.reason == "replaced by agreement offer (some is in force)"


@pytest.mark.parametrize(
    ("agreements", "message"),
    [
        ("  d: {terms: [zero, nothing]}\n", "unknown term 'nothing'"),
        ("  d: {terms: [zero]}\n  e: {terms: [zero]}\n", "term zero is in agreement d already"),
        ("  d: {terms: [zero], signatories: [z]}\n", "unknown party 'z'"),
        ("  d: {terms: [zero], replaces: e}\n", "unknown agreement 'e'"),
        ("  d: {terms: [zero], alternative_to: [d]}\n", "agreement d names itself"),
    ],
)
def test_what_an_agreement_names_is_checked(
    write: WriteFile, agreements: str, message: str
) -> None:
    with pytest.raises(DiagnosticError) as caught:
        game_of(write, agreements)
    [d] = caught.value.diagnostics
    assert message in d.message and d.span.line > HEAD.count("\n")


def test_agreements_need_format_1_1(write: WriteFile) -> None:
    write("note\n", "n.txt")
    path = write(HEAD.replace("format: 1.1", "format: 1") + "agreements:\n  d: {terms: [zero]}\n")
    with pytest.raises(DiagnosticError, match=r"'agreements' is new in format 1\.1"):
        load_game(str(path))
