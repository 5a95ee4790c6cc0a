"""A small call's cost against raw httpx on the same transport, and what safety costs.

The server is ``fleet_server.py``'s bare asyncio server in a process of its own (cheap
and steady, so that its latency does not blur the ratios), answering a 20-message
journal. Three contenders take turns round by round, the order reversed every other
round, each on its own ``httpx.AsyncClient`` with the SDK's pool limits:

- greenapi_async's ``journals.last_outgoing_messages()``, pacing and retries off;
- raw httpx: ``client.get(url)`` and ``json.loads`` of the body;
- raw httpx whose responses close as the SDK's do (``greenapi_async._closing``): on
  asyncio, in a task of their own, which a ``Task.cancel()`` cannot interrupt halfway
  (httpcore 1.0.9 would otherwise keep the connection taken for ever). That is the floor
  of a call that survives cancellation on this transport.

Each figure is the median over rounds of the contender's time over raw httpx's in the
same round, with the interquartile range; sequential calls, and calls 50 in flight.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx
from fleet_server import TOKEN, fleet_server, instance_id

import greenapi_async as ga
from greenapi_async._client import DEFAULT_POOL_LIMITS
from greenapi_async._closing import closed_in_full

OURS = "greenapi_async"
RAW = "raw httpx + json.loads"
SAFE_RAW = "raw httpx + json.loads, closed as the SDK closes"
IN_FLIGHT = 50
Call = Callable[[], Awaitable[Any]]


async def _rounds(
    calls: dict[str, Call], rounds: int, per_round: int, in_flight: int
) -> dict[str, list[float]]:
    """Each contender's time over raw httpx's, one figure per round."""
    ratios: dict[str, list[float]] = {name: [] for name in calls}
    order = list(calls)
    for number in range(rounds):
        seconds: dict[str, float] = {}
        for name in order if number % 2 else order[::-1]:
            started = time.perf_counter()
            await _run(calls[name], per_round, in_flight)
            seconds[name] = time.perf_counter() - started
        for name in calls:
            ratios[name].append(seconds[name] / seconds[RAW])
    return ratios


async def _run(call: Call, count: int, in_flight: int) -> None:
    if in_flight == 1:
        for _ in range(count):
            await call()
        return
    async with anyio.create_task_group() as group:
        for _ in range(in_flight):
            group.start_soon(_run, call, count // in_flight, 1)


def _cell(ratios: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(ratios, n=4, method="inclusive")
    return f"{median:.3f} ({q1:.3f}-{q3:.3f})"


async def per_call_rows(rounds: int) -> list[str]:
    """Markdown rows: each contender's ratio, sequential and 50 in flight."""
    with fleet_server(1, time.monotonic(), 5.0, 1) as (url, _):
        id_instance = instance_id(0)
        journal = f"{url}/waInstance{id_instance}/lastOutgoingMessages/{TOKEN}"
        async with (
            httpx.AsyncClient(limits=DEFAULT_POOL_LIMITS) as raw,
            httpx.AsyncClient(limits=DEFAULT_POOL_LIMITS) as safe,
            ga.GreenAPI(id_instance, TOKEN, api_url=url, rate_limit=False, max_retries=0) as api,
        ):

            async def ours() -> Any:
                return await api.journals.last_outgoing_messages()

            async def raw_call() -> Any:
                return json.loads((await raw.get(journal)).content)

            async def safe_raw_call() -> Any:
                # What get() does, with the close made safe as the SDK makes it.
                sent = await safe.send(safe.build_request("GET", journal), stream=True)
                response = closed_in_full(sent)
                try:
                    return json.loads(await response.aread())
                finally:
                    await response.aclose()

            calls: dict[str, Call] = {OURS: ours, RAW: raw_call, SAFE_RAW: safe_raw_call}
            await _rounds(calls, 2, 100, 1)  # warm: connections, hooks
            sequential = await _rounds(calls, rounds, 40, 1)
            concurrent = await _rounds(calls, max(rounds // 2, 4), 400, IN_FLIGHT)
    return [f"| {name} | {_cell(sequential[name])} | {_cell(concurrent[name])} |" for name in calls]


def per_call_table(rounds: int) -> str:
    """The Markdown table of ``per_call_rows``."""
    rows = anyio.run(per_call_rows, rounds)
    return "\n".join(
        [
            f"| client, 20-message journal | sequential, x raw httpx ({rounds} rounds of 40) "
            f"| {IN_FLIGHT} in flight, x raw httpx ({max(rounds // 2, 4)} rounds of 400) |",
            "|---|---:|---:|",
            *rows,
        ]
    )


if __name__ == "__main__":
    print(per_call_table(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
