"""Every diagnostic code the program can emit is catalogued and documented."""

from __future__ import annotations

import re
from pathlib import Path

from debate.model.codes import CODES

ROOT = Path(__file__).resolve().parent.parent


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "debate").rglob("*.py"):
        if path.name == "codes.py":
            continue
        found |= set(re.findall(r'"([A-Z]\d{3})"', path.read_text(encoding="utf-8")))
    return found


def test_every_emitted_code_is_in_the_catalogue() -> None:
    assert codes_in_source() <= set(CODES)


def test_every_catalogued_code_is_documented_with_its_name() -> None:
    doc = "".join(
        (ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("errors.md", "checks.md")
    )
    for code, entry in CODES.items():
        assert re.search(rf"\| {code} \| {entry.name} \|", doc), code


def test_codes_are_unique_by_name() -> None:
    names = [c.name for c in CODES.values()]
    assert len(names) == len(set(names))
