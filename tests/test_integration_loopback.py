"""End to end over real HTTP on 127.0.0.1, on asyncio and on trio."""

from __future__ import annotations

import importlib.metadata
import json
import socket
import subprocess
import sys
import time

import anyio
import httpx
import pytest
import sniffio
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import greenapi_async as ga

from .conftest import ID_INSTANCE, TOKEN, data_bytes
from .loopback import LoopbackServer, Reply, ResettingServer

pytestmark = pytest.mark.anyio


def client_for(server: LoopbackServer, **options: object) -> ga.GreenAPI:
    options.setdefault("rate_limit", False)
    return ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=server.url, **options)  # type: ignore[arg-type]


async def test_the_tests_really_run_on_the_named_backend(anyio_backend: str) -> None:
    assert sniffio.current_async_library() == anyio_backend


async def test_a_journal_is_fetched_and_decoded_over_http(loopback: LoopbackServer) -> None:
    loopback.queue(Reply(body=data_bytes("location.json")))
    async with client_for(loopback) as api:
        (message,) = await api.journals.last_outgoing_messages(minutes=5)
    assert isinstance(message, ga.LocationMessage)
    (request,) = loopback.received
    assert request.path == f"/waInstance{ID_INSTANCE}/lastOutgoingMessages/{TOKEN}?minutes=5"
    assert request.headers["User-Agent"] == f"greenapi-async/{ga.__version__}"


async def test_a_call_may_leave_malformed_entries_out_instead_of_failing(
    loopback: LoopbackServer,
) -> None:
    good = json.loads(data_bytes("text.json"))[0]
    body = json.dumps([good, {**good, "idMessage": 7}, {**good, "idMessage": "B"}]).encode()
    loopback.queue(Reply(body=body), Reply(body=body))
    async with client_for(loopback) as api:
        with pytest.raises(ga.ResponseValidationError, match=r"\$\[1\]\.idMessage"):
            await api.journals.last_outgoing_messages()
        result = await api.journals.last_outgoing_messages(skip_malformed=True)
    assert [message.id_message for message in result.messages] == [good["idMessage"], "B"]
    (left_out,) = result.left_out
    assert (left_out.index, left_out.entry["idMessage"]) == (1, 7)
    assert left_out.errors == ("$[1].idMessage: expected str, got int",)


async def _cancel_a_call_the_server_has(
    loopback: LoopbackServer, api: ga.GreenAPI, *, after: float = 0.0
) -> None:
    """Call, and cancel the call ``after`` seconds past the server's receiving it."""

    async def cancel_once_the_server_has_it(scope: anyio.CancelScope) -> None:
        await loopback.wait_until_received(len(loopback.received) + 1)
        await anyio.sleep(after)
        scope.cancel()

    answered = False
    with anyio.CancelScope() as scope:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(cancel_once_the_server_has_it, scope)
            await api.journals.last_outgoing_messages()
            answered = True
    assert scope.cancelled_caught
    assert not answered  # the cancellation ended the call, not its answer


async def test_a_cancelled_request_leaves_the_client_usable(loopback: LoopbackServer) -> None:
    loopback.queue(Reply(delay_before_headers=2.0), Reply(body=data_bytes("text.json")))
    async with client_for(loopback) as api:
        await _cancel_a_call_the_server_has(loopback, api)
        (message,) = await api.journals.last_outgoing_messages()
    assert isinstance(message, ga.TextMessage)
    assert len(loopback.received) == 2


async def test_cancelling_mid_body_leaves_the_client_usable(loopback: LoopbackServer) -> None:
    body = data_bytes("text.json")
    loopback.queue(Reply(body=body, chunks=4, pause_between_chunks=0.5), Reply(body=body))
    async with client_for(loopback) as api:
        # The first piece goes out at once, the second 0.5 s later.
        await _cancel_a_call_the_server_has(loopback, api, after=0.2)
        assert len(await api.journals.last_outgoing_messages()) == 1
    assert len(loopback.received) == 2


async def test_the_timeout_bounds_a_whole_attempt_not_each_read(loopback: LoopbackServer) -> None:
    # Each piece arrives well within the timeout, but the whole body takes 2.5 s.
    slow = Reply(body=data_bytes("contact.json"), chunks=5, pause_between_chunks=0.5)
    loopback.queue(slow)
    started = time.monotonic()
    async with client_for(loopback, timeout=0.8, max_retries=0) as api:
        with pytest.raises(ga.APITimeoutError, match=r"timed out after 0\.8s"):
            await api.journals.last_outgoing_messages()
    assert time.monotonic() - started < 2.0


async def test_slow_headers_time_out_and_are_retried(loopback: LoopbackServer) -> None:
    loopback.queue(Reply(delay_before_headers=1.5), Reply(body=b"[]"))
    async with client_for(loopback, timeout=0.5, max_retries=1) as api:
        assert await api.journals.last_outgoing_messages() == []
    assert len(loopback.received) == 2


async def test_a_refused_connection_is_an_api_connection_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = ga.GreenAPI(
        ID_INSTANCE, TOKEN, api_url=f"http://127.0.0.1:{port}", rate_limit=False, max_retries=0
    )
    async with api:
        with pytest.raises(ga.APIConnectionError) as caught:
            await api.journals.last_outgoing_messages()
    assert type(caught.value) is ga.APIConnectionError
    assert TOKEN not in str(caught.value)
    # Nothing reached the service: a request that must not be repeated blindly may be.
    assert (caught.value.reached_service, caught.value.transient) == (False, True)


@pytest.mark.parametrize("after_bytes", [0, 60], ids=["before-the-answer", "mid-answer"])
async def test_a_connection_reset_after_the_request_may_have_reached_the_service(
    after_bytes: int,
) -> None:
    with ResettingServer(after_bytes) as server:
        api = ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=server.url, rate_limit=False, max_retries=1)
        async with api:
            with pytest.raises(ga.APIConnectionError) as caught:
                await api.journals.last_outgoing_messages()
    assert (caught.value.reached_service, caught.value.transient) == (True, True)
    assert (caught.value.attempts, server.connections) == (2, 2)  # a read is sent again


async def test_status_errors_over_http_keep_their_class(loopback: LoopbackServer) -> None:
    loopback.queue(Reply(status=403, body=b'{"code":403,"description":"Forbidden"}'))
    async with client_for(loopback) as api:
        with pytest.raises(ga.PermissionDeniedError, match="403 Forbidden"):
            await api.journals.last_outgoing_messages()


async def test_concurrent_callers_share_one_borrowed_pool(loopback: LoopbackServer) -> None:
    loopback.default = Reply(body=data_bytes("edited_deleted.json"))
    results: list[int] = []
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=4)) as http:
        api = client_for(loopback, http_client=http)

        async def fetch() -> None:
            results.append(len(await api.journals.last_outgoing_messages()))

        async with api, anyio.create_task_group() as tasks:
            for _ in range(20):
                tasks.start_soon(fetch)
        assert not http.is_closed
    assert results == [2] * 20


async def test_pacing_holds_over_real_http(loopback: LoopbackServer) -> None:
    async with client_for(loopback, rate_limit=True) as api, anyio.create_task_group() as tasks:
        for _ in range(2):
            tasks.start_soon(api.journals.last_outgoing_messages)
    first, second = loopback.received
    assert second.at - first.at >= 0.95


# Run in a fresh interpreter, as an install of the package and its dependencies alone
# would: the modules of other distributions (named in argv[4]) cannot be imported. Prints
# the imports tried once the connection is up and every first-time import is done.
_RECORD_CALL_IMPORTS = """
import importlib.abc, json, sys

absent = set(json.loads(sys.argv[4]))
tried = None


class Recorder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if tried is not None:
            tried.append(fullname)
        if fullname.partition(".")[0] in absent:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)


sys.meta_path.insert(0, Recorder())
import anyio
import greenapi_async as ga


async def main():
    global tried
    async with ga.GreenAPI(sys.argv[1], sys.argv[2], api_url=sys.argv[3], rate_limit=False) as api:
        await api.journals.last_outgoing_messages()
        tried = []
        for _ in range(3):
            await api.journals.last_outgoing_messages()


anyio.run(main)
print(json.dumps(tried))
"""


def _installed_with_the_package() -> set[str]:
    """The distributions a plain install of greenapi-async brings, itself included."""
    wanted, found = ["greenapi-async"], set[str]()
    while wanted:
        name = canonicalize_name(wanted.pop())
        if name in found:
            continue
        found.add(name)
        for line in importlib.metadata.requires(name) or ():
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
    return found


def test_a_call_on_a_plain_install_tries_no_import(loopback: LoopbackServer) -> None:
    # httpcore looks for sniffio on every request: when no dependency installs it, each
    # look-up searches the whole module path in vain, a fifth of a small call's time.
    loopback.default = Reply(body=data_bytes("text.json"))
    installed = _installed_with_the_package()
    absent = [
        module
        for module, dists in importlib.metadata.packages_distributions().items()
        if not any(canonicalize_name(dist) in installed for dist in dists)
    ]
    result = subprocess.run(  # noqa: S603 - the test's own arguments
        [
            sys.executable,
            "-c",
            _RECORD_CALL_IMPORTS,
            ID_INSTANCE,
            TOKEN,
            loopback.url,
            json.dumps(absent),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(result.stdout) == []


async def _burst(api: ga.GreenAPI, count: int) -> None:
    async with anyio.create_task_group() as tasks:
        for _ in range(count):
            tasks.start_soon(api.journals.last_outgoing_messages)


async def test_the_default_client_keeps_every_connection_it_opens(
    loopback: LoopbackServer,
) -> None:
    # httpcore closes every idle connection while it holds more than its keep-alive limit
    # in all: with httpx's default of 20, a burst of 25 would close five and open them
    # again at the next burst.
    loopback.default = Reply(delay_before_headers=0.2)
    async with client_for(loopback) as api:
        await _burst(api, 25)
        assert loopback.peak_open == 25
        assert loopback.open_connections == 25  # kept alive for the next calls
        await _burst(api, 25)
        assert loopback.peak_open == 25  # the second burst opened none
    assert len(loopback.received) == 50


@pytest.mark.parametrize(
    ("limits", "expected_peak"), [(httpx.Limits(max_connections=2), 2), (httpx.Limits(), 15)]
)
async def test_a_borrowed_client_keeps_its_own_pool_limits(
    loopback: LoopbackServer, limits: httpx.Limits, expected_peak: int
) -> None:
    loopback.default = Reply(delay_before_headers=0.2)
    async with (
        httpx.AsyncClient(limits=limits) as http,
        client_for(loopback, http_client=http) as api,
    ):
        await _burst(api, 15)
    assert loopback.peak_open == expected_peak


# Valid JSON that msgspec cannot read: one such value costs at most its entry.

_INCOMING = json.loads(data_bytes("recorded/incoming_with_senders.json"))[:3]


def _journal_with(middle: dict[str, object], *, raw: bytes = b"") -> bytes:
    """Three incoming entries; the middle one's JSON text is ``raw`` where it says NUMBER."""
    first, _, last = _INCOMING
    body = json.dumps([first, middle, last])
    return body.replace('"NUMBER"', raw.decode()).encode() if raw else body.encode()


async def test_a_lone_surrogate_reads_as_the_replacement_character_and_loses_nothing(
    loopback: LoopbackServer,
) -> None:
    # What JavaScript's JSON.stringify writes for an emoji cut in half; json.dumps escapes
    # it the same way.
    half_emoji = {**_INCOMING[1], "textMessage": "cut \ud83d", "senderName": "\udc00Ann"}
    body = _journal_with(half_emoji)
    assert b"\\ud83d" in body
    loopback.queue(Reply(body=body), Reply(body=body))
    async with client_for(loopback) as api:
        messages = await api.journals.last_incoming_messages()
        partial = await api.journals.last_incoming_messages(skip_malformed=True)
    assert [m.id_message for m in messages] == [entry["idMessage"] for entry in _INCOMING]
    assert (messages[1].text, messages[1].sender_name) == ("cut \ufffd", "\ufffdAnn")
    assert messages[1].raw["textMessage"] == "cut \ufffd"
    assert (partial.messages, partial.left_out) == (messages, ())


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (b"1e400", "the number 1e400 is out of range"),
        (b"-1e400", "the number -1e400 is out of range"),
        (b"7" * 5_000, "a number of 5,000 digits, more than can be read"),
    ],
)
async def test_a_number_no_float_or_int_can_hold_costs_only_its_entry(
    loopback: LoopbackServer, number: bytes, problem: str
) -> None:
    body = _journal_with({**_INCOMING[1], "timestamp": "NUMBER"}, raw=number)
    loopback.queue(Reply(body=body), Reply(body=body))
    async with client_for(loopback) as api:
        with pytest.raises(ga.ResponseValidationError) as raised:
            await api.journals.last_incoming_messages()
        partial = await api.journals.last_incoming_messages(skip_malformed=True)
    assert raised.value.errors == (f"$[1].timestamp: {problem}",)
    message = f"malformed lastIncomingMessages response: $[1].timestamp: {problem}"
    assert str(raised.value) == message
    kept = [message.id_message for message in partial.messages]
    assert kept == [_INCOMING[0]["idMessage"], _INCOMING[2]["idMessage"]]
    (left_out,) = partial.left_out
    assert (left_out.index, left_out.errors) == (1, (f"$[1].timestamp: {problem}",))
    # The entry as it came, with the number as its text: no value is made up for it.
    assert left_out.entry["timestamp"] == number.decode()


async def test_an_unreadable_number_anywhere_in_an_entry_is_named_by_its_path(
    loopback: LoopbackServer,
) -> None:
    unknown_kind = {**_INCOMING[1], "typeMessage": "futureMessage", "future": {"n": ["NUMBER"]}}
    loopback.queue(Reply(body=_journal_with(unknown_kind, raw=b"1e999")))
    async with client_for(loopback) as api:
        with pytest.raises(ga.ResponseValidationError) as raised:
            await api.journals.last_incoming_messages()
    assert raised.value.errors == ("$[1].future.n[0]: the number 1e999 is out of range",)
