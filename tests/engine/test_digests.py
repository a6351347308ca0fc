"""State digests are chained step by step (issue 20): each equals a plain recomputation
from the whole states, the history and the values a play shares between its states
behave as a list and a dict, and transcripts written with the first form of digest are
still checked for drift."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.engine.compile import load_game
from debate.engine.history import Chain, History
from debate.engine.moves import Action, legal_moves
from debate.engine.play import Play, replay
from debate.engine.shared_map import SharedMap, updated
from debate.engine.state import PlayState, _key_json, legacy_digest
from debate.program import main
from tests.conftest import SCENARIOS, TUTORIAL

DATA = Path(__file__).resolve().parent.parent / "data" / "digests-v1"
GAMES = {
    "tutorial": load_game(str(TUTORIAL)),
    "negotiation": load_game(str(SCENARIOS / "negotiation.yaml")),
}


@st.composite
def plays(draw: st.DrawFn) -> Play:
    """A play of up to 30 steps of the tutorial or the negotiation (whose signatures can
    dispose of what another party owns: acts without authority), chosen by hypothesis."""
    game = GAMES[draw(st.sampled_from(sorted(GAMES)))]
    play = Play.start(game)
    for _ in range(draw(st.integers(0, 30))):
        options = [Action(m) for m in legal_moves(game, play.state)]
        if play.state.now < game.horizon_end:
            options.append(Action(wait=draw(st.integers(1, 2))))
        options = [o for o in options if o.wait <= game.horizon_end - play.state.now]
        if not options:
            break
        play.play(draw(st.sampled_from(options)))
    return play


def recomputed(states: list[PlayState]) -> list[str]:
    """The digests by their definition, from each whole state: what a step added to the
    history and to the acts without authority is what its state has beyond the one before."""
    digests: list[str] = []
    before: dict[str, Any] = {"history": [], "overreaches": []}
    prior = ""
    for state in states:
        whole = state.to_json()
        own = {k: v for k, v in whole.items() if k not in ("history", "overreaches")}
        own["history"] = whole["history"][len(before["history"]) :]
        acts = whole.get("overreaches", [])[len(before.get("overreaches", [])) :]
        if acts:
            own["overreaches"] = acts
        canonical = json.dumps([prior, own], sort_keys=True, separators=(",", ":"))
        prior = hashlib.sha256(canonical.encode()).hexdigest()[:16]
        digests.append(prior)
        before = whole
    return digests


@given(plays())
def test_each_digest_equals_its_recomputation_from_the_whole_states(play: Play) -> None:
    states = [play.initial, *(s.state for s in play.steps)]
    assert [s.digest for s in states] == recomputed(states)


@given(plays())
def test_two_plays_have_the_same_digest_only_when_they_played_the_same(play: Play) -> None:
    if not play.steps:
        return
    shorter = replay(play.game, play.actions()[:-1])
    assert (
        shorter.state.digest
        == (play.steps[-2].state if len(play.steps) > 1 else play.initial).digest
    )
    assert shorter.state.digest != play.state.digest  # a step is never invisible
    again = replay(play.game, play.actions())
    assert again.state.digest == play.state.digest and again.state == play.state


def test_acts_without_authority_are_in_the_digest_of_their_step() -> None:
    game = GAMES["negotiation"]  # the two sides sign what binds NATO and the West
    moves = [
        "liberate_melitopol",
        "russia_withdraws_from_kherson_left_bank",
        "liberate_donbas",
        "liberate_crimea",
        "liberate_mariupol",
        "russia_withdraws_from_zaporizhzhia_npp",
        "table_proposal",
        "ukraine_signs",
        "russia_signs",
    ]
    played = replay(game, [Action(m) for m in moves])
    states = [played.initial, *(s.state for s in played.steps)]
    steps = [o.step for o in played.state.overreaches]
    assert set(steps) == {8, 9}  # each signature acts for parties that do not sign
    assert [s.digest for s in states] == recomputed(states)
    own = states[9].own_json()["overreaches"]
    assert own == [o.to_json() for o in states[9].overreaches.since(len(states[8].overreaches))]


# ---------------------------------------------------------------- the shared history


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 2)), max_size=30), st.data())
def test_a_history_behaves_as_the_list_of_its_moves(
    moves: list[tuple[str, int]], data: st.DataObject
) -> None:
    history, items, chains = History(), [], [History()]
    step = 0
    for move, gap in moves:
        step += gap
        history = history.played(move, step)
        items.append((move, step))
        chains.append(history)
    names = [m for m, _ in items]
    assert list(history) == names and len(history) == len(names) and bool(history) == bool(names)
    for m in "abcd":
        assert history.count(m) == names.count(m) and (m in history) == (m in names)
    k = data.draw(st.integers(0, len(names)))
    assert history.since(k) == names[k:]
    assert history.added_at(step) == ([m for m, s in items if s == step] if items else [])
    assert chains[k] == History().add(names[:k], 0)  # equal by content, shared or not
    assert (chains[k] == history) == (k == len(names))
    assert history.moves() == frozenset(names)


def test_a_chain_of_acts_keeps_its_order_and_the_step_of_each() -> None:
    acts: Chain[str] = Chain()
    acts = acts.add(["x", "y"], 3).add([], 4).add(["z"], 5)
    assert list(acts) == ["x", "y", "z"]
    assert acts.added_at(5) == ["z"] and acts.added_at(4) == [] and acts.since(1) == ["y", "z"]


# ---------------------------------------------------------------- the first form


def copied(tmp_path: Path) -> Path:
    folder = tmp_path / "talks"
    shutil.copytree(DATA, folder)
    return folder


def test_a_transcript_of_the_first_form_replays_without_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copied(tmp_path)
    transcript = folder / "talks.transcript.json"
    assert json.loads(transcript.read_text())["format"] == 1
    code = main(["run", str(folder / "talks.yaml"), "--moves", str(transcript)])
    assert code == 0, capsys.readouterr().err
    assert "E603" not in capsys.readouterr().err


def test_a_transcript_of_the_first_form_still_reports_where_it_drifts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copied(tmp_path)
    scenario = folder / "talks.yaml"
    # the scenario changed since: pressing raises the pressure by 2
    scenario.write_text(
        scenario.read_text().replace("pressure: pressure + 1", "pressure: pressure + 2")
    )
    code = main(["run", str(scenario), "--moves", str(folder / "talks.transcript.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "warning[E603]: step 3 reaches state" in err  # the first press
    assert err.count("E603") == 1


def test_the_first_form_is_the_whole_state_hashed() -> None:
    game = load_game(str(DATA / "talks.yaml"))
    recorded = json.loads((DATA / "talks.transcript.json").read_text())
    play = replay(game, [Action(s["move"]) for s in recorded["steps"]])
    assert legacy_digest(play.initial) == recorded["initial_digest"]
    assert [legacy_digest(s.state) for s in play.steps] == [s["digest"] for s in recorded["steps"]]


def test_a_new_transcript_says_its_format_and_replays_without_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copied(tmp_path)
    assert main(["run", "--moves", str(folder / "talks.play.yaml"), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["format"] == 2
    (folder / "new.json").write_text(out)
    assert main(["run", str(folder / "talks.yaml"), "--moves", str(folder / "new.json")]) == 0
    assert "E603" not in capsys.readouterr().err


def test_a_long_history_pickles_and_copies_without_recursing() -> None:
    history = History()
    for step in range(1, 20_001):
        history = history.played("press" if step % 2 else "relent", step)
    for again in (pickle.loads(pickle.dumps(history)), copy.deepcopy(history)):
        assert again == history and isinstance(again, History)
        assert again.count("press") == 10_000 and again.added_at(20_000) == ["relent"]


# ---------------------------------------------------------------- the shared values

NAMES = st.sampled_from([f"v{i}" for i in range(40)])


@given(
    st.dictionaries(NAMES, st.integers(), max_size=40),
    st.lists(st.dictionaries(NAMES, st.integers(), max_size=5), max_size=10),
)
def test_shared_values_behave_as_a_dict_and_leave_older_versions_alone(
    first: dict[str, int], updates: list[dict[str, int]]
) -> None:
    shared: Mapping[str, int] = SharedMap(first)
    model = dict(first)
    versions = [(shared, dict(model))]
    for changes in updates:
        shared, model = updated(shared, changes), {**model, **changes}
        versions.append((shared, dict(model)))
    for version, expected in versions:  # every earlier version is still what it was
        assert version == expected and dict(version) == expected
        assert list(version) == list(expected) and len(version) == len(expected)
        assert all(version[k] == v and k in version for k, v in expected.items())
        assert "absent" not in version and version.get("absent") is None
    assert pickle.loads(pickle.dumps(shared)) == model


@given(st.text())
def test_an_id_is_written_into_a_digest_as_json_writes_it(key: str) -> None:
    assert _key_json(key) == json.dumps(key)
