"""Waiting until a message sent reaches a status: one poller of the journal per instance."""

from __future__ import annotations

from collections.abc import Collection

from ._models import Message, MessageStatus
from ._sent import SentMessage
from ._watch import Fetch

__all__ = ["DeliveryTracker"]


class DeliveryTracker:
    """Every ``wait_for_status`` of one instance, served by one poller of its outgoing journal."""

    def __init__(self, fetch: Fetch, *, interval: float = 5.0) -> None:
        self._fetch = fetch
        self._interval = interval

    async def wait(
        self,
        sent: SentMessage,
        statuses: MessageStatus | str | Collection[MessageStatus | str],
        *,
        timeout: float,
    ) -> Message:
        """The journal entry of ``sent`` once its status reaches one of ``statuses`` or later."""
        raise NotImplementedError
