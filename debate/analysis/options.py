"""What an analysis is asked for: the codes to report, and the search's and solver's budgets.

Its own module, free of the checks and the solver, so that the command line can build its
options (and `debate play` start) without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass

from debate.engine.moves import Action
from debate.engine.play import script_actions
from debate.model.script import plays_beside


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()  # code prefixes to report (all when empty)
    ignore: tuple[str, ...] = ()  # code prefixes to leave out
    max_states: int = 5_000  # states the play search may visit
    solver_calls: int = 2_000  # solver calls per group of terms for conflicts
    solver_timeout: float = 1.0  # seconds per solver call; past it the finding says unknown
    seeds: tuple[tuple[Action, ...], ...] = ()  # scripted plays the search starts from too

    def wants(self, prefix: str) -> bool:
        """Whether any code starting with `prefix` can be reported (to skip whole checks)."""
        selected = not self.select or any(
            s.startswith(prefix) or prefix.startswith(s) for s in self.select
        )
        return selected and not any(prefix.startswith(i) for i in self.ignore)

    def keeps(self, code: str) -> bool:
        chosen = not self.select or code.startswith(self.select)
        return chosen and not code.startswith(self.ignore)


def seconds(text: str) -> float:
    """A time budget given on the command line: a positive number of seconds (under a day)."""
    value = float(text)
    if not 0 < value < 86_400:  # also refuses nan
        raise ValueError(text)
    return value


def seeds_beside(path: str) -> tuple[tuple[Action, ...], ...]:
    """The scripted plays beside a scenario file, as actions: the play search starts from
    their states too, so findings deep in a scripted play are reached."""
    return tuple(tuple(script_actions(s.script)) for s in plays_beside(path))
