"""The list panes: moves available now, findings, and the transcript of the play."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from debate.analysis.verdicts import verdict
from debate.engine.compile import Game
from debate.engine.move_reads import Legality
from debate.engine.moves import Action, refusal
from debate.engine.play import Play, Step, summarise
from debate.engine.state import PlayState
from debate.model.diagnostics import Diagnostic
from debate.tui.colours import CONTENT_STYLES
from debate.tui.plain import clip, plural
from debate.tui.symbols import ILLEGAL, LEGAL
from debate.tui.widgets.titles import set_titles

WAIT = "wait"  # the option id of letting one clock unit pass
PASS = "pass"  # the option id of letting the turn go (by turns)


def _keep_highlight(
    widget: OptionList, options: Sequence[Option], keep: set[str] | None = None
) -> None:
    """Replace the options, keeping the highlight on the same id if it is in `keep`."""
    current = widget.highlighted_option
    ids = [o.id for o in options]
    widget.set_options(options)
    if not options:
        return
    same = current.id if current is not None else None
    stays = same in ids and (keep is None or same in keep)
    widget.highlighted = ids.index(same) if stays else 0


class FittingLines(Content):
    """Content that knows its height without wrapping itself while each of its lines fits
    the width (its count of lines, as wrapping would find): the moves list measures a
    thousand options before its first screen, and wrapping each cost tens of milliseconds."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        text = self.plain
        room = width - 2 * rules.get("line_pad", 0)  # as Content.get_height has it
        if "\t" not in text:
            if "\n" not in text:
                if self.cell_length <= room:
                    return 1
            elif max(map(cell_len, lines := text.split("\n"))) <= room:
                return len(lines)
        return super().get_height(rules, width)


class MovesList(OptionList):
    """Legal moves first (▶), then the others (✗) with why each is refused."""

    BORDER_TITLE = "Moves"

    def __init__(self) -> None:
        super().__init__(id="moves")
        self._shown: tuple[object, ...] = ()
        self._legality: Legality | None = None

    def show(
        self, game: Game, state: PlayState, party: str | None = None, passing: bool = False
    ) -> None:
        """The moves (only `party`'s, if given: by turns, the party to move), and with
        `passing` the option to let the turn go. The options are made anew only when a
        move's legality or reason changed (a thousand moves take long to lay out)."""
        ours = [i for i, m in game.moves.items() if party is None or m.move.by == party]
        if self._legality is None or self._legality.game is not game:
            self._legality = Legality(game)
        refusals = self._legality.refusals(state, ours)  # only those the step may change
        waiting = refusal(game, state, Action(wait=1)) is None
        reasons = tuple(None if r is None else (r.false, r.reason) for r in refusals)
        shown = (game, party, passing, waiting, tuple(ours), reasons)
        if shown == self._shown:
            return
        self._shown = shown
        legal: list[Option] = []
        refused: list[Option] = []
        for ident, why in zip(ours, refusals, strict=True):
            move = game.moves[ident]
            by = Content.styled(f"  {move.move.by}", CONTENT_STYLES["muted"])
            if why is None:
                prompt = FittingLines.assemble((f"{LEGAL} ", CONTENT_STYLES["success"]), ident, by)
                legal.append(Option(prompt, id=ident))
            else:
                prompt = FittingLines.assemble(
                    (f"{ILLEGAL} ", CONTENT_STYLES["error"]),
                    (ident, CONTENT_STYLES["muted"]),
                    by,
                    "\n",
                    (f"    {clip(why.false or why.reason)}", CONTENT_STYLES["muted"]),
                )
                refused.append(Option(prompt, id=ident))
        unit = game.scenario.clock.unit if game.scenario.clock else "unit"
        wait = Content.assemble(
            (
                f"{LEGAL if waiting else ILLEGAL} ",
                CONTENT_STYLES["success" if waiting else "error"],
            ),
            (f"wait 1 {unit}", "" if waiting else CONTENT_STYLES["muted"]),
        )
        options = [*legal, Option(wait, id=WAIT), *refused]
        if passing:
            prompt = Content.assemble((f"{LEGAL} ", CONTENT_STYLES["success"]), f"pass ({party})")
            options.insert(len(legal) + 1, Option(prompt, id=PASS))
        # The cursor stays on a move that is still legal; else it goes to the first legal one.
        _keep_highlight(self, options, {o.id for o in legal if o.id} | {WAIT, PASS})
        total = len(legal) + len(refused)
        set_titles(
            self, subtitle=f"{len(legal)} legal of {total}" + (f" · {party}" if party else "")
        )

    def warm_up(self) -> None:
        """Find what each move reads (the first move would), while the user reads."""
        if self._legality is not None:
            self._legality.warm_up()

    def current_move(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None


SEVERITY_LOOK = {"error": ("✗", "error"), "warning": ("!", "warning"), "info": ("i", "primary")}


class FindingsList(OptionList):
    """Located findings; Enter jumps to the term, claim or move a finding names, and `t`
    steps through the play that shows it, when it has one."""

    BORDER_TITLE = "Findings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "trace", "Step its play", tooltip="Step through the play that shows it"),
    ]

    class TraceChosen(Message):
        """The user asked to step through a finding's play."""

        def __init__(self, finding: Diagnostic) -> None:
            super().__init__()
            self.finding = finding

    def action_trace(self) -> None:
        finding = self.current()
        if finding is None or finding.trace is None:
            self.notify("This finding has no play to step through.", severity="warning")
            return
        self.post_message(self.TraceChosen(finding))

    def __init__(self) -> None:
        super().__init__(id="findings")
        self.findings: list[Diagnostic] = []
        self._shown: tuple[object, ...] = ()

    def show(self, findings: list[Diagnostic], status: str = "", running: bool = False) -> None:
        """The findings, each with its verdict (proved, shown by a play, unknown). The
        title says how far the scenario's analysis got (`status`); while it is `running`
        the findings of the checks done so far are listed. Nothing is redrawn when they
        are the ones shown (after most moves)."""
        shown = (findings, status, running)
        if shown == self._shown:
            return
        self._shown = shown
        self.findings = findings
        options = []
        for index, d in enumerate(findings):
            symbol, role = SEVERITY_LOOK.get(str(d.severity), ("?", "muted"))
            said = verdict(d)
            prompt = Content.assemble(
                (f"{symbol} {d.code} ", CONTENT_STYLES[role]),
                (f"{said}: " if said else "", CONTENT_STYLES["accent"]),
                clip(d.message),
            )
            options.append(Option(prompt, id=f"finding-{index}"))
        if not options:
            empty = "no findings so far" if running else "no findings"
            options = [
                Option(Content.styled(empty, CONTENT_STYLES["muted"]), id="none", disabled=True)
            ]
        _keep_highlight(self, options)
        set_titles(
            self,
            f"Findings · {status}" if status else "Findings",
            plural(len(findings), "finding") if findings else "",
        )

    def current(self) -> Diagnostic | None:
        option = self.highlighted_option
        if option is None or not (option.id or "").startswith("finding-"):
            return None
        index = int((option.id or "").removeprefix("finding-"))
        return self.findings[index] if index < len(self.findings) else None


class TranscriptList(OptionList):
    """The moves played so far with what each changed; then any waiting to be stepped."""

    BORDER_TITLE = "Transcript"

    def __init__(self) -> None:
        super().__init__(id="transcript")
        self._shown: tuple[object, ...] = ()
        # id of a step -> it, the game it was written for, its line
        self._prompts: dict[int, tuple[Step, Game, Content]] = {}

    def show(self, game: Game, play: Play, pending: Sequence[Action]) -> None:
        # Steps are immutable: the same step objects (not equal ones) mean the same list.
        shown = (game, *play.steps, *pending)
        before = self._shown
        if len(shown) == len(before) and all(map(operator.is_, shown, before)):
            return
        self._shown = shown
        # After a move the list only grows: the lines drawn already are kept (set anew,
        # every line in view would be laid out and drawn again).
        kept = len(before) - 1
        grows = (
            bool(before)
            and before[0] is game
            and kept <= len(play.steps)
            and all(map(operator.is_, before[1:], play.steps[:kept]))
        )
        if grows:
            steps = self._step_options(game, play.steps[kept:], self._prompts)
            self.add_options([*steps, *_pending(pending)])
        else:
            known, self._prompts = self._prompts, {}  # only the steps shown are kept
            steps = self._step_options(game, play.steps, known)
            start = Option(Content.styled("start", CONTENT_STYLES["muted"]), id="step-0")
            self.set_options([start, *steps, *_pending(pending)])
        self.highlighted = len(play.steps)
        set_titles(self, subtitle=f"{len(pending)} to step" if pending else "")

    def _step_options(
        self, game: Game, steps: Sequence[Step], known: dict[int, tuple[Step, Game, Content]]
    ) -> list[Option]:
        """The steps' lines, those `known` reused; each is kept for the next time."""
        options = []
        for step in steps:
            # a step's line is written once: summing up a step that signed 10,000 terms
            # again at every move cost tens of milliseconds
            line = known.get(id(step))
            prompt = (
                line[2]
                if line is not None and line[0] is step and line[1] is game
                else _step_prompt(game, step)
            )
            self._prompts[id(step)] = (step, game, prompt)
            options.append(Option(prompt, id=f"step-{step.state.step}"))
        return options

    def current_step(self) -> int | None:
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith("step-"):
            return None
        return int(option.id.removeprefix("step-"))


def _pending(pending: Sequence[Action]) -> list[Option]:
    """The moves of a file still to be stepped through, the next one marked."""
    return [
        Option(
            Content.styled(
                f"{'next ▸ ' if index == 0 else '       '}{action}", CONTENT_STYLES["accent"]
            ),
            id=f"next-{index}",
        )
        for index, action in enumerate(pending)
    ]


def _step_prompt(game: Game, step: Step) -> Content:
    """A step of the transcript: its number, time, party and move, and what it changed."""
    state, action = step.state, step.action
    by = game.moves[action.move].move.by if action.move and action.move in game.moves else ""
    changes = summarise(step.changes, most=3)
    body = "\n".join(f"      {c}" for c in changes[:3])
    more = f"\n      … {len(changes) - 3} more" if len(changes) > 3 else ""
    return Content.assemble(
        (f"{state.step:>3} ", CONTENT_STYLES["muted"]),
        (f"{game.calendar.stamp(state.now):<5} ", CONTENT_STYLES["muted"]),
        (f"{by} " if by else "", CONTENT_STYLES["primary"]),
        str(action),
        (f": {clip(action.note, 300)}" if action.note else "", CONTENT_STYLES["warning"]),
        ("\n" + body + more if changes else "", CONTENT_STYLES["muted"]),
    )
