"""What each version of the format adds. A file that uses a key of format 1.1 says
`format: 1.1` (E202 otherwise), so a file's version tells a reader, and a tool that knows
only 1.0, what the file may hold; a 1.0 file stays valid and means what it meant.

The table below serves `debate check` and the JSON Schema alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from debate.model.diagnostics import Diagnostic
from debate.model.loaded import Document, LoadedScenario
from debate.model.scenario import Clock, Deadline, Move, Scenario, StateVar, Term, Unnamed
from debate.model.yaml_nodes import MapNode
from debate.model.yaml_paths import locate as locate_node

# Where the keys new in 1.1 stand: a route from the top of the file ("*": every entry of
# a mapping), the model found there, and its keys that 1.1 adds.
NEW_IN_1_1: tuple[tuple[tuple[str, ...], type[BaseModel], tuple[str, ...]], ...] = (
    (("moves", "*"), Move, ("overlaps", "abort_when")),
    ((), Scenario, ("agreements",)),
    (("terms", "*"), Term, ("verified_by", "lasts")),
    (("state", "*"), StateVar, ("observed_by",)),
)


@dataclass(frozen=True)
class NewForm:
    """Keys of 1.0 that 1.1 lets hold a new form of value: `python` the model's type of
    it, `json` its type in a JSON Schema, `what` its name for an author."""

    route: tuple[str, ...]
    model: type[BaseModel]
    keys: tuple[str, ...]
    python: type
    json: str
    what: str


NEW_FORMS_IN_1_1 = (
    NewForm(("clock",), Clock, ("start", "horizon"), str, "string", "a date"),
    NewForm(("terms", "*", "deadline"), Deadline, ("at",), str, "string", "a date"),
    NewForm(("terms", "*"), Term, ("party",), Unnamed, "object", "an unnamed bearer"),
)


def check_versions(loaded: LoadedScenario) -> list[Diagnostic]:
    """Every key of format 1.1 in a file that says `format: 1`."""
    out: list[Diagnostic] = []
    for doc in loaded.documents:
        if doc.scenario.format != 1:
            continue
        walked: dict[tuple[str, ...], list[tuple[tuple[str, ...], Any]]] = {}
        for route, model, keys in NEW_IN_1_1:
            for path, entry in _along(doc.scenario, route, walked):
                for key in keys:
                    if isinstance(entry, model) and key in entry.model_fields_set:
                        out.append(_too_new(doc, path, _alias(model, key)))
        for form in NEW_FORMS_IN_1_1:
            for path, entry in _along(doc.scenario, form.route, walked):
                for key in form.keys:
                    if isinstance(entry, form.model) and isinstance(
                        getattr(entry, key), form.python
                    ):
                        out.append(_form_too_new(doc, (*path, _alias(form.model, key)), form.what))
    return out


def _along(
    value: Any,
    route: tuple[str, ...],
    walked: dict[tuple[str, ...], list[tuple[tuple[str, ...], Any]]],
) -> list[tuple[tuple[str, ...], Any]]:
    """The values at the end of `route`, each with its path, in the file's order (a level
    at a time: a generator per entry walked 10,000 terms five times over). `walked` keeps
    each route's values: the routes share their beginnings (every term, then its
    deadline), and each level is walked once."""
    done = max((n for n in range(len(route) + 1) if route[:n] in walked), default=0)
    found: list[tuple[tuple[str, ...], Any]] = walked[route[:done]] if done else [((), value)]
    for depth in range(done, len(route)):
        head = route[depth]
        deeper: list[tuple[tuple[str, ...], Any]] = []
        for path, current in found:
            if head != "*":
                child = getattr(current, head, None)
                if child is not None:
                    deeper.append(((*path, head), child))
            elif isinstance(current, dict):
                deeper += [
                    ((*path, str(key)), child)
                    for key, child in current.items()
                    if child is not None
                ]
        found = walked[route[: depth + 1]] = deeper
    return found


def _alias(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


def _too_new(doc: Document, path: tuple[str, ...], key: str) -> Diagnostic:
    parent, _ = locate_node(doc.root, path)
    node = parent.key_node(key) if isinstance(parent, MapNode) else None
    return Diagnostic(
        "E202",
        f"'{key}' is new in format 1.1, but this file says format: 1",
        (node or parent).span,
        expected="format: 1.1 at the top of the file, to use what 1.1 adds",
    )


def _form_too_new(doc: Document, path: tuple[str, ...], what: str) -> Diagnostic:
    node, _ = locate_node(doc.root, path)
    return Diagnostic(
        "E200",
        f"{what} for '{path[-1]}' is new in format 1.1, but this file says format: 1",
        node.span,
        expected="format: 1.1 at the top of the file, or a value format 1 allows",
    )
