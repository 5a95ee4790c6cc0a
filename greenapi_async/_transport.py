"""The HTTP exchange with Green API, and everything that can go wrong in it.

One request goes: build the URL -> wait for the pacer -> send under a whole-attempt
deadline -> map the status (or a 401-shaped body on a 200) to an exception -> retry with
backoff when that can help. A media download goes through the same object, once, to the
URL its message carries, streamed into a file. Every message, log line and exception
leaving this module has the token redacted, and none chains to an httpx exception, whose
request holds the URL.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import IO, Any, Final, TypedDict

import anyio
import attrs
import httpx
from anyio.lowlevel import checkpoint_if_cancelled

from . import _json
from ._attrs_methods import AttrsMethods
from ._closing import closed_in_full
from ._errors import (
    LOCAL_FAILURES,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DownloadTooLargeError,
    GreenAPIError,
    MessageNotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
)
from ._loops import HTTPClient, current_loop
from ._methods import MethodSpec
from ._pacing import Pacer
from ._redaction import (
    REDACTED,
    install_httpx_log_filter,
    logger,
    longest_secret_form,
    redact,
    redact_parsed,
    redact_secrets,
    redacting,
    register_secret,
    shown_url,
)
from ._retry import RetryPolicy, call_retries_after, parse_retry_after, send_retries_after
from ._version import USER_AGENT

__all__ = ["ErrorBody", "Transport", "error_body"]


_STATUS_ERRORS: Final[Mapping[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    429: RateLimitError,
    466: QuotaExceededError,
}
_MAX_DETAIL_CHARS: Final = 200
_DOWNLOAD_ERROR_BODY_CHARS: Final = 2_000  # of a media host's error page, kept in .body


def status_error(
    message: str,
    *,
    status_code: int,
    retry_after: float | None,
    payload: Mapping[str, Any] | None,
    missing_message_on_400: bool = False,
    **common: Any,
) -> APIStatusError:
    """Build the exception an error status is raised as, for API calls and downloads alike.

    ``payload`` is the answer's JSON object, if any (a 466's ``invokeStatus``);
    ``missing_message_on_400`` is the method's (see ``MethodSpec``); ``common`` are the
    other ``APIStatusError`` attributes.
    """
    cls = _STATUS_ERRORS.get(status_code, ServerError if status_code >= 500 else APIStatusError)
    if cls is BadRequestError and missing_message_on_400 and _says_not_found(common):
        cls = MessageNotFoundError
    if cls is RateLimitError:
        return RateLimitError(message, retry_after=retry_after, status_code=status_code, **common)
    if cls is QuotaExceededError:
        invoke_status = payload.get("invokeStatus") if payload else None
        return QuotaExceededError(
            message,
            invoke_status=invoke_status if isinstance(invoke_status, dict) else None,
            status_code=status_code,
            **common,
        )
    return cls(message, status_code=status_code, **common)


# What a 400 says for a message id or a chat the service does not know: "ID message
# notfound", "chatId not found" (spelt as the service's error table spells them).
# Only these two: another 400 that says "not found" of something else stays a 400.
_NOT_FOUND: Final = re.compile(r"(?:id ?message|chat ?id) ?not ?found", re.IGNORECASE)


def _says_not_found(common: Mapping[str, Any]) -> bool:
    body = common.get("body")
    return isinstance(body, str) and _NOT_FOUND.search(body) is not None


def undefined_status_error(
    status_code: int, *, verb: str, url: str
) -> ResponseValidationError | None:
    """The error for a status HTTP does not define, or None for one it does (100 to 599).

    Some HTTP stacks pass on any three digits. Beyond 599 no class or retry rule of ours
    applies, and nothing says whether the body is an answer or an error report: it is a
    malformed answer, for API calls and downloads alike, and it is not retried.
    """
    if 100 <= status_code <= 599:
        return None
    return ResponseValidationError(
        f"{verb} {url} answered with status {status_code}, which HTTP does not define "
        f"(it defines 100 to 599)"
    )


# Journals of the benchmark's realistic mix take about 300 bytes a message: a
# 10,000-message journal (the service's documented cap) is about 3 MB, and the
# 100,000-message journals of the tests and benchmarks about 31 MB.
DEFAULT_MAX_RESPONSE_BYTES: Final = 128 * 1024 * 1024
# An error answer is reported, not decoded: its start is all a message needs, and a
# proxy's error page takes a few kilobytes.
MAX_ERROR_BODY_BYTES: Final = 1024 * 1024
# A compressed body reaches httpx's decoder this many bytes at a time. gzip and deflate
# inflate at most about 1,000-fold, so no decoding step makes more than about a megabyte
# before the size cap is checked again (read whole, one 64 KiB read could make 64 MB).
_COMPRESSED_PIECE: Final = 1024


async def read_until(response: httpx.Response, take: Callable[[bytes], bool]) -> None:
    """Hand each decoded chunk of a streamed ``response`` to ``take`` until it says stop.

    ``take`` returns False to stop reading; the body's end stops it too. The way the SDK
    reads a body that may pass its cap, for calls and downloads (``read_capped`` reads
    one announced within its cap whole): reading stops by cancellation, which the
    next read at the bottom of httpx's and httpcore's generators raises up through all of
    them. Leaving the loop instead would leave them suspended, and trio warns of each one
    when it is garbage collected. A compressed body is decoded a piece at a time, so that
    one step of decoding cannot inflate far past where ``take`` would stop.
    """
    with anyio.CancelScope() as reading:
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding != "identity" and isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _InPieces(response.stream, reading)
        async for chunk in response.aiter_bytes():
            # Chunks already decoded may still come before the cancellation lands.
            if not reading.cancel_called and not take(chunk):
                reading.cancel()


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes | None:
    """Read the body of a streamed ``response``, decoded; None once it passes ``max_bytes``."""
    if _announced_within(response, max_bytes):
        # The HTTP layer stops at the announced length (h11 and aiohttp both refuse a
        # body that runs past it), so the body is read whole, as httpx would read it:
        # the way of a small answer, without the cancel scope reading chunk by chunk needs.
        body = await response.aread()
        return body if len(body) <= max_bytes else None  # a transport that lets it run on
    chunks: list[bytes] = []
    size = 0

    def take(chunk: bytes) -> bool:
        nonlocal size
        size += len(chunk)
        chunks.append(chunk)
        return size <= max_bytes

    await read_until(response, take)
    return None if size > max_bytes else b"".join(chunks)


def _announced_within(response: httpx.Response, max_bytes: int) -> bool:
    """Whether an uncompressed body announced a ``Content-Length`` of at most ``max_bytes``."""
    headers = response.headers
    if headers.get("content-encoding", "identity").strip().lower() != "identity":
        return False
    length = headers.get("content-length", "")
    return length.isascii() and length.isdigit() and int(length) <= max_bytes


async def read_start(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The first ``limit`` bytes of the body, and whether they are the whole body.

    An error page is reported, not stored: its start is enough, however large it is.
    """
    parts: list[bytes] = []
    size = 0

    def take(chunk: bytes) -> bool:
        nonlocal size
        parts.append(chunk)
        size += len(chunk)
        return size <= limit

    await read_until(response, take)
    start = b"".join(parts)
    return start[:limit], len(start) <= limit


class _InPieces(httpx.AsyncByteStream):
    """A compressed byte stream handed on in pieces, and not at all once reading stops.

    Pieces of ``_COMPRESSED_PIECE`` bytes: the rest of a chunk is not decoded once
    ``reading`` is cancelled. It goes on asking for chunks, so that the cancellation lands
    in the source's next read and unwinds every generator above it; a source that never
    awaits (a body already in memory) is drained instead.
    """

    def __init__(self, stream: httpx.AsyncByteStream, reading: anyio.CancelScope) -> None:
        self._stream = stream
        self._reading = reading

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            for start in range(0, len(chunk), _COMPRESSED_PIECE):
                if self._reading.cancel_called:
                    break
                yield chunk[start : start + _COMPRESSED_PIECE]

    async def aclose(self) -> None:
        await self._stream.aclose()


# Failures of the exchange after which the same request may well succeed: the network's,
# the server's side of the protocol, a body that arrived broken. Any other httpx error (a
# redirect loop, an unsupported scheme, this side of the protocol) would fail the same
# way again.
_TRANSIENT_TRANSPORT_ERRORS: Final = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.DecodingError,
)
# Failures to make the connection, so that the request never reached the service.
_UNREACHED_TRANSPORT_ERRORS: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_UNREACHED_OS_ERRORS: Final = (ConnectionRefusedError, socket.gaierror)


def _is_certificate_failure(exc: BaseException) -> bool:
    """Whether ``exc`` comes of a server certificate that failed verification.

    httpx raises it as a ``ConnectError`` (a network error) caused by
    ``ssl.SSLCertVerificationError``; a foreign transport may raise the latter (an
    ``OSError``) as it is. An untrusted certificate stays untrusted: sending again only
    delays the error.
    """
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:  # a chain may loop
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _foreign_failure(
    exc: Exception,
    client: HTTPClient,
    *,
    url: str,
    method: str,
    reason: str,
    attempts: int = 1,
    suffix: str = "",
    verb: str = "GET",
) -> APIConnectionError | RuntimeError:
    """Turn an exception httpx does not know into one that holds no URL, and so no token.

    A transport other than httpx's own (httpx-aiohttp, or one a user wrote), or an event
    hook, can raise exception types of its own; their messages and attributes may hold
    the URL. ``reason`` is the exception's text, already redacted by the caller. Only an
    ``OSError`` is a network failure; anything else (a bug, an event hook saying stop) is
    not transient, so that a watcher ends on it rather than retry it for ever. The
    caller raises the result outside its ``except`` block, so that nothing is chained.
    """
    if isinstance(exc, RuntimeError) and client.http.is_closed:
        return closed_client_error()
    if isinstance(exc, RuntimeError) and client.moved:
        return _lent_client_moved_error(f"{type(exc).__name__}: {reason}")
    return APIConnectionError(
        f"{verb} {url} failed: {type(exc).__name__}: {reason}{suffix}",
        url=url,
        method=method,
        attempts=attempts,
        reached_service=not isinstance(exc, _UNREACHED_OS_ERRORS),
        transient=isinstance(exc, OSError) and not _is_certificate_failure(exc),
    )


# How much earlier than its deadline a timer may fire: an event loop runs a timer due
# within its clock's resolution (about 16 ms on Windows), and a transport's own timeout
# starts a little after the attempt's.
_TIMER_SLACK: Final = 0.05


def exchange_failure(
    exc: Exception,
    client: HTTPClient,
    *,
    verb: str,
    url: str,
    method: str,
    seconds: float,
    elapsed: float,
    scrub: Callable[[str], str],
    attempt: int | None = None,
) -> _Failure:
    """What an exception raised while exchanging one request means, for calls and downloads.

    The one place that maps the exceptions of httpx, of another transport or of an event
    hook to ours, with the facts ``_retry.failure_of`` decides by (whether the request
    reached the service, whether sending again can help). ``url`` is already redacted;
    ``scrub`` redacts the exception's text. ``seconds`` is the exchange's deadline and
    ``elapsed`` how long it ran, on the event loop's clock.
    ``attempt`` is named in the message when the caller retries. The caller raises the
    error outside its ``except`` block, so that nothing is chained to an exception that
    holds the URL.
    """
    suffix = f" (attempt {attempt})" if attempt is not None else ""
    attempts = attempt or 1
    reason = scrub(str(exc)) or "no details"
    if isinstance(exc, (TimeoutError, httpx.TimeoutException)):
        cls, what = _timeout_report(exc, reason, seconds=seconds, elapsed=elapsed)
        transient = True
    elif isinstance(exc, httpx.HTTPError):
        cls, what = APIConnectionError, f"failed: {type(exc).__name__}: {reason}"
        transient = isinstance(exc, _TRANSIENT_TRANSPORT_ERRORS) and not _is_certificate_failure(
            exc
        )
    else:
        foreign = _foreign_failure(
            exc,
            client,
            url=url,
            method=method,
            reason=reason,
            attempts=attempts,
            suffix=suffix,
            verb=verb,
        )
        return _Failure(foreign)
    error = cls(
        f"{verb} {url} {what}{suffix}",
        url=url,
        method=method,
        attempts=attempts,
        # A timeout of the whole-attempt deadline may pass at any stage, and a transport
        # that says "timeout" of a hang-up says nothing of how far the request got: it
        # may have reached the service, unless httpx says it was still connecting.
        reached_service=not isinstance(exc, _UNREACHED_TRANSPORT_ERRORS),
        transient=transient,
    )
    return _Failure(error)


def _timeout_report(
    exc: Exception, reason: str, *, seconds: float, elapsed: float
) -> tuple[type[APIConnectionError], str]:
    """The class of a timeout's error, and what its message says after the request line.

    Every timeout the SDK sets runs for the whole deadline: one reported long before it
    is a failure the transport has named a timeout (httpx-aiohttp raises a connection the
    server closed as httpx's ConnectTimeout). The cause's name then says what happened;
    the transport's would claim a timeout again.
    """
    if elapsed >= seconds - _TIMER_SLACK:
        return APITimeoutError, f"timed out after {seconds:g}s"
    what = type(exc.__cause__ or exc).__name__
    return APIConnectionError, (
        f"failed: {what}: {reason}, {elapsed:.3f}s into the {seconds:g}s allowed"
    )


def closed_client_error() -> RuntimeError:
    """Say that a borrowed ``httpx.AsyncClient`` was closed under us.

    A new exception, for the caller to raise outside its ``except`` block: httpx's own is
    raised in frames whose locals hold the request, and so the URL with the token, and a
    traceback printed with its locals (``pytest -l``, Sentry) would show them.
    """
    return RuntimeError(
        "the httpx.AsyncClient this GreenAPI client sends through has been closed "
        "(one lent to GreenAPI clients must stay open until they are closed)"
    )


def _lent_client_moved_error(failure: str) -> RuntimeError:
    """Say that a lent ``httpx.AsyncClient`` failed on an event loop after serving another.

    Its pool may hold connections of the loop it served first, which no other loop can
    use; being its owner's, it is neither replaced nor closed here.
    """
    return RuntimeError(
        f"the httpx.AsyncClient lent to this GreenAPI client failed ({failure}) on an "
        "event loop other than the one it served first: the connections it keeps belong "
        "to the loop that opened them. Lend a client opened on this loop (one per "
        "asyncio.run() or trio.run(), with its own GreenAPI client), or pass none: the "
        "client GreenAPI opens itself follows it from one loop to the next"
    )


class _Target(TypedDict):
    """The URL and query parameters ``httpx.AsyncClient.build_request`` gets for a call."""

    url: httpx.URL
    params: Mapping[str, Any] | None


# At most this many URLs, with their queries, are kept parsed per client; past it the
# cache starts again, so that a program asking for ever other windows cannot grow it.
_PARSED_URLS_KEPT: Final = 64


@attrs.frozen(eq=False, repr=False)
class _Call(AttrsMethods):
    """One call to make, the same at every attempt."""

    spec: MethodSpec
    params: Mapping[str, Any] | None
    json: Mapping[str, Any] | None


@attrs.frozen(eq=False, repr=False)
class _Failure(AttrsMethods):
    error: GreenAPIError | RuntimeError  # RuntimeError: a closed or moved borrowed client
    retry_after: float | None = None

    def retryable(self, spec: MethodSpec) -> bool:
        """Whether the same call may be sent again at once: ``_retry`` decides.

        A read, whenever a second try may succeed; a send, only where the service
        certainly did not take the first.
        """
        if not isinstance(self.error, GreenAPIError):
            return False
        retries_after = send_retries_after if spec.sends else call_retries_after
        return retries_after(self.error)


class Transport:
    """Sends the requests of one instance through an ``httpx.AsyncClient``.

    The client may be shared with other instances and with the rest of an application:
    everything instance-specific travels with each request, and the client is never
    reconfigured. A call on an event loop the client has not served yet first gets one
    that can (see ``HTTPClient``).
    """

    def __init__(
        self,
        *,
        http_client: HTTPClient,
        api_url: str,
        id_instance: str,
        api_token: str,
        timeout: float,
        retry: RetryPolicy,
        rate_limit: bool,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        install_httpx_log_filter()
        register_secret(self, api_token)
        self._client = http_client
        self._instance_url = f"{api_url}/waInstance{id_instance}"
        self._id_instance = id_instance
        self._token = api_token
        self._timeout = timeout
        self._retry = retry
        self._rate_limit = rate_limit
        self._max_response_bytes = max_response_bytes
        self._headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        self._download_headers = {"User-Agent": USER_AGENT}
        self._pacers: dict[str, Pacer] = {}
        self._urls: dict[tuple[str, tuple[tuple[str, type, Any], ...]], httpx.URL] = {}
        self._waiting: set[anyio.CancelScope] = set()
        self.closed = False

    def __repr__(self) -> str:
        return f"<Transport for {self._instance_url}>"

    @property
    def instance_url(self) -> str:
        """The instance's URL, which holds no token: ``https://host/waInstance1101000001``."""
        return self._instance_url

    def redacted_url(self, method: str) -> str:
        """Return the URL of ``method`` as it may be shown: the token replaced by ``***``."""
        return f"{self._instance_url}/{method}/{REDACTED}"

    async def request(
        self,
        spec: MethodSpec,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
    ) -> bytes:
        """Call the method ``spec`` describes and return the body of a successful answer.

        ``params`` go in the query, ``json`` is the body (a ``POST`` method's); the row's
        rate paces the calls, and its verb and 400 are the method's. A read is retried
        whenever a second try may help; a send only where the service certainly did not
        take it (``_Failure.retryable``). Raises the ``GreenAPIError`` of the last attempt
        when retries cannot help or run out.
        """
        if (json is not None) != (spec.verb == "POST"):
            raise ValueError(f"{spec.name} is a {spec.verb} method: a body goes with POST only")
        call = _Call(spec, params or None, json)
        # An identity check, all that most calls pay: the loop changes once per run.
        if current_loop() is not self._client.loop:
            await self._follow_loop()
        # No local variable here holds the full URL: this frame is in every traceback the
        # caller sees, and tools such as Sentry or `pytest -l` print frame locals.
        attempt = 0
        while True:
            attempt += 1
            # Checked before every attempt, so that closing stops retries under way.
            self.ensure_open()
            if self._rate_limit:
                await self._take_turn(self._pacer(spec))
            outcome = await self._attempt(call, attempt)
            if isinstance(outcome, bytes):
                return outcome
            delay = None
            if outcome.retryable(spec) and attempt <= self._retry.max_retries:
                delay = self._retry.delay(attempt, outcome.retry_after)
            if delay is None:
                # Raised here, outside any except block, so that no httpx exception
                # (whose request holds the URL) rides along as __context__.
                raise outcome.error
            logger.info(
                "%s failed (%s); retry %d of %d in %.2fs",
                spec.name,
                outcome.error,
                attempt,
                self._retry.max_retries,
                delay,
            )
            await self._wait(anyio.sleep(delay))

    def _target(self, call: _Call, http: httpx.AsyncClient) -> _Target:
        """The URL ``build_request`` gets for ``call``, parsed once per method and query.

        httpx parses a URL string on every call, and the whole URL again to add a query
        (``params``): 90 µs a call where a raw httpx call takes 1.4 ms (``nox -s bench``'s
        machine), and every journal a watcher reads asks with ``minutes``. A parsed URL
        that carries its query is taken as it is. A lent client with query parameters of
        its own would replace that query with them, so its calls still hand httpx the
        query as ``params``, for it to merge.
        """
        merged_by_httpx = bool(http.params)
        # The SDK's query values are numbers and strings: hashable, as a key must be. A
        # value's type is part of its key: 1 and True are equal but go out as 1 and true.
        query = () if call.params is None or merged_by_httpx else tuple(call.params.items())
        key = (call.spec.name, tuple((name, type(value), value) for name, value in query))
        url = self._urls.get(key)
        if url is None:
            if len(self._urls) >= _PARSED_URLS_KEPT:
                self._urls.clear()
            url = httpx.URL(f"{self._instance_url}/{call.spec.name}/{self._token}")
            if query:
                url = url.copy_merge_params(dict(query))
            self._urls[key] = url
        return {"url": url, "params": call.params if merged_by_httpx else None}

    def close(self) -> None:
        """Refuse every request from now on, and end the calls waiting to make one.

        A call waiting for its turn or sleeping before a retry raises the closed-client
        error at once, instead of waiting for a request it may no longer make.
        """
        self.closed = True
        for scope in tuple(self._waiting):
            scope.cancel()

    async def _take_turn(self, pacer: Pacer) -> None:
        # As in wait_turn: a call cancelled before it asks takes no turn.
        await checkpoint_if_cancelled()
        # A turn that is due is taken at once: no wait for close() to cut short, so no
        # cancel scope, and nothing awaited since the caller's ensure_open().
        if not pacer.take_turn_now():
            await self._wait(pacer.wait_turn())

    async def _wait(self, waiting: Awaitable[None]) -> None:
        """Await a pacing turn or a retry's delay, which ``close()`` cuts short."""
        # A cancel scope, not an event: cancel() works on whichever event loop the
        # waiter runs in, and this client may serve one asyncio.run() or trio.run()
        # after another.
        with anyio.CancelScope() as scope:
            self._waiting.add(scope)
            try:
                await waiting
            finally:
                self._waiting.discard(scope)
        self.ensure_open()

    async def _follow_loop(self) -> None:
        # A closed client opens nothing; its calls end with the closed-client error.
        if not self.closed:
            await self._client.follow()

    def ensure_open(self) -> None:
        """Refuse plainly to work for a closed client."""
        if self.closed:
            raise RuntimeError(
                "this GreenAPI client has been closed; create a new one to make requests"
            )

    def _pacer(self, spec: MethodSpec) -> Pacer:
        pacer = self._pacers.get(spec.name)
        if pacer is None:
            pacer = self._pacers[spec.name] = Pacer(spec.min_interval)
        return pacer

    async def _attempt(self, call: _Call, attempt: int) -> bytes | _Failure:
        verb, method = call.spec.verb, call.spec.name
        redacted = self.redacted_url(method)
        started = anyio.current_time()
        try:
            # httpx bounds each socket operation; the deadline bounds the whole attempt,
            # so a body that trickles in a byte at a time cannot hold a call forever.
            # What anyio.fail_after does, from the start already read: it would read the
            # clock again and run as a generator, a few microseconds on every call.
            with anyio.CancelScope(deadline=started + self._timeout) as deadline:
                response, body = await self._exchange(call)
            _raise_if_cut_short(deadline)
        except LOCAL_FAILURES:
            raise  # this process's trouble, not the service's; the URL is in no message
        except Exception as exc:  # noqa: BLE001 - every other failure is mapped, not raised
            return exchange_failure(
                exc,
                self._client,
                verb=verb,
                url=redacted,
                method=method,
                seconds=self._timeout,
                elapsed=anyio.current_time() - started,
                scrub=functools.partial(redact, token=self._token),
                attempt=attempt,
            )
        if logger.isEnabledFor(logging.DEBUG):  # the clock is read only for the record
            logger.debug(
                "%s %s -> %d in %.3fs (attempt %d)",
                verb,
                redacted,
                response.status_code,
                anyio.current_time() - started,
                attempt,
            )
        undefined = undefined_status_error(response.status_code, verb=verb, url=redacted)
        if undefined is not None:
            return _Failure(undefined)
        if body is None:
            return self._too_large(f"{verb} {redacted}", response)
        status_code = response.status_code
        if response.is_success:
            # The service has answered a wrong token with a 401 body and a 200 status.
            status_code = _error_code_in_body(body) or status_code
            if status_code < 400:
                return body
        return self._status_failure(call, status_code, response, attempt, body)

    async def _exchange(self, call: _Call) -> tuple[httpx.Response, bytes | None]:
        """Send one request; return the answer and its body, None if past its size cap."""
        hooked = False
        http = self._client.http
        try:
            response = await http.send(
                # Built in place, never kept in a local of this frame (which waits on the
                # network): a frame local holding the full URL (and the token in it) would
                # show in tracebacks, as request() explains.
                _with_headers(
                    http.build_request(
                        call.spec.verb,
                        **self._target(call, http),
                        json=call.json,
                        timeout=self._timeout,
                    ),
                    self._headers,
                ),
                # Streamed, so that reading can stop as soon as the body is too large.
                stream=True,
            )
        except httpx.HTTPStatusError as exc:
            # A borrowed client may raise for status in an event hook; the status still
            # decides the error class and whether to retry.
            response, hooked = exc.response, True
        closed_in_full(response)
        try:
            return response, await read_capped(response, self._body_limit(response))
        except (httpx.HTTPError, httpx.StreamError):
            if not hooked:
                raise
            # The hook may have closed the stream unread: the status is what matters.
            return response, b""
        finally:
            await response.aclose()

    def _body_limit(self, response: httpx.Response) -> int:
        if response.is_success:
            return self._max_response_bytes
        return min(self._max_response_bytes, MAX_ERROR_BODY_BYTES)

    def _too_large(self, request_line: str, response: httpx.Response) -> _Failure:
        limit = self._body_limit(response)
        setting = "max_response_bytes" if response.is_success else "the cap of an error answer"
        message = (
            f"{response.status_code} from {request_line}: the body is larger than "
            f"{limit:,} bytes ({setting}); reading stopped there"
        )
        error = ResponseTooLargeError(message, max_bytes=limit, status_code=response.status_code)
        return _Failure(error)

    def _status_failure(
        self, call: _Call, status_code: int, response: httpx.Response, attempt: int, body: bytes
    ) -> _Failure:
        method = call.spec.name
        redacted = self.redacted_url(method)
        report = error_body(body, response, functools.partial(redact, token=self._token))
        reason = httpx.codes.get_reason_phrase(status_code)
        message = (
            f"{status_code}{' ' + reason if reason else ''} from {call.spec.verb} {redacted}: "
            f"{report.detail}{f' (after {attempt} attempts)' if attempt > 1 else ''}"
        )
        retry_after = parse_retry_after(response.headers)
        error = status_error(
            message,
            status_code=status_code,
            retry_after=retry_after,
            payload=report.payload,
            missing_message_on_400=call.spec.missing_message_on_400,
            body=report.text,
            url=redacted,
            method=method,
            attempts=attempt,
        )
        return _Failure(error, retry_after)

    # Downloads.

    async def download(
        self, url: httpx.URL, sink: IO[bytes], *, max_bytes: int, seconds: float
    ) -> int:
        """Stream the file at ``url`` (a media host's) into ``sink``; return its size.

        Sent once, neither paced nor retried, through the same HTTP client as calls; the
        whole transfer must end within ``seconds``. A status, a broken exchange or a file
        over ``max_bytes`` raises the class an API call would (``DownloadTooLargeError``
        for the size); a failure to write to ``sink`` is raised as it is.
        """
        self.ensure_open()
        if current_loop() is not self._client.loop:
            await self._follow_loop()
        # The query of a pre-signed URL is a secret while the download runs: httpx's
        # request line, an exception's text and an error body echoing the request hide
        # it too, as they hide every client's token.
        query = url.query.decode("ascii")
        with redacting(query) if query else contextlib.nullcontext():
            return await self._stream_download(str(url), sink, max_bytes, seconds)

    async def _stream_download(
        self, url: str, sink: IO[bytes], max_bytes: int, seconds: float
    ) -> int:
        shown = shown_url(url)
        copy = _CappedCopy(sink, max_bytes, shown)
        started = anyio.current_time()
        failure: Exception | None
        try:
            with anyio.CancelScope(deadline=started + seconds) as deadline:  # as in _attempt
                failure = await self._fetch_into(url, copy, seconds)
            _raise_if_cut_short(deadline)
        except LOCAL_FAILURES:
            raise  # this process's trouble, not the media host's
        except Exception as exc:  # noqa: BLE001 - every other failure is mapped, not raised
            failure = exchange_failure(
                exc,
                self._client,
                verb="GET",
                url=shown,
                method="download",
                seconds=seconds,
                elapsed=anyio.current_time() - started,
                scrub=redact_secrets,
            ).error
        if copy.sink_error is not None:
            raise copy.sink_error
        if failure is None:
            failure = copy.too_large  # reading stopped at the cap, if it stopped
        if failure is not None:
            # Raised outside the except blocks: no httpx exception rides along.
            raise failure
        with contextlib.suppress(AttributeError, OSError):
            sink.flush()
        return copy.written

    async def _fetch_into(self, url: str, copy: _CappedCopy, seconds: float) -> Exception | None:
        """Send the download's request and copy the body; the error refusing the answer, if any."""
        async with self._client.http.stream(
            "GET", url, headers=self._download_headers, timeout=seconds
        ) as response:
            closed_in_full(response)
            refusal = await _download_refusal(response, copy.shown, copy.max_bytes)
            if refusal is None:
                await read_until(response, copy.take)
            return refusal


class _CappedCopy:
    """A download's body, chunk by chunk, written to the caller's ``sink`` up to ``max_bytes``.

    Why apart: reading stops at the first chunk past the cap, or at the first the sink
    refuses; which of the two stopped it decides what the caller sees.
    """

    def __init__(self, sink: IO[bytes], max_bytes: int, shown: str) -> None:
        self.sink = sink
        self.max_bytes = max_bytes
        self.shown = shown  # the URL, redacted
        self.written = 0
        self.too_large: DownloadTooLargeError | None = None
        # A failure to write locally (a full disk, a closed file object) is the caller's
        # to see as it is, not a network error: kept apart from the exchange's failures.
        self.sink_error: Exception | None = None

    def take(self, chunk: bytes) -> bool:
        """Write ``chunk``; False once the body is past the cap or the sink refused it."""
        self.written += len(chunk)
        if self.written > self.max_bytes:
            self.too_large = _download_too_large(self.shown, self.max_bytes)
            return False
        try:
            self.sink.write(chunk)
        except Exception as exc:  # noqa: BLE001 - raised as it is, by the download
            self.sink_error = exc
            return False
        return True


async def _download_refusal(
    response: httpx.Response, shown: str, max_bytes: int
) -> APIStatusError | ResponseValidationError | DownloadTooLargeError | None:
    """The error a media host's answer gets before its body is read, or None to read it.

    A status HTTP does not define, an error status, or a size announced past the cap.
    """
    undefined = undefined_status_error(response.status_code, verb="GET", url=shown)
    if undefined is not None:
        return undefined
    if not response.is_success:
        return await _download_status_error(response, shown)
    announced = response.headers.get("content-length")
    if announced and announced.isdigit() and int(announced) > max_bytes:
        return _download_too_large(shown, max_bytes)
    return None


async def _download_status_error(response: httpx.Response, shown: str) -> APIStatusError:
    """The error for a media host's error status: the class an API call's status gets."""
    # Redacted before it is cut to length, so that no cut leaves the start of a token
    # behind: a page is read with room for the longest form of a token, at up to four
    # bytes a character (UTF-32).
    limit = 4 * (_DOWNLOAD_ERROR_BODY_CHARS + longest_secret_form())
    start, whole = await read_start(response, limit)
    # Every live client's token, not only this one's: a media host may echo any of them.
    report = error_body(start, response, redact_secrets, whole=whole)
    return status_error(
        f"{response.status_code} from GET {shown}: {report.detail}",
        status_code=response.status_code,
        retry_after=parse_retry_after(response.headers),
        payload=report.payload,
        body=report.text[:_DOWNLOAD_ERROR_BODY_CHARS],
        url=shown,
        method="download",
    )


def _download_too_large(shown: str, max_bytes: int) -> DownloadTooLargeError:
    return DownloadTooLargeError(
        f"GET {shown}: the file is larger than max_bytes={max_bytes}", max_bytes=max_bytes
    )


@attrs.frozen(eq=False, repr=False)
class ErrorBody(AttrsMethods):
    """What an error answer's body says, with the token redacted from all of it."""

    text: str  # the body as text
    payload: dict[str, Any] | None  # its JSON object, if it is one
    detail: str  # one line for the exception's message


def error_body(
    content: bytes, response: httpx.Response, scrub: Callable[[str], str], *, whole: bool = True
) -> ErrorBody:
    r"""Decode, parse and redact an error body, for API calls and downloads alike.

    The JSON object is parsed from the text before redaction and redacted string by
    string after it: parsing turns escapes such as ``\u0064`` into the characters they
    stand for, and so could rebuild a token that the text hid. ``whole=False`` says that
    ``content`` is only the start of the body: the end of its text, which may hold the
    start of a token cut in two, is dropped after redaction, and no JSON is parsed.
    """
    text = _body_text(content, response.charset_encoding)
    payload = _json_object(text) if whole else None
    text = scrub(text)
    if not whole:
        text = text[: max(0, len(text) - longest_secret_form())]
    if payload is not None:
        payload = redact_parsed(payload, scrub)
    content_type = response.headers.get("content-type", "")
    return ErrorBody(text, payload, _detail(payload, text, content_type))


def _body_text(content: bytes, charset: str | None) -> str:
    """Decode a body: by its byte order mark or UTF-16/32 pattern, its charset, or UTF-8.

    The bytes themselves win over the ``Content-Type`` charset: a UTF-16 body read as
    UTF-8 keeps its characters apart with NULs, where no search finds the token. A
    charset that names no text codec (``base64``, a typo) falls back to UTF-8; bytes
    that do not decode become U+FFFD rather than an error.
    """
    # Only the first four bytes count: a byte order mark, or where the NULs around an
    # ASCII first character fall (the method of RFC 4627).
    encoding: str = json.detect_encoding(content)
    if encoding == "utf-8" and charset:
        encoding = charset
    try:
        return content.decode(encoding, errors="replace")
    except (LookupError, ValueError):
        # No such codec, one that is not a text encoding, or one without "replace".
        return content.decode("utf-8", errors="replace")


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = _json.loads(text)
    except _json.InvalidJSONError:
        return None
    return value if isinstance(value, dict) else None


def _with_headers(request: httpx.Request, headers: Mapping[str, str]) -> httpx.Request:
    """``request`` with ``headers`` set on it, over any of the same name it has.

    The headers and values ``build_request(headers=...)`` gives (a replaced header keeps
    its place, where a merge would move it last), for under a third of the cost: httpx
    would parse the mapping and merge it into a copy of the client's headers, about
    26 µs a call against 7, timed in a loop.
    """
    for name, value in headers.items():
        request.headers[name] = value
    return request


def _raise_if_cut_short(deadline: anyio.CancelScope) -> None:
    """Raise what ``anyio.fail_after`` raises once the deadline ended its block."""
    if deadline.cancelled_caught:
        raise TimeoutError


def _error_code_in_body(body: bytes) -> int | None:
    # A list, as every journal is, most often says so in its first byte: "[" is the
    # first character in every encoding ``_body_text`` may find for it.
    if body[:1] == b"[":
        return None
    # Only the start is decoded first: a 10,000-message journal is never an object, and
    # is not decoded nor parsed twice.
    if not _body_text(body[:64], None).lstrip().startswith("{"):
        return None
    payload = _json_object(_body_text(body, None))
    if payload is None:
        return None
    code = payload.get("code")
    if type(code) is int and 400 <= code < 600:
        return code
    return None


def _detail(payload: dict[str, Any] | None, text: str, content_type: str) -> str:
    """One line a person can act on, from whatever shape the error body has."""
    if payload is not None:
        invoke_status = payload.get("invokeStatus")
        if isinstance(invoke_status, dict) and isinstance(invoke_status.get("description"), str):
            return str(invoke_status["description"])[:_MAX_DETAIL_CHARS]
        for key in ("description", "message", "error"):
            value = payload.get(key)
            if isinstance(value, str) and value:
                return value[:_MAX_DETAIL_CHARS]
    stripped = text.strip()
    if not stripped:
        return "empty body"
    if "html" in content_type or stripped.startswith("<"):
        return f"HTML page of {len(text)} characters"
    single_line = " ".join(stripped.split())
    if len(single_line) > _MAX_DETAIL_CHARS:
        return single_line[:_MAX_DETAIL_CHARS] + "..."
    return single_line
