"""An instance's send queue: what the send methods took, sent at the instance's pace.

The service puts every message it takes in a queue, sends from it one message per
"sending interval", holds it there while the phone is not authorized, and journals each
one sent, some time later, with its status moving on afterwards. ``Outbox`` plays that on
the fake's clock. Nothing runs in the background: ``catch_up`` works out what has
happened by now whenever the fake is asked, so a frozen clock makes every step exact.
"""

from __future__ import annotations

import collections
import heapq
import itertools
import math
from collections.abc import Mapping
from typing import Any, Final, Protocol

import attrs

from ._clock import FakeClock
from ._factories import WireMessage
from ._seed import STATUS_PROGRESSION

__all__ = ["MAX_LISTED", "AddMessage", "DeliverySchedule", "Outbox", "stamp"]

MAX_LISTED: Final = 500
"""How many queued messages ``showMessagesQueue`` lists, the oldest first."""

DeliverySchedule = tuple[float, float | None]
"""Seconds after sending until ``delivered``, and until ``read`` (None: never read)."""


class AddMessage(Protocol):
    """Records an outgoing message in the instance's store (``FakeInstance.add``)."""

    def __call__(
        self, content: WireMessage, *, chat_id: str, status: str, id_message: str, timestamp: int
    ) -> WireMessage: ...


@attrs.frozen
class _Taken:
    id_message: str
    method: str
    body: Mapping[str, Any]
    chat_id: str
    content: WireMessage
    at: float


class Outbox:
    """The send queue of one instance and the life of the messages sent from it."""

    def __init__(self, clock: FakeClock, add: AddMessage) -> None:
        self._clock = clock
        self._add = add
        self._interval = 0.0
        self._authorized = True
        self._lag = 0.0
        self._schedule: DeliverySchedule | None = None
        self.without_whatsapp: set[str] = set()
        self.taken = 0
        self._queue: collections.deque[_Taken] = collections.deque()
        self._sent: list[WireMessage] = []
        # The earliest time the next message may leave the queue.
        self._free_at = -math.inf
        # Sent messages the journals do not show yet, with the time they will.
        self._unseen: dict[str, float] = {}
        # Status changes to come: (time, order, message, status), soonest first.
        self._moves: list[tuple[float, int, WireMessage, str]] = []
        self._order = itertools.count()

    # Settings. Each change first plays what happened under the previous setting.

    @property
    def sending_interval(self) -> float:
        return self._interval

    @sending_interval.setter
    def sending_interval(self, seconds: float) -> None:
        self.catch_up()
        self._interval = _seconds(seconds, "sending_interval")

    @property
    def authorized(self) -> bool:
        return self._authorized

    @authorized.setter
    def authorized(self, authorized: bool) -> None:
        self.catch_up()
        if authorized and not self._authorized:
            self._free_at = max(self._free_at, self._clock.now())
        self._authorized = bool(authorized)

    @property
    def journal_lag(self) -> float:
        return self._lag

    @journal_lag.setter
    def journal_lag(self, seconds: float) -> None:
        self.catch_up()
        self._lag = _seconds(seconds, "journal_lag")

    @property
    def delivery_schedule(self) -> DeliverySchedule | None:
        return self._schedule

    @delivery_schedule.setter
    def delivery_schedule(self, schedule: object) -> None:
        # Typed loosely on purpose: a test may pass anything, and learns what is wrong.
        self.catch_up()
        if schedule is None:
            self._schedule = None
            return
        if not isinstance(schedule, tuple) or len(schedule) != 2:
            raise ValueError(
                "delivery_schedule must be (delivered_after, read_after) in seconds, or None, "
                f"not {schedule!r}"
            )
        delivered = _seconds(schedule[0], "delivery_schedule's delivered_after")
        read = (
            None if schedule[1] is None else _seconds(schedule[1], "delivery_schedule's read_after")
        )
        if read is not None and read < delivered:
            raise ValueError("delivery_schedule: a message is read only once delivered")
        self._schedule = (delivered, read)

    # What the send methods and the journals ask.

    def take(
        self,
        method: str,
        body: Mapping[str, Any],
        chat_id: str,
        content: WireMessage,
        id_message: str,
    ) -> None:
        """Put a message in the queue, as a send request the service accepted does."""
        self.catch_up()
        self.taken += 1
        self._queue.append(_Taken(id_message, method, body, chat_id, content, self._clock.now()))
        self.catch_up()

    def queued(self) -> list[WireMessage]:
        """Every message waiting, oldest first, as ``showMessagesQueue`` lists them."""
        self.catch_up()
        return [
            {"idMessage": taken.id_message, "type": taken.method, "body": taken.body}
            for taken in self._queue
        ]

    def sent(self) -> list[WireMessage]:
        """The entries of the messages sent from the queue, oldest first."""
        self.catch_up()
        return list(self._sent)

    def shows(self, message: WireMessage) -> bool:
        """Whether the journals show this entry yet (call ``catch_up`` first)."""
        return message.get("idMessage") not in self._unseen

    def catch_up(self) -> None:
        """Play everything due by the clock's time: sends, journal entries, statuses."""
        now = self._clock.now()
        while self._authorized and self._queue:
            due = max(self._queue[0].at, self._free_at)
            if due > now:
                break
            self._send(self._queue.popleft(), due)
            self._free_at = due + self._interval
        for id_message, shown_at in list(self._unseen.items()):
            if shown_at <= now:
                del self._unseen[id_message]
        while self._moves and self._moves[0][0] <= now:
            at, _, message, status = heapq.heappop(self._moves)
            current = message.get("statusMessage")
            # A test may have moved it on, or to a failure, meanwhile: never back.
            if current in STATUS_PROGRESSION and STATUS_PROGRESSION.index(
                current
            ) < STATUS_PROGRESSION.index(status):
                stamp(message, status, at)

    def _send(self, taken: _Taken, at: float) -> None:
        no_account = taken.chat_id in self.without_whatsapp
        # What the service journals for a number without WhatsApp: the kind left empty.
        content = {**taken.content, "typeMessage": ""} if no_account else taken.content
        message = self._add(
            content,
            chat_id=taken.chat_id,
            status="noAccount" if no_account else "sent",
            id_message=taken.id_message,
            timestamp=int(at),
        )
        self._sent.append(message)
        if self._lag > 0:
            self._unseen[taken.id_message] = at + self._lag
        if self._schedule is not None and not no_account:
            delivered, read = self._schedule
            self._move(message, "delivered", at + delivered)
            if read is not None:
                self._move(message, "read", at + read)

    def _move(self, message: WireMessage, status: str, at: float) -> None:
        heapq.heappush(self._moves, (at, next(self._order), message, status))


def stamp(message: WireMessage, status: str, at: float) -> None:
    """Give an entry a new status at time ``at``: its timestamp is its latest action's."""
    message["statusMessage"] = status
    message["timestamp"] = int(at)


def _seconds(value: object, name: str) -> float:
    # A test may pass anything here: say what is wrong rather than fail later.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ValueError(f"{name} must be a number of seconds, 0 or more, not {value!r}")
    if math.isinf(value):
        raise ValueError(f"{name} must be finite, not {value!r}")
    return float(value)
