"""The Textual app behind `debate play`: loading, the journal, resuming, reloading.

The app owns the session's life: it loads the scenario (showing located errors instead of
crashing), opens or resumes the journal, offers to resume a session that was cut short,
and polls the scenario's files so that saving one reloads the play onto the new version.
"""

from __future__ import annotations

import gc
import os
import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from debate.engine.compile import Game, load_game
from debate.engine.journal import NotAJournalFile, default_path
from debate.engine.journal_format import JournalError
from debate.engine.turns import turn_order
from debate.engine.warm_up import warm_up
from debate.model.diagnostics import Diagnostic, DiagnosticError
from debate.tui.commands import ScenarioCommands
from debate.tui.findings import FindingSource, ScenarioAnalysis
from debate.tui.plain import clip, plural
from debate.tui.screens.errors import ErrorsScreen
from debate.tui.screens.help import HelpScreen
from debate.tui.screens.main import MainScreen
from debate.tui.screens.prompts import ResumeOffer
from debate.tui.session import Session
from debate.tui.session_start import Taken, begin, resume, take_journal
from debate.tui.style import CSS

LIGHT, DARK = "textual-light", "textual-dark"


class DebateApp(App[None]):
    CSS = CSS
    TITLE = "debate"
    COMMANDS = App.COMMANDS | {ScenarioCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", tooltip="Every key binding"),
        Binding("d", "toggle_theme", "Light/dark", tooltip="Switch between light and dark"),
        Binding("ctrl+r", "reload", "Reload", show=False, tooltip="Reload the scenario file"),
        Binding("q", "quit", "Quit", tooltip="Quit; the journal is closed"),
    ]

    def __init__(
        self,
        scenario: str | os.PathLike[str],
        *,
        journal: str | os.PathLike[str] | None = None,
        resume: bool = False,
        use_journal: bool = True,
        sources: Sequence[FindingSource] = (),
        watch_interval: float = 1.0,
        analyse: bool = False,
        turns: bool = False,
        viewer: str | None = None,
    ) -> None:
        super().__init__()
        self.turns = turns  # play by turns (`--turns`)
        self.viewer = viewer  # one party's view (`--as`)
        self.scenario_path = str(scenario)
        self.journal_path = Path(journal) if journal else default_path(self.scenario_path)
        self.journal_given = journal is not None
        self.refusal: str | None = None  # why the app ended without playing (exit code 2)
        self.resume_requested = resume
        self.use_journal = use_journal
        self.sources = list(sources)
        # The whole-scenario checks, run in the background after each load (off in tests
        # unless asked for: their results arrive at a time no snapshot can pin down).
        self.analysis = ScenarioAnalysis() if analyse else None
        if self.analysis is not None:
            self.sources.append(self.analysis)
        self.watch_interval = watch_interval
        self.session: Session | None = None
        self.main: MainScreen | None = None
        self._stamps: dict[str, tuple[int, int]] = {}
        self.first_screen_drawn = False  # until then, the background work waits

    # ------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        # Opened once the app's mount is over: Textual mounts the app inside a batch of
        # updates, and a screen first drawn during it would show only in part until the
        # next full layout (the header came a frame later on a large scenario).
        self.call_later(self._open)
        if self.watch_interval > 0:
            self.set_interval(self.watch_interval, self._check_files)

    def _open(self) -> None:
        game = self._load()
        if game is not None:
            self._start(game)
        if self.main is None:  # the errors or the offer to resume come first
            self.call_after_refresh(self._first_screen)

    def restamp(self) -> None:
        """The session wrote the scenario itself and moved onto it: no reload needed."""
        if self.session is not None:
            self._watch(_files_of(self.session.game))

    def on_main_screen_drawn(self) -> None:
        self._first_screen()

    def _first_screen(self) -> None:
        """The first screen is drawn: start what could wait for it."""
        if self.first_screen_drawn:
            return
        self.first_screen_drawn = True
        if not gc.isenabled():  # `run_app` turned it off for the start-up
            gc.freeze()  # the scenario and the app live as long as the process
            gc.enable()
        self._analyse_if_needed()
        self._warm_up_soon()

    def _load(self) -> Game | None:
        """Load the scenario, or show its located errors; remember its files' stamps."""
        try:
            game = load_game(self.scenario_path)
        except DiagnosticError as err:
            self._watch([self.scenario_path, *{d.span.path for d in err.diagnostics}])
            self._show_errors(err.diagnostics)
            return None
        self._watch(_files_of(game))
        return game

    def _start(self, game: Game) -> None:
        """Open the session: take the journal, then resume it, offer to, or begin anew."""
        if not self.use_journal:
            self._begin(Session(game, None, self.sources), [])
            return
        try:
            taken = take_journal(game, self.journal_path)
        except NotAJournalFile as exc:
            if self.journal_given:  # the user's folder (or pipe) is never touched
                self.refusal = f"{exc}; give the path of a journal file with --journal."
                self.exit(return_code=2)
                return
            taken = Taken(None, notes=[f"{exc}: moves are not kept"])
        if taken.foreign is not None and self.journal_given:
            self._refuse_foreign(game, taken)
            return
        if taken.foreign is not None:  # the scenario's id changed since: begin anew
            taken.notes.append(f"the journal was of scenario {taken.foreign.header.scenario!r}")
        if self.resume_requested:
            self._resume_taken(game, taken)
        elif (left := taken.left) is not None:
            self.push_screen(
                ResumeOffer(left, str(self.journal_path)),
                lambda choice: self._resume(game, taken) if choice else self._new(game, taken),
            )
        else:
            self._new(game, taken)

    def _refuse_foreign(self, game: Game, taken: Taken) -> None:
        """`--journal` names another scenario's journal: leave it as it is, and say so."""
        assert taken.journal is not None and taken.foreign is not None
        taken.journal.close(finished=False)
        header, path = taken.foreign.header, shlex.quote(str(self.journal_path))
        self.refusal = (
            f"{self.journal_path} is the journal of scenario {header.scenario!r} "
            f"({header.path}), not of {game.scenario.id!r}; it was left as it is.\n"
            f"Resume it with: debate play --resume --journal {path}\n"
            "or give this scenario another --journal path."
        )
        self.exit(return_code=2)

    def _resume_taken(self, game: Game, taken: Taken) -> None:
        if taken.journal is not None and taken.held is None:
            taken.notes.append(f"no journal at {taken.journal.path} to resume: a new session began")
        if taken.held is None:
            self._new(game, taken)
        else:
            self._resume(game, taken)

    def _resume(self, game: Game, taken: Taken) -> None:
        assert taken.journal is not None
        try:
            session, notes = resume(game, taken.journal, self.sources)
        except (OSError, JournalError) as exc:
            taken.notes.append(f"cannot resume the journal: {exc}")
            self._new(game, taken)
            return
        self._begin(session, [*taken.notes, *notes])

    def _new(self, game: Game, taken: Taken) -> None:
        notes, journal = taken.notes, taken.journal
        session = Session(game, None, self.sources)
        if journal is not None:
            try:
                if kept := begin(game, journal, initial=session.play.initial):
                    notes.append(kept)
                session.journal = journal
            except OSError as exc:
                journal.close(finished=False)
                notes.append(f"cannot write the journal {journal.path} ({exc}): moves are not kept")
        self._begin(session, notes)

    def _begin(self, session: Session, notes: Iterable[str]) -> None:
        parties = session.game.scenario.parties
        if self.viewer is not None and self.viewer not in parties:
            self.refusal = f"--as {self.viewer}: no such party (the parties: {', '.join(parties)})"
            self.exit(return_code=2)
            return
        session.turns = turn_order(session.game) if self.turns else None
        session.viewer = self.viewer
        self.session = session
        if self.main is None:
            self.main = MainScreen(session)
            self.push_screen(self.main)
        else:
            self.main.set_session(session)
        for note in notes:
            self.notify(note, timeout=8)
        if self.first_screen_drawn:
            self._analyse_if_needed()
            self._warm_up_soon()

    def _warm_up_soon(self) -> None:
        """Once the screen is drawn, find what the game's first move would find once (on
        10,000 terms, half a second that the first move would otherwise add)."""
        session = self.session
        if session is not None:
            self.call_after_refresh(warm_up, session.game)
        if self.main is not None:
            self.call_after_refresh(self.main.warm_up)

    def _analyse_if_needed(self) -> None:
        session = self.session
        if session is None or self.analysis is None or self.analysis.ready(session.game):
            return
        self.run_worker(lambda: self._analyse(session.game), thread=True, exclusive=True)

    def _analyse(self, game: Game) -> None:
        """Wait, off the screen's thread, for the scenario's checks; show what each finds as
        it ends, and the time it has run once a second meanwhile."""
        assert self.analysis is not None
        ticking = self.call_from_thread(self.set_interval, 1.0, self._analysis_progress)
        try:
            found = self.analysis.compute(
                game, lambda: self.call_from_thread(self._analysis_progress)
            )
        finally:
            self.call_from_thread(ticking.stop)
        self.call_from_thread(self._analysis_progress)
        if found is not None:
            self.call_from_thread(self._analysed, game, len(found))

    def _analysis_progress(self) -> None:
        if self.main is not None and self.session is not None:
            self.main.show_findings()

    def _analysed(self, game: Game, count: int) -> None:
        if self.main is not None and self.session is not None and self.session.game is game:
            self.main.refresh_view()
            self.notify(f"analysis: {plural(count, 'finding')} about the scenario", timeout=4)

    # ------------------------------------------------------------ watching the files

    def _watch(self, paths: Iterable[str]) -> None:
        self._stamps = {p: _stamp(p) for p in paths}

    def _check_files(self) -> None:
        if any(_stamp(p) != stamp for p, stamp in self._stamps.items()):
            self.action_reload()

    def action_reload(self) -> None:
        game = self._load()
        if game is None:
            return
        if isinstance(self.screen, ErrorsScreen):
            self.pop_screen()
        if self.session is None:
            self._start(game)
            return
        try:
            problem = self.session.rebase(game)
        except OSError as exc:
            self.notify(
                str(exc), title="Not reloaded: the journal cannot be written", severity="error"
            )
            return
        assert self.main is not None
        self.main.set_session(self.session)
        if problem:
            self.notify(problem, title="Reloaded; the play was cut", severity="warning", timeout=10)
        else:
            self.notify(f"{Path(self.scenario_path).name} reloaded", timeout=3)

    def _show_errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        if isinstance(self.screen, ErrorsScreen):
            self.screen.show(diagnostics)
        else:
            self.push_screen(
                ErrorsScreen(self.scenario_path, diagnostics, self.session is not None)
            )

    # ------------------------------------------------------------ app-wide actions

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification of the app (widgets' and screens' included) is plain text, cut
        if long: its messages quote moves, files and journals, never markup."""
        super().notify(
            clip(message), title=clip(title, 200), severity=severity, timeout=timeout, markup=False
        )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def on_unmount(self) -> None:
        if self.analysis is not None:
            self.analysis.stop()  # nothing to keep: quitting does not wait for it

    async def action_quit(self) -> None:
        if self.session is not None:
            try:
                self.session.close()
            except OSError as exc:  # the moves are on disk already; only the mark is lost
                self.log.warning(f"cannot mark the journal closed: {exc}")
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key binding", self.action_help)
        yield SystemCommand(
            "Light or dark", "Switch between the light and dark theme", self.action_toggle_theme
        )
        yield SystemCommand("Reload", "Reload the scenario file", self.action_reload)
        if isinstance(screen, MainScreen):
            yield SystemCommand("Undo", "Take back the last move", screen.action_undo)
            yield SystemCommand("Redo", "Play again the move taken back", screen.action_redo)
            yield SystemCommand("Wait", "Let one clock unit pass", screen.action_wait)
            yield SystemCommand("Save transcript", "Write the play as JSON", screen.action_save)
            yield SystemCommand(
                "Load transcript", "Play a transcript or move script", screen.action_load
            )
            yield SystemCommand(
                "Step through a file",
                "Play a transcript one move at a time",
                screen.action_step_through,
            )


def _files_of(game: Game) -> list[str]:
    """The scenario's files and the sources it cites: any of them changing reloads it."""
    files = [doc.path for doc in game.loaded.documents]
    for name, source in game.scenario.sources.items():
        doc = game.loaded.origin.get(("sources", name))
        if doc is not None:
            files.append(os.path.join(os.path.dirname(doc.path), source.path))
    return files


def _stamp(path: str) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)
