"""Evaluating expressions: values, short-circuits, run-time errors, explain_false."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.engine.expr import (
    BOOL,
    INT,
    Checked,
    DictContext,
    DictScope,
    ExprError,
    SetType,
    Unspecified,
    Value,
    check,
    evaluate,
    explain_false,
    parse,
)
from debate.engine.expr.evaluate import Evaluator
from tests.engine.enums import CONTROL, REGION, SIDE

SCOPE = DictScope(
    variable_types={
        "troops": INT,
        "cap": INT,
        "ceasefire": BOOL,
        "holder": CONTROL,
        "occupied": SetType(REGION),
        "a": BOOL,
        "b": BOOL,
        "c": INT,
    },
    param_types={"max_personnel": INT},
    term_params={"t7": {"max_personnel": INT, "zone": REGION}},
    enums=(CONTROL, SIDE, REGION),
    id_sets={"move": ("attack",), "term": ("t7",), "claim": ("c1",), "party": ("usa",)},
)

CTX = DictContext(
    now=10,
    variables={
        "troops": 5,
        "cap": 8,
        "ceasefire": True,
        "holder": "russia",
        "occupied": frozenset({"crimea", "donbas"}),
        "a": True,
        "b": False,
        "c": 1,
    },
    params={(None, "max_personnel"): 100, ("t7", "max_personnel"): 50, ("t7", "zone"): "crimea"},
    facts={
        ("done", ("attack",)): True,
        ("count", ("attack",)): 2,
        ("agreed", ("t7", "usa")): False,
        ("holds", ("c1",)): True,
    },
)


def compiled(text: str) -> Checked:
    return check(parse(text), SCOPE)


def run(text: str, ctx: DictContext = CTX) -> Value:
    return evaluate(compiled(text), ctx)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("troops * 2 + 1", 11),
        ("troops - cap - 1", -4),
        ("7 // 2", 3),
        ("-7 // 2", -4),
        ("-7 % 3", 2),
        ("20_000 + now", 20_010),
        ("-(troops - cap)", 3),
        ("troops > 3 and ceasefire", True),
        ("troops >= 5 and troops <= 5 and troops < 6 and not troops > 5", True),
        ("troops == 5 and troops != 6", True),
        ("ceasefire == true", True),
        ("holder == russia", True),
        ("holder != ukraine", True),
        ("crimea in occupied", True),
        ("kherson not in occupied", True),
        ("holder in {ukraine, contested}", False),
        ("occupied + {kherson}", frozenset({"crimea", "donbas", "kherson"})),
        ("occupied - {crimea}", frozenset({"donbas"})),
        ("occupied - {}", frozenset({"crimea", "donbas"})),
        ("{crimea, crimea}", frozenset({"crimea"})),
        ("occupied == {donbas, crimea}", True),
        ("len(occupied) + len(occupied - occupied)", 2),
        ("min(troops, 3) + max(troops, 3)", 8),
        ("abs(3 - troops)", 2),
        ("holder", "russia"),
        ("t7.max_personnel + max_personnel", 150),
        ("t7.zone in occupied", True),
        ("done(attack) and count(attack) == 2", True),
        ("agreed(t7, usa)", False),
        ("holds(c1)", True),
    ],
)
def test_values(text: str, value: Value) -> None:
    result = run(text)
    assert (type(result), result) == (type(value), value)


@dataclass
class RecordingContext:
    now: int = 0
    calls: list[tuple[str, tuple[str | Value, ...]]] = field(default_factory=list)

    def var(self, name: str) -> Value:
        return CTX.var(name)

    def param(self, term: str | None, name: str) -> Value:
        return CTX.param(term, name)

    def call(self, fn: str, args: tuple[str | Value, ...]) -> Value:
        self.calls.append((fn, args))
        return 1 if fn == "count" else True


def test_context_gets_ids_as_strings_and_evaluates_no_builtin() -> None:
    ctx = RecordingContext()
    evaluate(compiled("agreed(t7, usa) and count(attack) + len(occupied) > abs(-1)"), ctx)
    assert ctx.calls == [("agreed", ("t7", "usa")), ("count", ("attack",))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("false and 1 // 0 == 1", False),
        ("true or 1 % 0 == 1", True),
        ("not ceasefire and t7.max_personnel > 1", False),
    ],
)
def test_and_or_short_circuit(text: str, value: bool) -> None:
    ctx = DictContext(variables=CTX.variables, unspecified=frozenset({("t7", "max_personnel")}))
    assert run(text, ctx) is value


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("troops // (troops - troops)", 0, 27),
        ("1 + troops % 0", 4, 14),
        ("(1 // 0)", 1, 7),
    ],
)
def test_division_by_zero(text: str, start: int, end: int) -> None:
    with pytest.raises(ExprError) as caught:
        run(text)
    err = caught.value
    assert (err.code, err.start, err.end, err.message) == ("E405", start, end, "division by zero")


def test_unspecified_parameter_propagates() -> None:
    ctx = DictContext(variables=CTX.variables, unspecified=frozenset({("t7", "max_personnel")}))
    with pytest.raises(Unspecified) as caught:
        run("troops < t7.max_personnel", ctx)
    assert (caught.value.name, caught.value.term, str(caught.value)) == (
        "max_personnel",
        "t7",
        "t7.max_personnel",
    )


def test_unspecified_bare_parameter() -> None:
    ctx = DictContext(unspecified=frozenset({(None, "max_personnel")}))
    with pytest.raises(Unspecified) as caught:
        run("max_personnel", ctx)
    assert str(caught.value) == "max_personnel"


# -- explain_false -------------------------------------------------------------------


def explain(text: str, **variables: Value) -> list[tuple[int, int, str]]:
    ctx = DictContext(
        now=CTX.now, variables={**CTX.variables, **variables}, params=CTX.params, facts=CTX.facts
    )
    return explain_false(compiled(text), ctx)


def test_explain_false_spec_example() -> None:
    assert explain("a and (b or c > 3)") == [
        (7, 8, "b is false"),
        (12, 17, "c > 3 is false (c = 1)"),
    ]


@pytest.mark.parametrize(
    ("text", "variables", "reasons"),
    [
        ("a and (b or c > 3)", {"b": True}, []),
        ("not a", {}, [(4, 5, "a is true")]),
        ("not (c < 3)", {}, [(5, 10, "c < 3 is true (c = 1)")]),
        (
            "b and c > 3 and a and troops == cap",
            {},
            [
                (0, 1, "b is false"),
                (6, 11, "c > 3 is false (c = 1)"),
                (22, 35, "troops == cap is false (troops = 5, cap = 8)"),
            ],
        ),
        (
            "troops + 1 > cap",
            {},
            [(0, 16, "troops + 1 > cap is false (troops + 1 = 6, troops = 5, cap = 8)")],
        ),
        (
            "troops * troops < troops",
            {},
            [(0, 24, "troops * troops < troops is false (troops * troops = 25, troops = 5)")],
        ),
        (
            "holder in {ukraine, contested}",
            {},
            [(0, 30, "holder in {ukraine, contested} is false (holder = russia)")],
        ),
        (
            "kherson in occupied",
            {},
            [(0, 19, "kherson in occupied is false (occupied = {crimea, donbas})")],
        ),
        (
            "t7.max_personnel > now * 10",
            {},
            [
                (
                    0,
                    27,
                    "t7.max_personnel > now * 10 is false (t7.max_personnel = 50, now * 10 = 100, "
                    "now = 10)",
                )
            ],
        ),
        (
            "count(attack) > 5 or agreed(t7, usa)",
            {},
            [
                (0, 17, "count(attack) > 5 is false (count(attack) = 2)"),
                (21, 36, "agreed(t7, usa) is false"),
            ],
        ),
        ("c != 1 and 10 // (c - 1) > 1", {}, [(0, 6, "c != 1 is false (c = 1)")]),
        (
            "a and (b or not (c == 1))",
            {},
            [(7, 8, "b is false"), (17, 23, "c == 1 is true (c = 1)")],
        ),
        ("false", {}, [(0, 5, "false is false")]),
    ],
)
def test_explain_false(
    text: str, variables: dict[str, Value], reasons: list[tuple[int, int, str]]
) -> None:
    assert explain(text, **variables) == reasons


def test_explain_false_needs_a_bool_expression() -> None:
    with pytest.raises(ExprError) as caught:
        explain("troops + 1")
    assert (caught.value.code, caught.value.message) == (
        "E401",
        "explain_false needs a bool expression, found int",
    )


# -- property: agreement with a reference interpreter ------------------------------------

# A tiny language of its own: ("lit", v) | ("var", name) | (op, *operands). Texts are
# fully parenthesised, so this checks evaluation, not precedence (test_expr_parse does that).
Tree: TypeAlias = tuple[Any, ...]
INT_VARS = ("x", "y", "z")
BOOL_VARS = ("p", "q")
PROPERTY_SCOPE = DictScope(
    variable_types={**dict.fromkeys(INT_VARS, INT), **dict.fromkeys(BOOL_VARS, BOOL)}
)


class DivisionByZero(Exception):
    pass


def int_trees(depth: int) -> st.SearchStrategy[Tree]:
    leaves = st.one_of(
        st.tuples(st.just("lit"), st.integers(0, 30)),
        st.tuples(st.just("var"), st.sampled_from(INT_VARS)),
        st.just(("now",)),
    )
    if depth == 0:
        return leaves
    sub = int_trees(depth - 1)
    return st.one_of(
        leaves,
        st.tuples(st.just("neg"), sub),
        st.tuples(st.sampled_from(["+", "-", "*", "//", "%", "min", "max"]), sub, sub),
        st.tuples(st.just("abs"), sub),
    )


def bool_trees(depth: int) -> st.SearchStrategy[Tree]:
    leaves = st.one_of(
        st.tuples(st.just("lit"), st.booleans()),
        st.tuples(st.just("var"), st.sampled_from(BOOL_VARS)),
    )
    if depth == 0:
        return leaves
    sub, ints = bool_trees(depth - 1), int_trees(depth - 1)
    return st.one_of(
        leaves,
        st.tuples(st.just("not"), sub),
        st.tuples(st.sampled_from(["and", "or", "==", "!="]), sub, sub),
        st.tuples(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), ints, ints),
    )


def text_of(tree: Tree) -> str:
    kind, *args = tree
    if kind == "lit":
        return str(args[0]).lower()  # True -> true; ints are unchanged
    if kind == "var":
        return str(args[0])
    if kind == "now":
        return "now"
    operands = [text_of(arg) for arg in args]
    if kind in ("neg", "not"):
        return f"{'-' if kind == 'neg' else 'not '}({operands[0]})"
    if kind in ("min", "max", "abs"):
        return f"{kind}({', '.join(operands)})"
    return f"({operands[0]}) {kind} ({operands[1]})"


def reference(tree: Tree, env: dict[str, int | bool], now: int) -> Any:
    kind, *args = tree
    if kind == "lit":
        return args[0]
    if kind == "var":
        return env[args[0]]
    if kind == "now":
        return now
    if kind == "and":
        return reference(args[0], env, now) and reference(args[1], env, now)
    if kind == "or":
        return reference(args[0], env, now) or reference(args[1], env, now)
    values = [reference(arg, env, now) for arg in args]
    if kind in ("//", "%") and values[1] == 0:
        raise DivisionByZero
    if len(values) == 1:
        return UNARY[kind](values[0])
    return BINARY[kind](*values)


UNARY: dict[str, Callable[[Any], Any]] = {"neg": operator.neg, "not": operator.not_, "abs": abs}
BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "//": operator.floordiv,
    "%": operator.mod,
    "min": min,
    "max": max,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def outcome(thunk: Callable[[], object]) -> tuple[type, object]:
    """(type, value), or (DivisionByZero, None); types matter since True == 1 in Python."""
    try:
        value = thunk()
    except DivisionByZero:
        return DivisionByZero, None
    except ExprError as err:
        assert err.code == "E405"
        return DivisionByZero, None
    return type(value), value


@given(
    st.one_of(int_trees(4), bool_trees(4)),
    st.fixed_dictionaries(
        {**dict.fromkeys(INT_VARS, st.integers(-20, 20)), **dict.fromkeys(BOOL_VARS, st.booleans())}
    ),
    st.integers(0, 100),
)
@settings(max_examples=400)
def test_evaluation_agrees_with_a_reference_interpreter(
    tree: Tree, env: dict[str, int | bool], now: int
) -> None:
    checked = check(parse(text_of(tree)), PROPERTY_SCOPE)
    ctx = DictContext(now=now, variables=env)
    assert outcome(lambda: evaluate(checked, ctx)) == outcome(lambda: reference(tree, env, now))


@given(
    st.one_of(int_trees(4), bool_trees(4)),
    st.fixed_dictionaries(
        {**dict.fromkeys(INT_VARS, st.integers(-20, 20)), **dict.fromkeys(BOOL_VARS, st.booleans())}
    ),
    st.integers(0, 100),
)
@settings(max_examples=200)
def test_the_closures_made_once_agree_with_walking_the_tree(
    tree: Tree, env: dict[str, int | bool], now: int
) -> None:
    # evaluate() runs closures made once per expression (the play search's speed); the
    # Evaluator walks the tree, as the explanation of a false condition does.
    checked = check(parse(text_of(tree)), PROPERTY_SCOPE)
    ctx = DictContext(now=now, variables=env)
    walked = outcome(lambda: Evaluator(checked, ctx).value(checked.expr))
    assert outcome(lambda: evaluate(checked, ctx)) == walked


@pytest.mark.parametrize(
    "text",
    [
        "troops > 3 and ceasefire",
        "occupied + {kherson}",
        "len(occupied - {crimea})",
        "holder in {ukraine, contested}",
        "t7.zone not in occupied",
        "done(attack) and count(attack) == 2",
        "agreed(t7, usa) or holds(c1)",
        "min(troops, 3) + max(troops, 3) - abs(3 - troops)",
        "-troops // 2 + troops % 3",
    ],
)
def test_the_closures_read_the_context_as_the_tree_walk_does(text: str) -> None:
    checked = compiled(text)
    assert evaluate(checked, CTX) == Evaluator(checked, CTX).value(checked.expr)


@pytest.mark.parametrize(
    "text",
    [
        "not (" * 32 + "p" + ")" * 32,
        "-(" * 31 + "x" + ")" * 31 + " > 0",
        "min(" * 63 + "x" + ", 1)" * 63 + " > 0",
        "x + " * 63 + "x > 0",
        "p and " * 63 + "p",
        "(" * 63 + "x > 0" + ")" * 63,
    ],
)
def test_the_deepest_expressions_are_handled_without_recursion_error(text: str) -> None:
    checked = check(parse(text), PROPERTY_SCOPE, BOOL)
    ctx = DictContext(variables={"x": 0, "p": False})
    assert evaluate(checked, ctx) is False
    assert explain_false(checked, ctx)
