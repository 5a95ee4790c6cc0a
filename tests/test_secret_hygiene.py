"""The token never shows: not in exceptions, their chains, tracebacks, reprs or warnings.

Log records are checked for every test by the autouse ``token_never_logged`` fixture.
"""

from __future__ import annotations

import logging
import traceback
import warnings

import httpx
import pytest
import respx

import greenapi_async as ga
from greenapi_async._redaction import redact_urls

from .conftest import JOURNAL_URL, TOKEN, MakeClient


def chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def assert_no_token_anywhere(error: BaseException) -> None:
    for link in chain(error):
        assert TOKEN not in str(link)
        assert TOKEN not in repr(link)
        assert all(TOKEN not in repr(arg) for arg in link.args)
        assert all(TOKEN not in repr(value) for value in vars(link).values())
    rendered = "".join(traceback.format_exception(error))
    assert TOKEN not in rendered


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "outcome",
    [
        httpx.Response(401, json={"code": 401, "description": "Unauthorized"}),
        httpx.Response(404, text=f"no route /lastOutgoingMessages/{TOKEN}"),
        httpx.Response(500, text=f"<html>{JOURNAL_URL}</html>"),
        httpx.Response(429, headers={"Retry-After": "0"}),
        httpx.Response(200, text="[{oops"),
        httpx.Response(200, json=[{"typeMessage": "textMessage", "idMessage": TOKEN}]),
        httpx.ConnectError(f"cannot reach {JOURNAL_URL}"),
        httpx.ReadTimeout(f"read timed out for {JOURNAL_URL}"),
        httpx.RemoteProtocolError("peer closed connection"),
    ],
    ids=lambda o: type(o).__name__ + str(getattr(o, "status_code", "")),
)
async def test_no_error_shows_the_token(
    respx_mock: respx.MockRouter,
    make_client: MakeClient,
    fast_backoff: None,
    outcome: httpx.Response | Exception,
) -> None:
    if isinstance(outcome, Exception):
        respx_mock.get(JOURNAL_URL).mock(side_effect=outcome)
    else:
        respx_mock.get(JOURNAL_URL).mock(return_value=outcome)
    async with make_client(max_retries=1) as api:
        with pytest.raises(ga.GreenAPIError) as caught:
            await api.journals.last_outgoing_messages()
    assert_no_token_anywhere(caught.value)


@pytest.mark.asyncio
async def test_errors_do_not_chain_to_httpx_exceptions(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).mock(side_effect=httpx.ConnectError("refused"))
    async with make_client(max_retries=0) as api:
        with pytest.raises(ga.APIConnectionError) as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


@pytest.mark.asyncio
async def test_httpx_info_and_debug_logs_are_redacted(
    respx_mock: respx.MockRouter,
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    with caplog.at_level(logging.DEBUG):
        async with make_client() as api:
            await api.journals.last_outgoing_messages(minutes=3)
    request_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("lastOutgoingMessages/***?minutes=3" in line for line in request_lines)
    ours = [r for r in caplog.records if r.name == "greenapi_async"]
    assert ours
    assert all(r.levelno == logging.DEBUG for r in ours)
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def test_our_logger_has_no_handlers() -> None:
    assert logging.getLogger("greenapi_async").handlers == []


def test_urls_are_redacted_by_shape_for_any_client() -> None:
    text = "GET https://7103.api.greenapi.com/waInstance7103000001/sendMessage/abcDEF123?x=1"
    assert redact_urls(text) == (
        "GET https://7103.api.greenapi.com/waInstance7103000001/sendMessage/***?x=1"
    )


@pytest.mark.asyncio
async def test_no_warning_shows_the_token(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(json=[])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with make_client() as api:
            await api.journals.last_outgoing_messages()
        api = make_client()
        del api
    assert all(TOKEN not in str(w.message) for w in caught)


@pytest.mark.asyncio
async def test_reprs_of_public_objects_hide_the_token(make_client: MakeClient) -> None:
    async with make_client() as api:
        for obj in (api, api.journals):
            assert TOKEN not in repr(obj)
            assert TOKEN not in str(obj)


def test_redacting_a_redacted_line_again_changes_nothing() -> None:
    # Our own log lines pass the logger filter after being redacted once.
    once = redact_urls(f"GET https://h/waInstance1/lastOutgoingMessages/{TOKEN}: HTML page")
    assert TOKEN not in once
    assert redact_urls(once) == once
    assert redact_urls("see /waInstance1/m/***: boom") == "see /waInstance1/m/***: boom"
