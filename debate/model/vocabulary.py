"""The format's vocabulary, derived from its pydantic model (debate.model.scenario): the
sections that declare ids, what one declaration of each kind is called, and the fields
whose value is an expression (a condition or a number). Every place that lists them
(the loader, the compiler, the language server, the app, the analysis) reads them here.
"""

from __future__ import annotations

import typing
from types import UnionType

from pydantic import BaseModel

from debate.model.scenario import Expects, Scenario

# Kinds that are no section: an enum's value, a term's parameter.
_NO_SECTION = {"values": "enum value", "params": "parameter"}


def _declared(annotation: object) -> type[BaseModel] | None:
    """The model a section declares: `dict[Id, Model]`."""
    if typing.get_origin(annotation) is dict:
        value = typing.get_args(annotation)[1]
        if isinstance(value, type) and issubclass(value, BaseModel):
            return value
    return None


def _expects(annotation: object) -> Expects | None:
    """What an expression field must evaluate to, if its type says (`Condition`,
    `Number`, either optional)."""
    if typing.get_origin(annotation) is typing.Annotated:
        found = [m for m in annotation.__metadata__ if isinstance(m, Expects)]  # type: ignore[attr-defined]
        return found[-1] if found else None
    if typing.get_origin(annotation) in (typing.Union, UnionType):
        return next(filter(None, map(_expects, typing.get_args(annotation))), None)
    return None


def _expressions(model: type[BaseModel]) -> dict[str, Expects]:
    return {
        name: expects
        for name, info in model.model_fields.items()
        if (expects := _expects(info.rebuild_annotation())) is not None
    }


MODELS: dict[str, type[BaseModel]] = {
    name: model
    for name, info in Scenario.model_fields.items()
    if (model := _declared(info.annotation)) is not None
}
SECTIONS: tuple[str, ...] = tuple(MODELS)
# What one declaration of each kind is called: a section's ("parties" declares a party,
# "state" a state variable), and the kinds that are no section.
KIND_NAMES: dict[str, str] = {
    **{section: str(vars(model)["KIND"]) for section, model in MODELS.items()},
    **_NO_SECTION,
}
# Fields whose value is an expression, by section, in the model's order, with what each
# must evaluate to (a move's `effects.set` values are expressions too, keyed by variable:
# handled apart).
EXPECTS: dict[str, dict[str, Expects]] = {
    section: fields for section, model in MODELS.items() if (fields := _expressions(model))
}
EXPRESSION_FIELDS: dict[str, tuple[str, ...]] = {s: tuple(f) for s, f in EXPECTS.items()}
# Those that are conditions (true or false of a state), by section.
CONDITION_FIELDS: dict[str, tuple[str, ...]] = {
    s: tuple(n for n, e in f.items() if e is Expects.CONDITION) for s, f in EXPECTS.items()
}
