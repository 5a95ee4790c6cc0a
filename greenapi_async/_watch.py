"""Watching the journals for new messages and, outgoing, their status changes.

The service only offers journals of the last N minutes; a bot that wants to know what it
received, or what happened to what it sent, has to poll one, remember what it saw, and
compare. This module does that once, carefully, for both journals: windows that always
cover the gap since the last poll plus the service's delay in showing entries, at most
one event per (message, status) (incoming messages have no status: one per message),
bounded memory, resumable state, and failures that back off instead of ending the watch.

``_JournalWatcher`` is that machinery, given the journal's ``MethodSpec``;
``OutgoingWatcher`` and ``IncomingWatcher`` only say what an event is and add their own
filter.
"""

from __future__ import annotations

import math
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from types import TracebackType
from typing import Any, ClassVar, Final, Generic, NamedTuple, TypeVar, cast

import anyio
import attrs

from . import _json
from ._attrs_methods import AttrsMethods
from ._converter import MAX_TIMESTAMP, Known, PartialMessages, WatchedJournal
from ._errors import (
    GreenAPIError,
    InvalidArgumentError,
)
from ._filters import chat_id_set, kind_matcher, kind_set, status_set
from ._methods import LAST_INCOMING_MESSAGES, LAST_OUTGOING_MESSAGES, MethodSpec
from ._models import ENTRY_FIELDS, STATUS_ORDER, Message, MessageStatus, wire_key
from ._redaction import logger
from ._retry import watch_goes_on_after
from ._validation import describe, minutes_covering

__all__ = [
    "IncomingWatcher",
    "OutgoingWatcher",
    "StatusChange",
]


_STATE_VERSION: Final = 1
# The journal whose watcher's states carry no "journal" key: they were written before
# there was a second watcher, and still load.
_UNNAMED_IN_STATES: Final = LAST_OUTGOING_MESSAGES
# The journals a watcher's state may belong to, to name the one a state given to the
# other's watcher came from.
_WATCHED_JOURNALS: Final = (LAST_OUTGOING_MESSAGES.name, LAST_INCOMING_MESSAGES.name)
_MAX_FAILURE_DELAY: Final = 60.0

# The journal of a window of minutes, given the statuses reported of each message id
# and the wire key of an entry's status (see decode_watched).
Fetch = Callable[[int, Mapping[str, Collection[str]], "str | None"], Awaitable[WatchedJournal]]
EventT = TypeVar("EventT")
_W = TypeVar("_W", bound="_JournalWatcher[Any]")


@attrs.frozen(eq=False, repr=False)
class StatusChange(AttrsMethods):
    """A message seen for the first time, or seen with a status it did not have before.

    Attributes:
        message: the message as the journal shows it now.
        previous_status: the status the watcher last saw it with, or None when the
            watcher had never seen it.

    """

    message: Message
    previous_status: MessageStatus | str | None

    @property
    def is_new(self) -> bool:
        """Whether this is the first event for this message."""
        return self.previous_status is None


# Where two entries of one message carry the same second, the status says which came
# first: a message moves along pending -> sent -> delivered -> read, or fails.
_STATUS_RANK: Final[Mapping[str, int]] = {
    status.value: rank for rank, status in enumerate(STATUS_ORDER)
}


def _in_order_of_events(
    messages: Iterable[Message | Known], status_of: Callable[[Message | Known], str]
) -> list[Message | Known]:
    """Put a journal's entries in the order their events happened, oldest first.

    Within one second, messages keep the journal's order, and the entries of one message
    follow the order of its statuses (as ``status_of`` tells them).
    """
    listed = list(messages)
    if _strictly_newest_first(listed):
        # The journal's usual order, with no two entries in one second: the sort keys
        # below strictly decrease along it, so the sort would only reverse it. Checking
        # costs a tenth of computing them.
        listed.reverse()
        return listed
    first_at: dict[tuple[int, str | None], int] = {}
    for index, message in enumerate(listed):
        first_at.setdefault((message.timestamp or 0, message.id_message), index)

    def key(message: Message | Known) -> tuple[int, int, int]:
        second = message.timestamp or 0
        rank = _STATUS_RANK.get(status_of(message), len(_STATUS_RANK))
        return second, first_at[(second, message.id_message)], rank

    return sorted(listed, key=key)


def _strictly_newest_first(listed: list[Message | Known]) -> bool:
    later = math.inf
    for message in listed:
        second = message.timestamp or 0
        if second >= later:
            return False
        later = second
    return True


def _status_key(status: object) -> str:
    return str(status) if status is not None else ""


class _Instant(NamedTuple):
    """A moment, on the wall clock and on this process's monotonic clock.

    Gaps within a process are measured on the monotonic clock: the wall clock may step
    back (an NTP correction), and a window measured on it would then miss the messages of
    the step. A state outlives the process, so it holds unix time, the wall clock's.
    """

    wall: float
    # None for a moment restored from a state, which another process measured.
    monotonic: float | None

    @classmethod
    def now(cls) -> _Instant:
        return cls(time.time(), time.monotonic())

    def earlier_by(self, seconds: float) -> _Instant:
        monotonic = None if self.monotonic is None else self.monotonic - seconds
        return _Instant(self.wall - seconds, monotonic)

    def seconds_until(self, later: _Instant) -> float | None:
        """How long before ``later`` this was; None if unknown (a state from the future)."""
        if self.monotonic is not None and later.monotonic is not None:
            return later.monotonic - self.monotonic
        gap = later.wall - self.wall
        return gap if gap >= 0 else None

    def as_unix_time(self) -> float:
        """Unix time by the wall clock as it is now, had it stepped since."""
        if self.monotonic is None:
            return self.wall
        by_monotonic = time.time() - (time.monotonic() - self.monotonic)
        # Equal within clock jitter unless the wall clock stepped: keep the value recorded,
        # so that a state read twice reads the same.
        return self.wall if abs(by_monotonic - self.wall) < _CLOCK_STEP else by_monotonic


# A difference between the two clocks' measures of one span beyond this is a step of the
# wall clock, not the jitter of reading two clocks.
_CLOCK_STEP: Final = 1.0


class _JournalWatcher(ABC, Generic[EventT]):
    """What every journal watcher does: poll, remember, report once, back off, resume.

    Given the journal's ``MethodSpec`` (its name for log lines and states, its default
    window for the first poll). A subclass says what an event is (``_event``), which
    field besides its id makes an entry new (``_STATUS_FIELD``), and adds its own
    filters to ``_wanted``.
    """

    _STATUS_FIELD: ClassVar[str | None] = None
    """The message field whose value, with the id, makes an entry a new event; None if
    only the id does (each message is one event)."""

    MIN_INTERVAL: float = 1.0
    """The shortest polling interval accepted: the journal allows one request a second."""

    def __init__(
        self,
        fetch: Fetch,
        spec: MethodSpec,
        *,
        interval: float,
        margin: float,
        backfill: bool,
        chats: Collection[str] | None,
        kinds: Collection[str] | None,
        state: Mapping[str, Any] | None,
        on_error: Callable[[GreenAPIError], None] | None,
        forget_after: float,
    ) -> None:
        if not _is_seconds(margin) or not 0 <= margin < math.inf:
            raise InvalidArgumentError("margin must be a number of seconds >= 0")
        if not _is_seconds(forget_after) or not forget_after > 0:
            raise InvalidArgumentError("forget_after must be a number of seconds > 0")
        self._fetch = fetch
        self._spec = spec
        self._interval = self._checked_interval(interval, name="interval")
        self._margin = float(margin)
        self._chats = chat_id_set("chats", chats)
        kind_names = kind_set("kinds", kinds)
        self._kind_wanted = kind_matcher(kind_names) if kind_names is not None else None
        self._on_error = on_error
        self._reported_left_out: frozenset[bytes] = frozenset()
        self._forget_after = forget_after
        field = self._STATUS_FIELD
        self._status_wire_key = None if field is None else wire_key(field)
        # id_message -> statuses already reported, in order (the last is the current one).
        self._seen: dict[str, list[str]] = {}
        # id_message -> monotonic time the journal last showed it; drives forgetting.
        # Kept in the order of those times, oldest first (a message shown again moves to
        # the end), so that forgetting reads only the stale ones and the first fresh one,
        # not every message of the last forget_after seconds at every poll.
        self._last_sighting: dict[str, float] = {}
        self._last_poll: _Instant | None = None  # when the last successful poll started
        # When the last request started, whatever became of it: the next comes an
        # interval later, even where that one failed or was abandoned.
        self._last_request: _Instant | None = None
        # A unix time the next window must reach back to, besides the gap since the last
        # poll: a message sent then may be one this watcher never saw, or has forgotten.
        self._reach_back: float | None = None
        # From when a resumed watcher's first window must reach back (before margin) to
        # see again every event not handed over yet: the last poll's start once its events
        # are all handed over, and until then the start of its window. What `state` saves
        # as "last_poll", in unix time.
        self._handed_over_until: _Instant | None = None
        # The task iterating, while it polls or waits to: aclose() from another task
        # cancels it, so that the iteration ends at once rather than after its sleep.
        self._polling: anyio.CancelScope | None = None
        self._baseline_pending = not backfill
        # Each event waiting to be handed over, with the entry it reports.
        self._pending: list[tuple[Message, EventT]] = []
        self._closed = False
        if state is not None:
            self._restore(state, backfill=backfill)

    def _checked_interval(self, interval: object, *, name: str) -> float:
        if not _is_seconds(interval) or not self.MIN_INTERVAL <= interval < math.inf:  # type: ignore[operator]
            raise InvalidArgumentError(
                f"{name} must be a number of seconds >= {self.MIN_INTERVAL:g} (the journal "
                "allows one request per second)"
            )
        return float(interval)  # type: ignore[arg-type]

    # What the subclasses say.

    def _status_of(self, message: Message | Known) -> str:
        """What, besides its id, makes an entry of a message a new event ("" for none)."""
        field = self._STATUS_FIELD
        return "" if field is None else _status_key(getattr(message, field))

    @abstractmethod
    def _event(self, message: Message, previous_status: str | None) -> EventT:
        """The event for an entry; ``previous_status`` is the last one seen, if any."""

    def _wanted(self, message: Message) -> bool:
        if self._chats is not None and message.chat_id not in self._chats:
            return False
        return self._kind_wanted is None or self._kind_wanted(message.type_message)

    # Iteration and lifecycle.

    def __aiter__(self: _W) -> _W:
        return self

    async def __anext__(self) -> EventT:
        while not self._pending:
            if self._closed:
                raise StopAsyncIteration
            with anyio.CancelScope() as self._polling:
                try:
                    await self._poll_once_or_back_off()
                finally:
                    self._polling = None
        message, event = self._pending.pop(0)
        # Marked as reported only now, as it is handed over: a state saved after
        # handling this event holds it, and no event still waiting in the queue.
        self._mark_reported(message)
        if not self._pending:
            self._handed_over_until = self._last_poll
        return event

    async def __aenter__(self: _W) -> _W:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop watching and end the iteration, from any task.

        An ``async for`` over the watcher in another task ends at once, without another
        request, even while it waits out an interval or a back-off, or waits for an
        answer (that request is abandoned). Events fetched but not yet handed over are
        dropped; ``state`` still reaches back to them, so a watcher resumed from it
        reports them.
        """
        self._closed = True
        self._pending.clear()
        if self._polling is not None:
            self._polling.cancel()

    # State.

    @property
    def state(self) -> dict[str, Any]:
        """A JSON-ready snapshot to pass back as ``state=`` after a restart.

        ``last_poll`` is where the next window reaches back from: the last poll's time,
        or the start of its window while some of its events wait to be handed over, so
        that a watcher resumed from it fetches them again. ``seen`` maps each message id
        to the statuses seen for it (``[""]`` for an incoming message, which has none).
        An incoming watcher's state also says ``"journal": "lastIncomingMessages"``, so
        that it is not taken for an outgoing watcher's, nor the reverse.
        """
        named = {} if self._spec == _UNNAMED_IN_STATES else {"journal": self._spec.name}
        handed_over_until = self._handed_over_until
        return {
            "version": _STATE_VERSION,
            **named,
            "last_poll": None if handed_over_until is None else handed_over_until.as_unix_time(),
            "seen": {message_id: list(statuses) for message_id, statuses in self._seen.items()},
        }

    def _restore(self, state: object, *, backfill: bool) -> None:
        last_poll, seen = _parse_state(state, spec=self._spec, owner=type(self).__name__)
        now = time.monotonic()
        self._seen = seen
        self._last_sighting = dict.fromkeys(seen, now)
        self._last_poll = self._last_request = self._handed_over_until = (
            None if last_poll is None else _Instant(last_poll, None)
        )
        # A restored watcher that had polled has its baseline: everything new since is an
        # event. One saved before its first poll starts as a new one would.
        self._baseline_pending = last_poll is None and not backfill

    # Polling.

    def _reach_back_to(self, unix_time: float) -> None:
        """Make the next successful poll's window reach back to ``unix_time`` (and margin)."""
        if self._reach_back is None or unix_time < self._reach_back:
            self._reach_back = unix_time

    def _window_minutes(self, now: _Instant) -> int:
        gap = None if self._last_poll is None else self._last_poll.seconds_until(now)
        # The first poll sees all the journal shows by default, so that the baseline (or
        # the backfill) knows every message whose status may still change. So does a poll
        # after a state from the future (saved while the wall clock was ahead): how long
        # ago it was is unknown.
        minutes: int = (
            self._spec.defaults["minutes"] if gap is None else self._minutes_covering(gap)
        )
        if self._reach_back is not None:
            minutes = max(minutes, self._minutes_covering(now.wall - self._reach_back))
        return minutes

    def _minutes_covering(self, seconds: float) -> int:
        return minutes_covering(seconds + self._margin)

    async def poll(self) -> list[EventT]:
        """Fetch the journal once, now, and return its events (errors are raised as-is).

        For callers who schedule polls themselves; iterating does this every
        ``interval`` seconds and rides out transient errors.
        """
        found, journal = await self._fetch_changes()
        try:
            # Before marking: if on_error raises, these events come again at the next poll.
            self._report_left_out(journal)
        except BaseException:
            # None was handed over: the next window reaches back as far as this one did.
            self._last_poll = self._handed_over_until
            raise
        for message, _ in found:
            self._mark_reported(message)
        self._handed_over_until = self._last_poll
        return [event for _, event in found]

    async def _fetch_changes(self) -> tuple[list[tuple[Message, EventT]], PartialMessages]:
        started = self._last_request = _Instant.now()
        reach_back = self._reach_back
        minutes = self._window_minutes(started)
        # Entries already reported are known by their id and status, not decoded:
        # nothing between the decode and _changes below touches _seen.
        watched = await self._fetch(minutes, self._seen, self._status_wire_key)
        # Moved on only after a success: a failed poll's gap is covered by the next one.
        self._last_poll = started
        if self._reach_back == reach_back:  # none further back was asked for meanwhile
            self._reach_back = None
        found = self._changes(watched)
        if found:
            # Until they are all handed over, a resumed watcher must see this window
            # again: its first window then reaches back as far as this one did.
            self._handed_over_until = started.earlier_by(minutes * 60 - self._margin)
        else:
            self._handed_over_until = started
        return found, watched.journal

    def _report_left_out(self, journal: PartialMessages) -> None:
        # Entries the journal sent malformed were left out of this poll; they are not
        # marked seen. Said once per entry (by its content, not its position, which moves
        # as new messages arrive), not at every poll while it stays in the window; an
        # entry that goes and comes back is said again. Called outside the handling of
        # transient errors: an on_error that raises ends the watch, as it means to.
        left_out = frozenset(_json.dumps(entry.entry, sort_keys=True) for entry in journal.left_out)
        new = left_out - self._reported_left_out
        self._reported_left_out = left_out
        problem = journal.problem
        if new and problem is not None:
            logger.warning("watching %s: %s", self._spec.name, problem)
            if self._on_error is not None:
                self._on_error(problem)

    async def _poll_once_or_back_off(self) -> None:
        failures = 0
        while not self._closed:
            if failures:
                await anyio.sleep(self._backoff(failures))
            elif self._last_request is not None:
                await anyio.sleep(self._until_next_poll(self._last_request))
            try:
                found, journal = await self._fetch_changes()
            except GreenAPIError as error:
                if not watch_goes_on_after(error):
                    raise
                failures += 1
                logger.warning("watching %s: %s; retrying", self._spec.name, error)
                if self._on_error is not None:
                    self._on_error(error)
                continue
            if not self._closed:
                self._pending.extend(found)
            self._report_left_out(journal)
            return

    def _until_next_poll(self, last_request: _Instant) -> float:
        # An interval from the start of the last request, not from now: the time its
        # events took to be handled counts, and a poll after a long pause comes at once.
        since = last_request.seconds_until(_Instant.now())
        if since is None:  # a state from the future: how long ago is unknown
            return self._interval
        return min(self._interval, max(0.0, self._interval - since))

    def _backoff(self, failures: int) -> float:
        # The exponent is capped: a day-long outage must not overflow a float.
        backoff: float = self._interval * 2.0 ** min(failures, 16)
        return min(backoff, max(self._interval, _MAX_FAILURE_DELAY))

    def _changes(self, watched: WatchedJournal) -> list[tuple[Message, EventT]]:
        """The events in a journal, in timestamp order; unwanted ones are marked seen."""
        now = time.monotonic()
        baseline = self._baseline_pending
        self._baseline_pending = False
        if not watched.journal.messages:
            # Every entry is Known, of a message reported in its status (a steady
            # journal's every poll): no event, and no order of events to find.
            self._sighted(reversed(watched.entries), now)
            self._forget(now)
            return []
        ordered = _in_order_of_events(watched.entries, self._status_of)
        self._sighted(ordered, now)
        # Each event's newest entry, and the status seen before it.
        found: list[tuple[Message, str | None]] = []
        # The service has been seen to list one idMessage twice in one answer. Each
        # (message, status) pair still makes one event, carrying the newest entry; a
        # second status of the same id in this answer follows the first.
        event_at: dict[tuple[str, str], int] = {}
        status_in_this_poll: dict[str, str] = {}
        status_of = self._status_of  # read once, not at each of the journal's entries
        for message in ordered:
            message_id = message.id_message
            if not message_id:
                continue  # nothing to track it by (documented)
            status = status_of(message)
            # A Known entry is one reported in this status: the check below passes over
            # it, and no pair of event_at is one reported.
            index = event_at.get((message_id, status)) if event_at else None
            if index is not None:
                found[index] = (cast(Message, message), found[index][1])
                continue
            seen = self._seen.get(message_id)
            if seen is not None and status in seen:
                continue
            message = cast(Message, message)
            previous = status_in_this_poll.get(message_id) or (seen[-1] if seen else None)
            if baseline or not self._wanted(message):
                # Remembered at once: nobody is waiting for these.
                self._seen.setdefault(message_id, []).append(status)
                continue
            status_in_this_poll[message_id] = status
            event_at[(message_id, status)] = len(found)
            found.append((message, previous))
        self._forget(now)
        return [(message, self._event(message, previous)) for message, previous in found]

    def _sighted(self, entries: Iterable[Message | Known], now: float) -> None:
        """Note that the journal shows these entries' messages ``now``, in this order."""
        sightings = self._last_sighting
        for entry in entries:
            message_id = entry.id_message
            if message_id:
                # Moved to the end: the dict stays in the order of last sightings.
                sightings.pop(message_id, None)
                sightings[message_id] = now

    def _mark_reported(self, message: Message) -> None:
        message_id = message.id_message
        if message_id:
            statuses = self._seen.setdefault(message_id, [])
            status = self._status_of(message)
            if status not in statuses:
                statuses.append(status)

    def _forget(self, now: float) -> None:
        # Memory stays bounded: a message the journal has not shown for forget_after
        # seconds is forgotten. It could only come back with a new action, hence a new
        # status, which is then reported as new (previous_status None).
        horizon = now - self._forget_after
        stale = []
        for key, seen_at in self._last_sighting.items():
            if seen_at >= horizon:
                break
            stale.append(key)
        for key in stale:
            del self._last_sighting[key]
            self._seen.pop(key, None)
            self._forgotten(key)

    def _forgotten(self, message_id: str) -> None:
        """Called for each message forgotten: a subclass that keeps more of it drops it too."""


class OutgoingWatcher(_JournalWatcher[StatusChange]):
    """An async iterator of ``StatusChange`` events; also an async context manager.

    Made by ``GreenAPI.journals.watch_outgoing()``; see its documentation.
    """

    _STATUS_FIELD = ENTRY_FIELDS.status_message.name

    def __init__(
        self,
        fetch: Fetch,
        *,
        interval: float,
        margin: float,
        backfill: bool,
        chats: Collection[str] | None,
        kinds: Collection[str] | None,
        statuses: Collection[MessageStatus | str] | None,
        state: Mapping[str, Any] | None,
        on_error: Callable[[GreenAPIError], None] | None,
        forget_after: float,
    ) -> None:
        wanted = status_set("statuses", statuses)
        # Compared in any case, as kinds are: "READ" and "yellowcard" mean what they say.
        self._statuses = None if wanted is None else frozenset(s.lower() for s in wanted)
        super().__init__(
            fetch,
            LAST_OUTGOING_MESSAGES,
            interval=interval,
            margin=margin,
            backfill=backfill,
            chats=chats,
            kinds=kinds,
            state=state,
            on_error=on_error,
            forget_after=forget_after,
        )

    def _event(self, message: Message, previous_status: str | None) -> StatusChange:
        return StatusChange(message, _as_status(previous_status))

    def _wanted(self, message: Message) -> bool:
        if not super()._wanted(message):
            return False
        return self._statuses is None or self._status_of(message).lower() in self._statuses


class IncomingWatcher(_JournalWatcher[Message]):
    """An async iterator of the messages received, each once; also an async context manager.

    Made by ``GreenAPI.journals.watch_incoming()``; see its documentation.
    """

    # One event per message: what the journal shows of it later (an edit, a status the
    # service might add one day) is still the message already reported.
    _STATUS_FIELD = None

    def __init__(
        self,
        fetch: Fetch,
        *,
        interval: float,
        margin: float,
        backfill: bool,
        chats: Collection[str] | None,
        kinds: Collection[str] | None,
        senders: Collection[str] | None,
        state: Mapping[str, Any] | None,
        on_error: Callable[[GreenAPIError], None] | None,
        forget_after: float,
    ) -> None:
        self._senders = chat_id_set("senders", senders)
        super().__init__(
            fetch,
            LAST_INCOMING_MESSAGES,
            interval=interval,
            margin=margin,
            backfill=backfill,
            chats=chats,
            kinds=kinds,
            state=state,
            on_error=on_error,
            forget_after=forget_after,
        )

    def _event(self, message: Message, previous_status: str | None) -> Message:
        return message

    def _wanted(self, message: Message) -> bool:
        if not super()._wanted(message):
            return False
        return self._senders is None or message.sender_id in self._senders


def _parse_state(
    state: object, *, spec: MethodSpec, owner: str
) -> tuple[float | None, dict[str, list[str]]]:
    """Check a saved ``state`` of ``spec``'s watcher field by field.

    Returns its last_poll and seen statuses; ``owner`` names the watcher's class.
    """

    def invalid(reason: str) -> InvalidArgumentError:
        return InvalidArgumentError(
            f"state must be a value of {owner}.state from this version: {reason}"
        )

    if not isinstance(state, Mapping):
        raise invalid(f"got {describe(state)}, not a mapping")
    named = state.get("journal", _UNNAMED_IN_STATES.name)
    if named != spec.name and named in _WATCHED_JOURNALS:
        raise invalid(f"it is the state of a {named} watcher, and this one watches {spec.name}")
    keys = ["version", "last_poll", "seen"]
    # An outgoing watcher's state names no journal (as before there was another); one
    # that names it, as a program may add for its own bookkeeping, is as good.
    if spec != _UNNAMED_IN_STATES or "journal" in state:
        keys.insert(1, "journal")
    if set(state) != set(keys):
        listed = ", ".join(repr(key) for key in keys[:-1])
        raise invalid(f"it must have exactly the keys {listed} and {keys[-1]!r}")
    if named != spec.name:
        raise invalid(f"'journal' must be {spec.name!r}")
    version = state["version"]
    if type(version) is not int or version != _STATE_VERSION:
        raise invalid(f"'version' must be {_STATE_VERSION}")
    last_poll = state["last_poll"]
    if last_poll is not None and not (
        _is_seconds(last_poll) and 0 <= last_poll <= MAX_TIMESTAMP  # also refuses NaN
    ):
        raise invalid("'last_poll' must be null or a unix time in seconds")
    seen = state["seen"]
    if not isinstance(seen, Mapping):
        raise invalid("'seen' must map message ids to lists of statuses")
    restored: dict[str, list[str]] = {}
    for message_id, statuses in seen.items():
        if not isinstance(message_id, str) or not isinstance(statuses, list):
            raise invalid("'seen' must map message ids to lists of statuses")
        if not all(isinstance(status, str) for status in statuses):
            raise invalid(f"the statuses seen for {message_id!r} must be strings")
        restored[message_id] = list(statuses)
    return (None if last_poll is None else float(last_poll)), restored


def _is_seconds(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_status(value: str | None) -> MessageStatus | str | None:
    if not value:  # never reported, or reported without a status
        return None
    try:
        return MessageStatus(value)
    except ValueError:
        return value
