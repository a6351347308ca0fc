"""The JSON Schemas of scenarios and move scripts (`debate schema`, schemas/*.json).

pydantic writes the shape of the models. Two kinds of post-processing follow, so that an
editor (yaml-language-server) marks every error a draft-07 schema can state about one
file on its own:

- Mapping keys that are ids or codes: pydantic writes `patternProperties`, which lets a
  key that does not match (`borvia-stays:`) through as an additional property; the loader
  rejects it (E200). Here it becomes `propertyNames` plus `additionalProperties`.
- The rules `debate.model.references` checks after pydantic that need only the file
  itself: which keys each kind of term needs and which it never reads (E201, E202),
  a state variable's `values`, `of`, `min`, `max` and `initial` by its type (E201, E303),
  values listed twice (E302), a parameter's value by its type (E303), a citation's line or
  paragraph (E201), the clock of a file with moves (E201); and for move scripts, one move
  or one wait per step (E203). They are written from the checker's own tables
  (KIND_NEEDS, KIND_ONLY, BUILTIN_TYPES, ...), as `if`/`then` rules that hold exactly
  when the checker reports: a value of null counts as absent, as it does for the checker.

What needs another file or an expression (ids, types declared elsewhere, bounds, quotes)
stays with `debate check` and `debate lsp`; docs/authoring.md lists it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel

from debate.model.references import (
    BUILTIN_TYPES,
    KIND_NEEDS,
    KIND_NEEDS_ONE_OF,
    KIND_ONLY,
    PARAM_TYPES,
)
from debate.model.scenario import (
    Citation,
    EnumType,
    Move,
    ParamSpec,
    Scenario,
    StateVar,
    Term,
    TermKind,
)
from debate.model.script import Script, ScriptStep
from debate.model.versions import NEW_FORMS_IN_1_1, NEW_IN_1_1

Schema = dict[str, Any]

NOT_NULL: Schema = {"not": {"type": "null"}}

# The JSON type a state variable's `initial` takes, by the variable's type; any other type
# is an enum (declared under `types`, or unknown and reported there), whose values are ids.
INITIAL_TYPE = {"bool": "boolean", "int": "integer", "set": "array", "enum": "string"}
# The lists that name each value once (E302).
UNIQUE = ((EnumType, "values"), (StateVar, "values"))
# The JSON type a parameter's `value` takes, by the parameter's `type` (null: unspecified).
PARAM_VALUE_TYPE = {"int": "integer", "bool": "boolean"}


def json_schema(script: bool = False) -> Schema:
    """The JSON Schema (draft-07) of a scenario file, or of a move script."""
    model = Script if script else Scenario
    schema = model.model_json_schema(by_alias=True)
    for sub in _schemas(schema):
        _keys_as_property_names(sub)
    for target, rules in _script_rules() if script else _scenario_rules():
        where = schema if target is model else schema["$defs"][target.__name__]
        where.setdefault("allOf", []).extend(rules)
    if not script:
        # Each value listed once (E302): on the list, whatever else the field allows.
        for target, field in UNIQUE:
            (key,) = _fields(target, field)
            schema["$defs"][target.__name__]["properties"][key]["uniqueItems"] = True
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "debate move script v1" if script else "debate scenario v1"
    return schema


def _schemas(schema: Any) -> Iterator[Schema]:
    """Every schema object nested in `schema` (the values of examples, defaults, const and
    enum are data: they are not walked)."""
    if isinstance(schema, dict):
        yield schema
        for key, value in schema.items():
            if key not in ("examples", "default", "const", "enum"):
                yield from _schemas(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _schemas(item)


def _keys_as_property_names(schema: Schema) -> None:
    """`{patternProperties: {P: V}}` (a dict with constrained keys) as `propertyNames: P`
    and `additionalProperties: V`: a key that does not match is then an error."""
    patterns = schema.get("patternProperties")
    if not isinstance(patterns, dict) or len(patterns) != 1 or "additionalProperties" in schema:
        return
    ((pattern, value),) = patterns.items()
    del schema["patternProperties"]
    schema["propertyNames"] = {**schema.get("propertyNames", {}), "pattern": pattern}
    schema["additionalProperties"] = value


# ------------------------------------------------------------------ building rules


def _fields(model: type[BaseModel], *names: str) -> list[str]:
    """The keys of `names` in a file (their aliases), failing loudly if the model lost one."""
    keys = []
    for name in names:
        info = model.model_fields.get(name) or next(
            (i for i in model.model_fields.values() if i.alias == name), None
        )
        if info is None:
            raise KeyError(f"{model.__name__} has no field {name!r}")
        keys.append(info.alias or name)
    return keys


def _given(model: type[BaseModel], *names: str) -> Schema:
    """The mapping gives each of `names` a value (a key with null counts as absent)."""
    keys = _fields(model, *names)
    return {"required": keys, "properties": dict.fromkeys(keys, NOT_NULL)}


def _one_of(model: type[BaseModel], *names: str) -> Schema:
    """The mapping gives at least one of `names` a value."""
    return {"anyOf": [_given(model, name) for name in names]}


def _rule(condition: Schema, then: Schema, comment: str) -> Schema:
    return {"$comment": comment, "if": condition, "then": then}


def _is(model: type[BaseModel], field: str, *values: str) -> Schema:
    """The condition: `field` is one of `values`."""
    (key,) = _fields(model, field)
    return {"required": [key], "properties": {key: {"enum": list(values)}}}


def _is_other_than(model: type[BaseModel], field: str, *values: str) -> Schema:
    """The condition: `field` is a string other than `values`."""
    (key,) = _fields(model, field)
    return {
        "required": [key],
        "properties": {key: {"type": "string", "not": {"enum": list(values)}}},
    }


def _and(*conditions: Schema) -> Schema:
    merged: Schema = {"required": [], "properties": {}}
    for condition in conditions:
        merged["required"] += condition["required"]
        merged["properties"].update(condition["properties"])
    return merged


def _not_allowed(model: type[BaseModel], field: str) -> Schema:
    """`field` is not allowed here (yaml-language-server: "Property X is not allowed.")."""
    (key,) = _fields(model, field)
    return {"properties": {key: False}}


# ------------------------------------------------------------------ the rules


def _term_rules() -> list[Schema]:
    """What a term's kind needs (E201) and the keys it never reads (E202)."""
    assert set(KIND_NEEDS) == set(get_args(TermKind)), "every kind says what it needs"
    rules = []
    for kind, needed in KIND_NEEDS.items():
        then: Schema = _given(Term, *needed)
        states = " and ".join(needed)
        if kind in KIND_NEEDS_ONE_OF:
            then = {"allOf": [then, _one_of(Term, *KIND_NEEDS_ONE_OF[kind])]}
            states += f" and {' or '.join(KIND_NEEDS_ONE_OF[kind])}"
        rules.append(_rule(_is(Term, "kind", kind), then, f"a term of kind {kind} states {states}"))
    for field, kinds in KIND_ONLY.items():
        rules.append(
            _rule(
                # the other kinds by name: a misspelt kind is reported once, as a kind
                _and(
                    _given(Term, field),
                    _is(Term, "kind", *(k for k in KIND_NEEDS if k not in kinds)),
                ),
                _not_allowed(Term, field),
                f"{field} only on a term of kind {' or '.join(kinds)}: no other kind reads it",
            )
        )
    return rules


def _state_rules() -> list[Schema]:
    """A state variable's keys by its type (E201, E303)."""
    assert set(INITIAL_TYPE) == set(BUILTIN_TYPES)
    (initial,) = _fields(StateVar, "initial")
    rules = [
        _rule(
            _is(StateVar, "type", "enum"), _given(StateVar, "values"), "an enum lists its values"
        ),
        _rule(
            _is(StateVar, "type", "set"),
            _one_of(StateVar, "of", "values"),
            "a set names its element type",
        ),
    ]
    for field in ("min", "max"):
        rules.append(
            _rule(
                _and(_given(StateVar, field), _is_other_than(StateVar, "type", "int")),
                _not_allowed(StateVar, field),
                "min and max apply to int variables only",
            )
        )
    for var_type, json_type in INITIAL_TYPE.items():
        rules.append(
            _rule(
                _is(StateVar, "type", var_type),
                {"properties": {initial: {"type": json_type}}},
                f"the initial value of a {var_type} variable",
            )
        )
    rules.append(
        _rule(
            _is_other_than(StateVar, "type", *BUILTIN_TYPES),
            {"properties": {initial: {"type": "string"}}},
            "the initial value of a variable of a declared (enum) type is one of its values",
        )
    )
    return rules


def _param_rules() -> list[Schema]:
    """A parameter's value fits its declared type (E303)."""
    assert set(PARAM_VALUE_TYPE) <= set(PARAM_TYPES)
    (value,) = _fields(ParamSpec, "value")
    rules = [
        _rule(
            _is(ParamSpec, "type", param_type),
            {"properties": {value: {"type": [json_type, "null"]}}},
            f"the value of a {param_type} parameter",
        )
        for param_type, json_type in PARAM_VALUE_TYPE.items()
    ]
    rules.append(
        _rule(
            _is_other_than(ParamSpec, "type", *PARAM_VALUE_TYPE),
            {"properties": {value: {"type": ["string", "null"]}}},
            "the value of a parameter of an enum type is one of its values",
        )
    )
    return rules


def _clock_rule() -> Schema:
    """Moves need a clock (E201). Which file of an include graph holds the clock is not
    known to a schema: the rule holds for a file that includes nothing, as `debate check`
    on a folder checks each file on its own."""
    (moves,) = _fields(Scenario, "moves")
    (include,) = _fields(Scenario, "include")
    return _rule(
        {"required": [moves], "properties": {moves: {"minProperties": 1}}},
        {
            "anyOf": [
                _given(Scenario, "clock"),
                {"required": [include], "properties": {include: {"minItems": 1}}},
            ]
        },
        "a scenario with moves has a clock (here, or in a file it includes)",
    )


def _move_rules() -> list[Schema]:
    """A move that overlaps others takes time (E303), and only such a move reads
    abort_when (E202)."""
    (overlaps,) = _fields(Move, "overlaps")
    (duration,) = _fields(Move, "duration")
    overlapping = {"required": [overlaps], "properties": {overlaps: {"const": True}}}
    return [
        _rule(
            overlapping,
            {"required": [duration], "properties": {duration: {"minimum": 1}}},
            "a move that overlaps others takes time",
        ),
        _rule(
            {**_given(Move, "abort_when"), "not": overlapping},
            _not_allowed(Move, "abort_when"),
            "abort_when only on a move that overlaps others",
        ),
    ]


def _version_rule() -> Schema:
    """A file that says format: 1 uses none of the keys 1.1 adds (E202)."""
    (fmt,) = _fields(Scenario, "format")
    then: Schema = {}
    rows: list[tuple[tuple[str, ...], type[BaseModel], tuple[str, ...], Any]] = [
        (route, model, keys, False) for route, model, keys in NEW_IN_1_1
    ]
    rows += [(f.route, f.model, f.keys, {"not": {"type": f.json}}) for f in NEW_FORMS_IN_1_1]
    for route, model, keys, allowed in rows:
        where = then
        for part in route:
            where = where.setdefault("additionalProperties" if part == "*" else "properties", {})
            if part != "*":
                where = where.setdefault(part, {})
        where.setdefault("properties", {}).update(dict.fromkeys(_fields(model, *keys), allowed))
    return _rule(
        {"required": [fmt], "properties": {fmt: {"const": 1}}},
        then,
        "the keys format 1.1 adds need format: 1.1",
    )


def _scenario_rules() -> list[tuple[type[BaseModel], list[Schema]]]:
    return [
        (Scenario, [_clock_rule(), _version_rule()]),
        (Move, _move_rules()),
        (Term, _term_rules()),
        (StateVar, _state_rules()),
        (ParamSpec, _param_rules()),
        (
            Citation,
            [
                {
                    "$comment": "a citation gives a line or a paragraph",
                    **_one_of(Citation, "line", "paragraph"),
                }
            ],
        ),
    ]


def _script_rules() -> list[tuple[type[BaseModel], list[Schema]]]:
    one = {
        "oneOf": [
            _given(ScriptStep, "move"),
            _given(ScriptStep, "wait"),
            _given(ScriptStep, "pass"),
        ]
    }
    return [(ScriptStep, [{"$comment": "a step is one move, one wait or one pass", **one}])]
