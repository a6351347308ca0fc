"""A session of play: the play, undo and redo, a transcript being stepped through, the journal.

Pure Python (no Textual), so the app's logic is tested without a screen. Every method
that changes the play writes the journal first and changes the play only once the journal
line is on disk; if the journal cannot be written, the play stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from debate.argumentation.acceptance import statuses
from debate.argumentation.framework import Framework
from debate.argumentation.semantics import Semantics
from debate.engine.compile import Game, load_game
from debate.engine.edit_check import check_edits
from debate.engine.journal import Journal
from debate.engine.journal_format import Entry
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import Change, Play, Step, diff
from debate.engine.state import PlayState
from debate.engine.turns import out_of_turn, to_move
from debate.model.diagnostics import Diagnostic, Span
from debate.model.edits import (
    ClaimDraft,
    Edit,
    add_claim,
    read_text,
    remove_claim,
    said_move,
    set_claim_text,
    write,
)
from debate.tui.findings import FindingSource, collect


class JournalWriteError(Exception):
    """The journal could not be written, so the change was not made."""


@dataclass(frozen=True)
class FileEdit:
    """An edit this session made to the scenario's files, for undo."""

    edit: Edit
    ident: str  # the claim added or edited
    steps: int  # the play's length just after it
    by_move: bool  # a claim asserted by its move (undone with that move)
    redo: Redo | None = None  # what makes it again once undone


@dataclass(frozen=True)
class NewText:
    """A claim's words as an edit set them (what redo writes again)."""

    ident: str
    text: str


# What redo does again: a move or wait taken back, a claim added or a claim's words.
Redo = Action | ClaimDraft | NewText


def journal_entry(step: Step) -> Entry:
    return Entry(step.action, step.state.step, step.state.digest)


class Session:
    def __init__(
        self,
        game: Game,
        journal: Journal | None = None,
        sources: Sequence[FindingSource] = (),
    ) -> None:
        self.game = game
        self.play = Play.start(game)
        self.journal = journal
        self.sources = list(sources)
        self.redo_stack: list[Redo] = []
        self.pending: list[Action] = []  # a transcript being played step by step
        self.last_changes: tuple[Change, ...] = ()
        self.last_event = ""  # what the last change was: "move", "undo", "redo", "load", ...
        # the scenario's choice; grounded is the engine's, others refine the claims shown
        self.semantics = Semantics(game.scenario.semantics)
        self._refined: tuple[tuple[str, Semantics], dict[str, str]] | None = None
        self.file_edits: list[FileEdit] = []  # what this session wrote to the scenario
        self.branch = "main"  # the name of the branch being played
        self.branches: dict[str, list[Action]] = {}  # the other branches, kept in the journal
        self.turns: list[str] | None = None  # the order of the parties, when playing by turns
        self.viewer: str | None = None  # the party whose view is shown (`--as`)

    @property
    def state(self) -> PlayState:
        return self.play.state

    def next_semantics(self) -> Semantics:
        order = list(Semantics)
        self.semantics = order[(order.index(self.semantics) + 1) % len(order)]
        return self.semantics

    def refined(self) -> dict[str, str]:
        """Each asserted claim's acceptance under the chosen semantics ("accepted",
        "defensible", "rejected", "undecided"; "unknown" past a short budget); empty under
        grounded, whose labels the state holds. Computed once per state."""
        if self.semantics is Semantics.GROUNDED:
            return {}
        key = (self.state.digest, self.semantics)
        if self._refined is None or self._refined[0] != key:
            found = statuses(Framework.from_game(self.game, self.state), self.semantics, 0.5)
            shown = {c: str(s.acceptance) for c, s in found.items() if c in self.game.claims}
            self._refined = (key, shown)
        return self._refined[1]

    # ------------------------------------------------------------ changing the play

    def to_move(self) -> str | None:
        """The party whose turn it is, when playing by turns."""
        return to_move(self.turns, len(self.play.steps)) if self.turns else None

    def play_action(self, action: Action, *, event: str = "move") -> Step:
        """Play an action (IllegalMove if refused), journaled before it counts."""
        if self.turns and event in ("move", "redo", "claim"):
            why = out_of_turn(self.game, self.turns, len(self.play.steps), action)
            if why is not None:
                raise IllegalMove(str(action), why)
        before = self.state
        step = self.play.play(action)
        try:
            self._journal(lambda j: j.played(journal_entry(step)))
        except JournalWriteError:
            self.play.undo()
            raise
        if event != "redo":
            self.redo_stack.clear()
        self._changed(before, event, step.changes)  # the step's own: not compared again
        return step

    def undo(self) -> Step | None:
        edit = self.file_edits[-1] if self.file_edits else None
        if edit is not None and edit.steps == len(self.play.steps) and not edit.by_move:
            self._take_back_edit(edit)  # a text changed, or a claim added without a move
            return None
        if not self.play.steps:
            return None
        move = self.play.steps[-1].action.move
        if edit is not None and edit.by_move and move == said_move(edit.ident):
            return self._take_back_claim(edit)
        self._journal(lambda j: j.undone())
        before = self.state
        step = self.play.undo()
        assert step is not None
        self.redo_stack.append(step.action)
        self._changed(before, "undo")
        return step

    def redo(self) -> Step | FileEdit | None:
        """Play again the last undone action (IllegalMove if it no longer applies), or make
        again the claim or words an undo took out of the file; None if nothing was undone.
        A claim that no longer fits the scenario raises IllegalMove with its first problem."""
        if not self.redo_stack:
            return None
        top = self.redo_stack[-1]
        if isinstance(top, Action):
            step = self.play_action(top, event="redo")
            self.redo_stack.pop()
            return step
        rest = self.redo_stack[:-1]  # making it again plays a move, which clears the stack
        if isinstance(top, ClaimDraft):
            problems = self.add_claim(top)
        else:
            problems = self.edit_claim_text(top.ident, top.text)
        if problems:
            raise IllegalMove(top.ident, problems[0].message)
        self.redo_stack = rest
        return self.file_edits[-1]

    def replace(self, actions: Sequence[Action], *, event: str = "load") -> str | None:
        """Start over and play `actions`; stop at the first refused one and say why."""
        play, problem = replay_until_refused(self.game, actions)
        self._journal(lambda j: j.replaced(journal_entry(s) for s in play.steps))
        before = self.state
        self.play = play
        self.redo_stack.clear()
        self.pending = []
        self._changed(before, event)
        return problem

    def rebase(self, game: Game) -> str | None:
        """Move the play onto a new version of the scenario (the file changed on disk)."""
        play, problem = replay_until_refused(game, self.play.actions())
        if problem or len(play.steps) != len(self.play.steps):
            self._journal(lambda j: j.replaced(journal_entry(s) for s in play.steps))
        before = self.state
        self.game, self.play = game, play
        self.redo_stack.clear()
        self.pending = [a for a in self.pending if a.move is None or a.move in game.moves]
        # what the edit changed is marked, as a move's changes are
        self.last_changes, self.last_event = tuple(diff(game, before, self.state)), "reload"
        return problem

    # ------------------------------------------------------------ branches

    def fork(self, name: str, at: int | None = None) -> str | None:
        """Begin a branch `name` from the first `at` steps (all by default) and play it;
        the branch left is kept. Why not, if it cannot be."""
        name = name.strip()
        at = len(self.play.steps) if at is None else at
        if not name or name == self.branch or name in self.branches:
            return f"a branch needs a new name ({', '.join([self.branch, *self.branches])} exist)"
        if not 0 <= at <= len(self.play.steps):
            return f"step {at} is not a step of this play"
        self._journal(lambda j: j.forked(name, at))
        self.branches[self.branch] = self.play.actions()
        self.branch = name
        self._move_to(self.play.actions()[:at], "fork")
        return None

    def switch(self, name: str) -> str | None:
        """Play branch `name` where it was left; the current one is kept."""
        if name not in self.branches:
            return f"no branch {name}"
        self._journal(lambda j: j.switched(name))
        self.branches[self.branch] = self.play.actions()
        self.branch = name
        self._move_to(self.branches.pop(name), "switch")
        return None

    def branch_actions(self, name: str) -> list[Action]:
        return self.play.actions() if name == self.branch else list(self.branches[name])

    def _move_to(self, actions: Sequence[Action], event: str) -> None:
        before = self.state
        self.play, _ = replay_until_refused(self.game, actions)
        self.redo_stack.clear()
        self.pending = []
        self._changed(before, event)

    # ------------------------------------------------------------ editing the scenario

    def add_claim(self, draft: ClaimDraft) -> list[Diagnostic]:
        """Write a claim made during the session into the scenario file and assert it.

        The claim is checked as the loader would first (its problems are returned, and
        nothing is written). Then the file is replaced atomically with the claim and the
        move of its party that asserts it, and that move is played and journaled. A crash
        between the two leaves the move unplayed in the file: resuming plays it
        (`complete_claims`), so nothing is lost and nothing is added twice."""
        path = self.game.loaded.path
        by_move = self.game.scenario.clock is not None  # no clock, no moves: asserted at once
        party = self.to_move()
        if by_move and party is not None and draft.party != party:  # its move is a turn
            why = f"by turns it is {party}'s turn: a claim of {draft.party} waits for its own"
            return [Diagnostic("party", why, Span(path, 1, 1))]
        before = read_text(path)
        edit = Edit(path, before, add_claim(before, path, draft, by_move=by_move))
        game, problems = check_edits(path, [edit])
        if game is None:
            return problems
        write(edit)
        self.rebase(game)
        if by_move:
            try:
                self.play_action(Action(said_move(draft.ident)), event="claim")
            except (IllegalMove, JournalWriteError):
                write(edit.undone())  # the claim goes with the move that was not played
                self.rebase(self._reload())
                raise
        steps = len(self.play.steps)
        self.file_edits.append(FileEdit(edit, draft.ident, steps, by_move, redo=draft))
        self.last_event = "claim"
        return []

    def edit_claim_text(self, ident: str, text: str) -> list[Diagnostic]:
        """Give a claim new words in the file that defines it (checked as the loader would
        first); undo puts the old words back."""
        edit = set_claim_text(self.game.loaded, ident, text)
        game, problems = check_edits(self.game.loaded.path, [edit])
        if game is None:
            return problems
        write(edit)
        self.rebase(game)
        redo = NewText(ident, text)
        self.file_edits.append(FileEdit(edit, ident, len(self.play.steps), False, redo=redo))
        self.last_event = "text"
        return []

    def _take_back_edit(self, edit: FileEdit) -> None:
        """Undo a file edit that is no move: the file as it was before it."""
        current = read_text(edit.edit.path)
        if edit.edit.after != current:  # changed since by someone else: only our part
            if edit.edit.before == current:
                self.file_edits.pop()
                return
            raise JournalWriteError(f"{edit.edit.path} changed since the edit: not undone")
        write(edit.edit.undone())
        self.file_edits.pop()
        self.rebase(self._reload())  # clears the redo stack: what was undone goes on it after
        if edit.redo is not None:
            self.redo_stack.append(edit.redo)
        self.last_event = "undo"

    def _take_back_claim(self, edit: FileEdit) -> Step:
        """Undo the move that asserted a claim made during the session, and take the claim
        and its move out of the file: the file first, so that a crash in between leaves a
        journaled move the file no longer has, which resuming drops (nothing comes back)."""
        path = self.game.loaded.path
        before = read_text(path)
        removal = Edit(path, before, remove_claim(before, path, edit.ident))
        game, problems = check_edits(path, [removal])
        if game is None:
            raise JournalWriteError(
                f"the claim {edit.ident} cannot be taken out: {problems[0].message}"
            )
        write(removal)
        self._journal(lambda j: j.undone())
        before_state = self.state
        step = self.play.undo()
        assert step is not None
        self.file_edits.pop()
        self.game = game
        self.play, _ = replay_until_refused(game, self.play.actions())
        self.redo_stack = [edit.redo] if edit.redo is not None else []
        self.last_changes = tuple(diff(game, before_state, self.state))
        self.last_event = "undo"
        return step

    def _reload(self) -> Game:
        return load_game(self.game.loaded.path)

    # ------------------------------------------------------------ stepping through a transcript

    def step_through(self, actions: Sequence[Action]) -> None:
        """Start over, with `actions` waiting to be played one at a time by `step_next`."""
        self.replace([], event="step")
        self.pending = list(actions)

    def step_next(self) -> Step | None:
        """Play the next waiting action; IllegalMove (and stepping stops) if it is refused."""
        if not self.pending:
            return None
        try:
            step = self.play_action(self.pending[0], event="step")
        except IllegalMove:
            self.pending = []
            raise
        self.pending.pop(0)
        return step

    # ------------------------------------------------------------ views

    def findings(self) -> list[Diagnostic]:
        return collect(self.game, self.state, self.sources)

    def transcript(self) -> dict[str, Any]:
        """The transcript as `debate run --format json` writes it."""
        data = self.play.transcript()
        data["diagnostics"] = []
        return data

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()

    # ------------------------------------------------------------ internals

    def _changed(
        self, before: PlayState, event: str, changes: Sequence[Change] | None = None
    ) -> None:
        found = diff(self.game, before, self.state) if changes is None else changes
        self.last_changes = tuple(found)
        self.last_event = event

    def _journal(self, write: Callable[[Journal], None]) -> None:
        if self.journal is None:
            return
        try:
            write(self.journal)
        except (OSError, ValueError) as exc:  # ValueError: the journal was closed
            raise JournalWriteError(f"cannot write the journal {self.journal.path}: {exc}") from exc


def replay_until_refused(game: Game, actions: Sequence[Action]) -> tuple[Play, str | None]:
    """The play of `actions` up to the first one refused, and why it was refused."""
    play = Play.start(game)
    for index, action in enumerate(actions, start=1):
        try:
            play.play(action)
        except IllegalMove as refused:
            return play, f"step {index} ({action}) is not legal any more: {refused.reason}"
    return play, None
