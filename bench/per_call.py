"""A small call's cost against raw httpx on the same transport, and what safety costs.

The server is ``fleet_server.py``'s bare asyncio server in a process of its own (cheap
and steady, so that its latency does not blur the ratios), answering a 20-message
journal. The contenders take turns round by round, the order reversed every other
round, each on its own ``httpx.AsyncClient`` with the SDK's pool limits (connections
kept a minute: ``end_to_end.POOL_LIMITS`` says why):

- greenapi_async's ``journals.last_outgoing_messages()``, pacing and retries off, on
  a client lent to it;
- raw httpx: ``client.get(url)`` and ``json.loads`` of the body;
- the same with the URL parsed once (an ``httpx.URL``), as greenapi_async keeps it:
  given a string, httpx parses it on every call. The floors below start from it;
- that, with the responses closed as the SDK's are (``greenapi_async._closing``): on
  asyncio, awaited so that a ``Task.cancel()`` meanwhile waits for the close's end
  (httpcore 1.0.9 would otherwise keep the connection taken for ever). That is the floor
  of a call that survives cancellation on this transport;
- the same within a deadline for the whole exchange, as the SDK bounds each attempt (a
  cancel scope with a deadline and its timer), so that a body that trickles in cannot
  hold a call for ever: the floor of a call that keeps both promises;
- the same, its body decoded into typed messages by ``ga.decode_outgoing_messages``
  instead of ``json.loads``: what is left between it and the SDK is the client's own
  bookkeeping.

Each figure is the median over rounds of the contender's time over raw httpx's in the
same round, with the interquartile range; sequential calls, and calls 50 in flight.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import anyio
import httpx
from end_to_end import POOL_LIMITS, Call, _concurrent, _interleaved, _sequential, sdk_client
from fleet_server import TOKEN, fleet_server, instance_id
from spread import ratios_per_round, with_spread

import greenapi_async as ga
from greenapi_async._closing import closed_in_full

OURS = "greenapi_async"
RAW = "raw httpx + json.loads"
PARSED_RAW = "raw httpx + json.loads, the URL parsed once"
SAFE_RAW = "the same, closed as the SDK closes"
BOUNDED_RAW = "the same, within a whole-exchange deadline"
TYPED_RAW = "the same, decoded into typed messages"
IN_FLIGHT = 50
Decode = Callable[[bytes], Any]
# The deadline the SDK sets each attempt when given no timeout.
TIMEOUT: float = inspect.signature(ga.GreenAPI).parameters["timeout"].default


def _concurrent_rounds(rounds: int) -> int:
    return max(rounds // 2, 4)


async def per_call_rows(rounds: int) -> list[str]:
    """Markdown rows: each contender's ratio, sequential and 50 in flight."""
    with fleet_server(1, time.monotonic(), 5.0, 1) as (url, _):
        id_instance = instance_id(0)
        journal = f"{url}/waInstance{id_instance}/lastOutgoingMessages/{TOKEN}"
        async with (
            httpx.AsyncClient(limits=POOL_LIMITS) as raw,
            httpx.AsyncClient(limits=POOL_LIMITS) as parsed,
            httpx.AsyncClient(limits=POOL_LIMITS) as safe,
            httpx.AsyncClient(limits=POOL_LIMITS) as bounded,
            httpx.AsyncClient(limits=POOL_LIMITS) as typed,
            httpx.AsyncClient(limits=POOL_LIMITS) as own,
            sdk_client(url, id_instance, own) as api,
        ):

            async def ours() -> Any:
                return await api.journals.last_outgoing_messages()

            async def raw_call() -> Any:
                return json.loads((await raw.get(journal)).content)

            journal_url = httpx.URL(journal)

            async def parsed_raw_call() -> Any:
                return json.loads((await parsed.get(journal_url)).content)

            async def closed_safely(client: httpx.AsyncClient, decode: Decode) -> Any:
                # What get() does, with the close made safe as the SDK makes it.
                sent = await client.send(client.build_request("GET", journal_url), stream=True)
                response = closed_in_full(sent)
                try:
                    return decode(await response.aread())
                finally:
                    await response.aclose()

            async def within_deadline(client: httpx.AsyncClient, decode: Decode) -> Any:
                # As the SDK's attempt sets it: a scope with a deadline, checked after.
                with anyio.CancelScope(deadline=anyio.current_time() + TIMEOUT) as deadline:
                    result = await closed_safely(client, decode)
                if deadline.cancelled_caught:
                    raise TimeoutError
                return result

            calls: dict[str, Call] = {
                OURS: ours,
                RAW: raw_call,
                PARSED_RAW: parsed_raw_call,
                SAFE_RAW: functools.partial(closed_safely, safe, json.loads),
                BOUNDED_RAW: functools.partial(within_deadline, bounded, json.loads),
                TYPED_RAW: functools.partial(within_deadline, typed, ga.decode_outgoing_messages),
            }
            for call in calls.values():  # warm up: connections, generated code
                await _sequential(call, 100)
            sequential = ratios_per_round(
                await _interleaved(calls, rounds, lambda call: _sequential(call, 40)), RAW
            )
            concurrent = ratios_per_round(
                await _interleaved(
                    calls,
                    _concurrent_rounds(rounds),
                    lambda call: _concurrent(call, 400, IN_FLIGHT),
                ),
                RAW,
            )
    return [
        f"| {name} | {with_spread(sequential[name], 3)} | {with_spread(concurrent[name], 3)} |"
        for name in calls
    ]


def per_call_table(rounds: int) -> str:
    """The Markdown table of ``per_call_rows``."""
    rows = anyio.run(per_call_rows, rounds)
    return "\n".join(
        [
            f"| client, 20-message journal | sequential, x raw httpx ({rounds} rounds of 40) "
            f"| {IN_FLIGHT} in flight, x raw httpx ({_concurrent_rounds(rounds)} rounds of 400) |",
            "|---|---:|---:|",
            *rows,
        ]
    )


if __name__ == "__main__":
    print(per_call_table(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
