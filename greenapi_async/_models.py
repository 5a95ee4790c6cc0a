"""The messages of the outgoing journal, as frozen attrs classes.

Field names are the snake_case of the wire keys (``idMessage`` -> ``id_message``). Each
known ``typeMessage`` has its own class; anything else becomes an ``UnknownMessage`` that
keeps the whole wire object, so a new kind the service starts sending never breaks a call.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

import attrs

__all__ = [
    "AudioMessage",
    "Contact",
    "ContactMessage",
    "DocumentMessage",
    "ExtendedText",
    "ExtendedTextMessage",
    "ImageMessage",
    "Location",
    "LocationMessage",
    "MessageStatus",
    "OutgoingMessage",
    "PollData",
    "PollMessage",
    "PollOption",
    "QuotedMessage",
    "StickerMessage",
    "TextMessage",
    "UnknownMessage",
    "VideoMessage",
]


class MessageStatus(str, enum.Enum):
    """The delivery statuses the service documents for an outgoing message.

    A status the service adds later is not an error: the message keeps it as the plain
    ``str`` it came as, so ``status_message`` is typed ``MessageStatus | str``. Members
    compare equal to their wire strings (``MessageStatus.READ == "read"``).
    """

    PENDING = "pending"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    NO_ACCOUNT = "noAccount"
    NOT_IN_GROUP = "notInGroup"
    YELLOW_CARD = "yellowCard"
    FAILED = "failed"

    # str() of a str-mixin enum is "MessageStatus.READ" before 3.11; the wire value reads
    # better in logs and f-strings on every version.
    __str__ = str.__str__


def _timestamp_utc(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


# ``raw`` is a read-only view (``types.MappingProxyType``), which pickle and deepcopy
# refuse. These two carry it as a plain dict and wrap it again, so messages still travel
# to worker processes and caches.
def _getstate_with_raw(self: Any) -> dict[str, Any]:
    state = {field.name: getattr(self, field.name) for field in attrs.fields(type(self))}
    state["raw"] = dict(state["raw"])
    return state


def _setstate_with_raw(self: Any, state: Mapping[str, Any]) -> None:
    # Field by field, as attrs does: a key another version wrote and this one lacks is
    # ignored.
    for field in attrs.fields(type(self)):
        if field.name in state:
            value = state[field.name]
            wrapped = MappingProxyType(dict(value)) if field.name == "raw" else value
            object.__setattr__(self, field.name, wrapped)  # frozen: as attrs does


@attrs.frozen
class QuotedMessage:
    """The message a reply quotes: its id, author and kind, plus every wire field in ``raw``."""

    stanza_id: str | None = attrs.field(default=None, kw_only=True)
    participant: str | None = attrs.field(default=None, kw_only=True)
    type_message: str | None = attrs.field(default=None, kw_only=True)
    # The quoted content has the fields of its own kind; they are kept as they came.
    raw: Mapping[str, Any] = attrs.field(factory=dict, kw_only=True, hash=False, repr=False)

    __getstate__ = _getstate_with_raw
    __setstate__ = _setstate_with_raw


@attrs.frozen(kw_only=True)
class _OutgoingMessageBase:
    """Fields every outgoing journal entry has, whatever its kind."""

    id_message: str
    timestamp: int
    status_message: MessageStatus | str
    chat_id: str
    type: str | None = None
    send_by_api: bool | None = None
    is_forwarded: bool | None = None
    forwarding_score: int | None = None
    is_edited: bool | None = None
    is_deleted: bool | None = None
    edited_message_id: str | None = None
    deleted_message_id: str | None = None
    quoted_message: QuotedMessage | None = None

    @property
    def timestamp_utc(self) -> datetime:
        """``timestamp`` (the time of the last action on the message) as an aware UTC datetime."""
        return _timestamp_utc(self.timestamp)


@attrs.frozen(kw_only=True)
class TextMessage(_OutgoingMessageBase):
    """A plain text message (``textMessage``)."""

    type_message: Literal["textMessage"] = attrs.field(default="textMessage", init=False)
    text_message: str | None = None


@attrs.frozen(kw_only=True)
class _MediaMessageBase(_OutgoingMessageBase):
    """Fields of a message that carries a file."""

    download_url: str | None = None
    caption: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class ImageMessage(_MediaMessageBase):
    """An image (``imageMessage``)."""

    type_message: Literal["imageMessage"] = attrs.field(default="imageMessage", init=False)


@attrs.frozen(kw_only=True)
class VideoMessage(_MediaMessageBase):
    """A video (``videoMessage``)."""

    type_message: Literal["videoMessage"] = attrs.field(default="videoMessage", init=False)


@attrs.frozen(kw_only=True)
class DocumentMessage(_MediaMessageBase):
    """A document file (``documentMessage``)."""

    type_message: Literal["documentMessage"] = attrs.field(default="documentMessage", init=False)


@attrs.frozen(kw_only=True)
class AudioMessage(_MediaMessageBase):
    """An audio file or voice note (``audioMessage``)."""

    type_message: Literal["audioMessage"] = attrs.field(default="audioMessage", init=False)


@attrs.frozen(kw_only=True)
class StickerMessage(_MediaMessageBase):
    """A sticker (``stickerMessage``); journals send it with the media fields."""

    type_message: Literal["stickerMessage"] = attrs.field(default="stickerMessage", init=False)


@attrs.frozen(kw_only=True)
class Location:
    """A geographic point with an optional name, address and map preview."""

    name_location: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class LocationMessage(_OutgoingMessageBase):
    """A location (``locationMessage``)."""

    type_message: Literal["locationMessage"] = attrs.field(default="locationMessage", init=False)
    location: Location | None = None


@attrs.frozen(kw_only=True)
class Contact:
    """A shared contact card."""

    display_name: str | None = None
    vcard: str | None = None


@attrs.frozen(kw_only=True)
class ContactMessage(_OutgoingMessageBase):
    """A contact card (``contactMessage``)."""

    type_message: Literal["contactMessage"] = attrs.field(default="contactMessage", init=False)
    contact: Contact | None = None


@attrs.frozen(kw_only=True)
class ExtendedText:
    """A text with a link preview."""

    text: str | None = None
    description: str | None = None
    title: str | None = None
    preview_type: str | None = None
    jpeg_thumbnail: str | None = attrs.field(default=None, repr=False)
    stanza_id: str | None = None
    participant: str | None = None


@attrs.frozen(kw_only=True)
class ExtendedTextMessage(_OutgoingMessageBase):
    """A text with a link preview (``extendedTextMessage``)."""

    type_message: Literal["extendedTextMessage"] = attrs.field(
        default="extendedTextMessage", init=False
    )
    text_message: str | None = None
    extended_text_message: ExtendedText | None = None


@attrs.frozen(kw_only=True)
class PollOption:
    """One answer a poll offers."""

    option_name: str


@attrs.frozen(kw_only=True)
class PollData:
    """A poll's question, answers and whether several answers may be chosen."""

    name: str | None = None
    options: tuple[PollOption, ...] = ()
    multiple_answers: bool | None = None


@attrs.frozen(kw_only=True)
class PollMessage(_OutgoingMessageBase):
    """A poll (``pollMessage``)."""

    type_message: Literal["pollMessage"] = attrs.field(default="pollMessage", init=False)
    poll_message_data: PollData | None = None


@attrs.frozen
class UnknownMessage:
    """A message whose ``typeMessage`` this version does not model, is empty, or is missing.

    ``raw`` holds the wire object exactly as it came, so nothing is lost. The common
    fields are read from it when they have the documented type, else they are ``None``.
    """

    type_message: str
    raw: Mapping[str, Any] = attrs.field(hash=False, repr=False)
    id_message: str | None = attrs.field(default=None, kw_only=True)
    timestamp: int | None = attrs.field(default=None, kw_only=True)
    status_message: MessageStatus | str | None = attrs.field(default=None, kw_only=True)
    chat_id: str | None = attrs.field(default=None, kw_only=True)

    __getstate__ = _getstate_with_raw
    __setstate__ = _setstate_with_raw

    @property
    def timestamp_utc(self) -> datetime | None:
        """``timestamp`` as an aware UTC datetime, or ``None`` when the entry had none."""
        return None if self.timestamp is None else _timestamp_utc(self.timestamp)


OutgoingMessage: TypeAlias = (
    TextMessage
    | ImageMessage
    | VideoMessage
    | DocumentMessage
    | AudioMessage
    | StickerMessage
    | LocationMessage
    | ContactMessage
    | ExtendedTextMessage
    | PollMessage
    | UnknownMessage
)
"""Any entry of the outgoing journal; ``match`` on the classes to tell kinds apart."""
