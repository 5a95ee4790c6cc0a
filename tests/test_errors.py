"""The SDK's exceptions as values: pickled, copied, sent to another process."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import multiprocessing
import pickle
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest

import greenapi_async as ga
from greenapi_async._methods import METHODS

from .conftest import ID_INSTANCE, TOKEN, MakeClient
from .loopback import LoopbackServer, RawServer, Reply, raw_response
from .method_calls import CALLS

EXPORTED_ERRORS = sorted(
    (
        value
        for value in (getattr(ga, name) for name in ga.__all__)
        if isinstance(value, type) and issubclass(value, BaseException)
    ),
    key=lambda cls: cls.__name__,
)


def sample(cls: type[BaseException]) -> BaseException:
    """An instance of ``cls`` with every attribute set to something other than its default."""
    options: dict[str, Any] = {}
    if issubclass(cls, ga.APIStatusError):
        options = {
            "status_code": 466,
            "body": '{"description": "spent"}',
            "url": f"https://h/waInstance{ID_INSTANCE}/lastOutgoingMessages/***",
            "method": "lastOutgoingMessages",
            "attempts": 3,
        }
        if issubclass(cls, ga.RateLimitError):
            options["retry_after"] = 1.5
        if issubclass(cls, ga.QuotaExceededError):
            options["invoke_status"] = {"used": 10, "more": [{"status": "QUOTE_EXCEEDED"}]}
    elif issubclass(cls, ga.APIConnectionError):
        options = {"url": "https://h/***", "method": "download", "attempts": 2}
    elif issubclass(cls, ga.ResponseTooLargeError):
        options = {"max_bytes": 4096, "status_code": 200}
    elif issubclass(cls, ga.ResponseValidationError):
        options = {"errors": ("$[0].timestamp: expected int, got str", "$[1]: not an object")}
    elif issubclass(cls, ga.DownloadTooLargeError):
        options = {"max_bytes": 1234}
    elif issubclass(cls, ga.SendNotConfirmedError):
        options = {
            "method": "sendMessage",
            "chat_id": "79001234567@c.us",
            "attempted_at": (1_764_000_000.25, 1_764_000_150.5),
            "last_error": ga.ServerError(
                "502", status_code=502, body="<html>", url="https://h/***", method="sendMessage"
            ),
        }
    elif issubclass(cls, ga.DeliveryFailedError):
        entry = ga.decode_outgoing_messages(
            b'[{"idMessage": "BAE5A", "timestamp": 1764000000, "statusMessage": "noAccount",'
            b' "chatId": "79001234567@c.us", "typeMessage": "textMessage", "textMessage": "hi"}]'
        )[0]
        options = {"entry": entry, "status": "noAccount"}
    elif issubclass(cls, ga.DeliveryTimeoutError):
        options = {"id_message": "BAE5A", "last_status": "sent"}
    elif cls not in (ga.GreenAPIError, ga.InvalidArgumentError):
        pytest.fail(f"no sample for {cls.__name__}: add one here")
    return cls(f"a {cls.__name__} for the test", **options)


def missing_extra_error(monkeypatch: pytest.MonkeyPatch) -> BaseException:
    """The error that serving the fake without uvicorn raises (its class is not exported)."""
    from greenapi_async.testing import FakeGreenAPI, serve

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    with pytest.raises(ImportError) as caught, serve(FakeGreenAPI()):
        pass
    return caught.value


def pickled(error: BaseException) -> BaseException:
    return pickle.loads(pickle.dumps(error))  # type: ignore[no-any-return]  # noqa: S301


COPIES: dict[str, Callable[[BaseException], BaseException]] = {
    "pickle": pickled,
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}


def assert_same(twin: BaseException, error: BaseException) -> None:
    assert type(twin) is type(error)
    assert str(twin) == str(error)
    assert repr(twin) == repr(error)
    assert twin.args == error.args
    # Every attribute, private marks included; an error held by another (the last error
    # of a send not confirmed) compares as an error, by what it holds.
    assert vars(twin).keys() == vars(error).keys()
    for name, value in vars(error).items():
        if isinstance(value, BaseException):
            assert_same(vars(twin)[name], value)
        else:
            assert vars(twin)[name] == value


def test_every_exported_exception_class_is_sampled() -> None:
    names = {cls.__name__ for cls in EXPORTED_ERRORS}
    assert {"GreenAPIError", "InvalidArgumentError", "QuotaExceededError"} <= names


@pytest.mark.parametrize("how", COPIES)
@pytest.mark.parametrize("cls", EXPORTED_ERRORS, ids=lambda cls: cls.__name__)
def test_every_exported_exception_survives_pickle_and_copy(
    cls: type[BaseException], how: str
) -> None:
    error = sample(cls)
    assert_same(COPIES[how](error), error)


@pytest.mark.parametrize("how", COPIES)
def test_the_missing_extra_error_survives_pickle_and_copy(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    error = missing_extra_error(monkeypatch)
    assert "greenapi-async[sandbox]" in str(error)
    assert_same(COPIES[how](error), error)


@pytest.mark.anyio
@pytest.mark.parametrize("how", COPIES)
async def test_a_failure_that_waiting_cannot_fix_stays_so_when_copied(how: str) -> None:
    # An exception of a foreign transport ends a watch rather than being retried for ever;
    # the error carries that mark, and a copy must too.
    def refuse(request: httpx.Request) -> httpx.Response:
        raise LookupError(f"no route to {request.url}")

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http,
        ga.GreenAPI(ID_INSTANCE, TOKEN, http_client=http, rate_limit=False) as api,
    ):
        with pytest.raises(ga.APIConnectionError) as caught:
            await api.journals.last_outgoing_messages()
    error = caught.value
    assert vars(error) != vars(ga.APIConnectionError("x", url=error.url, method=error.method))
    twin = COPIES[how](error)
    assert_same(twin, error)
    assert TOKEN not in f"{twin} {twin!r} {vars(twin)}"


def fail_in_a_worker() -> None:
    """Raise, in a child process, the error a wrong token gets from the service."""
    echo = f'{{"code": 401, "description": "wrong token {TOKEN}"}}'

    async def call() -> None:
        answer = httpx.MockTransport(lambda request: httpx.Response(401, text=echo))
        async with (
            httpx.AsyncClient(transport=answer) as http,
            ga.GreenAPI(ID_INSTANCE, TOKEN, http_client=http, rate_limit=False) as api,
        ):
            await api.journals.last_outgoing_messages()

    # A child process has no pytest to choose a loop, and the loop is not what this checks.
    asyncio.run(call())


def test_an_error_raised_in_a_worker_process_reaches_the_parent_intact() -> None:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        future = pool.submit(fail_in_a_worker)
        error = future.exception(timeout=60)
    assert type(error) is ga.AuthenticationError
    assert error.status_code == 401
    assert error.method == "lastOutgoingMessages"
    assert error.url.endswith("/lastOutgoingMessages/***")
    assert "wrong token ***" in str(error)
    assert TOKEN not in f"{error} {error!r} {error.args} {vars(error)}"


# What an error answer's description can hold: a forged line, a screen clear, a title
# change, a bidi override.
HOSTILE_DESCRIPTION = "Instance starting\nforged line\x1b[2J\x1b]0;pwned\x07\u202eevil"
RAW_CONTROLS = ("\n", "\x1b", "\x07", "\u202e")


class StopWatchingError(Exception):
    """Raised by the test's on_error: the watch ends after logging its first failure."""


@pytest.mark.anyio
async def test_the_services_control_characters_are_escaped_in_messages_and_logs_not_in_body(
    loopback: LoopbackServer, make_client: MakeClient, every_record: list[logging.LogRecord]
) -> None:
    body = json.dumps({"code": 500, "description": HOSTILE_DESCRIPTION})
    loopback.default = Reply(500, body.encode())
    seen: list[ga.GreenAPIError] = []

    def stop(error: ga.GreenAPIError) -> None:
        seen.append(error)
        raise StopWatchingError

    async def watch_until_the_first_failure(api: ga.GreenAPI) -> None:
        async with api.journals.watch_outgoing(60, on_error=stop) as watcher:
            async for _ in watcher:
                pass  # pragma: no cover - the first poll fails

    async with make_client(api_url=loopback.url, max_retries=1, retry_backoff=0) as api:
        with pytest.raises(ga.ServerError) as caught:
            await api.journals.last_outgoing_messages()  # retried once: a log line
        with pytest.raises(StopWatchingError):
            await watch_until_the_first_failure(api)
    for error in (caught.value, *seen):
        message = str(error)
        assert not [char for char in RAW_CONTROLS if char in message], message
        assert "Instance starting\\nforged line\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil" in message
        assert isinstance(error, ga.APIStatusError)
        assert error.body == body  # the attributes keep the answer exact
    logged = [record.getMessage() for record in every_record if record.name == "greenapi_async"]
    assert any(line.endswith("; retrying") for line in logged)  # the watcher's
    assert any("; retry 1 of 1 in " in line for line in logged)  # the retry's
    assert not [line for line in logged if any(char in line for char in RAW_CONTROLS)]


# A send's undefined status leaves its outcome unknown, a search its own tests cover.
READS = [method for method, spec in METHODS.items() if not spec.sends]


@pytest.mark.anyio
@pytest.mark.parametrize("method", READS)
async def test_a_status_http_does_not_define_names_the_requests_own_verb_and_method(
    make_client: MakeClient, method: str
) -> None:
    verb, call = CALLS[method]
    with RawServer(raw_response(601)) as server:
        url = server.url
        async with make_client(api_url=url) as api:
            with pytest.raises(ga.ResponseValidationError) as caught:
                await call(api)
    assert str(caught.value).startswith(
        f"{verb} {url}/waInstance{ID_INSTANCE}/{method}/*** answered with status 601, "
    )
