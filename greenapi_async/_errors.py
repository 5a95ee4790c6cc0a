r"""Exceptions raised by greenapi_async.

Every failure of a call to the service is a ``GreenAPIError``::

    GreenAPIError
     +-- APIStatusError            the service answered with an error status
     |    +-- BadRequestError          400: instance not ready / bad request data
     |    |    +-- MessageNotFoundError     getMessage: no such message in that chat
     |    +-- AuthenticationError      401: wrong apiTokenInstance (also a 401 body on a 200)
     |    +-- PermissionDeniedError    403: wrong idInstance or URL
     |    +-- RateLimitError           429: too many requests (.retry_after)
     |    +-- QuotaExceededError       466: the tariff's quota is spent (.invoke_status)
     |    +-- ServerError              5xx
     +-- APIConnectionError        no usable answer arrived (refused, reset, DNS, TLS)
     |    +-- APITimeoutError          an attempt took longer than ``timeout``
     +-- ResponseValidationError   the answer arrived but is not what the API documents
     |    +-- ResponseTooLargeError    its body is larger than the client accepts
     +-- DownloadTooLargeError   a media file is larger than the download's max_bytes
     +-- SendNotConfirmedError   a send's outcome stayed unknown: not found, not resent
     +-- DeliveryFailedError     a message sent reached a failed status (noAccount, ...)
     +-- DeliveryTimeoutError    a message sent did not reach the status waited for in time

A wrong argument is a programming error, not a service failure, so it is an
``InvalidArgumentError`` (a ``ValueError`` and a ``TypeError``) outside this tree:
``except GreenAPIError`` in a retry loop never swallows a bug in the caller.

No exception here carries the API token: messages, ``args``, ``body`` and ``url`` are
redacted, and none of them chains to an httpx exception (whose request holds the URL).
They pickle and copy with every attribute, so they can cross process boundaries.

A message quotes the service's words (an error answer's description), which may hold
control characters: a ``GreenAPIError``'s message has them written as escapes
(``\n``, ``\x1b``, ``\u202e``), so that printing or logging it shows one line of
visible text. The attributes (``body``, ``invoke_status``) keep the answer exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ._text import escape_controls

if TYPE_CHECKING:
    from ._models import Message

__all__ = [
    "LOCAL_FAILURES",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "DeliveryFailedError",
    "DeliveryTimeoutError",
    "DownloadTooLargeError",
    "GreenAPIError",
    "InvalidArgumentError",
    "MessageNotFoundError",
    "MissingExtraError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "SendNotConfirmedError",
    "ServerError",
]


class InvalidArgumentError(ValueError, TypeError):
    """An argument passed to greenapi_async has the wrong type or value.

    It derives from both ``ValueError`` and ``TypeError`` so that either idiom catches it;
    the message names the argument and what it accepts, never a secret value.
    """


class GreenAPIError(Exception):
    r"""Base class of every error a call to Green API can end in.

    Its message has control and bidi characters written as escapes (``\x1b``): it is
    shown in terminals and logs, and quotes the service's words.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(escape_controls(message))

    def __reduce__(self) -> tuple[Any, ...]:
        # An exception pickles as its class called with ``args``, which fails for the
        # keyword-only attributes of the subclasses. Rebuilt instead without __init__,
        # from ``args`` and the attributes.
        return (_rebuild, (type(self), self.args), self.__dict__)


def _rebuild(cls: type[GreenAPIError], args: tuple[Any, ...]) -> GreenAPIError:
    return cls.__new__(cls, *args)


class APIStatusError(GreenAPIError):
    """The service answered with an HTTP status that means failure.

    Attributes:
        status_code: the HTTP status (or the ``code`` of an error body sent with 200).
        body: the response body as text, with the API token redacted.
        url: the request URL with the API token redacted.
        method: the Green API method called, e.g. ``lastOutgoingMessages``.
        attempts: how many requests were made before giving up.

    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: str,
        url: str,
        method: str,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.url = url
        self.method = method
        self.attempts = attempts


class BadRequestError(APIStatusError):
    """400: the instance is starting, not authorized, expired or deleted, or bad data."""


class MessageNotFoundError(BadRequestError):
    """400 from ``getMessage``: the chat has no message with that id, or there is no such chat.

    The service says so with a 400 whose body reads ``ID message notfound`` or ``chatId not
    found``; any other 400 stays a plain ``BadRequestError``.
    """


class AuthenticationError(APIStatusError):
    """401: the apiTokenInstance is wrong."""


class PermissionDeniedError(APIStatusError):
    """403: the idInstance or the URL is wrong."""


class RateLimitError(APIStatusError):
    """429: the per-instance rate limit of the method was exceeded.

    Attributes:
        retry_after: seconds the service asked us to wait (``Retry-After``), or ``None``
            when it did not say.

    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class QuotaExceededError(APIStatusError):
    """466: the tariff's quota for the method is spent; retrying will not help.

    Attributes:
        invoke_status: the ``invokeStatus`` object of the body (method, used, total,
            status, description), or ``None`` when the body had none.

    """

    def __init__(
        self, message: str, *, invoke_status: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.invoke_status = invoke_status


class ServerError(APIStatusError):
    """5xx: the service failed; these are retried before they reach you."""


class APIConnectionError(GreenAPIError):
    """No usable HTTP answer arrived: connection refused or reset, DNS, TLS, protocol.

    Attributes:
        url: the request URL with the API token redacted.
        method: the Green API method called.
        attempts: how many requests were made before giving up.
        reached_service: False when the request certainly never reached the service (the
            connection could not be made); True when it may have, and been acted on.
        transient: False when sending again cannot help: a server certificate that
            fails verification, or a failure of the HTTP stack itself (an exception
            that is not a network error, from a transport or an event hook).

    """

    def __init__(
        self,
        message: str,
        *,
        url: str,
        method: str,
        attempts: int = 1,
        reached_service: bool = True,
        transient: bool = True,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.method = method
        self.attempts = attempts
        self.reached_service = reached_service
        self.transient = transient


class APITimeoutError(APIConnectionError):
    """An attempt took longer than the client's ``timeout``, connect to last byte."""


class ResponseValidationError(GreenAPIError):
    """The response is not valid JSON, or not shaped as the API documents.

    That includes a status HTTP does not define (outside 100 to 599). The message names
    the place in wire terms, e.g. ``$[3].timestamp: expected int, got str``. ``errors``
    lists every problem found, one string each.
    """

    def __init__(self, message: str, *, errors: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.errors = errors or (str(self),)


class ResponseTooLargeError(ResponseValidationError):
    """The body of an answer, decoded, is larger than the client accepts.

    Reading stopped as soon as the body passed the limit: ``max_response_bytes`` for a
    successful answer, and at most 1 MiB for an error answer, whose report needs only its
    start. Not retried: the same request would get the same answer.

    Attributes:
        max_bytes: the limit that was passed.
        status_code: the status of the answer.

    """

    def __init__(self, message: str, *, max_bytes: int, status_code: int) -> None:
        super().__init__(message)
        self.max_bytes = max_bytes
        self.status_code = status_code


class DownloadTooLargeError(GreenAPIError):
    """A media file is larger than the ``max_bytes`` its download allowed.

    Attributes:
        max_bytes: the limit that was exceeded.

    """

    def __init__(self, message: str, *, max_bytes: int) -> None:
        super().__init__(message)
        self.max_bytes = max_bytes


class SendNotConfirmedError(GreenAPIError):
    """A send may or may not have been taken, and this client could not find out.

    Its answer was lost (a timeout, a reset, a 5xx, a garbled answer) after the request
    may have reached the service, and the message was found neither in the send queue
    nor in the outgoing journal within ``confirm_within`` seconds, after each of
    ``attempts`` sends; or ``confirm_within`` was 0, which asks never to look nor resend.
    The message may still arrive: look for it before sending it again yourself.

    Attributes:
        method: the send method, e.g. ``sendMessage``.
        chat_id: the chat the message was for.
        attempted_at: the unix time each send started, one per request made.
        last_error: the error of the last send whose outcome stayed unknown.

    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        chat_id: str,
        attempted_at: tuple[float, ...],
        last_error: GreenAPIError,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.chat_id = chat_id
        self.attempted_at = attempted_at
        self.last_error = last_error

    @property
    def attempts(self) -> int:
        """How many send requests were made."""
        return len(self.attempted_at)


class DeliveryFailedError(GreenAPIError):
    """A message sent reached a status from which it will not be delivered.

    Attributes:
        entry: the outgoing journal's entry of the message (a ``Message``) that shows it.
        status: that status: ``noAccount``, ``notInGroup``, ``yellowCard`` or ``failed``.

    """

    def __init__(self, message: str, *, entry: Message, status: str) -> None:
        super().__init__(message)
        self.entry = entry
        self.status = status


class DeliveryTimeoutError(GreenAPIError):
    """A message sent did not reach the status waited for within the ``timeout``.

    Attributes:
        id_message: the message waited for.
        last_status: its status when the time ran out, as the journal last showed it,
            or None if the journal had not shown it yet.

    """

    def __init__(self, message: str, *, id_message: str, last_status: str | None) -> None:
        super().__init__(message)
        self.id_message = id_message
        self.last_status = last_status


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message names the extra that brings it.

    An ``ImportError``, so that code catching that keeps working; the command line turns
    it into a one-line message and a usage exit code rather than a traceback.
    """


# Failures of this process (out of memory, too deep a stack where the SDK was called)
# that say nothing about the service or its answer: they propagate as they are, never
# wrapped in a GreenAPIError nor reported as a malformed response.
LOCAL_FAILURES: Final = (MemoryError, RecursionError)
