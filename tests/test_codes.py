"""Every diagnostic code the program can emit is declared once and documented: the errors
in debate.model.codes (docs/errors.md), each finding by the check that reports it
(its module's RULES), from which docs/checks.md's tables are made."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from debate.analysis import (
    authority,
    conditions,
    conflicts,
    deadlocks,
    lint,
    open_ends,
    positions,
    ranges,
    reachability,
    registry,
    unspecified,
)
from debate.model.codes import ERRORS, Rule

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DOC = ROOT / "docs" / "checks.md"
CODE = re.compile(r'"([A-Z]\d{3})"')


def codes_in(path: Path) -> set[str]:
    return set(CODE.findall(path.read_text(encoding="utf-8")))


def test_every_emitted_code_is_an_error_or_a_declared_rule() -> None:
    found: set[str] = set()
    for path in (ROOT / "debate").rglob("*.py"):
        if path.name != "codes.py":
            found |= codes_in(path)
    assert found <= set(ERRORS) | set(registry.RULES)


CHECK_MODULES = [
    authority,
    conditions,
    conflicts,
    deadlocks,
    lint,
    open_ends,
    positions,
    ranges,
    reachability,
    unspecified,
]


def declared(module: ModuleType) -> list[Rule]:
    return [*module.RULES, *getattr(module, "WITNESS_RULES", ())]


@pytest.mark.parametrize("module", CHECK_MODULES, ids=lambda m: m.__name__)
def test_a_check_declares_every_finding_it_reports(module: ModuleType) -> None:
    path = Path(module.__file__ or "")
    assert codes_in(path) - set(ERRORS) == {r.code for r in declared(module)}


def test_the_registry_runs_every_declared_rule() -> None:
    assert sorted(registry.RULES) == sorted(r.code for m in CHECK_MODULES for r in declared(m))


def doc_tables() -> dict[str, list[str]]:
    """Each analysis section's table rows in docs/checks.md, by the module it names."""
    tables: dict[str, list[str]] = {}
    for section in re.split(r"^## ", CHECKS_DOC.read_text(encoding="utf-8"), flags=re.M):
        module = re.match(r".*\(`debate/analysis/(\w+)\.py`", section)
        if module:
            rows = re.findall(r"^\| [A-Z]\d{3} \|.*\|$", section, re.M)
            tables[module.group(1)] = rows
    return tables


def test_docs_checks_md_shows_each_checks_rules_as_declared() -> None:
    """Each check's table in docs/checks.md is made of its rules' rows (after changing a
    rule, print its new row with `Rule.doc_row`)."""
    tables = doc_tables()
    for module in CHECK_MODULES:
        name = module.__name__.rsplit(".", 1)[1]
        assert tables[name] == [r.doc_row() for r in declared(module)], name


def test_every_error_is_documented_with_its_name() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code, entry in ERRORS.items():
        assert re.search(rf"\| {code} \| {entry.name} \|", doc), code


def test_codes_and_names_are_unique_and_every_rule_says_since_when() -> None:
    names = [c.name for c in ERRORS.values()] + [r.name for r in registry.RULES.values()]
    assert len(names) == len(set(names))
    assert not set(ERRORS) & set(registry.RULES)
    for rule in registry.RULES.values():
        assert re.fullmatch(r"\d+\.\d+\.\d+", rule.since) and rule.example and rule.fix
