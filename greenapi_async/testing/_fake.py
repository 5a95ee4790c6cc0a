"""``FakeGreenAPI``: an in-memory Green API, as an ASGI application.

It speaks the real routes of the journals and the send methods
(``/waInstance{id}/{method}/{token}``), answers as the service does (401 for a wrong
token, 403 for an unknown instance, 429 above the per-instance rate, ``minutes``
filtering, newest first, a send queue), and lets a test script what happens next:
messages, statuses, the clock, the pace of sending, and faults.

It needs no server library: run it in-process behind ``httpx.ASGITransport`` (see
``connect``), or over real HTTP with ``greenapi_async.testing.serve`` (uvicorn).
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import random
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from typing import Any, Final
from urllib.parse import parse_qs

import anyio
import attrs
import httpx

from .. import _json
from .._client import GreenAPI
from .._methods import (
    GET_CHAT_HISTORY,
    GET_MESSAGE,
    METHODS,
    SHOW_MESSAGES_QUEUE,
    Direction,
    MethodSpec,
)
from .._redaction import REDACTED
from ._clock import FakeClock
from ._factories import WireMessage, edit_flags, text_message
from ._faults import JSON_HEADERS, Fault
from ._seed import STATUS_PROGRESSION, incoming_reply, seeded_incoming, seeded_messages
from ._send_bodies import RefusedBodyError, read_send
from ._send_queue import MAX_LISTED, DeliverySchedule, Outbox, stamp

__all__ = ["FakeGreenAPI", "FakeInstance", "RecordedRequest"]

# The ASGI callable's types, as httpx.ASGITransport and uvicorn declare them.
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

_ROUTE: Final = re.compile(r"/waInstance(?P<id>[0-9]+)/(?P<method>[A-Za-z]+)/(?P<token>[^/]+)")
DEFAULT_ID_INSTANCE: Final = "1101000001"
# The service matches method names in any case.
_SPECS_BY_LOWER_NAME: Final[Mapping[str, MethodSpec]] = {
    name.lower(): spec for name, spec in METHODS.items()
}
_SANDBOX_SENDING_INTERVAL: Final = 0.5
_SANDBOX_JOURNAL_LAG: Final = 1.0
_SANDBOX_DELIVERY_SCHEDULE: Final = (2.0, 4.0)
# The sandbox's number without WhatsApp: what a send to a mistyped number becomes.
SANDBOX_NO_ACCOUNT: Final = "79000000000@c.us"
# Requests arriving this much early still pass: a client pacing itself to exactly the
# limit is seen a little early or late by the server, through no fault of its own.
_RATE_TOLERANCE: Final = 0.05


@attrs.frozen
class RecordedRequest:
    """A request the fake received; the token is never kept, only whether it was right."""

    method: str
    path: str
    api_method: str | None
    id_instance: str | None
    token_valid: bool
    query: Mapping[str, str]
    headers: Mapping[str, str]
    at: float
    status: int
    json: Any = None
    """The JSON body of a POST (``getChatHistory``, ``getMessage``, sends), parsed; else None."""
    dropped: bool = False
    """The connection was closed halfway through the answer, whose status is ``status``."""


@attrs.frozen
class _Reply:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    dropped: bool = False


class FakeInstance:
    """One WhatsApp instance of the fake: its credentials and what it sent and received.

    ``messages`` holds the entries of both directions, each with its ``type``; the
    journals show each direction's own. Messages taken by the send methods wait in the
    instance's send queue, and join ``messages`` once sent (see ``sending_interval``).
    """

    def __init__(self, id_instance: str, api_token: str, clock: FakeClock) -> None:
        self.id_instance = id_instance
        self.api_token = api_token
        self.messages: list[WireMessage] = []
        self._clock = clock
        self._ids = itertools.count(1)
        self._last_request: dict[str, float] = {}
        self._outbox = Outbox(clock, self.add)

    def __repr__(self) -> str:
        return f"FakeInstance(id_instance={self.id_instance!r}, messages={len(self.messages)})"

    def add(
        self,
        content: WireMessage,
        *,
        chat_id: str = "79001234567@c.us",
        status: str = "sent",
        id_message: str | None = None,
        timestamp: int | None = None,
    ) -> WireMessage:
        """Record an outgoing message; returns the stored wire object.

        ``content`` comes from a factory (``text_message(...)``) or is any dict; keys it
        sets win over the arguments here, so malformed entries can be tested too.
        """
        message: WireMessage = {
            "idMessage": id_message or self._new_id(),
            "timestamp": int(self._clock.now()) if timestamp is None else timestamp,
            "statusMessage": status,
            "chatId": chat_id,
            "type": "outgoing",
            "sendByApi": True,
            **edit_flags(content),
            **content,
        }
        self.messages.append(message)
        return message

    def add_incoming(
        self,
        content: WireMessage,
        *,
        chat_id: str = "79001234567@c.us",
        sender_id: str | None = None,
        sender_name: str = "Sandbox contact",
        id_message: str | None = None,
        timestamp: int | None = None,
    ) -> WireMessage:
        """Record a message the account received; returns the stored wire object.

        ``sender_id`` defaults to ``chat_id`` (a person writing in their own chat); in a
        group, pass the participant. ``content`` keys win over the arguments, as in
        ``add``.
        """
        message: WireMessage = {
            "type": "incoming",
            # The service gives incoming messages 32 hex digits.
            "idMessage": id_message or f"{next(self._ids):032X}",
            "timestamp": int(self._clock.now()) if timestamp is None else timestamp,
            "chatId": chat_id,
            "senderId": sender_id or chat_id,
            "senderName": sender_name,
            "senderContactName": sender_name,
            **edit_flags(content),
            **content,
        }
        self.messages.append(message)
        return message

    def seed(self, count: int = 40, *, seed: int = 0) -> list[WireMessage]:
        """Add ``count`` realistic messages, the same ones for the same seed and clock."""
        added = seeded_messages(count, seed=seed, now=self._clock.now())
        self.messages.extend(added)
        return added

    def seed_incoming(self, count: int = 20, *, seed: int = 0) -> list[WireMessage]:
        """Add ``count`` realistic incoming messages, the same for the same seed and clock."""
        added = seeded_incoming(count, seed=seed, now=self._clock.now())
        self.messages.extend(added)
        return added

    def get(self, id_message: str) -> WireMessage:
        """The stored wire object of a message; KeyError if there is none."""
        self._outbox.catch_up()
        for message in self.messages:
            if message.get("idMessage") == id_message:
                return message
        raise KeyError(id_message)

    def set_status(self, id_message: str, status: str) -> WireMessage:
        """Give a message a new status, stamped with the clock's time (its last action)."""
        message = self.get(id_message)
        stamp(message, status, self._clock.now())
        return message

    def advance_status(self, id_message: str) -> WireMessage:
        """Move a message one step along pending -> sent -> delivered -> read."""
        current = self.get(id_message).get("statusMessage")
        if current not in STATUS_PROGRESSION or current == STATUS_PROGRESSION[-1]:
            return self.get(id_message)
        following = STATUS_PROGRESSION[STATUS_PROGRESSION.index(current) + 1]
        return self.set_status(id_message, following)

    # Sending: the send queue, and what becomes of the messages sent from it.

    @property
    def sending_interval(self) -> float:
        """Seconds between two messages leaving the send queue; 0 (the default): at once.

        A message leaves the queue as soon as the previous one left this long before
        (the service's "message sending interval"), on the fake's clock.
        """
        return self._outbox.sending_interval

    @sending_interval.setter
    def sending_interval(self, seconds: float) -> None:
        self._outbox.sending_interval = seconds

    @property
    def authorized(self) -> bool:
        """Whether the phone is authorized (the default); while not, sends stay queued.

        Setting it back to True sends what waited, from that moment, at the interval.
        """
        return self._outbox.authorized

    @authorized.setter
    def authorized(self, authorized: bool) -> None:
        self._outbox.authorized = authorized

    @property
    def journal_lag(self) -> float:
        """Seconds between a message leaving the queue and its entry showing; default 0.

        During the lag the message is neither queued nor in ``lastOutgoingMessages``,
        ``getChatHistory`` or ``getMessage``, as on the service (up to two minutes).
        """
        return self._outbox.journal_lag

    @journal_lag.setter
    def journal_lag(self, seconds: float) -> None:
        self._outbox.journal_lag = seconds

    @property
    def delivery_schedule(self) -> DeliverySchedule | None:
        """``(delivered_after, read_after)``: seconds after sending of each status change.

        None (the default) leaves sent messages ``sent``; ``read_after`` None leaves
        them ``delivered``. Each change stamps the entry's timestamp with its time.
        A message takes the schedule in force when it leaves the queue.
        """
        return self._outbox.delivery_schedule

    @delivery_schedule.setter
    def delivery_schedule(self, schedule: DeliverySchedule | None) -> None:
        self._outbox.delivery_schedule = schedule

    @property
    def without_whatsapp(self) -> set[str]:
        """Chat ids with no WhatsApp account: a message sent there gets ``noAccount``.

        As on the service, its entry's ``typeMessage`` is then empty.
        """
        return self._outbox.without_whatsapp

    @property
    def send_queue(self) -> list[WireMessage]:
        """The messages waiting to be sent, oldest first, as ``showMessagesQueue`` has them.

        Each is ``{"idMessage", "type", "body"}``: the send method's name and the body as
        sent. The service lists only the first 500; this list has them all.
        """
        return self._outbox.queued()

    @property
    def sent(self) -> list[WireMessage]:
        """The entries of the messages sent by the send methods, oldest first.

        They are the stored wire objects, shown by the journals or still within the
        journal lag.
        """
        return self._outbox.sent()

    @property
    def sends_taken(self) -> int:
        """How many send requests the instance took (valid ones, faults that took them)."""
        return self._outbox.taken

    def journal(self, minutes: int) -> list[WireMessage]:
        """What ``lastOutgoingMessages`` answers now: the window, newest first."""
        return self._window(minutes, "outgoing")

    def incoming_journal(self, minutes: int) -> list[WireMessage]:
        """What ``lastIncomingMessages`` answers now: the window, newest first."""
        return self._window(minutes, "incoming")

    def chat_history(self, chat_id: str, count: int) -> list[WireMessage]:
        """What ``getChatHistory`` answers now: the chat's ``count`` newest, both directions.

        As the live service sends them: an outgoing entry's ``statusMessage`` is ``""``.
        """
        in_chat = [m for m in self._shown() if m.get("chatId") == chat_id]
        return [_as_in_history(m) for m in _newest_first(in_chat)[:count]]

    def find(self, chat_id: str, id_message: str) -> WireMessage | None:
        """What ``getMessage`` answers now for a chat and an id, or None if it has none."""
        for message in self._shown():
            if message.get("chatId") == chat_id and message.get("idMessage") == id_message:
                return _as_in_history(message)
        return None

    def _window(self, minutes: int, direction: Direction) -> list[WireMessage]:
        """The entries of one direction of the last ``minutes``, newest first."""
        since = self._clock.now() - minutes * 60
        recent = [
            m
            for m in self._shown()
            # An entry not marked incoming (added without a type, or malformed) is outgoing.
            if ("incoming" if m.get("type") == "incoming" else "outgoing") == direction
            and isinstance(m.get("timestamp"), int)
            and m["timestamp"] >= since
        ]
        return _newest_first(recent)

    def _quotable(self, chat_id: str, id_message: str) -> WireMessage | None:
        # A reply may quote any message of its chat the instance has, shown yet or not.
        self._outbox.catch_up()
        for message in self.messages:
            if message.get("chatId") == chat_id and message.get("idMessage") == id_message:
                return message
        return None

    def _shown(self) -> list[WireMessage]:
        # What the journals show now: not the messages sent within the journal lag.
        self._outbox.catch_up()
        return [m for m in self.messages if self._outbox.shows(m)]

    def _new_id(self) -> str:
        # Ids as the service gives messages sent through the API: BAE5 and 12 hex digits.
        return f"BAE5FA4E{next(self._ids):08X}"

    def _over_rate(self, api_method: str, rate: float) -> bool:
        now = time.monotonic()
        last = self._last_request.get(api_method)
        if last is not None and now - last < 1 / rate - _RATE_TOLERANCE:
            return True
        self._last_request[api_method] = now
        return False


class FakeGreenAPI:
    """An in-memory Green API: an ASGI app with a programmable surface for tests.

    Args:
        clock: the service's clock; frozen at the current time by default.
        rate_limit: answer 429 above each method's documented per-instance rate.
        max_recorded_requests: how many of the latest requests ``requests`` keeps, so
            that a long-running sandbox does not grow without bound.

    """

    def __init__(
        self,
        *,
        clock: FakeClock | None = None,
        rate_limit: bool = True,
        max_recorded_requests: int = 10_000,
    ) -> None:
        self.clock = clock or FakeClock()
        self.rate_limit = rate_limit
        self.instances: dict[str, FakeInstance] = {}
        self.requests: collections.deque[RecordedRequest] = collections.deque(
            maxlen=max_recorded_requests
        )
        self._faults: collections.deque[Fault] = collections.deque()
        self._life: _Life | None = None

    @classmethod
    def sandbox(
        cls, *, seed: int = 0, count: int = 40, rate_limit: bool = True, lively: bool = False
    ) -> FakeGreenAPI:
        """Build a fake with one instance and a realistic journal, on a running clock.

        Args:
            seed: picks the journal's content; the same seed gives the same messages.
            count: how many messages the outgoing journal starts with; the incoming
                journal starts with half as many.
            rate_limit: refuse a second request within a second with 429, as the
                service does.
            lively: as time passes from the first request, move messages along
                pending -> sent -> delivered -> read, send new ones and receive
                replies, a step every 2 s, so that a watcher of either journal has
                events to show (and none folded into its first poll).

        Messages sent to it, lively or not, leave the send queue half a second apart,
        show in the journals a second after, and are delivered 2 s and read 4 s after
        sending; except to ``79000000000@c.us``, a number with no WhatsApp account,
        where they end in ``noAccount``.

        Returns:
            The fake; its instance is ``fake.instance`` (id ``1101000001``).

        """
        fake = cls(clock=FakeClock(running=True), rate_limit=rate_limit)
        instance = fake.add_instance()
        instance.seed(count, seed=seed)
        instance.seed_incoming(count // 2, seed=seed)
        # Sending, at a pace that shows each step within seconds: a message leaves the
        # queue at once (the next ones half a second apart), shows in the journals a
        # second later, is delivered two seconds after sending and read after four.
        instance.sending_interval = _SANDBOX_SENDING_INTERVAL
        instance.journal_lag = _SANDBOX_JOURNAL_LAG
        instance.delivery_schedule = _SANDBOX_DELIVERY_SCHEDULE
        instance.without_whatsapp.add(SANDBOX_NO_ACCOUNT)
        if lively:
            fake._life = _Life(seed, fake.clock)
        return fake

    def __repr__(self) -> str:
        return f"FakeGreenAPI(instances={list(self.instances)}, faults={len(self._faults)})"

    def add_instance(
        self, id_instance: str = DEFAULT_ID_INSTANCE, api_token: str | None = None
    ) -> FakeInstance:
        """Create an instance; the token is random unless given."""
        instance = FakeInstance(id_instance, api_token or secrets.token_hex(25), self.clock)
        self.instances[id_instance] = instance
        return instance

    @property
    def instance(self) -> FakeInstance:
        """The first instance, created on demand: most tests need just one."""
        if not self.instances:
            return self.add_instance()
        return next(iter(self.instances.values()))

    def queue_fault(self, fault: Fault, times: int = 1) -> None:
        """Answer the next ``times`` requests with ``fault`` (after any already queued)."""
        self._faults.extend([fault] * times)

    def clear_faults(self) -> None:
        """Forget every queued fault."""
        self._faults.clear()

    @contextlib.asynccontextmanager
    async def connect(
        self, instance: FakeInstance | None = None, **options: Any
    ) -> AsyncIterator[GreenAPI]:
        """Open a ``GreenAPI`` wired to this fake in-process (no sockets); use ``async with``.

        The client is closed when the block exits.

        Args:
            instance: the instance to talk to; default ``self.instance``.
            **options: passed on to ``GreenAPI``; ``rate_limit`` defaults to the fake's
                own setting, so the client paces itself exactly when the fake would
                refuse a burst.

        Yields:
            The open client.

        """
        chosen = instance or self.instance
        options.setdefault("rate_limit", self.rate_limit)
        options.setdefault("api_url", "https://fake.green-api.invalid")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=self)) as http:
            api = GreenAPI(chosen.id_instance, chosen.api_token, http_client=http, **options)
            async with api:
                yield api

    # The ASGI application.

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection: HTTP requests, and lifespan events as a no-op."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request_body = await _request_body(receive)
        reply = await self._answer(scope, request_body)
        headers = [(k.encode(), v.encode()) for k, v in reply.headers]
        if not reply.dropped:
            await send({"type": "http.response.start", "status": reply.status, "headers": headers})
            await send({"type": "http.response.body", "body": reply.body})
            return
        # The head promises the whole body; half of it comes, then the connection breaks.
        # Over HTTP the server closes the socket when the app raises after its response
        # started; in-process (httpx.ASGITransport) the client gets the exception itself.
        promised = len(reply.body) or 1
        headers.append((b"content-length", str(promised).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        half = reply.body[: promised // 2]
        await send({"type": "http.response.body", "body": half, "more_body": True})
        raise ConnectionResetError("the fake dropped the connection, as a Fault asked")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            event = await receive()
            if event["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif event["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _take_fault(self, api_method: str | None) -> Fault | None:
        # The first fault queued for this request's method; those for others stay queued.
        for fault in self._faults:
            if fault.applies_to(api_method):
                self._faults.remove(fault)
                return fault
        return None

    async def _answer(self, scope: Scope, request_body: bytes) -> _Reply:
        route = _ROUTE.fullmatch(scope["path"])
        fault = self._take_fault(route["method"] if route else None)
        if fault is not None and not fault.taken:
            await anyio.sleep(fault.delay)
        instance = self.instances.get(route["id"]) if route else None
        if self._life is not None and instance is not None:
            self._life.step(instance)
        token_valid = bool(route and instance and secrets.compare_digest(
            route["token"].encode(), instance.api_token.encode()
        ))  # fmt: skip
        # A fault with an answer of its own answers instead of the fake, unless taken.
        if fault is None or fault.status is None or fault.taken:
            status, headers, body = self._route(scope, route, instance, token_valid, request_body)
        if fault is not None and fault.status is not None:
            status, headers, body = fault.status, fault.headers, fault.body
        reply = _Reply(status, headers, body, dropped=fault is not None and fault.dropped)
        # Recorded before a taken fault's delay: the fake did take it, answered or not.
        self._record(scope, route, token_valid, reply, request_body)
        if fault is not None and fault.taken:
            await anyio.sleep(fault.delay)
        return reply

    def _route(
        self,
        scope: Scope,
        route: re.Match[str] | None,
        instance: FakeInstance | None,
        token_valid: bool,
        request_body: bytes,
    ) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        if route is None:
            return _error(404, "Not Found")
        if instance is None:
            return _error(403, "Forbidden")
        if not token_valid:
            return _error(401, "Unauthorized")
        spec = _SPECS_BY_LOWER_NAME.get(route["method"].lower())
        if spec is None or spec.name not in _ANSWERS:
            return _error(404, f"Method {route['method']} is not served by this fake")
        if scope["method"] != spec.verb:
            return _error(405, "Method Not Allowed")
        if self.rate_limit and instance._over_rate(spec.name, spec.rate):
            return _error(429, "Too Many Requests")
        if spec.verb == "POST":
            arguments = _json_or_none(request_body)
            if not isinstance(arguments, dict):
                return _error(400, "Validation failed: the body must be a JSON object")
        else:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            arguments = {key: values[-1] for key, values in query.items()}
        return _ANSWERS[spec.name](spec, instance, arguments)

    def _record(
        self,
        scope: Scope,
        route: re.Match[str] | None,
        token_valid: bool,
        reply: _Reply,
        request_body: bytes,
    ) -> None:
        path = scope["path"]
        if route is not None:
            path = f"/waInstance{route['id']}/{route['method']}/{REDACTED}"
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        self.requests.append(
            RecordedRequest(
                method=scope["method"],
                path=path,
                api_method=route["method"] if route else None,
                id_instance=route["id"] if route else None,
                token_valid=token_valid,
                query={key: values[-1] for key, values in query.items()},
                headers={k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]},
                at=time.monotonic(),
                status=reply.status,
                json=_json_or_none(request_body),
                dropped=reply.dropped,
            )
        )


class _Life:
    """Makes a sandbox's journals move on their own, lazily, as requests arrive."""

    _EVERY: Final = 2.0  # seconds of the fake's clock per step

    def __init__(self, seed: int, clock: FakeClock) -> None:
        self._clock = clock
        self._rng = random.Random(seed)  # noqa: S311 - reproducible sandbox data
        # Replies draw from their own generator: the outgoing journal's life stays what
        # it was for each seed.
        self._replies = random.Random(seed + 2)  # noqa: S311 - reproducible sandbox data
        self._replied = 0
        # Time counts from the first request, not from the start: a watcher's first poll
        # is its baseline, and a program slow to make it would see the first steps there
        # rather than as events.
        self._last_step: float | None = None

    def step(self, instance: FakeInstance) -> None:
        now = self._clock.now()
        if self._last_step is None:
            self._last_step = now
            return
        steps = min(int((now - self._last_step) / self._EVERY), 5)
        if not steps:
            return
        self._last_step = now
        for _ in range(steps):
            moving = [
                m
                for m in instance.messages
                if m.get("statusMessage") in STATUS_PROGRESSION[:-1]
                and isinstance(m.get("idMessage"), str)
            ]
            if moving and self._rng.random() < 0.7:
                instance.advance_status(self._rng.choice(moving)["idMessage"])
            else:
                chat = self._rng.choice(("79001234567@c.us", "120363043968066561@g.us"))
                text = f"Sandbox message #{self._rng.randrange(1000, 9999)}"
                instance.add(text_message(text), chat_id=chat, status="pending")
            # Someone writes back at every step; past the seeded kinds, mostly text.
            self._replied += 1
            instance.add_incoming(incoming_reply(self._replies, 100 + self._replied))


Answered = tuple[int, tuple[tuple[str, str], ...], bytes]


def _answer_window(
    spec: MethodSpec, instance: FakeInstance, arguments: Mapping[str, Any], direction: Direction
) -> Answered:
    """Answer a journal of one direction, of the last ``minutes`` (a query parameter)."""
    minutes = arguments.get("minutes", str(spec.defaults["minutes"]))
    if not minutes.isdigit() or int(minutes) < 1:
        return _error(400, "Validation failed: minutes must be a positive integer")
    return 200, JSON_HEADERS, _json.dumps(instance._window(int(minutes), direction))


def _answer_history(
    spec: MethodSpec, instance: FakeInstance, arguments: Mapping[str, Any]
) -> Answered:
    """Answer ``getChatHistory``, checking the body as the service does."""
    chat_id = _chat_id_in(arguments)
    if chat_id is None:
        return _error(400, "Validation failed: chatId is required")
    count = arguments.get("count", spec.defaults["count"])
    if type(count) is not int or count < 1:
        return _error(400, "Validation failed: count must be a positive integer")
    return 200, JSON_HEADERS, _json.dumps(instance.chat_history(chat_id, count))


def _answer_message(
    spec: MethodSpec, instance: FakeInstance, arguments: Mapping[str, Any]
) -> Answered:
    """Answer ``getMessage``, checking the body as the service does."""
    chat_id = _chat_id_in(arguments)
    if chat_id is None:
        return _error(400, "Validation failed: chatId is required")
    id_message = arguments.get("idMessage")
    if not isinstance(id_message, str) or not id_message:
        return _error(400, "Validation failed: idMessage is required")
    found = instance.find(chat_id, id_message)
    if found is None:
        # Spelt as the service's table of getMessage errors spells it.
        return _error(400, "ID message notfound")
    return 200, JSON_HEADERS, _json.dumps(found)


def _answer_send(
    spec: MethodSpec, instance: FakeInstance, arguments: Mapping[str, Any]
) -> Answered:
    """Take a message into the send queue, checking the body as the service does."""
    try:
        read = read_send(spec.name, arguments, instance._quotable)
    except RefusedBodyError as refusal:
        return _error(400, f"Validation failed. Details: {refusal}")
    id_message = instance._new_id()
    instance._outbox.take(spec.name, dict(arguments), read.chat_id, read.content, id_message)
    return 200, JSON_HEADERS, _json.dumps({"idMessage": id_message})


def _answer_queue(
    spec: MethodSpec, instance: FakeInstance, arguments: Mapping[str, Any]
) -> Answered:
    """Answer ``showMessagesQueue``: the first messages waiting, oldest first."""
    return 200, JSON_HEADERS, _json.dumps(instance.send_queue[:MAX_LISTED])


def _chat_id_in(arguments: Mapping[str, Any]) -> str | None:
    chat_id = arguments.get("chatId")
    return chat_id if isinstance(chat_id, str) and chat_id else None


_Answer = Callable[[MethodSpec, FakeInstance, Mapping[str, Any]], Answered]
# The methods whose row does not say how to answer them: each has an answer of its own.
_OWN_ANSWERS: Final[Mapping[str, _Answer]] = {
    GET_CHAT_HISTORY.name: _answer_history,
    GET_MESSAGE.name: _answer_message,
    SHOW_MESSAGES_QUEUE.name: _answer_queue,
}


def _answer_of(spec: MethodSpec) -> _Answer | None:
    """How the fake answers ``spec``: a journal's window and a send by their rows.

    An answer is given the checked arguments: a GET's query, a POST's JSON object.
    """
    if spec.windowed and spec.direction is not None:
        return functools.partial(_answer_window, direction=spec.direction)
    if spec.sends:
        return _answer_send
    return _OWN_ANSWERS.get(spec.name)


# A method the table gains with no answer is a failure of the test that calls every
# method through the fake.
_ANSWERS: Final[Mapping[str, _Answer]] = {
    name: answer for name, spec in METHODS.items() if (answer := _answer_of(spec)) is not None
}


async def _request_body(receive: Receive) -> bytes:
    parts: list[bytes] = []
    while True:
        event = await receive()
        if event["type"] != "http.request":
            return b"".join(parts)  # the client went away
        parts.append(event.get("body", b""))
        if not event.get("more_body", False):
            return b"".join(parts)


def _json_or_none(body: bytes) -> Any:
    if not body:
        return None
    try:
        return _json.loads(body)
    except _json.InvalidJSONError:
        return None


def _newest_first(messages: list[WireMessage]) -> list[WireMessage]:
    # Entries of one second keep the order they were added in, as the journals do. An
    # entry a test wrote without an int timestamp comes last, rather than not at all.
    return sorted(messages, key=_timestamp_or_zero, reverse=True)


def _timestamp_or_zero(message: WireMessage) -> int:
    timestamp = message.get("timestamp")
    return timestamp if isinstance(timestamp, int) else 0


def _as_in_history(message: WireMessage) -> WireMessage:
    # The live service sends outgoing entries of a chat history, and getMessage's, with
    # an empty status: only the journal of outgoing messages says how far each got.
    if message.get("type", "outgoing") == "outgoing" and "statusMessage" in message:
        return {**message, "statusMessage": ""}
    return message


def _error(status: int, description: str) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
    return status, JSON_HEADERS, _json.dumps({"code": status, "description": description})
