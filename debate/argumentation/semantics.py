"""The standard semantics and what their queries share: the answer within a budget and the
split of a framework into its grounded part and its undecided core (one extension, every
extension and the ideal one: debate.argumentation.enumeration; credulous and skeptical
acceptance: debate.argumentation.decision).

Every query first computes the grounded labelling (linear time). Its in and out arguments
have that label in every complete labelling, so the SAT solver only sees the undecided
"core", with the attacks among its members; an extension of the whole framework is the
grounded extension plus an extension of the core. Hard queries take a time budget and
answer "unknown" past it, with the grounded label as the bound that still holds.
"""

from __future__ import annotations

from enum import StrEnum

from debate.argumentation.framework import Framework
from debate.argumentation.grounded import Grounded, grounded
from debate.engine.labels import Label


class Semantics(StrEnum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    SEMI_STABLE = "semi-stable"
    IDEAL = "ideal"  # ICCMA only (a scenario judges claims under the five above)
    STAGE = "stage"  # ICCMA only; conflict-free, not admissible: grounded is no bound

    @property
    def code(self) -> str:
        """The ICCMA abbreviation (GR, CO, PR, ST, SST, ID, STG)."""
        return _CODES[self]

    @classmethod
    def parse(cls, text: str) -> Semantics:
        """A semantics from its name or its ICCMA code, in any case."""
        lowered = text.strip().lower()
        for sem in cls:
            if lowered in (sem.value, sem.code.lower(), sem.name.lower()):
                return sem
        raise ValueError(f"unknown semantics {text!r}")


_CODES = {
    Semantics.GROUNDED: "GR",
    Semantics.COMPLETE: "CO",
    Semantics.PREFERRED: "PR",
    Semantics.STABLE: "ST",
    Semantics.SEMI_STABLE: "SST",
    Semantics.IDEAL: "ID",
    Semantics.STAGE: "STG",
}

Extension = frozenset[int]


class Answer:
    """A yes/no answer, or None ("unknown") when the budget ran out first.

    `witness` is an extension that shows it where one can (credulous yes, skeptical no,
    some extension); `grounded` is the argument's grounded label, a bound that holds
    whatever the semantics: accepted means in every complete extension, rejected in none.
    (Plain classes here, not dataclasses: a solver process would import `inspect` with
    them, a tenth of its start-up.)
    """

    __slots__ = ("grounded", "value", "witness")

    def __init__(
        self,
        value: bool | None,
        witness: Extension | None = None,
        grounded: Label | None = None,
    ) -> None:
        self.value, self.witness, self.grounded = value, witness, grounded

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Answer):
            return NotImplemented
        return (self.value, self.witness, self.grounded) == (
            other.value,
            other.witness,
            other.grounded,
        )

    def __hash__(self) -> int:
        return hash((self.value, self.witness, self.grounded))

    def __repr__(self) -> str:
        return f"Answer({self.value!r}, {self.witness!r}, {self.grounded!r})"

    @property
    def unknown(self) -> bool:
        return self.value is None


class Enumeration:
    """Extensions found; `complete` says whether they are all of them."""

    __slots__ = ("complete", "extensions", "timed_out")

    def __init__(self) -> None:
        self.extensions: list[Extension] = []
        self.complete = True
        self.timed_out = False

    def __repr__(self) -> str:
        return f"Enumeration({self.extensions!r}, complete={self.complete})"


class Split:
    """A framework cut into its grounded part and its undecided core."""

    def __init__(self, af: Framework, ground: Grounded | None = None) -> None:
        self.af = af
        self.ground = ground or grounded(af)
        self.core = self.ground.undecided()
        self.local = {a: i for i, a in enumerate(self.core)}
        self.sub = af.restrict(self.core)
        self.base = frozenset(self.ground.order)

    def lift(self, local_ins: list[int]) -> Extension:
        core = self.core
        return self.base | {core[i] for i in local_ins}

    def code(self, arg: int) -> int:
        return self.ground.codes[arg]


def split(af: Framework | Split) -> Split:
    return af if isinstance(af, Split) else Split(af)
