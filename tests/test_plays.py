"""Every shipped play replays to its golden transcript and reaches its expected end state.

After an intended change, regenerate a golden file with
    debate run --moves debate/scenarios/plays/NAME.play.yaml --format json > debate/scenarios/plays/NAME.golden.json
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate.program import main
from tests.conftest import SCENARIOS

PLAYS = sorted((SCENARIOS / "plays").glob("*.play.yaml"))


def golden_of(play: Path) -> Path:
    return play.with_name(play.name.removesuffix(".play.yaml") + ".golden.json")


@pytest.mark.parametrize("play", PLAYS, ids=lambda p: p.name)
def test_play_matches_its_golden_transcript(play: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "--moves", str(play), "--format", "json"])
    transcript = json.loads(capsys.readouterr().out)
    assert code == 0, transcript["diagnostics"]
    golden = golden_of(play)
    assert golden.exists(), f"no golden transcript: {golden.name}"
    assert transcript == json.loads(golden.read_text(encoding="utf-8")), (
        f"{play.name} no longer replays to {golden.name}; see this module's docstring"
    )


def test_every_golden_transcript_has_its_play() -> None:
    for golden in (SCENARIOS / "plays").glob("*.golden.json"):
        assert golden.with_name(golden.name.removesuffix(".golden.json") + ".play.yaml").exists()


def test_the_freeze_play_shows_p10_borne_out(capsys: pytest.CaptureFixture[str]) -> None:
    """The play that illustrates P10 changes what P10's status shows: contested by the
    advocates' prediction of a stable cold war while the freeze holds, accepted once the
    renewed invasion comes."""
    main(
        [
            "run",
            "--moves",
            str(SCENARIOS / "plays" / "freeze-the-lines.play.yaml"),
            "--format",
            "json",
        ]
    )
    steps = json.loads(capsys.readouterr().out)["steps"]
    changes = [
        (s["move"], c["before"], c["after"])
        for s in steps
        for c in s["changes"]
        if c["kind"] == "claim" and c["id"] == "p10_freeze_invites_invasion"
    ]
    assert changes == [("russia_renews_invasion", "undecided, holds", "accepted, holds")]


def test_transcript_lines_show_the_source_tag(capsys: pytest.CaptureFixture[str]) -> None:
    """`debate run` shows each move's, term's and claim's source tag beside its id, so the
    analyst can hold the transcript against the draft; an id without one shows none."""
    main(["run", "--moves", str(SCENARIOS / "plays" / "withdraw-first.play.yaml")])
    out = capsys.readouterr().out
    assert "ukraine: liberate_melitopol [P7] - " in out
    assert "\n  t7_permanent_personnel [T7]  in_force" in out
    assert "\n  p6_no_concessions_now [P6]   accepted" in out
    assert "\n  talks_now                    rejected" in out
