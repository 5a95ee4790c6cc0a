"""greenapi_async: a typed asyncio (and trio) client for Green API's WhatsApp gateway.

>>> import greenapi_async as ga
>>> async def main() -> None:
...     async with ga.GreenAPI.from_env() as api:
...         for message in await api.journals.last_outgoing_messages(minutes=60):
...             print(message.chat_id, message.status_message)
"""

import importlib as _importlib
import typing as _typing

from ._as_json import message_data
from ._client import GreenAPI
from ._converter import MalformedEntry, PartialMessages, decode_outgoing_messages
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DeliveryFailedError,
    DeliveryTimeoutError,
    DownloadTooLargeError,
    GreenAPIError,
    InvalidArgumentError,
    MessageNotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    SendNotConfirmedError,
    ServerError,
)
from ._journals import Journals
from ._models import (
    AudioMessage,
    Contact,
    ContactMessage,
    ContactsArrayMessage,
    DeletedMessage,
    DeletedMessageData,
    DocumentMessage,
    EditedMessage,
    EditedMessageData,
    ExtendedText,
    ExtendedTextMessage,
    GroupInvite,
    GroupInviteMessage,
    ImageMessage,
    Location,
    LocationMessage,
    Message,
    MessageStatus,
    OutgoingMessage,
    PollData,
    PollMessage,
    PollOption,
    PollUpdate,
    PollUpdateMessage,
    PollVote,
    QuotedMessage,
    ReactionMessage,
    ReplyMessage,
    StickerMessage,
    TextMessage,
    UnknownMessage,
    VideoMessage,
)
from ._version import __version__

# Sending and watching are imported at their first use, through ``__getattr__`` below:
# a program that only reads journals never loads their modules, a few ms of every start
# (bench/import_time.py). Type checkers, and readers, see them imported here.
if _typing.TYPE_CHECKING:
    from ._sending import Sending
    from ._sent import QueuedMessage, SentMessage
    from ._watch import IncomingWatcher, OutgoingWatcher, StatusChange

_IMPORTED_AT_FIRST_USE: _typing.Final = {
    "Sending": "._sending",
    "QueuedMessage": "._sent",
    "SentMessage": "._sent",
    "IncomingWatcher": "._watch",
    "OutgoingWatcher": "._watch",
    "StatusChange": "._watch",
}

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AudioMessage",
    "AuthenticationError",
    "BadRequestError",
    "Contact",
    "ContactMessage",
    "ContactsArrayMessage",
    "DeletedMessage",
    "DeletedMessageData",
    "DeliveryFailedError",
    "DeliveryTimeoutError",
    "DocumentMessage",
    "DownloadTooLargeError",
    "EditedMessage",
    "EditedMessageData",
    "ExtendedText",
    "ExtendedTextMessage",
    "GreenAPI",
    "GreenAPIError",
    "GroupInvite",
    "GroupInviteMessage",
    "ImageMessage",
    "IncomingWatcher",
    "InvalidArgumentError",
    "Journals",
    "Location",
    "LocationMessage",
    "MalformedEntry",
    "Message",
    "MessageNotFoundError",
    "MessageStatus",
    "OutgoingMessage",
    "OutgoingWatcher",
    "PartialMessages",
    "PermissionDeniedError",
    "PollData",
    "PollMessage",
    "PollOption",
    "PollUpdate",
    "PollUpdateMessage",
    "PollVote",
    "QueuedMessage",
    "QuotaExceededError",
    "QuotedMessage",
    "RateLimitError",
    "ReactionMessage",
    "ReplyMessage",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "SendNotConfirmedError",
    "Sending",
    "SentMessage",
    "ServerError",
    "StatusChange",
    "StickerMessage",
    "TextMessage",
    "UnknownMessage",
    "VideoMessage",
    "__version__",
    "decode_outgoing_messages",
    "message_data",
]


# Hidden from type checkers: for them a module ``__getattr__`` would make any name,
# a misspelt one too, an attribute of the package.
if not _typing.TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        module = _IMPORTED_AT_FIRST_USE.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(module, __name__), name)
        globals()[name] = value  # looked up once: the next use finds it as any other name
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_IMPORTED_AT_FIRST_USE})
