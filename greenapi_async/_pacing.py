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
from anyio.lowlevel import RunVar

__all__ = ["Pacer"]

# A lock belongs to the event loop that waits on it. Keeping each pacer's lock in a
# per-run variable lets a client outlive one asyncio.run() or trio.run() and serve the next.
_LOCKS: Final[RunVar[weakref.WeakKeyDictionary[Pacer, anyio.Lock]]] = RunVar("greenapi_locks")


class Pacer:
    """Spaces the starts of requests at least ``interval`` seconds apart.

    All tasks share one FIFO lock, so concurrent callers queue in arrival order and no
    burst ever leaves together. A caller cancelled while waiting gives up its turn
    without consuming a slot.
    """

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._next_start = -math.inf

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

    async def wait_turn(self) -> None:
        """Return when a request may start; cancellable at any point."""
        async with self._lock():
            # The process's monotonic clock, not the event loop's: each trio.run() starts
            # its clock at a random point, which would make a stored deadline meaningless.
            delay = self._next_start - time.monotonic()
            if delay > 0:
                await anyio.sleep(delay)
            self._next_start = time.monotonic() + self._interval
