"""Opening, closing, borrowing and sharing the HTTP client, on asyncio and trio."""

from __future__ import annotations

from collections.abc import Awaitable

import anyio
import httpx
import pytest
import respx

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
