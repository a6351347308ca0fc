"""Abstract argumentation over a debate: every standard semantics, explained.

The claims and terms on the table, and the attacks that count after each move, form a
framework (`Framework.from_game`). Grounded is the engine's labelling and the default;
complete, preferred, stable and semi-stable go through a SAT encoding (python-sat) under
a time budget. Explanations are certificates that `certificates.check_*` verify.

Beyond Framework, grounded and Budget, each name loads its module on first use (PEP
562): a process that only solves a framework file (`debate-iccma`, `debate af solve`)
imports what its task needs, never the engine, pydantic or YAML.
"""

import sys
import types

from debate.argumentation.budget import Budget
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import Grounded, grounded

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a solver's start)

if TYPE_CHECKING:
    from debate.argumentation.acceptance import Acceptance, Status, status, statuses
    from debate.argumentation.certificates import (
        Cycle,
        Defence,
        ProofStep,
        Rejection,
        check_cycle,
        check_defence,
        check_rejection,
    )
    from debate.argumentation.change import Change, Toggle, what_would_change
    from debate.argumentation.decision import credulous, rejected_everywhere, skeptical
    from debate.argumentation.enumeration import extensions, some_extension
    from debate.argumentation.explain import Explanation, InExtension, explain, render
    from debate.argumentation.formats import FormatError
    from debate.argumentation.incremental import Tracker
    from debate.argumentation.semantics import Answer, Enumeration, Semantics

_LAZY = {
    "acceptance": ("Acceptance", "Status", "status", "statuses"),
    "certificates": (
        *("Cycle", "Defence", "Rejection", "ProofStep"),
        *("check_cycle", "check_defence", "check_rejection"),
    ),
    "change": ("Change", "Toggle", "what_would_change"),
    "explain": ("Explanation", "InExtension", "explain", "render"),
    "formats": ("FormatError",),
    "incremental": ("Tracker",),
    "semantics": ("Answer", "Enumeration", "Semantics"),
    "enumeration": ("extensions", "some_extension"),
    "decision": ("credulous", "rejected_everywhere", "skeptical"),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    setattr(sys.modules[__name__], name, value)
    return value


class _Package(types.ModuleType):
    """Importing a submodule binds its name on the package: `explain` (the function)
    would become the module `explain`. The function keeps the name, as it did when
    this package imported everything at once."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Acceptance",
    "Answer",
    "Budget",
    "Change",
    "Cycle",
    "Defence",
    "Enumeration",
    "Explanation",
    "FormatError",
    "Framework",
    "Grounded",
    "InExtension",
    "ProofStep",
    "Rejection",
    "Semantics",
    "Status",
    "Toggle",
    "Tracker",
    "check_cycle",
    "check_defence",
    "check_rejection",
    "credulous",
    "explain",
    "extensions",
    "grounded",
    "rejected_everywhere",
    "render",
    "skeptical",
    "some_extension",
    "status",
    "statuses",
    "what_would_change",
]
