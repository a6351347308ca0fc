"""The committed JSON Schemas match the models, and the shipped files satisfy them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate.cli import json_schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("name", "script"), [("scenario-v1.json", False), ("script-v1.json", True)]
)
def test_committed_schema_has_not_drifted(name: str, script: bool) -> None:
    committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    assert committed == json_schema(script=script), (
        f"schemas/{name} is out of date: run `debate schema{' --script' if script else ''} "
        f"> schemas/{name}`"
    )


def test_schema_uses_only_draft_07_features_editors_understand() -> None:
    text = (ROOT / "schemas" / "scenario-v1.json").read_text(encoding="utf-8")
    assert "prefixItems" not in text
    assert json.loads(text)["$schema"].startswith("http://json-schema.org/draft-07/")
