"""End to end over loopback: our client vs raw httpx + orjson vs the official SDK.

The fake runs in a separate process (so that it does not share the GIL with the clients),
pacing is off everywhere, and the contenders take turns round by round, in an order that
alternates between rounds so that no contender always follows the same one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import orjson
from fake_server import LARGE_ID, SMALL_ID, TOKEN

import greenapi_async as ga

Call = Callable[[], Awaitable[Any]]
OURS = "greenapi_async"
OURS_ON_AIOHTTP = "greenapi_async over httpx-aiohttp's transport"
RAW = "raw httpx + orjson.loads"
CONCURRENCY = 50


@contextlib.contextmanager
def fake_server() -> Iterator[str]:
    """Start bench/fake_server.py in its own process; yield its base URL."""
    script = Path(__file__).with_name("fake_server.py")
    with subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdin is not None
        try:
            yield process.stdout.readline().strip()
        finally:
            process.stdin.close()
            process.wait(timeout=30)


@contextlib.asynccontextmanager
async def contenders(base_url: str, id_instance: str) -> Any:
    """Each contender as a zero-argument coroutine function fetching the same journal."""
    url = f"{base_url}/waInstance{id_instance}/lastOutgoingMessages/{TOKEN}"
    async with contextlib.AsyncExitStack() as stack:
        raw = await stack.enter_async_context(
            httpx.AsyncClient(limits=httpx.Limits(max_connections=20))
        )
        api = await stack.enter_async_context(
            ga.GreenAPI(id_instance, TOKEN, api_url=base_url, rate_limit=False, max_retries=0)
        )

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
                ga.GreenAPI(
                    id_instance,
                    TOKEN,
                    api_url=base_url,
                    rate_limit=False,
                    max_retries=0,
                    http_client=over_aiohttp,
                )
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


async def _rows(base_url: str, calls: int, rounds: int) -> list[str]:
    lines = []
    async with contenders(base_url, SMALL_ID) as small:
        for call in small.values():  # warm up: connections, generated code
            await _sequential(call, 20)
        per_call: dict[str, list[float]] = {name: [] for name in small}
        for round_ in range(rounds):
            for name in _in_turn(list(small), round_):
                per_call[name].append(await _sequential(small[name], calls // rounds))
        floor = statistics.median(per_call[RAW])
        for name, values in per_call.items():
            median = statistics.median(values)
            lines.append(
                f"| {calls:,} sequential calls, 20-message journal | {name} "
                f"| {median * 1e3:.3f} ms per call | {median / floor:.2f} |"
            )
        # Many calls in flight at once: what a pool's limits and bookkeeping cost.
        concurrent_rounds, per_round = rounds // 4, 200
        at_once: dict[str, list[float]] = {name: [] for name in small}
        for round_ in range(concurrent_rounds):
            for name in _in_turn(list(small), round_):
                seconds = await _concurrent(small[name], per_round, CONCURRENCY)
                at_once[name].append(seconds / per_round)
        floor = statistics.median(at_once[RAW])
        for name, values in at_once.items():
            median = statistics.median(values)
            lines.append(
                f"| {concurrent_rounds * per_round:,} calls at concurrency {CONCURRENCY}, "
                f"20-message journal | {name} | {median * 1e3:.3f} ms per call "
                f"| {median / floor:.2f} |"
            )
    large_rounds = 5
    async with contenders(base_url, LARGE_ID) as large:
        totals: dict[str, list[float]] = {name: [] for name in large}
        for round_ in range(large_rounds):
            for name in _in_turn(list(large), round_):
                totals[name].append(await _concurrent(large[name], 100 // large_rounds, 20))
        floor = statistics.median(totals[RAW])
        for name, values in totals.items():
            median = statistics.median(values)
            lines.append(
                f"| 100 calls at concurrency 20, 10,000-message journal | {name} "
                f"| {median * large_rounds:.2f} s for 100 calls | {median / floor:.2f} |"
            )
    return lines


def end_to_end_table(calls: int = 1_000, rounds: int = 40) -> str:
    """A Markdown table of the end-to-end rows, ratios to raw httpx + orjson.loads."""
    with fake_server() as base_url:
        rows = anyio.run(_rows, base_url, calls, rounds)
    return "\n".join(
        ["| workload | client | median | x raw httpx + orjson |", "|---|---|---:|---:|", *rows]
    )
