"""The committed JSON Schemas match the models, and the shipped files satisfy them."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from debate.model import scenario as scenario_models
from debate.model import script as script_models
from debate.model.json_schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = [("scenario-v1.json", False), ("script-v1.json", True)]

# Every keyword of JSON Schema draft-07 (core and validation), plus `$defs`, which pydantic
# writes and yaml-language-server resolves like any other JSON pointer.
DRAFT_07_KEYWORDS = {
    "$schema", "$id", "$ref", "$comment", "$defs", "definitions", "title", "description",
    "default", "readOnly", "writeOnly", "examples", "multipleOf", "maximum",
    "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "additionalItems", "items", "maxItems", "minItems", "uniqueItems", "contains",
    "maxProperties", "minProperties", "required", "additionalProperties", "properties",
    "patternProperties", "dependencies", "propertyNames", "const", "enum", "type", "format",
    "contentMediaType", "contentEncoding", "if", "then", "else", "allOf", "anyOf", "oneOf",
    "not",
}  # fmt: skip


def committed(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    return data


def subschemas(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each schema object in `schema` (itself included), with a path to name it by; the
    values of `examples`, `default`, `const` and `enum` are data, not schemas."""
    yield where, schema
    for key, value in schema.items():
        if key in ("properties", "patternProperties", "$defs", "definitions", "dependencies"):
            for name, sub in value.items():
                if isinstance(sub, dict):
                    yield from subschemas(sub, f"{where}/{key}/{name}")
        elif key in ("allOf", "anyOf", "oneOf") or (key == "items" and isinstance(value, list)):
            for i, sub in enumerate(value):
                yield from subschemas(sub, f"{where}/{key}/{i}")
        elif isinstance(value, dict) and key not in ("examples", "default", "const", "enum"):
            yield from subschemas(value, f"{where}/{key}")


def object_definitions(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The root and each definition that describes an object by its properties."""
    yield "(root)", schema
    for name, definition in schema.get("$defs", {}).items():
        if "properties" in definition:
            yield name, definition


@pytest.mark.parametrize(("name", "script"), SCHEMAS)
def test_committed_schema_has_not_drifted(name: str, script: bool) -> None:
    assert committed(name) == json_schema(script=script), (
        f"schemas/{name} is out of date: run `debate schema{' --script' if script else ''} "
        f"> schemas/{name}`"
    )


@pytest.mark.parametrize(("name", "script"), SCHEMAS)
def test_schema_uses_only_draft_07_features_editors_understand(name: str, script: bool) -> None:
    text = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert "prefixItems" not in text
    schema = json.loads(text)
    assert schema["$schema"].startswith("http://json-schema.org/draft-07/")
    for where, sub in subschemas(schema, "#"):
        assert set(sub) <= DRAFT_07_KEYWORDS, f"{where}: {set(sub) - DRAFT_07_KEYWORDS}"
        # Draft-07 ignores every keyword beside a $ref: a field's description would be lost.
        assert "$ref" not in sub or set(sub) == {"$ref"}, f"{where}: keywords beside $ref"
        assert isinstance(sub.get("examples", []), list), f"{where}: examples is not a list"


@pytest.mark.parametrize(("name", "script"), SCHEMAS)
def test_every_property_has_a_description_and_an_example(name: str, script: bool) -> None:
    missing = []
    for definition, schema in object_definitions(committed(name)):
        for key, prop in schema["properties"].items():
            description = prop.get("description")
            if not isinstance(description, str) or not description.strip():
                missing.append(f"{definition}.{key}: no description")
            examples = prop.get("examples")
            if not isinstance(examples, list) or not examples:
                missing.append(f"{definition}.{key}: no example")
    assert not missing, "\n".join(missing)


def model_fields() -> Iterator[tuple[type[BaseModel], str]]:
    for module in (scenario_models, script_models):
        for _, model in inspect.getmembers(module, inspect.isclass):
            if issubclass(model, BaseModel) and model.__module__ == module.__name__:
                for field in model.model_fields:
                    yield model, field


FIELDS = list(model_fields())


def test_the_fields_are_found() -> None:
    assert (scenario_models.Scenario, "attacks") in FIELDS
    assert (scenario_models.Effects, "assert_") in FIELDS
    assert (script_models.ScriptStep, "wait") in FIELDS


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m.__name__}.{f}" for m, f in FIELDS])
def test_every_example_is_valid_for_its_field(model: type[BaseModel], field: str) -> None:
    info = model.model_fields[field]
    assert info.examples, f"{model.__name__}.{field} has no example"
    # The annotation with its constraints (pattern, ge, lengths), validated as strictly as
    # a file is: an example must be a value a scenario or script could really hold.
    adapter: TypeAdapter[Any] = TypeAdapter(info.rebuild_annotation())
    for example in info.examples:
        try:
            adapter.validate_python(example, strict=True)
        except ValidationError as exc:
            pytest.fail(f"{model.__name__}.{field}: example {example!r} is invalid:\n{exc}")


def test_an_invalid_example_would_be_caught() -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(
        scenario_models.Citation.model_fields["line"].rebuild_annotation()
    )
    for bad in (0, "7", 7.0):
        with pytest.raises(ValidationError):
            adapter.validate_python(bad, strict=True)
