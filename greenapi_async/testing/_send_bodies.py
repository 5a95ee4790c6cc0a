"""What a send's body means to the fake: the service's checks, and the entry it becomes.

``read_send`` checks the JSON body of one of the five send methods as the service does
and returns the content of the journal entry the message will have once sent, built by
the same factories a test uses. A body the service would refuse raises ``RefusedBodyError``,
whose text is the part of the service's 400 after "Validation failed. Details: ".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs

from .._errors import InvalidArgumentError
from .._validation import validate_chat_id
from ._factories import (
    WireMessage,
    api_text_message,
    audio_message,
    contact_message,
    document_message,
    image_message,
    location_message,
    poll_message,
    video_message,
)

__all__ = ["OWN_CHAT_ID", "RefusedBodyError", "SendRead", "read_send"]

# The instance's own WhatsApp id: the author of its messages when a reply quotes one.
OWN_CHAT_ID: Final = "79990000000@c.us"
MAX_TEXT: Final = 20_000
MAX_QUESTION: Final = 255
MAX_OPTIONS: Final = 12

# The kind of message and the MIME type a file is sent as, by its extension; any other
# file goes as a document.
_FILE_KINDS: Final[Mapping[str, tuple[str, str]]] = {
    "jpg": ("imageMessage", "image/jpeg"),
    "jpeg": ("imageMessage", "image/jpeg"),
    "png": ("imageMessage", "image/png"),
    "gif": ("imageMessage", "image/gif"),
    "webp": ("imageMessage", "image/webp"),
    "mp4": ("videoMessage", "video/mp4"),
    "3gp": ("videoMessage", "video/3gpp"),
    "mp3": ("audioMessage", "audio/mpeg"),
    "ogg": ("audioMessage", "audio/ogg"),
    "oga": ("audioMessage", "audio/ogg"),
    "pdf": ("documentMessage", "application/pdf"),
}
_OTHER_FILE: Final = ("documentMessage", "application/octet-stream")
# Keys of an entry that belong to the entry, not to its content: a quote leaves them out.
_ENVELOPE: Final = frozenset(
    {
        "idMessage",
        "timestamp",
        "statusMessage",
        "chatId",
        "type",
        "sendByApi",
        "senderId",
        "senderName",
        "senderContactName",
        "quotedMessage",
    }
)

FindQuoted = Callable[[str, str], "WireMessage | None"]
"""Looks up a message by chat id and message id, as a quote needs it."""


class RefusedBodyError(ValueError):
    """A send body the service answers with 400; the text names the field and the rule."""


@attrs.frozen
class SendRead:
    """A send body that passed the checks: where it goes and what it will be journalled as."""

    chat_id: str
    content: WireMessage


def read_send(method: str, body: Mapping[str, Any], find_quoted: FindQuoted) -> SendRead:
    """Check the body of send ``method`` and build its entry's content.

    ``find_quoted`` finds the message a ``quotedMessageId`` names; it must be in the chat
    the message goes to. A body the service would refuse raises ``RefusedBodyError``.
    """
    chat_id = _chat_id(body)
    content = _CONTENT[method](body)
    quoted_id = _optional(body, "quotedMessageId", str)
    if quoted_id is not None:
        quoted = find_quoted(chat_id, quoted_id)
        if quoted is None:
            raise RefusedBodyError(
                f"'quotedMessageId' {quoted_id!r} is not a message of chat {chat_id!r}"
            )
        content = _replying(content, quoted)
    return SendRead(chat_id, content)


def _chat_id(body: Mapping[str, Any]) -> str:
    value = _required(body, "chatId")
    try:
        return validate_chat_id(value, name="'chatId'")
    except InvalidArgumentError as error:
        raise RefusedBodyError(str(error)) from None


def _text(body: Mapping[str, Any]) -> WireMessage:
    message = _string(body, "message", MAX_TEXT)
    _optional(body, "linkPreview", bool)
    return api_text_message(message)


def _file(body: Mapping[str, Any]) -> WireMessage:
    url = _string(body, "urlFile")
    if not url.startswith(("http://", "https://")):
        raise RefusedBodyError("'urlFile' must be a valid uri")
    file_name = _string(body, "fileName")
    caption = _optional(body, "caption", str)
    extension = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    kind, mime_type = _FILE_KINDS.get(extension, _OTHER_FILE)
    if kind == "audioMessage":  # a voice message has no caption
        return audio_message(file_name=file_name, downloadUrl=url, mimeType=mime_type)
    if kind == "imageMessage":
        content = image_message(caption, file_name=file_name)
    elif kind == "videoMessage":
        content = video_message(caption, file_name=file_name)
    else:
        content = document_message(caption, file_name=file_name)
    return {**content, "downloadUrl": url, "mimeType": mime_type}


def _location(body: Mapping[str, Any]) -> WireMessage:
    latitude = _number(body, "latitude", 90)
    longitude = _number(body, "longitude", 180)
    name = _optional(body, "nameLocation", str) or ""
    address = _optional(body, "address", str) or ""
    return location_message(latitude, longitude, name=name, address=address)


def _contact(body: Mapping[str, Any]) -> WireMessage:
    contact = _required(body, "contact")
    if not isinstance(contact, Mapping):
        raise RefusedBodyError("'contact' must be of type object")
    phone = _required(contact, "phoneContact", "contact.phoneContact")
    if type(phone) is not int or phone <= 0:
        raise RefusedBodyError("'contact.phoneContact' must be a positive integer")
    names = [
        _optional(contact, key, str, f"contact.{key}")
        for key in ("firstName", "middleName", "lastName")
    ]
    company = _optional(contact, "company", str, "contact.company")
    display_name = " ".join(name for name in names if name) or company or f"+{phone}"
    return contact_message(display_name, str(phone))


def _poll(body: Mapping[str, Any]) -> WireMessage:
    question = _string(body, "message", MAX_QUESTION)
    options = _required(body, "options")
    if not isinstance(options, list):
        raise RefusedBodyError("'options' must be an array")
    if not 1 <= len(options) <= MAX_OPTIONS:
        raise RefusedBodyError(f"'options' must contain from 1 to {MAX_OPTIONS} items")
    names: list[str] = []
    for n, option in enumerate(options):
        if not isinstance(option, Mapping):
            raise RefusedBodyError(f"'options[{n}]' must be of type object")
        name = _string(option, "optionName", shown=f"options[{n}].optionName")
        if name in names:
            raise RefusedBodyError(f"'options[{n}]' contains a duplicate value")
        names.append(name)
    multiple = _optional(body, "multipleAnswers", bool) or False
    return poll_message(question, tuple(names), multiple_answers=multiple)


_CONTENT: Final[Mapping[str, Callable[[Mapping[str, Any]], WireMessage]]] = {
    "sendMessage": _text,
    "sendFileByUrl": _file,
    "sendLocation": _location,
    "sendContact": _contact,
    "sendPoll": _poll,
}


def _replying(content: WireMessage, quoted: WireMessage) -> WireMessage:
    """The content as a reply to ``quoted``, in the shape the service journals replies."""
    participant = quoted.get("senderId") if quoted.get("type") == "incoming" else OWN_CHAT_ID
    quote = {
        **{key: value for key, value in quoted.items() if key not in _ENVELOPE},
        "stanzaId": quoted.get("idMessage"),
        "participant": participant,
        # As recorded live: the quote's own direction is left empty.
        "type": "",
    }
    if content["typeMessage"] != "extendedTextMessage":
        return {**content, "quotedMessage": quote}
    # Text replying to a message is journalled as the legacy reply kind, the quoted id
    # and author also beside the text.
    text = {**content["extendedTextMessage"], "stanzaId": quote["stanzaId"]}
    text["participant"] = participant
    return {
        **content,
        "typeMessage": "quotedMessage",
        "extendedTextMessage": text,
        "quotedMessage": quote,
    }


def _required(body: Mapping[str, Any], key: str, shown: str | None = None) -> Any:
    if key not in body or body[key] is None:
        raise RefusedBodyError(f"'{shown or key}' is required")
    return body[key]


def _string(
    body: Mapping[str, Any], key: str, max_length: int | None = None, *, shown: str | None = None
) -> str:
    value = _required(body, key, shown)
    shown = shown or key
    if not isinstance(value, str):
        raise RefusedBodyError(f"'{shown}' must be a string")
    if not value:
        raise RefusedBodyError(f"'{shown}' is not allowed to be empty")
    if max_length is not None and len(value) > max_length:
        raise RefusedBodyError(
            f"'{shown}' length must be less than or equal to {max_length} characters long"
        )
    return value


_TYPE_NAMES: Final = {str: "a string", bool: "a boolean"}
_T = TypeVar("_T")


def _optional(
    body: Mapping[str, Any], key: str, kind: type[_T], shown: str | None = None
) -> _T | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, kind):
        raise RefusedBodyError(f"'{shown or key}' must be {_TYPE_NAMES[kind]}")
    return value


def _number(body: Mapping[str, Any], key: str, limit: float) -> float:
    value = _required(body, key)
    # bool is an int to Python, never a coordinate to the service.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RefusedBodyError(f"'{key}' must be a number")
    if not -limit <= value <= limit:
        raise RefusedBodyError(f"'{key}' must be between -{limit} and {limit}")
    return float(value)
