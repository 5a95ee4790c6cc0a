"""greenapi_async: a typed asyncio (and trio) client for Green API's WhatsApp gateway.

>>> import greenapi_async as ga
>>> async def main() -> None:
...     async with ga.GreenAPI.from_env() as api:
...         for message in await api.journals.last_outgoing_messages(minutes=60):
...             print(message.chat_id, message.status_message)
"""

from ._client import GreenAPI
from ._converter import decode_outgoing_messages
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DownloadTooLargeError,
    GreenAPIError,
    InvalidArgumentError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
)
from ._journals import Journals
from ._models import (
    AudioMessage,
    Contact,
    ContactMessage,
    DocumentMessage,
    ExtendedText,
    ExtendedTextMessage,
    ImageMessage,
    Location,
    LocationMessage,
    MessageStatus,
    OutgoingMessage,
    PollData,
    PollMessage,
    PollOption,
    QuotedMessage,
    StickerMessage,
    TextMessage,
    UnknownMessage,
    VideoMessage,
)
from ._version import __version__
from ._watch import OutgoingWatcher, StatusChange

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AudioMessage",
    "AuthenticationError",
    "BadRequestError",
    "Contact",
    "ContactMessage",
    "DocumentMessage",
    "DownloadTooLargeError",
    "ExtendedText",
    "ExtendedTextMessage",
    "GreenAPI",
    "GreenAPIError",
    "ImageMessage",
    "InvalidArgumentError",
    "Journals",
    "Location",
    "LocationMessage",
    "MessageStatus",
    "OutgoingMessage",
    "OutgoingWatcher",
    "PermissionDeniedError",
    "PollData",
    "PollMessage",
    "PollOption",
    "QuotaExceededError",
    "QuotedMessage",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerError",
    "StatusChange",
    "StickerMessage",
    "TextMessage",
    "UnknownMessage",
    "VideoMessage",
    "__version__",
    "decode_outgoing_messages",
]
