"""The send queue and the outgoing journal, read for sends whose answer was lost.

One instance may have many such sends at once (a burst through a failing proxy). Each
needs the queue and the journal as they are now, not as they were when another looked:
a read that started after it asked serves it, and one read serves every search waiting
meanwhile, so that a hundred lost answers cost a read of each a few seconds, within
the methods' rates, not a hundred.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Iterator

import anyio
import attrs

from ._attrs_methods import AttrsMethods
from ._converter import decode_messages_partially
from ._methods import LAST_OUTGOING_MESSAGES, SHOW_MESSAGES_QUEUE
from ._models import Message
from ._send_answers import decode_queue
from ._sent import QueuedMessage
from ._transport import Transport
from ._validation import minutes_covering

__all__ = ["Lookout", "Sighting"]


@attrs.frozen(eq=False, repr=False)
class Sighting(AttrsMethods):
    """The queue and the journal as one read found them.

    ``started`` is when the read began, on the event loop's clock; ``since`` the unix
    time from which the journal read covers the messages sent.
    """

    queue: tuple[QueuedMessage, ...]
    journal: tuple[Message, ...]
    started: float
    since: float


class Lookout:
    """Reads the queue and the journal of one instance for every search, one read at a time."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._last: Sighting | None = None
        self._reading: anyio.Event | None = None
        # The unix time each search in progress needs the journal to reach back to.
        self._searches: dict[int, float] = {}
        self._tokens = itertools.count()

    @contextlib.contextmanager
    def searching(self, since: float) -> Iterator[None]:
        """Say that a search needs the journal from ``since`` on, while it lasts."""
        token = next(self._tokens)
        self._searches[token] = since
        try:
            yield
        finally:
            del self._searches[token]

    async def read_after(self, asked: float, since: float) -> Sighting:
        """A sighting whose read started at ``asked`` or later, covering ``since`` on.

        A read already under way started too early to serve: its caller waits for it,
        then for the next one, which it may start itself.
        """
        while True:
            last = self._last
            if last is not None and last.started >= asked and last.since <= since:
                return last
            if self._reading is not None:
                await self._reading.wait()
                continue
            self._reading = reading = anyio.Event()
            try:
                self._last = await self._read(min(since, *self._searches.values()))
            finally:
                self._reading = None
                reading.set()

    async def _read(self, since: float) -> Sighting:
        started = anyio.current_time()
        queue = await self._transport.request(SHOW_MESSAGES_QUEUE)
        now = time.time()
        # A minute more than the span: the journal's window starts on the service's
        # clock, which the allowance in `since` already takes into account.
        minutes = minutes_covering(now - since + 60)
        journal = await self._transport.request(LAST_OUTGOING_MESSAGES, params={"minutes": minutes})
        return Sighting(
            # An entry that does not decode cannot be matched: it costs only itself.
            queue=tuple(decode_queue(queue, method=SHOW_MESSAGES_QUEUE.name, skip_malformed=True)),
            journal=tuple(
                decode_messages_partially(journal, method=LAST_OUTGOING_MESSAGES.name).messages
            ),
            started=started,
            since=now - minutes * 60,
        )
