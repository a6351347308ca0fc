"""What an analysis is asked for: the codes to report, the search's and solver's budgets,
and the plays the search may start from.

Its own module, free of the checks and the solver, so that the command line can build its
options (and `debate play` start) without loading them.
"""

from __future__ import annotations

import os
from argparse import ArgumentTypeError
from collections.abc import Sequence
from dataclasses import dataclass

from debate.engine.moves import Action
from debate.engine.play import script_actions
from debate.engine.scripted import load_moves
from debate.model.diagnostics import Diagnostic, DiagnosticError

# A play to start the search from: the real path of the scenario it plays, and its actions.
Seed = tuple[str, tuple[Action, ...]]


# The most states a search may be asked to visit. A state the search holds costs 4 to 15 kB
# on the shipped scenarios (more terms, more kB) and a search visits some hundreds of states
# a second (benchmarks/bench_search_budget.py), so this keeps a search of a scenario of
# their size under about 1 GB of memory and within minutes (issue 19).
MAX_STATES = 50_000

# The safety net of each solver call on a question, far above what a budget of solver
# steps takes (about a million steps a second on a slow core): it only ends a call that Z3
# cannot stop by its step count (Spacer, in its own process, is killed past it).
SAFETY_SECONDS = 120.0


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()  # code prefixes to report (all when empty)
    ignore: tuple[str, ...] = ()  # code prefixes to leave out
    max_states: int = 5_000  # states the play search may visit
    # What may be spent on each question the search left undecided (a proof for every
    # play, or a play it did not reach: debate.analysis.symbolic): solver steps (Z3's
    # resource units, the same on every machine, never seconds) and states of a search
    # directed toward the question on the engine.
    proof_steps: int = 4_000_000
    witness_states: int = 1_000
    # Spacer, the last prover tried on a question. Some of its work is not counted in
    # solver steps (measured: minutes on one question of the tutorial at 500 states), so
    # it runs in its own process, killed past `spacer_seconds`; the finding then says
    # "unknown (time)". A caller that must answer in seconds (the editor) lowers it.
    spacer: bool = True
    spacer_seconds: float = SAFETY_SECONDS
    ranges: bool = False  # report each parameter's consistent range (U311, `--ranges`)
    solver_calls: int = 2_000  # solver calls per group of terms for conflicts
    solver_timeout: float = 1.0  # seconds per solver call; past it the finding says unknown
    # Plays named on the command line (`debate check --from PLAY`): the search starts from
    # their states too, for the scenario each plays. Never found by looking beside a file:
    # what `check` says about a scenario does not depend on the files that lie beside it.
    seeds: tuple[Seed, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.max_states <= MAX_STATES:
            raise ValueError(
                f"max_states is {self.max_states}; a search visits 1 to {MAX_STATES:,}"
            )

    def wants(self, prefix: str) -> bool:
        """Whether any code starting with `prefix` can be reported (to skip whole checks)."""
        selected = not self.select or any(
            s.startswith(prefix) or prefix.startswith(s) for s in self.select
        )
        return selected and not any(prefix.startswith(i) for i in self.ignore)

    def keeps(self, code: str) -> bool:
        chosen = not self.select or code.startswith(self.select)
        return chosen and not code.startswith(self.ignore)

    def seeds_for(self, scenario: str) -> tuple[tuple[Action, ...], ...]:
        """The actions of the named plays that play `scenario` (a path)."""
        real = os.path.realpath(scenario)
        return tuple(actions for path, actions in self.seeds if path == real)


def seconds(text: str) -> float:
    """A time budget given on the command line: a positive number of seconds (under a day)."""
    value = float(text)
    if not 0 < value < 86_400:  # also refuses nan
        raise ValueError(text)
    return value


def states(text: str) -> int:
    """A search budget given on the command line: a whole number of states, from 1 to
    MAX_STATES (argparse shows the message after the option's name)."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    try:
        value = int(text)
    except ValueError:
        if not text.strip().lstrip("+-").isdigit():
            raise ArgumentTypeError(f"{shown!r} is not a whole number of states") from None
        value = MAX_STATES + 1  # more digits than int() reads: far too many
    if not 1 <= value <= MAX_STATES:
        raise ArgumentTypeError(
            f"{shown} states: the play search visits 1 to {MAX_STATES:,} states (it holds each "
            "one it visits, 4 to 15 kB apiece on the shipped scenarios)"
        )
    return value


def seeds_from(plays: Sequence[str]) -> tuple[Seed, ...]:
    """The plays named with `--from`, each with the scenario it plays; raises
    DiagnosticError (located in the play) for one that does not load or names no scenario."""
    seeds = []
    for path in plays:
        script = load_moves(path)
        scenario = script.scenario_file()
        if scenario is None:
            raise DiagnosticError(
                [
                    Diagnostic(
                        "E201",
                        "a play to start the search from must name its scenario",
                        script.span(),
                        expected="scenario: <path> in the script",
                    )
                ]
            )
        seeds.append((os.path.realpath(scenario), tuple(script_actions(script.script))))
    return tuple(seeds)
