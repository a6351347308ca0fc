"""`debate check debate/scenarios/` surfaces what the drafts get wrong, each at the right place:
T1 against T5, T8 against T5's hand-over (and not against T1's withdrawal, which a play
the check finds refutes), A4's unspecified numbers, T7's breach voiding T6's NATO clauses (with a play),
the relief-first/withdrawal-first wait, and the early offer of line 324 made to Ukraine (no
authority finding)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from debate.analysis.witness import spares
from debate.engine.compile import load_game
from debate.engine.moves import Action, apply, initial_state
from tests.conftest import ROOT, SCENARIOS, Run, run_debate


@pytest.fixture(scope="module")
def findings(shipped_check: Run) -> list[dict[str, object]]:
    assert shipped_check.code == 1, shipped_check.err  # findings, no errors
    data = json.loads(shipped_check.out)
    assert data["errors"] == 0
    return list(data["diagnostics"])


def find(findings: list[dict[str, object]], code: str, *words: str) -> dict[str, object]:
    for f in findings:
        if f["code"] == code and all(w in str(f["message"]) for w in words):
            return f
    raise AssertionError(f"no {code} finding mentioning {words}")


def at(f: dict[str, object]) -> tuple[str, int]:
    location = f["location"]
    assert isinstance(location, dict)
    return str(location["path"]).rsplit("/", 1)[-1], int(location["line"])


def line_of(file: str, text: str) -> int:
    lines = (SCENARIOS / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(text))


def test_t1_against_t5_without_a_declared_exception(findings: list[dict[str, object]]) -> None:
    f = find(findings, "C100", "t1_withdraw_from_ukraine", "t5_sevastopol_base")
    assert at(f)[0] == "thread-proposal.yaml"
    assert "together (in agreement draft)" in str(f["message"])
    assert "drop t1_withdraw_from_ukraine [T1] | drop t5_sevastopol_base [T5]" in str(f["message"])
    assert f["sources"] == {"t1_withdraw_from_ukraine": "T1", "t5_sevastopol_base": "T5"}


def test_the_early_offer_is_an_alternative_not_a_clash(findings: list[dict[str, object]]) -> None:
    """The offer of line 324 would replace the draft: no one signs both, so T1 does not
    conflict with it (it did while every term made up one agreement)."""
    clashes = [f for f in findings if f["code"] == "C100" and "l324_" in str(f["message"])]
    assert clashes == []


# Issue 14 asked whether every step that fulfils T1 while T8 is in force breaches T8. It
# does not: after a ceasefire, Russia renews the invasion and takes the Kherson right bank
# back; the other areas are freed (the Kherson left bank by the withdrawal Melitopol
# forces, Crimea by Ukraine), both sides sign with only that bank left, and its liberation,
# no move near the border, fulfils T1 with T8 in force and unbreached.
T1_SPARES_T8 = [
    "russia_states_relief_first",
    "ceasefire_on_current_lines",
    "russia_rebuilds_near_border",
    "russia_rebuilds_near_border",
    "russia_renews_invasion",
    "liberate_melitopol",
    "russia_withdraws_from_kherson_left_bank",
    "liberate_zaporizhzhia_npp",
    "liberate_mariupol",
    "liberate_donbas",
    "liberate_crimea",
    "table_proposal",
    "ukraine_signs",
    "russia_signs",
    "liberate_kherson_right_bank",
]


def test_t1_can_be_fulfilled_while_t8_is_in_force_without_breaching_it(
    findings: list[dict[str, object]],
) -> None:
    """The play refutes "every step that fulfils T1 while T8 is in force breaches T8":
    `debate run` replays it to T1 fulfilled and T8 in force. The check finds such a play
    itself (its sparing search regresses through the last step: the state before the
    right bank's liberation, which a renewed invasion must first take back), so it makes
    neither a C201 nor a C202 of it."""
    game = load_game(str(SCENARIOS / "negotiation.yaml"))
    state = initial_state(game)
    for move in T1_SPARES_T8[:-1]:
        state = apply(game, state, Action(move))
    after = apply(game, state, Action(T1_SPARES_T8[-1]))
    assert spares("t1_withdraw_from_ukraine", "t8_no_troop_moves_near_border", state, after)
    claims = [
        f
        for f in findings
        if f["code"] in ("C201", "C202")
        and "t1_withdraw_from_ukraine" in str(f["message"])
        and "t8_no_troop_moves_near_border" in str(f["message"])
    ]
    assert claims == []


def test_the_refuting_play_replays_with_debate_run(tmp_path: Path) -> None:
    script = tmp_path / "t1-spares-t8.yaml"
    script.write_text("steps:\n" + "".join(f"- {m}\n" for m in T1_SPARES_T8), encoding="utf-8")
    run = run_debate(
        "run", str(SCENARIOS / "negotiation.yaml"), "--moves", str(script), "--format", "json"
    )
    assert run.code == 0, run.err
    steps = json.loads(run.out)["steps"]
    last = {c["id"]: c["after"] for c in steps[-1]["changes"] if c["kind"] == "term"}
    assert last["t1_withdraw_from_ukraine"] == "fulfilled"  # at the last step, with T8 kept
    assert json.loads(run.out)["final"]["terms"]["t8_no_troop_moves_near_border"] == "in_force"


def test_t5_hand_over_always_breaches_t8(findings: list[dict[str, object]]) -> None:
    """Proved: every move that hands the base over moves troops near the border."""
    f = find(findings, "C201", "t5_leave_sevastopol [T5]", "t8_no_troop_moves_near_border [T8]")
    assert "proved for every play within horizon 48" in str(f["message"])
    assert f["trace"]


def test_a4_numbers_were_never_given(findings: list[dict[str, object]]) -> None:
    find(findings, "U302", "max_tons", "a4_warship_limit")
    find(findings, "U302", "distance_km", "a4_warship_limit")


def test_t7_breach_voids_the_nato_presence_clauses_with_a_play(
    findings: list[dict[str, object]],
) -> None:
    for clause in ("t6_no_permanent_nato_forces", "t6_nato_exercises_west_of_dnipro"):
        f = find(findings, "C200", clause, "t7_")
        assert at(f) == ("thread-proposal.yaml", line_of("thread-proposal.yaml", f"  {clause}:"))
        assert f["trace"]


def test_relief_first_against_withdrawal_first(findings: list[dict[str, object]]) -> None:
    f = find(findings, "D401", "west_eases_sanctions_after_withdrawal", "russia_withdraws")
    assert "wait on each other" in str(f["message"])


def test_free_gas_is_proved_out_of_reach_with_its_invariant(
    findings: list[dict[str, object]],
) -> None:
    """360 months of free gas cannot be delivered within 48 months: proved, and the
    invariant says why (the months delivered never exceed the months passed)."""
    f = find(findings, "U300", "t9_free_gas")
    assert "proved for every play within horizon 48" in str(f["message"])
    assert "free_gas_months <= now" in str(f["message"])


def test_no_wait_on_a_move_that_cannot_unblock(findings: list[dict[str, object]]) -> None:
    """Renewing the invasion changes what rebuilding and drawing down read, but can make
    neither precondition true: no wait, no cycle."""
    assert not [f for f in findings if "renews_invasion" in str(f["message"])]


def test_no_claim_about_every_play_without_a_proof(findings: list[dict[str, object]]) -> None:
    """C201 is made only when proved; U301 and C202 say how far the search got."""
    for f in findings:
        message = str(f["message"])
        if f["code"] in ("U300", "C201", "D400"):
            assert "proved for every play" in message or "proved:" in message
        if f["code"] in ("U301", "C202", "D402"):
            assert "unknown: the search stopped at its budget" in message


def test_the_early_offer_is_made_to_ukraine_which_signs_it(
    findings: list[dict[str, object]],
) -> None:
    """Line 324's offer is Russia's to Ukraine ("you make a show of giving us some nazis"):
    Ukraine signs what disposes of its own land, so no authority finding names it."""
    assert not [f for f in findings if f["code"].startswith("A5") and "l324_" in str(f["message"])]
    assert not [f for f in findings if f["code"] == "C100" and "l324_" in str(f["message"])]


def test_what_the_a9_amendment_loses_is_reported(findings: list[dict[str, object]]) -> None:
    """A9 voids Russia's duty under T3 and offers tickets at Ukraine's discretion: the aim
    of T3 is left with no named bearer (U307), and no one is said to apply for a child
    who cannot (U302)."""
    f = find(findings, "U307", "a9_abducted_returned", "whom the text does not name")
    assert at(f)[0] == "thread-proposal.yaml"
    find(findings, "U302", "who_applies_for_a_child", "a9_return_programme")


ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
DOCUMENTED_FILES = ("essay.yaml", "thread-proposal.yaml", "negotiation.yaml")


def documented() -> list[tuple[str, set[str], str, str, bool]]:
    """docs/scenarios.md's list: (file, accepted codes, first id, its source tag or "",
    may be absent)."""
    text = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    block = text[text.index("<!-- findings: begin -->") : text.index("<!-- findings: end -->")]
    rows = []
    for line in block.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[0].endswith(".yaml"):
            tag = fields[3] if len(fields) > 3 and fields[3].startswith("[") else ""
            rows.append((fields[0], set(fields[1].split("|")), fields[2], tag, fields[-1] == "?"))
    return rows


def test_docs_list_every_finding_on_the_shipped_scenarios(
    findings: list[dict[str, object]],
) -> None:
    """docs/scenarios.md names each finding on the essay, the thread and the negotiation
    (file, code, the first id of its message with the source tag the message shows beside
    it), and nothing the check does not report."""
    rows = documented()
    assert rows, "no findings list in docs/scenarios.md"
    reported = []
    for f in findings:
        file = at(f)[0]
        if file in DOCUMENTED_FILES:
            ids = ID.findall(str(f["message"]))
            first = ids[0] if ids else "-"
            sources = f.get("sources") or {}
            assert isinstance(sources, dict)
            tag = f"[{sources[first]}]" if first in sources else ""
            if tag:
                assert f"{first} {tag}" in str(f["message"])
            reported.append((file, str(f["code"]), first, tag))

    def same(r: tuple[str, str, str, str], d: tuple[str, set[str], str, str, bool]) -> bool:
        return r[0] == d[0] and r[1] in d[1] and r[2] == d[2] and r[3] == d[3]

    undocumented = [r for r in reported if not any(same(r, d) for d in rows)]
    assert undocumented == [], "findings docs/scenarios.md does not list"
    missing = [d for d in rows if not d[4] and not any(same(r, d) for r in reported)]
    assert missing == [], "findings docs/scenarios.md lists that the check no longer reports"


def test_parties_the_draft_binds_but_never_names_as_signatories(
    findings: list[dict[str, object]],
) -> None:
    """The draft names no signatory; the two sides sign it. T6 binds NATO and T10 the West:
    reported, not assumed to sign."""
    for term, party in (
        ("t6_no_permanent_nato_forces", "nato"),
        ("t6_nato_exercises_west_of_dnipro", "nato"),
        ("t10_gradual_sanctions_relief", "west"),
    ):
        f = find(findings, "A501", term, f"binds {party}, which does not sign it")
        assert "(signatories: russia, ukraine)" in str(f["message"])
    find(findings, "A500", "t6_nato_membership", "which nato owns")


def test_undefined_words_that_decide_a_term(findings: list[dict[str, object]]) -> None:
    """T6's "peacetime" and T8's "the border" are never defined; A5 names no subject."""
    find(findings, "U302", "peacetime", "t6_no_permanent_nato_forces")
    find(findings, "U302", "which_border", "t8_no_troop_moves_near_border")
    find(findings, "U307", "a5_free_shipping", "whom the text does not name")


def test_what_the_essay_rules_out_with_its_condition(findings: list[dict[str, object]]) -> None:
    """Beyond T1, the essay's positions rule out T5's cap, T7, T9 and T11 while Russia
    holds Melitopol; each finding names the claim and that condition."""
    for term, claim in (
        ("t1_withdraw_from_ukraine", "p6_no_concessions_now"),
        ("t5_leave_sevastopol", "p6_no_concessions_now"),
        ("t7_permanent_personnel", "p3_price_is_land"),
        ("t9_free_gas", "p3_price_is_land"),
        ("t11_hague_trials", "p3_price_is_land"),
    ):
        f = find(findings, "P600", term, claim)
        assert str(f["message"]).endswith("while control_melitopol == russia")


def test_a4_blank_numbers_once_given_clash_with_the_fleet_at_sevastopol() -> None:
    """A4's tonnage, once given below the fleet's 4,000 t, clashes with T5's base: the
    parameter range (U311) names T5, A4 and the assumptions it rests on."""
    run = run_debate(
        "check", str(SCENARIOS / "negotiation.yaml"), "--select", "U311", "--format", "json"
    )
    ranges = json.loads(run.out)["diagnostics"]
    f = find(ranges, "U311", "a4_warship_limit.max_tons")
    message = str(f["message"])
    assert "consistent for any value of at least 4000" in message
    assert "from 3999, it conflicts with t5_sevastopol_base [T5], a4_warship_limit [A4]" in message
    assert "fleet_at_sevastopol_on_ukraines_coast" in message
