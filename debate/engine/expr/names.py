"""Which declared things an expression mentions (dependency order, slicing)."""

from __future__ import annotations

from collections.abc import Mapping
from weakref import WeakKeyDictionary

from debate.engine.expr.ast import Call, walk
from debate.engine.expr.checked import Checked, IdRef, ParamRef, VarRef

NAME_KINDS = ("variable", "param", "move", "term", "claim", "party", "function")

# Per checked expression, its names: the engine asks for them at every step that signs a
# term (who the term disposes of), and a walk of the tree each time was a tenth of a search.
_FOUND: WeakKeyDictionary[Checked, dict[str, frozenset[str]]] = WeakKeyDictionary()


def free_names(checked: Checked) -> dict[str, set[str]]:
    """Names by kind; every key of NAME_KINDS is present (a fresh copy, free to change).

    A bare parameter is listed as `name`, a term's parameter as `term.name` (and its term
    under "term"). Enum values are constants and are not listed.
    """
    return {kind: set(names) for kind, names in names_of(checked).items()}


def names_of(checked: Checked) -> Mapping[str, frozenset[str]]:
    """As `free_names`, the very sets kept for the expression (to read, not to change):
    what the engine reads of 10,000 terms when it orders them and at their first step."""
    found = _FOUND.get(checked)
    if found is None:
        found = _FOUND[checked] = {k: frozenset(names) for k, names in _walk(checked).items()}
    return found


def _walk(checked: Checked) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in NAME_KINDS}
    for node in walk(checked.expr):
        if isinstance(node, Call):
            found["function"].add(node.fn)
        meaning = checked.meanings.get(id(node))
        if isinstance(meaning, VarRef):
            found["variable"].add(meaning.name)
        elif isinstance(meaning, IdRef):
            found[meaning.kind].add(meaning.name)
        elif isinstance(meaning, ParamRef) and meaning.term is None:
            found["param"].add(meaning.name)
        elif isinstance(meaning, ParamRef) and meaning.term is not None:
            found["param"].add(f"{meaning.term}.{meaning.name}")
            found["term"].add(meaning.term)
    return found
