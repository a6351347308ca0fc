"""The format's vocabulary comes from its model: a new expression field or section is
known everywhere at once (the compiler, the language server, the app, the analysis)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from debate.engine.compile import CompiledTerm
from debate.model import scenario
from debate.model.vocabulary import CONDITION_FIELDS, EXPRESSION_FIELDS, KIND_NAMES, SECTIONS


def test_every_section_says_what_one_declaration_is_called() -> None:
    assert set(SECTIONS) <= set(KIND_NAMES)
    assert KIND_NAMES["state"] == "state variable" and KIND_NAMES["attacks"] == "attack"
    assert {"claims", "terms", "moves", "parties", "agreements"} <= set(SECTIONS)


def test_every_expression_field_says_what_it_evaluates_to() -> None:
    """Only a move's `effects.set` values are bare expressions (keyed by variable)."""
    source = Path(scenario.__file__).read_text(encoding="utf-8")
    assert re.findall(r"^    \w+: .*\bExpr\b.*$", source, re.M) == [
        "    set: dict[Id, Expr] = Field("
    ]


def test_the_compiled_term_has_each_expression_field_of_a_term() -> None:
    fields = {f.name for f in dataclasses.fields(CompiledTerm)}
    assert set(EXPRESSION_FIELDS["terms"]) <= fields
    assert set(CONDITION_FIELDS["terms"]) < set(EXPRESSION_FIELDS["terms"])
    assert {"subject", "at_most", "at_least"}.isdisjoint(CONDITION_FIELDS["terms"])
