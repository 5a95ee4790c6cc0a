"""Green API's methods as data: how each is called, what it answers, how often it may be.

One row per method: its HTTP verb, its documented rate per instance, the defaults the
service applies to what a request leaves out, the shape of its answer and what its 400
means. The generic code reads only the row: the transport paces, sends and maps errors
by it, the fake routes and serves by it, the command line and the tests select methods
by its properties, and the documentation's table of methods is checked against it.

Adding a method is a row here and its method on a resource; for a journal or a send,
the fake answers it by the row, any other needs its answer in the fake (and a journal
of its own, its store and seed). Then its command (a journal of one direction gets its
listing from the row), or a reason why the command line does not call it; its pages in
the documentation (the table of methods and the API page are checked, the prose is not);
and the test tables that follow the row (checked against ``METHODS``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final, Literal

import attrs

from ._attrs_methods import AttrsMethods

__all__ = [
    "GET_CHAT_HISTORY",
    "GET_MESSAGE",
    "LAST_INCOMING_MESSAGES",
    "LAST_OUTGOING_MESSAGES",
    "METHODS",
    "SEND_CONTACT",
    "SEND_FILE_BY_URL",
    "SEND_LOCATION",
    "SEND_MESSAGE",
    "SEND_POLL",
    "SHOW_MESSAGES_QUEUE",
    "Answer",
    "Direction",
    "MethodSpec",
]


Direction = Literal["outgoing", "incoming"]
"""The ``type`` of a journal entry: sent by the account, or received."""


class Answer(enum.Enum):
    """The shape of a method's successful answer."""

    MESSAGES = "a JSON array of journal entries"
    MESSAGE = "one journal entry"
    SENT = 'an object with the id of the message taken: {"idMessage": "..."}'
    QUEUE = "a JSON array of the messages waiting in the send queue"


@attrs.frozen(eq=False, repr=False)
class MethodSpec(AttrsMethods):
    """How one Green API method is called.

    Attributes:
        name: the method's name in the URL, e.g. ``lastOutgoingMessages``.
        verb: ``GET`` with a query, or ``POST`` with a JSON body.
        rate: the documented requests per second per instance; above it the service
            answers 429.
        answer: the shape of a successful answer.
        defaults: what the service uses for a parameter the request leaves out.
        missing_message_on_400: its 400 may say that the message asked for does not
            exist ("ID message notfound"), which is then a ``MessageNotFoundError``.
        direction: for a journal of one direction, ``"outgoing"`` or ``"incoming"``:
            the ``type`` of its entries; None for a method that answers both.
        sends: it puts a message in the send queue. Such a request is repeated only
            where the service certainly did not take it; every other method only reads,
            and is retried whenever a second try may help.

    """

    name: str
    verb: Literal["GET", "POST"]
    rate: float
    answer: Answer
    defaults: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    missing_message_on_400: bool = False
    direction: Direction | None = None
    sends: bool = False

    @property
    def windowed(self) -> bool:
        """Whether it answers the entries of the last ``minutes`` minutes."""
        return "minutes" in self.defaults

    @property
    def min_interval(self) -> float:
        """Seconds between the starts of two requests that keep within ``rate``."""
        return 1 / self.rate


def _journal(name: str, direction: Direction) -> MethodSpec:
    """A journal of one direction: the entries of the last ``minutes`` (a day by default)."""
    return MethodSpec(
        name,
        "GET",
        rate=1.0,
        answer=Answer.MESSAGES,
        defaults={"minutes": 1440},
        direction=direction,
    )


LAST_OUTGOING_MESSAGES: Final = _journal("lastOutgoingMessages", "outgoing")
LAST_INCOMING_MESSAGES: Final = _journal("lastIncomingMessages", "incoming")

GET_CHAT_HISTORY: Final = MethodSpec(
    "getChatHistory", "POST", rate=1.0, answer=Answer.MESSAGES, defaults={"count": 100}
)

GET_MESSAGE: Final = MethodSpec(
    "getMessage", "POST", rate=10.0, answer=Answer.MESSAGE, missing_message_on_400=True
)


def _send(name: str) -> MethodSpec:
    return MethodSpec(name, "POST", rate=50.0, answer=Answer.SENT, sends=True)


SEND_MESSAGE: Final = _send("sendMessage")
SEND_FILE_BY_URL: Final = _send("sendFileByUrl")
SEND_LOCATION: Final = _send("sendLocation")
SEND_CONTACT: Final = _send("sendContact")
SEND_POLL: Final = _send("sendPoll")

SHOW_MESSAGES_QUEUE: Final = MethodSpec("showMessagesQueue", "GET", rate=1.0, answer=Answer.QUEUE)

METHODS: Final[Mapping[str, MethodSpec]] = {
    spec.name: spec
    for spec in (
        LAST_OUTGOING_MESSAGES,
        LAST_INCOMING_MESSAGES,
        GET_CHAT_HISTORY,
        GET_MESSAGE,
        SEND_MESSAGE,
        SEND_FILE_BY_URL,
        SEND_LOCATION,
        SEND_CONTACT,
        SEND_POLL,
        SHOW_MESSAGES_QUEUE,
    )
}
"""Every method this version calls, by name."""
