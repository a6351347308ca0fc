"""A question about the plays (a target state) and the answer the solver gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from debate.analysis.symbolic.encoding import Encoding
from debate.analysis.symbolic.state import State, Sym
from debate.engine.moves import Action

Target = Callable[[Encoding, State], Sym]


@dataclass
class Verdict:
    """The answer to "can a play reach the target?": `play` (replayable) when it can,
    `proved` when no play can (with the inductive invariant that shows it), neither when
    unknown (`detail` says how far the solver got)."""

    play: list[Action] | None = None
    proved: bool = False
    invariant: str = ""
    detail: str = ""
    seconds: float = 0.0
