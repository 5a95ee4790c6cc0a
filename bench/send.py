"""Sending over loopback: what exactly once costs a send, and one instance's pace.

The fake runs in its own process (``bench/fake_server.py``). *Overhead*: sequential
``send_text`` calls against raw httpx POSTs of the same body whose answer ``orjson``
parses, pacing off, taking turns round by round in an order that alternates. *Pace*: one
instance with pacing on, many sends at once: the rate the client keeps to, against the
documented 50 a second.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import AsyncIterator

import anyio
import httpx
import orjson
from end_to_end import RAW, Call, _interleaved, _sequential
from fake_server import SENDER_ID, TOKEN, fake_server
from spread import ratios_per_round, with_spread

import greenapi_async as ga
from greenapi_async._client import DEFAULT_POOL_LIMITS

OURS = "greenapi_async send_text"
CHAT = "79001234567@c.us"


@contextlib.asynccontextmanager
async def contenders(base_url: str) -> AsyncIterator[dict[str, Call]]:
    url = f"{base_url}/waInstance{SENDER_ID}/sendMessage/{TOKEN}"
    async with (
        httpx.AsyncClient(limits=DEFAULT_POOL_LIMITS) as raw,
        ga.GreenAPI(SENDER_ID, TOKEN, api_url=base_url, rate_limit=False, max_retries=0) as api,
    ):

        async def ours() -> object:
            return await api.sending.send_text(CHAT, "Your order #1017 has shipped")

        async def raw_httpx() -> object:
            body = {"chatId": CHAT, "message": "Your order #1017 has shipped"}
            return orjson.loads((await raw.post(url, json=body)).content)["idMessage"]

        yield {OURS: ours, RAW: raw_httpx}


async def _pace(base_url: str, sends: int) -> float:
    """Sends a second, one instance, pacing on, every send started at once."""
    async with ga.GreenAPI(SENDER_ID, TOKEN, api_url=base_url) as api:
        started = time.perf_counter()
        async with anyio.create_task_group() as group:
            for n in range(sends):
                group.start_soon(api.sending.send_text, CHAT, f"Message {n}")
        return sends / (time.perf_counter() - started)


async def _rows(base_url: str, calls: int, rounds: int) -> list[str]:
    async with contenders(base_url) as calls_by_name:
        for call in calls_by_name.values():  # warm up: connections, generated code
            await _sequential(call, 20)
        per_call = await _interleaved(
            calls_by_name, rounds, lambda call: _sequential(call, calls // rounds)
        )
    ratios = ratios_per_round(per_call, RAW)
    rows = [
        f"| {calls:,} sequential sends | {name} | {statistics.median(values) * 1e3:.3f} ms "
        f"| {with_spread(ratios[name])} |"
        for name, values in per_call.items()
    ]
    paces = [await _pace(base_url, 250) for _ in range(3)]
    rows.append(
        f"| 250 sends at once, pacing on | {OURS} | {statistics.median(paces):.1f} sends/s "
        f"({min(paces):.1f}-{max(paces):.1f}) | {statistics.median(paces) / 50:.2f} of 50/s |"
    )
    return rows


def send_table(calls: int = 1_000, rounds: int = 40) -> str:
    """A Markdown table: a send's time against a raw POST's, and one instance's pace."""
    with fake_server() as base_url:
        rows = anyio.run(_rows, base_url, calls, rounds)
    return "\n".join(
        [
            f"| workload | client | median | x raw httpx POST + orjson ({rounds} rounds) |",
            "|---|---|---:|---:|",
            *rows,
        ]
    )


if __name__ == "__main__":
    print(send_table(calls=200, rounds=8))
