"""What each send method asks of the service: its arguments checked, and its body.

Every argument is checked before any I/O, and named in the error as the method's
signature names it. A body holds the required fields and only the optional ones the
caller gave: an argument left None is not sent, and the service applies its default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from ._attrs_methods import AttrsMethods
from ._errors import InvalidArgumentError
from ._methods import (
    SEND_CONTACT,
    SEND_FILE_BY_URL,
    SEND_LOCATION,
    SEND_MESSAGE,
    SEND_POLL,
    MethodSpec,
)
from ._validation import (
    describe,
    validate_chat_id,
    validate_coordinate,
    validate_file_name,
    validate_flag,
    validate_http_url,
    validate_id_message,
    validate_phone,
    validate_text,
)

__all__ = [
    "SendRequest",
    "contact_request",
    "file_by_url_request",
    "location_request",
    "poll_request",
    "text_request",
]

# The service's documented limits.
MAX_TEXT_CHARS: Final = 20_000
MAX_QUESTION_CHARS: Final = 255
MIN_OPTIONS: Final = 2
MAX_OPTIONS: Final = 12
# Not documented; what WhatsApp shows of a poll option, a contact's name or a caption.
_MAX_FIELD_CHARS: Final = MAX_TEXT_CHARS


@attrs.frozen(eq=False, repr=False)
class SendRequest(AttrsMethods):
    """One send, checked: the method, the chat and the JSON body, the same at every attempt."""

    spec: MethodSpec
    chat_id: str
    body: Mapping[str, Any]


def _request(
    spec: MethodSpec, chat_id: object, quoted_message_id: object, **fields: Any
) -> SendRequest:
    checked_chat = validate_chat_id(chat_id)
    body: dict[str, Any] = {"chatId": checked_chat}
    body.update((key, value) for key, value in fields.items() if value is not None)
    if quoted_message_id is not None:
        body["quotedMessageId"] = validate_id_message(quoted_message_id, name="quoted_message_id")
    return SendRequest(spec, checked_chat, body)


def _optional_text(value: object, name: str) -> str | None:
    return None if value is None else validate_text(value, name=name, max_chars=_MAX_FIELD_CHARS)


def _optional_flag(value: object, name: str) -> bool | None:
    return None if value is None else validate_flag(name, value)


def text_request(
    chat_id: object, text: object, quoted_message_id: object, link_preview: object
) -> SendRequest:
    """``sendMessage``: ``message``, and ``linkPreview`` when given."""
    return _request(
        SEND_MESSAGE,
        chat_id,
        quoted_message_id,
        message=validate_text(text, name="text", max_chars=MAX_TEXT_CHARS),
        linkPreview=_optional_flag(link_preview, "link_preview"),
    )


def file_by_url_request(
    chat_id: object, url: object, file_name: object, caption: object, quoted_message_id: object
) -> SendRequest:
    """``sendFileByUrl``: ``urlFile``, ``fileName``, and ``caption`` when given."""
    return _request(
        SEND_FILE_BY_URL,
        chat_id,
        quoted_message_id,
        urlFile=validate_http_url(url, name="url"),
        fileName=validate_file_name(file_name),
        caption=_optional_text(caption, "caption"),
    )


def location_request(
    chat_id: object,
    latitude: object,
    longitude: object,
    name: object,
    address: object,
    quoted_message_id: object,
) -> SendRequest:
    """``sendLocation``: the coordinates, and ``nameLocation`` and ``address`` when given."""
    return _request(
        SEND_LOCATION,
        chat_id,
        quoted_message_id,
        latitude=validate_coordinate(latitude, name="latitude", limit=90),
        longitude=validate_coordinate(longitude, name="longitude", limit=180),
        nameLocation=_optional_text(name, "name"),
        address=_optional_text(address, "address"),
    )


def contact_request(
    chat_id: object, phone: object, names: Mapping[str, object], quoted_message_id: object
) -> SendRequest:
    """``sendContact``: a ``contact`` object, its ``phoneContact`` an integer.

    ``names`` are the optional ``first_name``, ``last_name``, ``middle_name`` and
    ``company`` arguments, by name.
    """
    contact: dict[str, Any] = {"phoneContact": validate_phone(phone)}
    for argument, key in _CONTACT_FIELDS.items():
        value = _optional_text(names.get(argument), argument)
        if value is not None:
            contact[key] = value
    return _request(SEND_CONTACT, chat_id, quoted_message_id, contact=contact)


_CONTACT_FIELDS: Final = {
    "first_name": "firstName",
    "last_name": "lastName",
    "middle_name": "middleName",
    "company": "company",
}


def poll_request(
    chat_id: object,
    question: object,
    options: object,
    multiple_answers: object,
    quoted_message_id: object,
) -> SendRequest:
    """``sendPoll``: the question as ``message``, ``options`` as ``[{"optionName": ...}]``."""
    checked_question = validate_text(question, name="question", max_chars=MAX_QUESTION_CHARS)
    names = _poll_options(options)
    return _request(
        SEND_POLL,
        chat_id,
        quoted_message_id,
        message=checked_question,
        options=[{"optionName": name} for name in names],
        multipleAnswers=validate_flag("multiple_answers", multiple_answers),
    )


def _poll_options(options: object) -> tuple[str, ...]:
    # A str is a sequence too, of characters: a likely slip for a list of one option.
    if isinstance(options, (str, bytes)) or not isinstance(options, Sequence):
        raise InvalidArgumentError(
            f"options must be a sequence of option names (str), not {describe(options)}"
        )
    names = tuple(
        validate_text(option, name=f"options[{index}]", max_chars=MAX_QUESTION_CHARS)
        for index, option in enumerate(options)
    )
    if not MIN_OPTIONS <= len(names) <= MAX_OPTIONS:
        raise InvalidArgumentError(
            f"options must hold {MIN_OPTIONS} to {MAX_OPTIONS} option names, not {len(names)}"
        )
    if len(set(names)) != len(names):
        repeated = next(name for name in names if names.count(name) > 1)
        raise InvalidArgumentError(f"options must be distinct: {repeated!r} is given twice")
    return names
