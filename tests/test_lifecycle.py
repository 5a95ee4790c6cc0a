"""Opening, closing, borrowing and sharing the HTTP client."""

from __future__ import annotations

import httpx
import pytest
import respx

import greenapi_async as ga

from .conftest import API_URL, JOURNAL_URL, MakeClient

pytestmark = pytest.mark.asyncio


async def test_a_client_works_without_async_with_and_closes_its_own_pool(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    api = make_client()
    assert await api.journals.last_outgoing_messages() == []
    await api.aclose()
    assert api.closed
    assert api._http_client.is_closed


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
