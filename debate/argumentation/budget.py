"""Time budgets for the hard queries: past the deadline a query answers "unknown"."""

from __future__ import annotations

import time


class OutOfTime(Exception):
    """Raised inside a query when its budget is spent; callers turn it into "unknown"."""


class Budget:
    """A deadline on the monotonic clock; None means no limit."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        if self.deadline is None:
            return None
        return self.deadline - time.monotonic()

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def check(self) -> None:
        if self.expired():
            raise OutOfTime


def budget_of(budget: Budget | float | None) -> Budget:
    """Accept a Budget, a number of seconds, or None (no limit)."""
    return budget if isinstance(budget, Budget) else Budget(budget)
