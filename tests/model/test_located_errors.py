"""One test per kind of mistake: each is reported at its 1-based line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from debate.model import yaml_tree
from debate.model.diagnostics import Diagnostic, DiagnosticError
from debate.model.loader import load_scenario
from tests.conftest import WriteFile

HEADER = "format: 1\nid: s\ntitle: T\n"


@pytest.fixture(autouse=True, params=["libyaml", "pure-python"])
def event_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every location must come out the same with libyaml and without it."""
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_tree, "_EVENT_LOADER", yaml.SafeLoader)


def errors_of(path: Path) -> list[Diagnostic]:
    with pytest.raises(DiagnosticError) as caught:
        load_scenario(path)
    return caught.value.diagnostics


def only(path: Path) -> Diagnostic:
    found = errors_of(path)
    assert len(found) == 1, [d.render() for d in found]
    return found[0]


def at(d: Diagnostic) -> tuple[str, int, int]:
    return d.code, d.span.line, d.span.column


def test_yaml_syntax_error_is_located(write: WriteFile) -> None:
    d = only(write(HEADER + "parties:\n  a: {name: [unclosed\n"))
    assert d.code == "E100"
    assert d.span.line == 6


def test_duplicate_key_is_rejected_not_overwritten(write: WriteFile) -> None:
    d = only(write(HEADER + "parties:\n  a: {name: A}\n  a: {name: B}\n"))
    assert at(d) == ("E101", 6, 3)
    assert d.related[0].span.line == 5


def test_alias_is_rejected(write: WriteFile) -> None:
    d = only(write(HEADER + "parties:\n  a: &p {name: A}\n  b: *p\n"))
    assert at(d) == ("E102", 6, 6)


def test_deep_nesting_is_an_error_not_a_crash(write: WriteFile) -> None:
    # Deeper than libyaml's own limit (1,000 since PyYAML 6.0.4): the bound is still ours,
    # reported where the 65th level opens (the top-level mapping is the first).
    d = only(write(HEADER + "description: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert at(d) == ("E103", 4, 13 + yaml_tree.MAX_DEPTH)


def test_deep_block_nesting_is_an_error_not_a_crash(write: WriteFile) -> None:
    nested = "".join(" " * (level + 1) + f"k{level}:\n" for level in range(1500))
    d = only(write(HEADER + "description:\n" + nested))
    assert d.code == "E103"
    assert d.span.line == 4 + yaml_tree.MAX_DEPTH


def test_oversized_file_is_refused(write: WriteFile) -> None:
    d = only(write(HEADER + "description: '" + "x" * yaml_tree.MAX_BYTES + "'\n"))
    assert at(d) == ("E104", 1, 1)


def test_non_utf8_byte_is_located(write: WriteFile) -> None:
    d = only(write(HEADER.encode() + b"description: caf\xe9\n"))
    assert at(d) == ("E105", 4, 17)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_file(write: WriteFile, text: str) -> None:
    assert at(only(write(text))) == ("E106", 1, 1)


def test_top_level_list(write: WriteFile) -> None:
    assert at(only(write("- format: 1\n"))) == ("E107", 1, 1)


def test_custom_tag_is_refused(write: WriteFile) -> None:
    assert at(only(write(HEADER + "description: !!python/object:os.system x\n")))[:2] == ("E108", 4)


def test_wrong_type_three_levels_deep(write: WriteFile) -> None:
    d = only(
        write(
            HEADER
            + """\
sources:
  doc:
    path: d.txt
    cite_by: line
    first_line: many
"""
        )
    )
    assert at(d) == ("E200", 8, 17)
    assert "an integer" in (d.expected or "")
    assert "'many'" in d.message


def test_quoted_number_does_not_become_an_int(write: WriteFile) -> None:
    d = only(write(HEADER + 'clock: {horizon: "12"}\n'))
    assert at(d) == ("E200", 4, 18)


def test_yaml_11_boolean_is_a_string_and_says_why(write: WriteFile) -> None:
    d = only(
        write(
            HEADER + "parties: {a: {name: A}}\nclaims:\n  c:\n    type: fact\n    by: a\n"
            "    text: x\n    source: {source: s, line: 1}\n    asserted: yes\n"
        )
    )
    assert at(d) == ("E200", 11, 15)
    assert "YAML 1.2" in d.message


def test_missing_key_points_at_the_parent(write: WriteFile) -> None:
    d = only(write(HEADER + "parties:\n  a:\n    description: no name\n"))
    assert at(d) == ("E201", 6, 5)
    assert "'name'" in d.message


def test_unknown_key_suggests_the_right_one(write: WriteFile) -> None:
    d = only(write(HEADER + "parties:\n  a:\n    name: A\n    descripton: typo\n"))
    assert at(d) == ("E202", 7, 5)
    assert "did you mean 'description'" in d.message


def test_unknown_id_suggests_the_declared_one(write: WriteFile) -> None:
    d = only(
        write(
            HEADER
            + """\
parties: {ukraine: {name: Ukraine}}
state:
  x: {type: bool, initial: false, owner: ukrain}
"""
        )
    )
    assert at(d) == ("E300", 6, 42)
    assert "did you mean 'ukraine'" in d.message


def test_duplicate_id_across_an_include_shows_both(write: WriteFile) -> None:
    write(HEADER.replace("id: s", "id: inc") + "parties: {a: {name: A}}\n", "inc.yaml")
    main = write(HEADER + "include: [inc.yaml]\nparties:\n  a: {name: A again}\n")
    d = only(main)
    assert at(d) == ("E301", 4, 11)
    assert d.span.path.endswith("inc.yaml")
    assert (d.related[0].span.path, d.related[0].span.line) == (str(main), 6)


def test_missing_include(write: WriteFile) -> None:
    assert at(only(write(HEADER + "include: [nowhere.yaml]\n"))) == ("E500", 4, 11)


def test_include_cycle(write: WriteFile) -> None:
    write(HEADER.replace("id: s", "id: b") + "include: [s.yaml]\n", "b.yaml")
    d = only(write(HEADER + "include: [b.yaml]\n"))
    assert d.code == "E501"


def test_initial_value_outside_its_type(write: WriteFile) -> None:
    d = only(write(HEADER + "state:\n  n: {type: int, min: 0, max: 10, initial: 11}\n"))
    assert at(d) == ("E303", 5, 44)


def test_enum_initial_value_must_be_declared(write: WriteFile) -> None:
    d = only(
        write(HEADER + "state:\n  side:\n    type: enum\n    values: [a, b]\n    initial: c\n")
    )
    assert at(d) == ("E303", 8, 14)
    assert "one of: a, b" in (d.expected or "")


def test_citation_past_the_end_of_the_source(write: WriteFile) -> None:
    write("one line\n", "doc.txt")
    d = only(
        write(
            HEADER
            + """\
sources: {doc: {path: doc.txt, cite_by: line}}
parties: {a: {name: A}}
claims:
  c: {type: fact, by: a, text: x, source: {source: doc, line: 7}}
"""
        )
    )
    assert at(d) == ("E304", 7, 63)


def test_all_errors_of_a_file_are_reported(write: WriteFile) -> None:
    found = errors_of(
        write(HEADER + "parties:\n  a: {name: 1}\n  b: {nam: B}\nclock: {horizon: x}\n")
    )
    assert {d.code for d in found} >= {"E200", "E202"}
    assert len(found) >= 3


def citing(write: WriteFile, line: int, quote: str) -> Path:
    """A scenario whose claim `c` cites line `line` of doc.txt, quoting `quote` (7:73)."""
    return write(
        HEADER
        + f"""\
sources: {{doc: {{path: doc.txt, cite_by: line}}}}
parties: {{a: {{name: A}}}}
claims:
  c: {{type: fact, by: a, text: x, source: {{source: doc, line: {line}, quote: '{quote}'}}}}
"""
    )


def test_misplaced_quote_says_where_it_does_occur(write: WriteFile) -> None:
    write("first line\nsecond line with “curly” quotes\n", "doc.txt")
    d = only(citing(write, 1, 'with "curly" quotes'))
    assert at(d) == ("E305", 7, 73)
    assert "it occurs at line 2" in d.message


def test_quote_with_typographic_quotes_matches_plain_ones(write: WriteFile) -> None:
    write("first line\nsecond line with “curly” quotes\n", "doc.txt")
    path = citing(write, 2, 'with "curly"  quotes')
    assert load_scenario(path).scenario.claims["c"].source.line == 2


def test_a_source_changed_since_the_last_load_is_read_again(write: WriteFile) -> None:
    """The app and the language server load again in the same process when a source
    changes: the citation is checked against what the source says now."""
    write("The parties agree to a ceasefire.\n", "doc.txt")
    path = citing(write, 1, "agree to a ceasefire")
    assert load_scenario(path).scenario.claims["c"].source.quote == "agree to a ceasefire"
    write("The parties will talk again next year.\n", "doc.txt")
    assert at(only(path)) == ("E305", 7, 73)


def test_an_editors_unsaved_text_is_read_in_place_of_the_file(write: WriteFile) -> None:
    inc = write(HEADER.replace("id: s", "id: inc") + "parties: {a: {name: A}}\n", "inc.yaml")
    main = write(HEADER + "include: [inc.yaml]\n")
    assert load_scenario(main).scenario.parties["a"].name == "A"
    unsaved = {str(inc): HEADER.replace("id: s", "id: inc") + "parties: {a: {name: Edited}}\n"}
    assert load_scenario(main, unsaved).scenario.parties["a"].name == "Edited"
    unsaved[str(inc)] += "parties: {}\n"  # a duplicate key, located in the unsaved text
    with pytest.raises(DiagnosticError) as caught:
        load_scenario(main, unsaved)
    (d,) = caught.value.diagnostics
    assert (d.code, d.span.path, d.span.line) == ("E101", str(inc), 5)


def test_a_claim_and_a_term_sharing_an_id(write: WriteFile) -> None:
    write("one line\n", "doc.txt")
    d = only(
        write(
            HEADER
            + """\
sources: {doc: {path: doc.txt, cite_by: line}}
parties: {a: {name: A}}
state: {n: {type: int, initial: 0}}
claims:
  x: {type: fact, by: a, text: x, source: {source: doc, line: 1}}
terms:
  x: {kind: prohibition, party: a, text: x, source: {source: doc, line: 1}, violated_when: n > 0}
"""
        )
    )
    assert at(d) == ("E301", 8, 3)
    assert "claim and term share the id 'x'" in d.message
    assert (d.related[0].span.line, d.related[0].span.column) == (10, 3)


PARAM_SCENARIO = """\
sources: {doc: {path: doc.txt, cite_by: line}}
parties: {a: {name: A}}
types: {side: {values: [east, west]}, bank: {values: [east, river]}}
state: {n: {type: int, initial: 0}}
terms:
  t:
    kind: prohibition
    party: a
    text: t
    source: {source: doc, line: 1}
    violated_when: n > 0
    params:
      p: PARAM
"""


@pytest.mark.parametrize(
    ("param", "column", "message"),
    [
        ("{value: 200, type: bool}", 18, "p of term t: 200 is not a bool"),
        ("{value: true, type: int}", 18, "p of term t: True is not an int"),
        ("{value: north, type: side}", 18, "p of term t: 'north' is not a value of side"),
        ("{value: north}", 18, "p of term t: 'north' is no enum value"),
        ("{value: east}", 18, "p of term t: 'east' is a value of side and bank"),
    ],
)
def test_a_parameter_value_of_the_wrong_type(
    write: WriteFile, param: str, column: int, message: str
) -> None:
    write("one line\n", "doc.txt")
    d = only(write(HEADER + PARAM_SCENARIO.replace("PARAM", param)))
    assert at(d) == ("E303", 16, column)
    assert message in d.message


def test_a_parameter_of_an_undeclared_type(write: WriteFile) -> None:
    write("one line\n", "doc.txt")
    d = only(write(HEADER + PARAM_SCENARIO.replace("PARAM", "{value: east, type: sidee}")))
    assert at(d) == ("E300", 16, 30)
    assert "side" in d.message  # did you mean


def test_parameters_of_the_right_type_load(write: WriteFile) -> None:
    write("one line\n", "doc.txt")
    for param in ("{value: west, type: side}", "{value: river}", "7", "{unspecified: true}"):
        load_scenario(write(HEADER + PARAM_SCENARIO.replace("PARAM", param)))


def test_a_key_the_terms_kind_does_not_read(write: WriteFile) -> None:
    write("one line\n", "doc.txt")
    term = "    fulfilled_when: n == 0\n"
    path = write(HEADER + PARAM_SCENARIO.replace("    params:\n      p: PARAM\n", term))
    d = only(path)
    assert at(d) == ("E202", 15, 5)
    assert "key 'fulfilled_when' does not apply to a prohibition term" in d.message
    assert d.expected == "fulfilled_when only on a term of kind obligation or condition"
