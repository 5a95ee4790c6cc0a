"""The journal methods: what the account sent and received."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from ._converter import (
    PartialMessages,
    WatchedJournal,
    decode_message,
    decode_messages,
    decode_messages_partially,
    decode_watched,
)
from ._errors import GreenAPIError
from ._methods import (
    GET_CHAT_HISTORY,
    GET_MESSAGE,
    LAST_INCOMING_MESSAGES,
    LAST_OUTGOING_MESSAGES,
    MethodSpec,
)
from ._models import Message, MessageStatus
from ._transport import Transport
from ._validation import (
    validate_chat_id,
    validate_count,
    validate_flag,
    validate_id_message,
    validate_minutes,
)

if TYPE_CHECKING:
    from ._watch import Fetch, IncomingWatcher, OutgoingWatcher

__all__ = ["Journals", "journal_fetch", "read_window"]


def journal_fetch(transport: Transport, spec: MethodSpec) -> Fetch:
    """How a watcher reads ``spec``'s journal; it asks for valid windows only."""

    async def fetch(
        minutes: int, reported: Mapping[str, Collection[str]], status_key: str | None
    ) -> WatchedJournal:
        # A malformed entry is left out (and reported) rather than failing the poll:
        # one odd entry must not hide every event while it stays in the window.
        body = await transport.request(spec, params={"minutes": minutes})
        return decode_watched(body, method=spec.name, reported=reported, status_key=status_key)

    return fetch


async def read_window(journals: Journals, spec: MethodSpec, minutes: int | None) -> list[Message]:
    """``spec``'s journal of the last ``minutes``, read as its method of ``journals`` does."""
    return cast("list[Message]", await journals._journal(spec, minutes, skip_malformed=False))


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
        params = {} if checked is None else {"minutes": checked}
        return await self._list(spec, skip_malformed, params=params)

    async def _list(
        self,
        spec: MethodSpec,
        skip_malformed: bool,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
    ) -> list[Message] | PartialMessages:
        """Call a method that answers a list of messages, and decode the list."""
        body = await self._transport.request(spec, params=params, json=json)
        if skip_malformed:
            return decode_messages_partially(body, method=spec.name)
        return decode_messages(body, method=spec.name)

    def __repr__(self) -> str:
        return f"<Journals of {self._transport.instance_url}>"

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

    @overload
    async def chat_history(
        self, chat_id: str, count: int | None = None, *, skip_malformed: Literal[False] = False
    ) -> list[Message]: ...
    @overload
    async def chat_history(
        self, chat_id: str, count: int | None = None, *, skip_malformed: Literal[True]
    ) -> PartialMessages: ...
    async def chat_history(
        self, chat_id: str, count: int | None = None, *, skip_malformed: bool = False
    ) -> list[Message] | PartialMessages:
        """The last ``count`` messages of one chat, of both directions, newest first.

        Each entry is typed by its direction: ``type`` is ``"outgoing"`` (with
        ``status_message``, which the service sends as ``""`` in a history, and
        ``send_by_api``) or ``"incoming"`` (with the sender fields). A history also holds
        the entries of edits, deletions, reactions and poll votes.

        Args:
            chat_id: the chat, as ``79001234567@c.us`` (a person), ``...@g.us`` (a
                group) or ``...@lid`` (a linked id).
            count: how many of the newest messages, an int >= 1. ``None`` sends no
                count, and the service uses its default of 100.
            skip_malformed: leave out the entries that do not decode, and return them
                listed beside the others in a ``PartialMessages``, rather than raise.

        Returns:
            One object per entry, in the service's order; with ``skip_malformed=True``,
            a ``PartialMessages`` of them. A chat the account has no messages in gives
            an empty list.

        Raises:
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            ResponseValidationError: the answer is not a JSON array (an empty body or
                ``{}`` is an empty history), or (unless ``skip_malformed``) an entry of a
                known kind is malformed.
            GreenAPIError: the request failed; the subclass says how (see ``GreenAPIError``).

        """
        body: dict[str, str | int] = {"chatId": validate_chat_id(chat_id)}
        checked = validate_count(count)
        if checked is not None:
            body["count"] = checked
        validate_flag("skip_malformed", skip_malformed)
        return await self._list(GET_CHAT_HISTORY, skip_malformed, json=body)

    async def get_message(self, chat_id: str, id_message: str) -> Message:
        """One message of a chat, of either direction, by its id.

        Args:
            chat_id: the chat the message is in, in the forms ``chat_history`` takes.
            id_message: the message's id, as ``Message.id_message`` gives it.

        Returns:
            The message, typed by its kind and direction, as ``chat_history`` gives it.

        Raises:
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            MessageNotFoundError: the chat has no message with that id (the service
                answers 400); a ``BadRequestError``.
            ResponseValidationError: the answer is not one message, or it is malformed.
            GreenAPIError: the request failed; the subclass says how (see ``GreenAPIError``).

        """
        body = {"chatId": validate_chat_id(chat_id), "idMessage": validate_id_message(id_message)}
        answer = await self._transport.request(GET_MESSAGE, json=body)
        return decode_message(answer, method=GET_MESSAGE.name)

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
                two filters below), each in a form ``chat_history`` takes.
            kinds: report only these kinds (``"textMessage"`` or ``"text"``, any case).
            statuses: report only when a message reaches one of these statuses (any
                case). A near miss of a known kind or status (``"delivred"``) raises
                ``InvalidArgumentError``; a new one the service may add is taken.
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
        # The watchers' modules are imported at their first use, as sending's are.
        from ._watch import OutgoingWatcher

        return OutgoingWatcher(
            journal_fetch(self._transport, LAST_OUTGOING_MESSAGES),
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
                are the two filters below), each in a form ``chat_history`` takes.
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
        from ._watch import IncomingWatcher

        return IncomingWatcher(
            journal_fetch(self._transport, LAST_INCOMING_MESSAGES),
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
