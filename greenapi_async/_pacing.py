"""Client-side pacing to the service's per-instance, per-method rate limits.

Green API answers 429 above about one ``lastOutgoingMessages`` request per second per
instance. Waiting our turn is cheaper than being refused and backing off.
"""

from __future__ import annotations

import math
import time
import weakref
from typing import Final

import anyio
from anyio.lowlevel import RunVar, checkpoint_if_cancelled

__all__ = ["Pacer"]

# A lock belongs to the event loop that waits on it. Keeping each pacer's lock in a
# per-run variable lets a client outlive one asyncio.run() or trio.run() and serve the next.
_LOCKS: Final[RunVar[weakref.WeakKeyDictionary[Pacer, anyio.Lock]]] = RunVar("greenapi_locks")


class Pacer:
    """Spaces the starts of requests at least ``interval`` seconds apart.

    A caller whose turn is due, with nobody waiting, takes it at once. The others share
    one FIFO lock, so concurrent callers queue in arrival order and no burst ever leaves
    together. A caller cancelled before its turn gives it up without consuming a slot.
    """

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._next_start = -math.inf
        # Callers in the lock's queue or holding it: while there are any, the turn is
        # theirs, even once it is due.
        self._queued = 0

    def _lock(self) -> anyio.Lock:
        try:
            locks = _LOCKS.get()
        except LookupError:
            locks = weakref.WeakKeyDictionary()
            _LOCKS.set(locks)
        lock = locks.get(self)
        if lock is None:
            lock = locks[self] = anyio.Lock()
        return lock

    def take_turn_now(self) -> bool:
        """Take the turn if it is due and nobody is waiting for it; never waits.

        Most turns are due when asked for: taken here, without the lock and its trip
        through the event loop. A caller checks for its cancellation first (as
        ``wait_turn`` does), so that a cancelled caller takes no turn.
        """
        # The process's monotonic clock, not the event loop's: each trio.run() starts
        # its clock at a random point, which would make a stored deadline meaningless.
        now = time.monotonic()
        if self._queued or now < self._next_start:
            return False
        self._next_start = now + self._interval
        return True

    async def wait_turn(self) -> None:
        """Return when a request may start; cancellable at any point."""
        await checkpoint_if_cancelled()
        # Nothing awaited from the check to the taking: no other task can come between.
        if self.take_turn_now():
            return
        self._queued += 1
        try:
            async with self._lock():
                delay = self._next_start - time.monotonic()
                if delay > 0:
                    await anyio.sleep(delay)
                self._next_start = time.monotonic() + self._interval
        finally:
            self._queued -= 1
