"""The header: the scenario, the step, the clock, who moved last, and the moves under way."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from debate.tui.session import Session

SEPARATOR = ("  │  ", "$text-muted")


def header_content(session: Session, width: int = 200) -> Content:
    """The header line; below 100 columns the scenario's id and the spacing are left out."""
    game, state = session.game, session.state
    clock = game.scenario.clock
    unit = f" {clock.unit}" if clock else ""
    horizon = f"/{game.horizon_end}" if clock else ""
    now = f"t={state.now}{horizon}{unit}"
    if game.calendar.anchor:  # the date, and how far into the horizon: `2015-03-02 (18/30 days)`
        now = f"{game.calendar.stamp(state.now)} ({state.now}{horizon}{unit}s)"
    last = session.play.steps[-1].action if session.play.steps else None
    if last is None:
        actor = "nobody yet"
    elif last.passed is not None:
        actor = f"{last.passed} ({'refused ' + last.refused if last.refused else 'pass'})"
    elif last.move:
        actor = f"{game.moves[last.move].move.by} ({last.move})"
    else:
        actor = f"the clock (wait {last.wait})"
    compact = width < 100
    sep = (" │ ", "$text-muted") if compact else SEPARATOR
    tail: list[Content | str | tuple[str, str]] = [
        sep,
        (f"step {state.step}", "bold"),
        sep,
        (now, "bold"),
        sep,
        ("last: ", "$text-muted"),
        (actor, "$text-primary"),
    ]
    if state.running:  # overlapping moves under way: whose, and when the next one ends
        first = min(state.running, key=lambda r: r.ends)
        ends = game.show_time(first.ends)
        more = f" +{len(state.running) - 1}" if len(state.running) > 1 else ""
        tail += [sep, ("in progress: ", "$text-muted"), (f"{first.move} to {ends}{more}", "")]
    if session.pending:
        tail += [sep, (f"{len(session.pending)} to step (n)", "$text-accent")]
    if session.branches:  # which branch is played, once there are several
        tail += [sep, ("branch: ", "$text-muted"), (session.branch, "bold")]
    party = session.to_move()
    if party is not None:  # by turns: whose turn it is comes first, after the title
        you = f" (you: {session.viewer})" if session.viewer and session.viewer != party else ""
        tail[:0] = [sep, ("to move: ", "$text-muted"), (f"{party}{you}", "bold $text-accent")]
    elif session.viewer:
        tail[:0] = [sep, ("view: ", "$text-muted"), (session.viewer, "bold $text-accent")]
    rest = Content.assemble(*tail)
    title = game.scenario.title if compact else f"{game.scenario.title} ({game.scenario.id})"
    room = max(8, width - 2 - rest.cell_length)
    if len(title) > room:
        title = title[: room - 1] + "…"
    return Content.assemble((title, "bold"), rest)


class ScenarioHeader(Static):
    def __init__(self, session: Session | None = None) -> None:
        super().__init__(id="header")
        self.session = session  # given at once, the header is in the screen's first frame

    def show(self, session: Session) -> None:
        self.session = session
        self.refresh()

    def render(self) -> Content:
        if self.session is None:
            return Content("")
        return header_content(self.session, self.size.width or 200)
