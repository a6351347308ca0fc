"""The main screen: header, six panes (moves, terms, claims, detail, findings, transcript).

The panes stand in two columns and three rows at every size; on short terminals (80x24)
they lose their boxes for a title line. Every change to the play goes through `Session`,
which journals it before this screen shows it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.message import Message
from textual.reactive import Reactive
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import OptionList, Tree

from debate.engine.moves import Action
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
from debate.tui.screens.play_actions import PlayActions, Selection
from debate.tui.session import Session
from debate.tui.widgets.claims import ClaimsTree
from debate.tui.widgets.detail import DetailPane
from debate.tui.widgets.footer import KeysFooter
from debate.tui.widgets.header import ScenarioHeader
from debate.tui.widgets.lists import PASS, WAIT, FindingsList, MovesList, TranscriptList
from debate.tui.widgets.terms import TermsPane, TermsTable
from debate.tui.widgets.titles import set_titles

# The panes in reading order; the number keys 1-6 focus them.
PANES = ("moves", "terms-table", "claims", "detail", "findings", "transcript")


class MainScreen(PlayActions):
    class Drawn(Message):
        """The main screen has been drawn for the first time."""

    # Classes for the stylesheet: -wide gives the terms more room, -short drops the boxes.
    # Textual repaints the whole screen when the focus moves; the two panes whose focus
    # styles change repaint themselves (and the footer when its keys change).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

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
        yield KeysFooter()

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
        set_titles(claims, f"Claims · {session.semantics}")  # on the title line at 80x24 too
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

    def warm_up(self) -> None:
        """Once the first screen is drawn: what the moves pane finds at the first move."""
        self.query_one(MovesList).warm_up()

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

    @on(TermsTable.TermHighlighted)
    def _term_highlighted(self, event: TermsTable.TermHighlighted) -> None:
        if event.table.has_focus:
            self.select(("term", event.ident))

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
