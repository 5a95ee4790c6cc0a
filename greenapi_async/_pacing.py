"""Client-side pacing to the service's per-instance, per-method rate limits.

Green API answers 429 above about one ``lastOutgoingMessages`` request per second per
instance. Waiting our turn is cheaper than being refused and backing off.
"""

from __future__ import annotations

import math

import anyio

__all__ = ["Pacer"]


class Pacer:
    """Spaces the starts of requests at least ``interval`` seconds apart.

    All tasks share one FIFO lock, so concurrent callers queue in arrival order and no
    burst ever leaves together. A caller cancelled while waiting gives up its turn
    without consuming a slot.
    """

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._next_start = -math.inf
        self._lock: anyio.Lock | None = None

    async def wait_turn(self) -> None:
        """Return when a request may start; cancellable at any point."""
        # Created on first use, inside the event loop that will use it.
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            delay = self._next_start - anyio.current_time()
            if delay > 0:
                await anyio.sleep(delay)
            self._next_start = anyio.current_time() + self._interval
