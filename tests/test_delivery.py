"""Waiting for a message sent to reach a status: one poller per instance, on asyncio and trio.

The fake plays the service. ``Script`` does what a test asks as the journal's n-th request
arrives (a status moves, a fault is queued, a waiter is cancelled), so that each test says
exactly what each poll sees. Tests of timing run on trio's virtual clock, on which this
machine's monotonic clock is made to run too: an interval of five seconds takes no time,
and ``RecordedRequest.at`` tells when each request came, exactly.
"""

from __future__ import annotations

import asyncio
import functools
import math
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest
import trio

import greenapi_async as ga
from greenapi_async.testing import FakeClock, FakeGreenAPI, Fault, RecordedRequest, text_message

from .conftest import MachineClocks, clocks_follow_the_service, loop_monotonic, virtual_time

pytestmark = pytest.mark.anyio

NOW = 1_764_000_000
CHAT = "79001234567@c.us"
JOURNAL = "lastOutgoingMessages"
FAILURES = ["noAccount", "notInGroup", "yellowCard", "failed"]


def sent(id_message: str = "BAE5A", *, attempted_at: float = NOW - 60) -> ga.SentMessage:
    return ga.SentMessage(
        id_message=id_message,
        chat_id=CHAT,
        method="sendMessage",
        attempted_at=attempted_at,
        confirmed_by="answer",
    )


class Script:
    """The fake, doing what a test asks just before it answers the journal's n-th request."""

    def __init__(self, fake: FakeGreenAPI) -> None:
        self.fake = fake
        self.polls = 0
        self.at: list[float] = []  # the event loop's time as each journal request came
        self._actions: dict[int, list[Callable[[], object]]] = {}

    def at_poll(self, number: int, action: Callable[[], object]) -> None:
        self._actions.setdefault(number, []).append(action)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and f"/{JOURNAL}/" in scope["path"]:
            self.polls += 1
            self.at.append(anyio.current_time())
            for action in self._actions.pop(self.polls, []):
                action()
        await self.fake(scope, receive, send)


def journal_requests(fake: FakeGreenAPI) -> list[RecordedRequest]:
    return [request for request in fake.requests if request.api_method == JOURNAL]


@pytest.fixture
def fake() -> FakeGreenAPI:
    fake = FakeGreenAPI(clock=FakeClock(NOW), rate_limit=False)
    fake.add_instance()
    return fake


@pytest.fixture
def script(fake: FakeGreenAPI) -> Script:
    return Script(fake)


@pytest.fixture(autouse=True)
def machine_clocks(fake: FakeGreenAPI, monkeypatch: pytest.MonkeyPatch) -> MachineClocks:
    """This machine's wall clock is the fake's: messages are sent at the fake's times."""
    return clocks_follow_the_service(fake, monkeypatch)


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let real-time tests poll every 10 ms: the logic under test is the same."""
    monkeypatch.setattr(ga.OutgoingWatcher, "MIN_INTERVAL", 0.01)


def client_of(script: Script, http: httpx.AsyncClient, interval: float) -> ga.GreenAPI:
    """A client of the scripted fake, through ``http``, waiting with polls ``interval`` apart."""
    api = ga.GreenAPI(
        script.fake.instance.id_instance,
        script.fake.instance.api_token,
        api_url="https://fake.green-api.invalid",
        http_client=http,
        rate_limit=False,
        max_retries=0,
    )
    api.sending.poll_interval = interval
    return api


@pytest.fixture
async def api(
    script: Script, machine_clocks: MachineClocks, anyio_backend: Any
) -> AsyncIterator[ga.GreenAPI]:
    """A client of the scripted fake; it polls every 5 s on virtual time, else every 10 ms.

    On virtual time, this machine's monotonic clock (the watcher's) is the loop's.
    """
    on_virtual_time = isinstance(anyio_backend, tuple)
    if on_virtual_time:
        machine_clocks.real_monotonic = loop_monotonic
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=script)) as http,
        client_of(script, http, 5.0 if on_virtual_time else 0.01) as api,
    ):
        yield api


async def statuses_of(api: ga.GreenAPI, *waits: tuple[ga.SentMessage, str]) -> list[Any]:
    """Wait for each in a task of its own, all at once; each result, or the error raised."""
    results: list[Any] = [None] * len(waits)

    async def wait(index: int, message: ga.SentMessage, status: str) -> None:
        try:
            results[index] = await api.sending.wait_for_status(message, status)
        except ga.GreenAPIError as error:
            results[index] = error

    async with anyio.create_task_group() as tasks:
        for index, (message, status) in enumerate(waits):
            tasks.start_soon(wait, index, message, status)
    return results


# Reaching the status.


@pytest.mark.parametrize(
    ("reached", "at_poll"),
    [
        ("delivered", 3),
        ("read", 2),  # from sent straight to read: delivered is reached too
    ],
)
async def test_a_wait_returns_the_journal_entry_once_the_message_reaches_the_status_or_later(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI, reached: str, at_poll: int
) -> None:
    fake.instance.add(text_message("hi"), status="sent", id_message="BAE5A")
    script.at_poll(at_poll, lambda: fake.instance.set_status("BAE5A", reached))
    entry = await api.sending.wait_for_status(sent("BAE5A"), "delivered")
    assert isinstance(entry, ga.TextMessage)
    assert (entry.id_message, entry.status_message) == ("BAE5A", ga.MessageStatus(reached))
    assert entry.text_message == "hi"
    assert script.polls == at_poll


@pytest.mark.parametrize(
    "statuses",
    [
        "delivered",
        "DELIVERED",
        "Delivered",
        ga.MessageStatus.DELIVERED,
        ["read", "DELIVERED"],
        (ga.MessageStatus.READ, "delivered"),
        frozenset({"delivered"}),
    ],
    ids=repr,
)
async def test_statuses_are_one_or_a_collection_in_any_case_and_the_earliest_counts(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI, statuses: Any
) -> None:
    fake.instance.add(text_message(), status="sent", id_message="BAE5A")
    script.at_poll(2, lambda: fake.instance.set_status("BAE5A", "delivered"))
    script.at_poll(3, lambda: fake.instance.set_status("BAE5A", "read"))
    entry = await api.sending.wait_for_status(sent("BAE5A"), statuses)
    assert entry.status_message == ga.MessageStatus.DELIVERED


@pytest.mark.parametrize("failure", FAILURES)
async def test_each_failure_status_raises_delivery_failed_with_the_entry(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI, failure: str
) -> None:
    fake.instance.add(text_message(), status="pending", id_message="BAE5A")
    script.at_poll(2, lambda: fake.instance.set_status("BAE5A", failure))
    with pytest.raises(ga.DeliveryFailedError) as raised:
        await api.sending.wait_for_status(sent("BAE5A"), "read")
    assert raised.value.status == failure
    assert raised.value.entry.id_message == "BAE5A"
    assert raised.value.entry.status_message == ga.MessageStatus(failure)
    assert f"its status is {failure}" in str(raised.value)


async def test_a_status_the_service_adds_later_is_neither_reached_nor_failed(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="sent", id_message="BAE5A")
    script.at_poll(2, lambda: fake.instance.set_status("BAE5A", "played"))
    script.at_poll(4, lambda: fake.instance.set_status("BAE5A", "read"))
    entry = await api.sending.wait_for_status(sent("BAE5A"), "delivered")
    assert entry.status_message == ga.MessageStatus.READ
    assert script.polls == 4


# Already there: at once.


async def test_a_message_already_past_the_status_returns_after_one_request_then_from_memory(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="read", id_message="BAE5A", timestamp=NOW - 3000)
    first = await api.sending.wait_for_status(sent("BAE5A", attempted_at=NOW - 3600), "sent")
    assert (first.id_message, first.status_message) == ("BAE5A", ga.MessageStatus.READ)
    assert len(journal_requests(fake)) == 1
    # Seen already: no request, even with no time to make one.
    again = await api.sending.wait_for_status(sent("BAE5A"), "delivered", timeout=0)
    assert again == first
    assert len(journal_requests(fake)) == 1


async def test_a_failure_seen_already_is_raised_again_without_a_request(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="noAccount", id_message="BAE5A")
    for _ in range(2):
        with pytest.raises(ga.DeliveryFailedError) as raised:
            await api.sending.wait_for_status(sent("BAE5A"), "delivered")
        assert raised.value.status == "noAccount"
    assert len(journal_requests(fake)) == 1


async def test_the_first_window_is_the_journals_day_or_reaches_back_to_the_sending(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="read", id_message="HOUR", timestamp=NOW - 3000)
    # Sent two days ago and read thirty hours ago: outside the journal's default day.
    fake.instance.add(text_message(), status="read", id_message="DAYS", timestamp=NOW - 30 * 3600)
    await api.sending.wait_for_status(sent("HOUR", attempted_at=NOW - 3600), "read")
    await api.sending.wait_for_status(sent("DAYS", attempted_at=NOW - 48 * 3600), "read")
    # The day the journal shows by default; then the two days since DAYS was sent, and
    # three minutes of margin, as entries show late and clocks differ.
    assert [request.query for request in journal_requests(fake)] == [
        {"minutes": "1440"},
        {"minutes": str(48 * 60 + 3)},
    ]


async def test_a_timeout_of_zero_looks_only_at_what_was_seen(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="read", id_message="BAE5A")
    with pytest.raises(ga.DeliveryTimeoutError) as raised:
        await api.sending.wait_for_status(sent("BAE5A"), "read", timeout=0)
    assert (raised.value.id_message, raised.value.last_status) == ("BAE5A", None)
    assert journal_requests(fake) == []


# Timeouts, on virtual time.


@virtual_time
async def test_a_timeout_raises_with_the_last_status_seen(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="pending", id_message="BAE5A")
    script.at_poll(3, lambda: fake.instance.set_status("BAE5A", "sent"))
    started = anyio.current_time()
    with pytest.raises(ga.DeliveryTimeoutError) as raised:
        await api.sending.wait_for_status(sent("BAE5A"), "delivered", timeout=60)
    assert anyio.current_time() - started == pytest.approx(60)
    assert (raised.value.id_message, raised.value.last_status) == ("BAE5A", "sent")
    assert "did not reach the status delivered or a later one within 60 s" in str(raised.value)
    # A poll at 0, 5, ..., 55 s: at most one per interval, none after the wait.
    assert len(journal_requests(fake)) == 12
    await anyio.sleep(60)
    assert len(journal_requests(fake)) == 12


@virtual_time
async def test_a_timeout_before_the_journal_shows_the_message_has_no_last_status(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    with pytest.raises(ga.DeliveryTimeoutError) as raised:
        await api.sending.wait_for_status(sent("BAE5A"), ["read"], timeout=12)
    assert (raised.value.id_message, raised.value.last_status) == ("BAE5A", None)
    assert "the outgoing journal has not shown it" in str(raised.value)


# One poller for every waiter.


def fifty_messages(fake: FakeGreenAPI, script: Script) -> list[tuple[ga.SentMessage, str]]:
    """Fifty messages sent: the even ones delivered at the 3rd poll, the odd read at the 5th."""
    waits = []
    for n in range(50):
        id_message = f"M{n}"
        fake.instance.add(text_message(f"#{n}"), status="sent", id_message=id_message)
        status, poll = ("delivered", 3) if n % 2 == 0 else ("read", 5)
        script.at_poll(poll, functools.partial(fake.instance.set_status, id_message, status))
        waits.append((sent(id_message), status))
    return waits


async def test_fifty_waiters_on_one_instance_share_one_poller(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    waits = fifty_messages(fake, script)
    results = await statuses_of(api, *waits)
    assert [(entry.id_message, str(entry.status_message)) for entry in results] == [
        (message.id_message, status) for message, status in waits
    ]
    assert script.polls == 5


@virtual_time
async def test_fifty_waiters_poll_once_per_interval_and_not_once_nobody_waits(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    waits = fifty_messages(fake, script)
    started = anyio.current_time()
    results = await statuses_of(api, *waits)
    assert all(isinstance(entry, ga.TextMessage) for entry in results)
    assert [at - started for at in script.at] == pytest.approx([0, 5, 10, 15, 20])
    await anyio.sleep(3600)
    assert len(journal_requests(fake)) == 5


@virtual_time
async def test_a_leader_cancelled_hands_over_and_the_cadence_holds(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    for n in range(3):
        fake.instance.add(text_message(), status="sent", id_message=f"M{n}")
    results: dict[str, Any] = {}
    started = anyio.current_time()

    async def wait(id_message: str, scope: anyio.CancelScope) -> None:
        with scope:
            results[id_message] = await api.sending.wait_for_status(sent(id_message), "read")

    first = anyio.CancelScope()  # the first to wait leads
    # Cancelled while its third poll waits for the answer: a request abandoned, and yet
    # the next comes an interval after it.
    script.at_poll(3, first.cancel)
    script.at_poll(5, lambda: fake.instance.set_status("M1", "read"))
    script.at_poll(7, lambda: fake.instance.set_status("M2", "read"))
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(wait, "M0", first)
        await anyio.lowlevel.checkpoint()
        tasks.start_soon(wait, "M1", anyio.CancelScope())
        tasks.start_soon(wait, "M2", anyio.CancelScope())
    assert first.cancelled_caught
    assert sorted(results) == ["M1", "M2"]
    assert [at - started for at in script.at] == pytest.approx([0, 5, 10, 15, 20, 25, 30])


@virtual_time
async def test_a_leader_whose_wait_ends_hands_over_without_an_extra_request(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    for n in range(2):
        fake.instance.add(text_message(), status="sent", id_message=f"M{n}")
    script.at_poll(2, lambda: fake.instance.set_status("M0", "delivered"))
    script.at_poll(4, lambda: fake.instance.set_status("M1", "delivered"))
    started = anyio.current_time()
    results = await statuses_of(api, (sent("M0"), "delivered"), (sent("M1"), "delivered"))
    assert [entry.id_message for entry in results] == ["M0", "M1"]
    assert [at - started for at in script.at] == pytest.approx([0, 5, 10, 15])


@virtual_time
async def test_a_wait_after_a_pause_polls_at_once_from_where_the_last_left_off(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="read", id_message="M0")
    await api.sending.wait_for_status(sent("M0"), "read")
    fake.clock.advance(120)  # this machine's monotonic clock too
    fake.instance.add(text_message(), status="delivered", id_message="M1")
    started = anyio.current_time()
    await api.sending.wait_for_status(sent("M1", attempted_at=NOW + 100), "delivered")
    assert anyio.current_time() == started
    # The gap since the last poll, and the margin: five minutes, not the day again.
    assert [request.query["minutes"] for request in journal_requests(fake)] == ["1440", "5"]


async def test_a_later_wait_for_a_message_older_than_the_windows_looks_back_for_it(
    fake: FakeGreenAPI, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="read", id_message="NEW")
    await api.sending.wait_for_status(sent("NEW"), "read")
    fake.instance.add(text_message(), status="read", id_message="OLD", timestamp=NOW - 30 * 3600)
    entry = await api.sending.wait_for_status(sent("OLD", attempted_at=NOW - 31 * 3600), "read")
    assert entry.id_message == "OLD"
    assert [request.query["minutes"] for request in journal_requests(fake)] == [
        "1440",
        str(31 * 60 + 3),
    ]


# Errors of the poller.


@virtual_time
async def test_transient_errors_back_off_and_the_waits_go_on(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI
) -> None:
    fake.instance.add(text_message(), status="sent", id_message="M0")
    fake.instance.add(text_message(), status="sent", id_message="M1")
    script.at_poll(2, lambda: fake.queue_fault(Fault(500)))
    script.at_poll(3, lambda: fake.queue_fault(Fault.rate_limited()))
    script.at_poll(4, lambda: fake.instance.set_status("M0", "read"))
    script.at_poll(4, lambda: fake.instance.set_status("M1", "delivered"))
    started = anyio.current_time()
    results = await statuses_of(api, (sent("M0"), "read"), (sent("M1"), "delivered"))
    assert [entry.id_message for entry in results] == ["M0", "M1"]
    at = [at - started for at in script.at]
    # The watchers' back-off: twice the interval after one failure, four times after two.
    assert at == pytest.approx([0, 5, 15, 35])
    assert [request.status for request in journal_requests(fake)] == [200, 500, 429, 200]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(401, b'{"code":401,"description":"Unauthorized"}'), ga.AuthenticationError),
        (Fault.quota_exceeded(), ga.QuotaExceededError),
    ],
    ids=["401", "466"],
)
async def test_a_permanent_error_fails_every_waiter_with_it_and_polling_stops(
    fake: FakeGreenAPI, script: Script, api: ga.GreenAPI, fault: Fault, error: type[Exception]
) -> None:
    waits = []
    for n in range(10):
        fake.instance.add(text_message(), status="sent", id_message=f"M{n}")
        waits.append((sent(f"M{n}"), "read"))
    script.at_poll(2, lambda: fake.queue_fault(fault))
    results = await statuses_of(api, *waits)
    assert all(type(result) is error for result in results)
    # The error the poller met, each waiter in an object of its own (its own traceback).
    assert len({str(result) for result in results}) == 1
    assert all(vars(result) == vars(results[0]) for result in results)
    assert len({id(result) for result in results}) == len(results)
    assert script.polls == 2
    # The next wait polls anew, and the instance works again.
    fake.instance.set_status("M0", "read")
    assert (await api.sending.wait_for_status(sent("M0"), "read")).id_message == "M0"


# Event loops.


def test_one_tracker_serves_asyncio_and_trio_runs_one_after_another(
    fake: FakeGreenAPI, script: Script
) -> None:
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=script))
    api = client_of(script, http, 0.01)
    for n in range(4):
        fake.instance.add(text_message(), status="sent", id_message=f"M{n}")

    async def cancelled_while_leading() -> None:
        with anyio.CancelScope() as scope:
            script.at_poll(script.polls + 2, scope.cancel)
            await api.sending.wait_for_status(sent("M0"), "read")
        assert scope.cancelled_caught

    def delivered_at_next_poll(id_message: str) -> Callable[[], Any]:
        async def wait() -> str | None:
            script.at_poll(script.polls + 1, lambda: fake.instance.set_status(id_message, "read"))
            return (await api.sending.wait_for_status(sent(id_message), "read")).id_message

        return wait

    asyncio.run(cancelled_while_leading())
    assert trio.run(delivered_at_next_poll("M1")) == "M1"
    assert asyncio.run(delivered_at_next_poll("M2")()) == "M2"
    trio.run(cancelled_while_leading)
    assert asyncio.run(delivered_at_next_poll("M3")()) == "M3"
    asyncio.run(http.aclose())


# Arguments, refused before any request.


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("BAE5A", "read"),
            "sent must be a SentMessage, as a send method returns it, not a value of type str",
        ),
        ((sent(""), "read"), "id_message must be a message id"),
        ((sent(attempted_at=math.nan), "read"), "sent.attempted_at must be a finite number"),
        ((sent(), []), "statuses must name at least one status to wait for"),
        ((sent(), 5), "statuses must be a status (a MessageStatus or its name) or a collection"),
        ((sent(), [5]), "statuses must hold only strings"),
        ((sent(), "delivred"), "did you mean 'delivered'?"),
        ((sent(), ["read", "Red"]), "did you mean 'read'?"),
        (
            (sent(), "noAccount"),
            "'noAccount' is a failure, which wait_for_status raises as "
            "DeliveryFailedError; wait for one of pending, sent, delivered, read",
        ),
        ((sent(), ga.MessageStatus.YELLOW_CARD), "'yellowCard' is a failure"),
        ((sent(), "blueTicks"), "'blueTicks' is not on a message's way to being read"),
    ],
)
async def test_wrong_arguments_are_refused_by_name_before_any_request(
    fake: FakeGreenAPI, api: ga.GreenAPI, arguments: tuple[Any, Any], message: str
) -> None:
    with pytest.raises(ga.InvalidArgumentError) as raised:
        await api.sending.wait_for_status(*arguments)
    assert message in str(raised.value)
    assert journal_requests(fake) == []


@pytest.mark.parametrize("given", [-1, math.nan, math.inf, True, "5", None])
async def test_a_timeout_must_be_a_finite_number_of_seconds(
    fake: FakeGreenAPI, api: ga.GreenAPI, given: Any
) -> None:
    with pytest.raises(
        ga.InvalidArgumentError, match="timeout must be a finite number of seconds >= 0"
    ):
        await api.sending.wait_for_status(sent(), "read", timeout=given)
    assert journal_requests(fake) == []


@pytest.mark.parametrize("interval", [0.001, -5, math.inf, True, "5"])
async def test_the_poll_interval_is_refused_below_the_journals_rate(
    api: ga.GreenAPI, interval: Any
) -> None:
    with pytest.raises(
        ga.InvalidArgumentError, match="poll_interval must be a number of seconds >= "
    ):
        api.sending.poll_interval = interval
