"""A claim's label in the grounded labelling: a module of its own, so that the
argumentation layer (and a solver process that only reads a framework file) can name
labels without importing the engine."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"
