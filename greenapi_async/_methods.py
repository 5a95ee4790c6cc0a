"""Green API's methods as data: how each is called, and how often it may be.

One entry per method: its HTTP verb, its documented rate per instance, and the defaults
the service applies to what a request leaves out. The transport paces by it, the fake
serves by it, and the documentation's table of methods is checked against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

import attrs

__all__ = [
    "GET_CHAT_HISTORY",
    "GET_MESSAGE",
    "LAST_INCOMING_MESSAGES",
    "LAST_OUTGOING_MESSAGES",
    "METHODS",
    "MethodSpec",
]


@attrs.frozen
class MethodSpec:
    """How one Green API method is called.

    Attributes:
        name: the method's name in the URL, e.g. ``lastOutgoingMessages``.
        verb: ``GET``, or ``POST`` for a method that takes a JSON body. Every method
            here only reads, so both are retried alike.
        rate: the documented requests per second per instance; above it the service
            answers 429.
        defaults: what the service uses for a parameter the request leaves out.

    """

    name: str
    verb: Literal["GET", "POST"]
    rate: float
    defaults: Mapping[str, int] = attrs.field(factory=dict, hash=False)

    @property
    def min_interval(self) -> float:
        """Seconds between the starts of two requests that keep within ``rate``."""
        return 1 / self.rate


LAST_OUTGOING_MESSAGES: Final = MethodSpec(
    "lastOutgoingMessages", "GET", rate=1.0, defaults={"minutes": 1440}
)

LAST_INCOMING_MESSAGES: Final = MethodSpec(
    "lastIncomingMessages", "GET", rate=1.0, defaults={"minutes": 1440}
)

GET_CHAT_HISTORY: Final = MethodSpec("getChatHistory", "POST", rate=1.0, defaults={"count": 100})

GET_MESSAGE: Final = MethodSpec("getMessage", "POST", rate=10.0)

METHODS: Final[Mapping[str, MethodSpec]] = {
    spec.name: spec
    for spec in (LAST_OUTGOING_MESSAGES, LAST_INCOMING_MESSAGES, GET_CHAT_HISTORY, GET_MESSAGE)
}
"""Every method this version calls, by name."""
