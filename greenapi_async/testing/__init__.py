"""Test your bot without a Green API account and without network: a faithful fake.

``FakeGreenAPI`` is an ASGI application that speaks the journals' and the send methods'
routes and behaviour. Script it (messages, statuses, clock, sending, faults), then talk
to it in-process with ``fake.connect()`` or over real HTTP with ``serve(fake)``. The
pytest fixtures ``green_api_fake``, ``green_api_client`` and ``green_api_server`` come
with the package.
"""

from ._clock import FakeClock
from ._factories import (
    api_text_message,
    audio_message,
    contact_message,
    contacts_array_message,
    deleted_message,
    document_message,
    edited_message,
    extended_text_message,
    group_invite_message,
    image_message,
    location_message,
    poll_message,
    poll_update_message,
    reaction_message,
    reply_message,
    sticker_message,
    text_message,
    video_message,
)
from ._fake import FakeGreenAPI, FakeInstance, RecordedRequest
from ._faults import Fault
from ._seed import STATUS_PROGRESSION
from ._serve import serve

__all__ = [
    "STATUS_PROGRESSION",
    "FakeClock",
    "FakeGreenAPI",
    "FakeInstance",
    "Fault",
    "RecordedRequest",
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
    "serve",
    "sticker_message",
    "text_message",
    "video_message",
]
