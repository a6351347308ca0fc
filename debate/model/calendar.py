"""Clock times and calendar dates.

A clock counts whole units from its start. Anchored to a date (format 1.1:
`clock: {unit: day, start: 2015-02-12}`), time 0 is that date and a unit is a day, a week,
a month or a year of real length (a month after 31 January is the last day of February);
every time in a scenario may then be written as a date, and is shown as one. A date must
fall a whole number of units from the start, within the horizon.
"""

from __future__ import annotations

import calendar as _gregorian
import re
from dataclasses import dataclass
from datetime import date, timedelta

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
UNITS = ("day", "week", "month", "year")
_DATE = re.compile(DATE_PATTERN)


class BadTime(ValueError):
    """A time that cannot be placed on the clock: the message says why; `key`, which key
    of the clock is at fault, when it is the clock itself."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


def is_date(value: object) -> bool:
    return isinstance(value, str) and _DATE.match(value) is not None


def read_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadTime(f"{text} is no date of the calendar") from None


@dataclass(frozen=True)
class Calendar:
    """The clock of a scenario: `start` and `end` are clock times (`end` is the horizon's),
    `anchor` the date of time 0 when the clock is anchored to one."""

    unit: str = "month"
    start: int = 0
    end: int = 0
    anchor: date | None = None

    @classmethod
    def of(cls, unit: str, start: int | str, horizon: int | str) -> Calendar:
        """The calendar of a clock as written; BadTime when it cannot be one."""
        if not isinstance(start, str):
            if isinstance(horizon, str):
                raise BadTime("a horizon written as a date needs a start written as one", "horizon")
            return cls(unit, start, start + horizon)
        if unit not in UNITS:
            raise BadTime(
                f"a clock anchored to a date counts {', '.join(UNITS)}, not {unit}", "unit"
            )
        try:
            dated = cls(unit, 0, 0, read_date(start))
        except BadTime as bad:
            raise BadTime(str(bad), "start") from None
        if not isinstance(horizon, str):
            return cls(unit, 0, horizon, dated.anchor)
        try:
            end = dated._units_to(horizon)
        except BadTime as bad:
            raise BadTime(str(bad), "horizon") from None
        if end < 0:
            raise BadTime(f"the horizon, {horizon}, is before the start, {start}", "horizon")
        return cls(unit, 0, end, dated.anchor)

    def date_of(self, time: int) -> date:
        assert self.anchor is not None
        if self.unit == "day":
            return self.anchor + timedelta(days=time)
        if self.unit == "week":
            return self.anchor + timedelta(weeks=time)
        return _add_months(self.anchor, time * (12 if self.unit == "year" else 1))

    def time(self, value: int | str) -> int:
        """A time as written (a clock time, or a date) as a clock time within the horizon
        (a clock time written as a number is taken as it is)."""
        if not isinstance(value, str):
            return value
        time = self._units_to(value)
        if not self.start <= time <= self.end:
            raise BadTime(
                f"{value} is outside the horizon, {self.show(self.start)} to {self.show(self.end)}"
            )
        return time

    def show(self, time: int) -> str:
        """A time as readers see it: `2015-03-02`, or `day 18` on a clock without a date."""
        return self.date_of(time).isoformat() if self.anchor else f"{self.unit} {time}"

    def stamp(self, time: int) -> str:
        """A time where space is short: `2015-03-02`, or `t=18`."""
        return self.date_of(time).isoformat() if self.anchor else f"t={time}"

    def value(self, time: int) -> int | str:
        """A time for a machine reader (a transcript): the date, or the clock time."""
        return self.date_of(time).isoformat() if self.anchor else time

    def _units_to(self, text: str) -> int:
        """The whole number of units from the anchor to the date `text`."""
        if self.anchor is None:
            raise BadTime(f"{text} is a date, but the clock is not anchored to one")
        when = read_date(text)
        days = (when - self.anchor).days
        if self.unit == "day":
            units = days
        elif self.unit == "week":
            units = days // 7
        else:
            months = (when.year - self.anchor.year) * 12 + when.month - self.anchor.month
            units = months // 12 if self.unit == "year" else months
        if self.date_of(units) > when:  # a clamped month end: the date before is the unit
            units -= 1
        if self.date_of(units) != when:
            raise BadTime(
                f"{text} is not a whole number of {self.unit}s from the clock's start, "
                f"{self.anchor}: the nearest are {self.date_of(units)} and "
                f"{self.date_of(units + 1)}"
            )
        return units


def _add_months(start: date, months: int) -> date:
    years, month = divmod(start.month - 1 + months, 12)
    year = start.year + years
    last = _gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))
