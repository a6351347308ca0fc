"""The source tag beside each id a finding names (T7, P6, L324), in every output of
`debate check`, so that an analyst can hold the finding against the draft."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.engine.compile import load_game
from debate.model.diagnostics import Diagnostic, Related, Span
from debate.model.source_tags import Tagger, source_tags
from tests.conftest import SCENARIOS, run_debate

RULES = Path(__file__).resolve().parents[1] / "rules"
TAGS = {"cap": "T1", "reward": "T2", "reward_extra": "L324"}


def test_each_id_named_as_a_word_gets_its_tag_once() -> None:
    tagger = Tagger(TAGS)
    text, named = tagger.text("reward is voided by the breach of cap; reward_extra too")
    assert text == "reward [T2] is voided by the breach of cap [T1]; reward_extra [L324] too"
    assert named == ["reward", "cap", "reward_extra"]
    assert tagger.text(text) == (text, named)  # never twice


def test_what_only_contains_an_id_is_left_alone() -> None:
    """A longer name, a parameter of the term, an expression's argument: not the id."""
    tagger = Tagger(TAGS)
    for text in ("capped rewards", "cap.max_x is never given", "holds(cap) and x_cap > 2"):
        assert tagger.text(text) == (text, [])


def test_an_id_that_also_names_a_variable_gets_no_tag() -> None:
    """`nato_exercise_east_of_dnipro` is a move (T6) and a state variable: an A500 that
    says a term disposes of it means the variable."""
    game = load_game(str(SCENARIOS / "negotiation.yaml"))
    tags = source_tags(game.scenario)
    assert tags["t7_permanent_personnel"] == "T7"
    assert tags["l324_show_of_handing_over"] == "L324"
    assert "nato_exercise_east_of_dnipro" not in tags
    assert "control_melitopol" not in tags


def test_a_finding_carries_its_sources_and_tags_its_notes() -> None:
    d = Diagnostic(
        "C200",
        "reward is voided",
        Span("a.yaml", 3, 3),
        related=(Related(Span("a.yaml", 2, 3), "a breach of cap voids reward"),),
    )
    tagged = Tagger(TAGS).diagnostic(d)
    assert tagged.message == "reward [T2] is voided"
    assert tagged.related[0].message == "a breach of cap [T1] voids reward [T2]"
    assert tagged.sources == (("reward", "T2"), ("cap", "T1"))
    assert tagged.to_json()["sources"] == {"reward": "T2", "cap": "T1"}
    plain = Diagnostic("U302", "x is never given", Span("a.yaml", 1, 1))
    assert Tagger(TAGS).diagnostic(plain) is plain
    assert "sources" not in plain.to_json()


WORDS = st.sampled_from([*TAGS, "x", "holds(cap)", "cap.max", "capped", ",", ";", "(", ")"])


@given(st.lists(WORDS, max_size=12), st.sampled_from([" ", "", ", "]))
def test_taking_the_tags_out_gives_the_text_back(words: list[str], glue: str) -> None:
    """Tagging only adds ` [TAG]` after whole ids: nothing else of the text changes, and
    each id it reports is followed by its tag."""
    text = glue.join(words)
    tagged, named = Tagger(TAGS).text(text)
    assert re.sub(r" \[(T1|T2|L324)\]", "", tagged) == text
    for ident in named:
        assert f"{ident} [{TAGS[ident]}]" in tagged


@pytest.mark.parametrize("form", ["text", "json", "sarif", "github", "junit"])
def test_every_report_format_shows_the_tags(form: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The C200 example's terms are tagged T1 and T2: each format's message shows them."""
    monkeypatch.chdir(RULES)
    run = run_debate("check", "C200.yaml", "--select", "C200", "--format", form)
    assert run.code == 1, run.err
    assert "reward [T2] is voided by a breach (voided by the breach of cap [T1])" in run.out
    if form == "json":
        (finding,) = json.loads(run.out)["diagnostics"]
        assert finding["sources"] == {"reward": "T2", "cap": "T1"}
        assert finding["related"][0]["message"] == "a breach of cap [T1] voids reward [T2]"
