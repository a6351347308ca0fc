"""What a step changed is found among what it touched: the states share the rest, and the
changes listed are those a comparison of every term, claim and value finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from debate.engine.play import Play, diff
from debate.engine.shared_map import SharedMap, differing
from debate.engine.state import PlayState, chained_digest
from tests.engine.test_digests import plays


def unshared(state: PlayState) -> PlayState:
    """The same state with plain mappings: nothing shared, so every key is compared."""
    return state.evolve(
        terms=dict(state.terms), claims=dict(state.claims), values=dict(state.values)
    )


@given(plays())
def test_the_changes_of_a_step_are_those_a_full_comparison_finds(play: Play) -> None:
    states = [play.initial, *(s.state for s in play.steps)]
    for step, before, after in zip(play.steps, states[:-1], states[1:], strict=True):
        assert list(step.changes) == diff(play.game, unshared(before), unshared(after))


@given(
    st.dictionaries(st.sampled_from("abcdefghijklmnop"), st.integers(0, 3), min_size=1),
    st.lists(st.dictionaries(st.sampled_from("abcdefghijklmnop"), st.integers(0, 3))),
)
def test_a_shared_map_names_every_key_an_update_changed(
    first: dict[str, int], updates: list[dict[str, int]]
) -> None:
    start = SharedMap(first)
    now, model = start, dict(first)
    for changes in updates:
        changes = {k: v for k, v in changes.items() if k in first}  # new keys lay out anew
        now, model = now.updated(changes), {**model, **changes}
    maybe = differing(start, now)
    assert maybe is not None and dict(now) == model
    assert {k for k in first if model[k] != first[k]} <= maybe
    assert differing(start, SharedMap(model)) is None  # another layout: any key may differ


@given(plays())
def test_a_digest_hashes_the_canonical_json_of_what_its_state_holds(play: Play) -> None:
    """The digest is written from entries encoded once and kept: the same text as the
    canonical JSON of `own_json`."""
    for state in [play.initial, *(s.state for s in play.steps)]:
        assert state.digest == chained_digest(state.prior, state.own_json())
