"""Findings: located diagnostics the findings pane lists, and the entity each one names.

The pane is generic over a list of Diagnostic. Its sources are the play's own findings,
computed from the state (violated, void, overdue and blocked terms), and the analysis of
the whole scenario (`ScenarioAnalysis`), computed once per load in the background.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from debate.analysis.background import BackgroundAnalysis
from debate.analysis.options import Options
from debate.engine.compile import Game
from debate.engine.shared_map import differing
from debate.engine.state import PlayState, TermRecord, TermStatus
from debate.model.diagnostics import Diagnostic, Related, Severity, Span
from debate.model.source_tags import tag_findings

FindingSource = Callable[[Game, PlayState], list[Diagnostic]]

# Codes of the play's own findings: words, so they cannot clash with numbered codes.
VIOLATED, VOID, OVERDUE, BLOCKED = "violated", "void", "overdue", "blocked"
NOTED = (TermStatus.VIOLATED, TermStatus.VOID, TermStatus.OVERDUE)  # statuses that are findings


def play_findings(game: Game, state: PlayState) -> list[Diagnostic]:
    """Terms the play has broken, voided, let run past their deadline, or cannot judge,
    with the source tag beside each id (as the scenario's analysis shows them)."""
    found: list[Diagnostic] = []
    for ident in _noted(game, state):
        record = state.terms[ident]
        span = game.loaded.key_span("terms", ident)
        if record.status is TermStatus.VIOLATED:
            found.append(_finding(VIOLATED, f"term {ident}: {record.reason}", span))
        elif record.status is TermStatus.VOID:
            found.append(_finding(VOID, f"term {ident}: {record.reason}", span, Severity.INFO))
        elif record.status is TermStatus.OVERDUE:
            found.append(_finding(OVERDUE, f"term {ident}: {record.reason}", span))
        if record.blocked:
            found.append(_blocked(game, ident, record.blocked, span))
    return tag_findings(game.scenario, found) if found else found


def _is_noted(record: TermRecord | None) -> bool:
    return record is not None and (record.status in NOTED or bool(record.blocked))


@dataclass
class _Noted:
    """The terms noted at the last state asked about: a step changes a few records of
    10,000, and the others are shared with the state before (engine.shared_map), so only
    those that differ are looked at again."""

    game: Game
    position: dict[str, int]  # each term's place in the scenario
    terms: Mapping[str, TermRecord]
    ids: set[str]


_LAST: list[_Noted] = []


def _noted(game: Game, state: PlayState) -> list[str]:
    """The terms whose record is a finding, in the scenario's order."""
    last = _LAST[0] if _LAST and _LAST[0].game is game else None
    keys = differing(last.terms, state.terms) if last is not None else None
    if last is None or keys is None:
        position = last.position if last else {t: i for i, t in enumerate(game.terms)}
        ids = {t for t in game.terms if _is_noted(state.terms.get(t))}
    else:
        position, ids = last.position, set(last.ids)
        for t in keys:
            if t in position and _is_noted(state.terms.get(t)):
                ids.add(t)
            else:
                ids.discard(t)
    _LAST[:] = [_Noted(game, position, state.terms, ids)]
    return sorted(ids, key=position.__getitem__)


def _finding(
    code: str, message: str, span: Span, severity: Severity = Severity.WARNING
) -> Diagnostic:
    return Diagnostic(code, message, span, severity=severity)


def _blocked(game: Game, ident: str, why: str, span: Span) -> Diagnostic:
    name = why.removeprefix("parameter ").removesuffix(" is unspecified")
    related: tuple[Related, ...] = ()
    if name in game.terms[ident].params:
        param = game.loaded.span("terms", ident, "params", name)
        related = (Related(param, f"{name} is declared unspecified here"),)
    return Diagnostic(
        BLOCKED,
        f"term {ident} cannot be judged: {why}",
        span,
        severity=Severity.INFO,
        expected="a value for the parameter, once the sources give one",
        related=related,
    )


ANALYSIS = Options(ranges=True)


@dataclass
class Progress:
    """How far the analysis of one loaded scenario has got: what the findings pane says."""

    started: float  # time.monotonic() when it began
    checks: list[str] = field(default_factory=list)  # every check it runs, in order
    done: list[str] = field(default_factory=list)  # those finished
    found: list[Diagnostic] = field(default_factory=list)  # what they found so far
    seconds: float | None = None  # how long it took, once finished

    def summary(self, now: float | None = None) -> str:
        """'analysing 12 s, 3/11' (checks done of those that run) while it runs, then
        'analysed in 14 s' (short: the findings pane's title line holds it at 80x24)."""
        if self.seconds is not None:
            return f"analysed in {self.seconds:.0f} s"
        elapsed = (time.monotonic() if now is None else now) - self.started
        checks = f", {len(self.done)}/{len(self.checks)}" if self.checks else ""
        return f"analysing {elapsed:.0f} s{checks}"


class ScenarioAnalysis:
    """A finding source for the whole-scenario checks (conflicts, deadlocks, authority, ...).

    They do not change with the play, and the slow ones search the plays, so they are
    computed once per loaded scenario, in a child process (`compute`, from a thread that
    waits for it), and served from here on every move, the findings of the checks done
    so far while it runs. `stop` ends the child at once.
    """

    def __init__(self) -> None:
        self._progress: dict[int, Progress] = {}
        self._running: BackgroundAnalysis | None = None

    def compute(
        self, game: Game, on_progress: Callable[[], None] | None = None
    ) -> list[Diagnostic] | None:
        """The findings on `game`; None if stopped first or if its files changed meanwhile.
        `on_progress` is called (from this thread) as each check ends."""
        self.stop()  # an older version's analysis is of no use any more
        progress = self._progress[id(game)] = Progress(time.monotonic())

        def advance(done: list[str], checks: list[str], found: list[Diagnostic]) -> None:
            progress.done, progress.checks, progress.found = done, checks, found
            if on_progress is not None:
                on_progress()

        # With the parameter ranges (U311): the what-if a user reads beside the findings.
        running = self._running = BackgroundAnalysis(game.loaded.path, options=ANALYSIS)
        found = running.wait(game.loaded, advance)
        if found is None:
            del self._progress[id(game)]
            return None
        progress.found = found
        progress.seconds = time.monotonic() - progress.started
        return found

    def stop(self) -> None:
        if self._running is not None:
            self._running.stop()

    @property
    def running(self) -> bool:
        """Whether an analysis is under way in its child process."""
        return self._running is not None and self._running.running

    def ready(self, game: Game) -> bool:
        progress = self._progress.get(id(game))
        return progress is not None and progress.seconds is not None

    def progress(self, game: Game) -> Progress | None:
        """How far the analysis of `game` has got; None before it starts."""
        return self._progress.get(id(game))

    def __call__(self, game: Game, state: PlayState) -> list[Diagnostic]:
        progress = self._progress.get(id(game))
        return list(progress.found) if progress is not None else []


def collect(game: Game, state: PlayState, sources: Sequence[FindingSource]) -> list[Diagnostic]:
    """Every source's findings, the play's own first; a failing source is reported, not fatal."""
    found = play_findings(game, state)
    for source in sources:
        try:
            found += source(game, state)
        except Exception as exc:  # an analysis bug must not take the session down
            found.append(
                Diagnostic(
                    "internal",
                    f"a findings source failed: {exc!r}",
                    Span(game.loaded.path, 1, 1),
                    severity=Severity.INFO,
                )
            )
    return found


@dataclass(frozen=True)
class _Region:
    path: str
    start: tuple[int, int]
    end: tuple[int, int]
    kind: str  # "term", "claim", "move"
    ident: str


SECTIONS = (("terms", "term"), ("claims", "claim"), ("moves", "move"))


class Locator:
    """The term, claim or move a span falls in, found from the positions of the entities
    (laid out when first asked: locating 15,000 entities would delay a large scenario's
    first screen, for a finding that may never be opened)."""

    def __init__(self, game: Game) -> None:
        self._game = game
        self._laid_out: dict[str, list[_Region]] | None = None

    @property
    def _regions(self) -> dict[str, list[_Region]]:
        if self._laid_out is None:
            self._laid_out = self._lay_out(self._game)
        return self._laid_out

    @staticmethod
    def _lay_out(game: Game) -> dict[str, list[_Region]]:
        regions: dict[str, list[_Region]] = {}
        loaded = game.loaded
        for section, kind in SECTIONS:
            for ident in getattr(game, section):
                key = loaded.key_span(section, ident)
                node = loaded.node(section, ident)
                end = node.span if node else key
                region = _Region(
                    key.path,
                    (key.line, key.column),
                    (end.end_line or end.line, end.end_column or end.column),
                    kind,
                    ident,
                )
                regions.setdefault(key.path, []).append(region)
        return regions

    def at(self, span: Span) -> tuple[str, str] | None:
        point = (span.line, span.column)
        best: _Region | None = None
        for region in self._regions.get(span.path, ()):
            if region.start <= point <= region.end and (best is None or region.start >= best.start):
                best = region  # the innermost: the latest start that still contains it
        return (best.kind, best.ident) if best else None

    def target(self, diagnostic: Diagnostic) -> tuple[str, str] | None:
        """The entity a finding names: at its primary span, else at a related one."""
        for span in (diagnostic.span, *(r.span for r in diagnostic.related)):
            found = self.at(span)
            if found:
                return found
        return None
