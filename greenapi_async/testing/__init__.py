"""Test your bot without a Green API account and without network: a faithful fake.

``FakeGreenAPI`` is an ASGI application that speaks the journals' and the send methods'
routes and behaviour. Script it (messages, statuses, clock, sending, faults), then talk
to it in-process with ``fake.connect()`` or over real HTTP with ``serve(fake)``. The
pytest fixtures ``green_api_fake``, ``green_api_client`` and ``green_api_server`` come
with the package.
"""

from . import _factories
from ._clock import FakeClock
from ._factories import *  # noqa: F403 - the message factories, every one public
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
    "serve",
]
__all__ += _factories.__all__
