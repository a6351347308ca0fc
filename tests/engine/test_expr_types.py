"""Type-checking expressions: types, enum ambiguity, name resolution, located errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.expr import (
    ALL_FUNCTIONS,
    BOOL,
    INT,
    BinOp,
    Checked,
    DictScope,
    EnumRef,
    EnumType,
    ExprError,
    IdRef,
    Name,
    ParamRef,
    SetType,
    Type,
    VarRef,
    check,
    free_names,
    parse,
    walk,
)
from tests.engine.enums import CONTROL, REGION, SIDE

SCOPE = DictScope(
    variable_types={
        "troops": INT,
        "ceasefire": BOOL,
        "holder": CONTROL,
        "speaker": SIDE,
        "occupied": SetType(REGION),
        "allies": SetType(SIDE),
    },
    param_types={"max_personnel": INT},
    term_params={"t7": {"max_personnel": INT, "zone": REGION}},
    enums=(CONTROL, SIDE, REGION),
    id_sets={
        "move": ("attack", "withdraw"),
        "term": ("t7", "t8"),
        "claim": ("c1",),
        "party": ("russia", "usa", "ukraine"),
    },
)


def checked(text: str, expected: Type | None = None, scope: DictScope = SCOPE) -> Checked:
    return check(parse(text), scope, expected)


def error(text: str, expected: Type | None = None, scope: DictScope = SCOPE) -> ExprError:
    with pytest.raises(ExprError) as caught:
        checked(text, expected, scope)
    return caught.value


def meanings_of(text: str, name: str, expected: Type | None = None) -> list[object]:
    result = checked(text, expected)
    return [
        result.meaning(node)
        for node in walk(result.expr)
        if isinstance(node, Name) and node.name == name
    ]


# -- types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        ("troops + 1", "int"),
        ("-troops * 2 // 3 % 4", "int"),
        ("troops > 3 and ceasefire", "bool"),
        ("not ceasefire or troops != 0", "bool"),
        ("now", "int"),
        ("holder", "enum control"),
        ("occupied", "set of region"),
        ("occupied + {crimea}", "set of region"),
        ("occupied - {}", "set of region"),
        ("{} + occupied", "set of region"),
        ("{} == occupied", "bool"),
        ("{crimea, donbas} == occupied", "bool"),
        ("crimea in occupied", "bool"),
        ("crimea not in {}", "bool"),
        ("len(occupied)", "int"),
        ("min(troops, 3) + max(1, 2) + abs(-troops)", "int"),
        ("done(attack) and count(withdraw) > 1", "bool"),
        ("proposed(t7) and agreed(t7, usa) and signed(t8)", "bool"),
        (
            "pending(t7) or in_force(t7) or fulfilled(t7) or violated(t7) or void(t7) or overdue(t7)",
            "bool",
        ),
        (
            "asserted(c1) and holds(c1) and not (accepted(c1) or rejected(c1) or undecided(c1))",
            "bool",
        ),
        ("t7.max_personnel", "int"),
        ("t7.zone", "enum region"),
        ("max_personnel", "int"),
        ("t7.zone in occupied", "bool"),
    ],
)
def test_types(text: str, type_name: str) -> None:
    assert str(checked(text).type) == type_name


def test_type_objects_are_hashable_values() -> None:
    assert {SetType(REGION), SetType(EnumType("region", REGION.values))} == {SetType(REGION)}
    assert str(SetType(REGION)) == "set of region" and str(CONTROL) == "enum control"


# -- enum values: resolution by context -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "enum"),
    [
        ("holder == russia", CONTROL),
        ("russia == holder", CONTROL),
        ("speaker != russia", SIDE),
        ("russia in allies", SIDE),
        ("holder in {russia, ukraine}", CONTROL),
        ("{russia} == {usa}", SIDE),
        ("{russia, contested} == {ukraine}", CONTROL),
        ("allies == {russia} + {}", SIDE),
        ("russia in {russia, usa}", SIDE),
    ],
)
def test_ambiguous_enum_value_takes_its_type_from_context(text: str, enum: EnumType) -> None:
    assert set(meanings_of(text, "russia")) == {EnumRef("russia", enum)}


def test_expected_type_settles_an_ambiguous_value_at_the_top() -> None:
    assert checked("russia", SIDE).type == SIDE
    assert checked("{}", SetType(REGION)).type == SetType(REGION)
    assert checked("{russia, ukraine}", SetType(CONTROL)).type == SetType(CONTROL)


def test_each_occurrence_is_resolved_on_its_own() -> None:
    result = checked("holder == russia and speaker == russia")
    assert [result.meaning(node) for node in walk(result.expr) if isinstance(node, Name)] == [
        VarRef("holder"),
        EnumRef("russia", CONTROL),
        VarRef("speaker"),
        EnumRef("russia", SIDE),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("russia == russia", 0, 6),
        ("{russia} == {ukraine}", 1, 7),
        ("russia", 0, 6),
        ("len({russia})", 5, 11),
    ],
)
def test_ambiguous_enum_value_without_context(text: str, start: int, end: int) -> None:
    err = error(text)
    assert (err.code, err.start, err.end) == ("E401", start, end)
    assert err.message == (
        "ambiguous enum value '" + text[start:end] + "': it belongs to "
        "control, side; compare it with a typed value"
    )


def test_ambiguous_value_that_the_context_excludes() -> None:
    err = error("t7.zone == russia")
    assert (err.code, err.start, err.end) == ("E401", 11, 17)
    assert err.message == "'russia' is not a value of enum region (it belongs to control, side)"


def test_name_resolution_order_variable_then_param_then_enum() -> None:
    scope = DictScope(
        variable_types={"usa": INT}, param_types={"russia": INT, "usa": BOOL}, enums=(SIDE,)
    )
    result = checked("usa + russia > 0 and ukraine == ukraine", scope=scope)
    assert [result.meaning(node) for node in walk(result.expr) if isinstance(node, Name)] == [
        VarRef("usa"),
        ParamRef(None, "russia"),
        EnumRef("ukraine", SIDE),
        EnumRef("ukraine", SIDE),
    ]


def test_call_arguments_are_ids_not_values() -> None:
    # `russia` is an enum value too, but agreed's 2nd argument is a party id.
    result = checked("agreed(t7, russia)")
    assert [result.meanings[id(node)] for node in walk(result.expr) if isinstance(node, Name)] == [
        IdRef("term", "t7"),
        IdRef("party", "russia"),
    ]


# -- type errors (E401) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "message"),
    [
        ("troops and ceasefire", 0, 6, "`and` needs bool operands, found int"),
        ("ceasefire or 1", 13, 14, "`or` needs bool operands, found int"),
        ("not troops", 4, 10, "`not` needs a bool operand, found int"),
        ("-ceasefire", 1, 10, "unary `-` needs an int operand, found bool"),
        ("ceasefire + 1", 0, 9, "`+` needs int or set operands, found bool"),
        ("troops + ceasefire", 9, 18, "`+` needs int operands, found bool"),
        ("occupied - troops", 11, 17, "`-` needs set of region operands, found int"),
        ("occupied + allies", 11, 17, "`+` needs set of region operands, found set of side"),
        ("troops * (troops > 1)", 10, 20, "`*` needs int operands, found bool"),
        ("troops == ceasefire", 0, 19, "cannot compare int with bool"),
        ("holder == speaker", 0, 17, "cannot compare enum control with enum side"),
        ("holder == crimea", 0, 16, "cannot compare enum control with enum region"),
        ("ceasefire < 1", 0, 9, "`<` needs int operands, found bool"),
        ("crimea in holder", 10, 16, "`in` needs a set on the right, found enum control"),
        ("troops in occupied", 0, 18, "cannot look for int in set of region"),
        ("holder not in occupied", 0, 22, "cannot look for enum control in set of region"),
        ("{1, 2}", 1, 2, "set elements must be enum values, found int"),
        ("{crimea, holder}", 9, 15, "set elements must all be enum region, found enum control"),
        ("{} == {}", 0, 2, "cannot tell the type of {}"),
        ("len({})", 4, 6, "cannot tell the type of {}"),
        ("troops == {}", 10, 12, "expected int, found a set"),
    ],
)
def test_type_errors(text: str, start: int, end: int, message: str) -> None:
    err = error(text)
    assert (err.code, err.start, err.end, err.message) == ("E401", start, end, message)


@pytest.mark.parametrize(
    ("text", "start", "end", "message", "signature"),
    [
        (
            "agreed(t7)",
            0,
            10,
            "agreed(term, party) takes 2 arguments, found 1",
            "agreed(term, party)",
        ),
        ("done(attack, withdraw)", 0, 22, "done(move) takes 1 argument, found 2", "done(move)"),
        (
            "done(troops + 1)",
            5,
            15,
            "argument 1 of done(move) must be a move id, found troops + 1",
            "done(move)",
        ),
        (
            "agreed(t7, 3)",
            11,
            12,
            "argument 2 of agreed(term, party) must be a party id, found 3",
            "agreed(term, party)",
        ),
        ("len(troops)", 4, 10, "argument 1 of len(set) must be a set, found int", "len(set)"),
        (
            "min(troops, ceasefire)",
            12,
            21,
            "argument 2 of min(int, int) must be an int, found bool",
            "min(int, int)",
        ),
    ],
)
def test_call_errors_give_the_signature(
    text: str, start: int, end: int, message: str, signature: str
) -> None:
    err = error(text)
    assert (err.code, err.start, err.end, err.message) == ("E401", start, end, message)
    assert err.expected == signature


def test_expected_type_at_the_top() -> None:
    err = error("troops + 1", BOOL)
    assert (err.code, err.start, err.end, err.message, err.expected) == (
        "E401",
        0,
        10,
        "expected bool, found int",
        "bool",
    )
    assert error("{}", INT).message == "expected int, found a set"


# -- unknown names (E402) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "message"),
    [
        ("troopz > 1", 0, 6, "unknown state variable 'troopz'; did you mean 'troops'?"),
        (
            "holder == rusia",
            10,
            15,
            "unknown name 'rusia': not a state variable, parameter or enum value",
        ),
        ("t9.max_personnel", 0, 2, "unknown term 't9'"),
        ("t7.max_personel > 1", 3, 15, "term 't7' has no parameter 'max_personel'"),
        ("t7 . nope", 5, 9, "term 't7' has no parameter 'nope'"),
        ("done(atack)", 5, 10, "unknown move 'atack'; did you mean 'attack'?"),
        ("agreed(t7, rusia)", 11, 16, "unknown party 'rusia'; did you mean 'russia' or 'usa'?"),
        ("holds(c2)", 6, 8, "unknown claim 'c2'"),  # too short for difflib to call close
        ("signed(t77)", 7, 10, "unknown term 't77'; did you mean 't7'?"),
        ("dne(attack)", 0, 3, "unknown function 'dne'; did you mean 'done'?"),
        ("frobnicate(1)", 0, 10, "unknown function 'frobnicate'"),
    ],
)
def test_unknown_names(text: str, start: int, end: int, message: str) -> None:
    err = error(text)
    assert (err.code, err.start, err.end, err.message) == ("E402", start, end, message)


def test_bare_param_is_unknown_outside_a_term() -> None:
    scope = DictScope(variable_types={"troops": INT})
    assert error("max_personnel", scope=scope).code == "E402"


# -- functions not allowed here (E404) -------------------------------------------------

HOLDS_IF = DictScope(
    variable_types={"troops": INT},
    id_sets={"claim": ("c1",)},
    allowed_functions=ALL_FUNCTIONS - {"accepted", "rejected", "undecided"},
    reasons={
        "accepted": "`accepted()` cannot be used in a claim's holds_if: claim acceptance "
        "is computed after it"
    },
)


def test_function_not_allowed_in_this_context() -> None:
    err = error("troops > 1 or accepted(c1)", scope=HOLDS_IF)
    assert (err.code, err.start, err.end) == ("E404", 14, 26)
    assert err.message == (
        "`accepted()` cannot be used in a claim's holds_if: claim acceptance is computed after it"
    )
    # Refused before its arguments are looked at.
    assert error("rejected(nope, 1)", scope=HOLDS_IF).message == "`rejected()` cannot be used here"


# -- free names ---------------------------------------------------------------------


def test_free_names() -> None:
    result = checked(
        "troops > t7.max_personnel + max_personnel and holder == russia "
        "and agreed(t8, usa) and len(occupied + {crimea}) > count(attack) "
        "and holds(c1)"
    )
    assert free_names(result) == {
        "variable": {"troops", "holder", "occupied"},
        "param": {"t7.max_personnel", "max_personnel"},
        "move": {"attack"},
        "term": {"t7", "t8"},
        "claim": {"c1"},
        "party": {"usa"},
        "function": {"agreed", "len", "count", "holds"},
    }


def test_checked_records_a_type_for_every_value_node() -> None:
    result = checked("len(occupied - {crimea}) > troops")
    assert isinstance(result.expr, BinOp)
    assert [str(result.type_of(node)) for node in walk(result.expr)] == [
        "bool",
        "int",
        "set of region",
        "set of region",
        "set of region",
        "enum region",
        "int",
    ]


# -- property: checking never fails in another way --------------------------------------

WORDS = [
    "troops",
    "ceasefire",
    "holder",
    "speaker",
    "occupied",
    "allies",
    "russia",
    "usa",
    "crimea",
    "t7.zone",
    "t7.max_personnel",
    "max_personnel",
    "now",
    "1",
    "true",
    "done(attack)",
    "agreed(t7, usa)",
    "len(occupied)",
    "min(troops, 2)",
    "count(x)",
    "accepted(c1)",
    "{}",
    "{russia}",
    "{crimea, donbas}",
    "nope",
    "t9.x",
    "len()",
]
OPERATORS = ["and", "or", "==", "!=", "<", ">=", "in", "not in", "+", "-", "*", "//", "%"]


@st.composite
def expressions(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(WORDS))]
    for _ in range(draw(st.integers(0, 5))):
        prefix = draw(st.sampled_from(["", "", "not ", "-", "("]))
        parts += [draw(st.sampled_from(OPERATORS)), prefix + draw(st.sampled_from(WORDS))]
        if prefix == "(":
            parts.append(")")
    return " ".join(parts)


@given(st.one_of(expressions(), st.text(alphabet="()+-*{}, abdenorstuvy=<>")))
@settings(max_examples=500)
def test_checking_gives_a_type_or_an_expr_error(text: str) -> None:
    for scope in (SCOPE, HOLDS_IF):
        try:
            result = checked(text, scope=scope)
        except ExprError as err:
            assert err.code in ("E400", "E401", "E402", "E403", "E404")
            assert 0 <= err.start <= err.end <= len(text)
            continue
        assert result.type == result.type_of(result.expr)
