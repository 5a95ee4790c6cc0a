"""The send methods: each message sent exactly once, even when an answer is lost."""

from __future__ import annotations

from collections.abc import Collection

from ._delivery import DeliveryTracker
from ._journals import journal_fetch
from ._methods import LAST_OUTGOING_MESSAGES
from ._models import Message, MessageStatus
from ._sent import SentMessage
from ._transport import Transport

__all__ = ["Sending"]


class Sending:
    """Send methods of one instance; reached as ``GreenAPI.sending``."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._tracker = DeliveryTracker(journal_fetch(transport, LAST_OUTGOING_MESSAGES))

    def __repr__(self) -> str:
        return f"<Sending of {self._transport.redacted_url('')}>"

    async def wait_for_status(
        self,
        sent: SentMessage,
        statuses: MessageStatus | str | Collection[MessageStatus | str],
        *,
        timeout: float = 300.0,
    ) -> Message:
        """Wait until a message sent reaches one of ``statuses``, or a later one.

        Args:
            sent: what a send method returned.
            statuses: one status or a collection (``MessageStatus`` or str, any case).
            timeout: seconds to wait at most.

        Returns:
            The outgoing journal's entry of the message, showing the status reached.

        Raises:
            DeliveryFailedError: the message reached noAccount, notInGroup, yellowCard or
                failed.
            DeliveryTimeoutError: ``timeout`` passed first.
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            GreenAPIError: reading the journal failed for good.

        """
        return await self._tracker.wait(sent, statuses, timeout=timeout)
