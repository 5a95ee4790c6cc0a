"""End to end over loopback: our client vs raw httpx + orjson vs the official SDK.

The server is ``fleet_server.py``'s bare asyncio server (uvloop when installed) in a
process of its own, serving journals that never change: it costs a few tens of
microseconds a request, so that its latency, shared by every client, does not blur the
ratios, and its CPU a request is reported to show it. Pacing is off everywhere, and the
contenders take turns round by round, in an order that alternates between rounds so
that no contender always follows the same one. A ratio is the median over rounds of a
contender's time over raw httpx's in the same round, with the interquartile range.
"""

from __future__ import annotations

import contextlib
import importlib.util
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio
import httpx
import orjson
from fleet_server import TOKEN, Counters, fleet_server, instance_id
from spread import ratios_per_round, with_spread

import greenapi_async as ga
from greenapi_async._client import DEFAULT_POOL_LIMITS

Call = Callable[[], Awaitable[Any]]
OURS = "greenapi_async"
OURS_ON_AIOHTTP = "greenapi_async over httpx-aiohttp's transport"
RAW = "raw httpx + orjson.loads"
CONCURRENCY = 50
# Every httpx client's pool: the SDK's own limits, connections kept a minute. Taking turns
# leaves a client idle while the others run; past httpx's 5 s its connections expire, and
# httpcore 1.0.9 took seconds to reopen 50 at once (5.2 s against 1.3 s for a round of
# 400 calls 50 in flight), a cost of the turns, not of a call, that would fall on
# whichever client waited longest.
POOL_LIMITS = httpx.Limits(
    max_connections=DEFAULT_POOL_LIMITS.max_connections,
    max_keepalive_connections=DEFAULT_POOL_LIMITS.max_keepalive_connections,
    keepalive_expiry=60.0,
)
# The server's instances (index: entries) whose journals the tables read.
SMALL, LARGE = 0, 1
JOURNALS = {SMALL: 20, LARGE: 10_000}
# The large journal's rounds, each of this many calls, all in flight at once.
LARGE_ROUNDS, PER_LARGE_ROUND = 10, 20


def sdk_client(base_url: str, id_instance: str, http: httpx.AsyncClient) -> ga.GreenAPI:
    """greenapi_async for the journal of ``id_instance``, on ``http``; pacing and retries off."""
    return ga.GreenAPI(
        id_instance, TOKEN, api_url=base_url, rate_limit=False, max_retries=0, http_client=http
    )


@contextlib.asynccontextmanager
async def contenders(base_url: str, id_instance: str) -> Any:
    """Each contender as a zero-argument coroutine function fetching the same journal."""
    url = f"{base_url}/waInstance{id_instance}/lastOutgoingMessages/{TOKEN}"
    async with contextlib.AsyncExitStack() as stack:
        raw = await stack.enter_async_context(httpx.AsyncClient(limits=POOL_LIMITS))
        own = await stack.enter_async_context(httpx.AsyncClient(limits=POOL_LIMITS))
        api = await stack.enter_async_context(sdk_client(base_url, id_instance, own))

        async def ours() -> Any:
            return await api.journals.last_outgoing_messages()

        async def raw_httpx() -> Any:
            return orjson.loads((await raw.get(url)).content)

        calls: dict[str, Call] = {OURS: ours, RAW: raw_httpx}
        if importlib.util.find_spec("httpx_aiohttp"):
            from httpx_aiohttp import AiohttpTransport

            over_aiohttp = await stack.enter_async_context(
                httpx.AsyncClient(transport=AiohttpTransport())
            )
            api_on_aiohttp = await stack.enter_async_context(
                sdk_client(base_url, id_instance, over_aiohttp)
            )

            async def ours_on_aiohttp() -> Any:
                return await api_on_aiohttp.journals.last_outgoing_messages()

            calls[OURS_ON_AIOHTTP] = ours_on_aiohttp
        if importlib.util.find_spec("whatsapp_api_client_python"):
            from whatsapp_api_client_python import API

            official = API.GreenApi(id_instance, TOKEN, host=base_url)

            async def official_sdk() -> Any:
                response = await official.journals.lastOutgoingMessagesAsync()
                assert response.code == 200
                return response.data

            calls["whatsapp-api-client-python (official)"] = official_sdk
        yield calls


async def _sequential(call: Call, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        await call()
    return (time.perf_counter() - started) / count


async def _concurrent(call: Call, count: int, concurrency: int) -> float:
    limiter = anyio.Semaphore(concurrency)

    async def one() -> None:
        async with limiter:
            await call()

    started = time.perf_counter()
    async with anyio.create_task_group() as tasks:
        for _ in range(count):
            tasks.start_soon(one)
    return time.perf_counter() - started


def _in_turn(names: list[str], round_: int) -> list[str]:
    return names if round_ % 2 == 0 else names[::-1]


async def _interleaved(
    calls: dict[str, Call], rounds: int, measure: Callable[[Call], Awaitable[float]]
) -> dict[str, list[float]]:
    """Each contender's measures, round by round, in the order of ``_in_turn``."""
    measures: dict[str, list[float]] = {name: [] for name in calls}
    for round_ in range(rounds):
        for name in _in_turn(list(calls), round_):
            measures[name].append(await measure(calls[name]))
    return measures


def _table_rows(
    workload: str, measures: dict[str, list[float]], shown: Callable[[float], str]
) -> list[str]:
    """One row a contender: its median, shown, and its ratio to raw httpx's with spread."""
    ratios = ratios_per_round(measures, RAW)
    return [
        f"| {workload} | {name} | {shown(statistics.median(values))} "
        f"| {with_spread(ratios[name])} |"
        for name, values in measures.items()
    ]


class _ServerUse:
    """The server's CPU a request over one workload, from its processes' counters."""

    def __init__(self, counters: Counters) -> None:
        self._counters = counters
        self.lines: list[str] = []

    @contextlib.contextmanager
    def measured(self, workload: str) -> Iterator[None]:
        # The counters are published every 20 ms: waited for on both sides, so that the
        # window holds this workload's requests, and no warm-up's.
        time.sleep(0.05)
        requests_before, cpu_before = self._counters.totals()
        started = time.monotonic()
        yield
        time.sleep(0.05)
        wall = time.monotonic() - started
        requests_after, cpu_after = self._counters.totals()
        requests, cpu = requests_after - requests_before, cpu_after - cpu_before
        self.lines.append(
            f"| {workload} | {requests:,} | {cpu / max(requests, 1) * 1e6:,.0f} µs "
            f"| {cpu / wall:.2f} |"
        )


async def _rows(base_url: str, server: _ServerUse, calls: int, rounds: int) -> list[str]:
    sequential = f"{calls:,} sequential calls, 20-message journal"
    concurrent_rounds, per_round = rounds // 4, 200
    in_flight = (
        f"{concurrent_rounds * per_round:,} calls at concurrency {CONCURRENCY}, 20-message journal"
    )
    large = (
        f"{LARGE_ROUNDS * PER_LARGE_ROUND} calls at concurrency {PER_LARGE_ROUND}, "
        "10,000-message journal"
    )
    async with contenders(base_url, instance_id(SMALL)) as small:
        for call in small.values():  # warm up: connections, generated code
            await _sequential(call, 20)
        with server.measured(sequential):
            per_call = await _interleaved(
                small, rounds, lambda call: _sequential(call, calls // rounds)
            )

        # Many calls in flight at once: what a pool's limits and bookkeeping cost.
        async def at_once(call: Call) -> float:
            return await _concurrent(call, per_round, CONCURRENCY) / per_round

        with server.measured(in_flight):
            at_concurrency = await _interleaved(small, concurrent_rounds, at_once)
    async with contenders(base_url, instance_id(LARGE)) as calls_of_large:
        with server.measured(large):
            totals = await _interleaved(
                calls_of_large,
                LARGE_ROUNDS,
                lambda call: _concurrent(call, PER_LARGE_ROUND, PER_LARGE_ROUND),
            )
    per_call_shown = "{:.3f} ms per call".format
    return [
        *_table_rows(sequential, per_call, lambda median: per_call_shown(median * 1e3)),
        *_table_rows(in_flight, at_concurrency, lambda median: per_call_shown(median * 1e3)),
        *_table_rows(
            large,
            totals,
            lambda median: f"{median:.3f} s a round of {PER_LARGE_ROUND}",
        ),
    ]


def end_to_end_table(calls: int = 1_000, rounds: int = 40) -> str:
    """Markdown tables: the end-to-end rows, ratios to raw httpx + orjson.loads; the server."""
    with fleet_server(0, time.monotonic(), 5.0, processes=1, still=JOURNALS) as (url, counters):
        server = _ServerUse(counters)
        rows = anyio.run(_rows, url, server, calls, rounds)
    return "\n".join(
        [
            f"| workload | client | median | x raw httpx + orjson ({rounds} rounds; "
            f"{rounds // 4} at concurrency {CONCURRENCY}; {LARGE_ROUNDS} of the 10,000-message "
            "journal) |",
            "|---|---|---:|---:|",
            *rows,
            "",
            "| workload | requests served | server CPU a request | server CPU, cores |",
            "|---|---:|---:|---:|",
            *server.lines,
        ]
    )
