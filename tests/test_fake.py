"""The fake Green API behaves as the real journal endpoint does, and obeys its script."""

from __future__ import annotations

import contextlib
import http.client
import socket
import time
import typing

import anyio
import httpx
import pytest

import greenapi_async as ga
from greenapi_async.testing import (
    STATUS_PROGRESSION,
    FakeClock,
    FakeGreenAPI,
    Fault,
    contact_message,
    image_message,
    location_message,
    poll_message,
    serve,
    text_message,
)

pytestmark = pytest.mark.anyio

KNOWN_KINDS = [cls for cls in typing.get_args(ga.Message) if cls is not ga.UnknownMessage]

NOW = 1_764_000_000.0


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance("1101000001", "fakeToken123")
    return fake


async def raw_get(fake: FakeGreenAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=fake)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake") as http:
        return await http.get(path)


async def test_the_journal_is_newest_first_and_decodes(fake: FakeGreenAPI) -> None:
    fake.instance.add(text_message("older"), timestamp=int(NOW) - 120)
    fake.instance.add(image_message("newest"), timestamp=int(NOW) - 10)
    fake.instance.add(location_message(), timestamp=int(NOW) - 60)
    async with fake.connect() as api:
        messages = await api.journals.last_outgoing_messages()
    assert [type(message) for message in messages] == [
        ga.ImageMessage,
        ga.LocationMessage,
        ga.TextMessage,
    ]


async def test_minutes_filters_by_timestamp_against_the_fake_clock(fake: FakeGreenAPI) -> None:
    fake.instance.add(text_message("4 min ago"), timestamp=int(NOW) - 240)
    fake.instance.add(text_message("2 days ago"), timestamp=int(NOW) - 2 * 86400)
    async with fake.connect() as api:
        assert len(await api.journals.last_outgoing_messages(minutes=5)) == 1
        assert len(await api.journals.last_outgoing_messages(minutes=3)) == 0
        assert len(await api.journals.last_outgoing_messages()) == 1
        fake.clock.advance(120)
        assert len(await api.journals.last_outgoing_messages(minutes=5)) == 0
        assert len(await api.journals.last_outgoing_messages(minutes=3 * 1440)) == 2


async def test_a_wrong_token_is_401_and_an_unknown_instance_403(fake: FakeGreenAPI) -> None:
    wrong_token = await raw_get(fake, "/waInstance1101000001/lastOutgoingMessages/nope")
    assert (wrong_token.status_code, wrong_token.json()) == (
        401,
        {"code": 401, "description": "Unauthorized"},
    )
    unknown = await raw_get(fake, "/waInstance999/lastOutgoingMessages/fakeToken123")
    assert unknown.status_code == 403
    assert (await raw_get(fake, "/elsewhere")).status_code == 404
    assert [request.token_valid for request in fake.requests] == [False, False, False]


async def test_a_wrong_token_reaches_the_client_as_authentication_error(
    fake: FakeGreenAPI,
) -> None:
    transport = httpx.ASGITransport(app=fake)
    async with httpx.AsyncClient(transport=transport) as http:
        api = ga.GreenAPI("1101000001", "wrongToken", http_client=http, rate_limit=False)
        with pytest.raises(ga.AuthenticationError):
            await api.journals.last_outgoing_messages()


async def test_the_method_name_is_case_insensitive_as_in_the_docs(fake: FakeGreenAPI) -> None:
    response = await raw_get(fake, "/waInstance1101000001/LastOutgoingMessages/fakeToken123")
    assert response.status_code == 200


@pytest.mark.parametrize("minutes", ["0", "-5", "abc", "1.5"])
async def test_a_bad_minutes_parameter_is_400(fake: FakeGreenAPI, minutes: str) -> None:
    path = f"/waInstance1101000001/lastOutgoingMessages/fakeToken123?minutes={minutes}"
    assert (await raw_get(fake, path)).status_code == 400


async def test_the_rate_limit_answers_429_to_a_burst() -> None:
    fake = FakeGreenAPI(rate_limit=True)
    instance = fake.add_instance("1", "tok")
    path = "/waInstance1/lastOutgoingMessages/tok"
    statuses = [(await raw_get(fake, path)).status_code for _ in range(3)]
    assert statuses == [200, 429, 429]
    other = fake.add_instance("2", "tok2")
    assert (await raw_get(fake, "/waInstance2/lastOutgoingMessages/tok2")).status_code == 200
    assert instance is not other


async def test_a_client_pacing_itself_is_never_refused() -> None:
    fake = FakeGreenAPI(rate_limit=True)
    fake.add_instance()
    async with fake.connect(max_retries=0) as api, anyio.create_task_group() as tasks:
        for _ in range(3):
            tasks.start_soon(api.journals.last_outgoing_messages)
    assert [request.status for request in fake.requests] == [200, 200, 200]


async def test_statuses_move_along_with_their_timestamp(fake: FakeGreenAPI) -> None:
    sent = fake.instance.add(poll_message(), status="pending", timestamp=int(NOW) - 30)
    seen = []
    async with fake.connect() as api:
        for _ in STATUS_PROGRESSION:
            (message,) = await api.journals.last_outgoing_messages()
            seen.append((str(message.status_message), message.timestamp))
            fake.clock.advance(5)
            fake.instance.advance_status(sent["idMessage"])
    assert seen == [
        ("pending", int(NOW) - 30),
        ("sent", int(NOW) + 5),
        ("delivered", int(NOW) + 10),
        ("read", int(NOW) + 15),
    ]
    assert fake.instance.advance_status(sent["idMessage"])["statusMessage"] == "read"


async def test_faults_are_served_in_order_for_the_next_requests(fake: FakeGreenAPI) -> None:
    fake.instance.add(contact_message())
    fake.queue_fault(Fault.rate_limited(retry_after=0), times=2)
    fake.queue_fault(Fault.bad_gateway())
    async with fake.connect(max_retries=3, timeout=5) as api:
        (message,) = await api.journals.last_outgoing_messages()
    assert isinstance(message, ga.ContactMessage)
    assert [request.status for request in fake.requests] == [429, 429, 502, 200]


@pytest.mark.parametrize(("retry_after", "header"), [(0, "0"), (1.5, "1.5"), (None, None)])
def test_a_rate_limited_fault_says_retry_after_when_given_even_zero(
    retry_after: float | None, header: str | None
) -> None:
    headers = dict(Fault.rate_limited(retry_after=retry_after).headers)
    assert headers.get("retry-after") == header


async def test_fault_presets_map_to_the_right_errors(fake: FakeGreenAPI) -> None:
    cases: list[tuple[Fault, type[ga.GreenAPIError]]] = [
        (Fault.quota_exceeded(), ga.QuotaExceededError),
        (Fault.malformed(), ga.ResponseValidationError),
        (Fault(401, b'{"code":401,"description":"Unauthorized"}'), ga.AuthenticationError),
        (Fault.malformed(b'{"code":401,"description":"Unauthorized"}'), ga.AuthenticationError),
    ]
    async with fake.connect(max_retries=0) as api:
        for fault, error in cases:
            fake.queue_fault(fault)
            with pytest.raises(error):
                await api.journals.last_outgoing_messages()


async def test_a_slow_fault_delays_the_real_answer(fake: FakeGreenAPI) -> None:
    fake.queue_fault(Fault.slow(2.0))
    async with fake.connect(timeout=0.3, max_retries=1) as api:
        assert await api.journals.last_outgoing_messages() == []
    assert len(fake.requests) == 1  # the first attempt was abandoned before it was recorded


async def test_requests_are_recorded_without_the_token(fake: FakeGreenAPI) -> None:
    async with fake.connect() as api:
        await api.journals.last_outgoing_messages(minutes=7)
    (request,) = fake.requests
    assert request.path == "/waInstance1101000001/lastOutgoingMessages/***"
    assert request.query == {"minutes": "7"}
    assert request.headers["user-agent"].startswith("greenapi-async/")
    assert "fakeToken123" not in repr(request)


async def test_the_sandbox_shows_every_kind_and_status_deterministically() -> None:
    one = FakeGreenAPI.sandbox(seed=7, count=40, rate_limit=False)
    two = FakeGreenAPI(clock=one.clock, rate_limit=False)
    two.add_instance().seed(40, seed=7)
    async with one.connect() as api:
        messages = await api.journals.last_outgoing_messages()
    kinds = {message.type_message for message in messages}
    statuses = {str(message.status_message) for message in messages}
    every_tag = {cls.__attrs_attrs__.type_message.default for cls in KNOWN_KINDS}
    assert kinds == every_tag | {""}  # "": the entry for a number without WhatsApp
    assert statuses == {status.value for status in ga.MessageStatus}
    assert {(m.chat_id or "").rsplit("@", 1)[1] for m in messages} == {"c.us", "g.us", "lid"}
    outgoing = [m for m in one.instance.messages if m["type"] == "outgoing"]
    assert [m["idMessage"] for m in outgoing] == [m["idMessage"] for m in two.instance.messages]


async def test_a_lively_sandbox_receives_replies_as_time_passes() -> None:
    sandboxes = [
        FakeGreenAPI.sandbox(seed=3, count=10, rate_limit=False, lively=True) for _ in "ab"
    ]
    await anyio.sleep(2.2)  # one step of the sandbox's life
    seen = []
    for fake in sandboxes:
        async with fake.connect() as api:
            inbox = await api.journals.last_incoming_messages()
            outbox = await api.journals.last_outgoing_messages()
        seen.append(([(m.id_message, m.sender_id, m.text) for m in inbox], outbox))
    (received, sent), (received_again, sent_again) = seen
    assert len(received) == 10 // 2 + 1  # the seeded ones and a reply
    assert received_again == received  # the same seed, the same life
    assert [(m.id_message, m.status_message) for m in sent] == [
        (m.id_message, m.status_message) for m in sent_again
    ]


async def test_the_fake_serves_real_http_on_loopback(fake: FakeGreenAPI) -> None:
    fake.instance.add(text_message("over the wire"))
    with serve(fake) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        async with ga.GreenAPI(
            "1101000001", "fakeToken123", api_url=base_url, rate_limit=False
        ) as api:
            (message,) = await api.journals.last_outgoing_messages()
    assert isinstance(message, ga.TextMessage)
    assert message.text_message == "over the wire"


def test_the_served_fake_keeps_an_idle_connection_open_past_httpx_keep_alive_expiry(
    fake: FakeGreenAPI,
) -> None:
    # A server that closes idle connections when httpx's pool (5 s by default) stops
    # keeping them races every client: a request sent on a connection as it closes fails
    # with "Server disconnected without sending a response".
    with serve(fake) as base_url:
        url = httpx.URL(base_url)
        assert url.port is not None
        connection = http.client.HTTPConnection(url.host, url.port, timeout=10)
        with contextlib.closing(connection):
            connection.request("GET", "/waInstance1101000001/lastOutgoingMessages/fakeToken123")
            assert connection.getresponse().read() == b"[]"
            time.sleep(5.5)
            assert connection.sock is not None
            connection.sock.setblocking(False)
            with pytest.raises(BlockingIOError):  # nothing to read, and not closed
                connection.sock.recv(1, socket.MSG_PEEK)


def test_the_clock_only_moves_forward() -> None:
    clock = FakeClock(NOW)
    clock.advance(10)
    assert clock.now() == NOW + 10
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    assert FakeClock(NOW, running=True).now() >= NOW


async def test_the_fake_answers_every_method_of_the_table(fake: FakeGreenAPI) -> None:
    # A method added to the table without its answer in the fake is a 404 here.
    from greenapi_async._methods import METHODS

    instance = fake.instance
    message = instance.add(text_message("hi"), id_message="M1")
    body = {"chatId": message["chatId"], "idMessage": "M1"}
    transport = httpx.ASGITransport(app=fake)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake") as http:
        for spec in METHODS.values():
            path = f"/waInstance{instance.id_instance}/{spec.name}/{instance.api_token}"
            json = body if spec.verb == "POST" else None
            response = await http.request(spec.verb, path, json=json)
            assert response.status_code == 200, (spec.name, response.text)
