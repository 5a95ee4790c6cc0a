"""rate_limit=True: one lastOutgoingMessages request per second per client, no bursts.

The async tests run on virtual time, and the pacer's clock (``time.monotonic``) is made
the event loop's: a request's start is then the moment its turn was taken, however
slowly this machine runs the code between the two.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import httpx
import pytest
import respx
import trio

from greenapi_async._pacing import Pacer

from .conftest import JOURNAL_URL, TOKEN, MakeClient, loop_monotonic, virtual_time

pytestmark = pytest.mark.anyio

Test = TypeVar("Test", bound=Callable[..., Any])

INTERVAL = 1.0


@pytest.fixture
def pacer_on_the_loop_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "monotonic", loop_monotonic)


def on_virtual_time(test: Test) -> Test:
    """Run ``test`` on virtual time, with the pacer's clock the event loop's."""
    marked: Test = virtual_time(pytest.mark.usefixtures("pacer_on_the_loop_clock")(test))
    return marked


def hold_the_loop(seconds: float) -> None:
    """Let ``seconds`` pass while this task runs on without yielding (a blocking call)."""
    trio.lowlevel.current_clock().jump(seconds)  # type: ignore[attr-defined]


def record_start_times(respx_mock: respx.MockRouter) -> list[float]:
    starts: list[float] = []

    def respond(request: httpx.Request) -> httpx.Response:
        starts.append(time.monotonic())
        return httpx.Response(200, json=[])

    respx_mock.get(JOURNAL_URL).mock(side_effect=respond)
    return starts


def gaps(starts: list[float]) -> list[float]:
    return [later - earlier for earlier, later in itertools.pairwise(starts)]


@on_virtual_time
async def test_concurrent_callers_are_spaced_a_second_apart(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    starts = record_start_times(respx_mock)
    async with make_client(rate_limit=True) as api, anyio.create_task_group() as tasks:
        for _ in range(3):
            tasks.start_soon(api.journals.last_outgoing_messages)
    assert len(starts) == 3
    assert gaps(starts) == pytest.approx([INTERVAL, INTERVAL])


@on_virtual_time
async def test_the_first_request_does_not_wait(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    record_start_times(respx_mock)
    async with make_client(rate_limit=True) as api:
        started = time.monotonic()
        await api.journals.last_outgoing_messages()
        assert time.monotonic() == started


@on_virtual_time
async def test_retries_are_paced_too(respx_mock: respx.MockRouter, make_client: MakeClient) -> None:
    starts: list[float] = []

    def respond(request: httpx.Request) -> httpx.Response:
        starts.append(time.monotonic())
        if len(starts) == 1:
            return httpx.Response(429, headers={"Retry-After": "0"})
        return httpx.Response(200, json=[])

    respx_mock.get(JOURNAL_URL).mock(side_effect=respond)
    async with make_client(rate_limit=True) as api:
        await api.journals.last_outgoing_messages()
    assert gaps(starts) == pytest.approx([INTERVAL])


@on_virtual_time
async def test_a_cancelled_waiter_gives_up_its_turn(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    starts = record_start_times(respx_mock)
    async with make_client(rate_limit=True) as api:
        await api.journals.last_outgoing_messages()
        with anyio.move_on_after(0.2) as scope:
            await api.journals.last_outgoing_messages()
        assert scope.cancelled_caught
        await api.journals.last_outgoing_messages()
    # The cancelled call sent nothing and did not push the next one a further second back.
    assert len(starts) == 2
    assert gaps(starts) == pytest.approx([INTERVAL])


@on_virtual_time
@pytest.mark.parametrize("due", [True, False], ids=["turn due", "turn not due"])
async def test_a_call_cancelled_before_it_starts_sends_nothing_and_takes_no_turn(
    respx_mock: respx.MockRouter, make_client: MakeClient, due: bool
) -> None:
    starts = record_start_times(respx_mock)
    async with make_client(rate_limit=True) as api:
        if not due:
            await api.journals.last_outgoing_messages()
        with anyio.CancelScope() as scope:
            scope.cancel()
            await api.journals.last_outgoing_messages()
        assert scope.cancelled_caught
        await api.journals.last_outgoing_messages()
    assert len(starts) == (1 if due else 2)
    if not due:  # the next call waited for the one before the cancelled one only
        assert gaps(starts) == pytest.approx([INTERVAL])


@on_virtual_time
async def test_pacing_off_sends_at_once(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    starts = record_start_times(respx_mock)
    async with make_client(rate_limit=False) as api, anyio.create_task_group() as tasks:
        for _ in range(5):
            tasks.start_soon(api.journals.last_outgoing_messages)
    assert len(starts) == 5
    assert starts[-1] == starts[0]


def test_pacing_holds_across_separate_event_loop_runs() -> None:
    pacer = Pacer(0.2)
    waits = []
    for backend in ("trio", "asyncio", "trio"):
        started = time.monotonic()
        anyio.run(pacer.wait_turn, backend=backend)
        waits.append(time.monotonic() - started)
    assert waits[0] < 0.1
    assert all(0.1 < wait < 1.0 for wait in waits[1:]), waits


MESSAGE = {
    "type": "outgoing", "typeMessage": "textMessage", "idMessage": "BAE5", "timestamp": 1,
    "chatId": "79001234567@c.us", "textMessage": "hi", "statusMessage": "",
}  # fmt: skip


@on_virtual_time
async def test_each_method_keeps_its_own_pace(
    respx_mock: respx.MockRouter, make_client: MakeClient
) -> None:
    starts: dict[str, list[float]] = {}

    def respond(request: httpx.Request) -> httpx.Response:
        method = request.url.path.split("/")[2]
        starts.setdefault(method, []).append(time.monotonic())
        return httpx.Response(200, json=MESSAGE if method == "getMessage" else [])

    instance_url = JOURNAL_URL.removesuffix(f"lastOutgoingMessages/{TOKEN}")
    respx_mock.route(url__startswith=instance_url).mock(side_effect=respond)
    async with make_client(rate_limit=True) as api:
        await api.journals.last_outgoing_messages()
        # Another method does not wait for this one's second...
        await api.journals.chat_history("79001234567@c.us")
        await api.journals.last_incoming_messages()
        async with anyio.create_task_group() as tasks:
            for _ in range(4):
                tasks.start_soon(api.journals.get_message, "79001234567@c.us", "BAE5")
        # ...and a method's second call does.
        await api.journals.chat_history("79001234567@c.us")
    firsts = sorted(times[0] for times in starts.values())
    assert firsts[-1] == firsts[0], starts
    # getMessage is documented at ten a second: its calls are a tenth of a second apart,
    # not a second.
    message_starts = starts["getMessage"]
    assert gaps(message_starts) == pytest.approx([0.1] * 3), starts
    assert gaps(starts["getChatHistory"]) == pytest.approx([INTERVAL]), starts


@on_virtual_time
async def test_a_caller_whose_turn_is_due_goes_behind_those_already_waiting() -> None:
    # The waiter's turn comes while this task holds the loop (a blocking call); a caller
    # arriving then must not slip in before the waiter resumes: the two would start
    # together.
    pacer = Pacer(0.2)
    starts: list[tuple[str, float]] = []

    async def call(name: str) -> None:
        await pacer.wait_turn()
        starts.append((name, time.monotonic()))

    await call("first")
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call, "waiting")
        await anyio.sleep(0.05)  # the waiter is in the queue
        hold_the_loop(0.3)  # its turn comes while the loop is held
        await call("arriving")
    assert [name for name, _ in starts] == ["first", "waiting", "arriving"]
    # The waiter went at 0.35 s, when the loop was let go; the arriving caller a turn later.
    assert gaps([at for _, at in starts]) == pytest.approx([0.35, 0.2]), starts


@on_virtual_time
@pytest.mark.parametrize("waiting", [False, True], ids=["turn due", "turn not due"])
async def test_a_caller_cancelled_before_it_asks_takes_no_turn(waiting: bool) -> None:
    pacer = Pacer(0.2)
    if waiting:
        await pacer.wait_turn()
    with anyio.CancelScope() as scope:
        scope.cancel()
        await pacer.wait_turn()
    assert scope.cancelled_caught
    started = time.monotonic()
    await pacer.wait_turn()
    # Only the call before the cancelled one counts: the next waits for it, if at all.
    assert time.monotonic() - started == pytest.approx(0.2 if waiting else 0)
