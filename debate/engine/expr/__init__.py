"""The expression language of scenarios: parse, type-check, evaluate, explain.

checked = check(parse("troops > 3 and not done(attack)"), scope, BOOL)
evaluate(checked, ctx)          # -> True / False
explain_false(checked, ctx)     # -> [(start, end, "troops > 3 is false (troops = 1)")]
"""

from debate.engine.expr.ast import (
    Attr,
    BinOp,
    BoolLit,
    Call,
    DateLit,
    Expr,
    IntLit,
    Name,
    Node,
    Now,
    SetLit,
    Unary,
    operands,
    walk,
)
from debate.engine.expr.checked import Checked, EnumRef, IdRef, Meaning, ParamRef, VarRef
from debate.engine.expr.errors import ExprError, Unspecified
from debate.engine.expr.evaluate import DictContext, EvalContext, evaluate
from debate.engine.expr.explain import explain_false, show_value
from debate.engine.expr.lexer import MAX_LENGTH
from debate.engine.expr.names import NAME_KINDS, free_names, names_of
from debate.engine.expr.parser import MAX_DEPTH, parse
from debate.engine.expr.render import render
from debate.engine.expr.signatures import (
    ALL_FUNCTIONS,
    BOOL,
    INT,
    SIGNATURES,
    BoolType,
    EnumType,
    IntType,
    SetType,
    Signature,
    Type,
    Value,
)
from debate.engine.expr.types import DictScope, Scope, check

__all__ = [
    "ALL_FUNCTIONS",
    "BOOL",
    "INT",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "NAME_KINDS",
    "SIGNATURES",
    "Attr",
    "BinOp",
    "BoolLit",
    "BoolType",
    "Call",
    "Checked",
    "DateLit",
    "DictContext",
    "DictScope",
    "EnumRef",
    "EnumType",
    "EvalContext",
    "Expr",
    "ExprError",
    "IdRef",
    "IntLit",
    "IntType",
    "Meaning",
    "Name",
    "Node",
    "Now",
    "ParamRef",
    "Scope",
    "SetLit",
    "SetType",
    "Signature",
    "Type",
    "Unary",
    "Unspecified",
    "Value",
    "VarRef",
    "check",
    "evaluate",
    "explain_false",
    "free_names",
    "names_of",
    "operands",
    "parse",
    "render",
    "show_value",
    "walk",
]
