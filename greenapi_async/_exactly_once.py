"""Sending a message exactly once, although the service has no idempotency key.

A send whose answer came back is done. One that certainly never reached the service, or
that it refused for now (429), the transport repeats (``_retry.send_retries_after``).
Any other failure after the request may have reached the service leaves the outcome
unknown (``_retry.service_may_have_acted``): the message is then looked for in the send
queue and the outgoing journal, for ``confirm_within`` seconds, and only if it is in
neither is it sent again. Identical sends in flight at once each end with their own id:
an id is claimed by one send only, and a search claims nothing while an identical send
still waits for its answer, which may be the owner of what it would find.
"""

from __future__ import annotations

import collections
import contextlib
import time
from collections.abc import Hashable, Iterator
from typing import Final

import anyio

from ._errors import GreenAPIError, SendNotConfirmedError
from ._lookout import Lookout, Sighting
from ._matching import Content, content_of_request, is_in_journal, is_queued
from ._redaction import logger
from ._retry import service_may_have_acted, watch_goes_on_after
from ._send_answers import sent_id
from ._send_requests import SendRequest
from ._sent import ConfirmedBy, SentMessage
from ._transport import Transport

__all__ = ["CLOCK_SKEW", "ExactlyOnce"]


CLOCK_SKEW: Final = 60.0
"""How far the service's clock, which stamps journal entries, may be behind ours."""
LOOK_EVERY: Final = 5.0
"""Seconds between two looks of one search."""
# An id this client returned is never claimed again for as long as this: a message's
# entry moves to a recent timestamp whenever its status changes, days later included.
_REMEMBER_IDS_FOR: Final = 2 * 86_400.0


class ExactlyOnce:
    """The sends of one instance: each ends with an id of its own, or with an error."""

    def __init__(self, transport: Transport, *, max_sends: int) -> None:
        self._transport = transport
        self._max_sends = max_sends
        self._lookout = Lookout(transport)
        # id_message -> when it was claimed (monotonic), oldest first.
        self._claimed: collections.OrderedDict[str, float] = collections.OrderedDict()
        self._in_flight = _InFlight()

    async def send(self, request: SendRequest, *, confirm_within: float) -> SentMessage:
        """Send ``request``'s message once; see the module's description."""
        content = content_of_request(request)
        identity = (request.spec.name, request.chat_id, content)
        attempted_at: list[float] = []
        while True:
            attempted_at.append(time.time())
            outcome = await self._send_once(request, identity)
            if isinstance(outcome, str):
                return self._confirmed(request, outcome, "answer", attempted_at)
            if confirm_within > 0:
                logger.warning(
                    "%s: the answer was lost (%s); looking for the message before any second send",
                    request.spec.name,
                    outcome,
                )
                try:
                    found = await self._look_for(
                        request, content, identity, attempted_at, confirm_within
                    )
                except GreenAPIError as failure:
                    raise _not_confirmed(
                        request, attempted_at, outcome, confirm_within, looking=failure
                    ) from failure
                if found is not None:
                    id_message, where = found
                    return self._confirmed(request, id_message, where, attempted_at)
            if confirm_within == 0 or len(attempted_at) >= self._max_sends:
                raise _not_confirmed(request, attempted_at, outcome, confirm_within)
            logger.warning(
                "%s: the message is neither queued nor in the journal after %gs; sending it again",
                request.spec.name,
                confirm_within,
            )

    async def _send_once(self, request: SendRequest, identity: Hashable) -> str | GreenAPIError:
        """The id the service answered, or the error of an unknown outcome."""
        with self._in_flight.sending(identity):
            try:
                answer = await self._transport.request(request.spec, json=request.body)
                return sent_id(answer, method=request.spec.name)
            except GreenAPIError as error:
                if service_may_have_acted(error):
                    return error
                raise  # certainly not taken: not found, not resent

    async def _look_for(
        self,
        request: SendRequest,
        content: Content,
        identity: Hashable,
        attempted_at: list[float],
        seconds: float,
    ) -> tuple[str, ConfirmedBy] | None:
        # From the first send on: a message of an earlier send that shows up late is as
        # much this call's as one of the last send.
        since = attempted_at[0] - CLOCK_SKEW
        deadline = anyio.current_time() + seconds
        with self._lookout.searching(since):
            while True:
                if self._in_flight.busy(identity):
                    # What a look would find may be that send's: look once it is answered.
                    with anyio.move_on_after(deadline - anyio.current_time()):
                        await self._in_flight.settled(identity)
                    if anyio.current_time() >= deadline:
                        return None
                    continue
                sighting = await self._sighting(request, anyio.current_time(), since)
                found = (
                    None if sighting is None else self._claim_in(sighting, request, content, since)
                )
                if found is not None:
                    return found
                remaining = deadline - anyio.current_time()
                if remaining <= 0:
                    return None
                await anyio.sleep(min(LOOK_EVERY, remaining))

    async def _sighting(self, request: SendRequest, asked: float, since: float) -> Sighting | None:
        """The queue and the journal now; None after an error that waiting may fix."""
        try:
            return await self._lookout.read_after(asked, since)
        except GreenAPIError as error:
            if not watch_goes_on_after(error):
                raise
            logger.warning("%s: looking for the message failed (%s)", request.spec.name, error)
            return None

    def _claim_in(
        self, sighting: Sighting, request: SendRequest, content: Content, since: float
    ) -> tuple[str, ConfirmedBy] | None:
        # No await from here to the claim: two searches cannot take one id.
        for queued in sighting.queue:
            if queued.id_message not in self._claimed and is_queued(queued, request):
                self._claim(queued.id_message)
                return queued.id_message, "queue"
        for message in sighting.journal:
            id_message = message.id_message
            if (
                id_message
                and id_message not in self._claimed
                and is_in_journal(message, request, content, since)
            ):
                self._claim(id_message)
                return id_message, "journal"
        return None

    def _claim(self, id_message: str) -> None:
        now = time.monotonic()
        self._claimed[id_message] = now
        self._claimed.move_to_end(id_message)
        horizon = now - _REMEMBER_IDS_FOR
        while self._claimed:
            oldest, claimed_at = next(iter(self._claimed.items()))
            if claimed_at >= horizon:
                break
            del self._claimed[oldest]

    def _confirmed(
        self, request: SendRequest, id_message: str, where: ConfirmedBy, attempted_at: list[float]
    ) -> SentMessage:
        self._claim(id_message)
        return SentMessage(
            id_message=id_message,
            chat_id=request.chat_id,
            method=request.spec.name,
            attempted_at=attempted_at[0],
            confirmed_by=where,
            attempts=len(attempted_at),
        )


class _InFlight:
    """How many sends of each content wait for their answer, and waiting until none does."""

    def __init__(self) -> None:
        self._counts: collections.Counter[Hashable] = collections.Counter()
        # Made by a search that waits, set and dropped when the last answer comes: an
        # event belongs to the event loop that made it, and none outlives the sends.
        self._settled: dict[Hashable, anyio.Event] = {}

    @contextlib.contextmanager
    def sending(self, identity: Hashable) -> Iterator[None]:
        self._counts[identity] += 1
        try:
            yield
        finally:
            self._counts[identity] -= 1
            if not self._counts[identity]:
                del self._counts[identity]
                settled = self._settled.pop(identity, None)
                if settled is not None:
                    settled.set()

    def busy(self, identity: Hashable) -> bool:
        return identity in self._counts

    async def settled(self, identity: Hashable) -> None:
        """Return once no send of ``identity`` waits for its answer."""
        if not self.busy(identity):
            return
        event = self._settled.get(identity)
        if event is None:
            event = self._settled[identity] = anyio.Event()
        await event.wait()


def _not_confirmed(
    request: SendRequest,
    attempted_at: list[float],
    error: GreenAPIError,
    confirm_within: float,
    *,
    looking: GreenAPIError | None = None,
) -> SendNotConfirmedError:
    sends = len(attempted_at)
    if looking is not None:
        why = f"the answer was lost ({error}), and looking for the message failed: {looking}"
    elif confirm_within == 0:
        why = f"the answer was lost ({error}) and confirm_within=0 asks not to look for it"
    else:
        why = (
            f"the answer was lost ({error}), and the message was neither in the send queue "
            f"nor in the journal {confirm_within:g}s after each of {sends} "
            f"send{'s' if sends > 1 else ''}"
        )
    return SendNotConfirmedError(
        f"{request.spec.name} to {request.chat_id}: not confirmed, and it may still be "
        f"delivered: {why}",
        method=request.spec.name,
        chat_id=request.chat_id,
        attempted_at=tuple(attempted_at),
        last_error=error,
    )
