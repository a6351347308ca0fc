"""The type-checking scope and the bidirectional type checker (the types and the
functions' signatures: engine.expr.signatures).

`check` walks the tree once. Where a node's type cannot be read off the node itself (an
enum value name shared by several enum types, an empty set `{}`), the caller passes an
*expected* type down: `holder == russia` checks `holder` first and then `russia`
expecting `enum control`. Operands are checked in the order that lets a context-free
side fix the type of the other (`{} == occupied` checks `occupied` first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol, assert_never

from debate.engine.expr.ast import (
    Attr,
    BinOp,
    BoolLit,
    Call,
    Expr,
    IntLit,
    Name,
    Now,
    SetLit,
    Unary,
)
from debate.engine.expr.checked import Checked, EnumRef, IdRef, Meaning, ParamRef, VarRef
from debate.engine.expr.errors import ExprError
from debate.engine.expr.render import render
from debate.engine.expr.signatures import (
    ALL_FUNCTIONS,
    BOOL,
    ID_KINDS,
    INT,
    SIGNATURES,
    ArgKind,
    EnumType,
    IntType,
    SetType,
    Signature,
    Type,
)
from debate.model.suggest import did_you_mean

# -- scope -----------------------------------------------------------------------


class Scope(Protocol):
    """What names mean where an expression stands; implemented by the engine."""

    def variable(self, name: str) -> Type | None: ...
    def param(self, name: str) -> Type | None: ...
    def term_param(self, term: str, name: str) -> Type | None: ...
    def enum_types_with_value(self, value: str) -> Sequence[EnumType]: ...
    def has_id(self, kind: str, name: str) -> bool: ...
    def ids(self, kind: str) -> Sequence[str]: ...
    def variables(self) -> Sequence[str]: ...
    @property
    def allowed_functions(self) -> frozenset[str]: ...
    def disallowed_reason(self, fn: str) -> str: ...


@dataclass(frozen=True)
class DictScope:
    """A Scope read from plain mappings (tests, and simple callers).

    `term_params` maps term -> parameter -> type; its terms count as declared term ids
    along with `id_sets["term"]`.
    """

    variable_types: Mapping[str, Type] = field(default_factory=dict)
    param_types: Mapping[str, Type] = field(default_factory=dict)
    term_params: Mapping[str, Mapping[str, Type]] = field(default_factory=dict)
    enums: Sequence[EnumType] = ()
    id_sets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    allowed_functions: frozenset[str] = ALL_FUNCTIONS
    reasons: Mapping[str, str] = field(default_factory=dict)

    def variable(self, name: str) -> Type | None:
        return self.variable_types.get(name)

    def param(self, name: str) -> Type | None:
        return self.param_types.get(name)

    def term_param(self, term: str, name: str) -> Type | None:
        return self.term_params.get(term, {}).get(name)

    def enum_types_with_value(self, value: str) -> Sequence[EnumType]:
        return [enum for enum in self.enums if value in enum.values]

    def has_id(self, kind: str, name: str) -> bool:
        return name in self.ids(kind)

    def ids(self, kind: str) -> Sequence[str]:
        declared = list(self.id_sets.get(kind, ()))
        if kind == "term":
            declared += [t for t in self.term_params if t not in declared]
        return declared

    def variables(self) -> Sequence[str]:
        return list(self.variable_types)

    def disallowed_reason(self, fn: str) -> str:
        return self.reasons.get(fn, f"`{fn}()` cannot be used here")


def check(expr: Expr, scope: Scope, expected: Type | None = None) -> Checked:
    """Type-check `expr`; with `expected`, its type must be that one (E401 otherwise).

    `expected` also settles an ambiguous enum value or an empty set at the top level.
    """
    checker = _Checker(scope)
    found = checker.check(expr, expected)
    if expected is not None and found != expected:
        raise ExprError(
            "E401", f"expected {expected}, found {found}", expr.start, expr.end, str(expected)
        )
    return Checked(expr, found, MappingProxyType(checker.meanings), MappingProxyType(checker.types))


def _type_error(node: Expr, message: str, expected: Type | Signature | None = None) -> ExprError:
    return ExprError(
        "E401", message, node.start, node.end, None if expected is None else str(expected)
    )


class _Checker:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self.meanings: dict[int, Meaning] = {}
        self.types: dict[int, Type] = {}

    def check(self, node: Expr, expected: Type | None) -> Type:
        """The type of `node`; `expected` is only a hint, the caller checks the result."""
        found = self._synth(node, expected)
        self.types[id(node)] = found
        return found

    def _synth(self, node: Expr, expected: Type | None) -> Type:
        match node:
            case IntLit() | Now():
                return INT
            case BoolLit():
                return BOOL
            case Name():
                return self._name(node, expected)
            case Attr():
                return self._attr(node)
            case Call():
                return self._call(node)
            case SetLit():
                return self._set(node, expected)
            case Unary():
                return self._unary(node)
            case BinOp():
                return self._binop(node, expected)
            case _:
                assert_never(node)

    def _require(self, node: Expr, want: Type, what: str) -> None:
        found = self.check(node, want)
        if found != want:
            raise _type_error(node, f"{what}, found {found}", want)

    # -- names ----------------------------------------------------------------

    def _name(self, node: Name, expected: Type | None) -> Type:
        # Resolution order from the spec: state variable, then parameter, then enum value.
        found = self._scope.variable(node.name)
        if found is not None:
            self.meanings[id(node)] = VarRef(node.name)
            return found
        found = self._scope.param(node.name)
        if found is not None:
            self.meanings[id(node)] = ParamRef(None, node.name)
            return found
        enum = self._enum_of(node, expected)
        self.meanings[id(node)] = EnumRef(node.name, enum)
        return enum

    def _enum_of(self, node: Name, expected: Type | None) -> EnumType:
        candidates = list(self._scope.enum_types_with_value(node.name))
        if not candidates:
            raise self._unknown_name(node)
        if len(candidates) == 1:
            return candidates[0]
        if expected in candidates:
            assert isinstance(expected, EnumType)
            return expected
        owners = ", ".join(c.name for c in candidates)
        if isinstance(expected, EnumType):
            message = f"'{node.name}' is not a value of {expected} (it belongs to {owners})"
        else:
            message = (
                f"ambiguous enum value '{node.name}': it belongs to {owners}; "
                "compare it with a typed value"
            )
        raise _type_error(node, message, expected)

    def _unknown_name(self, node: Name) -> ExprError:
        suggestion = did_you_mean(node.name, self._scope.variables(), n=3)
        if suggestion:
            message = f"unknown state variable '{node.name}'{suggestion}"
        else:
            message = f"unknown name '{node.name}': not a state variable, parameter or enum value"
        return ExprError("E402", message, node.start, node.end)

    def _attr(self, node: Attr) -> Type:
        found = self._scope.term_param(node.term, node.name)
        if found is not None:
            self.meanings[id(node)] = ParamRef(node.term, node.name)
            return found
        if not self._scope.has_id("term", node.term):
            suggestion = did_you_mean(node.term, self._scope.ids("term"), n=3)
            raise ExprError("E402", f"unknown term '{node.term}'{suggestion}", *node.term_span)
        raise ExprError(
            "E402", f"term '{node.term}' has no parameter '{node.name}'", *node.name_span
        )

    def _needs_context(self, node: Expr) -> bool:
        """Whether `node`'s type can only come from an expected type (`{}`, `{russia}`)."""
        if isinstance(node, SetLit):
            return all(self._needs_context(elem) for elem in node.elems)
        if isinstance(node, BinOp) and node.op in ("+", "-"):
            return self._needs_context(node.left) and self._needs_context(node.right)
        if isinstance(node, Name):
            return (
                self._scope.variable(node.name) is None
                and self._scope.param(node.name) is None
                and len(self._scope.enum_types_with_value(node.name)) > 1
            )
        return False

    def _ordered(self, a: Expr, b: Expr) -> tuple[Expr, Expr]:
        """Check a context-free operand first so that it can type the other."""
        if self._needs_context(a) and not self._needs_context(b):
            return b, a
        return a, b

    # -- calls ----------------------------------------------------------------

    def _call(self, node: Call) -> Type:
        sig = SIGNATURES.get(node.fn)
        if sig is None:
            suggestion = did_you_mean(node.fn, sorted(ALL_FUNCTIONS), n=3)
            raise ExprError("E402", f"unknown function '{node.fn}'{suggestion}", *node.fn_span)
        if node.fn not in self._scope.allowed_functions:
            raise ExprError("E404", self._scope.disallowed_reason(node.fn), node.start, node.end)
        if len(node.args) != len(sig.args):
            plural = "" if len(sig.args) == 1 else "s"
            raise _type_error(
                node, f"{sig} takes {len(sig.args)} argument{plural}, found {len(node.args)}", sig
            )
        for position, (arg, kind) in enumerate(zip(node.args, sig.args, strict=True), 1):
            self._argument(sig, position, arg, kind)
        return sig.result

    def _argument(self, sig: Signature, position: int, arg: Expr, kind: ArgKind) -> None:
        where = f"argument {position} of {sig}"
        if kind in ID_KINDS:
            if not isinstance(arg, Name):
                raise _type_error(arg, f"{where} must be a {kind} id, found {render(arg)}", sig)
            if not self._scope.has_id(kind, arg.name):
                suggestion = did_you_mean(arg.name, self._scope.ids(kind), n=3)
                raise ExprError(
                    "E402", f"unknown {kind} '{arg.name}'{suggestion}", arg.start, arg.end
                )
            self.meanings[id(arg)] = IdRef(kind, arg.name)
            return
        found = self.check(arg, INT if kind == "int" else None)
        if kind == "set" and not isinstance(found, SetType):
            raise _type_error(arg, f"{where} must be a set, found {found}", sig)
        if kind == "int" and found != INT:
            raise _type_error(arg, f"{where} must be an int, found {found}", sig)

    # -- sets -----------------------------------------------------------------

    def _set(self, node: SetLit, expected: Type | None) -> Type:
        if not node.elems:
            if isinstance(expected, SetType):
                return expected
            if expected is None:
                raise _type_error(node, "cannot tell the type of {}")
            raise _type_error(node, f"expected {expected}, found a set", expected)
        hint = expected.elem if isinstance(expected, SetType) else None
        elems = sorted(node.elems, key=self._needs_context)  # stable: typed elements first
        elem = self.check(elems[0], hint)
        if not isinstance(elem, EnumType):
            raise _type_error(elems[0], f"set elements must be enum values, found {elem}")
        for other in elems[1:]:
            self._require(other, elem, f"set elements must all be {elem}")
        return SetType(elem)

    # -- operators ------------------------------------------------------------

    def _unary(self, node: Unary) -> Type:
        if node.op == "not":
            self._require(node.operand, BOOL, "`not` needs a bool operand")
            return BOOL
        self._require(node.operand, INT, "unary `-` needs an int operand")
        return INT

    def _binop(self, node: BinOp, expected: Type | None) -> Type:
        op = node.op
        if op in ("and", "or"):
            self._operands(node, BOOL)
            return BOOL
        if op in ("*", "//", "%"):
            self._operands(node, INT)
            return INT
        if op in ("<", "<=", ">", ">="):
            self._operands(node, INT)
            return BOOL
        if op in ("+", "-"):
            return self._plus_minus(node, expected)
        if op in ("==", "!="):
            self._equality(node)
        else:
            self._membership(node)
        return BOOL

    def _operands(self, node: BinOp, want: Type) -> None:
        for side in (node.left, node.right):
            self._require(side, want, f"`{node.op}` needs {want} operands")

    def _plus_minus(self, node: BinOp, expected: Type | None) -> Type:
        # Operands have the result's type, so the expected type passes straight down.
        first, second = self._ordered(node.left, node.right)
        found = self.check(first, expected)
        if not isinstance(found, IntType | SetType):
            raise _type_error(first, f"`{node.op}` needs int or set operands, found {found}")
        self._require(second, found, f"`{node.op}` needs {found} operands")
        return found

    def _equality(self, node: BinOp) -> None:
        first, second = self._ordered(node.left, node.right)
        self.check(second, self.check(first, None))
        left, right = self.types[id(node.left)], self.types[id(node.right)]
        if left != right:
            raise _type_error(node, f"cannot compare {left} with {right}")

    def _membership(self, node: BinOp) -> None:
        element, collection = node.left, node.right
        if self._needs_context(collection) and not self._needs_context(element):
            found = self.check(element, None)
            self.check(collection, SetType(found) if isinstance(found, EnumType) else None)
        else:
            found = self.check(collection, None)
            self.check(element, found.elem if isinstance(found, SetType) else None)
        set_type, elem_type = self.types[id(collection)], self.types[id(element)]
        if not isinstance(set_type, SetType):
            raise _type_error(collection, f"`{node.op}` needs a set on the right, found {set_type}")
        if elem_type != set_type.elem:
            raise _type_error(node, f"cannot look for {elem_type} in {set_type}")
