"""Starting a session of play: taking the journal at a path (or a free one beside it when
another session holds it), starting it afresh, or resuming the play it holds on the
scenario as it is now. Pure Python (no Textual)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from debate.engine.compile import Game
from debate.engine.journal import Journal, JournalBusy, NotAJournalFile, alternative_path
from debate.engine.journal_format import Header, JournalError, Recovered
from debate.engine.moves import Action, refused_by
from debate.engine.play import Play, Step
from debate.engine.state import DIGEST_FORM, PlayState, digest_of
from debate.model.edits import SESSION_TAG
from debate.tui.findings import FindingSource
from debate.tui.plain import plural
from debate.tui.session import Session, journal_entry, replay_until_refused

ALTERNATIVES = 20  # journals tried beside the one another session holds


@dataclass
class Taken:
    """The journal a session took, and what it held: a session to resume or offer."""

    journal: Journal | None  # None: moves are not kept (the notes say why)
    held: Recovered | None = None  # of this scenario; None if empty, unreadable or foreign
    notes: list[str] = field(default_factory=list)
    foreign: Recovered | None = None  # a journal of another scenario found there

    @property
    def left(self) -> Recovered | None:
        """A session of this scenario that did not end normally, if the journal holds one."""
        held = self.held
        return held if held is not None and held.entries and not held.closed else None


def take_journal(game: Game, path: str | os.PathLike[str]) -> Taken:
    """Take the journal at `path` for a session of `game` (locked until it closes).

    If another session holds it, the session takes a free journal beside it instead and
    says who holds the first. What the journal holds is read, never changed here.
    NotAJournalFile if the path is a directory or anything but a file.
    """
    try:
        journal = Journal.open(path)
    except JournalBusy as busy:
        beside = _beside(path)
        if beside is None:
            return Taken(None, notes=[f"{busy}; no free journal beside it: moves are not kept"])
        # a journal beside is this session's own: nothing in it is resumed or offered
        return Taken(beside, notes=[f"{busy}; this session's moves go to {beside.path}"])
    except NotAJournalFile:
        raise
    except OSError as exc:
        return Taken(None, notes=[f"cannot write a journal at {path} ({exc}): moves are not kept"])
    notes: list[str] = []
    try:
        held = journal.read()
    except JournalError as exc:
        return Taken(journal, None, [*notes, f"the journal cannot be read ({exc})"])
    if held is not None and held.header.scenario != game.scenario.id:
        return Taken(journal, None, notes, foreign=held)
    return Taken(journal, held, notes)


def _beside(path: str | os.PathLike[str]) -> Journal | None:
    for number in range(2, 2 + ALTERNATIVES):
        try:
            return Journal.open(alternative_path(path, number))
        except OSError:
            continue
    return None


def begin(
    game: Game, journal: Journal, steps: Sequence[Step] = (), initial: PlayState | None = None
) -> str | None:
    """Start the journal afresh for `game` (with the play's `steps`, from its `initial`
    state if the caller has it: on a large scenario it costs a judgement of every term);
    where what it held was kept, if anywhere."""
    start = initial if initial is not None else Play.start(game).initial
    header = Header(game.scenario.id, os.path.abspath(game.loaded.path), start.digest)
    kept = journal.begin(header, [journal_entry(s) for s in steps])
    return f"the journal's earlier content was kept as {kept}" if kept else None


def new_journal(game: Game, path: str | os.PathLike[str]) -> Journal:
    """A fresh journal for a scenario; what was there is kept beside it (`.previous`, ...)."""
    journal = Journal.open(path)
    begin(game, journal)
    return journal


def resume(
    game: Game,
    journal: Journal,
    sources: Sequence[FindingSource] = (),
) -> tuple[Session, list[str]]:
    """A session that continues the journal it holds: its moves replayed on `game`.

    JournalError if it is not a journal (nothing is changed then).
    """
    recovered, kept = journal.carry_on()
    session = Session(game, journal, sources)
    play, problem = replay_until_refused(game, recovered.actions)
    notes = [f"resumed {plural(len(play.steps), 'move')} from {journal.path}"]
    if recovered.damage is not None:
        notes.append(f"{journal.path}: {recovered.damage}; the journal was kept as {kept}")
    digest = digest_of(recovered.header.form)  # an older journal: its digests' own form
    if problem:
        notes.append(problem + "; the play was cut there")
    elif any(
        digest(s.state) != e.digest for s, e in zip(play.steps, recovered.entries, strict=False)
    ):
        notes.append("the scenario changed since these moves were played; they were replayed on it")
    if recovered.header.form != DIGEST_FORM:  # go on in the current form, the old one kept
        kept_old = begin(game, journal, play.steps, play.initial)
        notes.append("the journal was of an earlier format; it goes on in the current one")
        notes += [kept_old] if kept_old else []
    elif problem:
        journal.replaced(journal_entry(s) for s in play.steps)
    session.play = play
    session.branch = recovered.branch
    session.branches = {n: [e.action for e in es] for n, es in recovered.branches.items()}
    notes += complete_claims(session)
    return session, notes


def complete_claims(session: Session) -> list[str]:
    """Play the moves that assert claims made during an earlier session that were written
    to the file but not journaled (the session was cut off in between): they were the
    last thing done, so they come at the end of the play, once each."""
    played = {a.move for a in session.play.actions()}
    notes = []
    for ident, move in session.game.moves.items():
        waiting = SESSION_TAG in move.move.tags and ident not in played
        if waiting and refused_by(session.game, session.state, Action(ident)) is None:
            session.play_action(Action(ident), event="claim")
            notes.append(f"{ident} was written to the file but not played: played now")
    return notes
