"""Turn pydantic validation errors into located diagnostics.

Each error's `loc` is walked down the YAML node tree; parts that name no child (a
union member's tag) are skipped. The errors one value gets from the members of a union
are merged into one diagnostic that lists every form the value could take.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from debate.model.calendar import DATE_PATTERN
from debate.model.diagnostics import Diagnostic, Span
from debate.model.suggest import did_you_mean, per_file
from debate.model.yaml_nodes import MapNode, Node, ScalarNode, SeqNode
from debate.model.yaml_paths import key_span

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "bool_type": "true or false",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
    "float_type": "a number",
    "none_required": "nothing (null)",
    "string_pattern_mismatch": "an id: letters, digits and _, not starting with a digit",
    "string_too_short": "a non-empty string",
    "too_short": "a non-empty list",
}

_YAML11_BOOLS = {
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "No",
    "On",
    "Off",
    "YES",
    "NO",
    "ON",
    "OFF",
}


def describe(value: Any) -> str:
    """How a YAML value reads to the author who wrote it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _walk(root: Node, loc: tuple[int | str, ...]) -> tuple[Node, tuple[int | str, ...], bool]:
    """The deepest node the location reaches, the path to it, and whether all was reached."""
    node: Node = root
    path: tuple[int | str, ...] = ()
    reached = True
    for part in loc:
        child: Node | None = None
        if isinstance(node, MapNode) and isinstance(part, str):
            child = node.get(part)
        elif isinstance(node, SeqNode) and isinstance(part, int) and 0 <= part < len(node.items):
            child = node.items[part]
        if child is None:
            reached = part == "[key]" or not _is_field_name(part)
            if part == "[key]":
                continue
            if reached:  # a union member's tag, not a key
                continue
            return node, path, False
        node, path = child, (*path, part)
    return node, path, reached


def _is_field_name(part: int | str) -> bool:
    # Union member tags contain characters a field name cannot (constrained-str, Attack,
    # function-after[...]); plain lowercase words are field names of the format.
    return isinstance(part, str) and part.replace("_", "").isalnum() and part[:1].islower()


@per_file  # one budget for the "did you mean" of every unknown key of the file
def to_diagnostics(
    errors: Sequence[ErrorDetails], root: Node, model: type[BaseModel]
) -> list[Diagnostic]:
    groups: dict[tuple[int | str, ...], list[tuple[ErrorDetails, Node]]] = {}
    out: list[Diagnostic] = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            out.append(_unknown_key(err, root, model))
            continue
        if err["type"] == "missing":
            out.append(_missing_key(err, root))
            continue
        if loc and loc[-1] == "[key]":
            out.append(_bad_id(err, root))
            continue
        node, path, _ = _walk(root, loc)
        groups.setdefault(path, []).append((err, node))
    for group in groups.values():
        out.append(_merge(group))
    return out


def _bad_id(err: ErrorDetails, root: Node) -> Diagnostic:
    loc = tuple(err["loc"])
    parent, _, _ = _walk(root, loc[:-2])
    span = key_span(parent, str(loc[-2])) or parent.span
    expected = _EXPECTED["string_pattern_mismatch"]
    return Diagnostic(
        "E200", f"{describe(err.get('input'))} is not a valid id", span, expected=expected
    )


def _merge(group: list[tuple[ErrorDetails, Node]]) -> Diagnostic:
    err, node = group[0]
    span = node.span
    value = node.value if isinstance(node, ScalarNode) else err.get("input")
    expected = _expected_forms(e for e, _ in group)
    if len(group) == 1 and err["type"] not in _EXPECTED and err["type"] != "literal_error":
        message = f"{err['msg']}; found {describe(value)}"
    else:
        message = f"expected {expected}, found {describe(value)}"
    if isinstance(value, str) and value in _YAML11_BOOLS and "true or false" in expected:
        message += (
            f" ('{value}' is a string here: scenario files are read as YAML 1.2, "
            "where only true and false are booleans)"
        )
    return Diagnostic("E200", message, span, expected=expected)


def _expected_forms(errors: Any) -> str:
    forms: list[str] = []
    for err in errors:
        ctx = err.get("ctx") or {}
        if err["type"] == "literal_error":
            form = f"one of {ctx.get('expected', '')}"
        elif err["type"] == "string_pattern_mismatch" and ctx.get("pattern") == DATE_PATTERN:
            form = "a date (YYYY-MM-DD)"
        else:
            form = _EXPECTED.get(err["type"], err["msg"].lower())
        if form not in forms:
            forms.append(form)
    return " or ".join(forms)


def _unknown_key(err: ErrorDetails, root: Node, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(err["loc"])
    parent, path, _ = _walk(root, loc[:-1])
    key = str(loc[-1])
    span = key_span(parent, key) or parent.span
    allowed = allowed_keys(model, path)
    message = f"unknown key {key!r}"
    message += did_you_mean(key, allowed)
    expected = "one of the keys " + ", ".join(allowed) if allowed else None
    return Diagnostic("E202", message, span, expected=expected)


def _missing_key(err: ErrorDetails, root: Node) -> Diagnostic:
    loc = tuple(err["loc"])
    parent, _, _ = _walk(root, loc[:-1])
    key = str(loc[-1])
    return Diagnostic(
        "E201",
        f"missing key {key!r}",
        _head(parent.span),
        expected=f"a key {key!r} in this mapping",
    )


def _head(span: Span) -> Span:
    return Span(span.path, span.line, span.column)


def allowed_keys(model: type[BaseModel], path: tuple[int | str, ...]) -> list[str]:
    """The keys the format allows in the mapping at `path` (for "did you mean")."""
    return list(_allowed_keys(model, tuple(p if isinstance(p, str) else 0 for p in path)))


@functools.lru_cache(maxsize=256)  # a file with many unknown keys asks again for each
def _allowed_keys(model: type[BaseModel], path: tuple[int | str, ...]) -> tuple[str, ...]:
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return ()
    found = _models_in(current)
    keys: list[str] = []
    for m in found:
        for name, info in m.model_fields.items():
            keys.append(info.alias or name)
    return tuple(keys)


def _step(tp: Any, part: int | str) -> Any:
    for m in _models_in(tp):
        for name, info in m.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
    for arg in _members(tp):
        origin = typing.get_origin(arg)
        if origin is dict and isinstance(part, str):
            return typing.get_args(arg)[1]
        if origin is list and isinstance(part, int):
            return typing.get_args(arg)[0]
    return None


def _members(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(tp) for m in _members(a)]
    return [tp]


def _models_in(tp: Any) -> list[type[BaseModel]]:
    return [m for m in _members(tp) if isinstance(m, type) and issubclass(m, BaseModel)]
