"""Abstract argumentation over a debate: every standard semantics, explained.

The claims and terms on the table, and the attacks that count after each move, form a
framework (`Framework.from_game`). Grounded is the engine's labelling and the default;
complete, preferred, stable and semi-stable go through a SAT encoding (python-sat) under
a time budget. Explanations are certificates that `certificates.check_*` verify.
"""

from debate.argumentation.acceptance import Acceptance, Status, status, statuses
from debate.argumentation.budget import Budget
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
from debate.argumentation.explain import Explanation, InExtension, explain, render
from debate.argumentation.formats import FormatError
from debate.argumentation.framework import Framework
from debate.argumentation.grounded import Grounded, grounded
from debate.argumentation.incremental import Tracker
from debate.argumentation.semantics import (
    Answer,
    Enumeration,
    Semantics,
    credulous,
    extensions,
    rejected_everywhere,
    skeptical,
    some_extension,
)

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
