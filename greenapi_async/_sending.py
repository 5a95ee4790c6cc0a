"""The send methods: each message sent exactly once, even when an answer is lost."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ._delivery import DeliveryTracker
from ._exactly_once import ExactlyOnce
from ._journals import journal_fetch
from ._methods import LAST_OUTGOING_MESSAGES, SHOW_MESSAGES_QUEUE
from ._models import Message, MessageStatus
from ._send_answers import decode_queue
from ._send_requests import (
    SendRequest,
    contact_request,
    file_by_url_request,
    location_request,
    poll_request,
    text_request,
)
from ._sent import QueuedMessage, SentMessage
from ._transport import Transport
from ._validation import validate_confirm_within

__all__ = ["Sending"]

_SEE_SENDING = "docs/sending.md"


class Sending:
    """Send methods of one instance; reached as ``GreenAPI.sending``.

    Every send returns a ``SentMessage`` once the service has certainly taken the
    message, and sends it at most once however its answers are lost: a send whose answer
    was lost is looked for in the send queue and the outgoing journal for
    ``confirm_within`` seconds before it is sent again (see ``send_text``).
    """

    def __init__(self, transport: Transport, *, max_retries: int, confirm_within: float) -> None:
        self._transport = transport
        self._confirm_within = confirm_within
        self._once = ExactlyOnce(transport, max_sends=1 + max_retries)
        self._tracker = DeliveryTracker(journal_fetch(transport, LAST_OUTGOING_MESSAGES))

    def __repr__(self) -> str:
        return f"<Sending of {self._transport.instance_url}>"

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

    async def _send(self, request: SendRequest, confirm_within: float | None) -> SentMessage:
        seconds = (
            self._confirm_within
            if confirm_within is None
            else validate_confirm_within(confirm_within)
        )
        return await self._once.send(request, confirm_within=seconds)

    async def send_text(
        self,
        chat_id: str,
        text: str,
        *,
        quoted_message_id: str | None = None,
        link_preview: bool | None = None,
        confirm_within: float | None = None,
    ) -> SentMessage:
        """Send a text message (``sendMessage``), exactly once.

        The service journals it as an ``extendedTextMessage`` (a ``quotedMessage`` when
        it quotes one), with ``send_by_api`` True.

        Args:
            chat_id: the chat, as ``79001234567@c.us`` (a person), ``...@g.us`` (a
                group) or ``...@lid``.
            text: 1 to 20,000 characters.
            quoted_message_id: the id of a message of the same chat to reply to.
            link_preview: whether to show a preview of a link in the text; the
                service's default (True) when None.
            confirm_within: seconds to look for the message when a send's answer is
                lost, before sending it again; 0 never resends an unknown outcome but
                raises ``SendNotConfirmedError`` at once. Default: the client's
                ``confirm_within`` (150).

        Returns:
            The message's id, and how it was confirmed (``confirmed_by``).

        Raises:
            InvalidArgumentError: an argument is wrong (checked before any I/O).
            SendNotConfirmedError: the outcome stayed unknown: answers were lost and the
                message was not found after ``1 + max_retries`` sends.
            GreenAPIError: the service refused the message (a ``BadRequestError`` says
                why), or the request failed where it certainly did not reach it.

        """
        request = text_request(chat_id, text, quoted_message_id, link_preview)
        return await self._send(request, confirm_within)

    async def send_file_by_url(
        self,
        chat_id: str,
        url: str,
        file_name: str,
        *,
        caption: str | None = None,
        quoted_message_id: str | None = None,
        confirm_within: float | None = None,
    ) -> SentMessage:
        """Send a file the service fetches from ``url`` (``sendFileByUrl``), exactly once.

        Args:
            chat_id: the chat, in the forms ``send_text`` takes.
            url: an absolute http(s) URL of the file.
            file_name: its name with an extension (``report.pdf``): the extension
                decides how WhatsApp shows it (image, video, audio or document).
            caption: text under the file.
            quoted_message_id: the id of a message of the same chat to reply to.
            confirm_within: as for ``send_text``.

        Returns:
            The message's id, and how it was confirmed.

        Raises:
            InvalidArgumentError, SendNotConfirmedError, GreenAPIError: as ``send_text``.

        """
        request = file_by_url_request(chat_id, url, file_name, caption, quoted_message_id)
        return await self._send(request, confirm_within)

    async def send_location(
        self,
        chat_id: str,
        latitude: float,
        longitude: float,
        *,
        name: str | None = None,
        address: str | None = None,
        quoted_message_id: str | None = None,
        confirm_within: float | None = None,
    ) -> SentMessage:
        """Send a place on the map (``sendLocation``), exactly once.

        Args:
            chat_id: the chat, in the forms ``send_text`` takes.
            latitude: -90 to 90, an int or a float.
            longitude: -180 to 180, an int or a float.
            name: the place's name.
            address: its address.
            quoted_message_id: the id of a message of the same chat to reply to.
            confirm_within: as for ``send_text``.

        Returns:
            The message's id, and how it was confirmed.

        Raises:
            InvalidArgumentError, SendNotConfirmedError, GreenAPIError: as ``send_text``.

        """
        request = location_request(chat_id, latitude, longitude, name, address, quoted_message_id)
        return await self._send(request, confirm_within)

    async def send_contact(
        self,
        chat_id: str,
        phone: int | str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        middle_name: str | None = None,
        company: str | None = None,
        quoted_message_id: str | None = None,
        confirm_within: float | None = None,
    ) -> SentMessage:
        """Send a contact card (``sendContact``), exactly once.

        Args:
            chat_id: the chat, in the forms ``send_text`` takes.
            phone: the contact's number in digits only, an int or a str
                (``79001234567``); sent as the integer ``phoneContact``.
            first_name: the contact's first name.
            last_name: the contact's last name.
            middle_name: the contact's middle name.
            company: the contact's company.
            quoted_message_id: the id of a message of the same chat to reply to.
            confirm_within: as for ``send_text``.

        Returns:
            The message's id, and how it was confirmed.

        Raises:
            InvalidArgumentError, SendNotConfirmedError, GreenAPIError: as ``send_text``.

        """
        names = {
            "first_name": first_name,
            "last_name": last_name,
            "middle_name": middle_name,
            "company": company,
        }
        request = contact_request(chat_id, phone, names, quoted_message_id)
        return await self._send(request, confirm_within)

    async def send_poll(
        self,
        chat_id: str,
        question: str,
        options: Sequence[str],
        *,
        multiple_answers: bool = False,
        quoted_message_id: str | None = None,
        confirm_within: float | None = None,
    ) -> SentMessage:
        """Send a poll (``sendPoll``), exactly once.

        Args:
            chat_id: the chat, in the forms ``send_text`` takes.
            question: 1 to 255 characters.
            options: 2 to 12 distinct, non-empty option names (str).
            multiple_answers: whether one may choose several options.
            quoted_message_id: the id of a message of the same chat to reply to.
            confirm_within: as for ``send_text``.

        Returns:
            The message's id, and how it was confirmed.

        Raises:
            InvalidArgumentError, SendNotConfirmedError, GreenAPIError: as ``send_text``.

        """
        request = poll_request(chat_id, question, options, multiple_answers, quoted_message_id)
        return await self._send(request, confirm_within)

    async def queue(self) -> list[QueuedMessage]:
        """The messages waiting in the send queue (``showMessagesQueue``), oldest first.

        The service lists at most the first 500. A message waits there until the
        instance sends it, at its sending interval, and up to 24 hours while the phone
        is not authorized.

        Raises:
            ResponseValidationError: the answer is not a list of queued messages.
            GreenAPIError: the request failed; the subclass says how.

        """
        body = await self._transport.request(SHOW_MESSAGES_QUEUE)
        return decode_queue(body, method=SHOW_MESSAGES_QUEUE.name)

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
