"""The content of journal entries of every kind, in wire format, for feeding the fake.

Each function returns the kind-specific part of the JSON object the service sends
(``typeMessage`` and the kind's own keys). ``FakeInstance.add`` completes it with the
common fields: ``idMessage``, ``timestamp``, ``statusMessage``, ``chatId``. Keyword
arguments in ``extra`` add or override wire keys (camelCase), e.g. ``isForwarded=True``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "api_text_message",
    "audio_message",
    "contact_message",
    "contacts_array_message",
    "deleted_message",
    "document_message",
    "edited_message",
    "extended_text_message",
    "group_invite_message",
    "image_message",
    "location_message",
    "poll_message",
    "poll_update_message",
    "reaction_message",
    "reply_message",
    "sticker_message",
    "text_message",
    "video_message",
]

WireMessage = dict[str, Any]
_THUMBNAIL = "/9j/4AAQSkZJRgABAQAAAQABAAD"
# A reserved top-level domain: a sandbox URL can never reach a real host.
_MEDIA_HOST = "https://media.sandbox.invalid"


def edit_flags(content: WireMessage) -> WireMessage:
    """The edit and delete keys the live service puts on an entry of this content.

    Every recorded entry carries them, empty, except a ``deletedMessage`` event.
    """
    if content.get("typeMessage") == "deletedMessage":
        return {}
    return {"deletedMessageId": "", "editedMessageId": "", "isEdited": False, "isDeleted": False}


def text_message(text: str = "Hello from the sandbox", **extra: Any) -> WireMessage:
    """A ``textMessage``."""
    return {"typeMessage": "textMessage", "textMessage": text, **extra}


def api_text_message(text: str = "Hello from the sandbox", **extra: Any) -> WireMessage:
    """Text sent through the API, as the live service journals it: an ``extendedTextMessage``.

    The text is in ``textMessage`` and again in ``extendedTextMessage.text``, beside an
    empty preview (``previewType`` ``"None"``).
    """
    preview = {
        "text": text,
        "description": "",
        "title": "",
        "previewType": "None",
        "jpegThumbnail": "",
        "forwardingScore": 0,
        "isForwarded": False,
    }
    return {
        "typeMessage": "extendedTextMessage",
        "textMessage": text,
        "extendedTextMessage": preview,
        **extra,
    }


def _media(kind: str, file_name: str, mime_type: str, caption: str | None) -> WireMessage:
    # As the live service sends media: every key at the top level, forwarding included.
    content: WireMessage = {
        "typeMessage": kind,
        "downloadUrl": f"{_MEDIA_HOST}/{file_name}",
        "fileName": file_name,
        "jpegThumbnail": "",
        "mimeType": mime_type,
        "isAnimated": False,
        "isForwarded": False,
        "forwardingScore": 0,
        "videoNote": False,
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
    caption: str | None = None,
    *,
    file_name: str = "clip.mp4",
    video_note: bool = False,
    **extra: Any,
) -> WireMessage:
    """A ``videoMessage``; ``video_note=True`` makes it a round video note."""
    content = _media("videoMessage", file_name, "video/mp4", caption)
    return {**content, "videoNote": video_note, **extra}


def document_message(
    caption: str | None = None, *, file_name: str = "invoice.pdf", **extra: Any
) -> WireMessage:
    """A ``documentMessage``."""
    return {**_media("documentMessage", file_name, "application/pdf", caption), **extra}


def audio_message(*, file_name: str = "voice.ogg", **extra: Any) -> WireMessage:
    """An ``audioMessage`` (a voice note)."""
    return {**_media("audioMessage", file_name, "audio/ogg; codecs=opus", None), **extra}


def sticker_message(
    *, file_name: str = "sticker.webp", is_animated: bool = False, **extra: Any
) -> WireMessage:
    """A ``stickerMessage``."""
    content = _media("stickerMessage", file_name, "image/webp", None)
    return {**content, "isAnimated": is_animated, **extra}


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
        # Extended text, contact and location entries say it inside, not at the top.
        "forwardingScore": 0,
        "isForwarded": False,
    }
    return {"typeMessage": "locationMessage", "location": location, **extra}


def contact_message(
    display_name: str = "Support", phone: str = "79001234567", **extra: Any
) -> WireMessage:
    """A ``contactMessage`` with a minimal vCard."""
    contact = {
        "displayName": display_name,
        "vcard": _vcard(display_name, phone),
        "forwardingScore": 0,
        "isForwarded": False,
    }
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
        "previewType": "None",
        "jpegThumbnail": _THUMBNAIL,
        "forwardingScore": 0,
        "isForwarded": False,
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


def _vcard(display_name: str, phone: str) -> str:
    # As recorded from the live service: the number, digits only, both as the WhatsApp id
    # (waid) and as the number to call.
    return (
        f"BEGIN:VCARD\nVERSION:3.0\nN:;;;\nFN:{display_name}\n"
        f"TEL;type=CELL;type=VOICE;waid={phone}:+{phone}\nEND:VCARD"
    )


def contacts_array_message(*contacts: tuple[str, str], **extra: Any) -> WireMessage:
    """A ``contactsArrayMessage`` of ``(display name, phone)`` pairs."""
    cards = [{"displayName": name, "vcard": _vcard(name, phone)} for name, phone in contacts]
    return {"typeMessage": "contactsArrayMessage", "contacts": cards, **extra}


def reply_message(
    text: str = "Thanks!", *, stanza_id: str, participant: str | None = None, **extra: Any
) -> WireMessage:
    """A reply in the legacy format: ``typeMessage`` ``quotedMessage``.

    The reply's text is ``textMessage``; the quoted message's id (``stanza_id``) and
    author are in ``extendedTextMessage``. A reply in the current format is any kind
    with ``quotedMessage={...}`` passed in ``extra``.
    """
    quoted = {"stanzaId": stanza_id, "participant": participant}
    return {
        "typeMessage": "quotedMessage",
        "textMessage": text,
        "extendedTextMessage": {key: value for key, value in quoted.items() if value is not None},
        **extra,
    }


def edited_message(text: str, *, stanza_id: str, **extra: Any) -> WireMessage:
    """An ``editedMessage``: the new ``text`` of the message whose id is ``stanza_id``."""
    data = {"textMessage": text, "stanzaId": stanza_id}
    return {"typeMessage": "editedMessage", "editedMessageData": data, **extra}


def deleted_message(*, stanza_id: str, **extra: Any) -> WireMessage:
    """A ``deletedMessage``: the deletion of the message whose id is ``stanza_id``.

    As recorded from the live service, it has no edit and delete flags of its own.
    """
    data = {"stanzaId": stanza_id}
    return {"typeMessage": "deletedMessage", "deletedMessageData": data, **extra}


def reaction_message(
    emoji: str = "👍", *, stanza_id: str, participant: str | None = None, **extra: Any
) -> WireMessage:
    """A ``reactionMessage``: ``emoji`` on the message whose id is ``stanza_id``."""
    quoted = {"stanzaId": stanza_id, "participant": participant}
    return {
        "typeMessage": "reactionMessage",
        "extendedTextMessageData": {"text": emoji},
        "quotedMessage": {key: value for key, value in quoted.items() if value is not None},
        **extra,
    }


def poll_update_message(
    name: str = "Lunch?",
    votes: Mapping[str, Sequence[str]] | None = None,
    *,
    stanza_id: str,
    multiple_answers: bool = False,
    **extra: Any,
) -> WireMessage:
    """A ``pollUpdateMessage``: who chose which answer of the poll ``stanza_id``.

    ``votes`` maps each answer to the ids of those who chose it.
    """
    chosen = votes if votes is not None else {"Pizza": ["79001234567@c.us"], "Sushi": []}
    data = {
        "stanzaId": stanza_id,
        "name": name,
        "votes": [
            {"optionName": option, "optionVoters": list(voters)}
            for option, voters in chosen.items()
        ],
        "multipleAnswers": multiple_answers,
    }
    return {"typeMessage": "pollUpdateMessage", "pollMessageData": data, **extra}


def group_invite_message(
    group_name: str = "Sandbox team",
    *,
    group_jid: str = "120363043968066561@g.us",
    invite_code: str = "AbCdEfGhIjKlMnOp",
    caption: str = "Join us",
    **extra: Any,
) -> WireMessage:
    """A ``groupInviteMessage``."""
    data = {
        "groupJid": group_jid,
        "inviteCode": invite_code,
        "inviteExpiration": "0",
        "groupName": group_name,
        "caption": caption,
        "name": "Sandbox",
        "jpegThumbnail": _THUMBNAIL,
    }
    return {"typeMessage": "groupInviteMessage", "groupInviteMessageData": data, **extra}
