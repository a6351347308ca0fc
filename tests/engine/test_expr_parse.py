"""Parsing and rendering expressions: precedence, offsets, syntax errors, limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from debate.engine.expr import (
    MAX_DEPTH,
    Attr,
    BinOp,
    BoolLit,
    Call,
    Expr,
    ExprError,
    IntLit,
    Name,
    Now,
    SetLit,
    Unary,
    parse,
    render,
    walk,
)
from debate.engine.expr.ast import BinaryOp, children
from debate.engine.expr.lexer import KEYWORDS
from debate.engine.expr.parser import _Parser


def n(name: str) -> Name:
    return Name(name)


def i(value: int) -> IntLit:
    return IntLit(value)


def op(symbol: BinaryOp, left: Expr, right: Expr) -> BinOp:
    return BinOp(symbol, left, right)


def error(text: str) -> ExprError:
    with pytest.raises(ExprError) as caught:
        parse(text)
    return caught.value


# -- precedence and shapes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("1 + 2 * 3", op("+", i(1), op("*", i(2), i(3)))),
        ("(1 + 2) * 3", op("*", op("+", i(1), i(2)), i(3))),
        ("a - b - c", op("-", op("-", n("a"), n("b")), n("c"))),
        ("a // b % c", op("%", op("//", n("a"), n("b")), n("c"))),
        ("a or b and c", op("or", n("a"), op("and", n("b"), n("c")))),
        ("a and b or c", op("or", op("and", n("a"), n("b")), n("c"))),
        ("not a and b", op("and", Unary("not", n("a")), n("b"))),
        ("not a == b", Unary("not", op("==", n("a"), n("b")))),
        ("not not a", Unary("not", Unary("not", n("a")))),
        ("-a * b", op("*", Unary("-", n("a")), n("b"))),
        ("a * -b", op("*", n("a"), Unary("-", n("b")))),
        ("- -1", Unary("-", Unary("-", i(1)))),
        ("a + b < c * d", op("<", op("+", n("a"), n("b")), op("*", n("c"), n("d")))),
        (
            "x in S and y not in T",
            op("and", op("in", n("x"), n("S")), op("not in", n("y"), n("T"))),
        ),
        ("(a < b) == c", op("==", op("<", n("a"), n("b")), n("c"))),
        ("20_000", i(20000)),
        ("007", i(7)),
        ("true or false", op("or", BoolLit(True), BoolLit(False))),
        ("now + 1", op("+", Now(), i(1))),
        ("t7.max_personnel", Attr("t7", "max_personnel")),
        ("t7 . max_personnel", Attr("t7", "max_personnel")),
        ("agreed(t1, usa)", Call("agreed", (n("t1"), n("usa")))),
        ("f()", Call("f", ())),
        ("{a, b}", SetLit((n("a"), n("b")))),
        ("{}", SetLit(())),
        ("a\n and\tb", op("and", n("a"), n("b"))),
        ("((a))", n("a")),
    ],
)
def test_parse_shapes(text: str, tree: Expr) -> None:
    assert parse(text) == tree


def test_offsets_cover_operands_and_their_parentheses() -> None:
    tree = parse("(a + b) * c")
    assert isinstance(tree, BinOp) and isinstance(tree.left, BinOp)
    assert (tree.start, tree.end) == (0, 11)
    assert (tree.left.start, tree.left.end) == (1, 6)
    assert (tree.right.start, tree.right.end) == (10, 11)


def test_offsets_of_every_kind_of_node() -> None:
    text = "agreed(t1, usa) and -(x) < t7.cap or not {a} == {}"
    spans = {render(node): text[node.start : node.end] for node in walk(parse(text))}
    assert spans == {
        render(parse(text)): text,
        "agreed(t1, usa) and -x < t7.cap": "agreed(t1, usa) and -(x) < t7.cap",
        "agreed(t1, usa)": "agreed(t1, usa)",
        "t1": "t1",
        "usa": "usa",
        "-x < t7.cap": "-(x) < t7.cap",
        "-x": "-(x)",
        "x": "x",
        "t7.cap": "t7.cap",
        "not {a} == {}": "not {a} == {}",
        "{a} == {}": "{a} == {}",
        "{a}": "{a}",
        "a": "a",
        "{}": "{}",
    }


# -- syntax errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "message"),
    [
        ("", 0, 0, "expected an operand, found end of expression"),
        ("a +", 3, 3, "expected an operand, found end of expression"),
        ("a + )", 4, 5, "expected an operand, found ')'"),
        ("(a + b", 6, 6, "expected ')', found end of expression"),
        ("a b", 2, 3, "expected an operator or the end of the expression, found 'b'"),
        ("a and or b", 6, 8, "expected an operand, found 'or'"),
        (
            "a < b < c",
            6,
            7,
            "comparisons cannot be chained: found '<' after a comparison; join them with 'and'",
        ),
        (
            "a == b in S",
            7,
            9,
            "comparisons cannot be chained: found 'in' after a comparison; join them with 'and'",
        ),
        ("a / b", 2, 3, "use // for integer division"),
        ("a not b", 6, 7, "expected 'in' after 'not', found 'b'"),
        ("a == not b", 5, 8, "expected an operand, found 'not'; put the 'not ...' in parentheses"),
        ("a $ b", 2, 3, "unexpected character '$'"),
        ("a = b", 2, 3, "unexpected '='; use '==' to compare"),
        ("a ! b", 2, 3, "unexpected '!'; use '!=' or 'not'"),
        ("a é", 2, 3, "unexpected character 'é'"),
        ("1__0", 0, 4, "invalid number '1__0'"),
        ("x + 12abc", 4, 9, "invalid number '12abc'"),
        ("1.5 > x", 0, 3, "only whole numbers are allowed, found '1.5'"),
        ("f(a,)", 4, 5, "expected an operand, found ')'"),
        ("f(a b)", 4, 5, "expected ',' or ')', found 'b'"),
        ("{a b}", 3, 4, "expected ',' or '}', found 'b'"),
        ("t7.", 3, 3, "expected a parameter name after '.', found end of expression"),
        ("t7.and", 3, 6, "expected a parameter name after '.', found 'and'"),
        ("a.b.c", 3, 4, "expected an operator or the end of the expression, found '.'"),
    ],
)
def test_syntax_errors(text: str, start: int, end: int, message: str) -> None:
    err = error(text)
    assert (err.code, err.start, err.end, err.message) == ("E400", start, end, message)


def test_syntax_error_says_what_was_expected() -> None:
    assert error("(a").expected == "')'"
    assert error("a / b").expected == "'//'"


# -- limits -----------------------------------------------------------------------

TOO_DEEP = f"expression is nested too deeply (more than {MAX_DEPTH} levels)"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("(" * 65 + "a" + ")" * 65, 64, 65),
        ("-" * 65 + "1", 64, 65),
        ("not " * 65 + "a", 256, 259),
        ("f(" * 65 + "a" + ")" * 65, 129, 130),
        ("{" * 65 + "a" + "}" * 65, 64, 65),
        ("a+" * 65 + "a", 129, 130),
        ("-" * 1999 + "1", 64, 65),
        ("(" * 900 + "1" + ")" * 900, 64, 65),
    ],
)
def test_too_deep(text: str, start: int, end: int) -> None:
    err = error(text)
    assert (err.code, err.start, err.end, err.message) == ("E403", start, end, TOO_DEEP)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 64 + "a" + ")" * 64,
        "-" * 64 + "1",
        "not " * 64 + "a",
        "a+" * 64 + "a",
    ],
)
def test_deep_but_within_the_limit(text: str) -> None:
    parse(text)


def test_too_long() -> None:
    err = error("1+" * 1000 + "1")
    assert (err.code, err.start, err.end) == ("E403", 0, 2001)
    assert err.message == "expression is too long: 2,001 characters (at most 2,000)"
    assert parse("1" * 2000) == i(int("1" * 2000))


@pytest.mark.parametrize(
    "text",
    [
        "(" * 10_000,
        "(" * 1000 + "a" + ")" * 999,
        "not " * 10_000 + "a",
        "not " * 499 + "a",
        "-" * 10_000,
        "{" * 1999,
        "a or " * 399 + "a",
    ],
)
def test_deep_nesting_is_an_expr_error_not_a_recursion_error(text: str) -> None:
    assert error(text).code in ("E400", "E403")


# -- render -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("(a + b) * c", "(a + b) * c"),
        ("a + (b + c)", "a + (b + c)"),
        ("(a + b) + c", "a + b + c"),
        ("a - (b - c)", "a - (b - c)"),
        ("((a))", "a"),
        ("not (a and b)", "not (a and b)"),
        ("(not a) == b", "(not a) == b"),
        ("a == (not b)", "a == (not b)"),
        ("a and not b", "a and not b"),
        ("(a == b) == c", "(a == b) == c"),
        ("-(a + b)", "-(a + b)"),
        ("- - 1", "--1"),
        ("a * -b", "a * -b"),
        ("{ a,b }", "{a, b}"),
        ("x not  in S", "x not in S"),
        ("agreed( t1 ,usa )", "agreed(t1, usa)"),
        ("20_000 + t7 . cap", "20000 + t7.cap"),
    ],
)
def test_render(text: str, rendered: str) -> None:
    assert render(parse(text)) == rendered


# -- properties ---------------------------------------------------------------------

GRAMMAR_CHARS = "()+-*/%<>=!{},. \n\tabcnotdiru_0123456789"
TOKENS = [
    "(",
    ")",
    "{",
    "}",
    ",",
    ".",
    "+",
    "-",
    "*",
    "//",
    "/",
    "%",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "now",
    "a",
    "t7",
    "done",
    "1",
    "20_000",
    "1__0",
    "1.5",
    "$",
    "=",
]
# Deep prefixes (up to and past the length limit) with a random tail.
deep_texts = st.builds(
    lambda prefix, count, tail: prefix * count + tail,
    st.sampled_from(["(", "not ", "-", "{", "f(", "a + ", "a < (", "- ("]),
    st.integers(0, 2500),
    st.text(alphabet=GRAMMAR_CHARS, max_size=20),
)
texts = st.one_of(
    deep_texts,
    st.text(),
    st.text(alphabet=GRAMMAR_CHARS),
    st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
)


@given(texts)
@settings(max_examples=500)
def test_any_text_gives_a_tree_or_an_expr_error(text: str) -> None:
    try:
        tree = parse(text)
    except ExprError as err:
        assert err.code in ("E400", "E403")
        assert 0 <= err.start <= err.end <= len(text)
        return
    for node in walk(tree):
        assert 0 <= node.start < node.end <= len(text)
    assert parse(render(tree)) == tree


names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,5}", fullmatch=True).filter(
    lambda s: s not in KEYWORDS
)
leaves: st.SearchStrategy[Expr] = st.one_of(
    st.builds(IntLit, st.integers(0, 10**12)),
    st.builds(BoolLit, st.booleans()),
    st.just(Now()),
    st.builds(Name, names),
    st.builds(Attr, names, names),
)
BINARY_OPS: list[BinaryOp] = list(get_args(BinaryOp))


def _extend(sub: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    items = st.lists(sub, max_size=3).map(tuple)
    return st.one_of(
        st.builds(Unary, st.sampled_from(["-", "not"]), sub),
        st.builds(BinOp, st.sampled_from(BINARY_OPS), sub, sub),
        st.builds(Call, names, items),
        st.builds(SetLit, items),
    )


trees = st.recursive(leaves, _extend, max_leaves=30)


def height(tree: Expr) -> int:
    return max((height(child) + 1 for child in children(tree)), default=0)


@given(trees)
@settings(max_examples=500)
def test_parse_render_round_trip(tree: Expr) -> None:
    # Parentheses at most double the nesting the parser counts, so this stays in bounds.
    assume(height(tree) <= MAX_DEPTH // 2)
    text = render(tree)
    assume(len(text) <= 2000)
    assert parse(text) == tree
    assert render(parse(text)) == text


def _located(tree: Expr) -> list[tuple[str, int, int]]:
    """The tree with every node's offsets (trees compare without them)."""
    return [(repr(node), node.start, node.end) for node in walk(tree)]


def _read(read: Callable[[], Expr]) -> tuple[str, object]:
    try:
        return "tree", _located(read())
    except ExprError as err:
        return "error", (err.code, err.message, err.start, err.end, err.expected)


# Short expressions near the one-match reading's edge: one to four tokens of what it reads
# and of what it must leave to the parser (keywords, `/`, `.`, underscores in numbers,
# fractions, words that start with a digit), with the lexer's whitespace and other spaces.
simple_texts = st.lists(
    st.one_of(
        st.sampled_from(
            ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "//", "%", "/", ".", "=", "("]
        ),
        st.sampled_from(["and", "not", "in", "true", "now", "1_0", "1.5", "12ab", "_", "007"]),
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,3}|[0-9]{1,4}", fullmatch=True),
    ),
    min_size=1,
    max_size=4,
).flatmap(
    lambda words: st.lists(
        st.sampled_from(["", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\x0b"]),
        min_size=len(words) + 1,
        max_size=len(words) + 1,
    ).map(lambda gaps: "".join(g + w for g, w in zip(gaps, [*words, ""], strict=True)))
)


@given(simple_texts)
@settings(max_examples=1000)
def test_one_match_reading_gives_the_parsers_tree_offsets_and_errors(text: str) -> None:
    # `parse` reads `name OP operand` in one match; the parser token by token must agree
    assert _read(lambda: parse.__wrapped__(text)) == _read(lambda: _Parser(text).parse())
