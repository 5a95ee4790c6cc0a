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

    @property
    def poll_interval(self) -> float:
        """Seconds between reads of the outgoing journal while ``wait_for_status`` waits.

        5 by default, at least 1 (the journal allows one request a second). However many
        calls wait on this instance, the journal is read at most once per interval.
        """
        return self._tracker.interval

    @poll_interval.setter
    def poll_interval(self, seconds: float) -> None:
        self._tracker.interval = seconds

    async def wait_for_status(
        self,
        sent: SentMessage,
        statuses: MessageStatus | str | Collection[MessageStatus | str],
        *,
        timeout: float = 300.0,
    ) -> Message:
        """Wait until a message sent reaches one of ``statuses``, or a later one.

        A message goes pending -> sent -> delivered -> read and may skip steps: waiting
        for ``"delivered"`` returns as well when it is read. However many calls wait on
        this instance, one of them reads the outgoing journal for all, every
        ``poll_interval`` seconds, and only while some call waits. A message whose entry
        was already seen returns at once, without a request.

        Args:
            sent: what a send method returned.
            statuses: one status or a collection (``MessageStatus`` or str, any case) of
                pending, sent, delivered and read; the earliest counts. A failure status
                (``noAccount``...) is refused: reaching one raises ``DeliveryFailedError``.
            timeout: seconds to wait at most (a finite number >= 0); 0 looks only at
                the entries already seen.

        Returns:
            The outgoing journal's entry of the message, showing the status reached.

        Raises:
            DeliveryFailedError: the message reached noAccount, notInGroup, yellowCard or
                failed.
            DeliveryTimeoutError: ``timeout`` passed first; ``last_status`` is the status
                the journal last showed, or None.
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            GreenAPIError: reading the journal failed for good (authentication,
                permission, quota...): every call waiting on this instance raises it.
                Transient errors are waited out with the watchers' back-off.

        """
        return await self._tracker.wait(sent, statuses, timeout=timeout)
