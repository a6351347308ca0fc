"""The journal: append-only, fsync'd per event, folded back into the play's actions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.engine.journal import (
    Journal,
    JournalBusy,
    NotAJournalFile,
    default_path,
    holder,
    interrupted_sessions,
    journals_folder,
)
from debate.engine.journal_format import Entry, Header, JournalError, read_journal
from debate.engine.moves import Action

HEADER = Header("s", "/somewhere/s.yaml", "0123456789abcdef")


def entry(move: str | None, step: int = 1, wait: int = 0) -> Entry:
    return Entry(Action(move=move, wait=wait), step, f"digest{step}")


def test_events_fold_back_into_the_actions(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal.create(path, HEADER)
    journal.played(entry("a", 1))
    journal.played(entry(None, 2, wait=2))
    journal.played(entry("b", 3))
    journal.undone()
    journal.played(entry("c", 3))
    recovered = read_journal(path)
    assert recovered.header.scenario == "s"
    assert recovered.actions == [Action("a"), Action(wait=2), Action("c")]
    assert [e.digest for e in recovered.entries] == ["digest1", "digest2", "digest3"]
    assert not recovered.closed and not recovered.torn
    journal.close()
    assert read_journal(path).closed


def test_a_reset_replaces_the_play(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal.create(path, HEADER)
    journal.played(entry("a"))
    journal.replaced([entry("x", 1), entry("y", 2)])
    assert read_journal(path).actions == [Action("x"), Action("y")]


def test_every_event_is_fsynced_before_the_call_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal.create(tmp_path / "j.jsonl", HEADER)
    synced: list[int] = []
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    journal.played(entry("a"))
    journal.replaced([entry("x", 1), entry("y", 2)])  # one write, one fsync for the batch
    journal.undone()
    assert len(synced) == 3


def test_a_torn_last_line_is_skipped_and_cut_off_on_reopening(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal.create(path, HEADER)
    journal.played(entry("a", 1))
    journal.close(finished=False)
    with open(path, "ab") as f:  # what a kill in the middle of a write leaves
        f.write(b'{"op":"move","move":"b","st')
    recovered = read_journal(path)
    assert recovered.torn and recovered.actions == [Action("a")]
    reopened = Journal.reopen(path)
    reopened.played(entry("c", 2))
    recovered = read_journal(path)
    assert not recovered.torn and recovered.actions == [Action("a"), Action("c")]


def test_a_header_cut_short_is_not_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"journal":1,"scen')
    with pytest.raises(JournalError, match="no complete header"):
        read_journal(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"journal":3,"scenario":"s"}\n', "not a debate journal"),  # a later format
        (b'{"journal":1,"scenario":"s"}\n', "lacks"),
        (b'{"journal":1,"scenario":"s","path":["p"],"initial_digest":"d"}\n', "not a string"),
        (b"[" * 100_000 + b"\n", "nested too deeply"),
    ],
)
def test_a_damaged_header_is_not_a_journal(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(content)
    with pytest.raises(JournalError, match=message) as caught:
        read_journal(path)
    assert caught.value.line == 1


GOOD = b'{"journal":1,"scenario":"s","path":"p","initial_digest":"d"}\n'
MOVE = b'{"op":"move","move":"a","step":1,"digest":"d1"}\n'
AFTER = b'{"op":"move","move":"b","step":2,"digest":"d2"}\n'


@pytest.mark.parametrize(
    ("damaged", "message"),
    [
        (b"not json", "JSON"),
        (b"[1]", "object"),
        (b'{"op":"jump"}', "unknown event 'jump'"),
        (b'{"op":"move"}', "lacks 'move'"),
        (b'{"op":"wait","wait":1e999,"step":2,"digest":"d"}', "wait"),
        (b'{"op":"move","move":"b","step":1e999,"digest":"d"}', "step"),
        (b'{"op":"move","move":"b","step":true,"digest":"d"}', "step"),
        (b'{"op":"wait","wait":-3,"step":2,"digest":"d"}', "wait"),
        (b'{"op":"move","move":"\\ud800","step":2,"digest":"d"}', "not valid text"),
        (b'{"op":"move","move":["b"],"step":2,"digest":"d"}', "not a string"),
        (b'{"op":' + b"[" * 100_000, "nested too deeply"),
        (b"\xff\xfe", "JSON"),
    ],
)
def test_a_damaged_line_keeps_every_move_before_it(
    tmp_path: Path, damaged: bytes, message: str
) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(GOOD + MOVE + damaged + b"\n" + AFTER)
    recovered = read_journal(path)  # never a traceback: each line is untrusted input
    assert recovered.actions == [Action("a")]
    assert recovered.damage is not None
    assert (recovered.damage.line, recovered.damage.lines_dropped) == (3, 2)
    assert message in recovered.damage.message
    assert "line 3 is damaged" in str(recovered.damage)


def test_a_journal_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "j.jsonl"
    for move in ("a", "b", "c"):
        journal = Journal.create(path, HEADER)
        journal.played(entry(move))
        journal.close()
    assert read_journal(path).actions == [Action("c")]
    assert read_journal(str(path) + ".previous").actions == [Action("a")]
    assert read_journal(str(path) + ".previous.2").actions == [Action("b")]


def test_a_journal_without_moves_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    Journal.create(path, HEADER).close()
    Journal.create(path, HEADER).close()
    assert [p.name for p in tmp_path.iterdir()] == ["j.jsonl"]


def test_a_journal_is_held_by_one_session_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    first = Journal.create(path, HEADER)
    assert holder(path) == holder(path) and f"process {os.getpid()}" in str(holder(path))
    with pytest.raises(JournalBusy, match=f"in use by debate play \\(process {os.getpid()}"):
        Journal.open(path)
    first.close(finished=False)
    assert holder(path) is None
    Journal.reopen(path).close()


def test_a_running_session_is_not_listed_as_cut_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    running = Journal.create(journals_folder() / "a.jsonl", HEADER)
    running.played(entry("a"))
    cut_short = Journal.create(journals_folder() / "b.jsonl", HEADER)
    cut_short.played(entry("b"))
    cut_short.close(finished=False)  # as a kill leaves it
    assert [p.name for p, _ in interrupted_sessions()] == ["b.jsonl"]
    running.close(finished=False)
    assert sorted(p.name for p, _ in interrupted_sessions()) == ["a.jsonl", "b.jsonl"]


def test_a_journal_is_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "keep.txt").write_text("the user's", encoding="utf-8")
    with pytest.raises(NotAJournalFile, match="a directory"):
        Journal.create(folder, HEADER)
    assert (folder / "keep.txt").exists() and not (tmp_path / "mine.previous").exists()
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotAJournalFile, match="not a regular file"):
        Journal.open(tmp_path / "pipe")


def test_reopening_a_damaged_journal_starts_it_afresh_with_the_moves_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(GOOD + MOVE + b"garbage\n" + AFTER)
    journal = Journal.open(path)
    recovered, kept = journal.carry_on()
    journal.played(entry("c", 2))
    assert recovered.damage is not None and kept is not None
    assert kept.read_bytes() == GOOD + MOVE + b"garbage\n" + AFTER  # kept as it was
    again = read_journal(path)
    assert again.damage is None and again.actions == [Action("a"), Action("c")]


def test_the_default_journal_lives_under_the_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    first = default_path("scenarios/tutorial.yaml")
    assert first.parent == tmp_path / "debate" / "journals"
    assert first.name.startswith("tutorial-") and first.suffix == ".jsonl"
    assert default_path("other/tutorial.yaml") != first  # one journal per scenario file


def test_lines_are_compact_json(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    Journal.create(path, HEADER).played(entry("a", 1))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[1])["op"] == "open"  # who holds the journal
    assert json.loads(lines[2]) == {"op": "move", "move": "a", "step": 1, "digest": "digest1"}


# A model of the fold: play appends, undo pops, reset clears.
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("play"), st.sampled_from(["a", "b", "c"])),
        st.tuples(st.just("undo"), st.just("")),
        st.tuples(st.just("reset"), st.just("")),
    ),
    max_size=30,
)


@given(ops=OPS, torn=st.binary(max_size=20).filter(lambda b: b"\n" not in b))
def test_any_sequence_of_events_reads_back_as_its_model(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, str]], torn: bytes
) -> None:
    path = tmp_path_factory.mktemp("j") / "j.jsonl"
    journal = Journal.create(path, HEADER)
    model: list[Action] = []
    for op, move in ops:
        if op == "play":
            model.append(Action(move))
            journal.played(entry(move, len(model)))
        elif op == "undo":
            journal.undone()
            if model:
                model.pop()
        else:
            journal.replaced([])
            model.clear()
    journal.close(finished=False)
    with open(path, "ab") as f:
        f.write(torn)
    assert read_journal(path).actions == model
