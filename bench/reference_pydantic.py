"""The journal as pydantic v2 models with a discriminated union: what many users would pick.

Reference models for the benchmarks only; they mirror greenapi_async's classes (frozen,
strict types, the same kinds), without its unknown-kind fallback.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.alias_generators import to_camel


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, alias_generator=to_camel)


class _Base(_Model):
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


class TextMessage(_Base):
    type_message: Literal["textMessage"]
    text_message: str | None = None


class _Media(_Base):
    download_url: str | None = None
    caption: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    jpeg_thumbnail: str | None = None


class ImageMessage(_Media):
    type_message: Literal["imageMessage"]


class VideoMessage(_Media):
    type_message: Literal["videoMessage"]


class DocumentMessage(_Media):
    type_message: Literal["documentMessage"]


class AudioMessage(_Media):
    type_message: Literal["audioMessage"]


class Location(_Model):
    name_location: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    jpeg_thumbnail: str | None = None


class LocationMessage(_Base):
    type_message: Literal["locationMessage"]
    location: Location | None = None


class Contact(_Model):
    display_name: str | None = None
    vcard: str | None = None


class ContactMessage(_Base):
    type_message: Literal["contactMessage"]
    contact: Contact | None = None


class ExtendedText(_Model):
    text: str | None = None
    description: str | None = None
    title: str | None = None
    preview_type: str | None = None
    jpeg_thumbnail: str | None = None


class ExtendedTextMessage(_Base):
    type_message: Literal["extendedTextMessage"]
    text_message: str | None = None
    extended_text_message: ExtendedText | None = None


Message = Annotated[
    TextMessage
    | ImageMessage
    | VideoMessage
    | DocumentMessage
    | AudioMessage
    | LocationMessage
    | ContactMessage
    | ExtendedTextMessage,
    Field(discriminator="type_message"),
]

_adapter: TypeAdapter[list[Message]] = TypeAdapter(list[Message])


def decode(body: bytes) -> list[Message]:
    """Decode a journal body into pydantic models (pydantic parses the JSON itself)."""
    return _adapter.validate_json(body)
