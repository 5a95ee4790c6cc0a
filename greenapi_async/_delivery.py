"""Waiting until a message sent reaches a status: one poller of the journal per instance.

However many tasks wait on one instance, its outgoing journal is read by one of them at a
time, the leader, through one watcher that every leader shares; the others sleep until
the leader hands over an entry of their message. When the leader's own wait ends (its
result, a failure, its timeout, a cancellation), it wakes the others and the first to run
leads on, with the same watcher: its windows, its memory and its back-off carry over, and
its next poll comes an interval after the last one. With nobody waiting, nobody polls, and
no task outlives the waiters. Nothing bound to an event loop is kept between waits (each
wait makes its own events), so one tracker serves one event loop after another.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Mapping
from typing import Final

import anyio
import attrs

from ._errors import DeliveryFailedError, DeliveryTimeoutError, GreenAPIError, InvalidArgumentError
from ._filters import status_set
from ._models import FAILED_STATUSES, STATUS_ORDER, Message, MessageStatus
from ._sent import SentMessage
from ._validation import describe, validate_id_message, validate_seconds
from ._watch import Fetch, OutgoingWatcher

__all__ = ["DeliveryTracker"]

# Lower case: statuses are compared in any case, as the watchers' filters compare them.
_RANK: Final[Mapping[str, int]] = {status.lower(): rank for rank, status in enumerate(STATUS_ORDER)}
_FAILED: Final = frozenset(status.lower() for status in FAILED_STATUSES)
# As the watchers' defaults: the journal shows an entry up to about two minutes late, and
# a message it has not shown for a day is forgotten (a later wait for it looks again).
_MARGIN: Final = 180.0
_FORGET_AFTER: Final = 86_400.0


class _DeliveryWatcher(OutgoingWatcher):
    """An outgoing watcher that keeps the latest entry of each message it remembers."""

    def __init__(self, fetch: Fetch, *, interval: float) -> None:
        super().__init__(
            fetch,
            interval=interval,
            margin=_MARGIN,
            # Every entry of the first window is an event: one of them may be the message
            # a wait is for, in its final status already.
            backfill=True,
            chats=None,
            kinds=None,
            statuses=None,
            state=None,
            on_error=None,
            forget_after=_FORGET_AFTER,
        )
        self.latest: dict[str, Message] = {}

    @property
    def interval(self) -> float:
        return self._interval

    @interval.setter
    def interval(self, seconds: float) -> None:
        # Named as users set it: GreenAPI.sending.poll_interval.
        self._interval = self._checked_interval(seconds, name="poll_interval")

    def look_back_to(self, unix_time: float) -> None:
        """Make the next poll's window reach back to ``unix_time``, for a message not known."""
        self._reach_back_to(unix_time)

    def _mark_reported(self, message: Message) -> None:
        super()._mark_reported(message)
        if message.id_message:
            self.latest[message.id_message] = message

    def _forgotten(self, message_id: str) -> None:
        self.latest.pop(message_id, None)


@attrs.define(eq=False)
class _Waiter:
    """One ``wait``: the message, how far it must get, and how the leader wakes it."""

    id_message: str
    wanted: int  # the rank in STATUS_ORDER of the earliest status waited for
    woken: anyio.Event | None = None  # made by the waiting task, in its own event loop
    error: GreenAPIError | None = None  # the poller's, which ended every wait


class DeliveryTracker:
    """Every ``wait_for_status`` of one instance, served by one poller of its outgoing journal."""

    def __init__(self, fetch: Fetch, *, interval: float = 5.0) -> None:
        self._watcher = _DeliveryWatcher(fetch, interval=interval)
        self._waiters: dict[str, list[_Waiter]] = {}
        self._leader: _Waiter | None = None

    @property
    def interval(self) -> float:
        """Seconds from the start of one poll to the next, while anyone waits."""
        return self._watcher.interval

    @interval.setter
    def interval(self, seconds: float) -> None:
        self._watcher.interval = seconds

    async def wait(
        self,
        sent: SentMessage,
        statuses: MessageStatus | str | Collection[MessageStatus | str],
        *,
        # Not a cancel scope: running out raises DeliveryTimeoutError with what was seen.
        timeout: float,  # noqa: ASYNC109
    ) -> Message:
        """The journal entry of ``sent`` once its status reaches one of ``statuses`` or later."""
        attempted_at = _checked_sent(sent)
        waiter = _Waiter(sent.id_message, _earliest_rank(statuses))
        seconds = validate_seconds(timeout, name="timeout")
        known = self._outcome(waiter)
        if known is not None:
            return known
        if not seconds:  # no time to ask: on asyncio, a request may run to its end unsuspended
            raise self._timed_out(waiter, statuses, seconds)
        if waiter.id_message not in self._watcher.latest:
            self._watcher.look_back_to(attempted_at)
        self._waiters.setdefault(waiter.id_message, []).append(waiter)
        try:
            with anyio.move_on_after(seconds):
                return await self._settled(waiter)
        finally:
            self._forget(waiter)
        raise self._timed_out(waiter, statuses, seconds)

    async def _settled(self, waiter: _Waiter) -> Message:
        while (entry := self._outcome(waiter)) is None:
            if self._leader is None:
                await self._lead(waiter)
            else:
                waiter.woken = anyio.Event()
                await waiter.woken.wait()
        return entry

    async def _lead(self, waiter: _Waiter) -> None:
        """Poll until ``waiter``'s message has an outcome; then hand over to the others."""
        self._leader = waiter
        try:
            while self._outcome(waiter) is None:
                try:
                    change = await self._watcher.__anext__()
                except GreenAPIError as error:  # the watcher rode out the transient ones
                    for waiting in self._every_waiter():
                        waiting.error = error
                    return
                _wake(self._waiters.get(change.message.id_message or "", ()))
        finally:
            self._leader = None
            # All of them, not one: the one woken might be ending its wait just now. The
            # first to run leads on; the others see it and sleep again.
            _wake(self._every_waiter())

    def _outcome(self, waiter: _Waiter) -> Message | None:
        """The entry ``waiter`` waits for, if known; raises if its wait failed."""
        if waiter.error is not None:
            raise _own_copy(waiter.error)
        entry = self._watcher.latest.get(waiter.id_message)
        status = _status_of(entry)
        if entry is None or status is None:
            return None
        if status.lower() in _FAILED:
            raise DeliveryFailedError(
                f"message {waiter.id_message!r} to {entry.chat_id!r} will not be delivered: "
                f"its status is {status}",
                entry=entry,
                status=status,
            )
        # A status this version does not know is neither reached nor failed: wait on.
        return entry if _RANK.get(status.lower(), -1) >= waiter.wanted else None

    def _timed_out(
        self,
        waiter: _Waiter,
        statuses: MessageStatus | str | Collection[MessageStatus | str],
        seconds: float,
    ) -> DeliveryTimeoutError:
        last_status = _status_of(self._watcher.latest.get(waiter.id_message))
        wanted = STATUS_ORDER[waiter.wanted]
        later = "" if wanted == STATUS_ORDER[-1] else " or a later one"
        seen = (
            "the outgoing journal has not shown it"
            if last_status is None
            else f"its status is {last_status}"
        )
        return DeliveryTimeoutError(
            f"message {waiter.id_message!r} did not reach the status {wanted}{later} "
            f"within {seconds:g} s: {seen}",
            id_message=waiter.id_message,
            last_status=last_status,
        )

    def _every_waiter(self) -> list[_Waiter]:
        return [waiter for waiting in self._waiters.values() for waiter in waiting]

    def _forget(self, waiter: _Waiter) -> None:
        waiting = self._waiters[waiter.id_message]
        waiting.remove(waiter)
        if not waiting:
            del self._waiters[waiter.id_message]


def _wake(waiters: Iterable[_Waiter]) -> None:
    for waiter in waiters:
        if waiter.woken is not None:
            waiter.woken.set()


def _status_of(entry: Message | None) -> str | None:
    status = None if entry is None else entry.status_message
    return str(status) if status else None


def _checked_sent(sent: object) -> float:
    """Refuse what is not a message sent; return the unix time it was first attempted."""
    if not isinstance(sent, SentMessage):
        raise InvalidArgumentError(
            f"sent must be a SentMessage, as a send method returns it, not {describe(sent)}"
        )
    validate_id_message(sent.id_message)
    return validate_seconds(sent.attempted_at, name="sent.attempted_at")


def _earliest_rank(statuses: object) -> int:
    """The rank of the earliest of ``statuses`` (one status or a collection, any case)."""
    if isinstance(statuses, str):  # a MessageStatus is one too
        statuses = [statuses]
    elif not isinstance(statuses, Iterable):
        raise InvalidArgumentError(
            "statuses must be a status (a MessageStatus or its name) or a collection of "
            f"them, not {describe(statuses)}"
        )
    # The watchers' rules: only strings, and a near miss ("delivred") names the one meant.
    names = status_set("statuses", statuses)  # type: ignore[arg-type]
    if not names:
        raise InvalidArgumentError("statuses must name at least one status to wait for")
    for name in sorted(names):
        _refuse_unreachable(name)
    return min(_RANK[name.lower()] for name in names)


def _refuse_unreachable(name: str) -> None:
    if name.lower() in _RANK:
        return
    along = ", ".join(STATUS_ORDER)
    if name.lower() in _FAILED:
        raise InvalidArgumentError(
            f"statuses: {name!r} is a failure, which wait_for_status raises as "
            f"DeliveryFailedError; wait for one of {along}"
        )
    raise InvalidArgumentError(
        f"statuses: {name!r} is not on a message's way to being read, so no later status "
        f"can be told from it; wait for one of {along}"
    )


def _own_copy(error: GreenAPIError) -> GreenAPIError:
    """``error`` as a waiter of its own raises it: the poll's failure, in an object of its own.

    One object raised in many tasks would carry whichever traceback was raised last, and
    appear many times over in a task group's exception group.
    """
    copied = copy.copy(error).with_traceback(error.__traceback__)
    copied.__cause__, copied.__context__ = error.__cause__, error.__context__
    copied.__suppress_context__ = error.__suppress_context__
    return copied
