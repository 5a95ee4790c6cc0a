"""Opening, closing, borrowing and sharing the HTTP client, on asyncio and trio."""

from __future__ import annotations

import asyncio
import gc
import ssl
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx
import pytest
import respx
import trio

import greenapi_async as ga

from .conftest import API_URL, ID_INSTANCE, JOURNAL_URL, TOKEN, MakeClient
from .loopback import LoopbackServer

pytestmark = pytest.mark.anyio


async def test_a_client_works_without_async_with_and_closes_its_own_pool(
    make_client: MakeClient, loopback: LoopbackServer
) -> None:
    api = make_client(api_url=loopback.url)
    assert await api.journals.last_outgoing_messages() == []
    assert loopback.open_connections == 1  # kept alive in the client's pool
    await api.aclose()
    assert api.closed
    # The server sees the connection closed.
    assert await anyio.to_thread.run_sync(loopback.all_closed.wait, 5)


async def test_a_closed_client_refuses_requests_plainly(make_client: MakeClient) -> None:
    async with make_client() as api:
        pass
    with pytest.raises(RuntimeError, match="has been closed"):
        await api.journals.last_outgoing_messages()


async def test_aclose_is_idempotent_and_a_closed_client_cannot_be_reopened(
    make_client: MakeClient,
) -> None:
    api = make_client()
    await api.aclose()
    await api.aclose()
    with pytest.raises(RuntimeError, match="cannot reopen a closed"):
        async with api:
            pass


async def test_entering_an_open_client_twice_says_so(make_client: MakeClient) -> None:
    async with make_client() as api:
        with pytest.raises(RuntimeError, match="already open"):
            await api.__aenter__()


async def test_a_borrowed_client_is_used_but_never_closed(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    async with httpx.AsyncClient(headers={"X-App": "mine"}) as http:
        async with make_client(http_client=http) as api:
            await api.journals.last_outgoing_messages()
        assert not http.is_closed
        assert http.headers["X-App"] == "mine"
        assert "greenapi" not in http.headers.get("User-Agent", "")
        request = respx_mock.calls.last.request
        assert request.headers["X-App"] == "mine"
        assert request.headers["User-Agent"] == f"greenapi-async/{ga.__version__}"


async def test_the_sdk_headers_replace_a_borrowed_clients_own_of_the_same_name(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    theirs = {"User-Agent": "their-app/2", "Accept": "text/html", "X-App": "mine"}
    async with httpx.AsyncClient(headers=theirs) as http:
        async with make_client(http_client=http) as api:
            await api.journals.last_outgoing_messages()
        assert {name: http.headers[name] for name in theirs} == theirs  # left as they were
    headers = respx_mock.calls.last.request.headers
    assert headers.get_list("User-Agent") == [f"greenapi-async/{ga.__version__}"]
    assert headers.get_list("Accept") == ["application/json"]
    assert headers["X-App"] == "mine"


async def test_many_instances_share_one_borrowed_client(respx_mock: respx.MockRouter) -> None:
    first = respx_mock.get(f"{API_URL}/waInstance1/lastOutgoingMessages/tokenOne").respond(json=[])
    second = respx_mock.get(f"{API_URL}/waInstance2/lastOutgoingMessages/tokenTwo").respond(json=[])
    async with httpx.AsyncClient() as http:
        one = ga.GreenAPI(1, "tokenOne", api_url=API_URL, http_client=http, rate_limit=False)
        two = ga.GreenAPI(2, "tokenTwo", api_url=API_URL, http_client=http, rate_limit=False)
        async with one, two:
            await one.journals.last_outgoing_messages()
            await two.journals.last_outgoing_messages()
            await one.journals.last_outgoing_messages()
    assert (first.call_count, second.call_count) == (2, 1)


async def test_every_request_names_the_sdk_in_its_user_agent(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    async with make_client() as api:
        await api.journals.last_outgoing_messages()
    headers = respx_mock.calls.last.request.headers
    assert headers["User-Agent"] == f"greenapi-async/{ga.__version__}"
    assert ga.__version__ != "0+unknown"


async def test_closing_the_client_stops_retries_under_way(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(503)
    async with httpx.AsyncClient() as http:
        api = ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, max_retries=5)
        async with anyio.create_task_group() as tasks:

            async def call() -> None:
                with pytest.raises(RuntimeError, match="has been closed"):
                    await api.journals.last_outgoing_messages()

            tasks.start_soon(call)
            await anyio.sleep(0.1)  # the first attempt failed; the call is backing off
            await api.aclose()
    assert route.call_count == 1


# Closing must wake whoever waits, at once.
CLOSED = "this GreenAPI client has been closed"


async def outcome(call: Awaitable[object]) -> object:
    """The call's result, or the RuntimeError it ended in."""
    try:
        return await call
    except RuntimeError as error:
        return error


def is_closed_error(value: object) -> bool:
    return isinstance(value, RuntimeError) and CLOSED in str(value)


async def test_closing_ends_every_call_waiting_for_its_turn_at_once(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    api = make_client(rate_limit=True)
    outcomes: list[object] = []

    async def call() -> None:
        outcomes.append(await outcome(api.journals.last_outgoing_messages()))

    with anyio.fail_after(5):
        async with anyio.create_task_group() as tasks:
            for _ in range(10):
                tasks.start_soon(call)
            await anyio.sleep(0.2)  # the first call is done; nine wait their turn, paced
            await api.aclose()
            closed_at = anyio.current_time()
        ended_within = anyio.current_time() - closed_at
    assert ended_within < 0.5
    assert outcomes[0] == []
    assert len(outcomes) == 10
    assert all(is_closed_error(value) for value in outcomes[1:]), outcomes


async def test_closing_ends_a_call_sleeping_on_a_long_retry_after(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(429, headers={"Retry-After": "30"})
    api = make_client(max_retries=1)
    outcomes: list[object] = []

    async def call() -> None:
        outcomes.append(await outcome(api.journals.last_outgoing_messages()))

    with anyio.fail_after(5):
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(call)
            await anyio.sleep(0.2)  # the 429 came; the call sleeps for 30 s
            await api.aclose()
            closed_at = anyio.current_time()
        ended_within = anyio.current_time() - closed_at
    assert ended_within < 0.5
    (ended,) = outcomes
    assert is_closed_error(ended), ended
    assert route.call_count == 1


async def test_closing_one_client_leaves_the_waiters_of_another_on_the_same_pool(
    respx_mock: respx.MockRouter,
) -> None:
    respx_mock.get(f"{API_URL}/waInstance1/lastOutgoingMessages/tokenOne").respond(json=[])
    respx_mock.get(f"{API_URL}/waInstance2/lastOutgoingMessages/tokenTwo").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "0.5"}),
            httpx.Response(200, json=[]),
        ]
    )
    one_outcomes: list[object] = []
    two_outcomes: list[object] = []
    async with httpx.AsyncClient() as http:
        one = ga.GreenAPI(1, "tokenOne", api_url=API_URL, http_client=http, rate_limit=True)
        two = ga.GreenAPI(2, "tokenTwo", api_url=API_URL, http_client=http, rate_limit=True)

        async def call(api: ga.GreenAPI, outcomes: list[object]) -> None:
            outcomes.append(await outcome(api.journals.last_outgoing_messages()))

        with anyio.fail_after(5):
            async with anyio.create_task_group() as tasks:
                for _ in range(2):
                    tasks.start_soon(call, one, one_outcomes)
                tasks.start_soon(call, two, two_outcomes)
                # One's second call waits its turn; two's call sleeps on its Retry-After,
                # then will wait its turn for the retry.
                await anyio.sleep(0.2)
                await one.aclose()
        await two.aclose()
        assert not http.is_closed
    answered, ended = one_outcomes
    assert answered == []
    assert is_closed_error(ended), ended
    assert two_outcomes == [[]]


# One client, one event loop after another: a connection kept alive in one loop is no
# use to the next, which must not be handed it.


def _client_on(url: str, **options: Any) -> ga.GreenAPI:
    return ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=url, rate_limit=False, max_retries=0, **options)


def _closed_by_client(loopback: LoopbackServer) -> bool:
    return loopback.all_closed.wait(5)


def test_a_client_serves_asyncio_and_trio_runs_one_after_another(
    loopback: LoopbackServer,
) -> None:
    api = _client_on(loopback.url)

    async def two_calls() -> int:
        assert await api.journals.last_outgoing_messages() == []
        assert await api.journals.last_outgoing_messages() == []
        return loopback.open_connections

    runs: list[Callable[[], int]] = [
        lambda: asyncio.run(two_calls()),
        lambda: asyncio.run(two_calls()),
        lambda: trio.run(two_calls),
        lambda: trio.run(two_calls),
        lambda: asyncio.run(two_calls()),
    ]
    for run in runs:
        # Both calls of a run went through one connection, kept alive between them...
        assert run() == 1
        # ...which the client closed as the loop it belonged to ended: the next run
        # opens a connection of its own.
        assert _closed_by_client(loopback)
    assert len(loopback.received) == 2 * len(runs)
    assert loopback.peak_open == 1
    asyncio.run(api.aclose())
    assert api.closed
    gc.collect()  # an unclosed socket or transport would warn here, and fail the test


def test_a_connection_of_a_loop_closed_without_its_shutdown_is_not_reused(
    loopback: LoopbackServer,
) -> None:
    api = _client_on(loopback.url)

    async def call() -> list[ga.OutgoingMessage]:
        return await api.journals.last_outgoing_messages()

    def on_a_loop_closed_by_hand_then_on_another() -> None:
        # asyncio.run() and trio.run() end what waits in them; a loop closed by hand
        # does not.
        loop = asyncio.new_event_loop()
        assert loop.run_until_complete(call()) == []
        loop.close()
        assert loopback.open_connections == 1  # kept alive across the loops
        assert asyncio.run(call()) == []
        # The second loop's call did not use it, but a connection of its own.
        first, second = (request.client_port for request in loopback.received)
        assert first != second
        # The first connection can no longer be closed on its own loop: the garbage
        # collector closes it, with a warning.
        gc.collect()

    with pytest.warns(ResourceWarning, match="unclosed"):
        on_a_loop_closed_by_hand_then_on_another()
    assert _closed_by_client(loopback)
    asyncio.run(api.aclose())


def test_a_client_never_used_closes_on_any_loop(loopback: LoopbackServer) -> None:
    api = _client_on(loopback.url)
    trio.run(api.aclose)
    assert api.closed
    with pytest.raises(RuntimeError, match="has been closed"):
        asyncio.run(api.journals.last_outgoing_messages())
    assert loopback.received == []


def test_a_client_dropped_without_aclose_closes_its_connection_as_its_loop_ends(
    loopback: LoopbackServer,
) -> None:
    async def forget_to_close() -> None:
        api = _client_on(loopback.url)
        assert await api.journals.last_outgoing_messages() == []

    asyncio.run(forget_to_close())
    assert _closed_by_client(loopback)
    gc.collect()


def test_a_lent_client_on_a_second_loop_fails_plainly_and_stays_its_owners(
    loopback: LoopbackServer,
) -> None:
    def on_two_loops() -> str:
        http = httpx.AsyncClient()
        api = _client_on(loopback.url, http_client=http)
        assert asyncio.run(api.journals.last_outgoing_messages()) == []
        with pytest.raises(RuntimeError, match="lent to this GreenAPI client failed") as caught:
            asyncio.run(api.journals.last_outgoing_messages())
        assert caught.value.__context__ is None
        assert not http.is_closed  # neither closed nor replaced: it is its owner's
        return str(caught.value)

    def on_two_loops_then_collected() -> str:
        message = on_two_loops()
        # Its connection could be closed only on the loop that opened it, by its owner:
        # the garbage collector closes it, with a warning.
        gc.collect()
        return message

    with pytest.warns(ResourceWarning, match="unclosed"):
        message = on_two_loops_then_collected()
    assert "Event loop is closed" in message
    assert "one per asyncio.run()" in message
    assert TOKEN not in message
    assert _closed_by_client(loopback)


async def test_the_clients_the_sdk_makes_share_one_tls_context(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    # Loading the certificate store is what makes a TLS context cost tens of milliseconds:
    # a fleet of instances, each with a client of its own, must not pay it per client.
    loaded: list[ssl.SSLContext] = []
    original = ssl.SSLContext.load_verify_locations

    def counting(self: ssl.SSLContext, *args: Any, **kwargs: Any) -> None:
        loaded.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counting)
    respx_mock.get(url__regex=r"/lastOutgoingMessages/").respond(json=[])
    for n in range(3):
        async with ga.GreenAPI(f"110100000{n}", TOKEN, api_url=API_URL) as api:
            assert await api.journals.last_outgoing_messages() == []
    # At most once in this process (an earlier test may have made it already).
    assert len(loaded) <= 1
