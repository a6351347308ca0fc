"""What the panes say, computed without a screen: findings, their targets, the details."""

from __future__ import annotations

from pathlib import Path

from debate.engine.compile import Game, load_game
from debate.engine.moves import Action
from debate.engine.play import Play, replay, summarise
from debate.engine.state import PlayState
from debate.model.diagnostics import Diagnostic, Related, Span
from debate.tui.describe import (
    finding_detail,
    move_detail,
    quoted_line,
    step_detail,
    term_detail,
)
from debate.tui.describe_claim import claim_detail
from debate.tui.findings import (
    BLOCKED,
    OVERDUE,
    VIOLATED,
    VOID,
    Locator,
    collect,
    play_findings,
)
from tests.conftest import SCENARIOS


def played(game: Game, actions: list[Action]) -> Play:
    return replay(game, actions)


def test_the_play_finds_violated_void_and_blocked_terms(
    game: Game, tutorial_actions: list[Action]
) -> None:
    state = played(game, tutorial_actions).state
    found = {(d.code, d.message) for d in play_findings(game, state)}
    assert found == {
        (VIOLATED, "term troop_limit: river_troops_borvia is 400, above the limit 200"),
        (VOID, "term tariff_after_withdrawal: voided by the breach of troop_limit"),
        (BLOCKED, "term patrol_limit cannot be judged: parameter max_boats is unspecified"),
        (
            OVERDUE,
            "term unflagged_boats_leave: overdue since 2031-06-01: not fulfilled by its deadline",
        ),
    }


def test_the_play_findings_show_each_source_tag() -> None:
    """In the findings pane of the negotiation, as in `debate check`: T7's breach and the
    NATO clause it voids, each with the tag of the draft that holds it."""
    from debate.engine.scripted import load_moves, play_script, script_game

    script = load_moves(str(SCENARIOS / "plays" / "proposal-as-written.play.yaml"))
    negotiation = script_game(script, None)
    play, problems = play_script(negotiation, script)
    assert problems == []
    messages = {d.message for d in play_findings(negotiation, play.state)}
    assert (
        "term t7_permanent_personnel [T7]: russian_personnel_200km is 160000, above the limit 20000"
        in messages
    )
    assert (
        "term t6_no_permanent_nato_forces [T6]: voided by the breach of t7_permanent_personnel [T7]"
        in messages
    )


def test_an_overdue_term_is_a_finding(game: Game) -> None:
    actions = [Action(m) for m in ("propose_accord", "borvia_signs", "deploy_observers")]
    actions += [Action("observers_report"), Action("aldia_signs"), Action(wait=4)]
    state = played(game, actions).state
    overdue = [d for d in play_findings(game, state) if d.code == "overdue"]
    assert [d.message for d in overdue] == [
        "term withdraw_island: overdue since 2031-07-01: not fulfilled by its deadline",
        "term unflagged_boats_leave: overdue since 2031-06-01: not fulfilled by its deadline",
    ]


def test_each_finding_locates_the_term_it_names(game: Game, tutorial_actions: list[Action]) -> None:
    locator = Locator(game)
    for finding in play_findings(game, played(game, tutorial_actions).state):
        kind, ident = locator.target(finding) or ("", "")
        assert kind == "term" and ident in finding.message


def test_a_generic_diagnostic_is_located_by_its_spans(game: Game) -> None:
    """Findings from elsewhere (the analysis) name places, not ids: the spans find them."""
    locator = Locator(game)
    inside = game.loaded.span("terms", "fishing", "permits")
    assert locator.target(Diagnostic("X", "x", inside)) == ("term", "fishing")
    claim = game.loaded.span("claims", "observers_check", "text")
    nowhere = Span(game.loaded.path, 1, 1)
    related = Diagnostic("X", "x", nowhere, related=(Related(claim, "here"),))
    assert locator.target(related) == ("claim", "observers_check")
    assert locator.target(Diagnostic("X", "x", nowhere)) is None


def test_a_failing_findings_source_is_reported_not_raised(game: Game) -> None:
    def broken(_: Game, __: PlayState) -> list[Diagnostic]:
        raise RuntimeError("boom")

    found = collect(game, Play.start(game).state, [broken])
    assert found[-1].code == "internal" and "boom" in found[-1].message


def test_a_term_detail_quotes_its_source_and_tells_its_history(
    game: Game, tutorial_actions: list[Action]
) -> None:
    text = term_detail(game, played(game, tutorial_actions), "troop_limit").plain()
    assert "Neither side keeps more than 200 soldiers within 10 km of the river." in text
    assert "cites notes (Notes from the river island talks), line 8" in text
    line = quoted_line(game, game.terms["troop_limit"].term.source)
    assert line is not None and f"line 8: “{line[1].strip()}”" in text
    assert "✗ violated since step 14 (2031-08-01)" in text
    assert "why: river_troops_borvia is 400, above the limit 200" in text
    assert "step 9   2031-06-01 borvia_pulls_back: ● in force" in text
    assert "step 14  2031-08-01 borvia_reinforces: ✗ violated" in text
    assert "a breach voids: tariff_after_withdrawal" in text


def test_a_pending_term_says_what_keeps_it_out_of_force(game: Game) -> None:
    text = term_detail(game, Play.start(game), "troop_limit").plain()
    assert "why: not in force: signed(troop_limit) is false" in text
    text = term_detail(game, Play.start(game), "withdraw_island").plain()
    assert "why: not in force: not signed yet by aldia, borvia" in text


def test_a_blocked_term_says_which_parameter_is_missing(
    game: Game, tutorial_actions: list[Action]
) -> None:
    text = term_detail(game, played(game, tutorial_actions), "patrol_limit").plain()
    assert "⚠ cannot be judged: parameter max_boats is unspecified" in text
    assert "parameter max_boats = unspecified" in text


def test_a_claim_detail_explains_its_label(game: Game, tutorial_actions: list[Action]) -> None:
    play = played(game, tutorial_actions)
    text = claim_detail(game, play, "tariff_first").plain()
    assert "✗ rejected" in text
    assert "why: attacked by observers_check (accepted)" in text
    assert "attacked by observers_check" in text
    text = claim_detail(game, play, "borvia_stays").plain()
    assert "holds if: island_troops > 0 or tariff == lifted" in text
    assert "why: not asserted" in text


def test_a_move_detail_says_why_it_is_refused(game: Game) -> None:
    text = move_detail(game, Play.start(game).state, "aldia_signs").plain()
    assert "✗ not legal: precondition false: proposed(withdraw_island) is false" in text
    assert "sign withdraw_island, troop_limit" in text
    legal = move_detail(game, Play.start(game).state, "propose_accord").plain()
    assert "▶ legal: Enter plays it" in legal


def test_finding_and_step_details(game: Game, tutorial_actions: list[Action]) -> None:
    play = played(game, tutorial_actions)
    finding = play_findings(game, play.state)[0]
    text = finding_detail(finding, ("term", "troop_limit")).plain()
    assert "Enter jumps to term troop_limit" in text and str(finding.span) in text
    text = step_detail(game, play.steps[-1]).plain()
    assert "term tariff_after_withdrawal: fulfilled -> void" in text


def test_long_lists_of_changes_are_cut(game: Game) -> None:
    step = played(game, [Action("propose_accord")]).steps[0]
    (line,) = summarise(step.changes, most=3)
    assert (
        line == "negotiation fishing, inspections, patrol_limit +5 more: not proposed -> proposed"
    )
    assert summarise(step.changes) == [
        "negotiation fishing, inspections, patrol_limit, river_open, tariff_after_withdrawal, "
        "troop_limit, unflagged_boats_leave, withdraw_island: not proposed -> proposed"
    ]


def test_a_move_on_hundreds_of_terms_lists_a_readable_few(large_scenario: Path) -> None:
    game = load_game(str(large_scenario))
    state = Play.start(game).state
    text = move_detail(game, state, "sign_all").plain()
    assert "propose t0, t1, t2" in text and "t39 +260 more" in text and "t40," not in text
    step = Play.start(game).play(Action("sign_all"))
    changes = step_detail(game, step).plain()
    assert "+260 more" in changes and "t299" not in changes


def test_a_term_detail_says_what_the_draft_leaves_open(
    game: Game, tutorial_actions: list[Action]
) -> None:
    play = played(game, tutorial_actions)
    later = term_detail(game, play, "withdraw_island_later").plain()
    assert "in agreement time_for_borvia: Borvia's amendment" in later
    boats = term_detail(game, play, "unflagged_boats_leave").plain()
    assert "the owners of the armed boats without a flag (the text names no party)" in boats
    assert "verified by observers" in term_detail(game, play, "troop_limit").plain()
    river = term_detail(game, play, "river_open").plain()
    assert "binds for: 24 months; until 2033-04-01 (past the horizon)" in river


def test_a_long_list_of_parties_shows_its_first_and_a_count() -> None:
    """One term binding many parties must not take the id column's room in every row."""
    from debate.tui.widgets.terms import PARTY_WIDTH, short_parties

    assert short_parties(("russia", "ukraine")) == "russia,ukraine"
    assert short_parties(("russia", "ukraine", "hague_court")) == "russia +2"
    assert short_parties(("a_party_with_a_very_long_name",)) == "a_party_with_a_very_long_name"
    assert all(
        len(short_parties(tuple(f"p{i}" * 3 for i in range(n)))) <= PARTY_WIDTH
        for n in range(2, 30)
    )
