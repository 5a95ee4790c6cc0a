"""Load, soak and cancellation against the fake over real HTTP (marked slow; bounded).

Run with ``nox -s tests_slow`` (or ``pytest -m slow``). Every loop is bounded in count,
and every test in time by ``anyio.fail_after``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import random
import time
import tracemalloc
from collections.abc import Iterator

import anyio
import pytest
import sniffio

import greenapi_async as ga
from greenapi_async.testing import FakeGreenAPI, Fault, serve, text_message

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

ID, TOKEN = "1101000001", "loadToken0123456789"
REQUESTS, CONCURRENCY = 10_000, 100
# Measured: 0.4 MB (trio) to 1.0 MB (asyncio) of traced growth between 1,000 and 10,000
# requests (nox -s tests_slow prints it); the bound
# below is generous, and still catches a leak of a few hundred bytes per request.
MEMORY_GROWTH_BOUND = 4 * 1024 * 1024


@pytest.fixture(autouse=True)
def pytest_keeps_no_log_records(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop pytest from storing every DEBUG record of 10,000 requests for its report.

    Those records would be the memory growth this module measures. The secret-hygiene
    recorder in conftest.py still checks every record, at every level.
    """
    plugin = request.config.pluginmanager.get_plugin("logging-plugin")
    assert plugin is not None
    for handler in (plugin.caplog_handler, plugin.report_handler):
        monkeypatch.setattr(handler, "level", logging.WARNING)


@pytest.fixture
def fake() -> FakeGreenAPI:
    # The fake keeps few requests: its own record would otherwise be the growth measured.
    fake = FakeGreenAPI(rate_limit=False, max_recorded_requests=100)
    instance = fake.add_instance(ID, TOKEN)
    for n in range(5):
        instance.add(text_message(f"message {n}"))
    return fake


@pytest.fixture
def base_url(fake: FakeGreenAPI) -> Iterator[str]:
    with serve(fake) as url:
        yield url


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def settle_fds(limit: int) -> int:
    # The server thread closes its side of each connection shortly after the client.
    with anyio.move_on_after(5):
        while open_fds() > limit:  # noqa: ASYNC110 - no event tells when the kernel closes a socket
            await anyio.sleep(0.05)
    return open_fds()


async def run_requests(api: ga.GreenAPI, count: int, concurrency: int) -> int:
    errors = 0
    limiter = anyio.Semaphore(concurrency)

    async def one() -> None:
        nonlocal errors
        async with limiter:
            try:
                assert len(await api.journals.last_outgoing_messages()) == 5
            except ga.GreenAPIError:
                errors += 1

    async with anyio.create_task_group() as tasks:
        for _ in range(count):
            tasks.start_soon(one)
    return errors


async def test_ten_thousand_requests_at_concurrency_100(base_url: str) -> None:
    baseline_fds = open_fds()
    tracemalloc.start()
    try:
        with anyio.fail_after(300):
            api = ga.GreenAPI(ID, TOKEN, api_url=base_url, rate_limit=False, max_retries=0)
            async with api:
                assert await run_requests(api, 1_000, CONCURRENCY) == 0
                gc.collect()
                warm = tracemalloc.get_traced_memory()[0]
                assert await run_requests(api, REQUESTS - 1_000, CONCURRENCY) == 0
                gc.collect()
                growth = tracemalloc.get_traced_memory()[0] - warm
    finally:
        tracemalloc.stop()
    fds_after = await settle_fds(baseline_fds)
    print(
        f"\n{REQUESTS} requests: {growth / 1e6:.2f} MB retained; fds {baseline_fds} -> {fds_after}"
    )
    assert growth < MEMORY_GROWTH_BOUND, f"{growth / 1e6:.1f} MB retained"
    assert fds_after <= baseline_fds


async def test_cancelled_requests_leave_pool_pacing_and_retries_intact(
    fake: FakeGreenAPI, base_url: str
) -> None:
    rng = random.Random(7)
    async with ga.GreenAPI(ID, TOKEN, api_url=base_url, rate_limit=False) as api:
        with anyio.fail_after(240):
            started = time.monotonic()
            assert await run_requests(api, 100, 10) == 0
            before = time.monotonic() - started

            # 1,000 requests, each cancelled at a random point: while connecting,
            # waiting for headers, or reading the body. Some answers are slowed so that
            # cancellations land mid-flight.
            fake.queue_fault(Fault.slow(0.01), times=300)

            async def cancelled_soon() -> None:
                with anyio.move_on_after(rng.uniform(0, 0.02)):
                    await api.journals.last_outgoing_messages()

            async with anyio.create_task_group() as tasks:
                for _ in range(1_000):
                    tasks.start_soon(cancelled_soon)
            fake.clear_faults()

            started = time.monotonic()
            assert await run_requests(api, 100, 10) == 0
            after = time.monotonic() - started
    # Full speed afterwards: no dead connections to wait out, no stuck pool slots.
    assert after < 3 * before + 0.5, (before, after)
    gc.collect()


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # Task.cancel() is asyncio's own
async def test_asyncio_task_cancellation_leaves_the_client_usable(base_url: str) -> None:
    assert sniffio.current_async_library() == "asyncio"

    rng = random.Random(3)
    async with ga.GreenAPI(ID, TOKEN, api_url=base_url, rate_limit=False) as api:
        with anyio.fail_after(120):
            tasks = [
                asyncio.create_task(api.journals.last_outgoing_messages()) for _ in range(1_000)
            ]
            for task in tasks:
                await asyncio.sleep(rng.uniform(0, 0.0005))
                task.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            for result in results:
                assert isinstance(result, (list, asyncio.CancelledError)), repr(result)
            assert await run_requests(api, 50, 10) == 0


async def test_pacing_holds_after_waiters_are_cancelled() -> None:
    fake = FakeGreenAPI(rate_limit=True)  # answers 429 to any burst
    fake.add_instance(ID, TOKEN)
    with serve(fake) as base_url:
        await _pace_through_cancelled_waiters(fake, base_url)


async def _pace_through_cancelled_waiters(fake: FakeGreenAPI, base_url: str) -> None:
    async with ga.GreenAPI(ID, TOKEN, api_url=base_url, rate_limit=True, max_retries=0) as api:
        with anyio.fail_after(60):
            await api.journals.last_outgoing_messages()
            async with anyio.create_task_group() as tasks:
                for _ in range(50):

                    async def waiter() -> None:
                        with anyio.move_on_after(0.3):
                            await api.journals.last_outgoing_messages()

                    tasks.start_soon(waiter)
            sent_before = len(fake.requests)
            await api.journals.last_outgoing_messages()
            await api.journals.last_outgoing_messages()
    # Every waiter gave up before its turn (a second after the first request): none sent.
    assert sent_before == 1
    last, previous = fake.requests[-1], fake.requests[-2]
    assert last.at - previous.at >= 0.95
    assert [request.status for request in fake.requests] == [200, 200, 200]
