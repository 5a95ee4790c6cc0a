"""The HTTP exchange: query, status mapping, error bodies, retries, Retry-After, hooks."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import gzip
import io
import itertools
import ssl
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from typing import Any, Final, Protocol, TypeVar

import anyio
import anyio.lowlevel
import httpcore
import httpx
import pytest
import respx

import greenapi_async as ga

from .conftest import (
    API_URL,
    ID_INSTANCE,
    JOURNAL_URL,
    TOKEN,
    MakeClient,
    data_bytes,
    virtual_time,
)

pytestmark = pytest.mark.anyio


async def test_minutes_travels_as_a_query_parameter(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(content=data_bytes("text.json"))
    async with make_client() as api:
        (message,) = await api.journals.last_outgoing_messages(minutes=60)
    assert isinstance(message, ga.TextMessage)
    request = route.calls.last.request
    assert request.url.params["minutes"] == "60"
    assert request.content == b""
    assert request.method == "GET"


async def test_no_minutes_sends_no_parameter(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(json=[])
    async with make_client() as api:
        assert await api.journals.last_outgoing_messages(minutes=None) == []
    assert "minutes" not in route.calls.last.request.url.params


class _RecordingClient(httpx.AsyncClient):
    """A lent client that notes what each request was built from."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.built: list[tuple[httpx.URL, Any]] = []

    def build_request(self, method: str, url: Any, **options: Any) -> httpx.Request:
        self.built.append((url, options.get("params")))
        return super().build_request(method, url, **options)


def _answering_every_call(sent: list[httpx.URL] | None = None) -> httpx.MockTransport:
    """An empty journal for every request, whose URL goes to ``sent``."""

    def answer(request: httpx.Request) -> httpx.Response:
        if sent is not None:
            sent.append(request.url)
        return httpx.Response(200, json=[])

    return httpx.MockTransport(answer)


async def test_a_query_is_added_to_the_url_once_not_parsed_again_on_every_call(
    make_client: MakeClient,
) -> None:
    # httpx parses the whole URL again to add ``params``: a journal read with the same
    # window hands it the same URL, query included, and no params.
    async with (
        _RecordingClient(transport=_answering_every_call()) as http,
        make_client(http_client=http) as api,
    ):
        for minutes in (5, 5, 60, 5, None):
            await api.journals.last_outgoing_messages(minutes=minutes)
    (first, _), (second, _), (other, _), (again, _), (bare, _) = http.built
    assert [params for _, params in http.built] == [None] * 5
    assert second is first
    assert again is first
    assert other is not first
    assert [url.params.get("minutes") for url in (first, other, bare)] == ["5", "60", None]
    assert str(first) == f"{JOURNAL_URL}?minutes=5"


async def test_every_window_gets_its_own_query_however_many_there_are(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(json=[])
    windows = [*range(1, 200), *range(1, 200)]
    async with make_client() as api:
        for minutes in windows:
            await api.journals.last_outgoing_messages(minutes=minutes)
    sent = [call.request.url for call in route.calls]
    assert [url.params["minutes"] for url in sent] == [str(m) for m in windows]
    assert {url.copy_with(query=None) for url in sent} == {httpx.URL(JOURNAL_URL)}


class _Window(int):
    """A number of minutes that prints as its name, as an IntEnum does on Python 3.10."""

    def __str__(self) -> str:
        return "DAY"


async def test_a_window_goes_out_as_its_number_whatever_its_type_prints(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(json=[])
    async with make_client() as api:
        await api.journals.last_outgoing_messages(minutes=_Window(1440))
        await api.journals.last_outgoing_messages(minutes=1440)
    assert [call.request.url.params["minutes"] for call in route.calls] == ["1440", "1440"]


async def test_query_parameters_given_to_a_lent_client_later_are_sent_too(
    make_client: MakeClient,
) -> None:
    sent: list[httpx.URL] = []
    async with (
        httpx.AsyncClient(transport=_answering_every_call(sent)) as http,
        make_client(http_client=http) as api,
    ):
        await api.journals.last_outgoing_messages(minutes=5)
        http.params = httpx.QueryParams({"trace": "1"})
        await api.journals.last_outgoing_messages(minutes=5)
        http.params = httpx.QueryParams()
        await api.journals.last_outgoing_messages(minutes=5)
    assert [dict(url.params) for url in sent] == [
        {"minutes": "5"},
        {"trace": "1", "minutes": "5"},
        {"minutes": "5"},
    ]


async def test_a_lent_client_with_query_parameters_of_its_own_keeps_them_and_ours(
    make_client: MakeClient,
) -> None:
    sent: list[httpx.URL] = []
    async with (
        httpx.AsyncClient(transport=_answering_every_call(sent), params={"trace": "1"}) as http,
        make_client(http_client=http) as api,
    ):
        await api.journals.last_outgoing_messages(minutes=5)
        await api.journals.last_outgoing_messages()
    assert [dict(url.params) for url in sent] == [{"trace": "1", "minutes": "5"}, {"trace": "1"}]


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ga.BadRequestError),
        (401, ga.AuthenticationError),
        (403, ga.PermissionDeniedError),
        (404, ga.APIStatusError),
        (418, ga.APIStatusError),
    ],
)
async def test_a_4xx_is_mapped_to_its_class_and_never_retried(
    respx_mock: respx.MockRouter, make_client: MakeClient, status: int, cls: type[Any]
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(
        status, json={"code": status, "description": "Described by the service"}
    )
    async with make_client(max_retries=3) as api:
        with pytest.raises(cls) as caught:
            await api.journals.last_outgoing_messages()
    assert type(caught.value) is cls
    assert route.call_count == 1
    error = caught.value
    assert error.status_code == status
    assert error.attempts == 1
    assert "Described by the service" in str(error)
    assert error.method == "lastOutgoingMessages"
    assert error.url.endswith("/waInstance1101000001/lastOutgoingMessages/***")


@pytest.mark.parametrize(
    "encoded",
    [
        lambda text: text.encode(),
        lambda text: b" \r\n" + text.encode(),
        lambda text: codecs.BOM_UTF8 + text.encode(),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-16-be"),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: text.encode("utf-32-le"),
    ],
    ids=[
        "utf-8",
        "after white space",
        "utf-8 bom",
        "utf-16-le",
        "utf-16-be",
        "utf-16 bom",
        "utf-32",
    ],
)
async def test_a_401_body_on_a_200_is_an_authentication_error(
    respx_mock: respx.MockRouter, make_client: MakeClient, encoded: Callable[[str], bytes]
) -> None:
    body = encoded(data_bytes("unauthorized_body.json").decode())
    respx_mock.get(JOURNAL_URL).respond(200, content=body)
    async with make_client() as api:
        with pytest.raises(ga.AuthenticationError, match="401 Unauthorized") as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.status_code == 401


async def test_a_quota_error_carries_the_invoke_status(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(466, content=data_bytes("quota_exceeded.json"))
    async with make_client() as api:
        with pytest.raises(ga.QuotaExceededError, match="Monthly quota has been exceeded"):
            await api.journals.last_outgoing_messages()
    assert route.call_count == 1


async def test_an_html_error_page_is_summarised_not_dumped(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    respx_mock.get(JOURNAL_URL).respond(502, text=page, headers={"Content-Type": "text/html"})
    async with make_client(max_retries=1, retry_backoff=0) as api:
        with pytest.raises(ga.ServerError) as caught:
            await api.journals.last_outgoing_messages()
    assert "HTML page of" in str(caught.value)
    assert caught.value.body == page
    assert caught.value.attempts == 2


async def test_a_server_error_is_retried_until_it_succeeds(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [
        httpx.Response(503, text="busy"),
        httpx.Response(500, text="oops"),
        httpx.Response(200, content=data_bytes("text.json")),
    ]
    async with make_client(max_retries=2, retry_backoff=0) as api:
        assert len(await api.journals.last_outgoing_messages()) == 1
    assert route.call_count == 3


async def test_more_than_a_thousand_retries_keep_a_finite_delay(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    # Past 1,024 doublings an uncapped backoff overflows a float.
    failures = 1_100
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [httpx.Response(502)] * failures + [httpx.Response(200, json=[])]
    async with make_client(max_retries=failures, retry_backoff=0) as api:
        assert await api.journals.last_outgoing_messages() == []
    assert route.call_count == failures + 1


@pytest.mark.parametrize("max_retries", [0, 1, 3])
async def test_retries_never_exceed_the_configured_count(
    respx_mock: respx.MockRouter, make_client: MakeClient, max_retries: int
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(500, text="down")
    async with make_client(max_retries=max_retries, retry_backoff=0) as api:
        with pytest.raises(ga.ServerError) as caught:
            await api.journals.last_outgoing_messages()
    assert route.call_count == max_retries + 1
    assert caught.value.attempts == max_retries + 1


@virtual_time
@pytest.mark.parametrize(
    ("options", "ceilings"),
    [
        ({}, [0.5, 1, 2, 4, 8, 8]),  # the documented default
        ({"retry_backoff": 2}, [2, 4, 8, 16, 32, 32]),
        ({"retry_backoff": 0.01}, [0.01, 0.02, 0.04, 0.08, 0.16, 0.16]),
        ({"retry_backoff": 0}, [0, 0, 0, 0, 0, 0]),
    ],
    ids=["default", "slower", "faster", "none"],
)
async def test_the_wait_before_each_retry_doubles_from_retry_backoff_up_to_16_times_it(
    respx_mock: respx.MockRouter,
    make_client: MakeClient,
    options: dict[str, float],
    ceilings: list[float],
) -> None:
    sent_at: list[float] = []

    def busy(request: httpx.Request) -> httpx.Response:
        sent_at.append(anyio.current_time())
        return httpx.Response(503, text="busy")

    respx_mock.get(JOURNAL_URL).side_effect = busy
    async with make_client(max_retries=len(ceilings), **options) as api:
        with pytest.raises(ga.ServerError):
            await api.journals.last_outgoing_messages()
    waits = [later - earlier for earlier, later in itertools.pairwise(sent_at)]
    assert len(waits) == len(ceilings)
    # Each wait is its ceiling less up to 25% of jitter.
    for wait, ceiling in zip(waits, ceilings, strict=True):
        assert 0.75 * ceiling - 1e-9 <= wait <= ceiling + 1e-9, (waits, ceilings)


async def test_499_is_retried(respx_mock: respx.MockRouter, make_client: MakeClient) -> None:
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [httpx.Response(499), httpx.Response(200, json=[])]
    async with make_client(retry_backoff=0) as api:
        assert await api.journals.last_outgoing_messages() == []
    assert route.call_count == 2


async def test_429_honours_retry_after_and_reports_it_when_retries_run_out(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(
        429, text="Too Many Requests", headers={"Retry-After": "0.2"}
    )
    started = time.monotonic()
    async with make_client(max_retries=2) as api:
        with pytest.raises(ga.RateLimitError) as caught:
            await api.journals.last_outgoing_messages()
    assert time.monotonic() - started >= 0.4
    assert route.call_count == 3
    assert caught.value.retry_after == pytest.approx(0.2)
    assert caught.value.attempts == 3
    assert "after 3 attempts" in str(caught.value)


async def test_429_then_success_returns_the_journal(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [
        httpx.Response(429, headers={"Retry-After": "0"}),
        httpx.Response(200, content=data_bytes("poll.json")),
    ]
    async with make_client() as api:
        (poll,) = await api.journals.last_outgoing_messages()
    assert isinstance(poll, ga.PollMessage)


async def test_a_retry_after_beyond_the_cap_is_raised_at_once(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(429, headers={"Retry-After": "3600"})
    async with make_client(max_retries=5) as api:
        with pytest.raises(ga.RateLimitError) as caught:
            await api.journals.last_outgoing_messages()
    assert route.call_count == 1
    assert caught.value.retry_after == 3600


async def test_a_connection_error_is_retried_then_reported_as_connection_error(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).mock(side_effect=httpx.ConnectError("refused"))
    async with make_client(max_retries=2, retry_backoff=0) as api:
        with pytest.raises(ga.APIConnectionError, match="ConnectError: refused") as caught:
            await api.journals.last_outgoing_messages()
    assert type(caught.value) is ga.APIConnectionError
    assert route.call_count == 3
    assert caught.value.attempts == 3


@virtual_time
async def test_an_httpx_timeout_at_the_deadline_is_an_api_timeout_error(
    make_client: MakeClient,
) -> None:
    # On a virtual clock: the transport's timeout and the SDK's own deadline both come
    # 30 s into the attempt, and either is a timeout.
    slow_answers = 1

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal slow_answers
        if slow_answers:
            slow_answers -= 1
            await anyio.sleep(30)
            raise httpx.ReadTimeout("slow")
        return httpx.Response(200, json=[])

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        async with make_client(http_client=http, max_retries=1, retry_backoff=0) as api:
            assert await api.journals.last_outgoing_messages() == []  # retried
        slow_answers = 1
        async with make_client(http_client=http, max_retries=0) as api:
            with pytest.raises(ga.APITimeoutError, match="timed out after 30s"):
                await api.journals.last_outgoing_messages()


@pytest.mark.parametrize(
    "reported",
    [httpx.ConnectTimeout("Server disconnected"), TimeoutError("Server disconnected")],
    ids=["httpx-timeout", "timeout-error"],
)
async def test_a_timeout_reported_long_before_the_deadline_is_a_connection_error(
    respx_mock: respx.MockRouter, make_client: MakeClient, reported: Exception
) -> None:
    # httpx-aiohttp raises a connection the server closed as httpx's ConnectTimeout, a
    # few milliseconds into a call that may take 30 s: no deadline has passed.
    route = respx_mock.get(JOURNAL_URL).mock(side_effect=reported)
    async with make_client(max_retries=1, retry_backoff=0) as api:
        with pytest.raises(ga.APIConnectionError) as caught:
            await api.journals.last_outgoing_messages()
    assert type(caught.value) is ga.APIConnectionError
    message = str(caught.value)
    assert "timed out" not in message
    assert "Server disconnected" in message
    assert route.call_count == 2  # retried, as a connection error is
    assert caught.value.attempts == 2


async def test_a_body_whose_content_encoding_arrived_broken_is_retried(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).mock(
        side_effect=[httpx.DecodingError("broken gzip stream"), httpx.Response(200, json=[])]
    )
    async with make_client(max_retries=1, retry_backoff=0.001) as api:
        assert await api.journals.last_outgoing_messages() == []
    assert route.call_count == 2


async def test_a_non_transient_transport_error_is_not_retried(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).mock(side_effect=httpx.TooManyRedirects("loop"))
    async with make_client(max_retries=3) as api:
        with pytest.raises(ga.APIConnectionError, match="TooManyRedirects"):
            await api.journals.last_outgoing_messages()
    assert route.call_count == 1


def _untrusted_certificate() -> ssl.SSLCertVerificationError:
    return ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"
    )


def _as_httpx_raises_it() -> httpx.ConnectError:
    # httpx raises its ConnectError from httpcore's, raised in turn from the ssl error.
    certificate = _untrusted_certificate()
    from_httpcore = httpcore.ConnectError(str(certificate))
    from_httpcore.__cause__ = certificate
    error = httpx.ConnectError(str(certificate))
    error.__cause__ = from_httpcore
    return error


@pytest.mark.parametrize(
    "raised",
    [_as_httpx_raises_it, _untrusted_certificate],
    ids=["httpx-connect-error", "foreign-transport-ssl-error"],
)
async def test_a_certificate_that_fails_verification_is_not_retried(
    raised: Any, make_client: MakeClient
) -> None:
    attempts: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise raised()

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http,
        make_client(max_retries=3, retry_backoff=0, http_client=http) as api,
    ):
        with pytest.raises(ga.APIConnectionError, match="certificate verify failed") as caught:
            await api.journals.last_outgoing_messages()
    assert len(attempts) == 1
    assert caught.value.attempts == 1


async def test_a_malformed_200_is_a_validation_error_and_not_retried(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    route = respx_mock.get(JOURNAL_URL).respond(200, content=b'[{"idMessage": ')
    async with make_client(max_retries=3) as api:
        with pytest.raises(ga.ResponseValidationError, match="not valid JSON"):
            await api.journals.last_outgoing_messages()
    assert route.call_count == 1


async def test_a_wrong_content_type_does_not_matter(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(
        200, content=data_bytes("text.json"), headers={"Content-Type": "text/plain"}
    )
    async with make_client() as api:
        assert len(await api.journals.last_outgoing_messages()) == 1


async def test_status_error_bodies_are_redacted(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    echo = f"Cannot GET /waInstance1101000001/lastOutgoingMessages/{TOKEN}"
    respx_mock.get(JOURNAL_URL).respond(404, text=echo)
    async with make_client() as api:
        with pytest.raises(ga.APIStatusError) as caught:
            await api.journals.last_outgoing_messages()
    assert TOKEN not in caught.value.body
    assert TOKEN not in str(caught.value)
    assert caught.value.body.endswith("/lastOutgoingMessages/***")


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


async def test_a_borrowed_client_raising_for_status_in_a_hook_keeps_error_classes(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [
        httpx.Response(500),
        httpx.Response(401, json={"code": 401, "description": "Unauthorized"}),
    ]

    async def raise_for_status(response: httpx.Response) -> None:
        response.raise_for_status()

    async with httpx.AsyncClient(event_hooks={"response": [raise_for_status]}) as http:
        api = ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, retry_backoff=0)
        with pytest.raises(ga.AuthenticationError):
            await api.journals.last_outgoing_messages()
    assert route.call_count == 2  # the 500 was retried


@pytest.mark.parametrize(
    "retry_after",
    ["Mon, 01 Jan 99999999999999999999 00:00:00 GMT", "inf", "5_0", "\u0665"],
    ids=["huge-year", "inf", "underscore", "arabic-digit"],
)
async def test_a_retry_after_outside_the_http_grammar_is_ignored_by_a_call(
    respx_mock: respx.MockRouter, make_client: MakeClient, retry_after: str
) -> None:
    header = [(b"Retry-After", retry_after.encode())]  # UTF-8 on the wire, as httpx reads it
    route = respx_mock.get(JOURNAL_URL).respond(429, headers=header)
    async with make_client(max_retries=2, retry_backoff=0) as api:
        with anyio.fail_after(5), pytest.raises(ga.RateLimitError) as caught:
            await api.journals.last_outgoing_messages()
    # Retried on the client's own backoff, as if the server had not said how long to wait.
    assert route.call_count == 3
    assert caught.value.retry_after is None


MIB = 1024 * 1024
# The documented cap on an error answer's body: a report needs only its start.
ERROR_BODY_CAP = MIB


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
async def test_a_journal_of_exactly_max_response_bytes_decodes_and_one_byte_more_is_refused(
    respx_mock: respx.MockRouter, make_client: MakeClient, encoding: str
) -> None:
    cap = 10_000
    at_cap = b"[]" + b" " * (cap - 2)  # counted as decoded, whatever came over the wire

    def answer(body: bytes) -> httpx.Response:
        if encoding == "gzip":
            return httpx.Response(
                200, content=gzip.compress(body), headers={"Content-Encoding": "gzip"}
            )
        return httpx.Response(200, content=body)

    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [answer(at_cap), answer(at_cap + b" ")]
    async with make_client(max_response_bytes=cap, max_retries=2) as api:
        assert await api.journals.last_outgoing_messages() == []
        with pytest.raises(ga.ResponseTooLargeError, match="10,000 bytes") as caught:
            await api.journals.last_outgoing_messages()
    assert route.call_count == 2  # the second answer was not asked for again
    assert isinstance(caught.value, ga.ResponseValidationError)
    assert (caught.value.max_bytes, caught.value.status_code) == (cap, 200)


async def _in_two_pieces(body: bytes) -> Any:
    yield body[: len(body) // 2]
    yield body[len(body) // 2 :]


@pytest.mark.parametrize("framing", ["announced", "not announced", "understated"])
async def test_the_response_cap_holds_however_the_body_announces_its_length(
    respx_mock: respx.MockRouter, make_client: MakeClient, framing: str
) -> None:
    # A transport other than httpx's own may not hold a body to its Content-Length.
    cap = 10_000
    at_cap, past_cap = b"[]" + b" " * (cap - 2), b"[]" + b" " * (cap - 1)

    def answer(body: bytes) -> httpx.Response:
        if framing == "not announced":
            return httpx.Response(200, content=_in_two_pieces(body))
        headers = {"Content-Length": "2"} if framing == "understated" else {}
        return httpx.Response(200, content=body, headers=headers)

    respx_mock.get(JOURNAL_URL).side_effect = [answer(at_cap), answer(past_cap)]
    async with make_client(max_response_bytes=cap) as api:
        assert await api.journals.last_outgoing_messages() == []
        with pytest.raises(ga.ResponseTooLargeError, match="10,000 bytes"):
            await api.journals.last_outgoing_messages()


@pytest.mark.parametrize("status", [404, 429, 500, 502])
async def test_an_error_body_past_its_cap_is_refused_and_not_retried(
    respx_mock: respx.MockRouter, make_client: MakeClient, status: int
) -> None:
    route = respx_mock.get(JOURNAL_URL)
    route.side_effect = [
        httpx.Response(status, text="x" * ERROR_BODY_CAP),
        httpx.Response(status, text="x" * (ERROR_BODY_CAP + 1)),
    ]
    async with make_client(max_retries=0) as api:
        with pytest.raises(ga.APIStatusError) as reported:
            await api.journals.last_outgoing_messages()
    assert len(reported.value.body) == ERROR_BODY_CAP
    async with make_client(max_retries=2, retry_backoff=0) as api:
        with pytest.raises(ga.ResponseTooLargeError) as caught:
            await api.journals.last_outgoing_messages()
    assert route.call_count == 2
    assert (caught.value.max_bytes, caught.value.status_code) == (ERROR_BODY_CAP, status)


async def test_an_error_body_is_capped_by_a_lower_max_response_bytes_too(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    respx_mock.get(JOURNAL_URL).respond(500, text="x" * 1001)
    async with make_client(max_response_bytes=1000, max_retries=2) as api:
        with pytest.raises(ga.ResponseTooLargeError) as caught:
            await api.journals.last_outgoing_messages()
    assert caught.value.max_bytes == 1000


class _ClosedSlowly(httpx.AsyncByteStream):
    """A body whose close waits on the event loop, as httpcore's may.

    httpcore gives a connection back to its pool at the end of such a close (after taking a
    lock, and closing the socket if it is not kept); a close cut short leaves the
    connection taken for the life of the pool. This one offers the loop ``turns`` turns,
    waits until ``release`` is set, then waits on a timer: a cancel that lands in any of
    them must leave the rest of the close to run.
    """

    def __init__(self, body: bytes, turns: int = 3, failure: Exception | None = None) -> None:
        self._body = body
        self._turns = turns
        self.closing = anyio.Event()
        self.release = anyio.Event()
        self.closed = False
        self.failure = failure  # raised at the close's end, if any

    async def __aiter__(self) -> Any:
        yield self._body

    async def aclose(self) -> None:
        self.closing.set()
        with anyio.CancelScope(shield=True):  # as httpcore's close is
            for _ in range(self._turns):
                await anyio.lowlevel.checkpoint()
            await self.release.wait()
            await anyio.sleep(0.001)
        self.closed = True
        if self.failure is not None:
            raise self.failure


async def _call(api: ga.GreenAPI) -> object:
    return await api.journals.last_outgoing_messages()


async def _download(api: ga.GreenAPI) -> object:
    message = ga.ImageMessage(
        id_message="IMG1",
        timestamp=0,
        status_message="read",
        chat_id="1@c.us",
        download_url=f"{API_URL}/media/IMG1.jpg",
    )
    return await api.download(message, io.BytesIO())


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # Task.cancel() is asyncio's own
@pytest.mark.parametrize(
    ("request_", "status", "body", "headers"),
    [
        (_call, 200, b"[]", {"Content-Length": "2"}),  # read whole
        (_call, 200, b"[]", {}),  # read chunk by chunk
        (_call, 200, gzip.compress(b"[]"), {"Content-Encoding": "gzip"}),  # in pieces
        (_call, 500, b"down", {"Content-Length": "4"}),  # an error answer
        (_download, 200, b"\xff\xd8", {"Content-Length": "2"}),
        (_download, 404, b"gone", {"Content-Length": "4"}),
    ],
    ids=["announced", "not announced", "compressed", "error", "download", "download error"],
)
# A few turns of the loop, or more than a close is let run on without giving the loop one.
@pytest.mark.parametrize("turns", [3, 20], ids=["few turns", "many turns"])
async def test_a_task_cancelled_while_its_answer_closes_still_gives_the_connection_back(
    request_: Callable[[ga.GreenAPI], Coroutine[Any, Any, object]],
    status: int,
    body: bytes,
    headers: dict[str, str],
    turns: int,
) -> None:
    # asyncio's Task.cancel() lands in any await, a cancel-shielded one of anyio's (where
    # httpcore closes) included: the close must run to its end all the same.
    streams: list[_ClosedSlowly] = []

    def answer(request: httpx.Request) -> httpx.Response:
        streams.append(_ClosedSlowly(body, turns))
        return httpx.Response(status, headers=headers, stream=streams[-1])

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http,
        ga.GreenAPI(
            ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, rate_limit=False, max_retries=0
        ) as api,
    ):
        task = asyncio.create_task(request_(api))
        with anyio.fail_after(5):
            await _first_closing(streams)
        task.cancel()
        for _ in range(3):  # each cancel, however many, waits for the close
            await anyio.lowlevel.checkpoint()
            task.cancel()
        assert not task.done()
        streams[0].release.set()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert streams[0].closed


_Stream = TypeVar("_Stream", bound=httpx.AsyncByteStream)


def _kept(streams: list[_Stream], stream: _Stream) -> _Stream:
    streams.append(stream)
    return stream


@contextlib.asynccontextmanager
async def _client_answering(
    stream: Callable[[], httpx.AsyncByteStream],
) -> AsyncIterator[ga.GreenAPI]:
    """A client whose every answer is a 200 of two bytes, in a fresh ``stream()``."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": "2"}, stream=stream())

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http,
        ga.GreenAPI(
            ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, rate_limit=False, max_retries=0
        ) as api,
    ):
        yield api


def _closed_slowly_with(
    failure: Exception, streams: list[_ClosedSlowly]
) -> contextlib.AbstractAsyncContextManager[ga.GreenAPI]:
    """A client whose every answer is a ``_ClosedSlowly`` raising ``failure`` as it closes."""
    return _client_answering(lambda: _kept(streams, _ClosedSlowly(b"[]", failure=failure)))


class _Closing(Protocol):
    closing: anyio.Event
    release: anyio.Event


async def _first_closing(streams: Sequence[_Closing]) -> None:
    """Return once the first of ``streams`` is made and has begun its close."""
    while not streams:
        await anyio.lowlevel.checkpoint()
    await streams[0].closing.wait()


async def _release_once_closing(streams: Sequence[_Closing]) -> None:
    """Let the first of ``streams`` end its close once it has begun it."""
    await _first_closing(streams)
    streams[0].release.set()


async def test_a_close_that_fails_reports_its_failure() -> None:
    streams: list[_ClosedSlowly] = []
    async with (
        _closed_slowly_with(OSError("the socket would not close"), streams) as api,
        anyio.create_task_group() as tasks,
    ):
        tasks.start_soon(_release_once_closing, streams)
        with pytest.raises(ga.APIConnectionError, match="the socket would not close"):
            await api.journals.last_outgoing_messages()
    assert streams[0].closed


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # Task.cancel() is asyncio's own
async def test_a_call_cancelled_while_its_close_fails_raises_its_cancellation() -> None:
    streams: list[_ClosedSlowly] = []
    async with _closed_slowly_with(OSError("the socket would not close"), streams) as api:
        task = asyncio.create_task(api.journals.last_outgoing_messages())
        with anyio.fail_after(5):
            await _first_closing(streams)
        task.cancel()
        streams[0].release.set()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert streams[0].closed


class _ClosedWithinItsOwnTimeout(httpx.AsyncByteStream):
    """A body whose close waits for ``release`` under a timeout of its own, already due.

    A lent transport's close may bound a wait so: the cancel its timeout is made of must
    reach it, and must not reach the caller.
    """

    def __init__(self, asyncio_timeout: bool, turns: int = 0) -> None:
        self._asyncio_timeout = asyncio_timeout  # asyncio.timeout's, or an anyio scope's
        self._turns = turns  # of the loop offered first
        self.closing = anyio.Event()
        self.release = anyio.Event()
        self.closed = False

    async def __aiter__(self) -> Any:
        yield b"[]"

    async def aclose(self) -> None:
        self.closing.set()
        for _ in range(self._turns):
            await anyio.lowlevel.checkpoint()
        if self._asyncio_timeout:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(0):  # type: ignore[attr-defined,unused-ignore]
                    await self.release.wait()
        else:
            with anyio.move_on_after(0):
                await self.release.wait()
        self.closed = True


def _closed_within_its_own_timeout(
    streams: list[_ClosedWithinItsOwnTimeout], *, asyncio_timeout: bool, turns: int = 0
) -> contextlib.AbstractAsyncContextManager[ga.GreenAPI]:
    return _client_answering(
        lambda: _kept(streams, _ClosedWithinItsOwnTimeout(asyncio_timeout, turns))
    )


# (event loop, whether the close's timeout is asyncio.timeout's rather than anyio's)
_OWN_TIMEOUTS: Final = [
    pytest.param("asyncio", False, id="asyncio-anyio scope"),
    pytest.param("trio", False, id="trio-anyio scope"),
    pytest.param(
        "asyncio",
        True,
        id="asyncio-asyncio.timeout",
        marks=pytest.mark.skipif(sys.version_info < (3, 11), reason="new in Python 3.11"),
    ),
]


@pytest.mark.parametrize(("anyio_backend", "asyncio_timeout"), _OWN_TIMEOUTS)
async def test_a_close_timing_out_on_its_own_does_not_cancel_its_caller(
    asyncio_timeout: bool,
) -> None:
    streams: list[_ClosedWithinItsOwnTimeout] = []
    async with (
        _closed_within_its_own_timeout(streams, asyncio_timeout=asyncio_timeout) as api,
        anyio.create_task_group() as tasks,
    ):
        tasks.start_soon(_release_once_closing, streams)
        with anyio.fail_after(5):
            assert await api.journals.last_outgoing_messages() == []
    assert streams[0].closed


@pytest.mark.slow
@pytest.mark.parametrize(("anyio_backend", "asyncio_timeout"), _OWN_TIMEOUTS)
async def test_a_close_waiting_for_ever_within_its_own_timeout_ends_all_the_same(
    asyncio_timeout: bool,
) -> None:
    # Its timeout reaches it late, but it does: a caller is not held for ever.
    streams: list[_ClosedWithinItsOwnTimeout] = []
    async with _closed_within_its_own_timeout(streams, asyncio_timeout=asyncio_timeout) as api:
        with anyio.fail_after(15):
            assert await api.journals.last_outgoing_messages() == []
    assert streams[0].closed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("anyio_backend", "asyncio_timeout"),
    [params for params in _OWN_TIMEOUTS if params.values[0] == "asyncio"],  # Task.cancel()
)
async def test_a_cancel_handed_to_a_close_that_times_out_on_its_own_still_reaches_the_caller(
    asyncio_timeout: bool,
) -> None:
    # The caller's cancel comes first, while the close takes a turn of the loop; then the
    # close waits, for ever, within a timeout of its own, which takes the cancel it is
    # handed 5 s later for its own and ends quietly. The caller was cancelled all the same.
    streams: list[_ClosedWithinItsOwnTimeout] = []
    async with _closed_within_its_own_timeout(
        streams, asyncio_timeout=asyncio_timeout, turns=20
    ) as api:
        task = asyncio.create_task(api.journals.last_outgoing_messages())
        with anyio.fail_after(15):
            await _first_closing(streams)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
    assert streams[0].closed


class _ClosedByPolling(httpx.AsyncByteStream):
    """A body whose close offers the loop turn after turn until ``ready`` is set."""

    def __init__(self, ready: anyio.Event) -> None:
        self._ready = ready
        self.closed = False

    async def __aiter__(self) -> Any:
        yield b"[]"

    async def aclose(self) -> None:
        for _ in range(1_000):
            if self._ready.is_set():
                self.closed = True
                return
            await anyio.lowlevel.checkpoint()


async def test_a_close_waiting_by_polling_lets_the_loop_run_what_it_waits_for() -> None:
    ready = anyio.Event()
    streams: list[_ClosedByPolling] = []

    def answer(request: httpx.Request) -> httpx.Response:
        streams.append(_ClosedByPolling(ready))
        return httpx.Response(200, headers={"Content-Length": "2"}, stream=streams[-1])

    async def set_ready() -> None:
        ready.set()

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http,
        ga.GreenAPI(
            ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, rate_limit=False, max_retries=0
        ) as api,
        anyio.create_task_group() as tasks,
    ):
        tasks.start_soon(set_ready)  # runs only once the call gives the loop a turn
        assert await api.journals.last_outgoing_messages() == []
    assert streams[0].closed


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # trio has no task factory
@pytest.mark.skipif(
    sys.version_info < (3, 11), reason="Python 3.10 closes in a task of its own, on purpose"
)
async def test_an_answer_is_closed_in_the_callers_own_task(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    # A task of its own for every close would cost the event loop three turns a call.
    respx_mock.get(JOURNAL_URL).respond(200, json=[])
    loop = asyncio.get_running_loop()
    started: list[object] = []
    previous = loop.get_task_factory()

    def noting(loop: asyncio.AbstractEventLoop, coro: Any, **options: Any) -> asyncio.Task[Any]:
        started.append(coro)
        return asyncio.Task(coro, loop=loop, **options)

    loop.set_task_factory(noting)
    try:
        async with make_client(rate_limit=False) as api:
            for _ in range(3):
                assert await api.journals.last_outgoing_messages() == []
    finally:
        loop.set_task_factory(previous)
    assert started == []
