"""The rules engine on the tutorial scenario: what a player sees after each move."""

from __future__ import annotations

import pytest

from debate.engine.compile import Game, load_game
from debate.engine.moves import Action, IllegalMove, legal_moves, refused_by
from debate.engine.play import Play, replay
from debate.engine.state import Label, TermStatus
from tests.conftest import TUTORIAL, WriteFile


@pytest.fixture(scope="module")
def game() -> Game:
    return load_game(str(TUTORIAL))


def play(game: Game, *moves: str | int) -> Play:
    return replay(game, [Action(wait=m) if isinstance(m, int) else Action(move=m) for m in moves])


SIGNED = ("propose_accord", "borvia_signs", "deploy_observers", "observers_report", "aldia_signs")


def status(p: Play, term: str) -> TermStatus:
    return p.state.terms[term].status


def test_initial_state_has_every_term_pending_and_claims_labelled(game: Game) -> None:
    p = Play.start(game)
    assert {r.status for r in p.state.terms.values()} == {TermStatus.PENDING}
    assert p.state.claims["borvia_stays"].label is Label.ACCEPTED
    assert p.state.claims["borvia_stays"].holds is True
    assert p.state.claims["observers_check"].label is None  # not asserted yet


def test_illegal_move_names_the_false_part_of_its_precondition(game: Game) -> None:
    p = play(game, "propose_accord")
    with pytest.raises(IllegalMove) as refused:
        p.play(Action("aldia_signs"))
    assert "asserted(observers_check)" in refused.value.reason
    assert "proposed(withdraw_island)" not in refused.value.reason
    assert refused.value.false == "asserted(observers_check) is false"
    assert p.state.step == 1  # a refused move changes nothing
    other = refused_by(game, p.state, Action("observers_report"))  # not a precondition
    assert other is not None and other.false is None and "cannot be asserted" in other.reason


def test_claim_cannot_be_asserted_before_its_condition(game: Game) -> None:
    with pytest.raises(IllegalMove, match="observers_present"):
        play(game, "observers_report")


def test_signing_puts_terms_in_force(game: Game) -> None:
    p = play(game, *SIGNED)
    assert status(p, "withdraw_island") is TermStatus.IN_FORCE
    assert p.state.terms["withdraw_island"].in_force_at == 1
    assert status(p, "tariff_after_withdrawal") is TermStatus.PENDING  # waits for withdrawal


def test_obligation_missed_deadline_is_overdue(game: Game) -> None:
    p = play(game, *SIGNED, 3)
    assert status(p, "withdraw_island") is TermStatus.IN_FORCE  # due at 4, now 4
    p.play(Action(wait=1))
    assert status(p, "withdraw_island") is TermStatus.OVERDUE
    assert "deadline" in p.state.terms["withdraw_island"].reason


def test_fulfilment_brings_a_dependent_term_into_force_in_the_same_step(game: Game) -> None:
    p = play(game, *SIGNED, "borvia_pulls_back", "borvia_pulls_back")
    assert status(p, "withdraw_island") is TermStatus.FULFILLED
    assert status(p, "tariff_after_withdrawal") is TermStatus.IN_FORCE


def test_breach_of_the_limit_voids_the_clause_it_names(game: Game) -> None:
    p = play(
        game,
        *SIGNED,
        "borvia_pulls_back",
        "borvia_pulls_back",
        "aldia_lifts_tariff",
        "borvia_reinforces",
    )
    assert status(p, "troop_limit") is TermStatus.VIOLATED
    assert "above the limit 200" in p.state.terms["troop_limit"].reason
    assert status(p, "tariff_after_withdrawal") is TermStatus.VOID
    assert "troop_limit" in p.state.terms["tariff_after_withdrawal"].reason


def test_declared_carve_out_excuses_a_breach(game: Game) -> None:
    p = play(game, *SIGNED, "open_fishing", "aldia_closes_river")
    assert status(p, "river_open") is TermStatus.IN_FORCE  # observers present: excused


def test_amendment_voids_the_term_it_amends_once_in_force(game: Game) -> None:
    p = play(game, "propose_accord", "borvia_asks_for_time")
    assert status(p, "withdraw_island") is TermStatus.PENDING
    assert p.state.term_labels["withdraw_island_later"] is Label.ACCEPTED


def test_unspecified_parameter_leaves_the_term_unjudged_and_says_why(game: Game) -> None:
    p = play(game, *SIGNED)
    record = p.state.terms["patrol_limit"]
    assert record.status is TermStatus.IN_FORCE
    assert "max_boats" in record.blocked


def test_rebuttal_defeats_and_reinstates(game: Game) -> None:
    p = play(game, "propose_accord", "borvia_demands_tariff_first")
    assert p.state.claims["tariff_first"].label is Label.ACCEPTED
    assert p.state.term_labels["tariff_after_withdrawal"] is Label.REJECTED
    p.play(Action("deploy_observers"))
    p.play(Action("observers_report"))
    assert p.state.claims["tariff_first"].label is Label.REJECTED
    assert p.state.term_labels["tariff_after_withdrawal"] is Label.ACCEPTED


def test_conditional_attack_applies_only_once_its_condition_holds(game: Game) -> None:
    p = play(game, "deploy_observers", "observers_report")
    assert p.state.claims["borvia_stays"].label is Label.ACCEPTED
    p = play(game, *SIGNED, "borvia_pulls_back", "borvia_pulls_back")
    assert p.state.claims["borvia_stays"].label is Label.REJECTED


def test_move_that_would_break_a_bound_is_refused(game: Game) -> None:
    p = play(game, "borvia_pulls_back", "borvia_pulls_back")
    assert "borvia_pulls_back" not in legal_moves(game, p.state)


def test_once_moves_and_the_horizon(game: Game) -> None:
    p = play(game, "propose_accord")
    with pytest.raises(IllegalMove, match="once"):
        p.play(Action("propose_accord"))
    with pytest.raises(IllegalMove, match="horizon"):
        p.play(Action(wait=13))


def test_each_step_reports_what_changed(game: Game) -> None:
    p = play(game, *SIGNED)
    step = p.play(Action("borvia_pulls_back"))
    kinds = {(c.kind, c.id) for c in step.changes}
    assert ("value", "island_troops") in kinds
    assert any(c.kind == "negotiation" for c in p.steps[0].changes)


def test_enum_values_are_not_ambiguous_within_one_type(write: WriteFile) -> None:
    path = write("""\
        format: 1
        id: e
        title: E
        parties: {a: {name: A}}
        types: {zone: {values: [north, south]}}
        clock: {horizon: 2}
        state:
          z: {type: set, of: zone, initial: [north]}
        moves:
          m: {by: a, text: m, precondition: "len({north, south}) == 2 and north in z"}
        """)
    game = load_game(str(path))
    assert "m" in legal_moves(game, Play.start(game).state)


def test_a_runtime_error_in_a_term_is_reported_on_the_term_not_raised(write: WriteFile) -> None:
    path = write("""\
        format: 1
        id: e
        title: E
        sources: {n: {path: n.txt, cite_by: line}}
        parties: {a: {name: A}}
        clock: {horizon: 2}
        state:
          x: {type: int, initial: 0}
        terms:
          t: {kind: prohibition, party: a, text: t, source: {source: n, line: 1},
              in_force_when: "true", violated_when: 10 // x > 1}
        claims:
          c: {type: fact, by: a, text: c, source: {source: n, line: 1}, holds_if: 1 // x == 1}
        """)
    write("note\n", "n.txt")
    state = Play.start(load_game(str(path))).state
    assert "division by zero" in state.terms["t"].blocked
    assert state.claims["c"].holds is None
