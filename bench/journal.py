"""Realistic journal bodies for benchmarks: mostly text, some media, a few rich messages."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import Any

import orjson

# The journals' newest timestamp, unless a body is asked for at another.
NOW = 1_764_000_000
# Makes one entry from the generator, the entry's number and the newest timestamp.
Entry = Callable[[random.Random, int, int], dict[str, Any]]

THUMBNAIL = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcU" * 8


def file_fields(
    kind: str,
    n: int,
    *,
    caption: str = "Receipt",
    extension: str = "bin",
    mime_type: str = "application/octet-stream",
) -> dict[str, Any]:
    """The fields of a file entry of ``kind`` (image, video, document, audio)."""
    return {
        "typeMessage": kind,
        "downloadUrl": f"https://media.sandbox.invalid/{n}.{extension}",
        "caption": caption,
        "fileName": f"{n}.{extension}",
        "mimeType": mime_type,
    }  # fmt: skip


def message(rng: random.Random, n: int, now: int) -> dict[str, Any]:
    """One entry of the mix: 70% text, 15% media, 15% location/contact/link with thumbnails."""
    entry: dict[str, Any] = {
        "idMessage": f"BAE5{rng.getrandbits(48):012X}",
        "timestamp": now - n * 7,
        "statusMessage": rng.choice(("pending", "sent", "delivered", "read", "read")),
        "chatId": f"7900{rng.randrange(10**7):07d}@c.us",
        "type": "outgoing",
        "sendByApi": True,
    }
    roll = rng.random()
    if roll < 0.70:
        entry.update(typeMessage="textMessage", textMessage=f"Your order #{n} has shipped 📦")
    elif roll < 0.85:
        kind = rng.choice(("imageMessage", "videoMessage", "documentMessage", "audioMessage"))
        entry.update(file_fields(kind, n))
    elif roll < 0.90:
        entry.update(
            typeMessage="locationMessage",
            location={
                "nameLocation": "Office",
                "address": "Moscow",
                "latitude": 55.75,
                "longitude": 37.61,
                "jpegThumbnail": THUMBNAIL,
            },
        )
    elif roll < 0.95:
        entry.update(
            typeMessage="contactMessage",
            contact={"displayName": "Support", "vcard": "BEGIN:VCARD\nFN:Support\nEND:VCARD"},
        )
    else:
        entry.update(
            typeMessage="extendedTextMessage",
            textMessage="https://green-api.com",
            extendedTextMessage={
                "text": "https://green-api.com",
                "description": "WhatsApp API",
                "title": "GREEN-API",
                "previewType": "NONE",
                "jpegThumbnail": THUMBNAIL,
            },
        )
    return entry


def journal_body(count: int, *, seed: int = 1, now: int = NOW) -> bytes:
    """A ``lastOutgoingMessages`` response body of ``count`` entries, newest first."""
    return _body(message, count, seed, now)


def live_message(rng: random.Random, n: int, now: int) -> dict[str, Any]:
    """One entry of the mix as the live service journals it (GREEN_API_NOTES, live traffic).

    Text sent through the API comes as ``extendedTextMessage``, its text repeated at the
    top level and a preview object of empty strings; the nested objects of extended
    text, contacts and locations say whether they were forwarded; every entry carries
    the edit and delete keys, empty strings where there is nothing to say.
    """
    entry = message(rng, n, now)
    entry.update(isEdited=False, isDeleted=False, editedMessageId="", deletedMessageId="")
    if entry["typeMessage"] == "textMessage":
        entry["typeMessage"] = "extendedTextMessage"
        preview = {"description": "", "title": "", "previewType": "None", "jpegThumbnail": ""}
        entry["extendedTextMessage"] = {"text": entry["textMessage"], **preview}
    for key in ("extendedTextMessage", "location", "contact"):
        if key in entry:
            entry[key].update(forwardingScore=0, isForwarded=False)
    return entry


def live_journal_body(count: int, *, seed: int = 3, now: int = NOW) -> bytes:
    """A ``lastOutgoingMessages`` body of ``count`` entries in the live shape, newest first."""
    return _body(live_message, count, seed, now)


def history_entry(rng: random.Random, n: int, now: int) -> dict[str, Any]:
    """One entry of a chat history as the live service sends it: both directions.

    Outgoing entries carry ``statusMessage: ""`` and the edit and delete keys; incoming
    ones the sender fields and no status; one in ten acts on another message (an edit, a
    reaction or a deletion).
    """
    entry = message(rng, n, now)
    entry.update(chatId="79001234567@c.us", deletedMessageId="", editedMessageId="")
    entry.update(isEdited=False, isDeleted=False)
    roll = rng.random()
    if roll < 0.1:
        target = f"BAE5{rng.getrandbits(48):012X}"
        kind = rng.choice(("editedMessage", "reactionMessage", "deletedMessage"))
        for key in ("textMessage", "extendedTextMessage", "location", "contact", "caption"):
            entry.pop(key, None)
        entry["typeMessage"] = kind
        if kind == "editedMessage":
            entry["editedMessageData"] = {"textMessage": "Corrected text", "stanzaId": target}
        elif kind == "reactionMessage":
            entry["extendedTextMessageData"] = {"text": "👍"}
            entry["quotedMessage"] = {"stanzaId": target, "participant": "79001234567@c.us"}
        else:
            entry["deletedMessageData"] = {"stanzaId": target}
    if rng.random() < 0.5:
        del entry["statusMessage"], entry["sendByApi"]
        entry.update(type="incoming", senderId="79001234567@c.us", senderName="Anna")
        entry["senderContactName"] = "Anna (shop)"
    else:
        entry["statusMessage"] = ""
    return entry


def history_body(count: int, *, seed: int = 2, now: int = NOW) -> bytes:
    """A ``getChatHistory`` response body of ``count`` entries of both directions."""
    return _body(history_entry, count, seed, now)


def poll_data(n: int) -> dict[str, Any]:
    """A poll's nested object, as the service journals ``pollMessage``."""
    return {
        "name": f"Delivery slot for order #{n}?",
        "options": [{"optionName": name} for name in ("10:00", "12:00", "15:00")],
        "multipleAnswers": False,
    }


def texting_message(rng: random.Random, n: int, now: int) -> dict[str, Any]:
    """One entry of a chattier mix in the live shape.

    45% text, 25% extended text (links with a preview), then image, document, location,
    contact and poll.
    """
    entry = live_message(rng, n, now)
    for key in ("textMessage", "extendedTextMessage", "location", "contact", "caption"):
        entry.pop(key, None)
    for key in ("downloadUrl", "fileName", "mimeType"):
        entry.pop(key, None)
    roll = rng.random()
    text = rng.choice(("Thanks! Your table is booked for 19:30.", "Order #{n} is on its way"))
    if roll < 0.45:
        entry.update(typeMessage="textMessage", textMessage=text.format(n=n))
    elif roll < 0.70:
        link = f"https://shop.example/orders/{n}"
        entry.update(typeMessage="extendedTextMessage", textMessage=link)
        entry["extendedTextMessage"] = {
            "text": link, "description": "Track your order", "title": "Shop",
            "previewType": "NONE", "jpegThumbnail": "", "forwardingScore": 0,
            "isForwarded": False,
        }  # fmt: skip
    elif roll < 0.80:
        kind = rng.choice(("imageMessage", "documentMessage"))
        entry.update(file_fields(kind, n, extension="jpg", mime_type="image/jpeg"))
    elif roll < 0.87:
        entry.update(
            typeMessage="locationMessage",
            location={"nameLocation": "Office", "address": "Moscow", "latitude": 55.75,
                      "longitude": 37.61, "jpegThumbnail": "", "forwardingScore": 0,
                      "isForwarded": False},
        )  # fmt: skip
    elif roll < 0.94:
        entry.update(
            typeMessage="contactMessage",
            contact={"displayName": "Support", "vcard": "BEGIN:VCARD\nFN:Support\nEND:VCARD",
                     "forwardingScore": 0, "isForwarded": False},
        )  # fmt: skip
    else:
        entry.update(typeMessage="pollMessage", pollMessageData=poll_data(n))
    return entry


def media_message(rng: random.Random, n: int, now: int) -> dict[str, Any]:
    """One entry of a media-heavy mix in the live shape.

    Four in five are files, with captions and thumbnails; the rest text.
    """
    entry = live_message(rng, n, now)
    if rng.random() < 0.8:
        for key in ("textMessage", "extendedTextMessage", "location", "contact"):
            entry.pop(key, None)
        kind = rng.choice(("imageMessage", "videoMessage", "documentMessage", "audioMessage"))
        entry.update(file_fields(kind, n, caption=f"Photo {n} of the delivery"))
        entry["jpegThumbnail"] = THUMBNAIL
    return entry


def incoming_message(rng: random.Random, n: int, now: int) -> dict[str, Any]:
    """One entry of ``lastIncomingMessages`` in the live shape.

    It has the sender fields, no status, and the edit and delete keys.
    """
    entry = live_message(rng, n, now)
    del entry["statusMessage"], entry["sendByApi"]
    sender = f"7900{rng.randrange(10**7):07d}@c.us"
    entry.update(type="incoming", chatId=sender, senderId=sender, senderName="Anna")
    entry["senderContactName"] = "Anna (shop)"
    return entry


def body_of(make: Entry, seed: int) -> Callable[[int], bytes]:
    """A body function of ``count`` entries made by ``make``, with its own ``seed``."""
    return functools.partial(_body, make, seed=seed, now=NOW)


def _body(make: Entry, count: int, seed: int, now: int) -> bytes:
    """A body of ``count`` entries made by ``make`` from a generator seeded with ``seed``."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    return orjson.dumps([make(rng, n, now) for n in range(count)])
