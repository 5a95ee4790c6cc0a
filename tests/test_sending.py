"""Sending: the bodies, the checks before any I/O, and exactly once when answers are lost.

A scripted service behind ``httpx.MockTransport`` plays each way an answer can be lost;
the fake and a loopback server play them over HTTP in test_sending_fake.py.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from typing import Any

import anyio
import attrs
import httpx
import pytest
import trio.testing
from hypothesis import given, settings
from hypothesis import strategies as st

import greenapi_async as ga

from .conftest import API_URL, ID_INSTANCE, TOKEN, virtual_time

pytestmark = pytest.mark.anyio

CHAT = "79001234567@c.us"

# What a send may meet: each is what the service does with the next send request.
TAKE = "answer with the id"
TAKE_THEN_DROP = "take it, then drop the connection"
TAKE_THEN_502 = "take it, then answer 502"
TAKE_THEN_STALL = "take it, then time out"
TAKE_THEN_GARBLE = "take it, then answer a body without its id"
REFUSE_502 = "answer 502 without taking it"
UNREACHED = "refuse the connection"
THROTTLE = "answer 429 without taking it"
REJECT_400 = "answer 400"
TAKE_THEN_SLOW = "take it, then answer with the id 3 s later"
LOST_OUTCOMES = [TAKE_THEN_DROP, TAKE_THEN_502, TAKE_THEN_STALL, TAKE_THEN_GARBLE]


class Service:
    """A send queue and an outgoing journal behind a mock transport, with scripted faults.

    A message taken waits in the queue until ``deliver()`` moves it to the journal, in
    the live shape of an API text (``extendedTextMessage`` with ``textMessage``).
    """

    def __init__(self) -> None:
        self.queue: list[dict[str, Any]] = []
        self.journal: list[dict[str, Any]] = []
        self.script: list[str] = []
        self.requests: list[tuple[str, Any]] = []
        self._ids = itertools.count(1)

    @property
    def taken(self) -> list[dict[str, Any]]:
        return self.queue + self.journal

    def texts_taken(self) -> list[str]:
        return [m["body"]["message"] for m in self.queue] + [m["textMessage"] for m in self.journal]

    def sends(self) -> list[Any]:
        return [body for name, body in self.requests if name.startswith("send")]

    def deliver(self, *, timestamp: int | None = None) -> None:
        for queued in self.queue:
            body = queued["body"]
            self.journal.insert(
                0,
                {
                    "type": "outgoing",
                    "idMessage": queued["idMessage"],
                    "timestamp": int(time.time()) if timestamp is None else timestamp,
                    "typeMessage": "extendedTextMessage",
                    "chatId": body["chatId"],
                    "textMessage": body.get("message"),
                    "extendedTextMessage": {"text": body.get("message"), "description": ""},
                    "statusMessage": "sent",
                    "sendByApi": True,
                },
            )
        self.queue.clear()

    async def handler(self, request: httpx.Request) -> httpx.Response:
        method = request.url.path.split("/")[2]
        body = json.loads(request.content) if request.content else None
        self.requests.append((method, body))
        if method == "showMessagesQueue":
            return httpx.Response(200, json=self.queue)
        if method == "lastOutgoingMessages":
            return httpx.Response(200, json=self.journal)
        step = self.script.pop(0) if self.script else TAKE
        if step == UNREACHED:
            raise httpx.ConnectError("connection refused", request=request)
        if step == THROTTLE:
            return httpx.Response(429, json={"code": 429}, headers={"retry-after": "0"})
        if step == REFUSE_502:
            return httpx.Response(502, text="<html>502 Bad Gateway</html>")
        if step == REJECT_400:
            return httpx.Response(400, json={"code": 400, "description": "Validation failed"})
        id_message = f"BAE5{next(self._ids):012X}"
        self.queue.append({"idMessage": id_message, "type": method, "body": body})
        if step == TAKE_THEN_DROP:
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        if step == TAKE_THEN_502:
            return httpx.Response(502, text="<html>502 Bad Gateway</html>")
        if step == TAKE_THEN_STALL:
            raise httpx.ReadTimeout("timed out", request=request)
        if step == TAKE_THEN_SLOW:
            await anyio.sleep(3)
        if step == TAKE_THEN_GARBLE:
            return httpx.Response(200, json={"id": id_message})
        return httpx.Response(200, json={"idMessage": id_message})


@pytest.fixture
def service() -> Service:
    return Service()


Connect = Callable[..., ga.GreenAPI]


@pytest.fixture
def connect(service: Service) -> Connect:
    def make(**options: Any) -> ga.GreenAPI:
        options.setdefault("rate_limit", False)
        options.setdefault("retry_backoff", 0)
        http = httpx.AsyncClient(transport=httpx.MockTransport(service.handler))
        return ga.GreenAPI(ID_INSTANCE, TOKEN, api_url=API_URL, http_client=http, **options)

    return make


# Each send method, called with arguments that pass, and the body it must send.
SENDS: list[tuple[str, Callable[[ga.GreenAPI], Any], dict[str, Any]]] = [
    (
        "sendMessage",
        lambda api: api.sending.send_text(CHAT, "Hello"),
        {"chatId": CHAT, "message": "Hello"},
    ),
    (
        "sendFileByUrl",
        lambda api: api.sending.send_file_by_url(
            CHAT, "https://example.com/r.pdf", "r.pdf", caption="Q3"
        ),
        {
            "chatId": CHAT,
            "urlFile": "https://example.com/r.pdf",
            "fileName": "r.pdf",
            "caption": "Q3",
        },
    ),
    (
        "sendLocation",
        lambda api: api.sending.send_location(CHAT, 55.75, 37, name="Office"),
        {"chatId": CHAT, "latitude": 55.75, "longitude": 37, "nameLocation": "Office"},
    ),
    (
        "sendContact",
        lambda api: api.sending.send_contact(CHAT, "79007654321", first_name="Ann"),
        {"chatId": CHAT, "contact": {"phoneContact": 79007654321, "firstName": "Ann"}},
    ),
    (
        "sendPoll",
        lambda api: api.sending.send_poll(CHAT, "Lunch?", ["Yes", "No"]),
        {
            "chatId": CHAT,
            "message": "Lunch?",
            "options": [{"optionName": "Yes"}, {"optionName": "No"}],
            "multipleAnswers": False,
        },
    ),
]


@pytest.mark.parametrize(("method", "call", "body"), SENDS, ids=[s[0] for s in SENDS])
async def test_each_send_posts_the_documented_body_and_returns_the_id(
    service: Service, connect: Connect, method: str, call: Any, body: dict[str, Any]
) -> None:
    async with connect() as api:
        before = time.time()
        sent = await call(api)
    assert service.requests == [(method, body)]
    assert isinstance(sent, ga.SentMessage)
    assert sent.id_message == service.queue[0]["idMessage"]
    assert (sent.chat_id, sent.method, sent.confirmed_by, sent.attempts) == (
        CHAT,
        method,
        "answer",
        1,
    )
    assert before <= sent.attempted_at <= time.time()


async def test_optional_arguments_are_sent_only_when_given(
    service: Service, connect: Connect
) -> None:
    async with connect() as api:
        await api.sending.send_text(
            CHAT, "Hi", quoted_message_id="BAE5F4886AFB3C57", link_preview=False
        )
        await api.sending.send_poll(CHAT, "Q", ("a", "b", "c"), multiple_answers=True)
    assert [body for _, body in service.requests] == [
        {
            "chatId": CHAT,
            "message": "Hi",
            "quotedMessageId": "BAE5F4886AFB3C57",
            "linkPreview": False,
        },
        {
            "chatId": CHAT,
            "message": "Q",
            "options": [{"optionName": "a"}, {"optionName": "b"}, {"optionName": "c"}],
            "multipleAnswers": True,
        },
    ]


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda s: s.send_text("79001234567", "Hi"), "chat_id"),
        (lambda s: s.send_text(CHAT, ""), "text"),
        (lambda s: s.send_text(CHAT, "x" * 20_001), "text"),
        (lambda s: s.send_text(CHAT, 5), "text"),
        (lambda s: s.send_text(CHAT, "\ud83d"), "text"),
        (lambda s: s.send_text(CHAT, "Hi", link_preview=1), "link_preview"),
        (lambda s: s.send_text(CHAT, "Hi", quoted_message_id=" M1"), "quoted_message_id"),
        (lambda s: s.send_text(CHAT, "Hi", confirm_within=-1), "confirm_within"),
        (lambda s: s.send_text(CHAT, "Hi", confirm_within=float("inf")), "confirm_within"),
        (lambda s: s.send_file_by_url(CHAT, "ftp://example.com/a.pdf", "a.pdf"), "url"),
        (lambda s: s.send_file_by_url(CHAT, "/a.pdf", "a.pdf"), "url"),
        (lambda s: s.send_file_by_url(CHAT, "https://example.com/a", "report"), "file_name"),
        (lambda s: s.send_file_by_url(CHAT, "https://example.com/a", ""), "file_name"),
        (lambda s: s.send_location(CHAT, 91, 0), "latitude"),
        (lambda s: s.send_location(CHAT, 0, -180.5), "longitude"),
        (lambda s: s.send_location(CHAT, True, 0), "latitude"),
        (lambda s: s.send_location(CHAT, float("nan"), 0), "latitude"),
        (lambda s: s.send_location(CHAT, "55.7", 0), "latitude"),
        (lambda s: s.send_contact(CHAT, "+79001234567"), "phone"),
        (lambda s: s.send_contact(CHAT, "7900 123"), "phone"),
        (lambda s: s.send_contact(CHAT, True), "phone"),
        (lambda s: s.send_contact(CHAT, 7900, first_name=""), "first_name"),
        (lambda s: s.send_poll(CHAT, "", ["a", "b"]), "question"),
        (lambda s: s.send_poll(CHAT, "q" * 256, ["a", "b"]), "question"),
        (lambda s: s.send_poll(CHAT, "Q", ["a"]), "options"),
        (lambda s: s.send_poll(CHAT, "Q", [str(n) for n in range(13)]), "options"),
        (lambda s: s.send_poll(CHAT, "Q", ["a", "a"]), "options"),
        (lambda s: s.send_poll(CHAT, "Q", ["a", ""]), "options[1]"),
        (lambda s: s.send_poll(CHAT, "Q", "ab"), "options"),
        (lambda s: s.send_poll(CHAT, "Q", ["a", "b"], multiple_answers="yes"), "multiple_answers"),
    ],
)
async def test_a_wrong_argument_is_refused_by_name_before_any_request(
    service: Service, connect: Connect, call: Any, named: str
) -> None:
    async with connect() as api:
        with pytest.raises(
            ga.InvalidArgumentError, match=rf"^{named.replace('[', '.').replace(']', '.')} "
        ):
            await call(api.sending)
    assert service.requests == []


@pytest.mark.parametrize("outcome", LOST_OUTCOMES)
@virtual_time
async def test_a_lost_answer_is_found_in_the_queue_and_never_sent_again(
    service: Service, connect: Connect, outcome: str
) -> None:
    service.script = [outcome]
    async with connect(timeout=5) as api:
        sent = await api.sending.send_text(CHAT, "Hello")
    assert len(service.sends()) == 1
    assert sent.id_message == service.queue[0]["idMessage"]
    assert (sent.confirmed_by, sent.attempts) == ("queue", 1)


@virtual_time
async def test_a_lost_answer_is_found_in_the_journal_once_sent(
    service: Service, connect: Connect
) -> None:
    service.script = [TAKE_THEN_DROP]
    # The service sends it at once: it is never seen in the queue.
    service.queue.clear()
    original = service.handler

    async def send_at_once(request: httpx.Request) -> httpx.Response:
        try:
            return await original(request)
        finally:
            service.deliver()

    service.handler = send_at_once  # type: ignore[method-assign]
    async with connect() as api:
        sent = await api.sending.send_text(CHAT, "Hello")
    assert len(service.sends()) == 1
    assert (sent.id_message, sent.confirmed_by) == (service.journal[0]["idMessage"], "journal")


@virtual_time
async def test_a_send_the_service_did_not_take_is_sent_again_after_confirm_within(
    service: Service, connect: Connect
) -> None:
    service.script = [REFUSE_502]
    async with connect(confirm_within=30) as api:
        started = anyio.current_time()
        sent = await api.sending.send_text(CHAT, "Hello")
        waited = anyio.current_time() - started
    assert len(service.sends()) == 2
    assert len(service.taken) == 1
    assert (sent.id_message, sent.confirmed_by, sent.attempts) == (
        service.queue[0]["idMessage"],
        "answer",
        2,
    )
    # Looked for during confirm_within, not longer.
    assert 30 <= waited < 31
    looks = [name for name, _ in service.requests if not name.startswith("send")]
    assert set(looks) == {"showMessagesQueue", "lastOutgoingMessages"}


@virtual_time
async def test_the_answer_of_a_send_is_looked_for_within_the_methods_rates(
    service: Service, connect: Connect
) -> None:
    service.script = [REFUSE_502]
    async with connect(confirm_within=60, rate_limit=True) as api:
        await api.sending.send_text(CHAT, "Hello")
    queue_reads = [name for name, _ in service.requests if name == "showMessagesQueue"]
    # One look every 5 s over 60 s, from the first second on.
    assert 10 <= len(queue_reads) <= 13


@virtual_time
async def test_confirm_within_zero_raises_at_once_and_never_sends_again(
    service: Service, connect: Connect
) -> None:
    service.script = [TAKE_THEN_DROP]
    async with connect(confirm_within=150) as api:
        with pytest.raises(ga.SendNotConfirmedError) as caught:
            await api.sending.send_text(CHAT, "Hello", confirm_within=0)
    assert len(service.sends()) == 1
    assert [name for name, _ in service.requests] == ["sendMessage"]
    error = caught.value
    assert (error.method, error.chat_id, error.attempts) == ("sendMessage", CHAT, 1)
    assert isinstance(error.last_error, ga.APIConnectionError)
    assert "confirm_within=0" in str(error)


@virtual_time
async def test_the_client_option_confirm_within_zero_applies_to_every_send(
    service: Service, connect: Connect
) -> None:
    service.script = [TAKE_THEN_502]
    async with connect(confirm_within=0) as api:
        with pytest.raises(ga.SendNotConfirmedError):
            await api.sending.send_text(CHAT, "Hello")
    assert [name for name, _ in service.requests] == ["sendMessage"]


@virtual_time
async def test_sends_never_confirmed_end_after_one_plus_max_retries_sends(
    service: Service, connect: Connect
) -> None:
    service.script = [REFUSE_502] * 10
    async with connect(confirm_within=20, max_retries=2) as api:
        with pytest.raises(ga.SendNotConfirmedError) as caught:
            await api.sending.send_text(CHAT, "Hello")
    assert len(service.sends()) == 3
    assert caught.value.attempts == 3
    assert list(caught.value.attempted_at) == sorted(caught.value.attempted_at)
    assert isinstance(caught.value.last_error, ga.ServerError)
    assert TOKEN not in repr(caught.value)
    assert TOKEN not in str(caught.value.last_error)


@pytest.mark.parametrize(("fault", "sends"), [(UNREACHED, 2), (THROTTLE, 2)])
async def test_a_send_the_service_certainly_did_not_take_is_repeated_at_once(
    service: Service, connect: Connect, fault: str, sends: int
) -> None:
    service.script = [fault]
    async with connect() as api:
        sent = await api.sending.send_text(CHAT, "Hello")
    # Repeated as it was, without looking for it.
    assert [name for name, _ in service.requests] == ["sendMessage"] * sends
    assert service.sends()[0] == service.sends()[1]
    assert (sent.confirmed_by, sent.attempts) == ("answer", 1)


async def test_a_refused_send_is_never_repeated(service: Service, connect: Connect) -> None:
    service.script = [REJECT_400]
    async with connect(max_retries=3) as api:
        with pytest.raises(ga.BadRequestError):
            await api.sending.send_text(CHAT, "Hello")
    assert [name for name, _ in service.requests] == ["sendMessage"]


@virtual_time
async def test_identical_sends_with_lost_answers_each_end_with_an_id_of_their_own(
    service: Service, connect: Connect
) -> None:
    service.script = [TAKE_THEN_DROP, REFUSE_502, TAKE_THEN_502, TAKE, TAKE_THEN_STALL] * 4
    results: list[ga.SentMessage] = []
    async with connect(timeout=5) as api:

        async def send() -> None:
            results.append(await api.sending.send_text(CHAT, "Same text"))

        async with anyio.create_task_group() as group:
            for _ in range(20):
                group.start_soon(send)
    ids = [sent.id_message for sent in results]
    assert len(ids) == len(set(ids)) == 20
    # One message each at the service, none twice.
    assert sorted(ids) == sorted(m["idMessage"] for m in service.taken)


@virtual_time
async def test_a_lost_send_never_claims_what_an_identical_send_waits_to_be_answered_for(
    service: Service, connect: Connect
) -> None:
    # The slow send is taken first, so its message is first in the queue, where the
    # lost one looks while that answer is still on its way.
    service.script = [TAKE_THEN_SLOW, TAKE_THEN_DROP]
    results: dict[str, ga.SentMessage] = {}
    ended: dict[str, float] = {}
    async with connect() as api:
        started = anyio.current_time()

        async def send(name: str) -> None:
            results[name] = await api.sending.send_text(CHAT, "Same text")
            ended[name] = anyio.current_time() - started

        async with anyio.create_task_group() as group:
            group.start_soon(send, "slow")
            await anyio.sleep(0.5)
            group.start_soon(send, "lost")
    slow_id, lost_id = (m["idMessage"] for m in service.queue)
    assert (results["slow"].id_message, results["slow"].confirmed_by) == (slow_id, "answer")
    assert (results["lost"].id_message, results["lost"].confirmed_by) == (lost_id, "queue")
    # The lost one looked as soon as the slow one had its answer, not a look's wait later.
    assert 3 <= ended["lost"] < 3.5


@virtual_time
async def test_an_id_this_client_already_returned_is_never_claimed_again(
    service: Service, connect: Connect
) -> None:
    async with connect(confirm_within=20) as api:
        first = await api.sending.send_text(CHAT, "Same text")
        service.deliver()
        service.script = [REFUSE_502]
        second = await api.sending.send_text(CHAT, "Same text")
    assert first.id_message != second.id_message
    assert (second.confirmed_by, second.attempts) == ("answer", 2)


@virtual_time
async def test_a_journal_entry_older_than_the_send_is_not_taken_for_it(
    service: Service, connect: Connect
) -> None:
    # The same text sent an hour ago, outside this client.
    service.queue.append(
        {"idMessage": "OLD", "type": "sendMessage", "body": {"chatId": CHAT, "message": "Hi"}}
    )
    service.deliver(timestamp=int(time.time()) - 3600)
    service.script = [REFUSE_502]
    async with connect(confirm_within=20) as api:
        sent = await api.sending.send_text(CHAT, "Hi")
    assert sent.id_message != "OLD"
    assert sent.attempts == 2


@virtual_time
async def test_a_queued_message_of_another_chat_or_text_is_not_taken_for_it(
    service: Service, connect: Connect
) -> None:
    service.queue.append(
        {
            "idMessage": "A",
            "type": "sendMessage",
            "body": {"chatId": "79000000000@c.us", "message": "Hi"},
        }
    )
    service.queue.append(
        {"idMessage": "B", "type": "sendMessage", "body": {"chatId": CHAT, "message": "Hi!"}}
    )
    service.queue.append(
        {"idMessage": "C", "type": "sendPoll", "body": {"chatId": CHAT, "message": "Hi"}}
    )
    service.script = [REFUSE_502]
    async with connect(confirm_within=20) as api:
        sent = await api.sending.send_text(CHAT, "Hi")
    assert sent.id_message not in {"A", "B", "C"}


async def test_the_queue_is_read_typed(service: Service, connect: Connect) -> None:
    service.queue.extend(
        [
            {
                "idMessage": "1762333029830",
                "type": "sendMessage",
                "body": {"chatId": CHAT, "message": "Hi"},
            },
            {
                "messageID": "Q2",
                "type": "sendPoll",
                "body": {
                    "chatId": CHAT,
                    "message": "Q",
                    "options": [{"optionName": "a"}, {"optionName": "b"}],
                },
            },
            {
                "idMessage": "Q3",
                "type": "sendLocation",
                "body": {"chatId": CHAT, "latitude": 1, "longitude": 2.5},
            },
        ]
    )
    async with connect() as api:
        queued = await api.sending.queue()
    assert [(q.id_message, q.method, q.chat_id) for q in queued] == [
        ("1762333029830", "sendMessage", CHAT),
        ("Q2", "sendPoll", CHAT),
        ("Q3", "sendLocation", CHAT),
    ]
    assert queued[0].message == "Hi"
    assert queued[1].options == ("a", "b")
    assert (queued[2].latitude, queued[2].longitude) == (1, 2.5)
    assert queued[2].body == {"chatId": CHAT, "latitude": 1, "longitude": 2.5}


@pytest.mark.parametrize(
    "answer",
    [
        {"idMessage": 5},
        [{"idMessage": "A", "type": "sendMessage", "body": {"latitude": "north"}}],
        [{"type": "sendMessage", "body": {}}],
        [5],
    ],
)
async def test_a_malformed_queue_is_a_response_validation_error(
    service: Service, connect: Connect, answer: Any
) -> None:
    service.queue = answer
    async with connect() as api:
        with pytest.raises(ga.ResponseValidationError, match="showMessagesQueue"):
            await api.sending.queue()


QUEUED_BODY_FIELDS = [
    f.name for f in attrs.fields(ga.QueuedMessage) if f.name not in {"id_message", "method", "body"}
]


@pytest.mark.parametrize("name", QUEUED_BODY_FIELDS)
async def test_every_typed_field_of_a_queued_body_refuses_a_value_of_another_type(
    service: Service, connect: Connect, name: str
) -> None:
    key = _camel(name)
    # Nothing in a body is a list of numbers; a bool is never a coordinate either.
    for wrong in ([1, 2], True) if name in {"latitude", "longitude"} else ([1, 2],):
        service.queue = [{"idMessage": "A", "type": "sendMessage", "body": {key: wrong}}]
        async with connect() as api:
            with pytest.raises(ga.ResponseValidationError, match=rf"\$\[0\]\.body\.{key}"):
                await api.sending.queue()


def _camel(name: str) -> str:
    """The wire's spelling of a field's name: ``quoted_message_id`` -> ``quotedMessageId``."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


@virtual_time
async def test_a_hundred_sends_in_flight_with_twenty_lost_answers_each_send_one_message(
    service: Service, connect: Connect
) -> None:
    lost = [TAKE_THEN_DROP, TAKE_THEN_502, TAKE_THEN_STALL, TAKE_THEN_GARBLE, REFUSE_502]
    # Every fifth send loses its answer, each way in turn.
    service.script = [lost[n // 5 % 5] if n % 5 == 0 else TAKE for n in range(100)]
    assert sum(step != TAKE for step in service.script) == 20
    results: list[ga.SentMessage] = []
    async with connect(timeout=5, confirm_within=30) as api:

        async def send(n: int) -> None:
            # Half of them identical: the same text to the same chat.
            results.append(await api.sending.send_text(CHAT, "Same" if n % 2 else f"Text {n}"))

        async with anyio.create_task_group() as group:
            for n in range(100):
                group.start_soon(send, n)
    ids = [sent.id_message for sent in results]
    assert len(ids) == len(set(ids)) == 100
    assert sorted(ids) == sorted(message["idMessage"] for message in service.taken)
    assert {sent.confirmed_by for sent in results} == {"answer", "queue"}


ALL_STEPS = [
    TAKE,
    TAKE_THEN_DROP,
    TAKE_THEN_502,
    TAKE_THEN_STALL,
    TAKE_THEN_GARBLE,
    TAKE_THEN_SLOW,
    REFUSE_502,
    UNREACHED,
    THROTTLE,
    REJECT_400,
]


@settings(max_examples=300)
@given(
    calls=st.integers(1, 6),
    identical=st.booleans(),
    script=st.lists(st.sampled_from(ALL_STEPS), max_size=24),
    delivered_after=st.lists(st.booleans(), max_size=40),
)
def test_under_any_faults_every_send_ends_in_one_message_of_its_own_or_a_typed_error(
    calls: int, identical: bool, script: list[str], delivered_after: list[bool]
) -> None:
    service = Service()
    service.script = list(script)
    deliveries = iter(delivered_after)
    original = service.handler

    async def sometimes_sent_at_once(request: httpx.Request) -> httpx.Response:
        try:
            return await original(request)
        finally:
            if next(deliveries, False):
                service.deliver()

    service.handler = sometimes_sent_at_once  # type: ignore[method-assign]
    outcomes: dict[int, ga.SentMessage | ga.GreenAPIError] = {}

    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(service.handler))
        async with ga.GreenAPI(
            ID_INSTANCE,
            TOKEN,
            api_url=API_URL,
            http_client=http,
            rate_limit=False,
            retry_backoff=0,
            timeout=5,
            confirm_within=20,
        ) as api:

            async def send(n: int) -> None:
                text = "Same" if identical else f"Text {n}"
                try:
                    outcomes[n] = await api.sending.send_text(CHAT, text)
                except ga.GreenAPIError as error:
                    outcomes[n] = error

            async with anyio.create_task_group() as group:
                for n in range(calls):
                    group.start_soon(send, n)

    anyio.run(
        run, backend="trio", backend_options={"clock": trio.testing.MockClock(autojump_threshold=0)}
    )
    assert sorted(outcomes) == list(range(calls))
    sent = [outcome for outcome in outcomes.values() if isinstance(outcome, ga.SentMessage)]
    ids = [outcome.id_message for outcome in sent]
    # Never two sends with one id, and every message at the service is one send's.
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(message["idMessage"] for message in service.taken)
    for n, outcome in outcomes.items():
        if not identical and not isinstance(outcome, ga.SentMessage):
            # A call that ends in an error sent nothing the service kept.
            assert f"Text {n}" not in service.texts_taken()
