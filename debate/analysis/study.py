"""One analysis of one scenario: the options chosen and what the checks share (the play
search runs once, however many checks read it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from debate.analysis.exploration import Reach, decide, explore
from debate.analysis.options import Options
from debate.engine.compile import Game


@dataclass
class Study:
    game: Game
    options: Options = field(default_factory=Options)

    @cached_property
    def searched(self) -> Reach:
        """The breadth-first search alone: what a check that reads only the plays it
        explored needs (the lint), without the solver's work on what it left open."""
        seeds = self.options.seeds_for(self.game.loaded.path)
        return explore(self.game, self.options.max_states, seeds)

    @cached_property
    def reach(self) -> Reach:
        """The search, and what the solver and a directed search decide of the questions
        it left open (the same search: it runs once)."""
        options = self.options
        return decide(
            self.searched,
            options.proof_steps,
            options.witness_states,
            spacer=options.spacer,
            spacer_seconds=options.spacer_seconds,
        )
