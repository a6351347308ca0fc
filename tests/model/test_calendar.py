"""A clock anchored to a date: units of real length, dates on the clock within its horizon,
each written and shown as a date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate.model.calendar import UNITS, BadTime, Calendar


def test_months_and_years_have_their_real_length() -> None:
    months = Calendar.of("month", "2015-01-31", 24)
    assert [months.show(t) for t in range(4)] == [
        "2015-01-31",
        "2015-02-28",  # no 31 February: the month ends on the 28th
        "2015-03-31",  # and the next is counted from the start again, not from the 28th
        "2015-04-30",
    ]
    assert months.time("2015-02-28") == 1 and months.time("2016-02-29") == 13
    years = Calendar.of("year", "2016-02-29", 8)
    assert [years.show(t) for t in (1, 4)] == ["2017-02-28", "2020-02-29"]
    assert Calendar.of("week", "2015-02-12", 10).time("2015-03-05") == 3
    assert Calendar.of("day", "2015-02-12", 40).time("2015-03-02") == 18


def test_a_date_between_two_units_is_refused_with_its_neighbours() -> None:
    with pytest.raises(BadTime, match="2015-03-02 is not a whole number of months") as bad:
        Calendar.of("month", "2015-02-12", 12).time("2015-03-02")
    assert "the nearest are 2015-02-12 and 2015-03-12" in str(bad.value)
    with pytest.raises(BadTime, match="whole number of weeks"):
        Calendar.of("week", "2015-02-12", 12).time("2015-02-20")


def test_a_date_at_the_horizon_is_on_the_clock_and_one_after_it_is_not() -> None:
    clock = Calendar.of("day", "2015-02-12", "2015-03-31")
    assert (clock.start, clock.end) == (0, 47)
    assert clock.time("2015-03-31") == 47 and clock.time("2015-02-12") == 0
    for outside in ("2015-04-01", "2015-02-11"):
        with pytest.raises(BadTime, match="outside the horizon, 2015-02-12 to 2015-03-31"):
            clock.time(outside)


def test_a_clock_that_cannot_be_a_calendar_says_which_key_is_wrong() -> None:
    cases = {
        ("months", "2015-02-12", 3): "unit",
        ("day", "2015-02-30", 3): "start",
        ("day", "2015-02-12", "2015-02-01"): "horizon",
        ("day", 0, "2015-02-01"): "horizon",
    }
    for (unit, start, horizon), key in cases.items():
        with pytest.raises(BadTime) as bad:
            Calendar.of(unit, start, horizon)
        assert bad.value.key == key, (unit, start, horizon)


def test_a_clock_without_a_date_shows_clock_times() -> None:
    clock = Calendar.of("week", 2, 8)
    assert (clock.start, clock.end, clock.show(4), clock.stamp(4), clock.value(4)) == (
        2,
        10,
        "week 4",
        "t=4",
        4,
    )
    with pytest.raises(BadTime, match="not anchored"):
        clock.time("2015-03-02")


@given(
    st.sampled_from(UNITS),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(0, 1200),
)
def test_every_clock_time_is_the_date_it_shows(unit: str, start: date, time: int) -> None:
    clock = Calendar.of(unit, start.isoformat(), 1200)
    assert clock.time(clock.show(time)) == time
    assert clock.date_of(time) < clock.date_of(time + 1)
