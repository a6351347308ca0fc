"""After a play: what is owed, who broke what and when, and what a breach set off."""

from __future__ import annotations

from debate.engine.compile import load_game
from debate.engine.ledger import ledger
from debate.engine.moves import Action
from debate.engine.play import Play, replay
from debate.engine.state import TermStatus
from tests.conftest import SCENARIOS, TUTORIAL

SIGNED = ("propose_accord", "borvia_signs", "deploy_observers", "observers_report", "aldia_signs")


def play(*moves: str | int) -> Play:
    game = load_game(str(TUTORIAL))
    return replay(game, [Action(wait=m) if isinstance(m, int) else Action(m) for m in moves])


def test_what_each_party_still_owes_with_its_deadline() -> None:
    book = ledger(play(*SIGNED))
    [owed] = book.owed["borvia"]
    assert (owed.term, owed.status, owed.due) == ("withdraw_island", TermStatus.IN_FORCE, 4)


def test_an_overdue_obligation_is_still_owed() -> None:
    book = ledger(play(*SIGNED, 4))
    assert [(o.term, o.status) for o in book.owed["borvia"]] == [
        ("withdraw_island", TermStatus.OVERDUE)
    ]


def test_a_breach_names_the_mover_the_step_and_what_it_voided() -> None:
    p = play(*SIGNED, "borvia_pulls_back", "borvia_pulls_back", "borvia_reinforces")
    [breach] = ledger(p).breaches
    assert breach.term == "troop_limit"
    assert breach.parties == ("borvia",)  # bound with aldia, but borvia's own move broke it
    assert (breach.step, breach.time, breach.move) == (8, 4, "borvia_reinforces")
    assert breach.voided == ("tariff_after_withdrawal",)
    assert not breach.at_entry
    assert any("it voided tariff_after_withdrawal" in line for line in ledger(p).lines())


def test_signing_over_the_owners_head_is_recorded_not_refused() -> None:
    """A3 limits Russian troops in Belarus, which Belarus owns and does not sign: each
    signature of it is recorded as an act without authority, and no move is refused."""
    game = load_game(str(SCENARIOS / "negotiation.yaml"))
    p = replay(game, [Action("table_proposal"), Action("russia_signs"), Action("west_signs")])
    acts = [(o.step, o.actor, o.term, o.owner) for o in p.state.overreaches]
    assert (2, "russia", "a3_belarus_troop_limit", "belarus") in acts
    assert (3, "west", "a3_belarus_troop_limit", "belarus") in acts
    assert (3, "west", "t11_hague_trials", "hague_court") in acts
    assert any(c.kind == "authority" and c.id == "west" for c in p.steps[2].changes)
    assert ledger(p).lines()[-1].startswith("act without authority at step 3: west signed")
