"""Unusual and hostile situations: odd charsets, echoed tokens, hooks, closing mid-retry."""

from __future__ import annotations

import email.utils
import gc
import logging
import threading
import time
import traceback
from typing import Any

import anyio
import httpx
import pytest
import respx

import greenapi_async as ga
from greenapi_async._pacing import Pacer
from greenapi_async._retry import parse_retry_after

from .conftest import API_URL, ID_INSTANCE, JOURNAL_URL, TOKEN, MakeClient
from .loopback import LoopbackServer, Reply


@pytest.mark.asyncio
@pytest.mark.parametrize("charset", ["base64", "rot13", "zlib_codec", "no-such-codec"])
async def test_an_error_body_with_a_strange_charset_is_still_a_typed_error(
    respx_mock: respx.MockRouter, make_client: MakeClient, charset: str
) -> None:
    respx_mock.get(JOURNAL_URL).respond(
        404, content=b"not here", headers={"Content-Type": f"text/plain; charset={charset}"}
    )
    async with make_client() as api:
        with pytest.raises(ga.APIStatusError, match="not here"):
            await api.journals.last_outgoing_messages()


@pytest.mark.asyncio
async def test_no_piece_of_the_token_survives_cutting_a_long_description(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(400, json={"description": "x" * 180 + " " + TOKEN})
    async with make_client() as api:
        with pytest.raises(ga.BadRequestError) as caught:
            await api.journals.last_outgoing_messages()
    assert TOKEN[:8] not in str(caught.value)


@pytest.mark.asyncio
async def test_the_quota_details_are_redacted_too(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(
        466, json={"invokeStatus": {"description": "quota", "echo": TOKEN}}
    )
    async with make_client() as api:
        with pytest.raises(ga.QuotaExceededError) as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.invoke_status == {"description": "quota", "echo": "***"}


@pytest.mark.asyncio
async def test_tracebacks_with_captured_locals_hide_the_token(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(401, json={"code": 401, "description": "Unauthorized"})
    async with make_client() as api:
        with pytest.raises(ga.AuthenticationError) as caught:
            await api.journals.last_outgoing_messages()
    rendered = "".join(traceback.TracebackException.from_exception(
        caught.value, capture_locals=True
    ).format())  # fmt: skip
    assert TOKEN not in rendered


@pytest.mark.asyncio
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


@pytest.mark.asyncio
async def test_a_borrowed_client_raising_for_status_in_a_hook_keeps_error_classes(
    respx_mock: respx.MockRouter, fast_backoff: None
) -> None:
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [
        httpx.Response(500),
        httpx.Response(401, json={"code": 401, "description": "Unauthorized"}),
    ]

    async def raise_for_status(response: httpx.Response) -> None:
        response.raise_for_status()

    async with httpx.AsyncClient(event_hooks={"response": [raise_for_status]}) as http:
        api = ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http)
        with pytest.raises(ga.AuthenticationError):
            await api.journals.last_outgoing_messages()
    assert route.call_count == 2  # the 500 was retried


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio", "trio"])
async def test_tokens_echoed_in_headers_or_redirects_never_reach_the_logs(
    loopback: LoopbackServer, anyio_backend: str
) -> None:
    # The autouse fixture fails this test if the token shows in any record (DEBUG included).
    loopback.queue(
        Reply(status=302, body=b"", headers=(("Location", f"/login?next=%2F{TOKEN}"),)),
        Reply(status=404, body=b"", headers=(("X-Token-Echo", TOKEN),)),
    )
    async with httpx.AsyncClient(follow_redirects=True) as http:
        api = ga.GreenAPI(
            ID_INSTANCE, TOKEN, api_url=loopback.url, http_client=http, rate_limit=False
        )
        with pytest.raises(ga.APIStatusError):
            await api.journals.last_outgoing_messages()


def test_the_log_filter_leaves_a_malformed_record_for_logging_to_report() -> None:
    ga.GreenAPI(ID_INSTANCE, TOKEN)  # installs the filter
    (redacting,) = logging.getLogger("httpx").filters
    assert isinstance(redacting, logging.Filter)
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "%s and %s", ("one",), None)
    assert redacting.filter(record) is True
    assert (record.msg, record.args) == ("%s and %s", ("one",))


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("api_url", "https://api.green-api.com/?"),
        ("api_url", "https://api.green-api.com/#"),
        ("id_instance", 10**5000),
        ("id_instance", "1" * 5000),
        ("timeout", 10**400),
        ("max_retries", -(10**5000)),
    ],
    ids=["empty-query", "empty-fragment", "huge-id", "long-id", "huge-timeout", "huge-retries"],
)
def test_extreme_arguments_are_argument_errors(option: str, value: Any) -> None:
    options: dict[str, Any] = {"id_instance": ID_INSTANCE, "api_token": TOKEN, option: value}
    with pytest.raises(ga.InvalidArgumentError, match=option):
        ga.GreenAPI(**options)


@pytest.mark.parametrize("timestamp", [-1, 1_700_000_000_000, 2**63])
def test_a_timestamp_outside_any_date_is_refused_when_decoding(timestamp: int) -> None:
    body = (
        f'[{{"idMessage":"A","timestamp":{timestamp},"statusMessage":"sent",'
        '"typeMessage":"textMessage","chatId":"1@c.us"}]'
    )
    with pytest.raises(ga.ResponseValidationError, match=r"\$\[0\]\.timestamp: expected unix"):
        ga.decode_outgoing_messages(body)
    (unknown,) = ga.decode_outgoing_messages(body.replace("textMessage", "newKind"))
    assert isinstance(unknown, ga.UnknownMessage)
    assert unknown.timestamp is None
    assert unknown.timestamp_utc is None


def test_a_body_with_a_byte_order_mark_decodes() -> None:
    assert ga.decode_outgoing_messages(b"\xef\xbb\xbf[]") == []
    assert ga.decode_outgoing_messages("\ufeff[]") == []


def test_a_retry_after_date_in_minus_zero_zone_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        now = 1_764_000_000.0
        header = email.utils.formatdate(now + 30)  # "... -0000"
        assert header.endswith("-0000")
        assert parse_retry_after(httpx.Headers({"Retry-After": header}), now=now) == 30
    finally:
        monkeypatch.undo()
        time.tzset()


def test_pacing_holds_across_separate_event_loop_runs() -> None:
    pacer = Pacer(0.2)
    waits = []
    for backend in ("trio", "asyncio", "trio"):
        started = time.monotonic()
        anyio.run(pacer.wait_turn, backend=backend)
        waits.append(time.monotonic() - started)
    assert waits[0] < 0.1
    assert all(0.1 < wait < 1.0 for wait in waits[1:]), waits


def test_a_client_collected_while_the_registry_is_busy_does_not_deadlock() -> None:
    from greenapi_async import _redaction

    class Owner:
        pass

    def collect_under_lock() -> None:
        owner = Owner()
        _redaction.register_secret(owner, "retiredSecret123")
        with _redaction._lock:
            del owner  # its finalizer runs here, while the lock is held
            gc.collect()
        assert "retiredSecret123" not in _redaction._live_secrets()

    worker = threading.Thread(target=collect_under_lock, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "the finalizer waited for the lock its thread holds"
