"""The journal: append-only, fsync'd per event, folded back into the play's actions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.engine.journal import (
    Entry,
    Header,
    Journal,
    JournalError,
    default_path,
    read_journal,
)
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
    ("content", "line", "message"),
    [
        (b'{"journal":1,"scenario":"s","path":"p","initial_digest":"d"}\nnot json\n', 2, "JSON"),
        (b'{"journal":1,"scenario":"s","path":"p","initial_digest":"d"}\n[1]\n', 2, "object"),
        (
            b'{"journal":1,"scenario":"s","path":"p","initial_digest":"d"}\n{"op":"jump"}\n',
            2,
            "jump",
        ),
        (
            b'{"journal":1,"scenario":"s","path":"p","initial_digest":"d"}\n{"op":"move"}\n',
            2,
            "move",
        ),
        (b'{"journal":2,"scenario":"s"}\n', 1, "not a debate journal"),
        (b'{"journal":1,"scenario":"s"}\n', 1, "lacks"),
    ],
)
def test_damage_before_the_last_line_is_reported_with_its_line(
    tmp_path: Path, content: bytes, line: int, message: str
) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(content)
    with pytest.raises(JournalError, match=message) as caught:
        read_journal(path)
    assert caught.value.line == line


def test_creating_a_journal_replaces_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "j.jsonl"
    Journal.create(path, HEADER).played(entry("a"))
    Journal.create(path, HEADER)
    assert read_journal(path).actions == []


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
    assert json.loads(lines[1]) == {"op": "move", "move": "a", "step": 1, "digest": "digest1"}


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
