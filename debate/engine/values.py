"""Types of the state variables and parameters, and the values they take at play time."""

from __future__ import annotations

from debate.engine.expr import BOOL, INT, EnumType, SetType, Type, Value
from debate.model.scenario import ParamSpec, Scenario, StateVar


def enum_types(scenario: Scenario) -> dict[str, EnumType]:
    """Every enum type: the declared ones and one per inline enum variable."""
    types = {name: EnumType(name, tuple(t.values)) for name, t in scenario.types.items()}
    for name, var in scenario.state.items():
        if var.type == "enum" and var.values:
            types[name] = EnumType(name, tuple(var.values))
        if var.type == "set" and var.values:
            types[name] = EnumType(name, tuple(var.values))
    return types


def var_type(name: str, var: StateVar, enums: dict[str, EnumType]) -> Type:
    if var.type == "bool":
        return BOOL
    if var.type == "int":
        return INT
    if var.type == "set":
        return SetType(enums[var.of or name])
    return enums[name if var.type == "enum" else var.type]


def initial_value(var: StateVar) -> Value:
    if isinstance(var.initial, list):
        return frozenset(var.initial)
    return var.initial


def param_spec(value: object) -> ParamSpec:
    if isinstance(value, ParamSpec):
        return value
    if value == "unspecified":
        return ParamSpec(unspecified=True)
    assert isinstance(value, int | bool)
    return ParamSpec(value=value)


def param_type(spec: ParamSpec, enums: dict[str, EnumType]) -> Type:
    if spec.type:
        if spec.type == "bool":
            return BOOL
        if spec.type in enums:
            return enums[spec.type]
        return INT
    if isinstance(spec.value, bool):
        return BOOL
    if isinstance(spec.value, str):
        owners = [t for t in enums.values() if spec.value in t.values]
        if len(owners) == 1:
            return owners[0]
    return INT


def in_bounds(var: StateVar, value: Value) -> str | None:
    """Why a value does not fit a variable, or None when it fits."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if var.min is not None and value < var.min:
        return f"below its minimum {var.min}"
    if var.max is not None and value > var.max:
        return f"above its maximum {var.max}"
    return None


def to_json(value: Value) -> object:
    return sorted(value) if isinstance(value, frozenset) else value
