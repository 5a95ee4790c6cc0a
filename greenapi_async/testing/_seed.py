"""Realistic, deterministic journals: every kind and status, person, group and @lid chats."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

from . import _factories as make
from ._factories import WireMessage

__all__ = [
    "EXAMPLE_MESSAGE_ID",
    "STATUS_PROGRESSION",
    "incoming_reply",
    "seeded_incoming",
    "seeded_messages",
]

STATUS_PROGRESSION = ("pending", "sent", "delivered", "read")
"""The statuses a message that goes well moves through, in order (``advance_status``)."""
_FAILURE_STATUSES = ("noAccount", "notInGroup", "yellowCard", "failed")

_FIRST_OF_EACH = 18  # entries that show each kind once

EXAMPLE_MESSAGE_ID = "BAE5F4886AFB3C57"
"""The id of every seeded journal's first message, a text to ``79001234567@c.us``.

The command's help and the docs show it (``message 79001234567@c.us BAE5F4886AFB3C57``),
so that the example works on the sandbox whatever its seed.
"""

# The newest entries, whatever the seed: the first outgoing ones (pending, sent,
# delivered, read) and the first incoming ones are minutes old, so that a short window
# (--minutes 10) shows messages too; the others spread over hours, so minutes matters.
_RECENT_OUTGOING = 4
_RECENT_INCOMING = 3
_RECENT_SECONDS = 10 * 60

_CHATS = (
    "79001234567@c.us",
    "79007654321@c.us",
    "4915112345678@c.us",
    "12025550123@c.us",
    "120363043968066561@g.us",
    "79001234567-1581234048@g.us",
    "12345678901234@lid",
    "98765432109876@lid",
)
_TEXTS = (
    "Your order #{n} has shipped 📦",
    "Привет! Ваш заказ №{n} доставлен.",
    "Ihre Bestellung {n} ist unterwegs.",
    "تم شحن طلبك رقم {n}",
    "Meeting moved to 15:00 — see you there 👋",
    "你好！订单 {n} 已发货。",  # noqa: RUF001 - real Chinese punctuation, on purpose
    "Reminder: appointment tomorrow at 10:30",
    "OTP code: {n}. Do not share it with anyone.",
)


def _stanza(n: int) -> str:
    """The id of the message the ``n``-th entry quotes, edits, deletes or reacts to."""
    return f"BAE5{n:012X}"


_Kind = Callable[[random.Random, int], WireMessage]
# One builder a kind, each given the generator and the entry's number. Built once: a
# sandbox seeds 40 entries, a load test 100,000.
_KINDS: tuple[_Kind, ...] = (
    lambda rng, n: make.text_message(rng.choice(_TEXTS).format(n=1000 + n)),
    lambda rng, n: make.image_message(f"Photo {n}", file_name=f"photo-{n}.jpg"),
    lambda rng, n: make.video_message(file_name=f"clip-{n}.mp4"),
    lambda rng, n: make.document_message("Invoice", file_name=f"invoice-{n}.pdf"),
    lambda rng, n: make.audio_message(file_name=f"voice-{n}.ogg"),
    lambda rng, n: make.sticker_message(),
    lambda rng, n: make.location_message(55.75 + rng.random() / 10, 37.6 + rng.random() / 10),
    lambda rng, n: make.contact_message("Support desk", "79001234567"),
    lambda rng, n: make.extended_text_message("https://green-api.com/docs/"),
    lambda rng, n: make.poll_message("Which time suits you?", ("10:00", "12:00", "15:00")),
    # Text sent through the API: the service journals it as extended text.
    lambda rng, n: make.api_text_message(rng.choice(_TEXTS).format(n=1000 + n)),
    lambda rng, n: make.contacts_array_message(
        ("Sales", "79001112233"), ("Support", "79004445566")
    ),
    lambda rng, n: make.reply_message("Yes, 12:00 works", stanza_id=_stanza(n)),
    lambda rng, n: make.edited_message("Meeting moved to 16:00", stanza_id=_stanza(n)),
    lambda rng, n: make.deleted_message(stanza_id=_stanza(n)),
    lambda rng, n: make.reaction_message("👍", stanza_id=_stanza(n)),
    lambda rng, n: make.poll_update_message(
        "Which time suits you?",
        {"10:00": [], "12:00": ["79001234567@c.us"], "15:00": []},
        stanza_id=_stanza(n),
    ),
    lambda rng, n: make.group_invite_message(),
)
_TEXT, _API_TEXT = _KINDS[0], _KINDS[10]


def _content(rng: random.Random, n: int) -> WireMessage:
    if n < len(_KINDS):
        # The first entries show every kind once; after that, mostly text, as in real life.
        return _KINDS[n](rng, n)
    if rng.random() < 0.6:
        return _TEXT(rng, n) if rng.random() < 0.5 else _API_TEXT(rng, n)
    return rng.choice(_KINDS)(rng, n)


# noAccount comes once, at _FIRST_OF_EACH (see _status); the others among the first.
_FIRST_STATUSES = (*STATUS_PROGRESSION, *(s for s in _FAILURE_STATUSES if s != "noAccount"))
_PROGRESSION_WEIGHTS = tuple(itertools.accumulate((1, 3, 4, 6)))  # pending ... read


def _status(rng: random.Random, n: int) -> str:
    if n == _FIRST_OF_EACH:
        return "noAccount"  # right after each kind has been shown once: see below
    # noAccount once, above: the service empties the kind of such an entry, which
    # would hide the kind it falls on among the first.
    if n < len(_FIRST_STATUSES):
        return _FIRST_STATUSES[n]
    return rng.choices(STATUS_PROGRESSION, cum_weights=_PROGRESSION_WEIGHTS)[0]


def _age(rng: random.Random, *, recent: bool, hours: int) -> int:
    """How many seconds old a seeded entry is: minutes if ``recent``, else up to ``hours``."""
    return rng.randrange(0, _RECENT_SECONDS if recent else hours * 3600)


def seeded_messages(count: int, *, seed: int, now: float) -> list[WireMessage]:
    """``count`` complete entries, the same for the same seed and ``now``.

    The first entries show every kind and every status within the last 20 hours (inside
    the default 24-hour window), the first four of them (pending, sent, delivered, read)
    within the last 10 minutes; the rest spread over 30 hours, so ``minutes`` matters.
    The first is a text to ``79001234567@c.us`` with the id ``EXAMPLE_MESSAGE_ID``.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    messages = []
    for n in range(count):
        content = _content(rng, n)
        status = _status(rng, n)
        age = _age(rng, recent=n < _RECENT_OUTGOING, hours=20 if n < _FIRST_OF_EACH else 30)
        drawn_id = f"BAE5{rng.getrandbits(48):012X}"  # drawn for each, the same after
        content.update(
            idMessage=EXAMPLE_MESSAGE_ID if n == 0 else drawn_id,
            timestamp=int(now) - age,
            statusMessage=status,
            chatId=_CHATS[n % len(_CHATS)] if n < len(_CHATS) else rng.choice(_CHATS),
            type="outgoing",
            sendByApi=True,
        )
        content = {**make.edit_flags(content), **content}
        if status == "noAccount":
            # What the service has sent for a number without WhatsApp.
            content["typeMessage"] = ""
        messages.append(content)
    return messages


_SENDERS = (
    ("79007654321@c.us", "Anna"),
    ("4915112345678@c.us", "Jonas"),
    ("12345678901234@lid", "Mei"),
    ("12025550123@c.us", "Sam"),
)
_REPLIES = (
    "Thanks, got it!",
    "Спасибо, получил.",
    "Can we move it to 16:00?",
    "👍",
    "Where is my order #{n}?",
)


_INCOMING_KINDS: tuple[_Kind, ...] = (
    lambda rng, n: make.text_message(rng.choice(_REPLIES).format(n=1000 + n)),
    lambda rng, n: make.image_message("Here it is", file_name=f"reply-{n}.jpg"),
    lambda rng, n: make.audio_message(file_name=f"voice-{n}.ogg"),
    lambda rng, n: make.location_message(55.7 + rng.random() / 10, 37.5 + rng.random() / 10),
    lambda rng, n: make.reaction_message("❤️", stanza_id=_stanza(n)),
    lambda rng, n: make.sticker_message(is_animated=True),
)


def _incoming_content(rng: random.Random, n: int) -> WireMessage:
    if n < len(_INCOMING_KINDS):
        return _INCOMING_KINDS[n](rng, n)
    if rng.random() < 0.7:
        return _INCOMING_KINDS[0](rng, n)
    return rng.choice(_INCOMING_KINDS)(rng, n)


def incoming_reply(rng: random.Random, n: int) -> WireMessage:
    """The ``n``-th realistic incoming message, without its id and time.

    People and a group write back: text mostly, some media, a location, a reaction.
    """
    sender, name = _SENDERS[n % len(_SENDERS)]
    in_group = rng.random() < 0.25
    content = _incoming_content(rng, n)
    content.update(
        type="incoming",
        chatId="120363043968066561@g.us" if in_group else sender,
        senderId=sender,
        senderName=name,
        senderContactName=name,
    )
    return content


def seeded_incoming(count: int, *, seed: int, now: float) -> list[WireMessage]:
    """``count`` realistic incoming entries, the same for the same seed and ``now``.

    They spread over the last 20 hours, the first three over the last 10 minutes.
    """
    rng = random.Random(seed + 1)  # noqa: S311 - reproducible test data, not secrets
    messages = []
    for n in range(count):
        content = incoming_reply(rng, n)
        content.update(
            idMessage=f"{rng.getrandbits(128):032X}",
            timestamp=int(now) - _age(rng, recent=n < _RECENT_INCOMING, hours=20),
        )
        messages.append({**make.edit_flags(content), **content})
    return messages
