"""The journal as msgspec Structs with a tagged union: the fastest typed decoder we know.

Reference models for the benchmarks only; they mirror greenapi_async's classes (frozen,
strict types, the same kinds), without its unknown-kind fallback.
"""

from __future__ import annotations

import msgspec


class _Base(msgspec.Struct, frozen=True, tag_field="typeMessage", rename="camel"):
    id_message: str
    timestamp: int
    status_message: str
    chat_id: str
    type: str | None = None
    send_by_api: bool | None = None
    is_forwarded: bool | None = None
    forwarding_score: int | None = None
    is_edited: bool | None = None
    is_deleted: bool | None = None
    edited_message_id: str | None = None
    deleted_message_id: str | None = None


class TextMessage(_Base, frozen=True, tag="textMessage"):
    text_message: str | None = None


class _Media(_Base, frozen=True):
    download_url: str | None = None
    caption: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    jpeg_thumbnail: str | None = None


class ImageMessage(_Media, frozen=True, tag="imageMessage"):
    pass


class VideoMessage(_Media, frozen=True, tag="videoMessage"):
    pass


class DocumentMessage(_Media, frozen=True, tag="documentMessage"):
    pass


class AudioMessage(_Media, frozen=True, tag="audioMessage"):
    pass


class Location(msgspec.Struct, frozen=True, rename="camel"):
    name_location: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    jpeg_thumbnail: str | None = None


class LocationMessage(_Base, frozen=True, tag="locationMessage"):
    location: Location | None = None


class Contact(msgspec.Struct, frozen=True, rename="camel"):
    display_name: str | None = None
    vcard: str | None = None


class ContactMessage(_Base, frozen=True, tag="contactMessage"):
    contact: Contact | None = None


class ExtendedText(msgspec.Struct, frozen=True, rename="camel"):
    text: str | None = None
    description: str | None = None
    title: str | None = None
    preview_type: str | None = None
    jpeg_thumbnail: str | None = None


class ExtendedTextMessage(_Base, frozen=True, tag="extendedTextMessage"):
    text_message: str | None = None
    extended_text_message: ExtendedText | None = None


Message = (
    TextMessage
    | ImageMessage
    | VideoMessage
    | DocumentMessage
    | AudioMessage
    | LocationMessage
    | ContactMessage
    | ExtendedTextMessage
)

_decoder = msgspec.json.Decoder(list[Message])


def decode(body: bytes) -> list[Message]:
    """Decode a journal body into msgspec Structs."""
    return _decoder.decode(body)
