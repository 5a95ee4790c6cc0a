"""Our client over httpx-aiohttp's transport: the same results, errors and secrecy."""

from __future__ import annotations

import gzip
import io
import socket
import traceback
from collections.abc import AsyncIterator

import anyio
import httpx
import msgspec
import pytest
from httpx_aiohttp import AiohttpTransport

import greenapi_async as ga
from greenapi_async.testing import FakeGreenAPI, serve, text_message

from .loopback import LoopbackServer, RawServer, Reply, ResettingServer, raw_response

pytestmark = pytest.mark.anyio

TOKEN = "aiohttpToken0123456789"
ID = "1101000002"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # aiohttp runs on asyncio only


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
        yield client


def quick_retries(http: httpx.AsyncClient, url: str, *, max_retries: int) -> ga.GreenAPI:
    """A client that retries at once: these tests count retries, not their waits."""
    return ga.GreenAPI(
        ID,
        TOKEN,
        api_url=url,
        http_client=http,
        rate_limit=False,
        max_retries=max_retries,
        retry_backoff=0,
    )


def _everything_shown(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)) + repr(error) + repr(vars(error))


async def test_the_journal_arrives_the_same_over_aiohttp(http: httpx.AsyncClient) -> None:
    fake = FakeGreenAPI(rate_limit=False)
    fake.add_instance(ID, TOKEN).add(text_message("over aiohttp"))
    with serve(fake) as url:
        async with ga.GreenAPI(ID, TOKEN, api_url=url, http_client=http) as api:
            with anyio.fail_after(10):
                (message,) = await api.journals.last_outgoing_messages(minutes=5)
    assert isinstance(message, ga.TextMessage)
    assert message.text_message == "over aiohttp"
    assert fake.requests[-1].query == {"minutes": "5"}


async def test_a_server_error_is_retried_and_reported_without_the_token(
    http: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    loopback.queue(Reply(500, b'{"message": "boom"}'), Reply(500, b'{"message": "boom"}'))
    async with quick_retries(http, loopback.url, max_retries=1) as api:
        with pytest.raises(ga.ServerError) as caught:
            await api.journals.last_outgoing_messages()
    assert len(loopback.received) == 2
    assert TOKEN in loopback.received[0].path  # it was sent, and only there
    assert TOKEN not in _everything_shown(caught.value)


@pytest.mark.parametrize("after_bytes", [0, 40])
async def test_a_dropped_connection_is_a_typed_error_without_the_token(
    http: httpx.AsyncClient, after_bytes: int
) -> None:
    with ResettingServer(after_bytes) as server:
        async with quick_retries(http, server.url, max_retries=1) as api:
            with pytest.raises(ga.GreenAPIError) as caught:
                await api.journals.last_outgoing_messages()
    # httpx-aiohttp reports some dropped connections as connect timeouts: they are not.
    assert type(caught.value) is ga.APIConnectionError
    assert TOKEN not in _everything_shown(caught.value)


# aiohttp lets through any three digits as a status, where h11 refuses those below 100.
@pytest.mark.parametrize("status", ["000", "099", "600", "999"])
async def test_a_status_outside_http_is_a_malformed_answer_over_aiohttp(
    http: httpx.AsyncClient, status: str
) -> None:
    with RawServer(raw_response(status)) as server:
        async with ga.GreenAPI(
            ID, TOKEN, api_url=server.url, http_client=http, rate_limit=False, max_retries=2
        ) as api:
            with pytest.raises(ga.ResponseValidationError, match=f"status {int(status)}"):
                await api.journals.last_outgoing_messages()
        assert server.connections == 1


async def test_a_body_past_max_response_bytes_is_refused_over_aiohttp(
    http: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    body = b"[]" + b" " * 100_000
    gzipped = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
    loopback.queue(Reply(200, gzip.compress(body), gzipped), Reply(200, b"[]"))
    async with ga.GreenAPI(
        ID, TOKEN, api_url=loopback.url, http_client=http, max_response_bytes=50_000
    ) as api:
        with pytest.raises(ga.ResponseTooLargeError) as caught:
            await api.journals.last_outgoing_messages()
        assert await api.journals.last_outgoing_messages() == []
    assert caught.value.max_bytes == 50_000
    assert len(loopback.received) == 2


class _LeakyError(Exception):
    """What a third-party transport might raise: the URL, token and all, in the message."""


class _RaisingTransport(httpx.AsyncBaseTransport):
    def __init__(self, error: type[Exception]) -> None:
        self.error = error
        self.calls = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        raise self.error(f"cannot fetch {request.url}")


async def test_an_exception_of_a_foreign_transport_becomes_a_connection_error() -> None:
    transport = _RaisingTransport(_LeakyError)
    async with (
        httpx.AsyncClient(transport=transport) as http,
        ga.GreenAPI(ID, TOKEN, http_client=http, rate_limit=False, max_retries=3) as api,
    ):
        with pytest.raises(ga.APIConnectionError, match="_LeakyError: cannot fetch") as caught:
            await api.journals.last_outgoing_messages()
    assert transport.calls == 1  # an unknown failure is not retried
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None
    assert TOKEN not in _everything_shown(caught.value)


async def test_a_large_journal_decodes_over_aiohttp(
    http: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    entries = FakeGreenAPI().instance.seed(2_000, seed=3)
    loopback.queue(Reply(200, msgspec.json.encode(entries), chunks=7))
    async with ga.GreenAPI(ID, TOKEN, api_url=loopback.url, http_client=http) as api:
        messages = await api.journals.last_outgoing_messages()
    assert messages == ga.decode_outgoing_messages(msgspec.json.encode(entries))


@pytest.mark.parametrize(
    ("error", "calls"),
    [(RuntimeError, 1), (NotImplementedError, 1), (ConnectionResetError, 3)],
)
async def test_a_foreign_runtime_or_socket_error_is_redacted_and_socket_errors_retried(
    error: type[Exception], calls: int
) -> None:
    transport = _RaisingTransport(error)
    async with (
        httpx.AsyncClient(transport=transport) as http,
        ga.GreenAPI(
            ID, TOKEN, http_client=http, rate_limit=False, max_retries=2, retry_backoff=0
        ) as api,
    ):
        with pytest.raises(ga.APIConnectionError, match=error.__name__) as caught:
            await api.journals.last_outgoing_messages()
    assert transport.calls == calls  # only a socket error may pass on a second try
    assert TOKEN not in _everything_shown(caught.value)


async def test_a_borrowed_client_closed_under_us_is_said_plainly_without_the_url() -> None:
    http = httpx.AsyncClient(transport=_RaisingTransport(LookupError))
    api = ga.GreenAPI(ID, TOKEN, http_client=http, rate_limit=False)
    await http.aclose()
    with pytest.raises(RuntimeError, match="sends through has been closed") as c:
        await api.journals.last_outgoing_messages()
    assert c.value.__context__ is None
    assert TOKEN not in _everything_shown(c.value)
    await api.aclose()


async def test_a_recursion_error_of_this_process_is_raised_as_itself() -> None:
    async with (
        httpx.AsyncClient(transport=_RaisingTransport(RecursionError)) as http,
        ga.GreenAPI(ID, TOKEN, http_client=http, rate_limit=False) as api,
    ):
        with pytest.raises(RecursionError):
            await api.journals.last_outgoing_messages()


async def test_a_watch_ends_on_an_error_that_is_not_a_network_failure() -> None:
    # An event hook (or a transport's bug) that raises: the watch must stop, not retry
    # for ever.
    async def stop(request: httpx.Request) -> None:
        raise RuntimeError("circuit open")

    fake = FakeGreenAPI(rate_limit=False)
    fake.add_instance(ID, TOKEN)
    errors: list[ga.GreenAPIError] = []
    async with (
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=fake), event_hooks={"request": [stop]}
        ) as http,
        ga.GreenAPI(ID, TOKEN, http_client=http, rate_limit=False) as api,
        api.journals.watch_outgoing(on_error=errors.append) as watcher,
    ):
        with anyio.fail_after(5), pytest.raises(ga.APIConnectionError, match="circuit open"):
            await watcher.__anext__()
    assert errors == []


async def test_a_download_through_a_closed_borrowed_client_says_so_plainly() -> None:
    http = httpx.AsyncClient(transport=_RaisingTransport(LookupError))
    api = ga.GreenAPI(ID, TOKEN, http_client=http)
    await http.aclose()
    message = ga.ImageMessage(
        id_message="I", timestamp=0, status_message="read", chat_id="1@c.us",
        download_url="https://media.example/f.jpg",
    )  # fmt: skip
    with pytest.raises(RuntimeError, match="sends through has been closed") as caught:
        await api.download(message, io.BytesIO())
    assert caught.value.__context__ is None
    await api.aclose()


async def test_a_hang_up_is_a_connection_error_not_a_timeout_over_aiohttp(
    http: httpx.AsyncClient,
) -> None:
    # httpx-aiohttp raises a connection the server closed as httpx's ConnectTimeout, long
    # before any deadline could have passed.
    with RawServer(b"") as server:  # reads the request, answers nothing, hangs up
        async with quick_retries(http, server.url, max_retries=0) as api:
            with pytest.raises(ga.APIConnectionError):
                await api.journals.last_outgoing_messages()
        one_attempt = server.connections  # aiohttp may itself try again on a hang-up
        async with quick_retries(http, server.url, max_retries=1) as api:
            with pytest.raises(ga.APIConnectionError) as caught:
                await api.journals.last_outgoing_messages()
        assert server.connections == 3 * one_attempt  # retried, as a connection error is
    assert type(caught.value) is ga.APIConnectionError
    message = str(caught.value)
    assert "Server disconnected" in message
    assert "timed out" not in message
    assert caught.value.attempts == 2
    assert TOKEN not in _everything_shown(caught.value)


async def test_a_server_that_never_answers_still_times_out_over_aiohttp(
    http: httpx.AsyncClient,
) -> None:
    # The kernel completes the connection into the listener's backlog; nothing answers.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        async with ga.GreenAPI(
            ID,
            TOKEN,
            api_url=f"http://127.0.0.1:{port}",
            http_client=http,
            rate_limit=False,
            max_retries=0,
            timeout=0.3,
        ) as api:
            with pytest.raises(ga.APITimeoutError, match=r"timed out after 0\.3s"):
                await api.journals.last_outgoing_messages()
