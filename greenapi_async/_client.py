"""``GreenAPI``: one WhatsApp instance, its credentials, and the HTTP client it talks through."""

from __future__ import annotations

import functools
import os
import ssl
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import httpx

from ._download import DEFAULT_MAX_DOWNLOAD_BYTES, Destination, MediaMessage, download_media
from ._errors import InvalidArgumentError
from ._journals import Journals
from ._loops import HTTPClient
from ._retry import RetryPolicy
from ._transport import DEFAULT_MAX_RESPONSE_BYTES, Transport
from ._validation import (
    DEFAULT_API_URL,
    DEFAULT_CONFIRM_WITHIN,
    validate_api_token,
    validate_api_url,
    validate_byte_limit,
    validate_confirm_within,
    validate_flag,
    validate_id_instance,
    validate_max_retries,
    validate_retry_backoff,
    validate_timeout,
)

if TYPE_CHECKING:
    from ._sending import Sending

__all__ = ["GreenAPI"]

ENV_ID_INSTANCE = "GREENAPI_ID_INSTANCE"
ENV_API_TOKEN = "GREENAPI_API_TOKEN"  # noqa: S105 - the variable's name, not a secret
ENV_API_URL = "GREENAPI_API_URL"

# The pool of a client the SDK creates: httpx's 100 connections, every one kept alive.
# httpx's transport (httpcore 1.0) closes every idle connection while it holds more than
# its keep-alive limit in all, so with httpx's 20 a burst opened connections again and
# again. The total stays at 100: a request cancelled at the wrong moment can leave its
# connection taken in httpcore's pool, and a cap of 10 was seen to run out after many
# cancellations (tests/test_load.py). docs/configuration.md sizes a shared pool.
DEFAULT_POOL_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=100)


# Held while a client's sending methods are made; see GreenAPI.sending.
_MAKING_SENDING: Final = threading.Lock()


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The TLS settings of every client the SDK makes itself, built once per process.

    httpx builds a context, with the whole certificate store, for each client: about
    70 ms and the store's memory each, which a fleet of a thousand instances, each with
    its own client, would pay a thousand times. httpx's own default, made once: the same
    certificates (certifi's, or ``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` as set when the
    first client is made) and the same checks.
    """
    return httpx.create_ssl_context()


def _own_http_client(timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=timeout, limits=DEFAULT_POOL_LIMITS, verify=_tls_context())


class GreenAPI:
    """A client for one Green API instance.

    Use it as an async context manager, or call ``aclose()`` when done. Pass
    ``http_client`` to share one ``httpx.AsyncClient`` (one connection pool) between many
    instances and the rest of an application; a borrowed client is used as it is and never
    closed here.

    Args:
        id_instance: the instance id, an int or a string of digits.
        api_token: the instance's apiTokenInstance. It is a secret: it never appears in a
            repr, an exception or a log record.
        api_url: the instance's API host, ``https://`` (``http://`` only for loopback).
        timeout: seconds one attempt may take, from connecting to the last byte.
        max_retries: retries of a read that failed with 429, 499, 5xx, a connection
            error or a timeout. A send is repeated at once only where the service
            certainly did not take it (a connection never made, a 429); where it may
            have, it is looked for first, and sent at most ``1 + max_retries`` times.
        retry_backoff: seconds to wait before the first retry, default 0.5; each next
            wait doubles, up to 16 times this, less up to 25% of jitter. A
            ``Retry-After`` from the server replaces it. 0 retries at once (for tests).
        rate_limit: wait between requests so that each method stays within its documented
            per-instance rate, shared by every task using this client.
        http_client: an ``httpx.AsyncClient`` to borrow instead of creating one (whose
            pool holds at most 100 connections, all kept alive, and which is made anew
            for each event loop the client serves, and closed as that loop ends); a
            borrowed one is used as it is, its pool limits included, on one loop.
        max_response_bytes: the largest body of an answer accepted, once decoded, default
            128 MiB; reading stops as soon as a body passes it, with a
            ``ResponseTooLargeError``. An error answer's body is capped at 1 MiB.
        confirm_within: seconds a send whose answer was lost is looked for, in the send
            queue and the outgoing journal, before it is sent again; default 150 (the
            journal can lag a send by about two minutes). 0: never send again a message
            the service may have taken, but raise ``SendNotConfirmedError`` at once.

    """

    def __init__(
        self,
        id_instance: int | str,
        api_token: str,
        *,
        api_url: str = DEFAULT_API_URL,
        timeout: float = 30.0,
        max_retries: int = 2,
        retry_backoff: float = 0.5,
        rate_limit: bool = True,
        http_client: httpx.AsyncClient | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        confirm_within: float = DEFAULT_CONFIRM_WITHIN,
    ) -> None:
        self._id_instance = validate_id_instance(id_instance)
        token = validate_api_token(api_token)
        self._api_url = validate_api_url(api_url)
        seconds = validate_timeout(timeout)
        retries = validate_max_retries(max_retries)
        backoff = validate_retry_backoff(retry_backoff)
        response_bytes = validate_byte_limit(max_response_bytes, name="max_response_bytes")
        confirm_seconds = validate_confirm_within(confirm_within)
        validate_flag("rate_limit", rate_limit)
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise InvalidArgumentError(
                f"http_client must be an httpx.AsyncClient or None, "
                f"not a value of type {type(http_client).__name__}"
            )
        # No default headers: every request carries the transport's own. Our own client
        # is made anew for each event loop the client serves (see _loops).
        self._http_client = HTTPClient(
            http_client,
            functools.partial(_own_http_client, seconds),
        )
        self._opened = False
        self._transport = Transport(
            http_client=self._http_client,
            api_url=self._api_url,
            id_instance=self._id_instance,
            api_token=token,
            timeout=seconds,
            retry=RetryPolicy(max_retries=retries, initial_delay=backoff),
            rate_limit=rate_limit,
            max_response_bytes=response_bytes,
        )
        self.journals = Journals(self._transport)
        """Journal methods: ``await api.journals.last_outgoing_messages(minutes=60)``."""
        self._max_retries = retries
        self._confirm_within = confirm_seconds
        self._sending: Sending | None = None

    @property
    def sending(self) -> Sending:
        """Send methods: ``await api.sending.send_text("79001234567@c.us", "Hello")``."""
        # Made, and its modules imported, at first use: a program that only reads
        # journals never loads them (a few ms of every start, bench/import_time.py).
        # Under a lock, not functools.cached_property (which has none from Python 3.12):
        # two threads asking first must get the same object, which keeps the sends in
        # flight and the deliveries watched.
        if self._sending is None:
            with _MAKING_SENDING:
                if self._sending is None:
                    from ._sending import Sending

                    self._sending = Sending(
                        self._transport,
                        max_retries=self._max_retries,
                        confirm_within=self._confirm_within,
                    )
        return self._sending

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **options: Any) -> GreenAPI:
        """Build a client from the environment.

        Reads ``GREENAPI_ID_INSTANCE`` and ``GREENAPI_API_TOKEN`` (required) and
        ``GREENAPI_API_URL`` (optional, default ``https://api.green-api.com``).

        Args:
            environ: the variables to read instead of ``os.environ`` (for tests).
            **options: passed on to the constructor (``timeout``, ``http_client``, ...);
                an ``api_url`` option wins over ``GREENAPI_API_URL``.

        Returns:
            A new, open client.

        Raises:
            InvalidArgumentError: a required variable is missing or empty, or a value
                (or an option) is invalid.

        """
        env = os.environ if environ is None else environ
        missing = [name for name in (ENV_ID_INSTANCE, ENV_API_TOKEN) if not env.get(name)]
        if missing:
            raise InvalidArgumentError(
                f"{' and '.join(missing)} must be set to use GreenAPI.from_env() "
                f"(find both in the instance's page of the Green API console)"
            )
        # Checked here, so that a refused value is named by its variable, not by the
        # constructor's argument it becomes.
        id_instance = validate_id_instance(env[ENV_ID_INSTANCE], name=ENV_ID_INSTANCE)
        api_token = validate_api_token(env[ENV_API_TOKEN], name=ENV_API_TOKEN)
        api_url = options.pop("api_url", None)
        if not api_url and env.get(ENV_API_URL):
            api_url = validate_api_url(env[ENV_API_URL], name=ENV_API_URL)
        return cls(id_instance, api_token, api_url=api_url or DEFAULT_API_URL, **options)

    @property
    def id_instance(self) -> str:
        """The instance id, as digits."""
        return self._id_instance

    @property
    def api_url(self) -> str:
        """The API host requests go to."""
        return self._api_url

    @property
    def closed(self) -> bool:
        """Whether ``aclose()`` has run; a closed client makes no more requests."""
        return self._transport.closed

    def __repr__(self) -> str:
        # getattr: a traceback rendered with locals may show an object whose __init__
        # refused its arguments half-way, before these were set.
        transport = getattr(self, "_transport", None)
        if transport is None:
            state = "unbuilt"
        elif transport.closed:
            state = "closed"
        else:
            state = "opened" if self._opened else "unopened"
        return (
            f"GreenAPI(id_instance={getattr(self, '_id_instance', None)!r}, "
            f"api_url={getattr(self, '_api_url', None)!r}, api_token='***', "
            f"state={state!r})"
        )

    async def __aenter__(self) -> GreenAPI:
        if self.closed:
            raise RuntimeError("cannot reopen a closed GreenAPI client; create a new one")
        if self._opened:
            raise RuntimeError("this GreenAPI client is already open in an 'async with' block")
        self._opened = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def download(
        self,
        message: MediaMessage,
        destination: Destination,
        *,
        max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        timeout: float = 300.0,
    ) -> int:
        """Stream the file of an image, video, document, audio or sticker message.

        The file is never held in memory whole. The request goes through this client's
        HTTP client (a borrowed one included); it is made once, not retried or paced.

        Args:
            message: the media message whose ``download_url`` to fetch.
            destination: a path (written through a ``.part`` file in the same directory,
                renamed when complete) or a writable binary file object.
            max_bytes: the largest file accepted, default 100 MiB.
            timeout: seconds the whole transfer may take, default 300.

        Returns:
            The number of bytes written.

        Raises:
            InvalidArgumentError: the message has no https ``download_url``, or the
                destination is neither a path nor a file object.
            DownloadTooLargeError: the file is larger than ``max_bytes``.
            GreenAPIError: the download failed (status, connection, ``timeout`` seconds
                for the whole transfer).

        """
        max_bytes = validate_byte_limit(max_bytes, name="max_bytes")
        seconds = validate_timeout(timeout)
        return await download_media(
            self._transport, message, destination, max_bytes=max_bytes, seconds=seconds
        )

    async def aclose(self) -> None:
        """Stop making requests and close the HTTP client if it is ours (idempotent).

        Calls waiting for their pacing turn or for a retry end at once with a
        ``RuntimeError``. A borrowed ``http_client`` stays open: its owner closes it.
        """
        if self.closed:
            return
        self._transport.close()
        await self._http_client.aclose()
