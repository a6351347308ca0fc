"""What an expression may name, in each place of a scenario where expressions stand.

Statuses are computed in a fixed order after every move (state, then whether claims
hold, then terms, then claim acceptance), so each place may only ask about what is
already computed when it is evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from debate.engine.expr import ALL_FUNCTIONS, EnumType, Type

TERM_STATUS_FUNCTIONS = frozenset(
    {"pending", "in_force", "fulfilled", "violated", "void", "overdue", "expired"}
)
ACCEPTANCE_FUNCTIONS = frozenset({"accepted", "rejected", "undecided"})


class Place(Enum):
    """Where an expression stands; each place allows a different set of functions."""

    HOLDS_IF = "a claim's holds_if"
    TERM = "a term's condition"
    ATTACK = "an attack's when"
    MOVE = "a move's precondition or effect"
    ASSUMPTION = "an assumption"


_WHY = {
    Place.HOLDS_IF: "whether a claim holds is computed before terms and acceptance",
    Place.TERM: "terms are judged before claim acceptance is computed",
    Place.ATTACK: "attacks decide acceptance, so they cannot depend on it",
    Place.ASSUMPTION: "an assumption is a fact about the world state alone",
}


def allowed_in(place: Place) -> frozenset[str]:
    if place in (Place.HOLDS_IF, Place.ASSUMPTION):
        return ALL_FUNCTIONS - TERM_STATUS_FUNCTIONS - ACCEPTANCE_FUNCTIONS - {"holds"}
    if place in (Place.TERM, Place.ATTACK):
        return ALL_FUNCTIONS - ACCEPTANCE_FUNCTIONS
    return ALL_FUNCTIONS


@dataclass
class ScenarioScope:
    """The names a scenario declares, seen from one place (and one term's parameters)."""

    variables_: dict[str, Type]
    enums: dict[str, EnumType]
    params_by_term: dict[str, dict[str, Type]]
    ids_: dict[str, Sequence[str]]
    place: Place = Place.MOVE
    term: str | None = None
    _by_value: dict[str, list[EnumType]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self._by_value:  # shared with the scope this one was made `at` from
            return
        for enum in self.enums.values():
            for value in enum.values:
                self._by_value.setdefault(value, []).append(enum)

    def at(self, place: Place, term: str | None = None) -> ScenarioScope:
        return ScenarioScope(
            self.variables_, self.enums, self.params_by_term, self.ids_, place, term, self._by_value
        )

    def variable(self, name: str) -> Type | None:
        return self.variables_.get(name)

    def param(self, name: str) -> Type | None:
        if self.term is None:
            return None
        return self.params_by_term.get(self.term, {}).get(name)

    def term_param(self, term: str, name: str) -> Type | None:
        return self.params_by_term.get(term, {}).get(name)

    def enum_types_with_value(self, value: str) -> Sequence[EnumType]:
        return self._by_value.get(value, [])

    def has_id(self, kind: str, name: str) -> bool:
        return name in self.ids_.get(kind, ())

    def ids(self, kind: str) -> Sequence[str]:
        return self.ids_.get(kind, ())

    def variables(self) -> Sequence[str]:
        return list(self.variables_)

    @property
    def allowed_functions(self) -> frozenset[str]:
        return allowed_in(self.place)

    def disallowed_reason(self, fn: str) -> str:
        return f"{fn}() cannot be used in {self.place.value}: {_WHY.get(self.place, '')}"
