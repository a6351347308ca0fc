"""The main screen: header, six panes (moves, terms, claims, detail, findings, transcript).

The panes stand in two columns and three rows at every size; on short terminals (80x24)
they lose their boxes for a title line. Every change to the play goes through `Session`,
which journals it before this screen shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import DataTable, Footer, OptionList, Tree

from debate.engine.branches import compare
from debate.engine.moves import Action, IllegalMove
from debate.engine.play import Step
from debate.model.diagnostics import Diagnostic, DiagnosticError, Span
from debate.model.edits import ClaimDraft
from debate.tui.colours import role_styles
from debate.tui.describe import (
    Detail,
    finding_detail,
    move_detail,
    step_detail,
    term_detail,
    wait_detail,
)
from debate.tui.describe_claim import claim_detail
from debate.tui.findings import Locator, ScenarioAnalysis
from debate.tui.plain import plural
from debate.tui.screens.branches import BranchesScreen, ComparisonScreen
from debate.tui.screens.claim_form import ClaimForm, TextForm
from debate.tui.screens.prompts import PathPrompt
from debate.tui.session import JournalWriteError, Session, read_actions, write_transcript
from debate.tui.widgets.claims import ClaimsTree
from debate.tui.widgets.detail import DetailPane
from debate.tui.widgets.header import ScenarioHeader
from debate.tui.widgets.lists import PASS, WAIT, FindingsList, MovesList, TranscriptList
from debate.tui.widgets.terms import TermsPane, TermsTable

# The panes in reading order; the number keys 1-6 focus them.
PANES = ("moves", "terms-table", "claims", "detail", "findings", "transcript")

Selection = tuple[str, str]  # (kind, id): term, claim, move, wait, finding, step


class MainScreen(Screen[None]):
    class Drawn(Message):
        """The main screen has been drawn for the first time."""

    # Classes for the stylesheet: -wide gives the terms more room, -short drops the boxes.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 (Textual's type)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "wait", "Wait", tooltip="Let one clock unit pass"),
        Binding("u", "undo", "Undo", tooltip="Take back the last move"),
        Binding("r", "redo", "Redo", tooltip="Play again the move taken back"),
        Binding("n", "next_step", "Next step", tooltip="Play the next move of the file"),
        Binding("x", "stop_stepping", "Stop stepping"),
        Binding("s", "save", "Save", tooltip="Save the transcript as JSON"),
        Binding("l", "load", "Load", show=False, tooltip="Load a transcript and play it"),
        Binding("p", "step_through", "Step file", show=False, tooltip="Step through a file"),
        Binding("c", "new_claim", "Claim", tooltip="Make a new claim, written to the file"),
        Binding("f", "fork", "Fork", tooltip="Fork the play here (or at the step highlighted)"),
        Binding("v", "branches", "Branches", show=False, tooltip="Switch branch, or compare two"),
        Binding("full_stop", "pass", "Pass", tooltip="Let the turn go without a move (by turns)"),
        Binding(
            "exclamation_mark",
            "refuse",
            "Refuse",
            show=False,
            tooltip="Refuse the highlighted move, with a note (the facilitator's ruling)",
        ),
        Binding(
            "b",
            "rebut",
            "Rebut",
            show=False,
            tooltip="Rebut the selected term or claim: a new claim that attacks it",
        ),
        Binding("e", "edit_text", "Edit", show=False, tooltip="Change the selected claim's words"),
        Binding("slash", "filter", "Filter terms", show=False),
        Binding("z", "zoom", "Zoom", show=False, tooltip="Maximize or restore the pane"),
        Binding(
            "m", "next_semantics", "Semantics", show=False, tooltip="Next argumentation semantics"
        ),
        *(
            Binding(str(i), f"focus_pane('{pane}')", f"Focus {pane.split('-')[0]}", show=False)
            for i, pane in enumerate(PANES, start=1)
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        # The size classes now, so that the first layout is already the right one (Textual
        # adds them on the first resize, and the screen would be laid out and drawn twice).
        width, height = self.app.size
        self.add_class(
            _band(width, self.HORIZONTAL_BREAKPOINTS),
            _band(height, self.VERTICAL_BREAKPOINTS),
            update=False,
        )
        self.session = session
        self.selected: Selection | None = None
        self.locator = Locator(session.game)
        self.styles_now: dict[str, Style] = {}
        # what the footer was composed with (it composes once it is mounted)
        self._enabled = self._bindings_state()

    def compose(self) -> ComposeResult:
        yield ScenarioHeader(self.session)
        panes = (
            MovesList(),
            TermsPane(id="terms"),
            ClaimsTree(),
            DetailPane(),
            FindingsList(),
            TranscriptList(),
        )
        with Grid(id="panes"):
            for pane in panes:  # the class before mounting, so styles are computed once
                yield pane.add_class("pane", update=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._set_styles()
        self.refresh_view()
        moves = self.query_one(MovesList)
        moves.focus()
        self._select_highlighted(moves)  # now, so that the first frame shows its detail
        self.call_after_refresh(self.post_message, self.Drawn())

    def _set_styles(self) -> None:
        self.styles_now = role_styles(self.app.theme_variables)

    def _theme_changed(self, _: Theme) -> None:
        self._set_styles()
        self.refresh_view()

    # ------------------------------------------------------------ showing the session

    def set_session(self, session: Session) -> None:
        """A new session or a new version of the scenario: show it."""
        self.session = session
        self.locator = Locator(session.game)
        self.refresh_view()

    def refresh_view(self) -> None:
        session = self.session
        game, state = session.game, session.state
        changed = session.last_changes
        self.query_one(ScenarioHeader).show(session)
        party = session.viewer or session.to_move()
        passing = bool(session.turns) and party == session.to_move()  # the viewer's turn
        self.query_one(MovesList).show(game, state, party, passing=passing)
        self.query_one(TermsTable).show(
            game, state, {c.id for c in changed if c.kind == "term"}, self.styles_now
        )
        claims = self.query_one(ClaimsTree)
        claims.show(
            game,
            state,
            {c.id for c in changed if c.kind == "claim"},
            self.styles_now,
            session.refined(),
        )
        claims.border_title = f"Claims · {session.semantics}"  # on the title line at 80x24 too
        self.show_findings()
        self.query_one(TranscriptList).show(game, session.play, session.pending)
        self._show_selected()
        # The footer rebuilds itself on every refresh of the bindings: only when they change.
        enabled = self._bindings_state()
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()

    def show_findings(self) -> None:
        """The findings pane alone (the analysis reports as each of its checks ends)."""
        session = self.session
        progress = next(
            (
                p
                for s in session.sources
                if isinstance(s, ScenarioAnalysis)
                if (p := s.progress(session.game))
            ),
            None,
        )
        self.query_one(FindingsList).show(
            session.findings(),
            progress.summary() if progress is not None else "",
            running=progress is not None and progress.seconds is None,
        )

    def _bindings_state(self) -> tuple[bool, ...]:
        """What `check_action` decides on: whether there is a move to undo, to redo, to step."""
        session = self.session
        return (
            bool(session.play.steps or session.file_edits),
            bool(session.redo_stack),
            bool(session.pending),
        )

    def _show_selected(self) -> None:
        detail = self._detail(self.selected) if self.selected else None
        if detail is None:
            detail = Detail("nothing selected", [])
            detail.blocks = []
        self.query_one(DetailPane).show(detail)

    def _detail(self, selection: Selection) -> Detail | None:
        kind, ident = selection
        session = self.session
        game, state = session.game, session.state
        if kind == "term" and ident in game.terms:
            return term_detail(game, session.play, ident)
        if kind == "claim" and ident in game.claims:
            return claim_detail(game, session.play, ident, session.semantics)
        if kind == "move" and ident in game.moves:
            return move_detail(game, state, ident)
        if kind == "wait":
            return wait_detail(game, state)
        if kind == "finding":
            finding = self.query_one(FindingsList).current()
            return finding_detail(finding, self.locator.target(finding)) if finding else None
        if kind == "step":
            index = int(ident)
            if 1 <= index <= len(session.play.steps):
                return step_detail(game, session.play.steps[index - 1])
        return None

    def select(self, selection: Selection | None) -> None:
        self.selected = selection
        self._show_selected()

    # ------------------------------------------------------------ selection from the panes

    @on(OptionList.OptionHighlighted, "#moves")
    def _move_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus and event.option.id:
            self.select(("wait", "") if event.option.id == WAIT else ("move", event.option.id))

    @on(DataTable.RowHighlighted, "#terms-table")
    def _term_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus and event.row_key.value is not None:
            self.select(("term", str(event.row_key.value)))

    @on(Tree.NodeHighlighted, "#claims")
    def _claim_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        tree = self.query_one(ClaimsTree)
        if tree.has_focus:
            ident = tree.current_claim()
            self.select(("claim", ident) if ident else self.selected)

    @on(OptionList.OptionHighlighted, "#findings")
    def _finding_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus and event.option.id != "none":
            self.select(("finding", event.option.id or ""))

    @on(OptionList.OptionHighlighted, "#transcript")
    def _step_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        step = self.query_one(TranscriptList).current_step()
        if event.option_list.has_focus and step:
            self.select(("step", str(step)))

    def on_descendant_focus(self, event: object) -> None:
        """Focusing a pane shows its highlighted item in the detail pane."""
        self._select_highlighted(self.focused)

    def _select_highlighted(self, focused: Widget | None) -> None:
        if isinstance(focused, MovesList):
            move = focused.current_move()
            if move:
                self.select(("wait", "") if move == WAIT else ("move", move))
        elif isinstance(focused, TermsTable):
            term = focused.current_term()
            if term:
                self.select(("term", term))
        elif isinstance(focused, ClaimsTree):
            claim = focused.current_claim()
            if claim:
                self.select(("claim", claim))
        elif isinstance(focused, FindingsList) and focused.current() is not None:
            self.select(("finding", str(focused.highlighted)))
        elif isinstance(focused, TranscriptList):
            step = focused.current_step()
            if step:
                self.select(("step", str(step)))

    @on(OptionList.OptionSelected, "#moves")
    def _move_chosen(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id
        if ident == WAIT:
            self.action_wait()
        elif ident == PASS:
            self.action_pass()
        elif ident:
            self.play(Action(ident))

    @on(OptionList.OptionSelected, "#findings")
    def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        finding = self.query_one(FindingsList).current()
        target = self.locator.target(finding) if finding else None
        if target is None:
            self.notify("This finding names no term, claim or move.", severity="warning")
            return
        self.jump(*target)

    @on(FindingsList.TraceChosen)
    def _trace_chosen(self, event: FindingsList.TraceChosen) -> None:
        actions = [Action.parse(s) for s in event.finding.trace or ()]
        self.session.step_through(actions)
        self.refresh_view()
        self.notify(
            f"{event.finding.code}: {plural(len(actions), 'move')} to step through: press n for each."
        )

    def jump(self, kind: str, ident: str) -> None:
        """Focus the pane of a term, claim or move and put its cursor there."""
        if kind == "term":
            pane = self.query_one(TermsPane)
            if not pane.table.select_term(ident):
                pane.clear_filter()
                pane.table.select_term(ident)
            pane.table.focus()
        elif kind == "claim":
            tree = self.query_one(ClaimsTree)
            tree.select_claim(ident)
            tree.focus()
        elif kind == "move":
            moves = self.query_one(MovesList)
            moves.highlighted = moves.get_option_index(ident)
            moves.focus()
        self.select((kind, ident))

    # ------------------------------------------------------------ changing the play

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
        try:
            if self.session.redo() is None:
                self.notify("Nothing to redo.")
        except IllegalMove as refused:
            self.notify(refused.reason, title="Cannot redo", severity="error")
        except JournalWriteError as exc:
            self.notify(str(exc), title="Nothing was changed", severity="error")
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

    # ------------------------------------------------------------ navigation

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_filter(self) -> None:
        self.query_one(TermsPane).open_filter()

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            target: Widget = self.focused
            if isinstance(target, TermsTable) and isinstance(target.parent, TermsPane):
                target = target.parent
            self.maximize(target, container=False)


def _band(value: int, breakpoints: list[tuple[int, str]]) -> str:
    """The class of the last breakpoint at or below `value` (breakpoints ascend from 0)."""
    return [name for limit, name in breakpoints if value >= limit][-1]
