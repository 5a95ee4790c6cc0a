"""The fake service's clock: journal windows and message timestamps are read from it."""

from __future__ import annotations

import time

__all__ = ["FakeClock"]


class FakeClock:
    """Unix time for the fake, in seconds; it moves only when told to, unless ``running``.

    A frozen clock makes tests exact: ``advance(90)`` ages every message by 90 seconds.
    A running clock (the sandbox's) follows real time, plus whatever was advanced.
    """

    def __init__(self, start: float | None = None, *, running: bool = False) -> None:
        self._start = time.time() if start is None else start
        self._advanced = 0.0
        # Real time elapses only for a running clock; a frozen one stays exact.
        self._running_since: float | None = time.monotonic() if running else None

    def now(self) -> float:
        """The fake's current unix time."""
        elapsed = 0.0 if self._running_since is None else time.monotonic() - self._running_since
        return self._start + self._advanced + elapsed

    def advance(self, seconds: float) -> None:
        """Move the clock forward (never back: journals only grow older)."""
        if seconds < 0:
            raise ValueError("a FakeClock only moves forward")
        self._advanced += seconds

    def __repr__(self) -> str:
        state = "frozen" if self._running_since is None else "running"
        return f"FakeClock(now={self.now():.0f}, {state})"
