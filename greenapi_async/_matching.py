"""Whether a queued message or a journal entry is the one a send asked for.

The one place that defines a send's content, per method: the text of a ``sendMessage``,
the file's name and caption of a ``sendFileByUrl``, the coordinates of a
``sendLocation``, the phone of a ``sendContact``, the question and options of a
``sendPoll``. A journal entry of the same chat, sent by the API, with the same content,
and no older than the send, is taken for its message; a queued message, when its method
and every field of the body sent are the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from ._download import MediaMessage
from ._methods import SEND_CONTACT, SEND_FILE_BY_URL, SEND_LOCATION, SEND_MESSAGE, SEND_POLL
from ._models import (
    ContactMessage,
    ExtendedTextMessage,
    LocationMessage,
    Message,
    PollMessage,
    ReplyMessage,
    TextMessage,
)
from ._send_requests import SendRequest
from ._sent import QueuedMessage

__all__ = ["content_of_entry", "content_of_request", "is_in_journal", "is_queued"]

Content = tuple[Any, ...]


def _text_of_body(body: Mapping[str, Any]) -> Content:
    return ("text", body["message"])


def _file_of_body(body: Mapping[str, Any]) -> Content:
    return ("file", body["fileName"], body.get("caption") or "")


def _location_of_body(body: Mapping[str, Any]) -> Content:
    return ("location", float(body["latitude"]), float(body["longitude"]))


def _contact_of_body(body: Mapping[str, Any]) -> Content:
    return ("contact", str(body["contact"]["phoneContact"]))


def _poll_of_body(body: Mapping[str, Any]) -> Content:
    return ("poll", body["message"], tuple(option["optionName"] for option in body["options"]))


_CONTENT_OF_BODY: Final[Mapping[str, Callable[[Mapping[str, Any]], Content]]] = {
    SEND_MESSAGE.name: _text_of_body,
    SEND_FILE_BY_URL.name: _file_of_body,
    SEND_LOCATION.name: _location_of_body,
    SEND_CONTACT.name: _contact_of_body,
    SEND_POLL.name: _poll_of_body,
}


def content_of_request(request: SendRequest) -> Content:
    """What identifies the message of ``request`` among the chat's others."""
    return _CONTENT_OF_BODY[request.spec.name](request.body)


# The phone a contact's vCard carries: WhatsApp's "waid=" parameter, else its TEL line.
_WAID: Final = re.compile(r"waid=([0-9]+)")
_TEL: Final = re.compile(r"^TEL[^:\n]*:([+0-9 ()\-]+)$", re.MULTILINE)


def _phone_in(vcard: str | None) -> str | None:
    if not vcard:
        return None
    found = _WAID.search(vcard)
    if found:
        return found[1]
    tel = _TEL.search(vcard)
    return re.sub(r"[^0-9]", "", tel[1]) if tel else None


def content_of_entry(message: Message) -> Content | None:
    """The content of a journal entry, in the terms of ``content_of_request``; None if none."""
    if isinstance(message, (TextMessage, ExtendedTextMessage, ReplyMessage)):
        text = message.text_message
        if text is None and not isinstance(message, TextMessage):
            extended = message.extended_text_message
            text = extended.text if extended is not None else None
        return None if text is None else ("text", text)
    if isinstance(message, MediaMessage):
        return (
            None
            if message.file_name is None
            else ("file", message.file_name, message.caption or "")
        )
    if isinstance(message, LocationMessage):
        place = message.location
        if place is None or place.latitude is None or place.longitude is None:
            return None
        return ("location", float(place.latitude), float(place.longitude))
    if isinstance(message, ContactMessage):
        phone = _phone_in(message.contact.vcard if message.contact else None)
        return None if phone is None else ("contact", phone)
    if isinstance(message, PollMessage):
        poll = message.poll_message_data or message.poll_creation_message
        if poll is None:
            return None
        return ("poll", poll.name, tuple(option.option_name for option in poll.options))
    return None


def is_queued(queued: QueuedMessage, request: SendRequest) -> bool:
    """Whether a queued message is ``request``'s: the same method, every field sent the same."""
    if queued.method.lower() != request.spec.name.lower():
        return False
    return all(queued.body.get(key) == value for key, value in request.body.items())


def is_in_journal(message: Message, request: SendRequest, content: Content, since: float) -> bool:
    """Whether a journal entry is ``request``'s message, sent no earlier than ``since``.

    ``content`` is ``content_of_request(request)``. An entry's timestamp is the time of
    the latest action on the message, so an older message of the same content that
    changed status since may pass too: ids this client already holds are left out by the
    caller.
    """
    return (
        message.type == "outgoing"
        and message.send_by_api is True
        and message.chat_id == request.chat_id
        and message.timestamp is not None
        and message.timestamp >= since
        and content_of_entry(message) == content
    )
