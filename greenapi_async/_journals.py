"""The journal methods: what the account sent and received."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal, overload

from ._converter import PartialMessages, decode_messages, decode_messages_partially
from ._errors import GreenAPIError
from ._methods import LAST_INCOMING_MESSAGES, LAST_OUTGOING_MESSAGES, MethodSpec
from ._models import Message, MessageStatus
from ._transport import Transport
from ._validation import validate_flag, validate_minutes
from ._watch import Fetch, IncomingWatcher, OutgoingWatcher

__all__ = ["Journals"]


class Journals:
    """Journal methods of one instance; reached as ``GreenAPI.journals``."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def _journal(
        self, spec: MethodSpec, minutes: int | None, skip_malformed: bool
    ) -> list[Message] | PartialMessages:
        """Ask for one of the two journals of the last ``minutes`` and decode it."""
        checked = validate_minutes(minutes)
        validate_flag("skip_malformed", skip_malformed)
        body = await self._ask(spec, checked)
        if skip_malformed:
            return decode_messages_partially(body, method=spec.name)
        return decode_messages(body, method=spec.name)

    async def _ask(self, spec: MethodSpec, minutes: int | None) -> bytes:
        params = {} if minutes is None else {"minutes": minutes}
        return await self._transport.request(spec.verb, spec.name, params=params)

    def _for_watching(self, spec: MethodSpec) -> Fetch:
        """How a watcher reads ``spec``'s journal; it asks for valid windows only."""

        async def fetch(minutes: int) -> PartialMessages:
            # A malformed entry is left out (and reported) rather than failing the poll:
            # one odd entry must not hide every event while it stays in the window.
            return decode_messages_partially(await self._ask(spec, minutes), method=spec.name)

        return fetch

    def __repr__(self) -> str:
        return f"<Journals of {self._transport.redacted_url('')}>"

    @overload
    async def last_outgoing_messages(
        self, minutes: int | None = None, *, skip_malformed: Literal[False] = False
    ) -> list[Message]: ...
    @overload
    async def last_outgoing_messages(
        self, minutes: int | None = None, *, skip_malformed: Literal[True]
    ) -> PartialMessages: ...
    async def last_outgoing_messages(
        self, minutes: int | None = None, *, skip_malformed: bool = False
    ) -> list[Message] | PartialMessages:
        """Messages the account sent in the last ``minutes`` minutes, newest first.

        Args:
            minutes: the window, an int from 1 to 525,600. ``None`` sends no parameter,
                and the service uses its default of 1440 (24 hours).
            skip_malformed: leave out the entries that do not decode, and return them
                listed beside the others in a ``PartialMessages``, rather than raise.

        Returns:
            One object per journal entry, in the service's order. Entries of kinds this
            version does not model are ``UnknownMessage``; an unknown status stays a
            ``str``. With ``skip_malformed=True``, a ``PartialMessages`` of them.

        Raises:
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            ResponseValidationError: the answer is not a JSON array, or (unless
                ``skip_malformed``) an entry of a known kind is malformed.
            GreenAPIError: the request failed; the subclass says how (see ``GreenAPIError``).

        """
        return await self._journal(LAST_OUTGOING_MESSAGES, minutes, skip_malformed)

    @overload
    async def last_incoming_messages(
        self, minutes: int | None = None, *, skip_malformed: Literal[False] = False
    ) -> list[Message]: ...
    @overload
    async def last_incoming_messages(
        self, minutes: int | None = None, *, skip_malformed: Literal[True]
    ) -> PartialMessages: ...
    async def last_incoming_messages(
        self, minutes: int | None = None, *, skip_malformed: bool = False
    ) -> list[Message] | PartialMessages:
        """Messages the account received in the last ``minutes`` minutes, newest first.

        The same kinds as ``last_outgoing_messages``, with ``type`` ``"incoming"``: who
        sent each is in ``sender_id``, ``sender_name`` and ``sender_contact_name``, and
        there is no ``status_message``.

        Args:
            minutes: the window, an int from 1 to 525,600. ``None`` sends no parameter,
                and the service uses its default of 1440 (24 hours).
            skip_malformed: leave out the entries that do not decode, and return them
                listed beside the others in a ``PartialMessages``, rather than raise.

        Returns:
            One object per journal entry, in the service's order. Entries of kinds this
            version does not model are ``UnknownMessage``. With ``skip_malformed=True``,
            a ``PartialMessages`` of them.

        Raises:
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            ResponseValidationError: the answer is not a JSON array, or (unless
                ``skip_malformed``) an entry of a known kind is malformed.
            GreenAPIError: the request failed; the subclass says how (see ``GreenAPIError``).

        """
        return await self._journal(LAST_INCOMING_MESSAGES, minutes, skip_malformed)

    def watch_outgoing(
        self,
        interval: float = 5.0,
        *,
        margin: float = 180.0,
        backfill: bool = False,
        chats: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
        statuses: Collection[MessageStatus | str] | None = None,
        state: Mapping[str, Any] | None = None,
        on_error: Callable[[GreenAPIError], None] | None = None,
        forget_after: float = 86_400.0,
    ) -> OutgoingWatcher:
        """Watch the outgoing journal: one event per new message and per status change.

        Use it as ``async for change in api.journals.watch_outgoing(): ...``, or inside
        ``async with`` to close it cleanly. Each poll asks for a window covering the time
        since the previous poll plus ``margin`` seconds (the service may take about two
        minutes to show an entry). Events of one poll come in timestamp order, and no
        (message, status) pair is reported twice.

        Args:
            interval: seconds between polls (at least 1); the client's pacing applies too.
            margin: extra seconds of journal asked for, for entries that appear late.
            backfill: report the messages already in the first window; by default they
                are only remembered, and their later status changes are reported.
            chats: report only these chat ids (a collection of strings, as are the
                two filters below).
            kinds: report only these kinds (``"textMessage"`` or ``"text"``, any case).
            statuses: report only when a message reaches one of these statuses.
            state: a ``watcher.state`` saved earlier, to resume without missing or
                repeating events (see ``OutgoingWatcher.state``).
            on_error: called with each transient error (400, 429, 499, 5xx, timeouts,
                connection errors, malformed answers), after which the watcher backs off
                and goes on; also, once per distinct problem, with a
                ``ResponseValidationError`` for journal entries left out as malformed.
                Any other error (authentication, permission, quota, another 4xx, a
                journal over ``max_response_bytes``) ends the iteration.
            forget_after: seconds after which a message the journal no longer shows is
                forgotten, so that memory stays bounded over weeks.

        """
        return OutgoingWatcher(
            self._for_watching(LAST_OUTGOING_MESSAGES),
            interval=interval,
            margin=margin,
            backfill=backfill,
            chats=chats,
            kinds=kinds,
            statuses=statuses,
            state=state,
            on_error=on_error,
            forget_after=forget_after,
        )

    def watch_incoming(
        self,
        interval: float = 5.0,
        *,
        margin: float = 180.0,
        backfill: bool = False,
        chats: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
        senders: Collection[str] | None = None,
        state: Mapping[str, Any] | None = None,
        on_error: Callable[[GreenAPIError], None] | None = None,
        forget_after: float = 86_400.0,
    ) -> IncomingWatcher:
        """Watch the incoming journal: one event per new message received.

        Use it as ``async for message in api.journals.watch_incoming(): ...``, or inside
        ``async with`` to close it cleanly. Each event is the message itself (a
        ``TextMessage``, ``ImageMessage``, ..., or ``UnknownMessage``), reported once,
        in timestamp order; polling, back-off and ``state`` work as for
        ``watch_outgoing``, whose machinery this shares.

        Args:
            interval: seconds between polls (at least 1); the client's pacing applies too.
            margin: extra seconds of journal asked for, for entries that appear late.
            backfill: report the messages already in the first window; by default they
                are only remembered.
            chats: report only messages in these chat ids (a collection of strings, as
                are the two filters below).
            kinds: report only these kinds (``"textMessage"`` or ``"text"``, any case).
            senders: report only messages from these ``sender_id``s (in a group, the
                participant who wrote).
            state: a ``watcher.state`` of an incoming watcher saved earlier, to resume
                without missing or repeating messages (see ``IncomingWatcher.state``);
                an outgoing watcher's is refused.
            on_error: called with each transient error, after which the watcher backs
                off and goes on, as for ``watch_outgoing``; any other error ends the
                iteration.
            forget_after: seconds after which a message the journal no longer shows is
                forgotten, so that memory stays bounded over weeks.

        """
        return IncomingWatcher(
            self._for_watching(LAST_INCOMING_MESSAGES),
            interval=interval,
            margin=margin,
            backfill=backfill,
            chats=chats,
            kinds=kinds,
            senders=senders,
            state=state,
            on_error=on_error,
            forget_after=forget_after,
        )
