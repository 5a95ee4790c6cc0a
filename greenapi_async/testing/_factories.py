"""The content of journal entries of every kind, in wire format, for feeding the fake.

Each function returns the kind-specific part of the JSON object the service sends
(``typeMessage`` and the kind's own keys). ``FakeInstance.add`` completes it with the
common fields: ``idMessage``, ``timestamp``, ``statusMessage``, ``chatId``. Keyword
arguments in ``extra`` add or override wire keys (camelCase), e.g. ``isForwarded=True``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "audio_message",
    "contact_message",
    "document_message",
    "extended_text_message",
    "image_message",
    "location_message",
    "poll_message",
    "sticker_message",
    "text_message",
    "video_message",
]

WireMessage = dict[str, Any]
_THUMBNAIL = "/9j/4AAQSkZJRgABAQAAAQABAAD"
# A reserved top-level domain: a sandbox URL can never reach a real host.
_MEDIA_HOST = "https://media.sandbox.invalid"


def text_message(text: str = "Hello from the sandbox", **extra: Any) -> WireMessage:
    """A ``textMessage``."""
    return {"typeMessage": "textMessage", "textMessage": text, **extra}


def _media(kind: str, file_name: str, mime_type: str, caption: str | None) -> WireMessage:
    content: WireMessage = {
        "typeMessage": kind,
        "downloadUrl": f"{_MEDIA_HOST}/{file_name}",
        "fileName": file_name,
        "mimeType": mime_type,
    }
    if caption is not None:
        content["caption"] = caption
    return content


def image_message(
    caption: str | None = None, *, file_name: str = "photo.jpg", **extra: Any
) -> WireMessage:
    """An ``imageMessage``."""
    return {**_media("imageMessage", file_name, "image/jpeg", caption), **extra}


def video_message(
    caption: str | None = None, *, file_name: str = "clip.mp4", **extra: Any
) -> WireMessage:
    """A ``videoMessage``."""
    return {**_media("videoMessage", file_name, "video/mp4", caption), **extra}


def document_message(
    caption: str | None = None, *, file_name: str = "invoice.pdf", **extra: Any
) -> WireMessage:
    """A ``documentMessage``."""
    return {**_media("documentMessage", file_name, "application/pdf", caption), **extra}


def audio_message(*, file_name: str = "voice.ogg", **extra: Any) -> WireMessage:
    """An ``audioMessage`` (a voice note)."""
    return {**_media("audioMessage", file_name, "audio/ogg; codecs=opus", None), **extra}


def sticker_message(*, file_name: str = "sticker.webp", **extra: Any) -> WireMessage:
    """A ``stickerMessage``."""
    return {**_media("stickerMessage", file_name, "image/webp", None), **extra}


def location_message(
    latitude: float = 55.7539,
    longitude: float = 37.6208,
    *,
    name: str = "Red Square",
    address: str = "Moscow, 109012",
    **extra: Any,
) -> WireMessage:
    """A ``locationMessage``."""
    location = {
        "nameLocation": name,
        "address": address,
        "latitude": latitude,
        "longitude": longitude,
        "jpegThumbnail": _THUMBNAIL,
    }
    return {"typeMessage": "locationMessage", "location": location, **extra}


def contact_message(
    display_name: str = "Support", phone: str = "79001234567", **extra: Any
) -> WireMessage:
    """A ``contactMessage`` with a minimal vCard."""
    vcard = (
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{display_name}\n"
        f"TEL;type=CELL;waid={phone}:+{phone}\nEND:VCARD"
    )
    contact = {"displayName": display_name, "vcard": vcard}
    return {"typeMessage": "contactMessage", "contact": contact, **extra}


def extended_text_message(
    url: str = "https://green-api.com",
    *,
    title: str = "GREEN-API",
    description: str = "WhatsApp API gateway",
    **extra: Any,
) -> WireMessage:
    """An ``extendedTextMessage``: a link with its preview."""
    preview = {
        "text": url,
        "description": description,
        "title": title,
        "previewType": "NONE",
        "jpegThumbnail": _THUMBNAIL,
    }
    return {
        "typeMessage": "extendedTextMessage",
        "textMessage": url,
        "extendedTextMessage": preview,
        **extra,
    }


def poll_message(
    name: str = "Lunch?",
    options: tuple[str, ...] = ("Pizza", "Sushi"),
    *,
    multiple_answers: bool = False,
    **extra: Any,
) -> WireMessage:
    """A ``pollMessage``."""
    data = {
        "name": name,
        "options": [{"optionName": option} for option in options],
        "multipleAnswers": multiple_answers,
    }
    return {"typeMessage": "pollMessage", "pollMessageData": data, **extra}
