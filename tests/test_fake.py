"""The fake Green API behaves as the real journal endpoint does, and obeys its script."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import typing
from collections.abc import Iterator

import anyio
import httpx
import pytest

import greenapi_async as ga
from greenapi_async._methods import METHODS
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

from .conftest import virtual_time

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


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
async def test_each_sandbox_journal_has_messages_of_the_last_minutes_some_read(
    seed: int,
) -> None:
    # A short window (--minutes 10) shows something, and a day still spreads wider.
    fake = FakeGreenAPI.sandbox(seed=seed, rate_limit=False)
    async with fake.connect() as api:
        recent_out = await api.journals.last_outgoing_messages(minutes=10)
        recent_in = await api.journals.last_incoming_messages(minutes=10)
        day = await api.journals.last_outgoing_messages(minutes=1440)
        everything = await api.journals.last_outgoing_messages(minutes=3 * 1440)
    assert "read" in {str(message.status_message) for message in recent_out}
    assert recent_in
    assert len(recent_out) < len(day) < len(everything) == 40
    # The same seed, the same messages, their ages counted from the clock at the start
    # (the sandbox's clock runs: a second may have begun since).
    again = FakeGreenAPI(clock=fake.clock, rate_limit=False).add_instance()
    for seeded, direction in (
        (again.seed(40, seed=seed), "outgoing"),
        (again.seed_incoming(20, seed=seed), "incoming"),
    ):
        shown = [m for m in fake.instance.messages if m["type"] == direction]
        assert [_untimed(m) for m in seeded] == [_untimed(m) for m in shown]
        assert (
            len({m["timestamp"] - n["timestamp"] for m, n in zip(seeded, shown, strict=True)}) == 1
        )


def _untimed(message: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in message.items() if key != "timestamp"}


async def test_the_sandbox_has_the_message_its_examples_show_whatever_the_seed() -> None:
    # The command's --help and the docs show `message 79001234567@c.us BAE5F4886AFB3C57`.
    for seed in (0, 5):
        async with FakeGreenAPI.sandbox(seed=seed, rate_limit=False).connect() as api:
            message = await api.journals.get_message("79001234567@c.us", "BAE5F4886AFB3C57")
        assert (message.id_message, message.chat_id) == ("BAE5F4886AFB3C57", "79001234567@c.us")


async def test_a_lively_sandbox_receives_replies_as_time_passes() -> None:
    sandboxes = [
        FakeGreenAPI.sandbox(seed=3, count=10, rate_limit=False, lively=True) for _ in "ab"
    ]
    seen = []
    for fake in sandboxes:
        async with fake.connect() as api:
            await api.journals.last_incoming_messages()  # its life starts here
            fake.clock.advance(2.0)  # one step of the sandbox's life
            inbox = await api.journals.last_incoming_messages()
            outbox = await api.journals.last_outgoing_messages()
        seen.append(([(m.id_message, m.sender_id, m.text) for m in inbox], outbox))
    (received, sent), (received_again, sent_again) = seen
    assert len(received) == 10 // 2 + 1  # the seeded ones and a reply
    assert received_again == received  # the same seed, the same life
    assert [(m.id_message, m.status_message) for m in sent] == [
        (m.id_message, m.status_message) for m in sent_again
    ]


async def test_a_lively_sandbox_first_read_late_sees_the_seeded_journal_and_then_events() -> None:
    # A watcher's first poll is its baseline: however late a program makes it, the
    # sandbox's first steps come after it, as events.
    lively, still = (
        FakeGreenAPI.sandbox(seed=0, count=10, rate_limit=False, lively=flag)
        for flag in (True, False)
    )
    baselines = []
    for fake in (lively, still):
        fake.clock.advance(60.0)  # a slow start
        async with fake.connect() as api:
            baselines.append(await api.journals.last_outgoing_messages())
    # What a step of life changes: a message added, a status moved on. (Each sandbox's
    # clock started at its own moment, so a timestamp may differ by a second.)
    lively_seen, still_seen = (
        [(m.id_message, m.status_message) for m in baseline] for baseline in baselines
    )
    assert lively_seen == still_seen
    lively.clock.advance(2.0)
    async with lively.connect() as api:
        inbox = await api.journals.last_incoming_messages()
    assert len(inbox) == 10 // 2 + 1  # the seeded ones and the first step's reply


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


def test_the_served_fake_stops_when_its_block_ends_though_a_request_is_still_answered(
    fake: FakeGreenAPI,
) -> None:
    # A stalled answer (a fault's delay) would hold a graceful shutdown for as long as
    # it lasts: the server gives its requests a moment, then stops at once.
    fake.queue_fault(Fault.taken_then_stalled(3600))
    servers_before = set(_server_threads())
    with serve(fake) as base_url, _journal_asked(base_url, timeout=30):
        while not fake.requests:  # the request is in, its answer stalled
            time.sleep(0.01)
    assert set(_server_threads()) == servers_before  # another test's server may run on


def test_the_served_fake_stops_when_its_block_ends_after_a_test_moved_the_clock(
    fake: FakeGreenAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A test that moves time.monotonic an hour ahead while the server runs (as a test
    # with freezegun does) must not leave the server's loop asleep until then.
    servers_before = set(_server_threads())
    with serve(fake) as base_url:
        with monkeypatch.context() as patches:
            real_monotonic = time.monotonic
            patches.setattr(time, "monotonic", lambda: real_monotonic() + 3600)
            with _journal_asked(base_url, timeout=30) as connection:
                assert connection.getresponse().status == 200
            time.sleep(0.3)  # the server's loop has slept and woken in the hour ahead
        started = time.monotonic()
    assert time.monotonic() - started < 5
    assert set(_server_threads()) == servers_before


def _server_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "greenapi-fake-server"]


@contextlib.contextmanager
def _journal_asked(base_url: str, *, timeout: float) -> Iterator[http.client.HTTPConnection]:
    """A plain HTTP connection to the served fake, its outgoing journal asked for."""
    url = httpx.URL(base_url)
    assert url.port is not None
    connection = http.client.HTTPConnection(url.host, url.port, timeout=timeout)
    with contextlib.closing(connection):
        connection.request("GET", "/waInstance1101000001/lastOutgoingMessages/fakeToken123")
        yield connection


def test_the_served_fake_keeps_an_idle_connection_open_past_httpx_keep_alive_expiry(
    fake: FakeGreenAPI,
) -> None:
    # A server that closes idle connections when httpx's pool (5 s by default) stops
    # keeping them races every client: a request sent on a connection as it closes fails
    # with "Server disconnected without sending a response".
    with serve(fake) as base_url, _journal_asked(base_url, timeout=10) as connection:
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


# A valid body of each send method, for the tests that send without caring what.
VALID_SENDS: dict[str, dict[str, typing.Any]] = {
    "sendMessage": {"chatId": "79001234567@c.us", "message": "Your order has shipped"},
    "sendFileByUrl": {
        "chatId": "79001234567@c.us",
        "urlFile": "https://example.com/files/receipt.pdf",
        "fileName": "receipt.pdf",
        "caption": "Receipt",
    },
    "sendLocation": {
        "chatId": "79001234567@c.us",
        "latitude": 55.7539,
        "longitude": 37.6208,
        "nameLocation": "Office",
        "address": "Red Square",
    },
    "sendContact": {
        "chatId": "79001234567@c.us",
        "contact": {"phoneContact": 79001112233, "firstName": "Ann", "lastName": "Lee"},
    },
    "sendPoll": {
        "chatId": "79001234567@c.us",
        "message": "Lunch?",
        "options": [{"optionName": "Pizza"}, {"optionName": "Sushi"}],
        "multipleAnswers": True,
    },
}
SEND_METHODS = [spec.name for spec in METHODS.values() if spec.sends]


def test_every_send_method_of_the_table_has_a_valid_body_here() -> None:
    assert sorted(VALID_SENDS) == sorted(SEND_METHODS)


async def test_the_fake_answers_every_method_of_the_table(fake: FakeGreenAPI) -> None:
    # A method added to the table without its answer in the fake is a 404 here.
    instance = fake.instance
    message = instance.add(text_message("hi"), id_message="M1")
    body = {"chatId": message["chatId"], "idMessage": "M1"}
    transport = httpx.ASGITransport(app=fake)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake") as http:
        for spec in METHODS.values():
            path = f"/waInstance{instance.id_instance}/{spec.name}/{instance.api_token}"
            json = VALID_SENDS[spec.name] if spec.sends else body
            response = await http.request(
                spec.verb, path, json=json if spec.verb == "POST" else None
            )
            assert response.status_code == 200, (spec.name, response.text)


# Sending: the five sends, the send queue, the journal lag, statuses, and send faults.

CHAT = "79001234567@c.us"


async def call(
    fake: FakeGreenAPI, api_method: str, body: dict[str, typing.Any] | None = None
) -> httpx.Response:
    """One raw request to the fake's first instance: a POST with ``body``, else a GET."""
    instance = fake.instance
    path = f"/waInstance{instance.id_instance}/{api_method}/{instance.api_token}"
    transport = httpx.ASGITransport(app=fake)
    async with httpx.AsyncClient(transport=transport, base_url="http://fake") as http:
        if body is None:
            return await http.get(path)
        return await http.post(path, json=body)


async def sent_id(fake: FakeGreenAPI, api_method: str = "sendMessage", **body: typing.Any) -> str:
    response = await call(fake, api_method, {**VALID_SENDS[api_method], **body})
    assert response.status_code == 200, response.text
    id_message = response.json()["idMessage"]
    assert isinstance(id_message, str)
    return id_message


async def test_a_send_answers_a_new_id_and_journals_text_as_the_live_service(
    fake: FakeGreenAPI,
) -> None:
    first = await sent_id(fake, message="Hello")
    second = await sent_id(fake, message="Hello again")
    assert first != second
    assert all(len(i) == 16 and i.startswith("BAE5") and i.upper() == i for i in (first, second))
    journal = {m["idMessage"]: m for m in (await call(fake, "lastOutgoingMessages")).json()}
    assert journal[first] == {
        "idMessage": first,
        "timestamp": int(NOW),
        "statusMessage": "sent",
        "chatId": CHAT,
        "type": "outgoing",
        "sendByApi": True,
        "deletedMessageId": "",
        "editedMessageId": "",
        "isEdited": False,
        "isDeleted": False,
        "typeMessage": "extendedTextMessage",
        "textMessage": "Hello",
        "extendedTextMessage": {
            "text": "Hello",
            "description": "",
            "title": "",
            "previewType": "None",
            "jpegThumbnail": "",
            "forwardingScore": 0,
            "isForwarded": False,
        },
    }
    assert [m["idMessage"] for m in fake.instance.sent] == [first, second]
    assert fake.instance.sends_taken == 2


async def test_each_send_is_journalled_as_its_kind_and_decodes(fake: FakeGreenAPI) -> None:
    ids = {name: await sent_id(fake, name) for name in SEND_METHODS}
    async with fake.connect() as api:
        by_id = {m.id_message: m for m in await api.journals.last_outgoing_messages()}
    text = by_id[ids["sendMessage"]]
    assert isinstance(text, ga.ExtendedTextMessage)
    assert text.text == "Your order has shipped"
    assert text.send_by_api is True
    document = by_id[ids["sendFileByUrl"]]
    assert isinstance(document, ga.DocumentMessage)
    assert (document.download_url, document.file_name, document.caption) == (
        "https://example.com/files/receipt.pdf",
        "receipt.pdf",
        "Receipt",
    )
    assert document.raw["mimeType"] == "application/pdf"
    location = by_id[ids["sendLocation"]]
    assert isinstance(location, ga.LocationMessage)
    assert location.location is not None
    assert (location.location.latitude, location.location.longitude) == (55.7539, 37.6208)
    assert (location.location.name_location, location.location.address) == ("Office", "Red Square")
    contact = by_id[ids["sendContact"]]
    assert isinstance(contact, ga.ContactMessage)
    assert contact.contact is not None
    assert contact.contact.display_name == "Ann Lee"
    assert "TEL;type=CELL;type=VOICE;waid=79001112233:+79001112233" in (contact.contact.vcard or "")
    poll = by_id[ids["sendPoll"]]
    assert isinstance(poll, ga.PollMessage)
    assert poll.raw["pollMessageData"] == {
        "name": "Lunch?",
        "options": [{"optionName": "Pizza"}, {"optionName": "Sushi"}],
        "multipleAnswers": True,
    }


@pytest.mark.parametrize(
    ("file_name", "type_message", "mime_type"),
    [
        ("photo.JPG", "imageMessage", "image/jpeg"),
        ("chart.png", "imageMessage", "image/png"),
        ("clip.mp4", "videoMessage", "video/mp4"),
        ("song.mp3", "audioMessage", "audio/mpeg"),
        ("voice.ogg", "audioMessage", "audio/ogg"),
        ("invoice.pdf", "documentMessage", "application/pdf"),
        ("table.xlsx", "documentMessage", "application/octet-stream"),
        ("README", "documentMessage", "application/octet-stream"),
    ],
)
async def test_a_file_is_sent_as_the_kind_its_extension_says(
    fake: FakeGreenAPI, file_name: str, type_message: str, mime_type: str
) -> None:
    url = f"https://example.com/{file_name}"
    await sent_id(fake, "sendFileByUrl", urlFile=url, fileName=file_name, caption="See")
    (entry,) = fake.instance.sent
    assert (entry["typeMessage"], entry["mimeType"]) == (type_message, mime_type)
    assert (entry["downloadUrl"], entry["fileName"]) == (url, file_name)
    # A voice message has no caption; every other kind keeps the one given.
    assert entry.get("caption") == (None if type_message == "audioMessage" else "See")


async def test_a_reply_quotes_its_message_as_the_live_service_journals_replies(
    fake: FakeGreenAPI,
) -> None:
    question = fake.instance.add_incoming(text_message("Is 12:00 fine?"), chat_id=CHAT)
    reply = await sent_id(fake, message="Yes", quotedMessageId=question["idMessage"])
    poll = await sent_id(fake, "sendPoll", quotedMessageId=reply)
    async with fake.connect() as api:
        by_id = {m.id_message: m for m in await api.journals.last_outgoing_messages()}
    text = by_id[reply]
    assert isinstance(text, ga.ReplyMessage)
    assert text.text == "Yes"
    assert text.quoted_message is not None
    assert (text.quoted_message.stanza_id, text.quoted_message.participant) == (
        question["idMessage"],
        CHAT,
    )
    assert text.quoted_message.type_message == "textMessage"
    assert text.quoted_message.text == "Is 12:00 fine?"
    # Any other kind stays its kind, with the quote beside it.
    quoting_poll = by_id[poll]
    assert isinstance(quoting_poll, ga.PollMessage)
    assert quoting_poll.quoted_message is not None
    assert quoting_poll.quoted_message.stanza_id == reply
    assert quoting_poll.quoted_message.type_message == "quotedMessage"


@pytest.mark.parametrize(
    ("api_method", "change", "detail"),
    [
        ("sendMessage", {"chatId": None}, "'chatId' is required"),
        ("sendMessage", {"chatId": "79001234567"}, "'chatId' must be a chat id such as"),
        ("sendMessage", {"message": None}, "'message' is required"),
        ("sendMessage", {"message": 5}, "'message' must be a string"),
        ("sendMessage", {"message": ""}, "'message' is not allowed to be empty"),
        (
            "sendMessage",
            {"message": "x" * 20_001},
            "'message' length must be less than or equal to 20000 characters long",
        ),
        ("sendMessage", {"linkPreview": "yes"}, "'linkPreview' must be a boolean"),
        ("sendMessage", {"quotedMessageId": "NOPE"}, "'quotedMessageId' 'NOPE' is not a message"),
        ("sendFileByUrl", {"urlFile": None}, "'urlFile' is required"),
        ("sendFileByUrl", {"urlFile": "file:///etc/passwd"}, "'urlFile' must be a valid uri"),
        ("sendFileByUrl", {"fileName": None}, "'fileName' is required"),
        ("sendFileByUrl", {"caption": 1}, "'caption' must be a string"),
        ("sendLocation", {"latitude": None}, "'latitude' is required"),
        ("sendLocation", {"latitude": "55.7"}, "'latitude' must be a number"),
        ("sendLocation", {"longitude": True}, "'longitude' must be a number"),
        ("sendLocation", {"latitude": 91}, "'latitude' must be between -90 and 90"),
        ("sendContact", {"contact": None}, "'contact' is required"),
        ("sendContact", {"contact": []}, "'contact' must be of type object"),
        ("sendContact", {"contact": {}}, "'contact.phoneContact' is required"),
        (
            "sendContact",
            {"contact": {"phoneContact": "79001112233"}},
            "'contact.phoneContact' must be a positive integer",
        ),
        (
            "sendContact",
            {"contact": {"phoneContact": 7.9}},
            "'contact.phoneContact' must be a positive integer",
        ),
        ("sendPoll", {"message": "?" * 256}, "'message' length must be less than or equal to 255"),
        ("sendPoll", {"options": None}, "'options' is required"),
        ("sendPoll", {"options": "Pizza"}, "'options' must be an array"),
        ("sendPoll", {"options": []}, "'options' must contain from 1 to 12 items"),
        (
            "sendPoll",
            {"options": [{"optionName": str(n)} for n in range(13)]},
            "'options' must contain from 1 to 12 items",
        ),
        ("sendPoll", {"options": ["Pizza"]}, "'options[0]' must be of type object"),
        ("sendPoll", {"options": [{"name": "Pizza"}]}, "'options[0].optionName' is required"),
        (
            "sendPoll",
            {"options": [{"optionName": "Pizza"}, {"optionName": "Pizza"}]},
            "'options[1]' contains a duplicate value",
        ),
        ("sendPoll", {"multipleAnswers": 1}, "'multipleAnswers' must be a boolean"),
    ],
)
async def test_a_send_the_service_would_refuse_is_a_400_that_names_the_field(
    fake: FakeGreenAPI, api_method: str, change: dict[str, typing.Any], detail: str
) -> None:
    body = {
        key: value
        for key, value in {**VALID_SENDS[api_method], **change}.items()
        if value is not None
    }
    response = await call(fake, api_method, body)
    assert response.status_code == 400
    assert response.json()["code"] == 400
    assert response.json()["description"].startswith(f"Validation failed. Details: {detail}")
    assert (fake.instance.sends_taken, fake.instance.send_queue, fake.instance.sent) == (0, [], [])


async def test_a_reply_must_quote_a_message_of_its_own_chat(fake: FakeGreenAPI) -> None:
    elsewhere = fake.instance.add(text_message("hi"), chat_id="79007654321@c.us")
    response = await call(
        fake,
        "sendMessage",
        {**VALID_SENDS["sendMessage"], "quotedMessageId": elsewhere["idMessage"]},
    )
    assert response.status_code == 400
    assert f"is not a message of chat '{CHAT}'" in response.json()["description"]


async def test_the_queue_lists_the_waiting_oldest_first_and_sends_at_the_interval(
    fake: FakeGreenAPI,
) -> None:
    fake.instance.sending_interval = 10
    ids = [await sent_id(fake, message=f"#{n}") for n in range(3)]
    # The first leaves at once; each next one 10 seconds after the one before.
    queue = (await call(fake, "showMessagesQueue")).json()
    assert queue == [
        {"idMessage": ids[1], "type": "sendMessage", "body": {"chatId": CHAT, "message": "#1"}},
        {"idMessage": ids[2], "type": "sendMessage", "body": {"chatId": CHAT, "message": "#2"}},
    ]
    fake.clock.advance(9)
    assert len((await call(fake, "showMessagesQueue")).json()) == 2
    fake.clock.advance(1)
    assert [m["idMessage"] for m in fake.instance.send_queue] == [ids[2]]
    fake.clock.advance(15)
    assert fake.instance.send_queue == []
    journal = (await call(fake, "lastOutgoingMessages")).json()
    assert [(m["idMessage"], m["timestamp"]) for m in journal] == [
        (ids[2], int(NOW) + 20),
        (ids[1], int(NOW) + 10),
        (ids[0], int(NOW)),
    ]


async def test_the_queue_lists_only_the_first_500(fake: FakeGreenAPI) -> None:
    fake.instance.authorized = False
    ids = [await sent_id(fake, message=f"#{n}") for n in range(501)]
    queue = (await call(fake, "showMessagesQueue")).json()
    assert [entry["idMessage"] for entry in queue] == ids[:500]
    assert len(fake.instance.send_queue) == 501


async def test_messages_wait_in_the_queue_while_the_phone_is_not_authorized(
    fake: FakeGreenAPI,
) -> None:
    instance = fake.instance
    instance.authorized = False
    waiting = await sent_id(fake, "sendPoll")
    fake.clock.advance(3600)
    assert [entry["idMessage"] for entry in instance.send_queue] == [waiting]
    assert (await call(fake, "lastOutgoingMessages")).json() == []
    instance.authorized = True  # an hour late: it is sent now, and stamped now
    fake.clock.advance(5)
    (entry,) = (await call(fake, "lastOutgoingMessages")).json()
    assert (entry["idMessage"], entry["timestamp"]) == (waiting, int(NOW) + 3600)
    assert instance.send_queue == []


async def test_a_sent_message_shows_nowhere_during_the_journal_lag(fake: FakeGreenAPI) -> None:
    instance = fake.instance
    instance.journal_lag = 90
    id_message = await sent_id(fake)
    by_id = {"chatId": CHAT, "idMessage": id_message}
    fake.clock.advance(89)
    assert (await call(fake, "showMessagesQueue")).json() == []
    assert (await call(fake, "lastOutgoingMessages")).json() == []
    assert (await call(fake, "getChatHistory", {"chatId": CHAT})).json() == []
    assert (await call(fake, "getMessage", by_id)).status_code == 400
    assert [m["idMessage"] for m in instance.sent] == [id_message]
    fake.clock.advance(1)
    (entry,) = (await call(fake, "lastOutgoingMessages")).json()
    assert (entry["idMessage"], entry["timestamp"]) == (id_message, int(NOW))
    assert [
        m["idMessage"] for m in (await call(fake, "getChatHistory", {"chatId": CHAT})).json()
    ] == [id_message]
    assert (await call(fake, "getMessage", by_id)).json()["statusMessage"] == ""


async def test_statuses_follow_the_delivery_schedule_each_stamped_with_its_time(
    fake: FakeGreenAPI,
) -> None:
    instance = fake.instance
    unscheduled = await sent_id(fake, message="stays sent")
    instance.delivery_schedule = (5, 20)
    read = await sent_id(fake, message="read")
    instance.delivery_schedule = (5, None)
    delivered = await sent_id(fake, message="delivered only")
    seen = []
    for step in (4, 1, 14, 1, 100):
        fake.clock.advance(step)
        journal = (await call(fake, "lastOutgoingMessages")).json()
        by_id = {m["idMessage"]: (m["statusMessage"], m["timestamp"] - int(NOW)) for m in journal}
        seen.append((by_id[unscheduled], by_id[read], by_id[delivered]))
    assert seen == [
        (("sent", 0), ("sent", 0), ("sent", 0)),
        (("sent", 0), ("delivered", 5), ("delivered", 5)),
        (("sent", 0), ("delivered", 5), ("delivered", 5)),
        (("sent", 0), ("read", 20), ("delivered", 5)),
        (("sent", 0), ("read", 20), ("delivered", 5)),
    ]


async def test_a_scheduled_status_never_moves_a_message_back(fake: FakeGreenAPI) -> None:
    instance = fake.instance
    instance.delivery_schedule = (5, 20)
    id_message = await sent_id(fake)
    instance.set_status(id_message, "read")
    fake.clock.advance(30)
    assert instance.get(id_message)["statusMessage"] == "read"
    assert instance.get(id_message)["timestamp"] == int(NOW)


async def test_a_message_to_a_number_without_whatsapp_gets_no_account(
    fake: FakeGreenAPI,
) -> None:
    instance = fake.instance
    instance.without_whatsapp.add("79000000000@c.us")
    instance.delivery_schedule = (1, 2)
    id_message = await sent_id(fake, chatId="79000000000@c.us")
    fake.clock.advance(10)
    (entry,) = (await call(fake, "lastOutgoingMessages")).json()
    # As the service journals it: the status, and the kind left empty.
    assert (entry["idMessage"], entry["statusMessage"], entry["typeMessage"]) == (
        id_message,
        "noAccount",
        "",
    )
    assert entry["timestamp"] == int(NOW)


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("sending_interval", -1),
        ("sending_interval", "1"),
        ("journal_lag", float("inf")),
        ("journal_lag", float("nan")),
        ("delivery_schedule", (5, 2)),
        ("delivery_schedule", (-1, None)),
        ("delivery_schedule", 5),
        ("delivery_schedule", (1, 2, 3)),
    ],
)
def test_a_sending_setting_out_of_range_is_refused(setting: str, value: object) -> None:
    instance = FakeGreenAPI().instance
    with pytest.raises(ValueError, match=setting.split("_")[0]):
        setattr(instance, setting, value)


async def test_a_fault_for_one_method_lets_the_others_pass_and_waits(fake: FakeGreenAPI) -> None:
    fake.queue_fault(Fault.bad_gateway().on("SENDMESSAGE"))
    assert (await call(fake, "showMessagesQueue")).status_code == 200
    assert (await call(fake, "lastOutgoingMessages")).status_code == 200
    refused = await call(fake, "sendMessage", VALID_SENDS["sendMessage"])
    assert refused.status_code == 502
    assert fake.instance.sends_taken == 0  # the 502 came instead: not taken
    await sent_id(fake)
    assert fake.instance.sends_taken == 1
    assert [r.status for r in fake.requests] == [200, 200, 502, 200]


async def test_a_request_takes_the_first_fault_queued_for_its_method(fake: FakeGreenAPI) -> None:
    fake.queue_fault(Fault.bad_gateway().on("sendPoll"))
    fake.queue_fault(Fault.rate_limited())
    assert (await call(fake, "sendMessage", VALID_SENDS["sendMessage"])).status_code == 429
    assert (await call(fake, "sendMessage", VALID_SENDS["sendMessage"])).status_code == 200
    assert (await call(fake, "sendPoll", VALID_SENDS["sendPoll"])).status_code == 502


def test_a_fault_for_a_method_the_fake_does_not_serve_is_refused() -> None:
    with pytest.raises(ValueError, match="sendMesage"):
        Fault.bad_gateway().on("sendMesage")
    assert Fault(method="sendpoll").method == "sendPoll"


async def test_taken_then_bad_gateway_queues_the_message_and_answers_502(
    fake: FakeGreenAPI,
) -> None:
    fake.instance.authorized = False
    fake.queue_fault(Fault.taken_then_bad_gateway())
    response = await call(fake, "sendMessage", VALID_SENDS["sendMessage"])
    assert response.status_code == 502
    assert "502 Bad Gateway" in response.text
    assert [entry["type"] for entry in fake.instance.send_queue] == ["sendMessage"]
    assert fake.instance.sends_taken == 1


async def test_taken_then_dropped_takes_the_message_and_breaks_the_connection(
    fake: FakeGreenAPI,
) -> None:
    fake.queue_fault(Fault.taken_then_dropped())
    with pytest.raises(ConnectionResetError):
        await call(fake, "sendMessage", VALID_SENDS["sendMessage"])
    (entry,) = fake.instance.sent
    assert entry["textMessage"] == VALID_SENDS["sendMessage"]["message"]
    (request,) = fake.requests
    assert (request.status, request.dropped) == (200, True)


async def test_a_dropped_connection_fault_does_not_take_the_message(fake: FakeGreenAPI) -> None:
    fake.queue_fault(Fault.dropped_connection())
    with pytest.raises(ConnectionResetError):
        await call(fake, "sendMessage", VALID_SENDS["sendMessage"])
    assert (fake.instance.sends_taken, fake.instance.sent) == (0, [])
    assert fake.requests[0].dropped


async def test_a_dropped_answer_reaches_the_client_as_a_connection_error(
    fake: FakeGreenAPI,
) -> None:
    fake.queue_fault(Fault.taken_then_dropped().on("lastOutgoingMessages"))
    async with fake.connect(max_retries=0) as api:
        with pytest.raises(ga.APIConnectionError):
            await api.journals.last_outgoing_messages()


@virtual_time
async def test_taken_then_stalled_takes_the_message_though_the_client_gives_up(
    fake: FakeGreenAPI,
) -> None:
    fake.queue_fault(Fault.taken_then_stalled(60))
    with anyio.move_on_after(5) as waited:
        await call(fake, "sendMessage", VALID_SENDS["sendMessage"])
    assert waited.cancelled_caught
    assert fake.instance.sends_taken == 1
    assert len(fake.instance.sent) == 1
    assert [r.status for r in fake.requests] == [200]


def test_over_http_taken_then_dropped_is_a_broken_connection_not_an_answer(
    fake: FakeGreenAPI,
) -> None:
    fake.queue_fault(Fault.taken_then_dropped())
    instance = fake.instance
    with serve(fake) as base_url, httpx.Client(base_url=base_url) as http:
        path = f"/waInstance{instance.id_instance}/sendMessage/{instance.api_token}"
        with pytest.raises(httpx.RemoteProtocolError, match="without sending complete message"):
            http.post(path, json=VALID_SENDS["sendMessage"])
        # Taken all the same, and the fake serves the next request as usual.
        queue = http.get(
            f"/waInstance{instance.id_instance}/lastOutgoingMessages/{instance.api_token}"
        )
    assert queue.status_code == 200
    assert [m["idMessage"] for m in queue.json()] == [m["idMessage"] for m in instance.sent]
    assert instance.sends_taken == 1


async def test_over_http_a_dropped_answer_reaches_the_client_as_a_connection_error(
    fake: FakeGreenAPI,
) -> None:
    fake.queue_fault(Fault.taken_then_dropped())
    with serve(fake) as base_url:
        async with ga.GreenAPI(
            "1101000001", "fakeToken123", api_url=base_url, rate_limit=False, max_retries=0
        ) as api:
            with pytest.raises(ga.APIConnectionError):
                await api.journals.last_outgoing_messages()
    assert fake.requests[0].dropped


async def test_the_sandbox_sends_delivers_and_reads_within_seconds() -> None:
    fake = FakeGreenAPI.sandbox(seed=1, count=5, rate_limit=False)
    first = await sent_id(fake, message="Hello from the sandbox")
    second = await sent_id(fake, message="And again")
    assert [entry["idMessage"] for entry in fake.instance.send_queue] == [second]
    # Its clock runs with real time; moved on here so that the test need not wait.
    fake.clock.advance(1.5)
    journal = (await call(fake, "lastOutgoingMessages")).json()
    assert first in {m["idMessage"] for m in journal}
    fake.clock.advance(10)
    statuses = {
        m["idMessage"]: m["statusMessage"]
        for m in (await call(fake, "lastOutgoingMessages")).json()
    }
    assert (statuses[first], statuses[second]) == ("read", "read")
