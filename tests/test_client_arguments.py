"""Constructor, from_env and journal arguments: validated before any I/O, secrets never echoed."""

from __future__ import annotations

import io
import json
import os
from typing import Any

import httpx
import pytest
import respx

import greenapi_async as ga

from .conftest import API_URL, ID_INSTANCE, JOURNAL_URL, TOKEN, MakeClient


@pytest.mark.parametrize("value", [1101000001, "1101000001", 0, "007"])
def test_id_instance_accepts_ints_and_digit_strings(value: Any) -> None:
    assert ga.GreenAPI(value, TOKEN).id_instance == str(value)


@pytest.mark.parametrize("value", ["", "11a", " 1101", "-5", -5, True, 1.5, None, "١٢٣", b"1101"])
def test_id_instance_rejects_anything_else_with_value_error(value: Any) -> None:
    with pytest.raises(ValueError, match="id_instance must be"):
        ga.GreenAPI(value, TOKEN)


@pytest.mark.parametrize("value", ["", f"{TOKEN}!", f" {TOKEN}", f"{TOKEN}/x", None, 123, b"abc"])
def test_api_token_rejects_bad_shapes_without_echoing_them(value: Any) -> None:
    with pytest.raises(ValueError, match="api_token must be") as caught:
        ga.GreenAPI(ID_INSTANCE, value)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://api.green-api.com", "https://api.green-api.com"),
        ("https://7103.api.greenapi.com/", "https://7103.api.greenapi.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.5.6.7", "http://127.5.6.7"),
        ("http://localhost:9000/", "http://localhost:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("https://proxy.example/green-api/", "https://proxy.example/green-api"),  # a prefix
    ],
)
def test_api_url_accepts_https_and_loopback_http(value: str, expected: str) -> None:
    assert ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=value).api_url == expected


@pytest.mark.parametrize(
    "value",
    [
        "http://api.green-api.com",
        "http://10.0.0.5",
        "ftp://api.green-api.com",
        "api.green-api.com",
        "https://",
        "https://user:pass@api.green-api.com",
        "https://api.green-api.com/?token=x",
        "",
        None,
        5,
    ],
)
def test_api_url_rejects_plain_http_elsewhere_and_malformed_urls(value: Any) -> None:
    with pytest.raises(ValueError, match="api_url must"):
        ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=value)


@pytest.mark.parametrize(
    "path",
    [
        f"/waInstance{ID_INSTANCE}/lastOutgoingMessages/{TOKEN}",
        f"/waInstance{ID_INSTANCE}",
        f"/WAINSTANCE{ID_INSTANCE}/getMessage/{TOKEN}/",
    ],
)
def test_a_method_url_pasted_as_api_url_is_refused_without_showing_the_token(path: str) -> None:
    # The console shows whole method URLs; kept as api_url, the token would be in every
    # repr and error message.
    with pytest.raises(ga.InvalidArgumentError, match="api_url must be the service's address"):
        ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=f"https://7103.api.greenapi.com{path}")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("timeout", 0),
        ("timeout", -1.0),
        ("timeout", float("inf")),
        ("timeout", float("nan")),
        ("timeout", "30"),
        ("timeout", True),
        ("max_retries", -1),
        ("max_retries", 1.0),
        ("max_retries", False),
        ("retry_backoff", -0.5),
        ("retry_backoff", float("inf")),
        ("retry_backoff", float("nan")),
        ("retry_backoff", "0.5"),
        ("retry_backoff", None),
        ("retry_backoff", True),
        ("confirm_within", -1),
        ("confirm_within", float("inf")),
        ("confirm_within", "150"),
        ("confirm_within", None),
        ("confirm_within", False),
        ("rate_limit", 1),
        ("rate_limit", None),
        ("http_client", object()),
        ("max_response_bytes", 0),
        ("max_response_bytes", -1),
        ("max_response_bytes", True),
        ("max_response_bytes", 1.5),
        ("max_response_bytes", "1000"),
        ("max_response_bytes", None),
        pytest.param("max_response_bytes", -(10**5000), id="max_response_bytes--10**5000"),
    ],
)
def test_other_options_reject_wrong_values(option: str, value: Any) -> None:
    with pytest.raises(ga.InvalidArgumentError, match=option):
        ga.GreenAPI(ID_INSTANCE, TOKEN, **{option: value})


def test_invalid_argument_error_is_both_value_and_type_error() -> None:
    assert issubclass(ga.InvalidArgumentError, ValueError)
    assert issubclass(ga.InvalidArgumentError, TypeError)
    assert not issubclass(ga.InvalidArgumentError, ga.GreenAPIError)


_MINUTES = "minutes must be an int from 1 to 525600"
_FLAG = "skip_malformed must be True or False"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        *(({"minutes": bad}, _MINUTES) for bad in (0, -1, True, False, 1.5, "60", [60], 525_601)),
        # Too many digits for str(): the message must not try to show it.
        pytest.param({"minutes": 10**5000}, _MINUTES, id="10**5000"),
        pytest.param({"minutes": -(10**5000)}, _MINUTES, id="-10**5000"),
        *(({"skip_malformed": bad}, _FLAG) for bad in (1, "yes", None)),
    ],
)
@pytest.mark.respx(assert_all_called=False)
@pytest.mark.anyio
async def test_journal_arguments_are_checked_before_any_request(
    respx_mock: respx.MockRouter,
    make_client: MakeClient,
    arguments: dict[str, Any],
    message: str,
) -> None:
    route = respx_mock.get(JOURNAL_URL)
    async with make_client() as api:
        with pytest.raises(ga.InvalidArgumentError, match=message):
            await api.journals.last_outgoing_messages(**arguments)
    assert not route.called


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("api_url", "https://api.green-api.com/?"),
        ("api_url", "https://api.green-api.com/#"),
        ("id_instance", 10**5000),
        ("id_instance", "1" * 5000),
        ("timeout", 10**400),
        ("max_retries", -(10**5000)),
        ("retry_backoff", 10**400),
    ],
    ids=[
        "empty-query",
        "empty-fragment",
        "huge-id",
        "long-id",
        "huge-timeout",
        "huge-retries",
        "huge-backoff",
    ],
)
def test_extreme_arguments_are_argument_errors(option: str, value: Any) -> None:
    options: dict[str, Any] = {"id_instance": ID_INSTANCE, "api_token": TOKEN, option: value}
    with pytest.raises(ga.InvalidArgumentError, match=option):
        ga.GreenAPI(**options)


def test_from_env_reads_the_three_variables() -> None:
    api = ga.GreenAPI.from_env(
        {
            "GREENAPI_ID_INSTANCE": ID_INSTANCE,
            "GREENAPI_API_TOKEN": TOKEN,
            "GREENAPI_API_URL": API_URL,
        },
        timeout=5,
    )
    assert (api.id_instance, api.api_url) == (ID_INSTANCE, API_URL)


def test_from_env_uses_os_environ_and_the_default_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GREENAPI_ID_INSTANCE", ID_INSTANCE)
    monkeypatch.setenv("GREENAPI_API_TOKEN", TOKEN)
    monkeypatch.delenv("GREENAPI_API_URL", raising=False)
    assert ga.GreenAPI.from_env().api_url == "https://api.green-api.com"


def test_from_env_lets_an_explicit_api_url_win() -> None:
    env = {"GREENAPI_ID_INSTANCE": "1", "GREENAPI_API_TOKEN": "abc", "GREENAPI_API_URL": API_URL}
    api = ga.GreenAPI.from_env(env, api_url="https://7103.api.greenapi.com")
    assert api.api_url == "https://7103.api.greenapi.com"


def test_from_env_names_every_missing_variable() -> None:
    with pytest.raises(ValueError, match="GREENAPI_ID_INSTANCE and GREENAPI_API_TOKEN must be set"):
        ga.GreenAPI.from_env({})


GOOD_ENV = {
    "GREENAPI_ID_INSTANCE": ID_INSTANCE,
    "GREENAPI_API_TOKEN": TOKEN,
    "GREENAPI_API_URL": API_URL,
}


@pytest.mark.parametrize("variable", sorted(GOOD_ENV))
@pytest.mark.parametrize(
    ("around", "stray"),
    [(" {} ", True), ("{}\n", True), ("\t{}", True), ("{}\r\n", True), ("{}?x", False)],
    ids=["spaces", "newline", "tab", "crlf", "wrong"],
)
def test_from_env_names_the_variable_and_stray_white_space(
    variable: str, around: str, stray: bool
) -> None:
    env = {**GOOD_ENV, variable: around.format(GOOD_ENV[variable])}
    with pytest.raises(ga.InvalidArgumentError) as caught:
        ga.GreenAPI.from_env(env)
    message = str(caught.value)
    assert message.startswith(f"{variable} must ")
    # The Python parameter's name would send the user looking in their code.
    for parameter in ("id_instance", "api_token", "api_url"):
        assert parameter not in message
    assert ("white space" in message) is stray
    assert TOKEN not in message


def test_repr_shows_the_instance_but_never_the_token() -> None:
    api = ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL)
    text = repr(api)
    assert TOKEN not in text
    assert ID_INSTANCE in text
    assert "api_token='***'" in text
    assert TOKEN not in repr(api.journals)
    assert TOKEN not in repr(vars(api))


def test_a_borrowed_client_that_is_not_async_is_refused() -> None:
    with pytest.raises(ga.InvalidArgumentError, match=r"httpx\.AsyncClient"):
        ga.GreenAPI(ID_INSTANCE, TOKEN, http_client=httpx.Client())  # type: ignore[arg-type]


def test_the_repr_of_a_client_whose_arguments_were_refused_does_not_fail() -> None:
    import traceback

    with pytest.raises(ga.InvalidArgumentError) as caught:
        ga.GreenAPI("1101000001", "tok", api_url="http://example.com")
    # What `pytest -l`, Sentry and TracebackException(capture_locals=True) do.
    rendered = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert "GreenAPI(id_instance=" in rendered


# Text that cannot be sent: a lone surrogate, which json.loads makes of a "\ud83d" escape
# and Python of a command-line argument or variable that is not valid UTF-8.
_SURROGATE_IN_ID = json.loads('"BAE\\ud83d5F4886F"')
_SURROGATE_IN_CHAT = os.fsdecode(b"7900\xff1234567@c.us")


def _no_surrogate_shown(error: BaseException) -> None:
    message = str(error)
    message.encode("utf-8")  # nothing in it that cannot be written out
    assert message.isprintable()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            lambda api: api.journals.get_message("79001234567@c.us", _SURROGATE_IN_ID),
            "id_message must be text that can be encoded as UTF-8: it holds a lone "
            "surrogate (U+D83D) at position 3",
            id="id_message",
        ),
        pytest.param(
            lambda api: api.journals.get_message(_SURROGATE_IN_CHAT, "BAE5F4886F"),
            "chat_id must be text that can be encoded as UTF-8: it holds a lone "
            "surrogate (U+DCFF) at position 4",
            id="get_message-chat_id",
        ),
        pytest.param(
            lambda api: api.journals.chat_history(_SURROGATE_IN_CHAT),
            "chat_id must be text that can be encoded as UTF-8",
            id="chat_history-chat_id",
        ),
    ],
)
@pytest.mark.anyio
async def test_an_id_that_cannot_be_encoded_is_refused_before_any_request(
    make_client: MakeClient, call: Any, message: str
) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(record)) as http,
        make_client(http_client=http) as api,
    ):
        with pytest.raises(ga.InvalidArgumentError) as caught:
            await call(api)
    assert str(caught.value).startswith(message)
    _no_surrogate_shown(caught.value)
    assert sent == []


def test_an_api_url_that_cannot_be_encoded_is_an_argument_error() -> None:
    with pytest.raises(ga.InvalidArgumentError) as caught:
        ga.GreenAPI(ID_INSTANCE, TOKEN, api_url="https://7103.api.greenapi.com/\ud83d")
    assert str(caught.value).startswith(
        "api_url must be text that can be encoded as UTF-8: it holds a lone surrogate "
        "(U+D83D) at position 30"
    )
    _no_surrogate_shown(caught.value)
    # The environment decodes bytes that are not UTF-8 into lone surrogates too.
    env = {**GOOD_ENV, "GREENAPI_API_URL": os.fsdecode(b"https://7103.api.greenapi.com/\xff")}
    with pytest.raises(ga.InvalidArgumentError, match=r"^GREENAPI_API_URL must be text") as caught:
        ga.GreenAPI.from_env(env)
    _no_surrogate_shown(caught.value)


@pytest.mark.anyio
async def test_a_download_url_that_cannot_be_encoded_is_refused_before_any_request(
    make_client: MakeClient,
) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=b"file")

    message = ga.ImageMessage(
        id_message="I", timestamp=0, status_message="read", chat_id="1@c.us",
        download_url="https://media.example/\ud83d.jpg",
    )  # fmt: skip
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(record)) as http,
        make_client(http_client=http) as api,
    ):
        with pytest.raises(ga.InvalidArgumentError, match="download_url of message I must be text"):
            await api.download(message, io.BytesIO())
    assert sent == []
