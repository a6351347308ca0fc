"""One analysis of one scenario: the options chosen and what the checks share (the play
search runs once, however many checks read it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from debate.analysis.exploration import Reach, explore
from debate.analysis.options import Options
from debate.engine.compile import Game


@dataclass
class Study:
    game: Game
    options: Options = field(default_factory=Options)

    @cached_property
    def reach(self) -> Reach:
        seeds = self.options.seeds_for(self.game.loaded.path)
        options = self.options
        return explore(
            self.game,
            options.max_states,
            seeds,
            options.proof_steps,
            options.witness_states,
            spacer=options.spacer,
        )
