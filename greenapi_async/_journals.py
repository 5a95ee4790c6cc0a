"""The journal methods: what the account sent (and, later, received)."""

from __future__ import annotations

from typing import Final

from ._converter import decode_outgoing_messages
from ._models import OutgoingMessage
from ._transport import Transport
from ._validation import validate_minutes

__all__ = ["Journals"]

# The service allows about one lastOutgoingMessages request per second per instance.
_LAST_OUTGOING_INTERVAL: Final = 1.0


class Journals:
    """Journal methods of one instance; reached as ``GreenAPI.journals``."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<Journals of {self._transport.redacted_url('')}>"

    async def last_outgoing_messages(self, minutes: int | None = None) -> list[OutgoingMessage]:
        """Messages the account sent in the last ``minutes`` minutes, newest first.

        Args:
            minutes: the window, an int >= 1. ``None`` sends no parameter, and the service
                uses its default of 1440 (24 hours).

        Returns:
            One object per journal entry, in the service's order. Entries of kinds this
            version does not model are ``UnknownMessage``; an unknown status stays a ``str``.

        Raises:
            InvalidArgumentError: ``minutes`` is not an int >= 1 (checked before any I/O).
            GreenAPIError: the request failed; see the error tree in the README.

        """
        checked = validate_minutes(minutes)
        params = {} if checked is None else {"minutes": checked}
        body = await self._transport.get(
            "lastOutgoingMessages", params=params, min_interval=_LAST_OUTGOING_INTERVAL
        )
        return decode_outgoing_messages(body)
