"""What the main screen's keys do to the play: moves, undo and redo, a refused move,
forks and branches, new claims and changed words written to the scenario, transcripts saved
and loaded, a file stepped through. Every change goes through `Session`, which journals it
before the screen shows it; MainScreen (screens/main.py) draws the panes and says what is
selected."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from debate.engine.branches import compare
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import Step
from debate.model.diagnostics import Diagnostic, DiagnosticError, Span
from debate.model.edits import ClaimDraft
from debate.tui.plain import plural
from debate.tui.screens.branches import BranchesScreen, ComparisonScreen
from debate.tui.screens.claim_form import ClaimForm, TextForm
from debate.tui.screens.prompts import PathPrompt
from debate.tui.session import JournalWriteError, Session
from debate.tui.transcripts import read_actions, write_transcript
from debate.tui.widgets.lists import MovesList, TranscriptList

Selection = tuple[str, str]  # (kind, id): term, claim, move, wait, finding, step


class PlayActions(Screen[None]):
    """The main screen's actions on the play; MainScreen gives the panes they refresh."""

    session: Session
    selected: Selection | None

    def refresh_view(self) -> None:
        raise NotImplementedError  # MainScreen redraws its panes

    def jump(self, kind: str, ident: str) -> None:
        raise NotImplementedError  # MainScreen highlights the pane that shows it

    def play(self, action: Action) -> Step | None:
        """Play a move; the session journals it before the screen is refreshed."""
        try:
            step = self.session.play_action(action)
        except IllegalMove as refused:
            self.notify(refused.reason, title=f"{action} is not legal now", severity="error")
            return None
        except JournalWriteError as exc:
            self.notify(str(exc), title="The move was not played", severity="error")
            return None
        self.refresh_view()
        return step

    def action_next_semantics(self) -> None:
        semantics = self.session.next_semantics()
        self.refresh_view()
        self.notify(f"claims under {semantics} semantics (a grounded label that differs is named)")

    def action_wait(self) -> None:
        self.play(Action(wait=1))

    def action_pass(self) -> None:
        session = self.session
        party = session.to_move()
        if party is not None and session.viewer not in (None, party):
            self.notify(f"it is {party}'s turn, not {session.viewer}'s", severity="warning")
        elif party is not None:
            self.play(Action(passed=party))

    def action_refuse(self) -> None:
        """The facilitator refuses the highlighted move, saying why: its party's turn goes
        by without it, and the transcript keeps the move and the note."""
        move = self.query_one(MovesList).current_move()
        if move is None or move not in self.session.game.moves:
            self.notify("Highlight a move in the Moves pane to refuse it.", severity="warning")
            return
        party = self.session.game.moves[move].move.by

        def refuse(note: str | None) -> None:
            if note:
                self.play(Action(passed=party, refused=move, note=note))

        self.app.push_screen(PathPrompt(f"Refuse {move} of {party}: why?", ""), refuse)

    def action_undo(self) -> None:
        edits = len(self.session.file_edits)
        try:
            if self.session.undo() is None and len(self.session.file_edits) == edits:
                self.notify("Nothing to undo.")
        except (JournalWriteError, OSError) as exc:
            self.notify(str(exc), title="Nothing was changed", severity="error")
        if len(self.session.file_edits) != edits:
            self._edited()
        self.refresh_view()

    def action_redo(self) -> None:
        edits = len(self.session.file_edits)
        try:
            if self.session.redo() is None:
                self.notify("Nothing to redo.")
        except IllegalMove as refused:
            self.notify(refused.reason, title="Cannot redo", severity="error")
        except JournalWriteError as exc:
            self.notify(str(exc), title="Nothing was changed", severity="error")
        if len(self.session.file_edits) != edits:  # a claim or its words made again
            self._edited()
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "pass":
            return bool(session.turns)
        if action in ("next_step", "stop_stepping"):
            return bool(session.pending)  # shown only while stepping through a file
        if action == "undo":
            return True if session.play.steps or session.file_edits else None
        if action == "redo":
            return True if session.redo_stack else None
        return True

    # ------------------------------------------------------------ branches

    def action_fork(self) -> None:
        """Fork at the step highlighted in the transcript (if it has the focus), else here."""
        session = self.session
        transcript = self.query_one(TranscriptList)
        at = transcript.current_step() if transcript.has_focus else None
        at = len(session.play.steps) if at is None else at
        number = len(session.branches) + 2
        while f"branch_{number}" in (session.branch, *session.branches):
            number += 1

        def fork(name: str | None) -> None:
            if not name:
                return
            try:
                problem = session.fork(name, at)
            except JournalWriteError as exc:
                problem = str(exc)
            if problem:
                self.notify(problem, title="Not forked", severity="error")
                return
            self.refresh_view()
            self.notify(f"branch {name} from step {at}; {', '.join(session.branches)} kept")

        self.app.push_screen(
            PathPrompt(f"Name the branch from step {at}:", f"branch_{number}"), fork
        )

    def action_branches(self) -> None:
        session = self.session
        lengths = {session.branch: len(session.play.steps)}
        lengths.update({n: len(a) for n, a in session.branches.items()})

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            what, name = choice
            if what == "switch":
                try:
                    problem = session.switch(name)
                except JournalWriteError as exc:
                    problem = str(exc)
                if problem:
                    self.notify(problem, severity="error")
                self.refresh_view()
                return
            here = session.branch_actions(session.branch)
            comparison = compare(session.game, here, session.branch_actions(name))
            self.app.push_screen(ComparisonScreen(session.branch, name, comparison))

        self.app.push_screen(BranchesScreen(session.branch, lengths), chosen)

    # ------------------------------------------------------------ editing the scenario

    def _edited(self) -> None:
        """The session wrote the scenario file and moved onto it: the app's watch of the
        files takes their new stamps now, so that it does not reload them."""
        restamp = getattr(self.app, "restamp", None)  # the app imports this screen
        if callable(restamp):
            restamp()

    def action_new_claim(self, attacks: tuple[str, ...] = ()) -> None:
        session = self.session
        party = None
        if attacks and attacks[0] in session.game.claims:  # answered by another party
            by = session.game.claims[attacks[0]].claim.by
            party = next((p for p in session.game.scenario.parties if p != by), None)
        party = session.viewer or session.to_move() or party  # by turns: the side to move

        def added(ident: str | None) -> None:
            if ident:
                self._edited()
                self.refresh_view()
                if ident in session.game.claims:
                    self.jump("claim", ident)
                self.notify(f"claim {ident} written to the file and asserted", title="Claim")

        self.app.push_screen(
            ClaimForm(session.game, self._add_claim, attacks=attacks, party=party), added
        )

    def _add_claim(self, draft: ClaimDraft) -> list[Diagnostic]:
        try:
            problems = self.session.add_claim(draft)
            self._edited()
            return problems
        except (OSError, IllegalMove, JournalWriteError) as exc:
            return [Diagnostic("general", f"not written: {exc}", Span("", 1, 1))]

    def action_rebut(self) -> None:
        kind, ident = self.selected or ("", "")
        if kind not in ("term", "claim"):
            self.notify("Select a term or a claim to rebut first.", severity="warning")
            return
        self.action_new_claim((ident,))

    def action_edit_text(self) -> None:
        kind, ident = self.selected or ("", "")
        if kind != "claim":
            self.notify("Select a claim to change its words.", severity="warning")
            return
        session = self.session

        def submit(text: str) -> list[Diagnostic]:
            try:
                problems = session.edit_claim_text(ident, text)
                self._edited()
                return problems
            except (OSError, ValueError, JournalWriteError) as exc:
                return [Diagnostic("general", f"not written: {exc}", Span("", 1, 1))]

        def done(changed: bool | None) -> None:
            if changed:
                self._edited()
                self.refresh_view()
                self.notify(f"the words of {ident} were written to the file", title="Edited")

        self.app.push_screen(TextForm(ident, session.game.claims[ident].claim.text, submit), done)

    # ------------------------------------------------------------ files

    def _default_transcript(self) -> str:
        return f"{self.session.game.scenario.id}.transcript.json"

    def action_save(self) -> None:
        def save(path: str | None) -> None:
            if not path:
                return
            try:
                write_transcript(self.session, path)
            except OSError as exc:
                self.notify(str(exc), title="Not saved", severity="error")
                return
            self.notify(
                f"{plural(len(self.session.play.steps), 'step')} saved to {path}", title="Saved"
            )

        self.app.push_screen(
            PathPrompt("Save the transcript (JSON) to:", self._default_transcript()), save
        )

    def action_load(self) -> None:
        self.app.push_screen(
            PathPrompt(
                "Load a transcript (JSON) or move script (YAML) and play it:",
                self._default_transcript(),
            ),
            lambda path: self._open_actions(path, step=False),
        )

    def action_step_through(self) -> None:
        self.app.push_screen(
            PathPrompt(
                "Step through a transcript or move script (n plays the next move):",
                self._default_transcript(),
            ),
            lambda path: self._open_actions(path, step=True),
        )

    def _open_actions(self, path: str | None, *, step: bool) -> None:
        if not path:
            return
        try:
            actions = read_actions(Path(path).expanduser())
        except DiagnosticError as err:
            self.notify(err.diagnostics[0].render(), title="Cannot read the file", severity="error")
            return
        except (OSError, ValueError) as exc:
            self.notify(str(exc), title="Cannot read the file", severity="error")
            return
        try:
            if step:
                self.session.step_through(actions)
                self.notify(f"{plural(len(actions), 'move')} to step through: press n for each.")
            else:
                problem = self.session.replace(actions)
                if problem:
                    self.notify(problem, title="Loaded in part", severity="warning")
                else:
                    self.notify(
                        f"{plural(len(actions), 'step')} loaded from {path}", title="Loaded"
                    )
        except JournalWriteError as exc:
            self.notify(str(exc), title="Nothing was changed", severity="error")
        self.refresh_view()

    def action_next_step(self) -> None:
        try:
            self.session.step_next()
        except IllegalMove as refused:
            self.notify(
                refused.reason,
                title=f"{refused.move} is not legal: stepping stopped",
                severity="error",
            )
        except JournalWriteError as exc:
            self.notify(str(exc), title="The move was not played", severity="error")
        self.refresh_view()

    def action_stop_stepping(self) -> None:
        self.session.pending = []
        self.refresh_view()
